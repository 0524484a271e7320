package graph

import "context"

// Ref names an entity by kind and one identifier: its relgraph id or an external identifier.
type Ref struct {
	Kind   Kind
	Scheme string // one of the Scheme constants
	Value  string // normalised
}

// NodeInput is an entity to create or update, found by Key.
type NodeInput struct {
	Key Ref
	// Props are the properties to set. A nil value removes nothing: it is ignored. Identifier
	// properties in Props must be normalised.
	Props map[string]any
	// Sourced are values that sources may disagree on, kept per source as "<name>@<source>" so that
	// none overwrites another; the first source to give a value also sets the plain property.
	Sourced map[string]any
	// Stub marks an entity known only as the target of a link (a cited work not loaded yet). A stub
	// never overwrites a loaded entity, and a later full record clears the mark.
	Stub bool
	Prov Provenance
}

// EdgeInput is a relationship to create or update between two entities that exist.
type EdgeInput struct {
	Type  RelType
	From  Ref
	To    Ref
	Props map[string]any
	Prov  Provenance
}

// WriteStats counts what a write did.
type WriteStats struct {
	Created, Updated, Unchanged, Missing int
}

// Add adds o to s.
func (s *WriteStats) Add(o WriteStats) {
	s.Created += o.Created
	s.Updated += o.Updated
	s.Unchanged += o.Unchanged
	s.Missing += o.Missing
}

// Writer stores entities and relationships. Writes are idempotent: writing the same input twice
// changes nothing the second time.
type Writer interface {
	// UpsertNodes creates or updates entities, in one transaction. Errors: INVALID, UNAVAILABLE.
	UpsertNodes(ctx context.Context, nodes []NodeInput) (WriteStats, error)
	// UpsertEdges creates or updates relationships, in one transaction; an edge whose ends do not
	// exist is counted as Missing and not written. Errors: INVALID, UNAVAILABLE.
	UpsertEdges(ctx context.Context, edges []EdgeInput) (WriteStats, error)
}

// Direction is the direction of a relationship seen from an entity.
type Direction int

// Directions.
const (
	Out  Direction = iota // from the entity
	In                    // to the entity
	Both                  // either way (BORDERS, which has no meaning of its own in one direction)
)

// Linked is a neighbour and the relationship that links it.
type Linked struct {
	Node *Node
	Edge *Edge
}

// SearchQuery is a full-text search.
type SearchQuery struct {
	Text  string
	Kinds []Kind
	First int
	After string
}

// RelationsQuery asks for the graph of relations around an entity.
type RelationsQuery struct {
	ID    string
	Depth int    // 1 to MaxRelationsDepth
	Kinds []Kind // nil for all
	Limit int    // maximum number of entities
	// Props are the properties to read of each entity; nil reads them all. id, kind and label are
	// always read.
	Props []string
	// EdgeProps reads the relationships' properties and provenance; without it, edges carry only
	// their id, type and ends.
	EdgeProps bool
	// Retracted includes retracted relationships, for curators; readers never see them. With
	// EdgeProps, their Retraction says who retracted them.
	Retracted bool
}

// Reader reads the graph. Lists of an entity (its authors, its works...) are read only through the
// Fetcher, with the entities that have them; the other methods answer questions that are not lists
// of one entity. Errors: INVALID for bad arguments, NOT_FOUND where said, UNAVAILABLE when the
// database cannot be reached.
type Reader interface {
	// Relations returns the graph of relations around an entity; NOT_FOUND when it does not exist.
	Relations(ctx context.Context, q RelationsQuery) (*Subgraph, error)
	PathReader
	ExplorerReader
	Fetcher
}

// Path is a path through the graph: Edges[i] links Nodes[i] and Nodes[i+1].
type Path struct {
	Nodes []*Node
	Edges []*Edge
}

// PathQuery asks how two entities are connected.
type PathQuery struct {
	From, To  string
	MaxLength int // 1 to 6
	First     int // 1 to 10
	// Props are the properties to read of each entity on the paths; nil reads them all.
	Props []string
}

// NeighbourPageQuery asks for one page of an entity's neighbours.
type NeighbourPageQuery struct {
	ID    string
	Type  RelType    // "" for every type
	Dir   *Direction // nil for both
	First int
	After string
}

// NeighbourPage is one page of neighbours.
type NeighbourPage struct {
	Linked      []Linked
	Cursors     []string
	HasNext     bool
	HasPrevious bool
	TotalCount  int
}

// RelationCount counts an entity's relationships of one type and direction.
type RelationCount struct {
	Type  RelType
	Dir   Direction
	Count int
}

// PathReader answers questions about how entities connect.
type PathReader interface {
	// Paths returns shortest paths between two entities: all of the same, shortest length, at
	// most q.First of them. Errors: INVALID, NOT_FOUND when either entity does not exist.
	Paths(ctx context.Context, q PathQuery) ([]Path, error)
	// NeighbourPage returns one page of an entity's neighbours, by label.
	NeighbourPage(ctx context.Context, q NeighbourPageQuery) (NeighbourPage, error)
	// RelationCounts counts an entity's relationships by type and direction.
	RelationCounts(ctx context.Context, id string) ([]RelationCount, error)
}
