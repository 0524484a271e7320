/**
 * Sample API responses for the tests, built around the seed article. Identifiers that the seed
 * page does not give are left null rather than invented.
 */
import type { RelationsData, SearchData, Subgraph } from "../api/documents";

const provenance = { source: "seed", record: "000_4652aaf653f28d7a.txt", curator: null, addedAt: "2025-01-01T00:00:00Z" };

/** The graph of relations around the seed article at depth 1, plus a person's affiliation. */
export const seedSubgraph: Subgraph = {
  truncated: false,
  nodes: [
    {
      id: "work:borderwork",
      kind: "WORK",
      label: "Developmental borderwork and the International Organization for Migration",
      year: 2018,
      doi: null,
    },
    { id: "person:frowd", kind: "PERSON", label: "Philippe M. Frowd", orcid: null },
    { id: "journal:jems", kind: "JOURNAL", label: "Journal of Ethnic and Migration Studies", issnl: "1369-183X" },
    { id: "org:iom", kind: "ORGANISATION", label: "International Organization for Migration", ror: null },
    { id: "org:york", kind: "ORGANISATION", label: "University of York", ror: null },
    { id: "country:MR", kind: "COUNTRY", label: "Mauritania", iso2: "MR" },
    { id: "country:SS", kind: "COUNTRY", label: "South Sudan", iso2: "SS" },
    { id: "topic:hbm", kind: "TOPIC", label: "humanitarian border management" },
  ],
  edges: [
    {
      id: "e1",
      source: "person:frowd",
      target: "work:borderwork",
      type: "AUTHORED",
      properties: [{ key: "position", value: "1" }],
      provenance,
    },
    { id: "e2", source: "work:borderwork", target: "journal:jems", type: "PUBLISHED_IN", properties: [], provenance },
    { id: "e3", source: "work:borderwork", target: "org:iom", type: "STUDIES", properties: [], provenance },
    { id: "e4", source: "work:borderwork", target: "country:MR", type: "CASE_COUNTRY", properties: [], provenance },
    { id: "e5", source: "work:borderwork", target: "country:SS", type: "CASE_COUNTRY", properties: [], provenance },
    { id: "e6", source: "work:borderwork", target: "topic:hbm", type: "HAS_TOPIC", properties: [], provenance: null },
    { id: "e7", source: "person:frowd", target: "org:york", type: "AFFILIATED_WITH", properties: [], provenance },
  ],
};

/** A relations response for {@link seedSubgraph}. */
export const seedRelations: RelationsData = { relations: seedSubgraph };

/** A search response with the seed article as the only hit. */
export const seedSearch: SearchData = {
  search: {
    totalCount: 1,
    edges: [{ node: { id: "work:borderwork", kind: "WORK", label: "Developmental borderwork and the International Organization for Migration" } }],
  },
};
