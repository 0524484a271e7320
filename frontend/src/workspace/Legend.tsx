import { KINDS } from "../api/documents";
import { ShapeIcon } from "../components/KindBadge";
import { KIND_STYLES } from "../graph/kinds";
import { CENTRALITY_RAMP, communityColor } from "../graph/palette";
import { KIND_SHAPES } from "../graph/shapes";
import type { Tally } from "../graph/visibility";
import type { ColorBy, SizeBy } from "../state/view";

interface LegendProps {
  kinds: ReadonlyMap<string, Tally>;
  colorBy: ColorBy;
  sizeBy: SizeBy;
  communitySizes: number[] | null;
}

/** What the shapes, colours and sizes mean, with how many entities of each kind are shown. */
export function Legend({ kinds, colorBy, sizeBy, communitySizes }: LegendProps) {
  const byKind = colorBy === "kind";
  return (
    <section className="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading" className="legend-heading">
        Legend
      </h2>
      <ul>
        {KINDS.map((kind) => {
          const t = kinds.get(kind);
          if (!t) return null;
          return (
            <li key={kind}>
              <ShapeIcon shape={KIND_SHAPES[kind]} color={byKind ? KIND_STYLES[kind].color : "#4d5966"} />
              {KIND_STYLES[kind].plural}
              <span className="count">{t.shown === t.total ? t.total : `${t.shown} of ${t.total}`}</span>
            </li>
          );
        })}
      </ul>
      {colorBy === "community" && communitySizes && (
        <ul className="legend-communities" aria-label="Colours: communities, largest first">
          {communitySizes.slice(0, 6).map((n, i) => (
            <li key={i}>
              <ShapeIcon shape="circle" color={communityColor(i)} />
              Community {i + 1}
              <span className="count">{n}</span>
            </li>
          ))}
          {communitySizes.length > 6 && <li className="muted">and {communitySizes.length - 6} smaller</li>}
        </ul>
      )}
      {colorBy === "centrality" && (
        <p className="legend-ramp">
          <span>Colour: centrality, low</span>
          <span className="ramp" aria-hidden="true" style={{ background: `linear-gradient(to right, ${CENTRALITY_RAMP.join(", ")})` }} />
          <span>high</span>
        </p>
      )}
      <p className="legend-note">Size: {sizeBy === "degree" ? "relations shown" : "centrality (PageRank)"}</p>
    </section>
  );
}
