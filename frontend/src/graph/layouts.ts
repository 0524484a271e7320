/**
 * Where nodes go: rings around the focus (the start of the force-directed layout), the force-
 * directed layout itself (ForceAtlas2, run by layout.worker.ts), radial and timeline. Each is a
 * function of the graph alone, so that the same graph always gets the same picture, and a copied
 * link shows what its sender saw.
 */
import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import { KINDS } from "../api/documents";
import type { ExplorerGraph } from "./model";

/** A position for every node. */
export type Positions = Record<string, { x: number; y: number }>;

/** The distance between two rings. */
const RING_GAP = 10;
/** The room each node takes on a ring or in a column. */
const NODE_ROOM = 3;

function kindRank(kind: string): number {
  const i = (KINDS as readonly string[]).indexOf(kind);
  return i === -1 ? KINDS.length : i;
}

function byKindThenLabel(graph: ExplorerGraph) {
  return (a: string, b: string) => {
    const x = graph.getNodeAttributes(a);
    const y = graph.getNodeAttributes(b);
    return kindRank(x.kind) - kindRank(y.kind) || x.label.localeCompare(y.label) || (a < b ? -1 : a > b ? 1 : 0);
  };
}

/** The nodes by distance from the centre; unconnected ones on a ring beyond the farthest. */
function rings(graph: ExplorerGraph): string[][] {
  const out: string[][] = [];
  const loose: string[] = [];
  graph.forEachNode((node, attrs) => {
    if (attrs.distance === null) loose.push(node);
    else (out[attrs.distance] ??= []).push(node);
  });
  for (let i = 0; i < out.length; i++) out[i] ??= [];
  if (loose.length) out.push(loose);
  return out;
}

/**
 * The radial layout: the centre in the middle and every other node on a ring by its distance from
 * it, each ring ordered so that nodes sit near the neighbours they hang from (by the mean angle of
 * their neighbours on the ring inside), then by kind and label. Rings grow to give every node room.
 */
export function radialPositions(graph: ExplorerGraph): Positions {
  const positions: Positions = {};
  const angles = new Map<string, number>();
  const compare = byKindThenLabel(graph);
  let radius = 0;
  rings(graph).forEach((ring, i) => {
    if (i === 0) {
      for (const node of ring) {
        positions[node] = { x: 0, y: 0 };
        angles.set(node, 0);
      }
      return;
    }
    const parentAngle = (node: string): number => {
      let sum = 0;
      let n = 0;
      graph.forEachNeighbor(node, (other) => {
        const a = angles.get(other);
        if (a !== undefined && graph.getNodeAttribute(other, "distance") === i - 1) {
          sum += a;
          n++;
        }
      });
      return n === 0 ? Number.POSITIVE_INFINITY : sum / n;
    };
    const keyed = ring.map((node) => ({ node, parent: i === 1 ? 0 : parentAngle(node) }));
    keyed.sort((a, b) => a.parent - b.parent || compare(a.node, b.node));
    radius = Math.max(radius + RING_GAP, (keyed.length * NODE_ROOM) / (2 * Math.PI));
    const turn = i * 0.37; // so that spokes of successive rings do not line up
    keyed.forEach(({ node }, j) => {
      const angle = turn + (2 * Math.PI * j) / keyed.length;
      angles.set(node, angle % (2 * Math.PI));
      positions[node] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
  });
  return positions;
}

/** Where the force-directed layout starts: rings by distance, grouped by kind. */
export function ringPositions(graph: ExplorerGraph): Positions {
  const positions: Positions = {};
  const compare = byKindThenLabel(graph);
  let radius = 0;
  rings(graph).forEach((ring, i) => {
    ring.sort(compare);
    if (i === 0) {
      for (const node of ring) positions[node] = { x: 0, y: 0 };
      return;
    }
    radius = Math.max(radius + RING_GAP, (ring.length * NODE_ROOM) / (2 * Math.PI));
    const turn = i * 0.5;
    ring.forEach((node, j) => {
      const angle = turn + (2 * Math.PI * j) / ring.length;
      positions[node] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    });
  });
  return positions;
}

/** The width of a year on the timeline, and the height of a row. */
export const YEAR_WIDTH = 12;
export const ROW_HEIGHT = 4;

/** The year a node stands at on the timeline: a work's own, else the median of its works' years. */
export function timelineYear(graph: ExplorerGraph, node: string): number | null {
  const own = graph.getNodeAttribute(node, "year");
  if (own !== null) return own;
  const years: number[] = [];
  graph.forEachNeighbor(node, (_other, attrs) => {
    if (attrs.year !== null) years.push(attrs.year);
  });
  if (years.length === 0) return null;
  years.sort((a, b) => a - b);
  return years[Math.floor((years.length - 1) / 2)]!;
}

/**
 * The timeline: x is the year (a work's, or the median year of an entity's works; undated entities
 * in a column before the first year), and each kind has its band, nodes of the same year stacked
 * in it. Returns the positions and the first year, for the axis.
 */
export function timelinePositions(graph: ExplorerGraph): { positions: Positions; firstYear: number | null; lastYear: number | null } {
  const year = new Map<string, number | null>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  graph.forEachNode((node) => {
    const y = timelineYear(graph, node);
    year.set(node, y);
    if (y !== null) {
      first = Math.min(first, y);
      last = Math.max(last, y);
    }
  });
  const hasYears = first <= last;
  const column = (node: string) => {
    const y = year.get(node) ?? null;
    return y === null || !hasYears ? -2 : y - first;
  };
  // Stack nodes sharing a kind and a column; each band is as tall as its tallest stack.
  const cells = new Map<string, string[]>();
  const compare = byKindThenLabel(graph);
  const nodes = graph.nodes().sort(compare);
  for (const node of nodes) {
    const key = `${graph.getNodeAttribute(node, "kind")}\u0000${column(node)}`;
    (cells.get(key) ?? cells.set(key, []).get(key)!).push(node);
  }
  const bandHeight = new Map<string, number>();
  for (const [key, list] of cells) {
    const kind = key.split("\u0000")[0]!;
    bandHeight.set(kind, Math.max(bandHeight.get(kind) ?? 0, list.length));
  }
  const kinds = [...bandHeight.keys()].sort((a, b) => kindRank(a) - kindRank(b) || a.localeCompare(b));
  const bandTop = new Map<string, number>();
  let top = 0;
  for (const kind of kinds) {
    bandTop.set(kind, top);
    top += (bandHeight.get(kind)! + 1) * ROW_HEIGHT;
  }
  const positions: Positions = {};
  for (const [key, list] of cells) {
    const kind = key.split("\u0000")[0]!;
    const height = bandHeight.get(kind)!;
    list.forEach((node, i) => {
      const offset = (height - list.length) / 2 + i; // centre short stacks in the band
      // Sigma's y axis points up: the first band on top.
      positions[node] = { x: column(node) * YEAR_WIDTH, y: -(bandTop.get(kind)! + offset * ROW_HEIGHT) };
    });
  }
  return { positions, firstYear: hasYears ? first : null, lastYear: hasYears ? last : null };
}

/** ForceAtlas2 settings suited to a graph of `order` nodes. */
export function forceSettings(order: number): ForceAtlas2Settings {
  return {
    ...forceAtlas2.inferSettings(order),
    adjustSizes: false,
    barnesHutOptimize: order > 400,
  };
}

/** How many ForceAtlas2 iterations a graph of `order` nodes gets: fewer for larger graphs. */
export function forceIterations(order: number): number {
  if (order <= 300) return 300;
  if (order <= 2000) return 150;
  return 80;
}

/** The input of the force-directed layout: the graph as flat arrays, for the worker. */
export interface ForceInput {
  nodes: string[];
  x: Float64Array;
  y: Float64Array;
  size: Float64Array;
  fixed: Uint8Array;
  sources: Uint32Array;
  targets: Uint32Array;
}

/** Flattens the graph for the force-directed layout, starting from the ring positions. */
export function forceInput(graph: ExplorerGraph): ForceInput {
  const start = ringPositions(graph);
  const nodes = graph.nodes();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const x = new Float64Array(nodes.length);
  const y = new Float64Array(nodes.length);
  const size = new Float64Array(nodes.length);
  const fixed = new Uint8Array(nodes.length);
  nodes.forEach((node, i) => {
    x[i] = start[node]!.x;
    y[i] = start[node]!.y;
    size[i] = graph.getNodeAttribute(node, "size");
    fixed[i] = graph.getNodeAttribute(node, "fixed") ? 1 : 0;
  });
  const sources = new Uint32Array(graph.size);
  const targets = new Uint32Array(graph.size);
  let e = 0;
  graph.forEachEdge((_edge, _attrs, source, target) => {
    sources[e] = index.get(source)!;
    targets[e] = index.get(target)!;
    e++;
  });
  return { nodes, x, y, size, fixed, sources, targets };
}
