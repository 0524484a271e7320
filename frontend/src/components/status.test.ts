import { describe, expect, it } from "vitest";
import { subgraphToGraph } from "../graph/fromSubgraph";
import { seedSubgraph } from "../test/fixtures";
import { statusText } from "./status";

const CENTRE = "work:borderwork";
const loaded = (truncated: boolean) => ({
  focus: CENTRE,
  depth: 2 as const,
  graph: subgraphToGraph({ ...seedSubgraph, truncated }, CENTRE),
  needsWorker: false,
});

describe("statusText", () => {
  it("announces how many entities are shown around the centre", () => {
    expect(statusText({ loaded: loaded(false), loading: false })).toBe(
      "Showing 8 entities around Developmental borderwork and the International Organization for Migration.",
    );
  });

  it("says when the limit left entities out", () => {
    expect(statusText({ loaded: loaded(true), loading: false })).toMatch(/\(limited to the nearest 500; more are within reach\)\.$/);
  });

  it("announces loading, and nothing before the first graph", () => {
    expect(statusText({ loaded: loaded(false), loading: true })).toBe("Loading relations…");
    expect(statusText({ loaded: null, loading: false })).toBe("");
  });

  it("uses the singular for a lone entity", () => {
    const graph = subgraphToGraph({ truncated: false, nodes: [seedSubgraph.nodes[0]!], edges: [] }, CENTRE);
    expect(statusText({ loaded: { focus: CENTRE, depth: 1, graph, needsWorker: false }, loading: false })).toMatch(/^Showing 1 entity around/);
  });
});
