package graph

import "context"

// NeighbourGroup is the first page of an entity's neighbours over one relationship type and
// direction, with how many there are in all: what the explorer needs to expand a node step by step
// ("12 of 140 shown, load more").
type NeighbourGroup struct {
	Type    RelType
	Dir     Direction // seen from the entity
	Total   int
	Linked  []Linked
	Cursors []string // NeighbourPage cursors, so that the next page comes from NeighbourPage
	HasNext bool
}

// RelatedWorksQuery asks for the works related to a work, each with the reasons it is related.
type RelatedWorksQuery struct {
	ID string
	// Types keeps only reasons of these relationship types (nil for all): AUTHORED for "by the same
	// authors", PUBLISHED_IN for "from the same journal", CITES for citations in either direction...
	Types []RelType
	First int
	After string // opaque cursor
}

// RelatedReason is one reason why a work is related to another. Through an entity (Via), both
// works are linked to Via by a relationship of type Type (Dir as seen from the works: AUTHORED is
// In, PUBLISHED_IN Out). Without Via, the works are linked directly: Type is CITES and Dir Out when
// the first work cites the related one, In when the related one cites it.
type RelatedReason struct {
	Type RelType
	Dir  Direction
	Via  *Node
}

// RelatedWork is a work related to another, with every reason and a score that weighs them (a
// shared author or project counts more than a shared country or topic).
type RelatedWork struct {
	Work    *Node
	Reasons []RelatedReason
	Score   int
}

// RelatedWorksPage is one page of related works, best first.
type RelatedWorksPage struct {
	Items       []RelatedWork
	Cursors     []string
	HasNext     bool
	HasPrevious bool
	TotalCount  int
}

// Reach counts the entities within some hops of an entity, up to a cap.
type Reach struct {
	Count  int  // at most the cap
	Capped bool // whether more entities are within reach than were counted
}

// ExplorerReader answers the questions the explorer asks beyond plain reads.
type ExplorerReader interface {
	// NeighbourGroups returns an entity's neighbours grouped by relationship type and direction,
	// the first `first` of each group by label. Errors: INVALID, NOT_FOUND.
	NeighbourGroups(ctx context.Context, id string, first int) ([]NeighbourGroup, error)
	// RelatedWorks returns the works related to a work, best first. Errors: INVALID (bad
	// arguments, or an entity that is not a work), NOT_FOUND.
	RelatedWorks(ctx context.Context, q RelatedWorksQuery) (RelatedWorksPage, error)
	// Reach counts the entities within depth hops (1 to 3) of an entity, stopping at max.
	// Errors: INVALID, NOT_FOUND.
	Reach(ctx context.Context, id string, depth, max int) (Reach, error)
}

// RelatedWeights are how much each kind of reason adds to a related work's score.
var RelatedWeights = map[RelType]int{
	Authored:    3,
	ResultOf:    3,
	Cites:       2,
	Studies:     2,
	FundedBy:    1,
	PublishedIn: 1,
	CaseCountry: 1,
	HasTopic:    1,
}
