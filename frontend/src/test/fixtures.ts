/**
 * Sample API responses for the tests, built around the seed article. Identifiers that the seed
 * page does not give are left null rather than invented.
 */
import type {
  EntityData,
  HomeData,
  EntityWorksData,
  NeighbourGroupsData,
  NeighboursData,
  PathsData,
  PreviewData,
  RelatedWorksData,
  RelationEdge,
  RelationNode,
  RelationsData,
  SearchData,
  Subgraph,
} from "../api/documents";

const provenance = { source: "seed", record: "000_4652aaf653f28d7a.txt", curator: null, addedAt: "2025-01-01T00:00:00Z" };

export const SEED_TITLE = "Developmental borderwork and the International Organization for Migration";
export const OTHER_TITLE = "The International Organization for Migration and the international government of borders";

/** The graph of relations around the seed article at depth 1, plus a person's affiliation. */
export const seedSubgraph: Subgraph = {
  truncated: false,
  nodes: [
    { id: "work:borderwork", kind: "WORK", label: SEED_TITLE, year: 2018, doi: null },
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
export const seedRelations: RelationsData = { relations: seedSubgraph, reach: { count: 7, capped: false } };

/** A search response with the seed article as the only hit. */
export const seedSearch: SearchData = {
  search: {
    totalCount: 1,
    edges: [{ node: { id: "work:borderwork", kind: "WORK", label: SEED_TITLE } }],
  },
};

/** The other article about the IOM, from 2010. */
export const otherWork: RelationNode = { id: "work:d1509", kind: "WORK", label: OTHER_TITLE, year: 2010, doi: "10.1068/d1509" };

/** The relationship of the other article to the IOM. */
export const otherStudies: RelationEdge = {
  id: "e10",
  source: "work:d1509",
  target: "org:iom",
  type: "STUDIES",
  properties: [],
  provenance: { source: "seed", record: "shared/seed/README.md", curator: null, addedAt: "2025-01-01T00:00:00Z" },
};

/** Expanding the IOM: 1 of its 3 studying works beyond the seed article, and the seed's edge. */
export const iomGroups: NeighbourGroupsData = {
  neighbourGroups: [
    {
      type: "STUDIES",
      direction: "IN",
      totalCount: 3,
      edges: [
        { node: otherWork, relationship: otherStudies },
        { node: seedSubgraph.nodes[0]!, relationship: seedSubgraph.edges[2]! },
      ],
      pageInfo: { hasNextPage: true, endCursor: "c2" },
    },
  ],
};

/** The third work studying the IOM, loaded with "load more". */
export const iomMore: NeighboursData = {
  neighbours: {
    totalCount: 3,
    edges: [
      {
        node: { id: "work:ashutosh", kind: "WORK", label: "Migration management for the benefit of whom?", year: 2011, doi: null },
        relationship: { ...otherStudies, id: "e11", source: "work:ashutosh" },
      },
    ],
    pageInfo: { hasNextPage: false, endCursor: "c3" },
  },
};

/** The path from the seed article to the other article, through the IOM. */
export const seedPaths: PathsData = {
  paths: [
    {
      length: 2,
      nodes: [seedSubgraph.nodes[0]!, seedSubgraph.nodes[3]!, otherWork],
      edges: [seedSubgraph.edges[2]!, { ...otherStudies, properties: [{ key: "note", value: "sample" }] }],
    },
  ],
};

const link = (id: string, kind: RelationNode["kind"], label: string) => ({ id, kind, label });
const works = {
  totalCount: 1,
  pageInfo: { hasNextPage: false, endCursor: "w1" },
  edges: [{ node: { ...link("work:borderwork", "WORK", SEED_TITLE), year: 2018 } }],
};

/** Entity responses covering every kind's fields: the seed article and then one of each other kind. */
export const entitySamples: EntityData[] = [
  {
    node: {
      ...link("work:borderwork", "WORK", SEED_TITLE),
      title: SEED_TITLE,
      doi: null,
      openalex: null,
      type: "article",
      year: 2018,
      language: "English",
      abstract: "The global governance of borders…",
      peerReviewed: true,
      dates: { submitted: "2016-04-10", accepted: "2017-07-19", online: "2017-08-29", published: "2018-07-27" },
      note: "© 2017 Informa UK Limited",
      authorships: [
        { position: 1, corresponding: true, person: { ...link("person:frowd", "PERSON", "Philippe M. Frowd"), orcid: null }, provenance },
      ],
      journal: { ...link("journal:jems", "JOURNAL", "Journal of Ethnic and Migration Studies"), issnl: "1369-183X", publisher: null },
      publication: { volume: "44", issue: "10", pages: "1656-1672" },
      organisations: [link("org:iom", "ORGANISATION", "International Organization for Migration")],
      countries: [link("country:MR", "COUNTRY", "Mauritania"), link("country:SS", "COUNTRY", "South Sudan")],
      topics: [link("topic:hbm", "TOPIC", "Humanitarian border management (HBM)")],
      projects: [link("project:p", "PROJECT", "A project")],
      funders: [link("org:york", "ORGANISATION", "University of York")],
      references: { totalCount: 0 },
      citedBy: { totalCount: 0 },
    },
  },
  {
    node: {
      ...link("person:frowd", "PERSON", "Philippe M. Frowd"),
      name: "Philippe M. Frowd",
      orcid: null,
      openalex: null,
      affiliations: [link("org:york", "ORGANISATION", "University of York")],
      coauthors: [link("person:x", "PERSON", "A co-author")],
      works,
    },
  },
  {
    node: {
      ...link("journal:jems", "JOURNAL", "Journal of Ethnic and Migration Studies"),
      title: "Journal of Ethnic and Migration Studies",
      issnl: "1369-183X",
      issns: ["1369-183X", "1469-9451"],
      openalex: null,
      publisher: null,
      works,
    },
  },
  {
    node: {
      ...link("org:iom", "ORGANISATION", "International Organization for Migration"),
      name: "International Organization for Migration",
      ror: null,
      openalex: null,
      acronyms: ["IOM"],
      aliases: [],
      types: [],
      website: null,
      country: link("country:ch", "COUNTRY", "Switzerland"),
      parents: [link("org:un", "ORGANISATION", "United Nations")],
      children: [link("org:iom-mr", "ORGANISATION", "IOM Mauritania")],
      people: [link("person:x", "PERSON", "A co-author")],
      works,
    },
  },
  {
    node: {
      ...link("country:MR", "COUNTRY", "Mauritania"),
      name: "Mauritania",
      iso2: "MR",
      iso3: "MRT",
      region: "Africa",
      subregions: [{ value: "Western Africa", source: "mledoze" }],
      borders: [link("country:SN", "COUNTRY", "Senegal")],
      organisations: [link("org:x", "ORGANISATION", "An organisation in Mauritania")],
      works,
    },
  },
  {
    node: {
      ...link("project:p", "PROJECT", "A project"),
      title: "A project",
      participants: [link("person:frowd", "PERSON", "Philippe M. Frowd")],
      works,
    },
  },
  { node: { ...link("topic:hbm", "TOPIC", "Humanitarianism"), name: "Humanitarianism", openalex: null, works } },
];

/** A page of the IOM's works. */
export const entityWorks: EntityWorksData = { node: { ...link("org:iom", "ORGANISATION", "IOM"), works } };

/** The works related to the seed article through the IOM. */
export const seedRelated: RelatedWorksData = {
  relatedWorks: {
    totalCount: 1,
    pageInfo: { hasNextPage: false, endCursor: "r1" },
    edges: [
      {
        score: 2,
        node: { ...link("work:d1509", "WORK", OTHER_TITLE), year: 2010 },
        reasons: [{ type: "STUDIES", direction: "OUT", via: link("org:iom", "ORGANISATION", "International Organization for Migration") }],
      },
    ],
  },
};

/** The hover card of the seed article. */
export const seedPreview: PreviewData = {
  node: {
    ...link("work:borderwork", "WORK", SEED_TITLE),
    year: 2018,
    abstract: "The global governance of borders…",
    journal: link("journal:jems", "JOURNAL", "Journal of Ethnic and Migration Studies"),
    authors: [link("person:frowd", "PERSON", "Philippe M. Frowd")],
  },
};

/**
 * Neighbours of every kind, so that samples of the graph documents hold the identifier fields of
 * each kind: one neighbour per entity of {@link seedSubgraph}.
 */
export const everyKindNeighbours = seedSubgraph.nodes.map((node) => ({ node, relationship: seedSubgraph.edges[0]! }));

/** The home page's entry points. */
export const homeEntries: HomeData = Object.fromEntries(
  ["article", "other", "organisation", "person", "journal", "country", "topic"].map((k, i) => [
    k,
    { edges: [{ node: { id: seedSubgraph.nodes[Math.min(i, 6)]!.id, kind: seedSubgraph.nodes[Math.min(i, 6)]!.kind, label: seedSubgraph.nodes[Math.min(i, 6)]!.label } }] },
  ]),
);
