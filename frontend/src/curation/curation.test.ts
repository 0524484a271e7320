import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { CURATION_DOCUMENTS, curatorRequest, ME, type RelationType } from "./api";
import { linkNotice } from "./notice";
import { allowedTypes, parseProperties } from "./rules";
import { cookieValue } from "./session";

const schemaFiles = import.meta.glob<string>("../../../schema/*.graphqls", {
  query: "?raw",
  import: "default",
  eager: true,
});

describe("curation documents", () => {
  const schema = buildSchema(Object.values(schemaFiles).join("\n"));
  for (const [name, doc] of Object.entries(CURATION_DOCUMENTS)) {
    it(`${name} is valid against the schema`, () => {
      expect(validate(schema, parse(doc.source)).map((e) => e.message)).toEqual([]);
    });
  }
});

describe("curatorRequest", () => {
  it("sends the CSRF token from its cookie with the request", async () => {
    const seen: Headers[] = [];
    const fakeFetch: typeof fetch = async (_input, init) => {
      seen.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ data: { me: { authenticated: true } } }), {
        headers: { "Content-Type": "application/json" },
      });
    };
    (globalThis as { document?: { cookie: string } }).document = { cookie: "a=1; relgraph_csrf=rgc_abc%3D; b=2" };
    try {
      await curatorRequest(ME, {}, { fetch: fakeFetch });
    } finally {
      delete (globalThis as { document?: unknown }).document;
    }
    expect(seen[0]?.get("X-CSRF-Token")).toBe("rgc_abc=");
    expect(seen[0]?.get("Content-Type")).toBe("application/json");
  });
});

describe("session cookies", () => {
  it("reads a cookie by name", () => {
    expect(cookieValue("relgraph_csrf=x; other=y", "relgraph_csrf")).toBe("x");
    expect(cookieValue("other=y", "relgraph_csrf")).toBeNull();
    expect(cookieValue("", "relgraph_csrf")).toBeNull();
    expect(cookieValue("relgraph_csrf=", "relgraph_csrf")).toBeNull();
  });
});

const types: RelationType[] = [
  { name: "AUTHORED", description: "", from: ["PERSON"], to: ["WORK"], properties: [{ name: "position", type: "whole number from 1 to 10000" }, { name: "corresponding", type: "boolean" }], review: true },
  { name: "CASE_COUNTRY", description: "", from: ["WORK"], to: ["COUNTRY"], properties: [], review: false },
  { name: "CITES", description: "", from: ["WORK"], to: ["WORK"], properties: [], review: false },
];

describe("relation types", () => {
  it("offers only the types the two kinds allow", () => {
    expect(allowedTypes(types, "WORK", "COUNTRY").map((t) => t.name)).toEqual(["CASE_COUNTRY"]);
    expect(allowedTypes(types, "WORK", null).map((t) => t.name)).toEqual(["CASE_COUNTRY", "CITES"]);
    expect(allowedTypes(types, "COUNTRY", "WORK")).toEqual([]);
  });
  it("parses property inputs by type", () => {
    const specs = types[0]!.properties;
    expect(parseProperties(specs, { position: "2", corresponding: "true" })).toEqual({
      properties: { position: 2, corresponding: true },
      error: null,
    });
    expect(parseProperties(specs, { position: "" })).toEqual({ properties: {}, error: null });
    expect(parseProperties(specs, { position: "two" }).error).toMatch(/position/);
  });
});

describe("undo", () => {
  const link = { id: "w-1>CASE_COUNTRY>c-ne", source: "w-1", target: "c-ne", type: "CASE_COUNTRY", properties: [], provenance: null, retraction: null };
  it("offers to retract what was added, restore what was retracted and withdraw what was proposed", () => {
    expect(linkNotice({ outcome: "CREATED", message: "Added", link, proposal: null }).undo).toBeDefined();
    expect(linkNotice({ outcome: "RETRACTED", message: "Retracted", link, proposal: null }).undo).toBeDefined();
    expect(linkNotice({ outcome: "PROPOSED", message: "Proposed", link: null, proposal: { id: "prop-1", proposedBy: "a" } }).undo).toBeDefined();
    expect(linkNotice({ outcome: "EXISTED", message: "Exists", link, proposal: null }).undo).toBeUndefined();
  });
});
