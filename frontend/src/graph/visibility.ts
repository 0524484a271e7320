/**
 * Which entities and relationships the filters hide: kinds, relationship types and a range of
 * years that applies to works and to relationships alike. The answer feeds sigma's reducers (the
 * `hidden` flag) and the lists; the graph itself is never changed by a filter.
 */
import type { ExplorerGraph } from "./model";

/** The filters of the view. */
export interface Filters {
  hiddenKinds: readonly string[];
  hiddenRelations: readonly string[];
  /** The years shown, inclusive, or null for all. */
  years: readonly [number, number] | null;
}

/** What the filters hide. */
export interface Visibility {
  hiddenNodes: ReadonlySet<string>;
  hiddenEdges: ReadonlySet<string>;
}

/** Nothing hidden. */
export const ALL_VISIBLE: Visibility = { hiddenNodes: new Set(), hiddenEdges: new Set() };

function overlaps(a: readonly [number, number], b: readonly [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/**
 * Works out what the filters hide. The centre always stays. A work is hidden when its kind is, or
 * when its year is outside the range; a relationship when its type is, when either end is, or when
 * its years are outside the range. Undated entities (people, countries…) stay unless their kind is
 * hidden, or every relationship they have was hidden by the type or year filters, which would
 * leave them floating alone.
 */
export function computeVisibility(graph: ExplorerGraph, filters: Filters): Visibility {
  const { hiddenKinds, hiddenRelations, years } = filters;
  if (hiddenKinds.length === 0 && hiddenRelations.length === 0 && years === null) return ALL_VISIBLE;
  const centre = graph.getAttribute("centre");
  const kinds = new Set(hiddenKinds);
  const relations = new Set(hiddenRelations);
  const hiddenNodes = new Set<string>();
  const hiddenEdges = new Set<string>();

  graph.forEachNode((node, attrs) => {
    if (node === centre) return;
    if (kinds.has(attrs.kind)) hiddenNodes.add(node);
    else if (years !== null && attrs.year !== null && (attrs.year < years[0] || attrs.year > years[1])) hiddenNodes.add(node);
  });

  // Edges hidden by their own type or years, as opposed to by an end.
  const filteredOut = new Set<string>();
  graph.forEachEdge((edge, attrs, source, target) => {
    if (relations.has(attrs.relation) || (years !== null && attrs.years !== null && !overlaps(attrs.years, years))) {
      filteredOut.add(edge);
      hiddenEdges.add(edge);
    } else if (hiddenNodes.has(source) || hiddenNodes.has(target)) {
      hiddenEdges.add(edge);
    }
  });

  if (filteredOut.size > 0) {
    graph.forEachNode((node, attrs) => {
      if (node === centre || hiddenNodes.has(node) || attrs.year !== null) return;
      let edges = 0;
      let kept = 0;
      graph.forEachEdge(node, (edge) => {
        edges++;
        if (!filteredOut.has(edge)) kept++;
      });
      if (edges > 0 && kept === 0) hiddenNodes.add(node);
    });
    // Edges to entities hidden in that last step.
    graph.forEachEdge((edge, _attrs, source, target) => {
      if (hiddenNodes.has(source) || hiddenNodes.has(target)) hiddenEdges.add(edge);
    });
  }
  return { hiddenNodes, hiddenEdges };
}

/** The earliest and latest year of the graph's works and dated relationships, or null when none is dated. */
export function yearBounds(graph: ExplorerGraph): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const see = (y: number) => {
    if (!Number.isFinite(y)) return;
    if (y < min) min = y;
    if (y > max) max = y;
  };
  graph.forEachNode((_n, attrs) => {
    if (attrs.year !== null) see(attrs.year);
  });
  graph.forEachEdge((_e, attrs) => {
    if (attrs.years) {
      see(attrs.years[0]);
      see(attrs.years[1]);
    }
  });
  return min <= max ? [min, max] : null;
}

/** How many of something there are, and how many are shown. */
export interface Tally {
  total: number;
  shown: number;
}

/** Entities per kind and relationships per type, in all and after the filters. */
export function tallies(graph: ExplorerGraph, visibility: Visibility): { kinds: Map<string, Tally>; relations: Map<string, Tally> } {
  const kinds = new Map<string, Tally>();
  const relations = new Map<string, Tally>();
  const bump = (map: Map<string, Tally>, key: string, shown: boolean) => {
    const t = map.get(key) ?? { total: 0, shown: 0 };
    t.total++;
    if (shown) t.shown++;
    map.set(key, t);
  };
  graph.forEachNode((node, attrs) => bump(kinds, attrs.kind, !visibility.hiddenNodes.has(node)));
  graph.forEachEdge((edge, attrs) => bump(relations, attrs.relation, !visibility.hiddenEdges.has(edge)));
  return { kinds, relations };
}
