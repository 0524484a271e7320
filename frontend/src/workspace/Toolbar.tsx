import type { ReactNode } from "react";
import {
  COLOR_BYS,
  DEPTHS,
  LAYOUTS,
  PRESENTATIONS,
  SIZE_BYS,
  type ColorBy,
  type Depth,
  type GraphView,
  type LayoutName,
  type Presentation,
  type SizeBy,
  type ViewAction,
} from "../state/view";

const PRESENTATION_LABELS: Record<Presentation, string> = { graph: "Graph", list: "List", table: "Table" };
const LAYOUT_LABELS: Record<LayoutName, string> = { force: "Force-directed", radial: "Radial", timeline: "Timeline" };
const SIZE_LABELS: Record<SizeBy, string> = { degree: "Relations", centrality: "Centrality" };
const COLOR_LABELS: Record<ColorBy, string> = { kind: "Kind", community: "Community", centrality: "Centrality" };

function Select<T extends string | number>({
  label,
  value,
  options,
  labels,
  onChange,
  name,
}: {
  label: string;
  value: T;
  options: readonly T[];
  labels: (v: T) => string;
  onChange: (v: T) => void;
  name: string;
}) {
  return (
    <label className="tool">
      <span>{label}</span>
      <select name={name} value={String(value)} onChange={(e) => onChange(options.find((o) => String(o) === e.target.value)!)}>
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {labels(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The controls of the workspace: graph, list or table; depth; layout; size and colour; and extra tools. */
export function Toolbar({ view, dispatch, children }: { view: GraphView; dispatch: (a: ViewAction) => void; children?: ReactNode }) {
  return (
    <div className="toolbar" role="toolbar" aria-label="View controls">
      <div className="segmented" role="group" aria-label="Show as">
        {PRESENTATIONS.map((p) => (
          <button key={p} type="button" aria-pressed={view.presentation === p} onClick={() => dispatch({ type: "present", presentation: p })}>
            {PRESENTATION_LABELS[p]}
          </button>
        ))}
      </div>
      <Select<Depth>
        name="depth"
        label="Depth"
        value={view.depth}
        options={DEPTHS}
        labels={(d) => (d === 1 ? "1 hop" : `${d} hops`)}
        onChange={(depth) => dispatch({ type: "depth", depth })}
      />
      <Select<LayoutName>
        name="layout"
        label="Layout"
        value={view.layout}
        options={LAYOUTS}
        labels={(l) => LAYOUT_LABELS[l]}
        onChange={(layout) => dispatch({ type: "layout", layout })}
      />
      <Select<SizeBy>
        name="size"
        label="Size"
        value={view.sizeBy}
        options={SIZE_BYS}
        labels={(s) => SIZE_LABELS[s]}
        onChange={(sizeBy) => dispatch({ type: "sizeBy", sizeBy })}
      />
      <Select<ColorBy>
        name="color"
        label="Colour"
        value={view.colorBy}
        options={COLOR_BYS}
        labels={(c) => COLOR_LABELS[c]}
        onChange={(colorBy) => dispatch({ type: "colorBy", colorBy })}
      />
      {children}
    </div>
  );
}
