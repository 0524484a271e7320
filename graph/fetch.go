package graph

import "context"

// Select says what to read with each entity of a result beyond the entity itself: which of its
// properties, and which of its lists (neighbours, pages of works, co-authors), each under a key the
// caller chooses, with what to read with their entities in turn. It lets a reader answer a whole
// nested request, such as a GraphQL selection, in one round trip.
type Select struct {
	// Props are the properties to read; nil reads them all. id, kind and label are always read.
	Props []string
	// Lists are the lists to read with each entity.
	Lists []ListSelect
}

// ListSelect is one list to read with an entity: the entities at the end of Path, in Order, either
// all of them up to Limit or one page of them.
type ListSelect struct {
	// Key names the list in Tree.Lists. Keys are unique among the lists of one kind of entity.
	Key string
	// Kind reads the list only for entities of this kind ("" for every kind): lists asked for in
	// a type condition, such as `... on Work { authors }`.
	Kind Kind
	// Path leads from the entity to the list's items.
	Path RelPath
	// Target keeps only items of this kind, where the path may reach several ("" for all).
	Target Kind
	// Order is the order of the items. ByPosition needs a path of one relationship.
	Order Order
	// Limit caps an unpaged list (0 means DefaultListCap).
	Limit int
	// Page, when set, reads one page of the list instead (Order Newest only).
	Page *PageSelect
	// Edges reads the relationship that links each item (Tree.Edge); for paths of one relationship.
	Edges bool
	// Select is what to read with each entity of the list.
	Select Select
}

// PageSelect is a page of a list.
type PageSelect struct {
	First int
	After string // opaque cursor from a page of the same list
	Count bool   // count the whole list (TreeList.TotalCount)
	Items bool   // read the page; false when only the count is wanted
}

// Tree is an entity read with a Select: the entity, the relationship it was reached by in a list
// of neighbours, and its lists by key.
type Tree struct {
	Node  *Node
	Edge  *Edge
	Lists map[string]*TreeList
}

// TreeList is a list read with a Select: its entities, and for pages their cursors, whether more
// follow or precede, and the total.
type TreeList struct {
	Items       []*Tree
	Cursors     []string
	Scores      []float64 // search relevance, for search results only
	HasNext     bool
	HasPrevious bool
	TotalCount  int
	// Err, when set, is why this list could not be read (a cursor that is not one of this list's):
	// its field answers the error, and the rest of the tree stands.
	Err error
}

// Fetcher reads entities together with what a Select asks for, each call in one round trip.
type Fetcher interface {
	// FetchNodes returns the entities with the given ids, in their order, nil for unknown ones.
	FetchNodes(ctx context.Context, ids []string, sel Select) ([]*Tree, error)
	// FetchRef finds an entity by an identifier (a journal by any of its ISSNs; an identifier of
	// an entity merged into another finds that one); nil when none has it.
	FetchRef(ctx context.Context, ref Ref, sel Select) (*Tree, error)
	// FetchSearch returns a page of full-text search hits, best first; the total is counted only
	// when count is true. Every word of the text must match, as a word or a word prefix.
	FetchSearch(ctx context.Context, q SearchQuery, count bool, sel Select) (*TreeList, error)
}
