import { describe, expect, it } from "vitest";
import { KINDS } from "../api/documents";
import { contrastRatio, KIND_STYLES, kindStyle, UNKNOWN_KIND_COLOR } from "./kinds";

describe("kind styles", () => {
  it("cover exactly the schema's kinds", () => {
    expect(Object.keys(KIND_STYLES).sort()).toEqual([...KINDS].sort());
  });

  it.each(KINDS)("give %s a colour readable on white", (kind) => {
    expect(contrastRatio(KIND_STYLES[kind].color, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("give every kind its own colour and name", () => {
    const colors = new Set(KINDS.map((k) => KIND_STYLES[k].color.toLowerCase()));
    const labels = new Set(KINDS.map((k) => KIND_STYLES[k].label));
    expect(colors.size).toBe(KINDS.length);
    expect(labels.size).toBe(KINDS.length);
  });

  it("fall back to a neutral style for an unknown kind", () => {
    expect(kindStyle("DATASET")).toEqual({ label: "DATASET", plural: "DATASET", color: UNKNOWN_KIND_COLOR });
    expect(contrastRatio(UNKNOWN_KIND_COLOR, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
});

describe("contrastRatio", () => {
  it("matches the WCAG extremes", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });
});
