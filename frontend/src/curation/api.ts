/**
 * The curator's GraphQL operations, each beside the TypeScript types of its variables and result,
 * and the request function that sends them with the session's CSRF header. The types are written
 * by hand to match the selections; api.test.ts checks every document against the schema.
 */
import { request, typedDocument, type TypedDocument } from "../api/client";
import type { Kind, Property } from "../api/documents";
import { readCsrfToken } from "./session";

/** The header that carries the CSRF token (server.CSRFHeader). */
export const CSRF_HEADER = "X-CSRF-Token";

/**
 * Runs a curation operation with the session cookie and its CSRF token. Without the header the
 * server treats the request as anonymous: that is what keeps other sites from using the session.
 */
export function curatorRequest<TData, TVariables>(
  document: TypedDocument<TData, TVariables>,
  variables: TVariables,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<TData> {
  const base = options.fetch ?? fetch;
  const withCsrf: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    const token = readCsrfToken();
    if (token) headers.set(CSRF_HEADER, token);
    return base(input, { ...init, headers, credentials: "same-origin" });
  };
  return request(document, variables, { signal: options.signal, fetch: withCsrf });
}

/** A role, as the schema's `Role` enum. */
export type Role = "READER" | "CURATOR" | "ADMIN";

/** The schema's `Viewer`. */
export interface Viewer {
  authenticated: boolean;
  name: string | null;
  role: Role;
  expiresAt: string | null;
  canCurate: boolean;
}

/** Who is signed in. */
export const ME = typedDocument<{ me: Viewer }, Record<string, never>>(/* GraphQL */ `
  query Me {
    me {
      authenticated
      name
      role
      expiresAt
      canCurate
    }
  }
`);

/** A property a relation type takes (the schema's `PropertySpec`). */
export interface PropertySpec {
  name: string;
  type: string;
}

/** The schema's `RelationType`. */
export interface RelationType {
  name: string;
  description: string;
  from: Kind[];
  to: Kind[];
  properties: PropertySpec[];
  review: boolean;
}

/** Every relation type with the kinds it connects. */
export const RELATION_TYPES = typedDocument<{ relationTypes: RelationType[] }, Record<string, never>>(/* GraphQL */ `
  query RelationTypes {
    relationTypes {
      name
      description
      from
      to
      properties {
        name
        type
      }
      review
    }
  }
`);

/** Provenance as the curator sees it. */
export interface CuratedProvenance {
  source: string;
  curator: string | null;
  addedAt: string;
  evidence: string | null;
  note: string | null;
  reviewedBy: string | null;
}

/** A link as the curator sees it. */
export interface Link {
  id: string;
  source: string;
  target: string;
  type: string;
  properties: Property[];
  provenance: CuratedProvenance | null;
  retraction: { by: string; at: string; reason: string } | null;
}

/** The kinds of change. */
export type ChangeAction =
  | "CREATE_ENTITY"
  | "UPDATE_ENTITY"
  | "MERGE_ENTITY"
  | "ADD_LINK"
  | "RETRACT_LINK"
  | "RESTORE_LINK"
  | "MOVE_LINK"
  | "PROPOSE"
  | "REJECT"
  | "WITHDRAW"
  | "SET_POLICY";

/** What a link request did. */
export type Outcome =
  | "CREATED"
  | "EXISTED"
  | "RETRACTED"
  | "ALREADY_RETRACTED"
  | "RESTORED"
  | "ALREADY_LIVE"
  | "PROPOSED"
  | "ALREADY_PROPOSED";

/** A node's summary inside a proposal. */
export interface Named {
  id: string;
  kind: Kind;
  label: string;
}

/** The schema's `Proposal`. */
export interface Proposal {
  id: string;
  action: ChangeAction;
  link: string;
  type: string;
  sourceId: string;
  source: Named | null;
  targetId: string;
  target: Named | null;
  properties: Property[];
  evidence: string | null;
  note: string | null;
  status: "PENDING" | "APPROVED" | "REJECTED" | "WITHDRAWN";
  proposedBy: string;
  proposedAt: string;
}

/** The schema's `LinkResult` as the mutations below select it. */
export interface LinkResult {
  outcome: Outcome;
  message: string;
  link: Link | null;
  proposal: { id: string; proposedBy: string } | null;
}

const LINK_FIELDS = /* GraphQL */ `
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
    curator
    addedAt
    evidence
    note
    reviewedBy
  }
  retraction {
    by
    at
    reason
  }
`;

const LINK_RESULT = /* GraphQL */ `
  outcome
  message
  link {
    ${LINK_FIELDS}
  }
  proposal {
    id
    proposedBy
  }
`;

/** Variables of {@link ADD_LINK}. */
export interface AddLinkVariables {
  source: string;
  type: string;
  target: string;
  properties?: Record<string, unknown> | null;
  evidence?: string | null;
  note?: string | null;
  propose?: boolean;
}

/** Adds (or proposes) a link. */
export const ADD_LINK = typedDocument<{ addLink: LinkResult }, AddLinkVariables>(/* GraphQL */ `
  mutation AddLink($source: ID!, $type: String!, $target: ID!, $properties: JSON, $evidence: String, $note: String, $propose: Boolean) {
    addLink(source: $source, type: $type, target: $target, properties: $properties, evidence: $evidence, note: $note, propose: $propose) {
      ${LINK_RESULT}
    }
  }
`);

/** Retracts a link, with a reason. */
export const RETRACT_LINK = typedDocument<{ retractLink: LinkResult }, { id: string; reason: string }>(/* GraphQL */ `
  mutation RetractLink($id: ID!, $reason: String!) {
    retractLink(id: $id, reason: $reason) {
      ${LINK_RESULT}
    }
  }
`);

/** Restores a retracted link. */
export const RESTORE_LINK = typedDocument<{ restoreLink: LinkResult }, { id: string; reason?: string | null }>(/* GraphQL */ `
  mutation RestoreLink($id: ID!, $reason: String) {
    restoreLink(id: $id, reason: $reason) {
      ${LINK_RESULT}
    }
  }
`);

/** A link by id, retracted or not. */
export const LINK = typedDocument<{ link: Link | null }, { id: string }>(/* GraphQL */ `
  query Link($id: ID!) {
    link(id: $id) {
      ${LINK_FIELDS}
    }
  }
`);

const PROPOSAL_FIELDS = /* GraphQL */ `
  id
  action
  link
  type
  sourceId
  source {
    id
    kind
    label
  }
  targetId
  target {
    id
    kind
    label
  }
  properties {
    key
    value
  }
  evidence
  note
  status
  proposedBy
  proposedAt
`;

/** The review queue: pending proposals, oldest first. */
export const PROPOSALS = typedDocument<
  { proposals: { totalCount: number; edges: { node: Proposal }[] } },
  { first?: number; entity?: string | null }
>(/* GraphQL */ `
  query Proposals($first: Int = 50, $entity: ID) {
    proposals(status: PENDING, entity: $entity, first: $first) {
      totalCount
      edges {
        node {
          ${PROPOSAL_FIELDS}
        }
      }
    }
  }
`);

/** The schema's `ReviewResult` as the reviews below select it. */
export interface ReviewResult {
  proposal: { id: string; status: Proposal["status"] };
  applied: LinkResult | null;
}

const REVIEW_RESULT = /* GraphQL */ `
  proposal {
    id
    status
  }
  applied {
    ${LINK_RESULT}
  }
`;

/** Approves a proposal. */
export const APPROVE = typedDocument<{ approveProposal: ReviewResult }, { id: string; note?: string | null }>(/* GraphQL */ `
  mutation Approve($id: ID!, $note: String) {
    approveProposal(id: $id, note: $note) {
      ${REVIEW_RESULT}
    }
  }
`);

/** Rejects a proposal, with a reason. */
export const REJECT = typedDocument<{ rejectProposal: ReviewResult }, { id: string; reason: string }>(/* GraphQL */ `
  mutation Reject($id: ID!, $reason: String!) {
    rejectProposal(id: $id, reason: $reason) {
      ${REVIEW_RESULT}
    }
  }
`);

/** Withdraws one's own proposal. */
export const WITHDRAW = typedDocument<{ withdrawProposal: ReviewResult }, { id: string }>(/* GraphQL */ `
  mutation Withdraw($id: ID!) {
    withdrawProposal(id: $id) {
      ${REVIEW_RESULT}
    }
  }
`);

/** The schema's `Change`. */
export interface Change {
  id: string;
  at: string;
  actor: string;
  action: ChangeAction;
  subject: string;
  note: string | null;
  reviewer: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The latest changes to an entity and its links, or to a link. */
export const HISTORY = typedDocument<
  { history: { totalCount: number; edges: { node: Change }[] } },
  { id: string; first?: number }
>(/* GraphQL */ `
  query History($id: ID!, $first: Int = 10) {
    history(id: $id, first: $first) {
      totalCount
      edges {
        node {
          id
          at
          actor
          action
          subject
          note
          reviewer
          before
          after
        }
      }
    }
  }
`);

/** Every document above, for the schema check in the tests. */
export const CURATION_DOCUMENTS = {
  ME,
  RELATION_TYPES,
  ADD_LINK,
  RETRACT_LINK,
  RESTORE_LINK,
  LINK,
  PROPOSALS,
  APPROVE,
  REJECT,
  WITHDRAW,
  HISTORY,
};
