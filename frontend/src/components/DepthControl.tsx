import { DEPTHS, type Depth } from "../state/view";

interface DepthControlProps {
  depth: Depth;
  onChange: (depth: Depth) => void;
}

/** Chooses how many hops around the focus are drawn. */
export function DepthControl({ depth, onChange }: DepthControlProps) {
  return (
    <fieldset className="depth-control">
      <legend>Depth</legend>
      {DEPTHS.map((d) => (
        <label key={d}>
          <input type="radio" name="depth" value={d} checked={depth === d} onChange={() => onChange(d)} />
          {d === 1 ? "1 hop" : `${d} hops`}
        </label>
      ))}
    </fieldset>
  );
}
