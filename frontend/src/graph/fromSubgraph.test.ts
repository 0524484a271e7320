import { describe, expect, it } from "vitest";
import type { Subgraph } from "../api/documents";
import { seedSubgraph } from "../test/fixtures";
import { MAX_NODE_SIZE, MIN_NODE_SIZE, nodeSize, subgraphToGraph } from "./fromSubgraph";
import { KIND_STYLES } from "./kinds";
import { EDGE_COLOR } from "./model";

const CENTRE = "work:borderwork";

describe("subgraphToGraph", () => {
  it("adds every entity with its label, kind, colour and the entity record", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    expect(graph.order).toBe(seedSubgraph.nodes.length);
    expect(graph.getNodeAttributes("person:frowd")).toMatchObject({
      label: "Philippe M. Frowd",
      kind: "PERSON",
      color: KIND_STYLES.PERSON.color,
      fixed: false,
      entity: { id: "person:frowd", orcid: null },
    });
    expect(graph.getNodeAttribute("journal:jems", "entity").issnl).toBe("1369-183X");
  });

  it("records the centre and marks it fixed for the layout", () => {
    const graph = subgraphToGraph({ ...seedSubgraph, truncated: true }, CENTRE);
    expect(graph.getAttributes()).toEqual({ centre: CENTRE, truncated: true });
    expect(graph.getNodeAttribute(CENTRE, "fixed")).toBe(true);
  });

  it("adds every relationship keyed by its id, with its type, properties and provenance", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    expect(graph.size).toBe(seedSubgraph.edges.length);
    expect(graph.source("e1")).toBe("person:frowd");
    expect(graph.target("e1")).toBe(CENTRE);
    expect(graph.getEdgeAttributes("e1")).toMatchObject({
      relation: "AUTHORED",
      ids: ["e1"],
      properties: [{ key: "position", value: "1" }],
      provenance: [{ source: "seed" }],
      color: EDGE_COLOR,
    });
    expect(graph.getEdgeAttribute("e6", "provenance")).toEqual([]);
  });

  it("sizes nodes by degree", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    expect(graph.getNodeAttribute(CENTRE, "size")).toBe(nodeSize(6));
    expect(graph.getNodeAttribute("person:frowd", "size")).toBe(nodeSize(2));
    expect(graph.getNodeAttribute("topic:hbm", "size")).toBe(nodeSize(1));
    expect(graph.getNodeAttribute(CENTRE, "size")).toBeGreaterThan(graph.getNodeAttribute("person:frowd", "size"));
  });

  it("gives each node its distance from the centre, following edges both ways", () => {
    const graph = subgraphToGraph(seedSubgraph, CENTRE);
    expect(graph.getNodeAttribute(CENTRE, "distance")).toBe(0);
    expect(graph.getNodeAttribute("person:frowd", "distance")).toBe(1);
    expect(graph.getNodeAttribute("org:york", "distance")).toBe(2);
  });

  it("keeps repeated entities and relationships once", () => {
    const doubled: Subgraph = {
      truncated: false,
      nodes: [...seedSubgraph.nodes, ...seedSubgraph.nodes],
      edges: [...seedSubgraph.edges, ...seedSubgraph.edges],
    };
    const graph = subgraphToGraph(doubled, CENTRE);
    expect(graph.order).toBe(seedSubgraph.nodes.length);
    expect(graph.size).toBe(seedSubgraph.edges.length);
    expect(graph.getEdgeAttribute("e1", "ids")).toEqual(["e1"]);
  });

  it("merges a relationship of the same type between the same ends, keeping both provenances", () => {
    const curated = {
      id: "e1-curated",
      source: "person:frowd",
      target: CENTRE,
      type: "AUTHORED",
      properties: [],
      provenance: { source: "curator", record: null, curator: "ada", addedAt: "2025-02-01T00:00:00Z" },
    };
    const graph = subgraphToGraph({ ...seedSubgraph, edges: [...seedSubgraph.edges, curated] }, CENTRE);
    expect(graph.size).toBe(seedSubgraph.edges.length);
    expect(graph.hasEdge("e1-curated")).toBe(false);
    expect(graph.getEdgeAttribute("e1", "ids")).toEqual(["e1", "e1-curated"]);
    expect(graph.getEdgeAttribute("e1", "provenance").map((p) => p.source)).toEqual(["seed", "curator"]);
    expect(graph.getNodeAttribute("person:frowd", "size")).toBe(nodeSize(2));
  });

  it("keeps relationships of different types between the same ends apart", () => {
    const funded = { id: "e8", source: CENTRE, target: "org:iom", type: "FUNDED_BY", properties: [], provenance: null };
    const graph = subgraphToGraph({ ...seedSubgraph, edges: [...seedSubgraph.edges, funded] }, CENTRE);
    expect(graph.edges(CENTRE, "org:iom").sort()).toEqual(["e3", "e8"]);
  });

  it("drops relationships whose ends were cut off", () => {
    const dangling = { id: "e9", source: CENTRE, target: "work:elsewhere", type: "CITES", properties: [], provenance: null };
    const graph = subgraphToGraph({ ...seedSubgraph, edges: [...seedSubgraph.edges, dangling] }, CENTRE);
    expect(graph.hasEdge("e9")).toBe(false);
    expect(graph.hasNode("work:elsewhere")).toBe(false);
  });

  it("leaves entities not connected to the centre without a distance", () => {
    const lonely = { id: "topic:lonely", kind: "TOPIC" as const, label: "Lonely" };
    const graph = subgraphToGraph({ ...seedSubgraph, nodes: [...seedSubgraph.nodes, lonely] }, CENTRE);
    expect(graph.getNodeAttribute("topic:lonely", "distance")).toBeNull();
    expect(graph.getNodeAttribute("topic:lonely", "size")).toBe(MIN_NODE_SIZE);
  });

  it("colours a kind it does not know in a neutral colour", () => {
    const dataset = { id: "dataset:1", kind: "DATASET", label: "A dataset" } as unknown as Subgraph["nodes"][number];
    const graph = subgraphToGraph({ ...seedSubgraph, nodes: [...seedSubgraph.nodes, dataset] }, CENTRE);
    expect(graph.getNodeAttribute("dataset:1", "color")).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("nodeSize", () => {
  it("grows with degree and stays within bounds", () => {
    expect(nodeSize(0)).toBe(MIN_NODE_SIZE);
    expect(nodeSize(4)).toBeGreaterThan(nodeSize(1));
    expect(nodeSize(100_000)).toBe(MAX_NODE_SIZE);
  });
});
