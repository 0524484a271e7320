/** What the curator's forms need to know about relation types, without the server. */
import type { PropertySpec, RelationType } from "./api";

/** Which way a new link points, seen from the entity in the centre. */
export type Direction = "from" | "to";

/**
 * The relation types that may link an entity of kind `from` to one of kind `to`. An unknown kind
 * (a target typed as an identifier, not yet resolved) matches any kind.
 */
export function allowedTypes(types: readonly RelationType[], from: string | null, to: string | null): RelationType[] {
  return types.filter(
    (t) => (from === null || (t.from as string[]).includes(from)) && (to === null || (t.to as string[]).includes(to)),
  );
}

/** A property value as typed in a form, turned into what the API takes; errors say why not. */
export function parseProperty(spec: PropertySpec, raw: string): { value?: unknown; error?: string } {
  const text = raw.trim();
  if (text === "") return {};
  if (spec.type === "boolean") {
    if (text === "true" || text === "false") return { value: text === "true" };
    return { error: `${spec.name} is true or false` };
  }
  if (spec.type.startsWith("whole number")) {
    const n = Number(text);
    if (!Number.isInteger(n)) return { error: `${spec.name} is a ${spec.type}` };
    return { value: n };
  }
  if (spec.type.startsWith("number")) {
    const n = Number(text);
    if (!Number.isFinite(n)) return { error: `${spec.name} is a ${spec.type}` };
    return { value: n };
  }
  return { value: text };
}

/** The properties of a form, parsed; the first error when one is wrong. */
export function parseProperties(
  specs: readonly PropertySpec[],
  raw: Readonly<Record<string, string>>,
): { properties: Record<string, unknown>; error: string | null } {
  const properties: Record<string, unknown> = {};
  for (const spec of specs) {
    const { value, error } = parseProperty(spec, raw[spec.name] ?? "");
    if (error) return { properties, error };
    if (value !== undefined) properties[spec.name] = value;
  }
  return { properties, error: null };
}

/** Words for a change, for lists. */
export const ACTION_WORDS: Record<string, string> = {
  CREATE_ENTITY: "created",
  UPDATE_ENTITY: "updated",
  MERGE_ENTITY: "merged a duplicate into",
  ADD_LINK: "added link",
  RETRACT_LINK: "retracted link",
  RESTORE_LINK: "restored link",
  MOVE_LINK: "moved link",
  PROPOSE: "proposed",
  REJECT: "rejected proposal",
  WITHDRAW: "withdrew proposal",
  SET_POLICY: "set review policy",
};

/** Words for what a proposal asks. */
export const PROPOSAL_WORDS: Record<string, string> = {
  ADD_LINK: "adding",
  RETRACT_LINK: "retracting",
  RESTORE_LINK: "restoring",
};

/** A timestamp as a short local date and time. */
export function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
