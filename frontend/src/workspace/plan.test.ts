import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW } from "../state/view";
import { planLoads } from "./plan";

describe("planLoads", () => {
  it("loads the graph of relations at the view's depth", () => {
    expect(planLoads("w-1", DEFAULT_VIEW)).toEqual([{ key: "base:1", type: "base", id: "w-1", depth: 1 }]);
  });

  it("follows with expansions and their pages, the path, then added entities", () => {
    const specs = planLoads("w-1", {
      ...DEFAULT_VIEW,
      depth: 2,
      expanded: ["o-1", "p-1"],
      more: [{ id: "o-1", type: "STUDIES", dir: "in", pages: 2 }],
      added: ["c-mr"],
      pathTo: "w-2",
    });
    expect(specs.map((s) => s.key)).toEqual(["base:2", "x:o-1", "more:STUDIES:in:2:o-1", "x:p-1", "path:w-1:w-2", "add:c-mr"]);
    expect(specs[2]).toEqual({ key: "more:STUDIES:in:2:o-1", type: "more", id: "o-1", relation: "STUDIES", dir: "in", pages: 2 });
  });

  it("starts paths where asked, and asks for none from an entity to itself", () => {
    expect(planLoads("w-1", { ...DEFAULT_VIEW, pathTo: "w-2", pathFrom: "p-1" }).at(-1)?.key).toBe("path:p-1:w-2");
    expect(planLoads("w-1", { ...DEFAULT_VIEW, pathTo: "w-1" })).toHaveLength(1);
  });
});
