package neo4j_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

func TestUpsert(t *testing.T) {
	t.Run("nodes and the relationships between them are written together, and again change nothing", func(t *testing.T) {
		s := neo4jtest.Store(t)
		f := newFixture()
		st, err := s.Upsert(context.Background(), f.nodes, f.edges)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(graph.WriteStats{Created: 11}, st); diff != "" {
			t.Errorf("first write (-want +got):\n%s", diff)
		}
		st, err = s.Upsert(context.Background(), f.nodes, f.edges)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(graph.WriteStats{Unchanged: 11}, st); diff != "" {
			t.Errorf("second write (-want +got):\n%s", diff)
		}
	})
	t.Run("a refused node leaves nothing of the write behind", func(t *testing.T) {
		s := neo4jtest.Store(t)
		f := newFixture()
		prov := graph.Provenance{Source: "test"}
		a := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: "10.9999/a" + f.run}, Props: map[string]any{"title": "A"}, Prov: prov}
		b := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: "W1" + f.run[1:]}, Props: map[string]any{"title": "B"}, Prov: prov}
		if _, err := s.UpsertNodes(context.Background(), []graph.NodeInput{a, b}); err != nil {
			t.Fatal(err)
		}
		// The fixture's first work is written before the input whose identifiers name both a and b
		// is refused, in the same transaction.
		both := graph.NodeInput{Key: a.Key, Props: map[string]any{"title": "changed", "openalex": b.Key.Value}, Prov: prov}
		_, err := s.Upsert(context.Background(), []graph.NodeInput{f.nodes[0], both}, f.edges[:1])
		if graph.ErrorCode(err) != graph.EConflict {
			t.Fatalf("got %v, want CONFLICT", err)
		}
		got, err := nodes(context.Background(), s, []string{f.work1})
		if err != nil {
			t.Fatal(err)
		}
		if got[0] != nil {
			t.Errorf("the work written before the refusal is there: %+v", got[0])
		}
	})
}
