import { describe, expect, it } from "vitest";
import { iomGroups, seedSubgraph } from "../test/fixtures";
import { graphFromLoads, type Load } from "./store";
import { ALL_VISIBLE, computeVisibility, tallies, yearBounds } from "./visibility";

const CENTRE = "work:borderwork";
const expandIom: Load = {
  key: "x",
  nodes: iomGroups.neighbourGroups[0]!.edges.map((e) => e.node),
  edges: iomGroups.neighbourGroups[0]!.edges.map((e) => e.relationship),
};
const graph = graphFromLoads(CENTRE, [{ key: "base", ...seedSubgraph }, expandIom]);
const none = { hiddenKinds: [], hiddenRelations: [], years: null };
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe("computeVisibility", () => {
  it("hides nothing without filters", () => {
    expect(computeVisibility(graph, none)).toBe(ALL_VISIBLE);
  });

  it("hides a kind and the relationships to it, never the centre", () => {
    const v = computeVisibility(graph, { ...none, hiddenKinds: ["COUNTRY", "WORK"] });
    expect(sorted(v.hiddenNodes)).toEqual(["country:MR", "country:SS", "work:d1509"]);
    expect(sorted(v.hiddenEdges)).toEqual(["e10", "e4", "e5"]);
  });

  it("hides a relationship type, and entities left with no relationship shown", () => {
    const v = computeVisibility(graph, { ...none, hiddenRelations: ["CASE_COUNTRY"] });
    expect(sorted(v.hiddenEdges)).toEqual(["e4", "e5"]);
    expect(sorted(v.hiddenNodes)).toEqual(["country:MR", "country:SS"]);
  });

  it("applies the year range to works and to relationships dated by their work", () => {
    const v = computeVisibility(graph, { ...none, years: [2011, 2020] });
    // The 2010 article goes, with its relationship to the IOM; the IOM stays through the seed article.
    expect(sorted(v.hiddenNodes)).toEqual(["work:d1509"]);
    expect(sorted(v.hiddenEdges)).toEqual(["e10"]);
  });

  it("hides entities whose every relationship is out of the range, keeping undated ones", () => {
    const v = computeVisibility(graph, { ...none, years: [2000, 2010] });
    // The seed article (2018) stays as the centre, but all its relationships are from 2018.
    expect(v.hiddenNodes.has(CENTRE)).toBe(false);
    expect(v.hiddenNodes.has("person:frowd")).toBe(false); // also affiliated (undated)
    expect(v.hiddenNodes.has("org:york")).toBe(false);
    expect(v.hiddenNodes.has("country:MR")).toBe(true);
    expect(v.hiddenNodes.has("org:iom")).toBe(false); // studied by the 2010 article
    expect(v.hiddenEdges.has("e10")).toBe(false);
    expect(v.hiddenEdges.has("e3")).toBe(true);
  });
});

describe("yearBounds", () => {
  it("spans the works and dated relationships", () => {
    expect(yearBounds(graph)).toEqual([2010, 2018]);
    expect(yearBounds(graphFromLoads("x", [{ key: "b", nodes: [{ id: "x", kind: "TOPIC", label: "x" }], edges: [] }]))).toBeNull();
  });
});

describe("tallies", () => {
  it("counts entities by kind and relationships by type, in all and shown", () => {
    const v = computeVisibility(graph, { ...none, hiddenKinds: ["COUNTRY"] });
    const t = tallies(graph, v);
    expect(t.kinds.get("COUNTRY")).toEqual({ total: 2, shown: 0 });
    expect(t.kinds.get("WORK")).toEqual({ total: 2, shown: 2 });
    expect(t.relations.get("CASE_COUNTRY")).toEqual({ total: 2, shown: 0 });
    expect(t.relations.get("STUDIES")).toEqual({ total: 2, shown: 2 });
  });
});
