/**
 * The explorer's graph: one graphology graph holds what is on screen, and everything else (the
 * canvas, the lists, the legend) is derived from it.
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
  /** The drawn size, growing with the entity's degree. */
  size: number;
  x: number;
  y: number;
  /** Whether the layout must leave the node where it is (the centre). */
  fixed: boolean;
  /** The number of hops from the centre, ignoring direction; null when not connected to it. */
  distance: number | null;
  /** The entity as the API returned it, with the identifiers of its kind. */
  entity: RelationNode;
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
}

/** Graph-level attributes. */
export interface GraphAttributes {
  /** The entity the graph is drawn around. */
  centre: string;
  /** Whether the server left entities out because of the limit. */
  truncated: boolean;
}

/** The explorer's graph: directed, with parallel edges of different types, keyed by API ids. */
export type ExplorerGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>;

/** Creates an empty explorer graph. */
export function createGraph(centre: string, truncated = false): ExplorerGraph {
  const graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes, GraphAttributes>();
  graph.replaceAttributes({ centre, truncated });
  return graph;
}

/** The colour of an edge at rest: a grey with 3:1 contrast against white. */
export const EDGE_COLOR = "#8a939d";
