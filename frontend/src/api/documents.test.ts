import {
  buildSchema,
  Kind as AST,
  parse,
  validate,
  type GraphQLSchema,
  type SelectionSetNode,
  isEnumType,
} from "graphql";
import { describe, expect, it } from "vitest";
import {
  entitySamples,
  entityWorks,
  everyKindNeighbours,
  homeEntries,
  iomGroups,
  iomMore,
  seedPaths,
  seedPreview,
  seedRelated,
  seedRelations,
  seedSearch,
  seedSubgraph,
} from "../test/fixtures";
import {
  ALL_DOCUMENTS,
  ENTITY,
  ENTITY_WORKS,
  HOME,
  KINDS,
  NEIGHBOUR_GROUPS,
  NEIGHBOURS,
  PATHS,
  PREVIEW,
  RELATED_WORKS,
  RELATIONS,
  SEARCH,
} from "./documents";

const schemaFiles = import.meta.glob<string>("../../../schema/*.graphqls", {
  query: "?raw",
  import: "default",
  eager: true,
});

function loadSchema(): GraphQLSchema {
  const sdl = Object.values(schemaFiles).join("\n");
  return buildSchema(sdl);
}

/** The field names a selection asks for, nested; inline fragments are merged into their parent. */
type Shape = { [field: string]: Shape | null };

function selectionShape(set: SelectionSetNode): Shape {
  const shape: Shape = {};
  for (const selection of set.selections) {
    if (selection.kind === AST.FIELD) {
      const name = selection.alias?.value ?? selection.name.value;
      shape[name] = selection.selectionSet ? selectionShape(selection.selectionSet) : null;
    } else if (selection.kind === AST.INLINE_FRAGMENT) {
      Object.assign(shape, selectionShape(selection.selectionSet));
    }
  }
  return shape;
}

/** The keys of a sample value, nested, with arrays merged over their elements. */
function valueShape(value: unknown): Shape | null {
  if (Array.isArray(value)) {
    return value.reduce<Shape | null>((merged, item) => mergeShapes(merged, valueShape(item)), null);
  }
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, valueShape(v)]));
  }
  return null;
}

function mergeShapes(a: Shape | null, b: Shape | null): Shape | null {
  if (a === null) return b;
  if (b === null) return a;
  const merged: Shape = { ...a };
  for (const [key, value] of Object.entries(b)) merged[key] = mergeShapes(merged[key] ?? null, value);
  return merged;
}

describe("GraphQL documents", () => {
  const schema = loadSchema();

  for (const [name, document] of Object.entries(ALL_DOCUMENTS)) {
    it(`${name} is valid against the schema`, () => {
      const errors = validate(schema, parse(document.source));
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }

  it("the Kind type lists exactly the schema's kinds", () => {
    const kind = schema.getType("Kind");
    expect(isEnumType(kind)).toBe(true);
    if (!isEnumType(kind)) return;
    expect([...KINDS]).toEqual(kind.getValues().map((v) => v.name));
  });

  // The sample responses are typed with the hand-written result types, so the compiler holds them
  // to the types; comparing their keys with the selections holds the types to the documents.
  // Several samples are merged for documents whose fields depend on the entity's kind.
  it.each<[string, string, unknown[]]>([
    ["SEARCH", SEARCH.source, [seedSearch]],
    ["RELATIONS", RELATIONS.source, [seedRelations]],
    [
      "NEIGHBOUR_GROUPS",
      NEIGHBOUR_GROUPS.source,
      [iomGroups, { neighbourGroups: [{ ...iomGroups.neighbourGroups[0], edges: everyKindNeighbours }] }],
    ],
    ["NEIGHBOURS", NEIGHBOURS.source, [iomMore, { neighbours: { ...iomMore.neighbours, edges: everyKindNeighbours } }]],
    ["PATHS", PATHS.source, [seedPaths, { paths: [{ ...seedPaths.paths[0], nodes: seedSubgraph.nodes }] }]],
    ["ENTITY", ENTITY.source, entitySamples],
    ["ENTITY_WORKS", ENTITY_WORKS.source, [entityWorks]],
    ["RELATED_WORKS", RELATED_WORKS.source, [seedRelated]],
    ["PREVIEW", PREVIEW.source, [seedPreview]],
    ["HOME", HOME.source, [homeEntries]],
  ])("the %s result type has exactly the selected fields", (_name, source, samples) => {
    const operation = parse(source).definitions[0];
    if (operation?.kind !== AST.OPERATION_DEFINITION) throw new Error("expected an operation");
    const merged = samples.reduce<Shape | null>((shape, sample) => mergeShapes(shape, valueShape(sample)), null);
    expect(merged).toEqual(selectionShape(operation.selectionSet));
  });

  it("covers every document with a sample", () => {
    expect(Object.keys(ALL_DOCUMENTS).sort()).toEqual(
      ["ENTITY", "ENTITY_WORKS", "HOME", "NEIGHBOURS", "NEIGHBOUR_GROUPS", "PATHS", "PREVIEW", "RELATED_WORKS", "RELATIONS", "SEARCH"],
    );
  });
});
