import { describe, expect, it } from "vitest";
import type { Subgraph } from "../api/documents";
import { seedSubgraph } from "../test/fixtures";
import { subgraphToGraph } from "./fromSubgraph";
import { initialLayout, placeInRings, SYNC_LAYOUT_MAX_ORDER } from "./layout";

const CENTRE = "work:borderwork";

describe("placeInRings", () => {
  it("puts the centre at the origin and each ring further out than the last", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    placeInRings(graph);
    const radius = (node: string) => Math.hypot(graph.getNodeAttribute(node, "x"), graph.getNodeAttribute(node, "y"));
    expect(radius(CENTRE)).toBe(0);
    const first = radius("person:frowd");
    expect(radius("country:MR")).toBeCloseTo(first);
    expect(radius("org:york")).toBeGreaterThan(first);
  });

  it("gives every node a distinct position", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    placeInRings(graph);
    const positions = new Set(graph.mapNodes((_n, a) => `${a.x.toFixed(6)},${a.y.toFixed(6)}`));
    expect(positions.size).toBe(graph.order);
  });
});

describe("initialLayout", () => {
  it("settles a small graph at once, keeping the centre in place", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    expect(initialLayout(graph)).toEqual({ needsWorker: false });
    expect(graph.getNodeAttribute(CENTRE, "x")).toBe(0);
    expect(graph.getNodeAttribute(CENTRE, "y")).toBe(0);
    graph.forEachNode((_n, a) => {
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
    });
  });

  it("leaves a large graph to the worker", () => {
    const nodes: Subgraph["nodes"] = [{ id: "c", kind: "TOPIC", label: "centre" }];
    const edges: Subgraph["edges"] = [];
    for (let i = 0; i < SYNC_LAYOUT_MAX_ORDER; i++) {
      nodes.push({ id: `n${i}`, kind: "WORK", label: `Work ${i}` });
      edges.push({ id: `e${i}`, source: `n${i}`, target: "c", type: "HAS_TOPIC", properties: [], provenance: null });
    }
    const graph = subgraphToGraph({ truncated: false, nodes, edges }, "c");
    expect(initialLayout(graph)).toEqual({ needsWorker: true });
    expect(Math.hypot(graph.getNodeAttribute("n0", "x"), graph.getNodeAttribute("n0", "y"))).toBeGreaterThan(0);
  });
});
