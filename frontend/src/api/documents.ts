/**
 * The GraphQL operations the explorer sends, each beside the TypeScript types of its variables
 * and result. The types are written by hand to match the selections; documents.test.ts checks
 * every document against the schema in /schema so a renamed field fails the tests.
 */
import { typedDocument } from "./client";

/** The kinds of entity in the graph (the schema's `Kind` enum). */
export type Kind = "WORK" | "PERSON" | "JOURNAL" | "ORGANISATION" | "COUNTRY" | "PROJECT" | "TOPIC";

/** Every `Kind`, in the order the schema declares them. */
export const KINDS: readonly Kind[] = ["WORK", "PERSON", "JOURNAL", "ORGANISATION", "COUNTRY", "PROJECT", "TOPIC"];

/** The fields every entity has (the schema's `Node` interface). */
export interface NodeSummary {
  id: string;
  kind: Kind;
  label: string;
}

/** Where a relationship came from and when it was added (the schema's `Provenance`). */
export interface Provenance {
  source: string;
  record: string | null;
  curator: string | null;
  addedAt: string;
}

/** A named value of a relationship (the schema's `Property`). */
export interface Property {
  key: string;
  value: string;
}

// ---------------------------------------------------------------------------------------------
// Search

/** Variables of {@link SEARCH}. */
export interface SearchVariables {
  query: string;
  first?: number;
  kinds?: Kind[] | null;
}

/** Result of {@link SEARCH}. */
export interface SearchData {
  search: {
    totalCount: number;
    edges: { node: NodeSummary }[];
  };
}

/** Full-text search over titles and names, for the type-ahead and the start page. */
export const SEARCH = typedDocument<SearchData, SearchVariables>(/* GraphQL */ `
  query Search($query: String!, $first: Int = 8, $kinds: [Kind!]) {
    search(query: $query, first: $first, kinds: $kinds) {
      totalCount
      edges {
        node {
          id
          kind
          label
        }
      }
    }
  }
`);

// ---------------------------------------------------------------------------------------------
// Relations

/**
 * An entity of a graph of relations, with the identifiers of its kind that the side panel links
 * to. Only the fields of the entity's own kind are present.
 */
export interface RelationNode extends NodeSummary {
  /** Works: the year of publication. */
  year?: number | null;
  /** Works: the DOI. */
  doi?: string | null;
  /** People: the ORCID iD. */
  orcid?: string | null;
  /** Organisations: the ROR id. */
  ror?: string | null;
  /** Journals: the linking ISSN. */
  issnl?: string | null;
  /** Countries: the ISO 3166-1 alpha-2 code. */
  iso2?: string | null;
}

/** A relationship of a graph of relations (the schema's `Edge`). */
export interface RelationEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  properties: Property[];
  provenance: Provenance | null;
}

/** The schema's `Subgraph` as {@link RELATIONS} selects it. */
export interface Subgraph {
  truncated: boolean;
  nodes: RelationNode[];
  edges: RelationEdge[];
}

/** Variables of {@link RELATIONS}. */
export interface RelationsVariables {
  id: string;
  depth: number;
  limit: number;
}

/** Result of {@link RELATIONS}. */
export interface RelationsData {
  relations: Subgraph;
}

/** The graph of relations around one entity, as drawn by the explorer. */
export const RELATIONS = typedDocument<RelationsData, RelationsVariables>(/* GraphQL */ `
  query Relations($id: ID!, $depth: Int!, $limit: Int!) {
    relations(id: $id, depth: $depth, limit: $limit) {
      truncated
      nodes {
        id
        kind
        label
        ... on Work {
          year
          doi
        }
        ... on Person {
          orcid
        }
        ... on Organisation {
          ror
        }
        ... on Journal {
          issnl
        }
        ... on Country {
          iso2
        }
      }
      edges {
        id
        source
        target
        type
        properties {
          key
          value
        }
        provenance {
          source
          record
          curator
          addedAt
        }
      }
    }
  }
`);

/** Every document above, for the schema check in the tests. */
export const ALL_DOCUMENTS = { SEARCH, RELATIONS };
