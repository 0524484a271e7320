import { useEffect, useId, useRef, useState } from "react";
import { KINDS } from "../api/documents";
import { KindDot } from "../components/KindBadge";
import { KIND_STYLES } from "../graph/kinds";
import type { Tally } from "../graph/visibility";
import { relationName } from "../graph/wording";
import type { GraphView, ViewAction } from "../state/view";

interface FilterPanelProps {
  view: GraphView;
  dispatch: (action: ViewAction) => void;
  kinds: ReadonlyMap<string, Tally>;
  relations: ReadonlyMap<string, Tally>;
  /** The years the graph spans, or null when nothing in it is dated. */
  bounds: [number, number] | null;
}

/** Filters by kind, by relationship type and by a range of years; they hide, and never reload. */
export function FilterPanel({ view, dispatch, kinds, relations, bounds }: FilterPanelProps) {
  const filtered = view.hiddenKinds.length > 0 || view.hiddenRelations.length > 0 || view.years !== null;
  const relationTypes = [...new Set([...relations.keys(), ...view.hiddenRelations])].sort();
  return (
    <details className="panel-section filters" open>
      <summary>
        <h2>Filters</h2>
        {filtered && <span className="badge">on</span>}
      </summary>
      <fieldset>
        <legend>Kinds</legend>
        {KINDS.filter((k) => kinds.has(k) || view.hiddenKinds.includes(k)).map((kind) => {
          const t = kinds.get(kind) ?? { total: 0, shown: 0 };
          return (
            <label key={kind} className="check">
              <input type="checkbox" checked={!view.hiddenKinds.includes(kind)} onChange={() => dispatch({ type: "toggleKind", kind })} />
              <KindDot kind={kind} />
              {KIND_STYLES[kind].plural}
              <span className="count">{t.total}</span>
            </label>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>Relations</legend>
        {relationTypes.map((relation) => (
          <label key={relation} className="check">
            <input
              type="checkbox"
              checked={!view.hiddenRelations.includes(relation)}
              onChange={() => dispatch({ type: "toggleRelation", relation })}
            />
            <span className="relation">{relationName(relation)}</span>
            <span className="count">{relations.get(relation)?.total ?? 0}</span>
          </label>
        ))}
      </fieldset>
      {bounds && <YearRange bounds={bounds} years={view.years} onChange={(years) => dispatch({ type: "years", years })} />}
      {filtered && (
        <button type="button" className="link-button" onClick={() => dispatch({ type: "showAll" })}>
          Show everything
        </button>
      )}
    </details>
  );
}

/** How long the year sliders rest before the graph follows. */
export const YEAR_COMMIT_MS = 250;

/**
 * Two sliders for the first and last year shown, applying to works and to dated relationships.
 * The numbers follow the thumbs at once; the graph follows once they rest for a moment.
 */
export function YearRange({
  bounds,
  years,
  onChange,
}: {
  bounds: [number, number];
  years: [number, number] | null;
  onChange: (years: [number, number] | null) => void;
}) {
  const id = useId();
  const [min, max] = [Math.min(bounds[0], years?.[0] ?? bounds[0]), Math.max(bounds[1], years?.[1] ?? bounds[1])];
  const [draft, setDraft] = useState<[number, number]>(years ?? [min, max]);
  useEffect(() => setDraft(years ?? [min, max]), [years, min, max]);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const set = (which: 0 | 1, value: number) => {
    const next: [number, number] = which === 0 ? [Math.min(value, draft[1]), draft[1]] : [draft[0], Math.max(value, draft[0])];
    setDraft(next);
    clearTimeout(pending.current);
    pending.current = setTimeout(() => onChange(next[0] <= min && next[1] >= max ? null : next), YEAR_COMMIT_MS);
  };
  return (
    <fieldset className="year-range">
      <legend>
        Years <span className="count">{draft[0] === draft[1] ? draft[0] : `${draft[0]}–${draft[1]}`}</span>
      </legend>
      {min === max ? (
        <p className="muted">Everything dated is from {min}.</p>
      ) : (
        <>
          <label htmlFor={`${id}-from`}>From</label>
          <input
            id={`${id}-from`}
            type="range"
            min={min}
            max={max}
            step={1}
            value={draft[0]}
            onChange={(e) => set(0, Number(e.target.value))}
          />
          <label htmlFor={`${id}-to`}>To</label>
          <input
            id={`${id}-to`}
            type="range"
            min={min}
            max={max}
            step={1}
            value={draft[1]}
            onChange={(e) => set(1, Number(e.target.value))}
          />
        </>
      )}
    </fieldset>
  );
}
