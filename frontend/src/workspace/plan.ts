/**
 * What to load for a view: the graph of relations at the chosen depth, then each expansion (with
 * the pages more asked for), the paths, and the entities added from the search, in that order.
 * The order is part of the answer: the graph is the loads merged in order (graph/store.ts).
 */
import type { Dir, GraphView } from "../state/view";

/** One thing to load, with the key its result is merged under. */
export type LoadSpec =
  | { key: string; type: "base"; id: string; depth: number }
  | { key: string; type: "expand"; id: string }
  | { key: string; type: "more"; id: string; relation: string; dir: Dir; pages: number }
  | { key: string; type: "path"; from: string; to: string }
  | { key: string; type: "add"; id: string };

/** How many neighbours of each relationship type an expansion shows, and each "load more" adds. */
export const PAGE_SIZE = 12;

/** The most entities the graph of relations asks for at each depth. */
export const RELATION_LIMITS: Readonly<Record<number, number>> = { 1: 200, 2: 500 };

/** The loads of a view of `focus`'s graph, in the order they are merged. */
export function planLoads(focus: string, view: GraphView): LoadSpec[] {
  const specs: LoadSpec[] = [{ key: `base:${view.depth}`, type: "base", id: focus, depth: view.depth }];
  for (const id of view.expanded) {
    specs.push({ key: `x:${id}`, type: "expand", id });
    for (const m of view.more) {
      if (m.id === id) {
        specs.push({ key: `more:${m.type}:${m.dir}:${m.pages}:${id}`, type: "more", id, relation: m.type, dir: m.dir, pages: m.pages });
      }
    }
  }
  if (view.pathTo) {
    const from = view.pathFrom ?? focus;
    if (from !== view.pathTo) specs.push({ key: `path:${from}:${view.pathTo}`, type: "path", from, to: view.pathTo });
  }
  for (const id of view.added) specs.push({ key: `add:${id}`, type: "add", id });
  return specs;
}
