package resolvers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// readFixture writes a small graph of its own: a journal with five works, two authors, an
// organisation in Mauritania with a parent, citations, countries and a topic.
type readFixture struct {
	w1, w2, p1, org, journal, word string
}

func newReadFixture(t *testing.T) readFixture {
	t.Helper()
	run := fmt.Sprintf("ra%08x", rand.Uint32())
	key := func(k graph.Kind, s string) graph.Ref {
		return graph.Ref{Kind: k, Scheme: graph.SchemeKey, Value: run + "-" + s}
	}
	id := func(r graph.Ref) string { return graph.NewID(r.Kind, r.Scheme, r.Value) }
	prov := graph.Provenance{Source: "test", Record: run}
	j, o, o2, topic := key(graph.Journal, "j"), key(graph.Organisation, "o"), key(graph.Organisation, "o2"), key(graph.Topic, "t")
	p1, p2 := key(graph.Person, "p1"), key(graph.Person, "p2")
	var w [5]graph.Ref
	nodes := []graph.NodeInput{
		{Key: j, Props: map[string]any{"title": "Journal " + run, "issnl": nil, "issns": []string{}}, Prov: prov},
		{Key: o, Props: map[string]any{"name": "Org " + run, "acronyms": []string{"O" + run}}, Prov: prov},
		{Key: o2, Props: map[string]any{"name": "Parent " + run}, Prov: prov},
		{Key: topic, Props: map[string]any{"name": "Topic " + run}, Prov: prov},
		{Key: p1, Props: map[string]any{"name": "Ann " + run}, Prov: prov},
		{Key: p2, Props: map[string]any{"name": "Bob " + run}, Prov: prov},
	}
	years := []any{int64(2020), int64(2019), int64(2019), int64(2015), nil}
	for i := range w {
		w[i] = key(graph.Work, fmt.Sprintf("w%d", i+1))
		nodes = append(nodes, graph.NodeInput{Key: w[i], Prov: prov, Props: map[string]any{
			"title": fmt.Sprintf("Work %d %s", i+1, run), "year": years[i], "type": "article", "publicationDate": "2020-01-02"}})
	}
	mr := graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: "MR"}
	ss := graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: "SS"}
	edges := []graph.EdgeInput{
		{Type: graph.Authored, From: p1, To: w[0], Props: map[string]any{"position": int64(1), "corresponding": true}, Prov: prov},
		{Type: graph.Authored, From: p2, To: w[0], Props: map[string]any{"position": int64(2)}, Prov: prov},
		{Type: graph.Authored, From: p2, To: w[1], Props: map[string]any{"position": int64(1)}, Prov: prov},
		{Type: graph.Authored, From: p1, To: w[1], Props: map[string]any{"position": int64(2)}, Prov: prov},
		{Type: graph.Authored, From: p1, To: w[2], Props: map[string]any{"position": int64(1)}, Prov: prov},
		{Type: graph.AffiliatedWith, From: p1, To: o, Prov: prov},
		{Type: graph.LocatedIn, From: o, To: mr, Prov: prov},
		{Type: graph.PartOf, From: o, To: o2, Prov: prov},
		{Type: graph.Studies, From: w[0], To: o, Prov: prov},
		{Type: graph.CaseCountry, From: w[0], To: mr, Prov: prov},
		{Type: graph.CaseCountry, From: w[0], To: ss, Prov: prov},
		{Type: graph.HasTopic, From: w[0], To: topic, Props: map[string]any{"score": 0.5}, Prov: prov},
		{Type: graph.Cites, From: w[0], To: w[1], Prov: prov},
		{Type: graph.Cites, From: w[0], To: w[2], Prov: prov},
		{Type: graph.Cites, From: w[3], To: w[0], Prov: prov},
		{Type: graph.FundedBy, From: w[0], To: o2, Props: map[string]any{"award": "A1"}, Prov: prov},
	}
	for i := range w {
		e := graph.EdgeInput{Type: graph.PublishedIn, From: w[i], To: j, Prov: prov}
		if i == 0 {
			e.Props = map[string]any{"volume": "7", "pages": "1-2"}
		}
		edges = append(edges, e)
	}
	s := neo4jtest.Shared(t)
	ctx := context.Background()
	if _, err := s.UpsertNodes(ctx, nodes); err != nil {
		t.Fatal(err)
	}
	if st, err := s.UpsertEdges(ctx, edges); err != nil || st.Missing > 0 {
		t.Fatalf("edges: %+v %v", st, err)
	}
	// Retracted links are hidden from every list, both ways of reading them.
	curator := graph.Actor{Name: "test", Role: graph.RoleAdmin, TokenID: "test"}
	for _, l := range []string{graph.LinkID(id(p1), graph.Authored, id(w[2])), graph.LinkID(id(w[0]), graph.Cites, id(w[2]))} {
		if _, err := s.RetractLink(ctx, curator, l, "test", false); err != nil {
			t.Fatalf("retract %s: %v", l, err)
		}
	}
	return readFixture{w1: id(w[0]), w2: id(w[1]), p1: id(p1), org: id(o), journal: id(j), word: run}
}

// everything asks for every field of every kind, with lists nested in lists, aliases and pages.
const everything = `fragment F on Node {
  id kind label __typename
  ... on Work {
    title doi year type language abstract peerReviewed note dates { submitted accepted online published }
    a1: authors { name orcid works(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { title year } } } }
    a2: authors { id }
    authorships { position corresponding person { name affiliations { name } } provenance { source record } }
    journal { title issnl issns works(first: 2, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { title } } } }
    publication { volume issue pages }
    countries { iso2 name borders { iso2 } subregions { value source } }
    organisations { name country { iso2 } parents { name } }
    topics { name } projects { title } funders { name }
    sameAuthorWorks(first: 3) { totalCount edges { cursor node { title authors { name } } } }
    sameJournalWorks { totalCount }
    references { totalCount edges { node { title } } }
    citedBy(first: 1) { pageInfo { hasNextPage } edges { node { title } } }
  }
  ... on Person { name orcid coauthors { name } affiliations { name children { name } } works { totalCount edges { node { title } } } }
  ... on Organisation { name ror acronyms aliases types website country { name } people { name } works { totalCount } parents { name } children { name } }
  ... on Country { iso2 iso3 region subregions { value source } borders { iso2 } organisations { name } works(first: 1) { totalCount edges { node { title } } } }
  ... on Journal { title issnl issns publisher works(first: 2, after: $after) { totalCount pageInfo { endCursor } edges { node { title } } } }
  ... on Topic { name works { totalCount } }
}`

// The lists of entities that a query of their own read (relations, paths, the explorer's questions)
// are read in a second round trip for all of them; they answer as the lists read with the root do.
func TestReadAheadAnswersAsTheLoadersDo(t *testing.T) {
	c := newClient(t)
	f := newReadFixture(t)
	const ahead = `query($id: ID!, $after: String) { node(id: $id) { ...F } } ` + everything
	// relations reads its nodes with a query of its own, then their lists in a second round trip.
	const loaders = `query($id: ID!, $after: String) { relations(id: $id, depth: 1, limit: 1) { nodes { ...F } } } ` + everything
	for _, tc := range []struct{ name, id string }{
		{"a work", f.w1}, {"another work", f.w2}, {"a person", f.p1}, {"an organisation", f.org},
		{"a journal", f.journal}, {"a country", "c-mr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var after any
			for page := 0; page < 2; page++ {
				var a struct{ Node map[string]any }
				var l struct {
					Relations struct{ Nodes []map[string]any }
				}
				trips := mustRaw(t, c, ahead, map[string]any{"id": tc.id, "after": after}, &a)
				mustRaw(t, c, loaders, map[string]any{"id": tc.id, "after": after}, &l)
				if a.Node == nil || len(l.Relations.Nodes) != 1 {
					t.Fatalf("read ahead %v, through loaders %v", a.Node, l.Relations.Nodes)
				}
				if diff := cmp.Diff(l.Relations.Nodes[0], a.Node); diff != "" {
					t.Errorf("page %d: read ahead differs from the loaders (-loaders +ahead):\n%s", page, diff)
				}
				if trips != 1 {
					t.Errorf("page %d: read ahead cost %d round trips, want 1", page, trips)
				}
				if testing.Verbose() {
					b, _ := json.Marshal(a.Node)
					t.Logf("page %d: %s", page, b)
				}
				after = endCursor(a.Node)
				if after == nil {
					break
				}
			}
		})
	}
	t.Run("lookups by identifier and search read ahead too", func(t *testing.T) {
		var byID, bySearch struct {
			Node   map[string]any
			Search struct {
				Edges []struct{ Node map[string]any }
			}
		}
		mustRaw(t, c, `query($id: ID!, $after: String) { node(id: $id) { ...F } } `+everything, map[string]any{"id": f.w1, "after": nil}, &byID)
		trips := mustRaw(t, c, `query($q: String!, $after: String) { search(query: $q, kinds: [WORK], first: 1) { edges { node { ...F } } } } `+everything,
			map[string]any{"q": "work 1 " + f.word, "after": nil}, &bySearch)
		if len(bySearch.Search.Edges) != 1 {
			t.Fatalf("search found %d", len(bySearch.Search.Edges))
		}
		if diff := cmp.Diff(byID.Node, bySearch.Search.Edges[0].Node); diff != "" {
			t.Errorf("search differs from node (-node +search):\n%s", diff)
		}
		if trips != 1 {
			t.Errorf("search cost %d round trips, want 1", trips)
		}
	})
	t.Run("authors come in author order", func(t *testing.T) {
		var resp struct {
			Node struct{ Authors []struct{ Name string } }
		}
		mustRaw(t, c, `query($id: ID!) { node(id: $id) { ... on Work { authors { name works { totalCount } } } } }`, map[string]any{"id": f.w2}, &resp)
		want := []struct{ Name string }{{"Bob " + f.word}, {"Ann " + f.word}}
		if diff := cmp.Diff(want, resp.Node.Authors); diff != "" {
			t.Errorf("authors (-want +got):\n%s", diff)
		}
	})
	t.Run("bad page arguments are reported at their field", func(t *testing.T) {
		resp, err := c.RawPost(`query($id: ID!) { node(id: $id) { id ... on Work { references(first: 500) { totalCount } } } }`, client.Var("id", f.w1))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Errors == nil || !strings.Contains(string(resp.Errors), `"INVALID"`) || !strings.Contains(string(resp.Errors), `"references"`) {
			t.Errorf("errors %s", resp.Errors)
		}
	})
}

// endCursor finds the cursor of the journal's works page, to ask for the next page.
func endCursor(n map[string]any) any {
	conn, _ := n["works"].(map[string]any)
	if j, ok := n["journal"].(map[string]any); ok {
		conn, _ = j["works"].(map[string]any)
	}
	pi, _ := conn["pageInfo"].(map[string]any)
	if pi == nil || pi["endCursor"] == nil {
		return nil
	}
	return pi["endCursor"]
}

func TestRelationsReadOnlyWhatIsAsked(t *testing.T) {
	c := newClient(t)
	f := newReadFixture(t)
	type edge struct {
		ID, Source, Target, Type string
		Properties               []struct{ Key, Value string }
	}
	var bare, full struct {
		Relations struct{ Edges []edge }
	}
	mustRaw(t, c, `query($id: ID!) { relations(id: $id, depth: 1) { edges { id source target type } } }`, map[string]any{"id": f.w1}, &bare)
	mustRaw(t, c, `query($id: ID!) { relations(id: $id, depth: 1) { edges { id source target type properties { key value } provenance { source } } } }`, map[string]any{"id": f.w1}, &full)
	if len(bare.Relations.Edges) == 0 || len(bare.Relations.Edges) != len(full.Relations.Edges) {
		t.Fatalf("%d edges without properties, %d with", len(bare.Relations.Edges), len(full.Relations.Edges))
	}
	withProps := 0
	for i, e := range full.Relations.Edges {
		if e.ID == "" || e.ID != bare.Relations.Edges[i].ID || e.Type != bare.Relations.Edges[i].Type ||
			e.Source != bare.Relations.Edges[i].Source || e.Target != bare.Relations.Edges[i].Target {
			t.Errorf("edge %d: %+v without properties, %+v with", i, bare.Relations.Edges[i], e)
		}
		if len(e.Properties) > 0 {
			withProps++
		}
	}
	if withProps == 0 {
		t.Error("no edge has properties when they are asked for")
	}
}
