import { useRef } from "react";
import type { ExplorerGraph } from "../../graph/model";
import { EdgeTooltip } from "./EdgeTooltip";
import { useInteraction } from "./useInteraction";
import { useLayoutWorker } from "./useLayoutWorker";
import { useSigma } from "./useSigma";
import { ZoomControls } from "./ZoomControls";

interface GraphViewProps {
  graph: ExplorerGraph;
  /** Whether the graph still needs the layout worker to settle. */
  needsWorker: boolean;
  /** An entity highlighted from outside the canvas, such as a list item with keyboard focus. */
  highlighted: string | null;
  /** Called with the entity the reader clicked. */
  onSelect: (id: string) => void;
  /** The accessible description of the picture. */
  description: string;
}

/** The graph of relations drawn with sigma (WebGL): hover to bring a neighbourhood forward, click to recentre. */
export function GraphView({ graph, needsWorker, highlighted, onSelect, description }: GraphViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const sigma = useSigma(container, graph);
  useLayoutWorker(graph, needsWorker);
  const hoveredEdge = useInteraction(sigma, graph, highlighted, onSelect);

  return (
    <div className="graph-view">
      <div ref={container} className="graph-canvas" role="img" aria-label={description} />
      {hoveredEdge && graph.hasEdge(hoveredEdge.edge) && <EdgeTooltip graph={graph} {...hoveredEdge} />}
      <ZoomControls sigma={sigma} />
    </div>
  );
}
