/**
 * The view of an entity's graph and its form in the URL's query string, so that a copied link
 * reopens the same view: depth, expanded nodes and extra pages, added nodes, the path asked for,
 * filters, layout, appearance, selection, camera and the list or table view. Defaults are left out
 * of the URL, so the plain page has a plain address.
 *
 *   ?depth=2&x=<id>&x=<id>&more=AUTHORED.in.2.<id>&add=<id>&path=<id>&pfrom=<id>
 *   &hide=COUNTRY,TOPIC&hiderel=BORDERS&years=2010-2018
 *   &layout=radial&size=centrality&color=community&sel=<id>&cam=0.5,0.5,1&view=list
 */

/** How many hops around the focus are drawn. */
export type Depth = 1 | 2;
/** The depths offered. */
export const DEPTHS: readonly Depth[] = [1, 2];

/** How nodes are placed. */
export type LayoutName = "force" | "radial" | "timeline";
export const LAYOUTS: readonly LayoutName[] = ["force", "radial", "timeline"];

/** What decides a node's size. */
export type SizeBy = "degree" | "centrality";
export const SIZE_BYS: readonly SizeBy[] = ["degree", "centrality"];

/** What decides a node's colour. */
export type ColorBy = "kind" | "community" | "centrality";
export const COLOR_BYS: readonly ColorBy[] = ["kind", "community", "centrality"];

/** How the subgraph is shown. */
export type Presentation = "graph" | "list" | "table";
export const PRESENTATIONS: readonly Presentation[] = ["graph", "list", "table"];

/** Which way a relationship points, seen from the entity it is listed for. */
export type Dir = "in" | "out";

/** Extra pages of one relation group of an expanded node ("load more"). */
export interface MorePages {
  id: string;
  type: string;
  dir: Dir;
  /** How many pages beyond the first are shown (1 or more). */
  pages: number;
}

/** The camera: the centre in sigma's normalised coordinates and the zoom ratio. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/** Everything about the view that the URL keeps. */
export interface GraphView {
  depth: Depth;
  /** Expanded nodes, in the order they were expanded. */
  expanded: string[];
  more: MorePages[];
  /** Nodes added from the search, in order. */
  added: string[];
  /** The entity whose paths from `pathFrom` are shown, or null. */
  pathTo: string | null;
  /** Where those paths start: null for the focus. */
  pathFrom: string | null;
  hiddenKinds: string[];
  hiddenRelations: string[];
  /** The year range shown, inclusive, or null for every year. */
  years: [number, number] | null;
  layout: LayoutName;
  sizeBy: SizeBy;
  colorBy: ColorBy;
  /** The selected node, whose details the side panel shows. */
  selected: string | null;
  /** The camera, or null to fit the graph. */
  camera: CameraView | null;
  presentation: Presentation;
}

/** The view of a freshly opened entity page. */
export const DEFAULT_VIEW: GraphView = {
  depth: 1,
  expanded: [],
  more: [],
  added: [],
  pathTo: null,
  pathFrom: null,
  hiddenKinds: [],
  hiddenRelations: [],
  years: null,
  layout: "force",
  sizeBy: "degree",
  colorBy: "kind",
  selected: null,
  camera: null,
  presentation: "graph",
};

function oneOf<T extends string | number>(values: readonly T[], raw: string | null, fallback: T): T {
  const found = values.find((v) => String(v) === raw);
  return found ?? fallback;
}

function ids(params: URLSearchParams, key: string): string[] {
  const out: string[] = [];
  for (const value of params.getAll(key)) {
    const id = value.trim();
    if (id !== "" && !out.includes(id)) out.push(id);
  }
  return out;
}

function names(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(",").map((s) => s.trim()).filter((s) => /^[A-Z][A-Z0-9_]*$/.test(s)))].sort();
}

function parseMore(raw: string): MorePages | null {
  const m = /^([A-Z][A-Z0-9_]*)\.(in|out)\.([1-9][0-9]{0,2})\.(.+)$/.exec(raw);
  if (!m) return null;
  return { type: m[1]!, dir: m[2] as Dir, pages: Number(m[3]), id: m[4]! };
}

function parseYears(raw: string | null): [number, number] | null {
  const m = /^(-?\d{1,4})-(-?\d{1,4})$/.exec(raw ?? "");
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return a <= b ? [a, b] : [b, a];
}

function parseCamera(raw: string | null): CameraView | null {
  const parts = (raw ?? "").split(",").map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [x, y, ratio] = parts as [number, number, number];
  if (ratio <= 0 || ratio > 100 || Math.abs(x) > 1000 || Math.abs(y) > 1000) return null;
  return { x, y, ratio };
}

/** Reads a view from a query string such as `location.search`; anything unreadable falls back to the default. */
export function parseView(search: string): GraphView {
  const params = new URLSearchParams(search);
  const more: MorePages[] = [];
  for (const raw of params.getAll("more")) {
    const m = parseMore(raw);
    if (m && !more.some((o) => o.id === m.id && o.type === m.type && o.dir === m.dir)) more.push(m);
  }
  const expanded = ids(params, "x");
  return {
    depth: oneOf(DEPTHS, params.get("depth"), DEFAULT_VIEW.depth),
    expanded,
    // Extra pages only make sense for expanded nodes.
    more: more.filter((m) => expanded.includes(m.id)),
    added: ids(params, "add"),
    pathTo: params.get("path")?.trim() || null,
    pathFrom: (params.get("path")?.trim() && params.get("pfrom")?.trim()) || null,
    hiddenKinds: names(params.get("hide")),
    hiddenRelations: names(params.get("hiderel")),
    years: parseYears(params.get("years")),
    layout: oneOf(LAYOUTS, params.get("layout"), DEFAULT_VIEW.layout),
    sizeBy: oneOf(SIZE_BYS, params.get("size"), DEFAULT_VIEW.sizeBy),
    colorBy: oneOf(COLOR_BYS, params.get("color"), DEFAULT_VIEW.colorBy),
    selected: params.get("sel")?.trim() || null,
    camera: parseCamera(params.get("cam")),
    presentation: oneOf(PRESENTATIONS, params.get("view"), DEFAULT_VIEW.presentation),
  };
}

/** Rounds a camera coordinate for the URL: enough digits to come back to the same picture. */
function round(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)));
}

/** Writes a view as a query string (with its `?`), or the empty string for the default view. */
export function serialiseView(view: GraphView): string {
  const params = new URLSearchParams();
  if (view.depth !== DEFAULT_VIEW.depth) params.set("depth", String(view.depth));
  for (const id of view.expanded) params.append("x", id);
  for (const m of view.more) params.append("more", `${m.type}.${m.dir}.${m.pages}.${m.id}`);
  for (const id of view.added) params.append("add", id);
  if (view.pathTo) params.set("path", view.pathTo);
  if (view.pathTo && view.pathFrom) params.set("pfrom", view.pathFrom);
  if (view.hiddenKinds.length) params.set("hide", [...view.hiddenKinds].sort().join(","));
  if (view.hiddenRelations.length) params.set("hiderel", [...view.hiddenRelations].sort().join(","));
  if (view.years) params.set("years", `${view.years[0]}-${view.years[1]}`);
  if (view.layout !== DEFAULT_VIEW.layout) params.set("layout", view.layout);
  if (view.sizeBy !== DEFAULT_VIEW.sizeBy) params.set("size", view.sizeBy);
  if (view.colorBy !== DEFAULT_VIEW.colorBy) params.set("color", view.colorBy);
  if (view.selected) params.set("sel", view.selected);
  if (view.camera) {
    const { x, y, ratio } = view.camera;
    params.set("cam", `${round(x, 4)},${round(y, 4)},${round(ratio, 4)}`);
  }
  if (view.presentation !== DEFAULT_VIEW.presentation) params.set("view", view.presentation);
  const s = params.toString().replace(/%2C/g, ",");
  return s ? `?${s}` : "";
}

/** How a change of view enters the browser history. */
export type HistoryMode = "push" | "replace";

/** A change of view, as the explorer's controls ask for it. */
export type ViewAction =
  | { type: "depth"; depth: Depth }
  | { type: "expand"; id: string }
  | { type: "collapse"; id: string }
  | { type: "more"; id: string; relation: string; dir: Dir }
  | { type: "add"; id: string }
  | { type: "path"; to: string | null; from?: string | null }
  | { type: "toggleKind"; kind: string }
  | { type: "toggleRelation"; relation: string }
  | { type: "showAll" }
  | { type: "years"; years: [number, number] | null }
  | { type: "layout"; layout: LayoutName }
  | { type: "sizeBy"; sizeBy: SizeBy }
  | { type: "colorBy"; colorBy: ColorBy }
  | { type: "select"; id: string | null }
  | { type: "camera"; camera: CameraView | null }
  | { type: "present"; presentation: Presentation };

function toggle(list: string[], item: string): string[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item].sort();
}

/**
 * Applies a change to a view. Returns the new view and whether it deserves its own history entry:
 * what changes the graph's contents (expanding, loading more, adding, asking for paths, depth) is
 * a step the back button undoes; appearance, filters, selection and camera replace the entry.
 */
export function applyViewAction(view: GraphView, action: ViewAction): { view: GraphView; mode: HistoryMode } {
  switch (action.type) {
    case "depth":
      return { view: { ...view, depth: action.depth, camera: null }, mode: "push" };
    case "expand":
      if (view.expanded.includes(action.id)) return { view, mode: "replace" };
      return { view: { ...view, expanded: [...view.expanded, action.id] }, mode: "push" };
    case "collapse":
      return {
        view: {
          ...view,
          expanded: view.expanded.filter((id) => id !== action.id),
          more: view.more.filter((m) => m.id !== action.id),
        },
        mode: "push",
      };
    case "more": {
      const expanded = view.expanded.includes(action.id) ? view.expanded : [...view.expanded, action.id];
      const found = view.more.find((m) => m.id === action.id && m.type === action.relation && m.dir === action.dir);
      const more = found
        ? view.more.map((m) => (m === found ? { ...m, pages: m.pages + 1 } : m))
        : [...view.more, { id: action.id, type: action.relation, dir: action.dir, pages: 1 }];
      return { view: { ...view, expanded, more }, mode: "push" };
    }
    case "add":
      if (view.added.includes(action.id)) return { view: { ...view, selected: action.id }, mode: "replace" };
      return { view: { ...view, added: [...view.added, action.id], selected: action.id }, mode: "push" };
    case "path":
      return { view: { ...view, pathTo: action.to, pathFrom: action.to ? (action.from ?? null) : null }, mode: "push" };
    case "toggleKind":
      return { view: { ...view, hiddenKinds: toggle(view.hiddenKinds, action.kind) }, mode: "replace" };
    case "toggleRelation":
      return { view: { ...view, hiddenRelations: toggle(view.hiddenRelations, action.relation) }, mode: "replace" };
    case "showAll":
      return { view: { ...view, hiddenKinds: [], hiddenRelations: [], years: null }, mode: "replace" };
    case "years":
      return { view: { ...view, years: action.years }, mode: "replace" };
    case "layout":
      return { view: { ...view, layout: action.layout, camera: null }, mode: "replace" };
    case "sizeBy":
      return { view: { ...view, sizeBy: action.sizeBy }, mode: "replace" };
    case "colorBy":
      return { view: { ...view, colorBy: action.colorBy }, mode: "replace" };
    case "select":
      return { view: { ...view, selected: action.id }, mode: "replace" };
    case "camera":
      return { view: { ...view, camera: action.camera }, mode: "replace" };
    case "present":
      return { view: { ...view, presentation: action.presentation }, mode: "replace" };
  }
}

/**
 * The view to open another entity's page with: the reader's preferences (depth, filters of kinds
 * and relations, layout, appearance, list or table) stay; what belonged to the old graph goes.
 */
export function viewForNewFocus(view: GraphView): GraphView {
  return {
    ...DEFAULT_VIEW,
    depth: view.depth,
    hiddenKinds: view.hiddenKinds,
    hiddenRelations: view.hiddenRelations,
    layout: view.layout,
    sizeBy: view.sizeBy,
    colorBy: view.colorBy,
    presentation: view.presentation,
  };
}

/** What of the view decides which entities and relationships are loaded. */
export function contentKey(view: GraphView): string {
  return JSON.stringify([view.depth, view.expanded, view.more, view.added, view.pathTo, view.pathFrom]);
}
