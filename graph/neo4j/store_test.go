package neo4j_test

import (
	"context"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// fixture writes a small graph with keys unique to this test run: two works by one author in one
// journal, about one organisation and two countries that border each other.
type fixture struct {
	run                       string
	work1, work2, person, org string
	nodes                     []graph.NodeInput
	edges                     []graph.EdgeInput
}

func newFixture() *fixture {
	f := &fixture{run: fmt.Sprintf("t%08x", rand.Uint32())}
	key := func(k graph.Kind, s string) graph.Ref {
		return graph.Ref{Kind: k, Scheme: graph.SchemeKey, Value: f.run + "-" + s}
	}
	prov := graph.Provenance{Source: "test", Record: f.run}
	w1, w2 := key(graph.Work, "w1"), key(graph.Work, "w2")
	p, j, o := key(graph.Person, "p"), key(graph.Journal, "j"), key(graph.Organisation, "o")
	f.work1 = graph.NewID(graph.Work, graph.SchemeKey, w1.Value)
	f.work2 = graph.NewID(graph.Work, graph.SchemeKey, w2.Value)
	f.person = graph.NewID(graph.Person, graph.SchemeKey, p.Value)
	f.org = graph.NewID(graph.Organisation, graph.SchemeKey, o.Value)
	f.nodes = []graph.NodeInput{
		{Key: w1, Props: map[string]any{"title": "Zyxwvut " + f.run + " borders", "year": int64(2018)}, Prov: prov},
		{Key: w2, Props: map[string]any{"title": "Second " + f.run, "year": int64(2010)}, Prov: prov},
		{Key: p, Props: map[string]any{"name": "Ann Author " + f.run}, Prov: prov},
		{Key: j, Props: map[string]any{"title": "Journal " + f.run}, Prov: prov},
		{Key: o, Props: map[string]any{"name": "Org " + f.run, "acronyms": []string{"ORG" + f.run}}, Prov: prov},
	}
	f.edges = []graph.EdgeInput{
		{Type: graph.Authored, From: p, To: w1, Props: map[string]any{"position": int64(1), "corresponding": true}, Prov: prov},
		{Type: graph.Authored, From: p, To: w2, Props: map[string]any{"position": int64(2)}, Prov: prov},
		{Type: graph.PublishedIn, From: w1, To: j, Props: map[string]any{"volume": "44"}, Prov: prov},
		{Type: graph.PublishedIn, From: w2, To: j, Prov: prov},
		{Type: graph.Studies, From: w1, To: o, Prov: prov},
		{Type: graph.Cites, From: w1, To: w2, Prov: prov},
	}
	return f
}

func load(t *testing.T, f *fixture) (graph.WriteStats, graph.WriteStats) {
	t.Helper()
	s := neo4jtest.Store(t)
	ctx := context.Background()
	ns, err := s.UpsertNodes(ctx, f.nodes)
	if err != nil {
		t.Fatal(err)
	}
	es, err := s.UpsertEdges(ctx, f.edges)
	if err != nil {
		t.Fatal(err)
	}
	return ns, es
}

func TestWriting(t *testing.T) {
	t.Run("loading twice changes nothing the second time", func(t *testing.T) {
		f := newFixture()
		ns, es := load(t, f)
		if diff := cmp.Diff(graph.WriteStats{Created: 5}, ns); diff != "" {
			t.Errorf("first node load (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(graph.WriteStats{Created: 6}, es); diff != "" {
			t.Errorf("first edge load (-want +got):\n%s", diff)
		}
		ns, es = load(t, f)
		if diff := cmp.Diff(graph.WriteStats{Unchanged: 5}, ns); diff != "" {
			t.Errorf("second node load (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(graph.WriteStats{Unchanged: 6}, es); diff != "" {
			t.Errorf("second edge load (-want +got):\n%s", diff)
		}
	})
	t.Run("a changed value counts as an update and a stub never overwrites", func(t *testing.T) {
		f := newFixture()
		load(t, f)
		s := neo4jtest.Store(t)
		in := f.nodes[0]
		in.Props = map[string]any{"title": "New title " + f.run, "year": int64(2018)}
		st, err := s.UpsertNodes(context.Background(), []graph.NodeInput{in})
		if err != nil || st.Updated != 1 {
			t.Fatalf("update: %+v, %v", st, err)
		}
		stub := graph.NodeInput{Key: in.Key, Props: map[string]any{"title": "stub"}, Stub: true, Prov: graph.Provenance{Source: "other"}}
		if _, err := s.UpsertNodes(context.Background(), []graph.NodeInput{stub}); err != nil {
			t.Fatal(err)
		}
		got, err := nodes(context.Background(), s, []string{f.work1})
		if err != nil {
			t.Fatal(err)
		}
		if got[0].Label != "New title "+f.run || got[0].Props["stub"] != false {
			t.Errorf("after stub write: label %q stub %v", got[0].Label, got[0].Props["stub"])
		}
	})
	t.Run("an edge whose end is missing is counted and not written", func(t *testing.T) {
		f := newFixture()
		load(t, f)
		s := neo4jtest.Store(t)
		e := f.edges[0]
		e.To = graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: "no-such-" + f.run}
		st, err := s.UpsertEdges(context.Background(), []graph.EdgeInput{e})
		if err != nil || st.Missing != 1 || st.Created != 0 {
			t.Fatalf("got %+v, %v", st, err)
		}
	})
	t.Run("a relationship between the wrong kinds is refused", func(t *testing.T) {
		f := newFixture()
		s := neo4jtest.Store(t)
		e := f.edges[0]
		e.Type = graph.CaseCountry
		_, err := s.UpsertEdges(context.Background(), []graph.EdgeInput{e})
		if graph.ErrorCode(err) != graph.EInvalid {
			t.Fatalf("got %v, want INVALID", err)
		}
	})
	t.Run("identifier constraints hold", func(t *testing.T) {
		s := neo4jtest.Store(t)
		f := newFixture()
		doi := "10.9999/" + f.run
		a := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "a"}, Props: map[string]any{"title": "A", "doi": doi}, Prov: graph.Provenance{Source: "test"}}
		if _, err := s.UpsertNodes(context.Background(), []graph.NodeInput{a}); err != nil {
			t.Fatal(err)
		}
		if err := s.RawWrite(context.Background(), "CREATE (:Entity:Work {id: $id, doi: $doi})", map[string]any{"id": "w-" + f.run, "doi": doi}); graph.ErrorCode(err) != graph.EConflict {
			t.Fatalf("a second work with DOI %s written behind the store's back: got %v, want CONFLICT", doi, err)
		}
	})
	t.Run("an input whose identifiers name two entities is refused and nothing is written", func(t *testing.T) {
		s := neo4jtest.Store(t)
		f := newFixture()
		prov := graph.Provenance{Source: "test"}
		a := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: "10.9999/a" + f.run}, Props: map[string]any{"title": "A"}, Prov: prov}
		b := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: "W1" + f.run[1:]}, Props: map[string]any{"title": "B"}, Prov: prov}
		if _, err := s.UpsertNodes(context.Background(), []graph.NodeInput{a, b}); err != nil {
			t.Fatal(err)
		}
		both := graph.NodeInput{Key: a.Key, Props: map[string]any{"title": "changed", "openalex": b.Key.Value}, Prov: prov}
		_, err := s.UpsertNodes(context.Background(), []graph.NodeInput{both})
		if graph.ErrorCode(err) != graph.EConflict || !strings.Contains(err.Error(), "different entities") {
			t.Fatalf("got %v, want CONFLICT", err)
		}
		got, _ := lookup(context.Background(), s, a.Key)
		if got.Label != "A" {
			t.Errorf("the refused input was written: %q", got.Label)
		}
	})
	t.Run("migrations run twice", func(t *testing.T) {
		s := neo4jtest.Store(t)
		if err := s.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}

func TestReading(t *testing.T) {
	f := newFixture()
	load(t, f)
	s := neo4jtest.Store(t)
	ctx := context.Background()

	t.Run("neighbours come in author order with provenance", func(t *testing.T) {
		got, err := neighbours(ctx, s, neighbourQuery{IDs: []string{f.work1, f.work2, "w-unknown"}, Type: graph.Authored, Dir: graph.In})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || len(got[0]) != 1 || len(got[1]) != 1 || len(got[2]) != 0 {
			t.Fatalf("got %v", got)
		}
		l := got[0][0]
		if l.Node.ID != f.person || l.Edge.Source != f.person || l.Edge.Target != f.work1 || l.Edge.Props["position"] != int64(1) {
			t.Errorf("got %+v %+v", l.Node, l.Edge)
		}
		if l.Edge.Provenance.Source != "test" || l.Edge.Provenance.AddedAt.IsZero() || l.Edge.ID == "" {
			t.Errorf("provenance %+v id %q", l.Edge.Provenance, l.Edge.ID)
		}
	})
	t.Run("works page with keyset cursors", func(t *testing.T) {
		pages, err := works(ctx, s, pageQuery{IDs: []string{f.person}, List: worksOfPerson, First: 1})
		if err != nil {
			t.Fatal(err)
		}
		p := pages[0]
		if p.TotalCount != 2 || len(p.Nodes) != 1 || !p.HasNext || p.Nodes[0].ID != f.work1 {
			t.Fatalf("page 1: %+v", p)
		}
		pages, err = works(ctx, s, pageQuery{IDs: []string{f.person}, List: worksOfPerson, First: 1, After: p.Cursors[0]})
		if err != nil {
			t.Fatal(err)
		}
		if p := pages[0]; len(p.Nodes) != 1 || p.HasNext || p.Nodes[0].ID != f.work2 {
			t.Fatalf("page 2: %+v", p)
		}
		same, err := works(ctx, s, pageQuery{IDs: []string{f.work1}, List: sameJournalWorks, First: 10})
		if err != nil || same[0].TotalCount != 1 || same[0].Nodes[0].ID != f.work2 {
			t.Fatalf("same journal: %+v %v", same, err)
		}
	})
	t.Run("search finds a work by a word of its title", func(t *testing.T) {
		p, err := search(ctx, s, graph.SearchQuery{Text: "zyxwvut " + f.run, First: 5})
		if err != nil {
			t.Fatal(err)
		}
		if p.TotalCount != 1 || p.Nodes[0].ID != f.work1 {
			t.Fatalf("got %+v", p)
		}
		if _, err := search(ctx, s, graph.SearchQuery{Text: `"(*`, First: 5}); graph.ErrorCode(err) != graph.EInvalid {
			t.Fatalf("query without words: %v", err)
		}
	})
	t.Run("relations at depth 1 and 2", func(t *testing.T) {
		sg, err := s.Relations(ctx, graph.RelationsQuery{ID: f.org, Depth: 1, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		if len(sg.Nodes) != 2 || len(sg.Edges) != 1 || sg.Truncated {
			t.Fatalf("depth 1: %d nodes %d edges", len(sg.Nodes), len(sg.Edges))
		}
		sg, err = s.Relations(ctx, graph.RelationsQuery{ID: f.org, Depth: 2, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		// org, work1, then person, journal, work2 (cited); edges: studies, authored x2, published x2, cites
		if len(sg.Nodes) != 5 || len(sg.Edges) != 6 {
			t.Fatalf("depth 2: %d nodes %d edges", len(sg.Nodes), len(sg.Edges))
		}
		sg, err = s.Relations(ctx, graph.RelationsQuery{ID: f.org, Depth: 2, Limit: 3})
		if err != nil || len(sg.Nodes) != 3 || !sg.Truncated {
			t.Fatalf("limit 3: %v nodes truncated=%v err=%v", len(sg.Nodes), sg.Truncated, err)
		}
		if _, err := s.Relations(ctx, graph.RelationsQuery{ID: "w-none", Depth: 1, Limit: 3}); graph.ErrorCode(err) != graph.ENotFound {
			t.Fatalf("unknown id: %v", err)
		}
	})
	t.Run("every relationship carries provenance", func(t *testing.T) {
		recs, err := s.CountMissingProvenance(ctx)
		if err != nil || recs != 0 {
			t.Fatalf("%d relationships without provenance (%v)", recs, err)
		}
	})
}

func TestRecordsMeetOnAnyIdentifier(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	f := newFixture()
	oa := "W9" + fmt.Sprint(rand.Uint32())
	doi := "10.9999/meet-" + f.run
	// A cited work first arrives as a stub keyed by its OpenAlex id...
	stub := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: oa}, Stub: true,
		Props: map[string]any{"title": oa}, Prov: graph.Provenance{Source: "openalex"}}
	// ...then its full record keyed by DOI, carrying the same OpenAlex id.
	full := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: doi},
		Props: map[string]any{"title": "Met " + f.run, "openalex": oa}, Prov: graph.Provenance{Source: "crossref"}}
	if _, err := s.UpsertNodes(ctx, []graph.NodeInput{stub}); err != nil {
		t.Fatal(err)
	}
	st, err := s.UpsertNodes(ctx, []graph.NodeInput{full})
	if err != nil {
		t.Fatal(err)
	}
	if st.Created != 0 || st.Updated != 1 {
		t.Errorf("full record: %+v; want it to update the stub", st)
	}
	a, _ := lookup(ctx, s, graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: oa})
	b, _ := lookup(ctx, s, graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: doi})
	if a == nil || b == nil || a.ID != b.ID || b.Label != "Met "+f.run || b.Props["stub"] != false {
		t.Fatalf("one entity expected: %+v %+v", a, b)
	}
	if diff := cmp.Diff([]any{"openalex", "crossref"}, b.Props["sources"]); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}
