/**
 * How nodes and edges look: the bodies of sigma's nodeReducer and edgeReducer. They never touch
 * the graph. Filters hide through the `hidden` flag; colour and size follow the chosen appearance;
 * the focus, the selection, the keyboard cursor, what is pointed at and the paths asked for are
 * brought forward and the rest faded. A change of any of these costs only a reducer pass
 * (`refresh({ skipIndexation: true })`), never a rebuild.
 */
import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { EdgeAttributes, ExplorerGraph, NodeAttributes } from "../../graph/model";
import { kindShape, SHAPE_CODES } from "../../graph/shapes";
import { ALL_VISIBLE, type Visibility } from "../../graph/visibility";

/** The colour of nodes and edges pushed into the background. */
export const FADED_COLOR = "#e3e7eb";
/** The colour of edges touching the node pointed at. */
export const ACTIVE_EDGE_COLOR = "#3d4752";
/** The colour of the hovered edge. */
export const HOVERED_EDGE_COLOR = "#111418";
/** The colour of the edges of the paths asked for. */
export const PATH_EDGE_COLOR = "#c2410c";
/** Labels longer than this are shortened on the canvas (the panels show them in full). */
export const MAX_LABEL_LENGTH = 40;

/** Label priorities: higher labels are kept when labels would overlap. */
export const PRIORITY = { centre: 100, selected: 95, cursor: 90, active: 85, path: 70, neighbour: 60 } as const;

/** What the pointer and the keyboard are pointing at. */
export interface Pointing {
  hoveredNode: string | null;
  hoveredEdge: string | null;
  /** The node highlighted from outside the canvas, such as a list item with focus. */
  highlighted: string | null;
  /** The node the keyboard is on. */
  cursor: string | null;
}

/** Nobody is pointing at anything. */
export const NOT_POINTING: Pointing = { hoveredNode: null, hoveredEdge: null, highlighted: null, cursor: null };

/**
 * Graphs larger than this do not fade everything else when a node is pointed at: the neighbourhood
 * is brought forward alone, so that pointing costs a pass over that neighbourhood rather than over
 * the whole graph.
 */
export const FADE_MAX_ORDER = 3000;

/** Everything the reducers need, computed once per change rather than once per node. */
export interface Scene {
  centre: string | null;
  /** Whether pointing at something fades the rest (small graphs). */
  fade: boolean;
  visibility: Visibility;
  /** Colours by node when colouring by community or centrality; null to colour by kind. */
  colors: ReadonlyMap<string, string> | null;
  /** Sizes by node when sizing by centrality; null to size by degree. */
  sizes: ReadonlyMap<string, number> | null;
  selected: string | null;
  cursor: string | null;
  /** The node whose neighbourhood is brought forward: hovered, else highlighted, else the cursor. */
  active: string | null;
  neighbours: ReadonlySet<string>;
  hoveredEdge: string | null;
  hoveredEnds: ReadonlySet<string>;
  pathNodes: ReadonlySet<string>;
  pathEdges: ReadonlySet<string>;
}

/** What the scene is made of, besides the pointing. */
export interface SceneInput {
  visibility?: Visibility;
  colors?: ReadonlyMap<string, string> | null;
  sizes?: ReadonlyMap<string, number> | null;
  selected?: string | null;
  pathNodes?: ReadonlySet<string>;
  pathEdges?: ReadonlySet<string>;
}

const EMPTY = new Set<string>();

/** Works out the scene for the graph, the view and what is pointed at. */
export function sceneFor(graph: ExplorerGraph, input: SceneInput, pointing: Pointing): Scene {
  const visibility = input.visibility ?? ALL_VISIBLE;
  const has = (node: string | null | undefined) =>
    node != null && graph.hasNode(node) && !visibility.hiddenNodes.has(node) ? node : null;
  const active = has(pointing.hoveredNode) ?? has(pointing.highlighted) ?? has(pointing.cursor);
  const hoveredEdge = pointing.hoveredEdge !== null && graph.hasEdge(pointing.hoveredEdge) ? pointing.hoveredEdge : null;
  return {
    centre: graph.getAttribute("centre") ?? null,
    fade: graph.order <= FADE_MAX_ORDER,
    visibility,
    colors: input.colors ?? null,
    sizes: input.sizes ?? null,
    selected: has(input.selected),
    cursor: has(pointing.cursor),
    active,
    neighbours: active === null ? EMPTY : new Set(graph.neighbors(active)),
    hoveredEdge,
    hoveredEnds: hoveredEdge === null ? EMPTY : new Set(graph.extremities(hoveredEdge)),
    pathNodes: input.pathNodes ?? EMPTY,
    pathEdges: input.pathEdges ?? EMPTY,
  };
}

/** Shortens a label to `max` characters, ending it with an ellipsis. */
export function shorten(label: string, max = MAX_LABEL_LENGTH): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}

/** The display data the explorer adds to sigma's: the shape and the label's priority. */
export type ExplorerNodeDisplay = Partial<NodeDisplayData> & { shape: number; labelPriority: number };

/** The node reducer: how a node looks in the scene. */
export function nodeAppearance(node: string, data: NodeAttributes, scene: Scene): ExplorerNodeDisplay {
  const display: ExplorerNodeDisplay = {
    x: data.x,
    y: data.y,
    label: shorten(data.label),
    color: scene.colors?.get(node) ?? data.color,
    size: scene.sizes?.get(node) ?? data.size,
    shape: SHAPE_CODES[kindShape(data.kind)],
    labelPriority: 0,
    zIndex: 0,
  };
  if (scene.visibility.hiddenNodes.has(node)) {
    display.hidden = true;
    return display;
  }
  const focusing = scene.pathNodes.size > 0 || (scene.fade && scene.active !== null);
  let priority = 0;
  if (node === scene.centre) priority = PRIORITY.centre;
  else if (node === scene.selected) priority = PRIORITY.selected;
  else if (node === scene.cursor) priority = PRIORITY.cursor;
  else if (node === scene.active) priority = PRIORITY.active;
  else if (scene.pathNodes.has(node)) priority = PRIORITY.path;
  else if (scene.neighbours.has(node) || scene.hoveredEnds.has(node)) priority = PRIORITY.neighbour;

  if (priority > 0) {
    display.forceLabel = true;
    display.labelPriority = priority;
    display.zIndex = 1;
    if (node === scene.active || node === scene.selected || node === scene.cursor) {
      display.highlighted = true;
      display.label = data.label;
    }
  } else if (focusing) {
    display.color = FADED_COLOR;
    display.label = null;
  }
  return display;
}

/** The edge reducer: how an edge looks in the scene. */
export function edgeAppearance(graph: ExplorerGraph, edge: string, data: EdgeAttributes, scene: Scene): Partial<EdgeDisplayData> {
  const display: Partial<EdgeDisplayData> = { color: data.color, size: data.size, label: null, zIndex: 0 };
  if (scene.visibility.hiddenEdges.has(edge)) {
    display.hidden = true;
    return display;
  }
  if (edge === scene.hoveredEdge) {
    return { ...display, color: HOVERED_EDGE_COLOR, size: 3, label: data.relation, forceLabel: true, zIndex: 2 };
  }
  if (scene.pathEdges.has(edge)) {
    return { ...display, color: PATH_EDGE_COLOR, size: 3, label: data.relation, forceLabel: true, zIndex: 1 };
  }
  if (scene.active !== null) {
    const [source, target] = graph.extremities(edge);
    if (source === scene.active || target === scene.active) {
      return { ...display, color: ACTIVE_EDGE_COLOR, size: 2, label: data.relation, forceLabel: true, zIndex: 1 };
    }
    if (scene.fade) return { ...display, color: FADED_COLOR };
  }
  if (scene.pathNodes.size > 0) return { ...display, color: FADED_COLOR };
  return display;
}

/**
 * The nodes and edges whose look depends on what is pointed at: the pointed node, its neighbours
 * and its edges, the hovered edge and its ends, and the keyboard cursor. When only the pointing
 * changes in a large graph, these (before and after) are all that must be redrawn.
 */
export function pointedItems(graph: ExplorerGraph, scene: Scene): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  if (scene.active !== null) {
    nodes.add(scene.active);
    scene.neighbours.forEach((n) => nodes.add(n));
    graph.forEachEdge(scene.active, (edge) => {
      edges.add(edge);
    });
  }
  if (scene.cursor !== null) nodes.add(scene.cursor);
  if (scene.hoveredEdge !== null) edges.add(scene.hoveredEdge);
  scene.hoveredEnds.forEach((n) => nodes.add(n));
  return { nodes, edges };
}

function focusing(scene: Scene): boolean {
  return scene.pathNodes.size > 0 || (scene.fade && scene.active !== null);
}

function symmetricDifference(a: ReadonlySet<string>, b: ReadonlySet<string>, into: Set<string>): void {
  if (a === b) return;
  a.forEach((x) => {
    if (!b.has(x)) into.add(x);
  });
  b.forEach((x) => {
    if (!a.has(x)) into.add(x);
  });
}

/**
 * The nodes and edges whose look differs between two scenes, when that can be told without a pass
 * over everything: colours, sizes and paths unchanged, and nothing faded in either. Then a change of
 * filter, selection or pointing redraws only what it touches. Null when a full pass is needed.
 */
export function sceneDiff(graph: ExplorerGraph, before: Scene, after: Scene): { nodes: Set<string>; edges: Set<string> } | null {
  if (before.colors !== after.colors || before.sizes !== after.sizes) return null;
  if (before.pathNodes !== after.pathNodes || before.pathEdges !== after.pathEdges) return null;
  if (focusing(before) || focusing(after) || before.centre !== after.centre) return null;
  const nodes = new Set<string>();
  const edges = new Set<string>();
  symmetricDifference(before.visibility.hiddenNodes, after.visibility.hiddenNodes, nodes);
  symmetricDifference(before.visibility.hiddenEdges, after.visibility.hiddenEdges, edges);
  for (const scene of [before, after]) {
    if (scene.selected !== null) nodes.add(scene.selected);
    const pointed = pointedItems(graph, scene);
    pointed.nodes.forEach((n) => nodes.add(n));
    pointed.edges.forEach((e) => edges.add(e));
  }
  for (const n of [...nodes]) if (!graph.hasNode(n)) nodes.delete(n);
  for (const e of [...edges]) if (!graph.hasEdge(e)) edges.delete(e);
  return { nodes, edges };
}
