/**
 * Growing and shrinking the explorer's one graph as the view asks for more or less: each "load"
 * (the graph of relations, an expansion, a page more, an added entity, the paths asked for) is
 * merged in under its key, and dropping the key removes what only it brought. The same loads in
 * the same order always give the same graph, whatever happened before: that is what lets a copied
 * link, or the back button, show the same view.
 */
import type { RelationEdge, RelationNode } from "../api/documents";
import { kindStyle } from "./kinds";
import { createGraph, EDGE_COLOR, type ExplorerGraph } from "./model";

/** A set of entities and relationships to merge into the graph under a key. */
export interface Load {
  key: string;
  nodes: RelationNode[];
  edges: RelationEdge[];
  /** Whether the server cut the answer off (the graph of relations only). */
  truncated?: boolean;
}

/** The smallest and largest drawn node sizes. */
export const MIN_NODE_SIZE = 4;
export const MAX_NODE_SIZE = 22;

/** The drawn size of a node with the given degree: growing with its square root, capped. */
export function nodeSize(degree: number): number {
  return Math.min(MAX_NODE_SIZE, MIN_NODE_SIZE + 2.5 * Math.sqrt(Math.max(0, degree)));
}

/** Relationship property names that carry a start or end date. */
const START_KEYS = ["start", "startDate", "from", "since"];
const END_KEYS = ["end", "endDate", "until", "to"];

function yearOf(value: string | undefined): number | null {
  const m = /^(-?\d{4})/.exec(value ?? "");
  return m ? Number(m[1]) : null;
}

/**
 * Whether a new copy of an entity has something the stored one lacks (a fuller record from
 * another query), field by field.
 */
function mergeEntity(old: RelationNode, next: RelationNode): RelationNode {
  const merged: RelationNode = { ...old };
  for (const [key, value] of Object.entries(next) as [keyof RelationNode, unknown][]) {
    if (value !== null && value !== undefined && (merged[key] === null || merged[key] === undefined)) {
      (merged as unknown as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** Merges a load into the graph under its key. Applying a key twice changes nothing. */
export function applyLoad(graph: ExplorerGraph, load: Load): void {
  const loads = graph.getAttribute("loads");
  if (loads.includes(load.key)) return;
  graph.setAttribute("loads", [...loads, load.key]);
  if (load.truncated) graph.setAttribute("truncated", true);
  const centre = graph.getAttribute("centre");

  for (const node of load.nodes) {
    if (graph.hasNode(node.id)) {
      graph.updateNodeAttributes(node.id, (attrs) => ({
        ...attrs,
        entity: mergeEntity(attrs.entity, node),
        year: attrs.year ?? node.year ?? null,
        sources: attrs.sources.includes(load.key) ? attrs.sources : [...attrs.sources, load.key],
      }));
      continue;
    }
    graph.addNode(node.id, {
      label: node.label,
      kind: node.kind,
      color: kindStyle(node.kind).color,
      size: MIN_NODE_SIZE,
      x: 0,
      y: 0,
      fixed: node.id === centre,
      distance: null,
      year: node.year ?? null,
      entity: node,
      sources: [load.key],
    });
  }

  for (const edge of load.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    const existing = graph.hasEdge(edge.id) ? edge.id : sameRelationship(graph, edge);
    if (existing !== null) {
      graph.updateEdgeAttributes(existing, (attrs) => {
        const known = attrs.ids.includes(edge.id);
        return {
          ...attrs,
          ids: known ? attrs.ids : [...attrs.ids, edge.id],
          provenance: !known && edge.provenance ? [...attrs.provenance, edge.provenance] : attrs.provenance,
          sources: attrs.sources.includes(load.key) ? attrs.sources : [...attrs.sources, load.key],
        };
      });
      continue;
    }
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      relation: edge.type,
      ids: [edge.id],
      properties: edge.properties,
      provenance: edge.provenance ? [edge.provenance] : [],
      color: EDGE_COLOR,
      size: 1,
      years: null,
      sources: [load.key],
    });
  }
}

/** The edge of the same type between the same ends, if the graph has one. */
function sameRelationship(graph: ExplorerGraph, edge: RelationEdge): string | null {
  for (const key of graph.outEdges(edge.source, edge.target)) {
    if (graph.getEdgeAttribute(key, "relation") === edge.type) return key;
  }
  return null;
}

/** Removes a load: what only it brought leaves the graph, what others brought too stays. */
export function dropLoad(graph: ExplorerGraph, key: string): void {
  const loads = graph.getAttribute("loads");
  if (!loads.includes(key)) return;
  graph.setAttribute("loads", loads.filter((k) => k !== key));
  const goneEdges: string[] = [];
  graph.forEachEdge((edge, attrs) => {
    if (!attrs.sources.includes(key)) return;
    const sources = attrs.sources.filter((s) => s !== key);
    if (sources.length === 0) goneEdges.push(edge);
    else graph.setEdgeAttribute(edge, "sources", sources);
  });
  for (const edge of goneEdges) graph.dropEdge(edge);
  const goneNodes: string[] = [];
  graph.forEachNode((node, attrs) => {
    if (!attrs.sources.includes(key)) return;
    const sources = attrs.sources.filter((s) => s !== key);
    if (sources.length === 0) goneNodes.push(node);
    else graph.setNodeAttribute(node, "sources", sources);
  });
  for (const node of goneNodes) graph.dropNode(node);
}

/**
 * Makes the graph hold exactly the given loads: drops those no longer asked for, then applies the
 * new ones in order. When a load that stays would come after one that goes, everything from the
 * first difference is reapplied, so the result never depends on the path taken to it. Returns
 * whether anything changed.
 */
export function syncLoads(graph: ExplorerGraph, wanted: Load[]): boolean {
  const applied = graph.getAttribute("loads");
  let same = 0;
  while (same < applied.length && same < wanted.length && applied[same] === wanted[same]!.key) same++;
  if (same === applied.length && same === wanted.length) return false;
  for (const key of applied.slice(same).reverse()) dropLoad(graph, key);
  graph.setAttribute("truncated", wanted.slice(0, same).some((l) => l.truncated));
  for (const load of wanted.slice(same)) applyLoad(graph, load);
  refreshDerived(graph);
  return true;
}

/** Recomputes what depends on the whole graph: sizes by degree, distances from the centre, years of relationships. */
export function refreshDerived(graph: ExplorerGraph): void {
  graph.forEachNode((node) => graph.setNodeAttribute(node, "size", nodeSize(graph.degree(node))));
  assignDistances(graph);
  graph.forEachEdge((edge, attrs, _source, _target, sourceAttrs, targetAttrs) => {
    graph.setEdgeAttribute(edge, "years", edgeYears(attrs.properties, sourceAttrs.year, targetAttrs.year));
  });
}

/**
 * The years a relationship holds for: its own start and end when it has them (an affiliation),
 * else the year of the work at its source (a work's journal, countries, citations), else of the
 * work at its target (an authorship); null when none is known.
 */
export function edgeYears(
  properties: { key: string; value: string }[],
  sourceYear: number | null,
  targetYear: number | null,
): [number, number] | null {
  const prop = (keys: string[]) => yearOf(properties.find((p) => keys.includes(p.key))?.value);
  const start = prop(START_KEYS);
  const end = prop(END_KEYS);
  if (start !== null || end !== null) {
    const a = start ?? end!;
    const b = end ?? Number.POSITIVE_INFINITY;
    return [a, Math.max(a, b)];
  }
  const year = sourceYear ?? targetYear;
  return year === null ? null : [year, year];
}

/** Sets each node's distance from the centre in hops, following edges both ways. */
function assignDistances(graph: ExplorerGraph): void {
  graph.forEachNode((node) => graph.setNodeAttribute(node, "distance", null));
  const centre = graph.getAttribute("centre");
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

/** Builds a graph from loads at once. */
export function graphFromLoads(centre: string, loads: Load[]): ExplorerGraph {
  const graph = createGraph(centre);
  syncLoads(graph, loads);
  return graph;
}
