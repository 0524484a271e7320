import { describe, expect, it } from "vitest";
import { cycle, nearestInDirection, type Point } from "./keyboard";

const points: Point[] = [
  { key: "centre", x: 100, y: 100 },
  { key: "right-near", x: 140, y: 110 },
  { key: "right-far", x: 300, y: 100 },
  { key: "up", x: 105, y: 20 },
  { key: "diagonal", x: 160, y: 30 },
];
const from = points[0]!;

describe("nearestInDirection", () => {
  it("finds the nearest node ahead, preferring those in line", () => {
    expect(nearestInDirection(points, from, "right")).toBe("right-near");
    expect(nearestInDirection(points, from, "up")).toBe("up");
  });

  it("returns null when nothing is ahead", () => {
    expect(nearestInDirection(points, from, "left")).toBeNull();
    expect(nearestInDirection(points, { key: "x", x: 0, y: 500 }, "down")).toBeNull();
  });

  it("ignores nodes far to the side", () => {
    expect(nearestInDirection([from, { key: "aside", x: 110, y: 400 }], from, "right")).toBeNull();
  });
});

describe("cycle", () => {
  it("wraps around both ways and starts at an end", () => {
    expect(cycle(2, 3, 1)).toBe(0);
    expect(cycle(0, 3, -1)).toBe(2);
    expect(cycle(-1, 3, 1)).toBe(0);
    expect(cycle(-1, 3, -1)).toBe(2);
    expect(cycle(0, 0, 1)).toBe(-1);
  });
});
