import { describe, expect, it } from "vitest";
import { graphFromLoads } from "../graph/store";
import { ALL_VISIBLE, computeVisibility } from "../graph/visibility";
import { seedSubgraph, SEED_TITLE } from "../test/fixtures";
import { statusText } from "./status";

const graph = graphFromLoads("work:borderwork", [{ key: "base", ...seedSubgraph }]);

describe("statusText", () => {
  it("says how many entities and relations are shown around the centre", () => {
    expect(statusText(graph, ALL_VISIBLE, { count: 7, capped: false }, 1)).toBe(
      `Showing 8 entities and 7 relations around ${SEED_TITLE}.`,
    );
  });

  it("says what the filters hide", () => {
    const v = computeVisibility(graph, { hiddenKinds: ["COUNTRY"], hiddenRelations: [], years: null });
    expect(statusText(graph, v, null, 1)).toBe(`Showing 6 entities and 5 relations around ${SEED_TITLE} (2 hidden by the filters).`);
  });

  it("says how many were within reach when the limit cut the graph", () => {
    const cut = graphFromLoads("work:borderwork", [{ key: "base", ...seedSubgraph, truncated: true }]);
    expect(statusText(cut, ALL_VISIBLE, { count: 10000, capped: true }, 2)).toMatch(
      /more than 10,000 entities lie within 2 hops; the nearest are shown — expand nodes to see more\.$/,
    );
  });

  it("is empty before the centre has arrived", () => {
    expect(statusText(graphFromLoads("x", []), ALL_VISIBLE, null, 1)).toBe("");
  });
});
