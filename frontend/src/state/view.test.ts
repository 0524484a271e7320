import { describe, expect, it } from "vitest";
import { HOME, parseView, sameView, serialiseView, type ViewState } from "./view";

describe("parseView", () => {
  it.each<[string, ViewState]>([
    ["", HOME],
    ["?", HOME],
    ["?focus=W1", { focus: "W1", depth: 1 }],
    ["?focus=W1&depth=2", { focus: "W1", depth: 2 }],
    ["?depth=2&focus=W1", { focus: "W1", depth: 2 }],
    ["focus=W1&depth=2", { focus: "W1", depth: 2 }],
    ["?focus=W1&depth=3", { focus: "W1", depth: 1 }],
    ["?focus=W1&depth=0", { focus: "W1", depth: 1 }],
    ["?focus=W1&depth=two", { focus: "W1", depth: 1 }],
    ["?focus=W1&depth=1.5", { focus: "W1", depth: 1 }],
    ["?focus=&depth=2", { focus: null, depth: 2 }],
    ["?focus=%20%20", { focus: null, depth: 1 }],
    ["?focus=work%3A10.1068%2Fd1509", { focus: "work:10.1068/d1509", depth: 1 }],
    ["?focus=a%26b%3Dc%23d", { focus: "a&b=c#d", depth: 1 }],
    ["?focus=W1&zoom=3", { focus: "W1", depth: 1 }],
  ])("reads %j", (search, want) => {
    expect(parseView(search)).toEqual(want);
  });
});

describe("serialiseView", () => {
  it("writes the focus and depth", () => {
    expect(serialiseView({ focus: "W1", depth: 2 })).toBe("?focus=W1&depth=2");
  });

  it("writes nothing for the start page", () => {
    expect(serialiseView(HOME)).toBe("");
    expect(serialiseView({ focus: null, depth: 2 })).toBe("");
  });

  it.each<ViewState>([
    { focus: "W1", depth: 1 },
    { focus: "work:10.1068/d1509", depth: 2 },
    { focus: "a&b=c#d e+f?", depth: 1 },
    { focus: "Ünïcødé—id", depth: 2 },
    HOME,
  ])("round-trips %j", (view) => {
    expect(parseView(serialiseView(view))).toEqual(view);
  });

  it("escapes characters that would break the query string", () => {
    expect(serialiseView({ focus: "a&b=c#d", depth: 1 })).toBe("?focus=a%26b%3Dc%23d&depth=1");
  });
});

describe("sameView", () => {
  it("compares focus and depth, ignoring depth on the start page", () => {
    expect(sameView({ focus: "W1", depth: 1 }, { focus: "W1", depth: 1 })).toBe(true);
    expect(sameView({ focus: "W1", depth: 1 }, { focus: "W1", depth: 2 })).toBe(false);
    expect(sameView({ focus: "W1", depth: 1 }, { focus: "W2", depth: 1 })).toBe(false);
    expect(sameView({ focus: null, depth: 1 }, { focus: null, depth: 2 })).toBe(true);
  });
});
