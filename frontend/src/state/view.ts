/**
 * The explorer's view state and its form in the URL (`?focus=<id>&depth=N`), so that a copied
 * link reopens the same view and the browser's back button steps through earlier ones.
 */

/** How many hops around the focus are drawn. */
export type Depth = 1 | 2;

/** The depths the explorer offers. */
export const DEPTHS: readonly Depth[] = [1, 2];

/** What the explorer shows. */
export interface ViewState {
  /** The relgraph id of the entity in the centre, or null for the start page. */
  focus: string | null;
  /** How many hops around the focus are drawn. */
  depth: Depth;
}

/** The start page. */
export const HOME: ViewState = { focus: null, depth: 1 };

/** Reads a view from a URL query string such as `location.search`; unknown values fall back to defaults. */
export function parseView(search: string): ViewState {
  const params = new URLSearchParams(search);
  const focus = params.get("focus")?.trim() || null;
  return { focus, depth: parseDepth(params.get("depth")) };
}

function parseDepth(value: string | null): Depth {
  const n = Number(value);
  return (DEPTHS as readonly number[]).includes(n) ? (n as Depth) : HOME.depth;
}

/** Writes a view as a URL query string: `?focus=<id>&depth=N`, or the empty string for the start page. */
export function serialiseView(view: ViewState): string {
  if (view.focus === null) return "";
  const params = new URLSearchParams({ focus: view.focus, depth: String(view.depth) });
  return `?${params.toString()}`;
}

/** Whether two views show the same thing. */
export function sameView(a: ViewState, b: ViewState): boolean {
  return a.focus === b.focus && (a.focus === null || a.depth === b.depth);
}
