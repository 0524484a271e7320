/** Turns a `Subgraph` from the API into the explorer's graph. */
import type { Subgraph } from "../api/documents";
import { kindStyle } from "./kinds";
import { createGraph, EDGE_COLOR, type ExplorerGraph } from "./model";

/** The smallest and largest drawn node sizes. */
export const MIN_NODE_SIZE = 4;
export const MAX_NODE_SIZE = 22;

/** The drawn size of a node with the given degree: growing with its square root, capped. */
export function nodeSize(degree: number): number {
  return Math.min(MAX_NODE_SIZE, MIN_NODE_SIZE + 2.5 * Math.sqrt(Math.max(0, degree)));
}

/**
 * Builds the graph of a `relations` response drawn around `centre`. Entities repeated in the
 * response are kept once; relationships are keyed by id, and one with the type and ends of an
 * earlier one is merged into it (its id and provenance appended). Relationships whose ends are
 * not in the response (cut off by the limit) are dropped. Positions start at the origin; see
 * layout.ts.
 */
export function subgraphToGraph(subgraph: Subgraph, centre: string): ExplorerGraph {
  const graph = createGraph(centre, subgraph.truncated);

  for (const node of subgraph.nodes) {
    if (graph.hasNode(node.id)) continue;
    graph.addNode(node.id, {
      label: node.label,
      kind: node.kind,
      color: kindStyle(node.kind).color,
      size: MIN_NODE_SIZE,
      x: 0,
      y: 0,
      fixed: node.id === centre,
      distance: null,
      entity: node,
    });
  }

  const bySignature = new Map<string, string>();
  const seenIds = new Set<string>();
  for (const edge of subgraph.edges) {
    if (seenIds.has(edge.id)) continue;
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    seenIds.add(edge.id);

    const signature = JSON.stringify([edge.source, edge.type, edge.target]);
    const existing = bySignature.get(signature);
    if (existing !== undefined) {
      graph.updateEdgeAttributes(existing, (attrs) => ({
        ...attrs,
        ids: [...attrs.ids, edge.id],
        provenance: edge.provenance ? [...attrs.provenance, edge.provenance] : attrs.provenance,
      }));
      continue;
    }
    bySignature.set(signature, edge.id);
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      relation: edge.type,
      ids: [edge.id],
      properties: edge.properties,
      provenance: edge.provenance ? [edge.provenance] : [],
      color: EDGE_COLOR,
      size: 1,
    });
  }

  graph.forEachNode((node) => graph.setNodeAttribute(node, "size", nodeSize(graph.degree(node))));
  assignDistances(graph, centre);
  return graph;
}

/** Sets each node's distance from `centre` in hops, following edges both ways. */
function assignDistances(graph: ExplorerGraph, centre: string): void {
  if (!graph.hasNode(centre)) return;
  graph.setNodeAttribute(centre, "distance", 0);
  let frontier = [centre];
  for (let distance = 1; frontier.length > 0; distance++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachNeighbor(node, (neighbour, attrs) => {
        if (attrs.distance !== null) return;
        graph.setNodeAttribute(neighbour, "distance", distance);
        next.push(neighbour);
      });
    }
    frontier = next;
  }
}
