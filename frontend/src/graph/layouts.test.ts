import { describe, expect, it } from "vitest";
import { iomGroups, seedSubgraph } from "../test/fixtures";
import { runForceLayout } from "./forceLayout";
import { forceInput, radialPositions, ringPositions, timelinePositions, timelineYear, YEAR_WIDTH } from "./layouts";
import { graphFromLoads } from "./store";

const CENTRE = "work:borderwork";
const expand = {
  key: "x",
  nodes: iomGroups.neighbourGroups[0]!.edges.map((e) => e.node),
  edges: iomGroups.neighbourGroups[0]!.edges.map((e) => e.relationship),
};
const graph = graphFromLoads(CENTRE, [{ key: "base", ...seedSubgraph }, expand]);
const dist = (p: { x: number; y: number }) => Math.hypot(p.x, p.y);

describe("radialPositions", () => {
  it("puts the centre in the middle and each ring farther out", () => {
    const p = radialPositions(graph);
    expect(p[CENTRE]).toEqual({ x: 0, y: 0 });
    expect(dist(p["org:york"]!)).toBeGreaterThan(dist(p["person:frowd"]!));
    expect(dist(p["work:d1509"]!)).toBeCloseTo(dist(p["org:york"]!), 6);
    expect(Object.keys(p).length).toBe(graph.order);
  });

  it("is the same every time", () => {
    expect(radialPositions(graph)).toEqual(radialPositions(graph));
  });
});

describe("timelinePositions", () => {
  it("places works by year and other entities at the median year of their works", () => {
    const { positions, firstYear, lastYear } = timelinePositions(graph);
    expect([firstYear, lastYear]).toEqual([2010, 2018]);
    expect(positions["work:d1509"]!.x).toBe(0);
    expect(positions[CENTRE]!.x).toBe(8 * YEAR_WIDTH);
    expect(timelineYear(graph, "org:iom")).toBe(2010);
    expect(positions["person:frowd"]!.x).toBe(positions[CENTRE]!.x);
  });

  it("puts undated entities in a column before the first year, and kinds in bands", () => {
    const { positions } = timelinePositions(graph);
    expect(positions["org:york"]!.x).toBeLessThan(0);
    expect(positions[CENTRE]!.y).toBeGreaterThan(positions["person:frowd"]!.y); // works band on top
    const ys = [positions["country:MR"]!.y, positions["country:SS"]!.y];
    expect(ys[0]).not.toBe(ys[1]); // stacked, not on top of each other
  });
});

describe("force layout", () => {
  it("starts from rings and settles the same graph the same way, keeping the centre fixed", () => {
    const start = ringPositions(graph);
    expect(start[CENTRE]).toEqual({ x: 0, y: 0 });
    const run = () => {
      let last: Float64Array[] = [];
      const calls: boolean[] = [];
      runForceLayout(forceInput(graph), (x, y, done) => {
        last = [x.slice(), y.slice()];
        calls.push(done);
      });
      return { last, calls };
    };
    const a = run();
    const b = run();
    expect(a.last).toEqual(b.last);
    expect(a.calls.at(-1)).toBe(true);
    expect(a.calls.filter((d) => d)).toHaveLength(1);
    const i = graph.nodes().indexOf(CENTRE);
    expect([a.last[0]![i], a.last[1]![i]]).toEqual([0, 0]);
    expect(a.last[0]!.every(Number.isFinite)).toBe(true);
  });
});
