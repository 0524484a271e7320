package neo4j_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// TestCursorsAcrossStores checks what servers behind one address rely on: a cursor of one store is
// read by another with the same keys, also once a new key signs, and refused by one without them.
func TestCursorsAcrossStores(t *testing.T) {
	f := newFixture()
	load(t, f)
	ctx := context.Background()
	open := func(keys ...string) *neo4j.Store {
		cfg := neo4jtest.Config(t)
		for _, k := range keys {
			cfg.CursorKeys = append(cfg.CursorKeys, []byte(k))
		}
		s, err := neo4j.Open(cfg, neo4jtest.Logger())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close(context.Background()) })
		return s
	}
	old, next := "the old key of this deployment", "the new key of this deployment"
	a, b, rotated, other := open(old), open(old), open(next, old), open()

	first, err := a.NeighbourPage(ctx, graph.NeighbourPageQuery{ID: f.work1, First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Cursors) != 1 || !first.HasNext {
		t.Fatalf("first page: %+v", first)
	}
	q := graph.NeighbourPageQuery{ID: f.work1, First: 10, After: first.Cursors[0]}
	want, err := a.NeighbourPage(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for name, s := range map[string]*neo4j.Store{"the same key": b, "a new key first and the old one second": rotated} {
		got, err := s.NeighbourPage(ctx, q)
		if err != nil {
			t.Errorf("a store with %s: %v", name, err)
			continue
		}
		if diff := cmp.Diff(want.Linked, got.Linked); diff != "" || got.TotalCount != want.TotalCount {
			t.Errorf("a store with %s: another page (-want +got):\n%s", name, diff)
		}
	}
	if _, err := other.NeighbourPage(ctx, q); graph.ErrorCode(err) != graph.EInvalid {
		t.Errorf("a store with a key of its own: %v, want INVALID", err)
	}
}
