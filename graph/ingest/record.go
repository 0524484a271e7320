package ingest

import "github.com/relgraph/relgraph/graph"

// Builder assembles a Record, keeping one input per node and per relationship: the first node
// with a key, unless a full node follows a stub, which it replaces; the first relationship of a
// type between two ends.
type Builder struct {
	rec   Record
	nodes map[graph.Ref]int
	edges map[edgeKey]int
}

// NewBuilder returns a Builder for the record with the given id.
func NewBuilder(id string) *Builder {
	return &Builder{rec: Record{ID: id}, nodes: map[graph.Ref]int{}, edges: map[edgeKey]int{}}
}

// Node adds a node.
func (b *Builder) Node(n graph.NodeInput) {
	if i, ok := b.nodes[n.Key]; ok {
		if b.rec.Nodes[i].Stub && !n.Stub {
			b.rec.Nodes[i] = n
		}
		return
	}
	b.nodes[n.Key] = len(b.rec.Nodes)
	b.rec.Nodes = append(b.rec.Nodes, n)
}

// Edge adds a relationship, and reports whether it was new.
func (b *Builder) Edge(e graph.EdgeInput) bool {
	k := edgeKey{e.Type, e.From, e.To}
	if _, ok := b.edges[k]; ok {
		return false
	}
	b.edges[k] = len(b.rec.Edges)
	b.rec.Edges = append(b.rec.Edges, e)
	return true
}

// EdgeProps returns the properties of the relationship added earlier with the same type and ends,
// for a format to amend, or nil.
func (b *Builder) EdgeProps(t graph.RelType, from, to graph.Ref) map[string]any {
	if i, ok := b.edges[edgeKey{t, from, to}]; ok {
		return b.rec.Edges[i].Props
	}
	return nil
}

// Record returns the record built.
func (b *Builder) Record() Record { return b.rec }

// ID returns the id of the record being built.
func (b *Builder) ID() string { return b.rec.ID }
