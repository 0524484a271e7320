import { describe, expect, it } from "vitest";
import { labelBox, placeLabels, type LabelCandidate } from "./labels";

const measure = (label: string) => label.length * 7;
const at = (key: string, x: number, y: number, priority = 0, size = 5): LabelCandidate => ({ key, label: key, x, y, size, priority });

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe("placeLabels", () => {
  it("keeps labels apart, the most important first", () => {
    const placed = placeLabels([at("alpha", 0, 0), at("beta", 10, 2, 5), at("gamma", 0, 100)], measure, 12);
    expect(placed.map((p) => p.key)).toEqual(["beta", "gamma"]);
  });

  it("breaks ties by size, then key", () => {
    expect(placeLabels([at("a", 0, 0, 0, 4), at("b", 0, 0, 0, 9)], measure, 12).map((p) => p.key)).toEqual(["b"]);
    expect(placeLabels([at("b", 0, 0), at("a", 0, 0)], measure, 12).map((p) => p.key)).toEqual(["a"]);
  });

  it("never returns two overlapping labels, however crowded", () => {
    const crowd: LabelCandidate[] = [];
    for (let i = 0; i < 400; i++) crowd.push(at(`node-${i}`, (i * 37) % 300, (i * 53) % 200, i % 3, 3 + (i % 5)));
    const placed = placeLabels(crowd, measure, 12);
    expect(placed.length).toBeGreaterThan(10);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i]!.box, placed[j]!.box)).toBe(false);
    }
  });

  it("skips empty labels and repeated keys", () => {
    expect(placeLabels([{ ...at("a", 0, 0), label: "" }, at("b", 0, 50), at("b", 300, 300)], measure, 12)).toHaveLength(1);
  });

  it("measures a box to the right of the node", () => {
    expect(labelBox(at("abc", 100, 50, 0, 10), 21, 12)).toEqual({ x: 111, y: 42, width: 25, height: 16 });
  });
});
