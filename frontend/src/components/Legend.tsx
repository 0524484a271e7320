import { KINDS } from "../api/documents";
import { KIND_STYLES } from "../graph/kinds";
import { KindDot } from "./KindBadge";

/** The colour of each kind, with how many entities of it the chart shows. */
export function Legend({ counts }: { counts: ReadonlyMap<string, number> }) {
  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="legend-heading">
        Kinds
      </h2>
      <ul>
        {KINDS.map((kind) => {
          const count = counts.get(kind) ?? 0;
          return (
            <li key={kind} className={count === 0 ? "absent" : undefined}>
              <KindDot kind={kind} />
              {KIND_STYLES[kind].plural}
              <span className="count">{count}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
