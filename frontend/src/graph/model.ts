/**
 * The explorer's graph: one graphology graph holds everything loaded for an entity's page, and
 * everything on screen (the canvas, the lists, the table, the legend) is derived from it. Filters,
 * hover and highlights never change it: they go through sigma's reducers.
 */
import { MultiDirectedGraph } from "graphology";
import type { Property, Provenance, RelationNode } from "../api/documents";

/** What the graph stores for each entity. Sigma reads label, color, size, x and y. */
export interface NodeAttributes {
  /** The entity's label, in full; the canvas shortens it when drawing. */
  label: string;
  /** The entity's kind (a `Kind`, or a newer kind the explorer does not know yet). */
  kind: string;
  /** The colour of its kind. */
  color: string;
  /** The drawn size, growing with the entity's degree in the graph. */
  size: number;
  x: number;
  y: number;
  /** Whether layouts must leave the node where it is (the focus, at the origin). */
  fixed: boolean;
  /** The number of hops from the focus, ignoring direction; null when not connected to it. */
  distance: number | null;
  /** Works: the year of publication. */
  year: number | null;
  /** The entity as the API returned it, with the identifiers of its kind. */
  entity: RelationNode;
  /** The loads that brought the entity (see store.ts); it leaves the graph with the last of them. */
  sources: string[];
}

/** What the graph stores for each relationship. */
export interface EdgeAttributes {
  /** The relationship type, such as AUTHORED. (Not `type`, which sigma reserves for renderers.) */
  relation: string;
  /** The API ids of the relationships merged into this edge: the same type between the same ends. */
  ids: string[];
  /** The properties of the first such relationship. */
  properties: Property[];
  /** Where each merged relationship came from, in the order they arrived. */
  provenance: Provenance[];
  /** The drawn colour. */
  color: string;
  /** The drawn thickness. */
  size: number;
  /** The years the relationship holds for (its work's year, or its own dates), or null. */
  years: [number, number] | null;
  /** The loads that brought the relationship. */
  sources: string[];
}

/** Graph-level attributes. */
export interface GraphAttributes {
  /** The entity the graph is drawn around: the page's entity. */
  centre: string;
  /** Whether the server left entities out of the graph of relations because of the limit. */
  truncated: boolean;
  /** The loads applied, in order. */
  loads: string[];
}

/** The explorer's graph: directed, with parallel edges of different types, keyed by API ids. */
export type ExplorerGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** Creates an empty explorer graph drawn around `centre`. */
export function createGraph(centre: string): ExplorerGraph {
  const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
  graph.replaceAttributes({ centre, truncated: false, loads: [] });
  return graph;
}

/** The colour of an edge at rest: a grey with 3:1 contrast against white. */
export const EDGE_COLOR = "#8a939d";
