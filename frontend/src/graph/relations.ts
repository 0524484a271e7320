/** Lists derived from the explorer's graph, for the side panel and the keyboard. */
import { KINDS } from "../api/documents";
import type { ExplorerGraph } from "./model";

/** Which way a relationship points, seen from the entity whose relations are listed. */
export type Direction = "outgoing" | "incoming";

/** An entity as the lists show it. */
export interface EntityRef {
  id: string;
  label: string;
  kind: string;
}

/** One relationship of an entity. */
export interface Relation {
  /** The graph's edge key. */
  edge: string;
  relation: string;
  direction: Direction;
  /** The entity at the other end (the entity itself for a self-relation). */
  other: EntityRef;
}

/** The relationships of one type and direction. */
export interface RelationGroup {
  relation: string;
  direction: Direction;
  items: Relation[];
}

/** The entity with the given key as the lists show it. */
export function entityRef(graph: ExplorerGraph, id: string): EntityRef {
  const { label, kind } = graph.getNodeAttributes(id);
  return { id, label, kind };
}

/** Every relationship of `id` in the graph, by type, then direction, then the other end's label. */
export function relationsOf(graph: ExplorerGraph, id: string): Relation[] {
  if (!graph.hasNode(id)) return [];
  const relations: Relation[] = [];
  graph.forEachEdge(id, (edge, attrs, source, target) => {
    const direction: Direction = source === id ? "outgoing" : "incoming";
    relations.push({
      edge,
      relation: attrs.relation,
      direction,
      other: entityRef(graph, direction === "outgoing" ? target : source),
    });
  });
  return relations.sort(
    (a, b) =>
      a.relation.localeCompare(b.relation) ||
      a.direction.localeCompare(b.direction) ||
      a.other.label.localeCompare(b.other.label),
  );
}

/** Groups sorted relations by type and direction, keeping their order. */
export function groupRelations(relations: Relation[]): RelationGroup[] {
  const groups: RelationGroup[] = [];
  for (const item of relations) {
    const last = groups[groups.length - 1];
    if (last && last.relation === item.relation && last.direction === item.direction) {
      last.items.push(item);
    } else {
      groups.push({ relation: item.relation, direction: item.direction, items: [item] });
    }
  }
  return groups;
}

/** The entities of one kind. */
export interface KindGroup {
  kind: string;
  entities: EntityRef[];
}

/** Every entity in the graph, grouped by kind in schema order (unknown kinds last), by label. */
export function entitiesByKind(graph: ExplorerGraph): KindGroup[] {
  const byKind = new Map<string, EntityRef[]>();
  graph.forEachNode((id, attrs) => {
    const list = byKind.get(attrs.kind) ?? [];
    list.push({ id, label: attrs.label, kind: attrs.kind });
    byKind.set(attrs.kind, list);
  });
  const order = (kind: string) => {
    const i = (KINDS as readonly string[]).indexOf(kind);
    return i === -1 ? KINDS.length : i;
  };
  return [...byKind.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([kind, entities]) => ({ kind, entities: entities.sort((a, b) => a.label.localeCompare(b.label)) }));
}

/** How many entities of each kind the graph holds. */
export function countByKind(graph: ExplorerGraph): Map<string, number> {
  const counts = new Map<string, number>();
  graph.forEachNode((_id, attrs) => counts.set(attrs.kind, (counts.get(attrs.kind) ?? 0) + 1));
  return counts;
}
