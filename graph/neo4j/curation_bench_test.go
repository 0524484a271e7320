package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// BenchmarkCuration measures curation writes against a plain import of the same link (the
// baseline): adding a link (with its change record), retracting and restoring it, and an
// optimistic update.
func BenchmarkCuration(b *testing.B) {
	s := neo4jtest.Shared(b)
	ctx := context.Background()
	f := newFixture()
	if _, err := s.UpsertNodes(ctx, f.nodes); err != nil {
		b.Fatal(err)
	}
	admin := graph.Actor{Name: "bench", Role: graph.RoleAdmin, TokenID: "tok-bench"}
	topics := func(n int, tag string) []string {
		var nodes []graph.NodeInput
		var ids []string
		for i := range n {
			k := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: fmt.Sprintf("%s-%s-%d", f.run, tag, i)}
			nodes = append(nodes, graph.NodeInput{Key: k, Props: map[string]any{"name": k.Value}, Prov: graph.Provenance{Source: "bench"}})
			ids = append(ids, graph.NewID(graph.Topic, graph.SchemeKey, k.Value))
		}
		if _, err := s.UpsertNodes(ctx, nodes); err != nil {
			b.Fatal(err)
		}
		return ids
	}
	b.Run("import an edge (baseline)", func(b *testing.B) {
		topics(b.N, "imp")
		w := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w1"}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			t := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: fmt.Sprintf("%s-imp-%d", f.run, i)}
			if _, err := s.UpsertEdges(ctx, []graph.EdgeInput{{Type: graph.HasTopic, From: w, To: t, Prov: graph.Provenance{Source: "bench"}}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("addLink", func(b *testing.B) {
		ids := topics(b.N, "add")
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := s.AddLink(ctx, admin, graph.LinkInput{Source: f.work1, Type: graph.HasTopic, Target: ids[i]}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("retract and restore", func(b *testing.B) {
		id := graph.LinkID(f.work1, graph.Studies, f.org)
		if _, err := s.UpsertEdges(ctx, f.edges); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := s.RetractLink(ctx, admin, id, "bench", false); err != nil {
				b.Fatal(err)
			}
			if _, err := s.RestoreLink(ctx, admin, id, "bench", false); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("updateEntity", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			n, _ := nodes(ctx, s, []string{f.work2})
			v := n[0].Props["version"].(int64)
			if _, err := s.UpdateEntity(ctx, admin, graph.EntityUpdate{ID: f.work2, Version: v, Set: map[string]any{"title": fmt.Sprint("t", i)}}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMerge merges a duplicate with 1000 links (each moved and recorded) into a kept entity.
func BenchmarkMerge(b *testing.B) {
	s := neo4jtest.Shared(b)
	ctx := context.Background()
	admin := graph.Actor{Name: "bench", Role: graph.RoleAdmin, TokenID: "tok-bench"}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		f := newFixture()
		if _, err := s.UpsertNodes(ctx, f.nodes); err != nil {
			b.Fatal(err)
		}
		dup := graph.Ref{Kind: graph.Person, Scheme: graph.SchemeKey, Value: f.run + "-dup"}
		nodes := []graph.NodeInput{{Key: dup, Props: map[string]any{"name": "Dup " + f.run}, Prov: graph.Provenance{Source: "bench"}}}
		var edges []graph.EdgeInput
		for j := range 1000 {
			w := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: fmt.Sprintf("%s-mw-%d", f.run, j)}
			nodes = append(nodes, graph.NodeInput{Key: w, Props: map[string]any{"title": w.Value}, Prov: graph.Provenance{Source: "bench"}})
			edges = append(edges, graph.EdgeInput{Type: graph.Authored, From: dup, To: w, Prov: graph.Provenance{Source: "bench"}})
		}
		if _, err := s.UpsertNodes(ctx, nodes); err != nil {
			b.Fatal(err)
		}
		if _, err := s.UpsertEdges(ctx, edges); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := s.MergeEntities(ctx, admin, f.person, graph.NewID(graph.Person, graph.SchemeKey, dup.Value), "bench")
		if err != nil || r.Moved != 1000 {
			b.Fatalf("%+v %v", r.Moved, err)
		}
	}
}
