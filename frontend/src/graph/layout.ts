/**
 * Positions for the explorer's graph: rings around the centre by distance, then ForceAtlas2.
 * Small graphs are settled here, synchronously; larger ones by the worker in useLayout.
 */
import forceAtlas2, { type ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import type { ExplorerGraph } from "./model";

/** The largest graph settled synchronously; above it the layout runs in a web worker. */
export const SYNC_LAYOUT_MAX_ORDER = 300;

/** The distance between two rings. */
const RING_GAP = 10;

/**
 * Places the centre at the origin and every other entity on a ring whose radius grows with its
 * distance from the centre, grouped by kind around the ring. Entities not connected to the centre
 * go on an outer ring.
 */
export function placeInRings(graph: ExplorerGraph): void {
  const rings = new Map<number, string[]>();
  let farthest = 0;
  graph.forEachNode((_node, attrs) => {
    if (attrs.distance !== null) farthest = Math.max(farthest, attrs.distance);
  });
  graph.forEachNode((node, attrs) => {
    const ring = attrs.distance ?? farthest + 1;
    rings.set(ring, [...(rings.get(ring) ?? []), node]);
  });
  for (const [ring, nodes] of rings) {
    if (ring === 0) {
      for (const node of nodes) graph.mergeNodeAttributes(node, { x: 0, y: 0 });
      continue;
    }
    nodes.sort((a, b) => {
      const x = graph.getNodeAttributes(a);
      const y = graph.getNodeAttributes(b);
      return x.kind.localeCompare(y.kind) || x.label.localeCompare(y.label) || a.localeCompare(b);
    });
    const offset = ring * 0.5; // turn each ring a little so spokes do not line up
    nodes.forEach((node, i) => {
      const angle = offset + (2 * Math.PI * i) / nodes.length;
      graph.mergeNodeAttributes(node, { x: ring * RING_GAP * Math.cos(angle), y: ring * RING_GAP * Math.sin(angle) });
    });
  }
}

/** ForceAtlas2 settings suited to the graph's size. */
export function layoutSettings(graph: ExplorerGraph): ForceAtlas2Settings {
  return { ...forceAtlas2.inferSettings(graph), adjustSizes: false };
}

/** Runs ForceAtlas2 synchronously; the centre, being fixed, stays at the origin. */
export function settle(graph: ExplorerGraph, iterations = 200): void {
  forceAtlas2.assign(graph, { iterations, settings: layoutSettings(graph) });
}

/**
 * Gives the graph its initial layout. Returns whether it still needs the layout worker: small
 * graphs are settled at once, large ones only placed in rings.
 */
export function initialLayout(graph: ExplorerGraph): { needsWorker: boolean } {
  placeInRings(graph);
  if (graph.order <= SYNC_LAYOUT_MAX_ORDER) {
    settle(graph);
    return { needsWorker: false };
  }
  return { needsWorker: true };
}
