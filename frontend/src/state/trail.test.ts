import { describe, expect, it } from "vitest";
import { extendTrail, labelLast, MAX_TRAIL, type Crumb } from "./trail";

const crumb = (id: string): Crumb => ({ id, kind: "WORK", label: id.toUpperCase() });

describe("extendTrail", () => {
  it("adds the next page", () => {
    expect(extendTrail([crumb("a")], crumb("b"))).toEqual([crumb("a"), crumb("b")]);
  });

  it("goes back to a page already on the trail instead of looping", () => {
    expect(extendTrail([crumb("a"), crumb("b"), crumb("c")], crumb("b"))).toEqual([crumb("a"), crumb("b")]);
  });

  it("keeps the last few", () => {
    let trail: Crumb[] = [];
    for (let i = 0; i < MAX_TRAIL + 3; i++) trail = extendTrail(trail, crumb(`n${i}`));
    expect(trail).toHaveLength(MAX_TRAIL);
    expect(trail.at(-1)?.id).toBe(`n${MAX_TRAIL + 2}`);
  });
});

describe("labelLast", () => {
  it("names the current page once known, or adds it when the trail does not end with it", () => {
    expect(labelLast([{ id: "a", kind: "WORK", label: "" }], "a", "WORK", "A")).toEqual([crumb("a")]);
    expect(labelLast([crumb("a")], "b", "WORK", "B")).toEqual([crumb("a"), crumb("b")]);
  });
});
