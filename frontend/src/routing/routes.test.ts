import { describe, expect, it } from "vitest";
import { entityPath, kindOfId, legacyRedirect, parseRoute, routePath, type Route } from "./routes";

describe("parseRoute", () => {
  it.each<[string, Route]>([
    ["/", { page: "home" }],
    ["", { page: "home" }],
    ["/work/w-33bac398149400db", { page: "entity", kind: "WORK", id: "w-33bac398149400db", embed: false }],
    ["/person/p-1/", { page: "entity", kind: "PERSON", id: "p-1", embed: false }],
    ["/organisation/o-abc", { page: "entity", kind: "ORGANISATION", id: "o-abc", embed: false }],
    ["/country/c-mr", { page: "entity", kind: "COUNTRY", id: "c-mr", embed: false }],
    ["/embed/journal/j-1", { page: "entity", kind: "JOURNAL", id: "j-1", embed: true }],
    ["/node/t-9", { page: "entity", kind: "TOPIC", id: "t-9", embed: false }],
    ["/node/odd", { page: "entity", kind: null, id: "odd", embed: false }],
    ["/work/a%2Fb%20c", { page: "entity", kind: "WORK", id: "a/b c", embed: false }],
    ["/dataset/x-1", { page: "not-found", path: "/dataset/x-1" }],
    ["/work", { page: "not-found", path: "/work" }],
    ["/work/w-1/extra", { page: "not-found", path: "/work/w-1/extra" }],
    ["/work/%E0%A4%A", { page: "not-found", path: "/work/%E0%A4%A" }],
    ["/work/%20", { page: "not-found", path: "/work/%20" }],
  ])("reads %j", (path, want) => {
    expect(parseRoute(path)).toEqual(want);
  });
});

describe("entityPath", () => {
  it("names the kind in the path, from the id when not given", () => {
    expect(entityPath("w-1")).toBe("/work/w-1");
    expect(entityPath("o-1", "ORGANISATION", true)).toBe("/embed/organisation/o-1");
    expect(entityPath("zzz")).toBe("/node/zzz");
    expect(entityPath("x", "DATASET")).toBe("/node/x");
  });

  it.each(["w-1", "a/b c?d#e", "Ünï"])("round-trips %j through parseRoute", (id) => {
    const route = parseRoute(entityPath(id, "WORK"));
    expect(route).toEqual({ page: "entity", kind: "WORK", id, embed: false });
    expect(routePath(route)).toBe(entityPath(id, "WORK"));
  });
});

describe("kindOfId", () => {
  it("reads the prefix of relgraph ids", () => {
    expect(kindOfId("w-33bac398149400db")).toBe("WORK");
    expect(kindOfId("c-mr")).toBe("COUNTRY");
    expect(kindOfId("r-1")).toBe("PROJECT");
    expect(kindOfId("x-1")).toBeNull();
    expect(kindOfId("w")).toBeNull();
    expect(kindOfId("work")).toBeNull();
  });
});

describe("legacyRedirect", () => {
  it("sends ?focus= links of the first explorer to the entity's page, keeping the rest", () => {
    expect(legacyRedirect("/", "?focus=w-1&depth=2")).toBe("/work/w-1?depth=2");
    expect(legacyRedirect("/", "?focus=c-mr")).toBe("/country/c-mr");
    expect(legacyRedirect("/", "?q=x")).toBeNull();
    expect(legacyRedirect("/work/w-1", "?focus=w-2")).toBeNull();
  });
});
