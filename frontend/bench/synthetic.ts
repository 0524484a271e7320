/**
 * Synthetic graphs for the benchmark: `n` entities of every kind and `5n` distinct relationships, with
 * positions, all from a seeded random source so that both pages of a run draw the same graph.
 */
import { KINDS, type RelationEdge, type RelationNode } from "../src/api/documents";
import { seededRandom } from "../src/graph/metrics";

export interface Synthetic {
  nodes: (RelationNode & { x: number; y: number })[];
  edges: RelationEdge[];
}

export function synthetic(n: number, edgesPerNode = 5, seed = 42): Synthetic {
  const random = seededRandom(seed);
  const nodes: Synthetic["nodes"] = [];
  for (let i = 0; i < n; i++) {
    const kind = KINDS[Math.floor(random() * KINDS.length)]!;
    // Clustered positions, as a layout would leave them.
    const cluster = Math.floor(random() * Math.max(1, Math.sqrt(n) / 3));
    const cx = Math.cos(cluster * 2.4) * Math.sqrt(cluster) * 40;
    const cy = Math.sin(cluster * 2.4) * Math.sqrt(cluster) * 40;
    const r = Math.sqrt(random()) * 30;
    const a = random() * 2 * Math.PI;
    nodes.push({
      id: `n${i}`,
      kind,
      label: `${kind.toLowerCase()} ${i} ${"entity name".slice(0, 4 + (i % 8))}`,
      year: kind === "WORK" ? 1990 + Math.floor(random() * 35) : null,
      x: cx + r * Math.cos(a),
      y: cy + r * Math.sin(a),
    });
  }
  const edges: RelationEdge[] = [];
  const types = ["AUTHORED", "PUBLISHED_IN", "STUDIES", "CASE_COUNTRY", "HAS_TOPIC", "CITES"];
  // The explorer merges relationships of one type between the same two entities, so none is drawn
  // twice: each pair and type appears once here, and both pages draw exactly the same edges.
  const seen = new Set<string>();
  for (let e = 0; e < n * edgesPerNode; e++) {
    const type = types[e % types.length]!;
    let s: number;
    let t: number;
    do {
      s = Math.floor(random() * n);
      // Mostly local links, some long ones.
      t = random() < 0.8 ? (s + 1 + Math.floor(random() * 20)) % n : Math.floor(random() * n);
      if (t === s) t = (s + 1) % n;
    } while (seen.has(`${s} ${t} ${type}`));
    seen.add(`${s} ${t} ${type}`);
    edges.push({ id: `e${e}`, source: `n${s}`, target: `n${t}`, type, properties: [], provenance: null });
  }
  return { nodes, edges };
}
