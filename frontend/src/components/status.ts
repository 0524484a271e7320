import { RELATION_LIMITS, type RelationsState } from "../hooks/useRelations";

/** The sentence the live region announces: what is on screen, or that the next graph is loading. */
export function statusText({ loaded, loading }: Pick<RelationsState, "loaded" | "loading">): string {
  if (loading) return "Loading relations…";
  if (!loaded) return "";
  const { graph, focus, depth } = loaded;
  const n = graph.order;
  const label = graph.getNodeAttribute(focus, "label");
  const cut = graph.getAttribute("truncated")
    ? ` (limited to the nearest ${RELATION_LIMITS[depth]}; more are within reach)`
    : "";
  return `Showing ${n} ${n === 1 ? "entity" : "entities"} around ${label}${cut}.`;
}
