import { useEffect, useRef, useState } from "react";
import type { ExplorerGraph } from "../../graph/model";
import { edgeAppearance, interactionFor, nodeAppearance, NOT_POINTING, type Interaction, type Pointing } from "./appearance";
import type { ExplorerSigma } from "./useSigma";

/** How long the pointer must rest on something before the picture follows it. */
export const HOVER_DEBOUNCE_MS = 40;

/** The edge under the pointer and where the pointer met it, for the tooltip. */
export interface HoveredEdge {
  edge: string;
  x: number;
  y: number;
}

/**
 * Wires hover, click and the outside highlight into sigma. Appearance changes go through the node
 * and edge reducers and `refresh({ skipIndexation: true })`; the graph itself is never touched.
 * Returns the hovered edge, for the tooltip.
 */
export function useInteraction(
  sigma: ExplorerSigma | null,
  graph: ExplorerGraph,
  highlighted: string | null,
  onSelect: (node: string) => void,
): HoveredEdge | null {
  const pointing = useRef<Pointing>(NOT_POINTING);
  const interaction = useRef<Interaction>(interactionFor(graph, NOT_POINTING));
  const onSelectRef = useRef(onSelect);
  const [hoveredEdge, setHoveredEdge] = useState<HoveredEdge | null>(null);

  useEffect(() => {
    onSelectRef.current = onSelect;
  }, [onSelect]);

  // Reducers and pointer events, once per renderer.
  useEffect(() => {
    if (!sigma) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const point = (change: Partial<Pointing>) => {
      pointing.current = { ...pointing.current, ...change };
      clearTimeout(timer);
      timer = setTimeout(() => redraw(sigma, pointing.current, interaction), HOVER_DEBOUNCE_MS);
    };
    const setCursor = (cursor: string) => {
      sigma.getContainer().style.cursor = cursor;
    };

    sigma.setSetting("nodeReducer", (node, data) => nodeAppearance(node, data, interaction.current));
    sigma.setSetting("edgeReducer", (edge, data) =>
      edgeAppearance(sigma.getGraph(), edge, data, interaction.current),
    );
    sigma.on("enterNode", ({ node }) => {
      setCursor("pointer");
      point({ hoveredNode: node });
    });
    sigma.on("leaveNode", () => {
      setCursor("");
      point({ hoveredNode: null });
    });
    sigma.on("enterEdge", ({ edge, event }) => {
      setCursor("help");
      setHoveredEdge({ edge, x: event.x, y: event.y });
      point({ hoveredEdge: edge });
    });
    sigma.on("leaveEdge", () => {
      setCursor("");
      setHoveredEdge(null);
      point({ hoveredEdge: null });
    });
    sigma.on("clickNode", ({ node }) => onSelectRef.current(node));

    return () => {
      clearTimeout(timer);
      sigma.removeAllListeners();
    };
  }, [sigma]);

  // A new graph: forget what was hovered in the old one.
  useEffect(() => {
    pointing.current = { ...pointing.current, hoveredNode: null, hoveredEdge: null };
    setHoveredEdge(null);
    if (sigma) redraw(sigma, pointing.current, interaction);
  }, [sigma, graph]);

  // The highlight from outside the canvas (a focused list item), applied at once.
  useEffect(() => {
    pointing.current = { ...pointing.current, highlighted };
    if (sigma) redraw(sigma, pointing.current, interaction);
  }, [sigma, highlighted]);

  return hoveredEdge;
}

function redraw(sigma: ExplorerSigma, pointing: Pointing, interaction: { current: Interaction }): void {
  interaction.current = interactionFor(sigma.getGraph(), pointing);
  sigma.refresh({ skipIndexation: true });
}
