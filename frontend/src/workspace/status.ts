/** The sentences that say what the workspace shows, on screen and to screen readers. */
import type { Visibility } from "../graph/visibility";
import type { ExplorerGraph } from "../graph/model";

/** What is shown: "Showing 13 of 13 entities and 12 relations around X", with what is left out. */
export function statusText(
  graph: ExplorerGraph,
  visibility: Visibility,
  reach: { count: number; capped: boolean } | null,
  depth: number,
): string {
  const centre = graph.getAttribute("centre");
  if (!graph.hasNode(centre)) return "";
  const label = graph.getNodeAttribute(centre, "label");
  const shown = graph.order - visibility.hiddenNodes.size;
  const edges = graph.size - visibility.hiddenEdges.size;
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
  let text = `Showing ${plural(shown, "entity", "entities")} and ${plural(edges, "relation", "relations")} around ${label}`;
  if (visibility.hiddenNodes.size > 0) text += ` (${visibility.hiddenNodes.size.toLocaleString("en")} hidden by the filters)`;
  text += ".";
  if (reach && graph.getAttribute("truncated")) {
    const within = reach.capped ? `more than ${reach.count.toLocaleString("en")}` : reach.count.toLocaleString("en");
    text += ` ${within} entities lie within ${plural(depth, "hop", "hops")}; the nearest are shown — expand nodes to see more.`;
  }
  return text;
}
