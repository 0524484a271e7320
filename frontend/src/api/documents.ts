/**
 * The GraphQL operations the explorer sends, each beside the TypeScript types of its variables
 * and result. The types are written by hand to match the selections; documents.test.ts checks
 * every document against the schema in /schema so a renamed field fails the tests.
 *
 * The schema makes the root fields and the connections of entities nullable, so that a field that
 * fails answers null beside its error and the others keep their data. Such a field is null only
 * with an error, and request() throws on any error, so the result types give these fields as a
 * successful request returns them: not null.
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
// The graph of relations and its growth

/** The fields of an entity drawn in the graph: what every kind has, and its identifiers. */
const GRAPH_NODE_FIELDS = /* GraphQL */ `
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
`;

/** The fields of a relationship drawn in the graph. */
const GRAPH_EDGE_FIELDS = /* GraphQL */ `
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
`;

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
  reach: { count: number; capped: boolean };
}

/** The graph of relations around one entity, and how many entities are within reach in all. */
export const RELATIONS = typedDocument<RelationsData, RelationsVariables>(/* GraphQL */ `
  query Relations($id: ID!, $depth: Int!, $limit: Int!) {
    relations(id: $id, depth: $depth, limit: $limit) {
      truncated
      nodes {
        ${GRAPH_NODE_FIELDS}
      }
      edges {
        ${GRAPH_EDGE_FIELDS}
      }
    }
    reach(id: $id, depth: $depth) {
      count
      capped
    }
  }
`);

/** One neighbour and the relationship that links it (the schema's `NeighbourEdge`). */
export interface NeighbourEdge {
  node: RelationNode;
  relationship: RelationEdge;
}

/** Paging of a connection, as the explorer uses it. */
export interface PageCursor {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The neighbours of an entity over one relationship type and direction (the schema's `NeighbourGroup`). */
export interface NeighbourGroup {
  type: string;
  direction: "IN" | "OUT";
  totalCount: number;
  edges: NeighbourEdge[];
  pageInfo: PageCursor;
}

/** Result of {@link NEIGHBOUR_GROUPS}. */
export interface NeighbourGroupsData {
  neighbourGroups: NeighbourGroup[];
}

/** Expanding a node: the first neighbours of each relationship type and direction, with totals. */
export const NEIGHBOUR_GROUPS = typedDocument<NeighbourGroupsData, { id: string; first: number }>(/* GraphQL */ `
  query NeighbourGroups($id: ID!, $first: Int!) {
    neighbourGroups(id: $id, first: $first) {
      type
      direction
      totalCount
      edges {
        node {
          ${GRAPH_NODE_FIELDS}
        }
        relationship {
          ${GRAPH_EDGE_FIELDS}
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Variables of {@link NEIGHBOURS}. */
export interface NeighboursVariables {
  id: string;
  type: string;
  direction: "IN" | "OUT";
  first: number;
  after: string | null;
}

/** Result of {@link NEIGHBOURS}. */
export interface NeighboursData {
  neighbours: {
    totalCount: number;
    edges: NeighbourEdge[];
    pageInfo: PageCursor;
  };
}

/** More neighbours of one group ("load more"), after the cursor of what is shown. */
export const NEIGHBOURS = typedDocument<NeighboursData, NeighboursVariables>(/* GraphQL */ `
  query Neighbours($id: ID!, $type: String!, $direction: Direction!, $first: Int!, $after: String) {
    neighbours(id: $id, type: $type, direction: $direction, first: $first, after: $after) {
      totalCount
      edges {
        node {
          ${GRAPH_NODE_FIELDS}
        }
        relationship {
          ${GRAPH_EDGE_FIELDS}
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A path between two entities (the schema's `Path`). */
export interface GraphPath {
  length: number;
  nodes: RelationNode[];
  edges: RelationEdge[];
}

/** Result of {@link PATHS}. */
export interface PathsData {
  paths: GraphPath[];
}

/** "How is X connected to Y?": the shortest paths, at most `maxLength` long. */
export const PATHS = typedDocument<PathsData, { from: string; to: string; maxLength: number; first: number }>(/* GraphQL */ `
  query Paths($from: ID!, $to: ID!, $maxLength: Int!, $first: Int!) {
    paths(from: $from, to: $to, maxLength: $maxLength, first: $first) {
      length
      nodes {
        ${GRAPH_NODE_FIELDS}
      }
      edges {
        ${GRAPH_EDGE_FIELDS}
      }
    }
  }
`);

// ---------------------------------------------------------------------------------------------
// Entities in detail

/** An entity as lists link to it. */
export interface EntityLink extends NodeSummary {}

/** A page of works, as the entity pages list them. */
export interface WorkList {
  totalCount: number;
  pageInfo: PageCursor;
  edges: { node: EntityLink & { year: number | null } }[];
}

const WORK_LIST_FIELDS = /* GraphQL */ `
  totalCount
  pageInfo {
    hasNextPage
    endCursor
  }
  edges {
    node {
      id
      kind
      label
      year
    }
  }
`;

const LINK = /* GraphQL */ `
  id
  kind
  label
`;

/** Everything the page of an entity shows about it; only the fields of its own kind are present. */
export interface EntityDetailsNode extends NodeSummary {
  // Work
  title?: string;
  doi?: string | null;
  openalex?: string | null;
  type?: string | null;
  year?: number | null;
  language?: string | null;
  abstract?: string | null;
  peerReviewed?: boolean | null;
  dates?: { submitted: string | null; accepted: string | null; online: string | null; published: string | null };
  note?: string | null;
  authorships?: {
    position: number;
    corresponding: boolean;
    person: EntityLink & { orcid: string | null };
    provenance: Provenance | null;
  }[];
  journal?: (EntityLink & { issnl: string | null; publisher: string | null }) | null;
  publication?: { volume: string | null; issue: string | null; pages: string | null } | null;
  organisations?: EntityLink[];
  countries?: EntityLink[];
  topics?: EntityLink[];
  projects?: EntityLink[];
  funders?: EntityLink[];
  references?: { totalCount: number };
  citedBy?: { totalCount: number };
  // Person, organisation, topic, country
  name?: string;
  orcid?: string | null;
  affiliations?: EntityLink[];
  coauthors?: EntityLink[];
  works?: WorkList;
  // Journal
  issnl?: string | null;
  issns?: string[];
  publisher?: string | null;
  // Organisation
  ror?: string | null;
  acronyms?: string[];
  aliases?: string[];
  types?: string[];
  website?: string | null;
  country?: EntityLink | null;
  parents?: EntityLink[];
  children?: EntityLink[];
  people?: EntityLink[];
  // Country
  iso2?: string;
  iso3?: string | null;
  region?: string | null;
  subregions?: { value: string; source: string }[];
  borders?: EntityLink[];
  // Project
  participants?: EntityLink[];
}

/** Result of {@link ENTITY}. */
export interface EntityData {
  node: EntityDetailsNode | null;
}

/** The details of one entity for its page, whatever its kind. */
export const ENTITY = typedDocument<EntityData, { id: string }>(/* GraphQL */ `
  query Entity($id: ID!) {
    node(id: $id) {
      id
      kind
      label
      ... on Work {
        title
        doi
        openalex
        type
        year
        language
        abstract
        peerReviewed
        dates {
          submitted
          accepted
          online
          published
        }
        note
        authorships {
          position
          corresponding
          person {
            ${LINK}
            orcid
          }
          provenance {
            source
            record
            curator
            addedAt
          }
        }
        journal {
          ${LINK}
          issnl
          publisher
        }
        publication {
          volume
          issue
          pages
        }
        organisations {
          ${LINK}
        }
        countries {
          ${LINK}
        }
        topics {
          ${LINK}
        }
        projects {
          ${LINK}
        }
        funders {
          ${LINK}
        }
        references(first: 0) {
          totalCount
        }
        citedBy(first: 0) {
          totalCount
        }
      }
      ... on Person {
        name
        orcid
        openalex
        affiliations {
          ${LINK}
        }
        coauthors {
          ${LINK}
        }
        works(first: 10) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Journal {
        title
        issnl
        issns
        openalex
        publisher
        works(first: 10) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Organisation {
        name
        ror
        openalex
        acronyms
        aliases
        types
        website
        country {
          ${LINK}
        }
        parents {
          ${LINK}
        }
        children {
          ${LINK}
        }
        people {
          ${LINK}
        }
        works(first: 10) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Country {
        name
        iso2
        iso3
        region
        subregions {
          value
          source
        }
        borders {
          ${LINK}
        }
        organisations {
          ${LINK}
        }
        works(first: 10) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Project {
        title
        participants {
          ${LINK}
        }
        works(first: 10) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Topic {
        name
        openalex
        works(first: 10) {
          ${WORK_LIST_FIELDS}
        }
      }
    }
  }
`);

/** Result of {@link ENTITY_WORKS}. */
export interface EntityWorksData {
  node: (NodeSummary & { works?: WorkList }) | null;
}

/** The next page of an entity's works. */
export const ENTITY_WORKS = typedDocument<EntityWorksData, { id: string; after: string | null }>(/* GraphQL */ `
  query EntityWorks($id: ID!, $after: String) {
    node(id: $id) {
      id
      kind
      label
      ... on Person {
        works(first: 10, after: $after) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Journal {
        works(first: 10, after: $after) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Organisation {
        works(first: 10, after: $after) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Country {
        works(first: 10, after: $after) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Project {
        works(first: 10, after: $after) {
          ${WORK_LIST_FIELDS}
        }
      }
      ... on Topic {
        works(first: 10, after: $after) {
          ${WORK_LIST_FIELDS}
        }
      }
    }
  }
`);

/** One reason a work is related to another (the schema's `RelatedReason`). */
export interface RelatedReason {
  type: string;
  direction: "IN" | "OUT";
  via: NodeSummary | null;
}

/** A page of related works with their reasons (the schema's `RelatedWorkConnection`). */
export interface RelatedWorks {
  totalCount: number;
  pageInfo: PageCursor;
  edges: { score: number; node: EntityLink & { year: number | null }; reasons: RelatedReason[] }[];
}

/** Variables of {@link RELATED_WORKS}. */
export interface RelatedWorksVariables {
  id: string;
  relations: string[] | null;
  first: number;
  after: string | null;
}

/** Result of {@link RELATED_WORKS}. */
export interface RelatedWorksData {
  relatedWorks: RelatedWorks;
}

/** The works related to a work for one reason (or all), each saying why, best first. */
export const RELATED_WORKS = typedDocument<RelatedWorksData, RelatedWorksVariables>(/* GraphQL */ `
  query RelatedWorks($id: ID!, $relations: [String!], $first: Int!, $after: String) {
    relatedWorks(id: $id, relations: $relations, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        score
        node {
          id
          kind
          label
          year
        }
        reasons {
          type
          direction
          via {
            id
            kind
            label
          }
        }
      }
    }
  }
`);

/** What the hover card shows of an entity. */
export interface PreviewNode extends NodeSummary {
  year?: number | null;
  abstract?: string | null;
  journal?: NodeSummary | null;
  authors?: NodeSummary[];
}

/** Result of {@link PREVIEW}. */
export interface PreviewData {
  node: PreviewNode | null;
}

/** A work's year, journal, authors and abstract, for the card shown while pointing at it. */
export const PREVIEW = typedDocument<PreviewData, { id: string }>(/* GraphQL */ `
  query Preview($id: ID!) {
    node(id: $id) {
      id
      kind
      label
      ... on Work {
        year
        abstract
        journal {
          id
          kind
          label
        }
        authors {
          id
          kind
          label
        }
      }
    }
  }
`);

/** Result of {@link HOME}: a few entities to start from, found by name. */
export interface HomeData {
  [entry: string]: { edges: { node: NodeSummary }[] };
}

/** Entry points into the demo graph for the home page: the seed article and what it is about. */
export const HOME = typedDocument<HomeData, Record<string, never>>(/* GraphQL */ `
  query Home {
    article: search(query: "Developmental borderwork", kinds: [WORK], first: 1) {
      edges {
        node {
          id
          kind
          label
        }
      }
    }
    other: search(query: "international government of borders", kinds: [WORK], first: 1) {
      edges {
        node {
          id
          kind
          label
        }
      }
    }
    organisation: search(query: "International Organization for Migration", kinds: [ORGANISATION], first: 1) {
      edges {
        node {
          id
          kind
          label
        }
      }
    }
    person: search(query: "Frowd", kinds: [PERSON], first: 1) {
      edges {
        node {
          id
          kind
          label
        }
      }
    }
    journal: search(query: "Journal of Ethnic and Migration Studies", kinds: [JOURNAL], first: 1) {
      edges {
        node {
          id
          kind
          label
        }
      }
    }
    country: search(query: "Mauritania", kinds: [COUNTRY], first: 1) {
      edges {
        node {
          id
          kind
          label
        }
      }
    }
    topic: search(query: "Humanitarianism", kinds: [TOPIC], first: 1) {
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

/** Every document above, for the schema check in the tests. */
export const ALL_DOCUMENTS = {
  SEARCH,
  RELATIONS,
  NEIGHBOUR_GROUPS,
  NEIGHBOURS,
  PATHS,
  ENTITY,
  ENTITY_WORKS,
  RELATED_WORKS,
  PREVIEW,
  HOME,
};
