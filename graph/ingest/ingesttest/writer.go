// Package ingesttest provides an in-memory graph.Writer for the importers' unit tests, and
// helpers to run imports against it. The Writer follows the rules of the Neo4j store: a node is
// matched on its key property, whichever node holds it, and an input whose key finds no node
// creates one, failing with CONFLICT when it carries an identifier another node holds; stubs never
// overwrite; sourced values are kept per source, the first setting the plain property; a
// relationship is one per type and pair of ends (either way round for BORDERS), and one whose
// end is missing is counted as such; writing what is already there counts as unchanged. It is
// stricter than the store about inputs: it also fails on property values of a type the store
// would not give back unchanged, on empty strings and lists, and on missing provenance.
package ingesttest

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"sync"

	"github.com/relgraph/relgraph/graph"
)

// Node is a stored node.
type Node struct {
	ID      string
	Kind    graph.Kind
	Props   map[string]any // plain and sourced ("<name>@<source>") properties, identifiers included
	Stub    bool
	Sources []string
	Prov    graph.Provenance // of the write that created it
}

// Edge is a stored relationship.
type Edge struct {
	Type     graph.RelType
	From, To string // node ids
	Props    map[string]any
	Sources  []string
	Prov     graph.Provenance // of the write that created it
}

// Writer is an in-memory graph.Writer. It is safe for concurrent use.
type Writer struct {
	mu        sync.Mutex
	nodes     map[string]*Node // by id
	index     map[indexKey]string
	edges     map[edgeKey]*Edge
	nodeCalls [][]graph.NodeInput
	edgeCalls [][]graph.EdgeInput
	// Fail, when set, is returned by every write from the n-th on (1-based, counting node and edge
	// writes together); it simulates a database that goes away mid-import.
	Fail   error
	FailAt int
	calls  int
}

type indexKey struct {
	kind          graph.Kind
	scheme, value string
}

type edgeKey struct {
	t        graph.RelType
	from, to string
}

// New returns an empty Writer.
func New() *Writer {
	return &Writer{nodes: map[string]*Node{}, index: map[indexKey]string{}, edges: map[edgeKey]*Edge{}}
}

var _ graph.Writer = (*Writer)(nil)

var propName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// UpsertNodes implements graph.Writer.
func (w *Writer) UpsertNodes(ctx context.Context, in []graph.NodeInput) (graph.WriteStats, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.fail(); err != nil {
		return graph.WriteStats{}, err
	}
	for i, n := range in {
		if err := CheckNode(n); err != nil {
			return graph.WriteStats{}, graph.Errorf(graph.EInvalid, "node %d: %v", i, err)
		}
	}
	w.nodeCalls = append(w.nodeCalls, in)
	var st graph.WriteStats
	for _, n := range in {
		s, err := w.upsertNode(n)
		if err != nil {
			return st, err
		}
		st.Add(s)
	}
	return st, nil
}

func (w *Writer) upsertNode(n graph.NodeInput) (graph.WriteStats, error) {
	node, err := w.find(n.Key.Kind, n.Key.Scheme, n.Key.Value)
	if err != nil {
		return graph.WriteStats{}, err
	}
	created := node == nil
	if created {
		id := graph.NewID(n.Key.Kind, n.Key.Scheme, n.Key.Value)
		if n.Key.Scheme == graph.SchemeID {
			id = n.Key.Value
		}
		if _, taken := w.nodes[id]; taken {
			return graph.WriteStats{}, graph.Errorf(graph.EConflict, "id %s already taken", id)
		}
		node = &Node{ID: id, Kind: n.Key.Kind, Props: map[string]any{}, Prov: n.Prov}
	}
	props := map[string]any{}
	if !n.Stub || created {
		for k, v := range n.Props {
			if v != nil {
				props[k] = v
			}
		}
		if n.Key.Scheme != graph.SchemeID {
			props[n.Key.Scheme] = n.Key.Value
		}
		props["stub"] = n.Stub
	}
	sourced := map[string]any{}
	for k, v := range n.Sourced {
		if v != nil {
			sourced[k+"@"+n.Prov.Source] = v
		}
	}
	changed := false
	for _, m := range []map[string]any{props, sourced} {
		for k, v := range m {
			if old, ok := node.Props[k]; !ok || !reflect.DeepEqual(old, v) {
				changed = true
			}
		}
	}
	if !contains(node.Sources, n.Prov.Source) {
		changed = true
		node.Sources = append(node.Sources, n.Prov.Source)
	}
	// Identifiers must stay unique.
	for _, s := range graph.UniqueSchemes[n.Key.Kind] {
		v, ok := props[s].(string)
		if !ok {
			continue
		}
		if other, ok := w.index[indexKey{n.Key.Kind, s, v}]; ok && other != node.ID {
			return graph.WriteStats{}, graph.Errorf(graph.EConflict, "%s %s %s is already node %s, not %s", n.Key.Kind, s, v, other, node.ID)
		}
	}
	for k, v := range props {
		node.Props[k] = v
	}
	for k, v := range sourced {
		node.Props[k] = v
	}
	for k, v := range n.Sourced {
		if _, ok := node.Props[k]; !ok && v != nil {
			node.Props[k] = v
		}
	}
	node.Stub, _ = node.Props["stub"].(bool)
	w.nodes[node.ID] = node
	for _, s := range graph.UniqueSchemes[n.Key.Kind] {
		if v, ok := node.Props[s].(string); ok {
			w.index[indexKey{n.Key.Kind, s, v}] = node.ID
		}
	}
	switch {
	case created:
		return graph.WriteStats{Created: 1}, nil
	case changed:
		return graph.WriteStats{Updated: 1}, nil
	}
	return graph.WriteStats{Unchanged: 1}, nil
}

// find returns the node of kind k whose identifier scheme has value v, as the store's MATCH on a
// property would, or nil.
func (w *Writer) find(k graph.Kind, scheme, v string) (*Node, error) {
	if scheme == graph.SchemeID {
		n := w.nodes[v]
		if n != nil && n.Kind != k {
			return nil, nil
		}
		return n, nil
	}
	id, ok := w.index[indexKey{k, scheme, v}]
	if !ok {
		return nil, nil
	}
	return w.nodes[id], nil
}

// UpsertEdges implements graph.Writer.
func (w *Writer) UpsertEdges(ctx context.Context, in []graph.EdgeInput) (graph.WriteStats, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.fail(); err != nil {
		return graph.WriteStats{}, err
	}
	for i, e := range in {
		if err := CheckEdge(e); err != nil {
			return graph.WriteStats{}, graph.Errorf(graph.EInvalid, "edge %d: %v", i, err)
		}
	}
	w.edgeCalls = append(w.edgeCalls, in)
	var st graph.WriteStats
	for _, e := range in {
		from, _ := w.find(e.From.Kind, e.From.Scheme, e.From.Value)
		to, _ := w.find(e.To.Kind, e.To.Scheme, e.To.Value)
		if from == nil || to == nil {
			st.Missing++
			continue
		}
		k := edgeKey{e.Type, from.ID, to.ID}
		old := w.edges[k]
		if old == nil && e.Type == graph.Borders {
			k2 := edgeKey{e.Type, to.ID, from.ID}
			if old = w.edges[k2]; old != nil {
				k = k2
			}
		}
		if old == nil {
			ed := &Edge{Type: e.Type, From: from.ID, To: to.ID, Props: map[string]any{}, Sources: []string{e.Prov.Source}, Prov: e.Prov}
			for p, v := range e.Props {
				if v != nil {
					ed.Props[p] = v
				}
			}
			w.edges[k] = ed
			st.Created++
			continue
		}
		changed := false
		for p, v := range e.Props {
			if v == nil {
				continue
			}
			if ov, ok := old.Props[p]; !ok || !reflect.DeepEqual(ov, v) {
				changed = true
				old.Props[p] = v
			}
		}
		if !contains(old.Sources, e.Prov.Source) {
			changed = true
			old.Sources = append(old.Sources, e.Prov.Source)
		}
		if changed {
			st.Updated++
		} else {
			st.Unchanged++
		}
	}
	return st, nil
}

func (w *Writer) fail() error {
	w.calls++
	if w.Fail != nil && w.calls >= w.FailAt {
		return w.Fail
	}
	return nil
}

// Nodes returns the stored nodes of kind k (all kinds when k is ""), sorted by id.
func (w *Writer) Nodes(k graph.Kind) []*Node {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []*Node
	for _, n := range w.nodes {
		if k == "" || n.Kind == k {
			out = append(out, n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Node returns the stored node that ref names, or nil.
func (w *Writer) Node(ref graph.Ref) *Node {
	w.mu.Lock()
	defer w.mu.Unlock()
	n, _ := w.find(ref.Kind, ref.Scheme, ref.Value)
	return n
}

// Edges returns the stored relationships of type t (all types when t is ""), sorted by ends.
func (w *Writer) Edges(t graph.RelType) []*Edge {
	w.mu.Lock()
	defer w.mu.Unlock()
	var out []*Edge
	for _, e := range w.edges {
		if t == "" || e.Type == t {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.From != b.From {
			return a.From < b.From
		}
		return a.To < b.To
	})
	return out
}

// Inputs returns every input written so far, in order.
func (w *Writer) Inputs() ([]graph.NodeInput, []graph.EdgeInput) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var ns []graph.NodeInput
	var es []graph.EdgeInput
	for _, c := range w.nodeCalls {
		ns = append(ns, c...)
	}
	for _, c := range w.edgeCalls {
		es = append(es, c...)
	}
	return ns, es
}

// Calls returns how many node and edge writes were made.
func (w *Writer) Calls() (nodes, edges int) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.nodeCalls), len(w.edgeCalls)
}

// CheckNode reports what is wrong with a node input: a key the store would refuse, missing
// provenance, a bad property name, or a property value of a type the store does not keep as is.
func CheckNode(n graph.NodeInput) error {
	if err := checkRef(n.Key); err != nil {
		return fmt.Errorf("key: %w", err)
	}
	if n.Prov.Source == "" || n.Prov.Record == "" {
		return fmt.Errorf("%v: provenance without source or record: %+v", n.Key, n.Prov)
	}
	if err := checkProps(n.Props); err != nil {
		return fmt.Errorf("%v: %w", n.Key, err)
	}
	if err := checkProps(n.Sourced); err != nil {
		return fmt.Errorf("%v: sourced: %w", n.Key, err)
	}
	if n.Stub && len(n.Sourced) > 0 {
		return fmt.Errorf("%v: a stub with sourced values, which would overwrite the full record's", n.Key)
	}
	return nil
}

// CheckEdge reports what is wrong with a relationship input.
func CheckEdge(e graph.EdgeInput) error {
	if !e.Type.Allows(e.From.Kind, e.To.Kind) {
		return fmt.Errorf("%s cannot link %s to %s", e.Type, e.From.Kind, e.To.Kind)
	}
	if err := checkRef(e.From); err != nil {
		return fmt.Errorf("%s from: %w", e.Type, err)
	}
	if err := checkRef(e.To); err != nil {
		return fmt.Errorf("%s to: %w", e.Type, err)
	}
	if e.Prov.Source == "" || e.Prov.Record == "" {
		return fmt.Errorf("%s %v→%v: provenance without source or record: %+v", e.Type, e.From, e.To, e.Prov)
	}
	if err := checkProps(e.Props); err != nil {
		return fmt.Errorf("%s %v→%v: %w", e.Type, e.From, e.To, err)
	}
	return nil
}

func checkRef(r graph.Ref) error {
	if !r.Kind.Valid() {
		return fmt.Errorf("unknown kind %q", r.Kind)
	}
	if r.Value == "" {
		return fmt.Errorf("empty %s", r.Scheme)
	}
	if r.Scheme == graph.SchemeID {
		if graph.KindOfID(r.Value) != r.Kind {
			return fmt.Errorf("id %q is not a %s id", r.Value, r.Kind)
		}
		return nil
	}
	if !contains(graph.UniqueSchemes[r.Kind], r.Scheme) {
		return fmt.Errorf("%q is not an identifier of a %s", r.Scheme, r.Kind)
	}
	return nil
}

func checkProps(m map[string]any) error {
	for k, v := range m {
		if !propName.MatchString(k) {
			return fmt.Errorf("bad property name %q", k)
		}
		switch x := v.(type) {
		case nil, string, int64, float64, bool:
			if s, ok := x.(string); ok && s == "" {
				return fmt.Errorf("property %s is an empty string", k)
			}
		case []string:
			if len(x) == 0 {
				return fmt.Errorf("property %s is an empty list", k)
			}
		case []int64, []float64:
			if reflect.ValueOf(x).Len() == 0 {
				return fmt.Errorf("property %s is an empty list", k)
			}
		default:
			return fmt.Errorf("property %s has a value of type %T", k, v)
		}
	}
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
