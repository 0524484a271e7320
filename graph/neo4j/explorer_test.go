package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

func TestExplorerReads(t *testing.T) {
	f := newFixture()
	// A third work that shares only the organisation with the first, and a fourth, older one in
	// the same journal, so that scores and years order the related works.
	prov := graph.Provenance{Source: "test", Record: f.run}
	w3 := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w3"}
	w4 := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w4"}
	o := graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeKey, Value: f.run + "-o"}
	j := graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeKey, Value: f.run + "-j"}
	f.nodes = append(f.nodes,
		graph.NodeInput{Key: w3, Props: map[string]any{"title": "Third " + f.run, "year": int64(2020)}, Prov: prov},
		graph.NodeInput{Key: w4, Props: map[string]any{"title": "Fourth " + f.run, "year": int64(1999)}, Prov: prov})
	f.edges = append(f.edges,
		graph.EdgeInput{Type: graph.Studies, From: w3, To: o, Prov: prov},
		graph.EdgeInput{Type: graph.PublishedIn, From: w4, To: j, Prov: prov})
	load(t, f)
	s := neo4jtest.Store(t)
	ctx := context.Background()
	id3 := graph.NewID(graph.Work, graph.SchemeKey, w3.Value)
	id4 := graph.NewID(graph.Work, graph.SchemeKey, w4.Value)

	t.Run("neighbour groups count every type and direction and continue with NeighbourPage", func(t *testing.T) {
		gs, err := s.NeighbourGroups(ctx, f.work1, 1)
		if err != nil {
			t.Fatal(err)
		}
		type group struct {
			Type    graph.RelType
			Dir     graph.Direction
			Total   int
			Shown   int
			HasNext bool
		}
		var got []group
		for _, g := range gs {
			got = append(got, group{g.Type, g.Dir, g.Total, len(g.Linked), g.HasNext})
		}
		want := []group{
			{graph.Authored, graph.In, 1, 1, false},
			{graph.Cites, graph.Out, 1, 1, false},
			{graph.PublishedIn, graph.Out, 1, 1, false},
			{graph.Studies, graph.Out, 1, 1, false},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("groups of the first work (-want +got):\n%s", diff)
		}

		gs, err = s.NeighbourGroups(ctx, f.org, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(gs) != 1 || gs[0].Total != 2 || len(gs[0].Linked) != 1 || !gs[0].HasNext {
			t.Fatalf("groups of the organisation: %+v", gs)
		}
		in := graph.In
		next, err := s.NeighbourPage(ctx, graph.NeighbourPageQuery{ID: f.org, Type: graph.Studies, Dir: &in, First: 5, After: gs[0].Cursors[0]})
		if err != nil {
			t.Fatal(err)
		}
		if len(next.Linked) != 1 || next.Linked[0].Node.ID == gs[0].Linked[0].Node.ID {
			t.Errorf("the next page does not continue the group: %+v after %s", next.Linked, gs[0].Linked[0].Node.Label)
		}
	})

	t.Run("an unknown entity is not found, and a lone one has no groups", func(t *testing.T) {
		if _, err := s.NeighbourGroups(ctx, "w-nothing"+f.run, 3); graph.ErrorCode(err) != graph.ENotFound {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := s.NeighbourGroups(ctx, f.org, 101); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("first 101: %v", err)
		}
	})

	t.Run("related works carry every reason and come best first", func(t *testing.T) {
		p, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: f.work1, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range p.Items {
			line := fmt.Sprintf("%s %d:", it.Work.Label[:5], it.Score)
			for _, r := range it.Reasons {
				via := "-"
				if r.Via != nil {
					via = r.Via.Label[:3]
				}
				line += fmt.Sprintf(" %s/%d/%s", r.Type, r.Dir, via)
			}
			got = append(got, line)
		}
		// The second work shares the author (3) and journal (1) and is cited (2); the third
		// shares the organisation (2); the fourth only the journal (1).
		want := []string{
			"Secon 6: AUTHORED/1/Ann CITES/0/- PUBLISHED_IN/0/Jou",
			"Third 2: STUDIES/0/Org",
			"Fourt 1: PUBLISHED_IN/0/Jou",
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("related works (-want +got):\n%s", diff)
		}
		if p.TotalCount != 3 || p.HasNext {
			t.Errorf("total %d, hasNext %v", p.TotalCount, p.HasNext)
		}
	})

	t.Run("related works page by cursor and keep only the asked reasons", func(t *testing.T) {
		first, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: f.work1, First: 2})
		if err != nil {
			t.Fatal(err)
		}
		rest, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: f.work1, First: 2, After: first.Cursors[1]})
		if err != nil {
			t.Fatal(err)
		}
		if !first.HasNext || len(rest.Items) != 1 || rest.Items[0].Work.ID != id4 || rest.HasNext || !rest.HasPrevious {
			t.Errorf("pages: %+v then %+v", first, rest)
		}
		journal, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: f.work1, Types: []graph.RelType{graph.PublishedIn}, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, it := range journal.Items {
			ids = append(ids, it.Work.ID)
			if len(it.Reasons) != 1 || it.Reasons[0].Type != graph.PublishedIn {
				t.Errorf("reasons beyond the journal: %+v", it.Reasons)
			}
		}
		if diff := cmp.Diff([]string{f.work2, id4}, ids); diff != "" {
			t.Errorf("works from the same journal, newest first (-want +got):\n%s", diff)
		}
		_ = id3
	})

	t.Run("related works are for works, of known reasons", func(t *testing.T) {
		if _, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: f.person, First: 5}); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("a person: %v", err)
		}
		if _, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: "w-nothing" + f.run, First: 5}); graph.ErrorCode(err) != graph.ENotFound {
			t.Errorf("unknown id: %v", err)
		}
		if _, err := s.RelatedWorks(ctx, graph.RelatedWorksQuery{ID: f.work1, Types: []graph.RelType{graph.Borders}, First: 5}); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("BORDERS: %v", err)
		}
	})

	t.Run("reach counts distinct entities within the hops, up to the cap", func(t *testing.T) {
		for _, c := range []struct {
			depth, max int
			want       graph.Reach
		}{
			{1, 100, graph.Reach{Count: 4}}, // person, journal, organisation, second work
			{2, 100, graph.Reach{Count: 6}}, // + the third and fourth works
			{2, 3, graph.Reach{Count: 3, Capped: true}},
		} {
			got, err := s.Reach(ctx, f.work1, c.depth, c.max)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("reach(depth %d, max %d) = %+v, want %+v", c.depth, c.max, got, c.want)
			}
		}
		if _, err := s.Reach(ctx, f.work1, 4, 10); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("depth 4: %v", err)
		}
		if _, err := s.Reach(ctx, "w-nothing"+f.run, 1, 10); graph.ErrorCode(err) != graph.ENotFound {
			t.Errorf("unknown id: %v", err)
		}
	})
}
