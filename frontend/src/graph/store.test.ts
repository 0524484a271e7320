import { describe, expect, it } from "vitest";
import { iomGroups, iomMore, otherWork, seedPaths, seedSubgraph } from "../test/fixtures";
import { KIND_STYLES } from "./kinds";
import { EDGE_COLOR } from "./model";
import { applyLoad, dropLoad, edgeYears, graphFromLoads, MAX_NODE_SIZE, MIN_NODE_SIZE, nodeSize, syncLoads, type Load } from "./store";
import { createGraph } from "./model";

const CENTRE = "work:borderwork";
const base: Load = { key: "base", ...seedSubgraph };
const expandIom: Load = {
  key: "x:org:iom",
  nodes: iomGroups.neighbourGroups.flatMap((g) => g.edges.map((e) => e.node)),
  edges: iomGroups.neighbourGroups.flatMap((g) => g.edges.map((e) => e.relationship)),
};
const moreIom: Load = {
  key: "more:org:iom",
  nodes: iomMore.neighbours.edges.map((e) => e.node),
  edges: iomMore.neighbours.edges.map((e) => e.relationship),
};

describe("applyLoad", () => {
  it("adds every entity with its label, kind, colour, year and the entity record", () => {
    const graph = graphFromLoads(CENTRE, [base]);
    expect(graph.order).toBe(seedSubgraph.nodes.length);
    expect(graph.getNodeAttributes("person:frowd")).toMatchObject({
      label: "Philippe M. Frowd",
      kind: "PERSON",
      color: KIND_STYLES.PERSON.color,
      fixed: false,
      year: null,
      entity: { id: "person:frowd", orcid: null },
      sources: ["base"],
    });
    expect(graph.getNodeAttributes(CENTRE)).toMatchObject({ fixed: true, year: 2018, distance: 0 });
  });

  it("adds every relationship keyed by its id, with its type, properties, provenance and years", () => {
    const graph = graphFromLoads(CENTRE, [base]);
    expect(graph.size).toBe(seedSubgraph.edges.length);
    expect(graph.source("e1")).toBe("person:frowd");
    expect(graph.getEdgeAttributes("e1")).toMatchObject({
      relation: "AUTHORED",
      ids: ["e1"],
      properties: [{ key: "position", value: "1" }],
      provenance: [{ source: "seed" }],
      color: EDGE_COLOR,
      years: [2018, 2018],
    });
    expect(graph.getEdgeAttribute("e6", "provenance")).toEqual([]);
    expect(graph.getEdgeAttribute("e7", "years")).toBeNull();
  });

  it("sizes nodes by degree and measures distances from the centre", () => {
    const graph = graphFromLoads(CENTRE, [base]);
    expect(graph.getNodeAttribute(CENTRE, "size")).toBe(nodeSize(6));
    expect(graph.getNodeAttribute("org:york", "distance")).toBe(2);
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
    const graph = graphFromLoads(CENTRE, [base, { key: "c", nodes: [], edges: [curated] }]);
    expect(graph.size).toBe(seedSubgraph.edges.length);
    expect(graph.getEdgeAttribute("e1", "ids")).toEqual(["e1", "e1-curated"]);
    expect(graph.getEdgeAttribute("e1", "provenance").map((p) => p.source)).toEqual(["seed", "curator"]);
    expect(graph.getEdgeAttribute("e1", "sources")).toEqual(["base", "c"]);
  });

  it("drops relationships whose ends are missing, and applies a key once", () => {
    const dangling = { id: "e9", source: CENTRE, target: "work:elsewhere", type: "CITES", properties: [], provenance: null };
    const graph = createGraph(CENTRE);
    applyLoad(graph, { ...base, edges: [...base.edges, dangling] });
    applyLoad(graph, { key: "base", nodes: [otherWork], edges: [] });
    expect(graph.hasEdge("e9")).toBe(false);
    expect(graph.hasNode(otherWork.id)).toBe(false);
  });

  it("fills in identifiers a later answer knows", () => {
    const graph = graphFromLoads(CENTRE, [
      base,
      { key: "more", nodes: [{ ...seedSubgraph.nodes[1]!, orcid: "0000-0002-1825-0097" }], edges: [] },
    ]);
    expect(graph.getNodeAttribute("person:frowd", "entity").orcid).toBe("0000-0002-1825-0097");
  });
});

describe("dropLoad and syncLoads", () => {
  it("removes what only the dropped load brought", () => {
    const graph = graphFromLoads(CENTRE, [base, expandIom]);
    expect(graph.hasNode(otherWork.id)).toBe(true);
    expect(graph.getNodeAttribute(CENTRE, "sources")).toEqual(["base", "x:org:iom"]);
    dropLoad(graph, "x:org:iom");
    expect(graph.hasNode(otherWork.id)).toBe(false);
    expect(graph.hasNode(CENTRE)).toBe(true);
    expect(graph.getNodeAttribute(CENTRE, "sources")).toEqual(["base"]);
    expect(graph.hasEdge("e3")).toBe(true);
  });

  it("gives the same graph whatever the path to the same loads", () => {
    const direct = graphFromLoads(CENTRE, [base, expandIom, moreIom]);
    const stepwise = createGraph(CENTRE);
    syncLoads(stepwise, [base]);
    syncLoads(stepwise, [base, moreIom]);
    syncLoads(stepwise, [base, { key: "p", ...seedPaths.paths[0]! }]);
    syncLoads(stepwise, [base, expandIom, moreIom]);
    expect(stepwise.export()).toEqual(direct.export());
  });

  it("says whether anything changed", () => {
    const graph = graphFromLoads(CENTRE, [base]);
    expect(syncLoads(graph, [base])).toBe(false);
    expect(syncLoads(graph, [base, expandIom])).toBe(true);
    expect(syncLoads(graph, [base])).toBe(true);
    expect(graph.order).toBe(seedSubgraph.nodes.length);
  });

  it("remembers truncation from the loads that stay", () => {
    const graph = graphFromLoads(CENTRE, [{ ...base, truncated: true }, expandIom]);
    expect(graph.getAttribute("truncated")).toBe(true);
    syncLoads(graph, [{ ...base, key: "base2" }]);
    expect(graph.getAttribute("truncated")).toBe(false);
  });
});

describe("edgeYears", () => {
  it("prefers the relationship's own dates, then the source work's year, then the target's", () => {
    expect(edgeYears([{ key: "start", value: "2012-09-01" }, { key: "end", value: "2016" }], 2000, null)).toEqual([2012, 2016]);
    expect(edgeYears([{ key: "start", value: "2012" }], null, null)).toEqual([2012, Number.POSITIVE_INFINITY]);
    expect(edgeYears([], 2010, 2018)).toEqual([2010, 2010]);
    expect(edgeYears([], null, 2018)).toEqual([2018, 2018]);
    expect(edgeYears([{ key: "position", value: "1" }], null, null)).toBeNull();
  });
});

describe("nodeSize", () => {
  it("grows with degree and stays within bounds", () => {
    expect(nodeSize(0)).toBe(MIN_NODE_SIZE);
    expect(nodeSize(4)).toBeGreaterThan(nodeSize(1));
    expect(nodeSize(100_000)).toBe(MAX_NODE_SIZE);
  });
});
