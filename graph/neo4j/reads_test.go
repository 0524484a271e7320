package neo4j_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// The store reads lists only through the Fetcher. These helpers ask it for one list at a time, in
// the shapes the tests check, so that each test says what it reads in a line.

// reader is what the helpers need of a store.
type reader interface {
	FetchNodes(ctx context.Context, ids []string, sel graph.Select) ([]*graph.Tree, error)
	FetchRef(ctx context.Context, ref graph.Ref, sel graph.Select) (*graph.Tree, error)
	FetchSearch(ctx context.Context, q graph.SearchQuery, count bool, sel graph.Select) (*graph.TreeList, error)
}

var _ reader = (*neo4j.Store)(nil)

// nodes reads entities by id, in order, nil for unknown ones.
func nodes(ctx context.Context, s reader, ids []string) ([]*graph.Node, error) {
	ts, err := s.FetchNodes(ctx, ids, graph.Select{})
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Node, len(ts))
	for i, t := range ts {
		if t != nil {
			out[i] = t.Node
		}
	}
	return out, nil
}

// lookup finds an entity by an identifier; nil when none has it.
func lookup(ctx context.Context, s reader, ref graph.Ref) (*graph.Node, error) {
	t, err := s.FetchRef(ctx, ref, graph.Select{})
	if err != nil || t == nil {
		return nil, err
	}
	return t.Node, nil
}

// neighbourQuery asks for the neighbours of ids over one relationship type and direction.
type neighbourQuery struct {
	IDs  []string
	Type graph.RelType
	Dir  graph.Direction
}

// neighbours reads, per id, the neighbours over one relationship, in position order, with the
// relationships.
func neighbours(ctx context.Context, s reader, q neighbourQuery) ([][]graph.Linked, error) {
	ls := graph.ListSelect{Key: "l", Path: graph.RelPath{{Type: q.Type, Dir: q.Dir}}, Order: graph.ByPosition, Edges: true}
	ts, err := s.FetchNodes(ctx, q.IDs, graph.Select{Props: []string{}, Lists: []graph.ListSelect{ls}})
	if err != nil {
		return nil, err
	}
	out := make([][]graph.Linked, len(ts))
	for i, t := range ts {
		if t == nil {
			continue
		}
		for _, it := range t.Lists["l"].Items {
			out[i] = append(out[i], graph.Linked{Node: it.Node, Edge: it.Edge})
		}
	}
	return out, nil
}

// The lists of works the tests page through, as the schema declares them.
var (
	worksOfPerson    = graph.RelPath{{Type: graph.Authored, Dir: graph.Out}}
	sameJournalWorks = graph.RelPath{{Type: graph.PublishedIn, Dir: graph.Out}, {Type: graph.PublishedIn, Dir: graph.In}}
	sameAuthorWorks  = graph.RelPath{{Type: graph.Authored, Dir: graph.In}, {Type: graph.Authored, Dir: graph.Out}}
)

// pageQuery asks for one page of a list of works per id.
type pageQuery struct {
	IDs   []string
	List  graph.RelPath
	First int
	After string
}

// page is one page of entities.
type page struct {
	Nodes      []*graph.Node
	Cursors    []string
	HasNext    bool
	TotalCount int
}

// works reads one page of a list of works, newest first, per id.
func works(ctx context.Context, s reader, q pageQuery) ([]page, error) {
	ls := graph.ListSelect{Key: "p", Path: q.List, Order: graph.Newest,
		Page: &graph.PageSelect{First: q.First, After: q.After, Count: true, Items: true}}
	ts, err := s.FetchNodes(ctx, q.IDs, graph.Select{Props: []string{}, Lists: []graph.ListSelect{ls}})
	if err != nil {
		return nil, err
	}
	out := make([]page, len(ts))
	for i, t := range ts {
		if t == nil {
			continue
		}
		out[i] = treePage(t.Lists["p"])
	}
	return out, nil
}

// search reads a page of search hits with their total.
func search(ctx context.Context, s reader, q graph.SearchQuery) (page, error) {
	l, err := s.FetchSearch(ctx, q, true, graph.Select{})
	if err != nil {
		return page{}, err
	}
	return treePage(l), nil
}

func treePage(l *graph.TreeList) page {
	p := page{Cursors: l.Cursors, HasNext: l.HasNext, TotalCount: l.TotalCount}
	for _, it := range l.Items {
		p.Nodes = append(p.Nodes, it.Node)
	}
	return p
}

// A list follows its path: a path that may reach several kinds keeps only the one the list wants,
// and the newest come first.
func TestListsFollowTheirPath(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	run := fmt.Sprintf("t%08x", rand.Uint32())
	key := func(k graph.Kind, v string) graph.Ref {
		return graph.Ref{Kind: k, Scheme: graph.SchemeKey, Value: run + "-" + v}
	}
	id := func(r graph.Ref) string { return graph.NewID(r.Kind, graph.SchemeKey, r.Value) }
	prov := graph.Provenance{Source: "test", Record: run}
	funder, old, recent, project, person := key(graph.Organisation, "f"), key(graph.Work, "old"), key(graph.Work, "new"),
		key(graph.Project, "p"), key(graph.Person, "a")
	if _, err := s.UpsertNodes(ctx, []graph.NodeInput{
		{Key: funder, Props: map[string]any{"name": "Funder " + run}, Prov: prov},
		{Key: old, Props: map[string]any{"title": "Old " + run, "year": int64(2001)}, Prov: prov},
		{Key: recent, Props: map[string]any{"title": "New " + run, "year": int64(2021)}, Prov: prov},
		{Key: project, Props: map[string]any{"title": "Project " + run}, Prov: prov},
		{Key: person, Props: map[string]any{"name": "Person " + run}, Prov: prov},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertEdges(ctx, []graph.EdgeInput{
		{Type: graph.FundedBy, From: old, To: funder, Prov: prov},
		{Type: graph.FundedBy, From: recent, To: funder, Prov: prov},
		{Type: graph.FundedBy, From: project, To: funder, Prov: prov},
		{Type: graph.ParticipatesIn, From: person, To: project, Prov: prov},
	}); err != nil {
		t.Fatal(err)
	}
	funded, err := graph.ParseRelPath(graph.Organisation, "<-FUNDED_BY-")
	if err != nil {
		t.Fatal(err)
	}
	read := func(from graph.Ref, ls graph.ListSelect) []string {
		t.Helper()
		ls.Key = "l"
		ts, err := s.FetchNodes(ctx, []string{id(from)}, graph.Select{Props: []string{}, Lists: []graph.ListSelect{ls}})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, it := range ts[0].Lists["l"].Items {
			got = append(got, it.Node.Label)
		}
		return got
	}
	t.Run("works funded, newest first, without the project", func(t *testing.T) {
		got := read(funder, graph.ListSelect{Path: funded, Target: graph.Work, Order: graph.Newest,
			Page: &graph.PageSelect{First: 10, Items: true}})
		if diff := cmp.Diff([]string{"New " + run, "Old " + run}, got); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("everything funded", func(t *testing.T) {
		got := read(funder, graph.ListSelect{Path: funded, Order: graph.ByPosition})
		if len(got) != 3 {
			t.Errorf("got %v, want the two works and the project", got)
		}
	})
	t.Run("the projects a person takes part in", func(t *testing.T) {
		got := read(person, graph.ListSelect{Path: graph.RelPath{{Type: graph.ParticipatesIn, Dir: graph.Out}}, Order: graph.ByPosition})
		if diff := cmp.Diff([]string{"Project " + run}, got); diff != "" {
			t.Error(diff)
		}
	})
	t.Run("a path of one relationship is needed for the position order", func(t *testing.T) {
		_, err := s.FetchNodes(ctx, []string{id(funder)}, graph.Select{Lists: []graph.ListSelect{{Key: "l",
			Path: graph.RelPath{{Type: graph.FundedBy, Dir: graph.In}, {Type: graph.ParticipatesIn, Dir: graph.In}}, Order: graph.ByPosition}}})
		if graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("got %v, want INVALID", err)
		}
	})
}
