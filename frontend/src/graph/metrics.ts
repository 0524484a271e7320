/**
 * Communities (Louvain) and centrality (PageRank) of the explorer's graph, for the colour and
 * size toggles. Both read the graph as undirected and simple (parallel relationships count once
 * per type, as weight), and Louvain runs with a seeded random source, so that the same graph always
 * gets the same communities and a copied link the same colours. Loaded on demand: this module and
 * its libraries are a chunk of their own.
 */
import { UndirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import pagerank from "graphology-metrics/centrality/pagerank";
import type { ExplorerGraph } from "./model";

/** The graph as undirected and simple, parallel relationships summed into a weight. */
function simple(graph: ExplorerGraph): UndirectedGraph {
  const g = new UndirectedGraph();
  graph.forEachNode((node) => g.addNode(node));
  graph.forEachEdge((_edge, _attrs, source, target) => {
    if (source === target) return;
    g.updateUndirectedEdge(source, target, (attrs: { weight?: number }) => ({ weight: (attrs.weight ?? 0) + 1 }));
  });
  return g;
}

/** A small seeded random source (mulberry32), so that Louvain gives the same answer every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each node's community, numbered from 0 by decreasing community size (ties by smallest member id). */
export function communities(graph: ExplorerGraph): Map<string, number> {
  const g = simple(graph);
  const raw = g.size === 0 ? Object.fromEntries(g.nodes().map((n, i) => [n, i])) : louvain(g, { rng: seededRandom(1), getEdgeWeight: "weight" });
  const members = new Map<number, string[]>();
  for (const [node, c] of Object.entries(raw)) (members.get(c) ?? members.set(c, []).get(c)!).push(node);
  const ordered = [...members.values()]
    .map((list) => list.sort())
    .sort((a, b) => b.length - a.length || (a[0]! < b[0]! ? -1 : 1));
  const out = new Map<string, number>();
  ordered.forEach((list, i) => list.forEach((node) => out.set(node, i)));
  return out;
}

/** Each node's PageRank over the undirected graph, scaled so the most central node has 1. */
export function centrality(graph: ExplorerGraph): Map<string, number> {
  const g = simple(graph);
  const out = new Map<string, number>();
  if (g.order === 0) return out;
  const ranks = g.size === 0 ? Object.fromEntries(g.nodes().map((n) => [n, 1])) : pagerank(g, { getEdgeWeight: "weight" });
  const max = Math.max(...Object.values(ranks));
  for (const [node, r] of Object.entries(ranks)) out.set(node, max > 0 ? r / max : 0);
  return out;
}
