import type { ExplorerGraph } from "../../graph/model";
import { shorten } from "./appearance";

interface EdgeTooltipProps {
  graph: ExplorerGraph;
  edge: string;
  /** Where the pointer met the edge, in pixels from the canvas's top left corner. */
  x: number;
  y: number;
}

/** What a hovered edge means: its ends, its type, its properties and where it came from. */
export function EdgeTooltip({ graph, edge, x, y }: EdgeTooltipProps) {
  const { relation, properties, provenance } = graph.getEdgeAttributes(edge);
  const [source, target] = graph.extremities(edge);
  return (
    <div className="edge-tooltip" aria-hidden="true" style={{ left: x + 12, top: y + 12 }}>
      <div>
        {shorten(graph.getNodeAttribute(source, "label"), 40)} <strong className="relation">{relation}</strong> →{" "}
        {shorten(graph.getNodeAttribute(target, "label"), 40)}
      </div>
      {properties.length > 0 && <div className="muted">{properties.map((p) => `${p.key}: ${p.value}`).join(", ")}</div>}
      {provenance.map((p, i) => (
        <div key={i} className="muted">
          Source: {p.source}
          {p.record && ` (${p.record})`}
          {p.curator && `, by ${p.curator}`}
          {`, added ${p.addedAt.slice(0, 10)}`}
        </div>
      ))}
    </div>
  );
}
