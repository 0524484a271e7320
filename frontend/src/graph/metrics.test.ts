import { describe, expect, it } from "vitest";
import { seedSubgraph } from "../test/fixtures";
import { contrastRatio } from "./kinds";
import { centrality, communities, seededRandom } from "./metrics";
import { CENTRALITY_RAMP, centralityColor, COMMUNITY_COLORS, communityColor } from "./palette";
import { graphFromLoads } from "./store";

const graph = graphFromLoads("work:borderwork", [{ key: "base", ...seedSubgraph }]);

describe("communities", () => {
  it("gives every node a community, the same every time, the largest numbered 0", () => {
    const a = communities(graph);
    expect(a.size).toBe(graph.order);
    expect([...communities(graph)]).toEqual([...a]);
    const sizes = new Map<number, number>();
    for (const c of a.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBe(sizes.get(0));
    expect(a.get("person:frowd")).toBe(a.get("org:york"));
  });
});

describe("centrality", () => {
  it("puts the hub first, at 1", () => {
    const c = centrality(graph);
    expect(c.get("work:borderwork")).toBe(1);
    expect(c.get("topic:hbm")!).toBeLessThan(1);
    expect(c.get("topic:hbm")!).toBeGreaterThan(0);
  });
});

describe("seededRandom", () => {
  it("repeats for the same seed", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe("palettes", () => {
  it.each([...COMMUNITY_COLORS, ...CENTRALITY_RAMP])("%s has 3:1 contrast against white", (color) => {
    expect(contrastRatio(color, "#ffffff")).toBeGreaterThanOrEqual(3);
  });

  it("map indices and values to colours", () => {
    expect(communityColor(0)).toBe(COMMUNITY_COLORS[0]);
    expect(communityColor(99)).toBe(COMMUNITY_COLORS.at(-1));
    expect(centralityColor(0)).toBe(CENTRALITY_RAMP[0]);
    expect(centralityColor(1)).toBe(CENTRALITY_RAMP.at(-1));
  });
});
