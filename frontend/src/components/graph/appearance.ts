/**
 * How hover, keyboard highlight and the centre change the look of nodes and edges. These are the
 * bodies of sigma's nodeReducer and edgeReducer: they never touch the graph, and they leave
 * positions, node sizes and z-order alone, so a change of interaction costs only
 * `refresh({ skipIndexation: true })`.
 */
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { EdgeAttributes, ExplorerGraph, NodeAttributes } from "../../graph/model";

/** The colour of nodes and edges pushed into the background by a highlight. */
export const FADED_COLOR = "#dfe3e8";
/** The colour of edges touching the highlighted entity. */
export const ACTIVE_EDGE_COLOR = "#3d4752";
/** The colour of the hovered edge. */
export const HOVERED_EDGE_COLOR = "#111418";
/** Labels longer than this are shortened on the canvas (the side panel shows them in full). */
export const MAX_LABEL_LENGTH = 48;

/** What the pointer and the keyboard are pointing at. */
export interface Pointing {
  /** The node under the pointer. */
  hoveredNode: string | null;
  /** The edge under the pointer. */
  hoveredEdge: string | null;
  /** The node highlighted from outside the canvas, such as a focused list item. */
  highlighted: string | null;
}

/** Nobody is pointing at anything. */
export const NOT_POINTING: Pointing = { hoveredNode: null, hoveredEdge: null, highlighted: null };

/** What the reducers need to know, computed once per change rather than once per node. */
export interface Interaction {
  centre: string | null;
  /** The node whose neighbourhood is brought forward: the hovered node, else the highlighted one. */
  active: string | null;
  /** The neighbours of the active node. */
  neighbours: ReadonlySet<string>;
  hoveredEdge: string | null;
  /** The two ends of the hovered edge. */
  hoveredEnds: ReadonlySet<string>;
}

/** Works out the interaction for the graph and what is being pointed at. */
export function interactionFor(graph: ExplorerGraph, pointing: Pointing): Interaction {
  const has = (node: string | null) => (node !== null && graph.hasNode(node) ? node : null);
  const active = has(pointing.hoveredNode) ?? has(pointing.highlighted);
  const hoveredEdge = pointing.hoveredEdge !== null && graph.hasEdge(pointing.hoveredEdge) ? pointing.hoveredEdge : null;
  return {
    centre: graph.getAttribute("centre") ?? null,
    active,
    neighbours: new Set(active === null ? [] : graph.neighbors(active)),
    hoveredEdge,
    hoveredEnds: new Set(hoveredEdge === null ? [] : graph.extremities(hoveredEdge)),
  };
}

/** Shortens a label to `max` characters, ending it with an ellipsis. */
export function shorten(label: string, max = MAX_LABEL_LENGTH): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** The node reducer: how a node looks under the current interaction. */
export function nodeAppearance(node: string, data: NodeAttributes, state: Interaction): Partial<NodeDisplayData> {
  const display: Partial<NodeDisplayData> = { ...data, label: shorten(data.label) };
  if (node === state.centre) {
    display.forceLabel = true;
    display.highlighted = true;
  }
  if (state.hoveredEnds.has(node)) {
    display.forceLabel = true;
  }
  if (state.active !== null) {
    if (node === state.active) {
      display.label = data.label;
      display.forceLabel = true;
      display.highlighted = true;
    } else if (state.neighbours.has(node)) {
      display.forceLabel = true;
    } else if (node !== state.centre) {
      display.color = FADED_COLOR;
      display.label = null;
    }
  }
  return display;
}

/** The edge reducer: how an edge looks under the current interaction. */
export function edgeAppearance(
  graph: ExplorerGraph,
  edge: string,
  data: EdgeAttributes,
  state: Interaction,
): Partial<EdgeDisplayData> {
  const display: Partial<EdgeDisplayData> = { ...data, label: null };
  if (edge === state.hoveredEdge) {
    return { ...display, color: HOVERED_EDGE_COLOR, size: 3, label: data.relation, forceLabel: true };
  }
  if (state.active !== null) {
    const [source, target] = graph.extremities(edge);
    if (source === state.active || target === state.active) {
      return { ...display, color: ACTIVE_EDGE_COLOR, size: 2, label: data.relation };
    }
    return { ...display, color: FADED_COLOR };
  }
  return display;
}
