package graph

import (
	"context"
	"strings"
	"time"
)

// Action is what a change did.
type Action string

// The actions recorded in history.
const (
	ActionCreateEntity Action = "CREATE_ENTITY" // a curator created an entity
	ActionUpdateEntity Action = "UPDATE_ENTITY" // a curator changed an entity's properties
	ActionMergeEntity  Action = "MERGE_ENTITY"  // a duplicate was merged into a kept entity
	ActionAddLink      Action = "ADD_LINK"      // a link was added
	ActionRetractLink  Action = "RETRACT_LINK"  // a link was retracted (hidden, kept)
	ActionRestoreLink  Action = "RESTORE_LINK"  // a retracted link was restored
	ActionMoveLink     Action = "MOVE_LINK"     // a merge moved a link from the duplicate to the kept entity
	ActionPropose      Action = "PROPOSE"       // a change was proposed for review
	ActionReject       Action = "REJECT"        // a proposal was rejected
	ActionWithdraw     Action = "WITHDRAW"      // a proposal was withdrawn by its author
	ActionSetPolicy    Action = "SET_POLICY"    // an admin changed the review policy of a relation type
)

// SubjectKind says whether a change is about an entity or a link.
type SubjectKind string

// Kinds of subject.
const (
	SubjectEntity SubjectKind = "ENTITY"
	SubjectLink   SubjectKind = "LINK"
	SubjectPolicy SubjectKind = "POLICY"
)

// Change is one recorded change: who did what to which entity or link, when, and the values before
// and after. Changes are never deleted.
type Change struct {
	ID          string
	Seq         int64 // orders changes: later changes have higher numbers
	At          time.Time
	Actor       string // who made the change (for an approved proposal, who proposed it)
	Role        Role
	Action      Action
	Subject     string // the entity id, link id or relation type
	SubjectKind SubjectKind
	Before      map[string]any // nil when the subject did not exist
	After       map[string]any // nil when the subject no longer exists
	Note        string         // the curator's note or reason
	Proposal    string         // the proposal this change proposed, applied, rejected or withdrew
	Reviewer    string         // who approved it, for an approved proposal
}

// LinkInput asks for a link between two entities. Source and Target are relgraph ids or external
// identifiers (DOI, ORCID iD, ROR id, ISSN, OpenAlex id, ISO 3166 code).
type LinkInput struct {
	Source, Target string
	Type           RelType
	Props          map[string]any
	Evidence       string // where the link is shown to be true: a URL, a DOI, a citation
	Note           string
	// Propose asks for review even when the relation type does not need it.
	Propose bool
}

// Outcome says what a curation request did.
type Outcome string

// The outcomes of link requests.
const (
	OutcomeCreated          Outcome = "CREATED"           // the link was added
	OutcomeExisted          Outcome = "EXISTED"           // the link was there already: nothing changed
	OutcomeRetracted        Outcome = "RETRACTED"         // the link was retracted
	OutcomeAlreadyRetracted Outcome = "ALREADY_RETRACTED" // the link was retracted already: nothing changed
	OutcomeRestored         Outcome = "RESTORED"          // a retracted link was restored
	OutcomeAlreadyLive      Outcome = "ALREADY_LIVE"      // the link was not retracted: nothing changed
	OutcomeProposed         Outcome = "PROPOSED"          // the change awaits review
	OutcomeAlreadyProposed  Outcome = "ALREADY_PROPOSED"  // the same change awaits review already
)

// Retraction says who retracted a link, when and why.
type Retraction struct {
	By     string
	At     time.Time
	Reason string
}

// LinkResult is the answer to a link request.
type LinkResult struct {
	Outcome  Outcome
	Link     *Edge     // the link as it is now; nil when only proposed and not there yet
	Proposal *Proposal // the proposal, when the change awaits review
	Change   *Change   // the change recorded; nil when nothing changed
}

// EntityInput asks for a new entity.
type EntityInput struct {
	Kind  Kind
	Props map[string]any // validated per kind; identifiers in any common form
	Note  string
}

// EntityUpdate asks to change an entity's properties, if it is still at Version.
type EntityUpdate struct {
	ID      string
	Version int64
	Set     map[string]any
	Unset   []string
	Note    string
}

// EntityResult is the answer to an entity request.
type EntityResult struct {
	Node   *Node
	Change *Change // nil when nothing changed
}

// MergeResult is the answer to a merge.
type MergeResult struct {
	Kept      *Node
	Duplicate string // the id that now redirects to Kept
	Moved     int    // links moved from the duplicate to the kept entity
	Combined  int    // of those, links the kept entity had already (their sources were combined)
	Change    *Change
}

// ProposalStatus is where a proposal stands.
type ProposalStatus string

// The statuses of proposals.
const (
	ProposalPending   ProposalStatus = "PENDING"
	ProposalApproved  ProposalStatus = "APPROVED"
	ProposalRejected  ProposalStatus = "REJECTED"
	ProposalWithdrawn ProposalStatus = "WITHDRAWN"
)

// Proposal is a change to a link that awaits, or had, review by another curator or an admin.
type Proposal struct {
	ID         string
	Action     Action // ADD_LINK, RETRACT_LINK or RESTORE_LINK
	LinkID     string
	Type       RelType
	Source     string // entity ids
	Target     string
	Props      map[string]any
	Evidence   string
	Note       string // the proposer's note or reason
	Status     ProposalStatus
	ProposedBy string
	ProposedAt time.Time
	ReviewedBy string
	ReviewedAt time.Time
	ReviewNote string
	Seq        int64
}

// ReviewResult is the answer to a review.
type ReviewResult struct {
	Proposal *Proposal
	Applied  *LinkResult // for an approval, what applying the change did
}

// ReviewPolicy says whether curators' changes to links of a relation type need review.
type ReviewPolicy struct {
	Type    RelType
	Review  bool
	Default bool // whether this is the built-in default, never changed by an admin
	SetBy   string
	SetAt   time.Time
}

// DefaultReview lists the relation types whose link changes need review unless an admin decides
// otherwise: authorship and affiliation, which decide who people are.
var DefaultReview = map[RelType]bool{Authored: true, AffiliatedWith: true}

// HistoryQuery asks for the changes to an entity or a link, newest first.
type HistoryQuery struct {
	ID string
	// Links includes, for an entity, the changes to the links that start or end at it.
	Links bool
	First int
	After string
}

// ChangePage is one page of changes.
type ChangePage struct {
	Changes    []*Change
	Cursors    []string
	HasNext    bool
	TotalCount int
}

// ProposalQuery asks for proposals with a status, oldest first (the review queue).
type ProposalQuery struct {
	Status ProposalStatus
	// Entity keeps the proposals of links that start or end at this entity; "" for all.
	Entity string
	First  int
	After  string
}

// ProposalPage is one page of proposals.
type ProposalPage struct {
	Proposals  []*Proposal
	Cursors    []string
	HasNext    bool
	TotalCount int
}

// Curator changes the graph by hand and keeps every change. Every method takes the actor making
// the request and returns UNAUTHENTICATED or FORBIDDEN when the actor may not; every change bumps
// the graph version. Other errors: INVALID for bad input, NOT_FOUND for unknown entities, links
// and proposals, CONFLICT for stale versions and proposals no longer pending, UNAVAILABLE.
type Curator interface {
	// AddLink adds a link, or proposes it when its type needs review; adding one that exists
	// changes nothing and says so; adding one that was retracted restores it.
	AddLink(ctx context.Context, a Actor, in LinkInput) (LinkResult, error)
	// RetractLink hides a link from readers, keeping it with who, when and why.
	RetractLink(ctx context.Context, a Actor, id, reason string, propose bool) (LinkResult, error)
	// RestoreLink undoes a retraction.
	RestoreLink(ctx context.Context, a Actor, id, reason string, propose bool) (LinkResult, error)
	// Link returns a link by id, retracted or not, following merged entities; nil when none.
	Link(ctx context.Context, a Actor, id string) (*Edge, error)
	// CreateEntity creates an entity. CONFLICT when one with the same identifier exists.
	CreateEntity(ctx context.Context, a Actor, in EntityInput) (EntityResult, error)
	// UpdateEntity changes an entity if it is still at the version given; CONFLICT otherwise.
	UpdateEntity(ctx context.Context, a Actor, in EntityUpdate) (EntityResult, error)
	// MergeEntities moves every link of duplicate to keep and leaves a redirect from the
	// duplicate's id (and identifiers) to keep.
	MergeEntities(ctx context.Context, a Actor, keep, duplicate, note string) (MergeResult, error)
	// Proposals lists proposals, oldest first.
	Proposals(ctx context.Context, a Actor, q ProposalQuery) (ProposalPage, error)
	// ApproveProposal applies a pending proposal; FORBIDDEN for its own author.
	ApproveProposal(ctx context.Context, a Actor, id, note string) (ReviewResult, error)
	// RejectProposal rejects a pending proposal; FORBIDDEN for its own author (who withdraws).
	RejectProposal(ctx context.Context, a Actor, id, reason string) (ReviewResult, error)
	// WithdrawProposal withdraws one's own pending proposal.
	WithdrawProposal(ctx context.Context, a Actor, id string) (ReviewResult, error)
	// ReviewPolicies returns the review policy of every relation type.
	ReviewPolicies(ctx context.Context) ([]ReviewPolicy, error)
	// SetReviewPolicy decides whether a relation type needs review; admins only.
	SetReviewPolicy(ctx context.Context, a Actor, t RelType, review bool) (ReviewPolicy, error)
	// History returns the changes to an entity (under any of its ids) or a link, newest first.
	History(ctx context.Context, a Actor, q HistoryQuery) (ChangePage, error)
}

// RelMeanings says in a sentence what a link of each relation type states.
var RelMeanings = map[RelType]string{
	Authored:       "A person is an author of a work (position: 1-based author order; corresponding author).",
	PublishedIn:    "A work appeared in a journal (volume, issue, pages).",
	AffiliatedWith: "A person is or was affiliated with an organisation (start and end dates, role).",
	Studies:        "A work is about an organisation.",
	CaseCountry:    "A work is about a country: one of its case countries.",
	LocatedIn:      "An organisation is located in a country.",
	PartOf:         "An organisation is part of a larger one.",
	Cites:          "A work cites another work.",
	HasTopic:       "A work is on a topic, concept or keyword (score from 0 to 1).",
	FundedBy:       "A work or project was funded by an organisation (award id).",
	ResultOf:       "A work is a result of a project.",
	ParticipatesIn: "A person or organisation takes part in a project (role).",
	Borders:        "A country shares a land border with another.",
}

// LinkID returns the id of the link of type t from source to target.
func LinkID(source string, t RelType, target string) string {
	return source + ">" + string(t) + ">" + target
}

// ParseLinkID splits a link id into its source id, type and target id.
func ParseLinkID(id string) (source string, t RelType, target string, err error) {
	parts := strings.Split(id, ">")
	if len(parts) != 3 || parts[0] == "" || parts[2] == "" || !RelType(parts[1]).Valid() {
		return "", "", "", Errorf(EInvalid, "%q is not a link id (<source id>><TYPE>><target id>)", id)
	}
	return parts[0], RelType(parts[1]), parts[2], nil
}
