/**
 * The explorer's pages and their paths: `/` (home), `/<kind>/<id>` (an entity's page, such as
 * `/work/w-33bac398149400db`) and `/embed/<kind>/<id>` (its graph alone, for an iframe). The query
 * string holds the view of the graph (see state/view.ts).
 */
import { KINDS, type Kind } from "../api/documents";

/** A page of the explorer. */
export type Route =
  | { page: "home" }
  | { page: "entity"; kind: Kind | null; id: string; embed: boolean }
  | { page: "not-found"; path: string };

/** The path segment of each kind: `/work/…`, `/person/…`. */
export const KIND_SLUGS: Readonly<Record<Kind, string>> = {
  WORK: "work",
  PERSON: "person",
  JOURNAL: "journal",
  ORGANISATION: "organisation",
  COUNTRY: "country",
  PROJECT: "project",
  TOPIC: "topic",
};

const SLUG_KINDS = new Map<string, Kind>(KINDS.map((k) => [KIND_SLUGS[k], k]));

/** The first letter of relgraph ids of each kind (graph.NewID on the server). */
const ID_PREFIXES: Readonly<Record<string, Kind>> = {
  w: "WORK",
  p: "PERSON",
  j: "JOURNAL",
  o: "ORGANISATION",
  c: "COUNTRY",
  r: "PROJECT",
  t: "TOPIC",
};

/** The kind a relgraph id names, from its prefix (`w-…` is a work), or null when it has none. */
export function kindOfId(id: string): Kind | null {
  if (id.length < 3 || id[1] !== "-") return null;
  return ID_PREFIXES[id[0]!] ?? null;
}

/** Reads a path such as `location.pathname`. `/node/<id>` is an entity of a kind to be found out. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter((p) => p !== "");
  if (parts.length === 0) return { page: "home" };
  const embed = parts[0] === "embed";
  const [slug, rawId, ...rest] = embed ? parts.slice(1) : parts;
  if (slug === undefined || rawId === undefined || rest.length > 0) return { page: "not-found", path: pathname };
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return { page: "not-found", path: pathname };
  }
  if (id.trim() === "") return { page: "not-found", path: pathname };
  if (slug === "node") return { page: "entity", kind: kindOfId(id), id, embed };
  const kind = SLUG_KINDS.get(slug);
  if (!kind) return { page: "not-found", path: pathname };
  return { page: "entity", kind, id, embed };
}

/** The path of an entity's page (or of its embeddable graph). */
export function entityPath(id: string, kind: string | null = kindOfId(id), embed = false): string {
  const slug = (kind && KIND_SLUGS[kind as Kind]) ?? "node";
  return `${embed ? "/embed" : ""}/${slug}/${encodeURIComponent(id)}`;
}

/** The path of a route. */
export function routePath(route: Route): string {
  switch (route.page) {
    case "home":
      return "/";
    case "entity":
      return entityPath(route.id, route.kind, route.embed);
    case "not-found":
      return route.path;
  }
}

/**
 * The entity page a link of the first explorer (`/?focus=<id>&depth=N`) meant, with the rest of its
 * query string, or null when the URL is not one.
 */
export function legacyRedirect(pathname: string, search: string): string | null {
  if (pathname !== "/" && pathname !== "") return null;
  const params = new URLSearchParams(search);
  const focus = params.get("focus")?.trim();
  if (!focus) return null;
  params.delete("focus");
  const rest = params.toString();
  return `${entityPath(focus)}${rest ? `?${rest}` : ""}`;
}
