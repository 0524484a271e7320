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
import { seedRelations, seedSearch } from "../test/fixtures";
import { ALL_DOCUMENTS, KINDS, RELATIONS, SEARCH } from "./documents";

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
  it.each([
    ["SEARCH", SEARCH.source, seedSearch],
    ["RELATIONS", RELATIONS.source, seedRelations],
  ])("the %s result type has exactly the selected fields", (_name, source, sample) => {
    const operation = parse(source).definitions[0];
    if (operation?.kind !== AST.OPERATION_DEFINITION) throw new Error("expected an operation");
    expect(valueShape(sample)).toEqual(selectionShape(operation.selectionSet));
  });
});
