import { describe, expect, it } from "vitest";
import { seedSubgraph } from "../test/fixtures";
import { graphFromLoads } from "./store";
import { countByKind, entitiesByKind, groupRelations, relationsOf } from "./relations";

const graph = graphFromLoads("work:borderwork", [{ key: "base", ...seedSubgraph }]);

describe("relationsOf", () => {
  it("lists an entity's relationships with their direction and other end, sorted", () => {
    const relations = relationsOf(graph, "work:borderwork");
    expect(relations.map((r) => `${r.relation} ${r.direction} ${r.other.label}`)).toEqual([
      "AUTHORED incoming Philippe M. Frowd",
      "CASE_COUNTRY outgoing Mauritania",
      "CASE_COUNTRY outgoing South Sudan",
      "HAS_TOPIC outgoing humanitarian border management",
      "PUBLISHED_IN outgoing Journal of Ethnic and Migration Studies",
      "STUDIES outgoing International Organization for Migration",
    ]);
    expect(relations[0]).toEqual({
      edge: "e1",
      relation: "AUTHORED",
      direction: "incoming",
      other: { id: "person:frowd", label: "Philippe M. Frowd", kind: "PERSON" },
    });
  });

  it("is empty for an entity not in the graph", () => {
    expect(relationsOf(graph, "nobody")).toEqual([]);
  });
});

describe("groupRelations", () => {
  it("groups by type and direction", () => {
    const groups = groupRelations(relationsOf(graph, "work:borderwork"));
    expect(groups.map((g) => [g.relation, g.direction, g.items.length])).toEqual([
      ["AUTHORED", "incoming", 1],
      ["CASE_COUNTRY", "outgoing", 2],
      ["HAS_TOPIC", "outgoing", 1],
      ["PUBLISHED_IN", "outgoing", 1],
      ["STUDIES", "outgoing", 1],
    ]);
  });
});

describe("entitiesByKind", () => {
  it("groups every entity by kind in schema order, sorted by label", () => {
    const groups = entitiesByKind(graph);
    expect(groups.map((g) => g.kind)).toEqual(["WORK", "PERSON", "JOURNAL", "ORGANISATION", "COUNTRY", "TOPIC"]);
    expect(groups.find((g) => g.kind === "ORGANISATION")?.entities.map((e) => e.label)).toEqual([
      "International Organization for Migration",
      "University of York",
    ]);
  });

  it("counts entities by kind", () => {
    expect(Object.fromEntries(countByKind(graph))).toEqual({
      WORK: 1,
      PERSON: 1,
      JOURNAL: 1,
      ORGANISATION: 2,
      COUNTRY: 2,
      TOPIC: 1,
    });
  });
});
