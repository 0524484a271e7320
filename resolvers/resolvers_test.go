package resolvers_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph/demo"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/resolvers"
	"github.com/relgraph/relgraph/server"
	"github.com/relgraph/relgraph/server/respcache"
)

var (
	setupOnce sync.Once
	api       *client.Client
)

// newClient returns a gqlgen client on the real server handler, over the test Neo4j loaded with the
// demo graph.
func newClient(t *testing.T) *client.Client {
	t.Helper()
	setupOnce.Do(func() {
		log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		store := neo4jtest.Shared(t)
		ctx := context.Background()
		neo4jtest.LoadDemo(t, func() error {
			_, err := demo.Load(ctx, store, neo4jtest.DataDir(t), log)
			return err
		})
		limits := server.DefaultLimits()
		// These tests measure round trips at page sizes beyond the cost limit; the server's tests
		// cover the limits.
		limits.Cost = 1 << 30
		// These tests check answers, not speed: a loaded machine must not time them out.
		limits.Timeout = 2 * time.Minute
		schema, err := resolvers.Schema(store)
		if err != nil {
			t.Fatal(err)
		}
		srv := server.New(server.Options{Store: store, Schema: schema, Cache: respcache.New(64 << 20), Log: log,
			Limits: limits, Introspection: true})
		go srv.Watch(context.Background())
		for i := 0; !srv.Ready(); i++ {
			if i > 100 {
				t.Fatal("server never became ready")
			}
			time.Sleep(100 * time.Millisecond)
		}
		api = client.New(srv.Handler(), client.Path("/graphql"))
	})
	if api == nil {
		t.Fatal("setup failed")
	}
	return api
}

// seedID finds the seed article through search.
func seedID(t *testing.T, c *client.Client) string {
	t.Helper()
	var resp struct {
		Search struct {
			TotalCount int
			Edges      []struct {
				Node struct{ ID, Kind, Label string }
			}
		}
	}
	c.MustPost(`{ search(query: "borderwork", kinds: [WORK]) { totalCount edges { node { id kind label } } } }`, &resp)
	if len(resp.Search.Edges) == 0 {
		t.Fatal(`search "borderwork" found nothing`)
	}
	n := resp.Search.Edges[0].Node
	if n.Label != "Developmental borderwork and the International Organization for Migration" || n.Kind != "WORK" {
		t.Fatalf("first hit for borderwork: %+v", n)
	}
	return n.ID
}

func TestSeedArticle(t *testing.T) {
	c := newClient(t)
	id := seedID(t, c)
	var resp struct {
		Node struct {
			Title       string
			Year        int
			Language    string
			Authors     []struct{ Name string }
			Authorships []struct {
				Position      int
				Corresponding bool
				Provenance    struct{ Source string }
			}
			Journal struct {
				Title string
				Issns []string
			}
			Publication   struct{ Volume, Issue, Pages string }
			Dates         struct{ Submitted, Accepted, Online, Published string }
			Organisations []struct {
				Name     string
				Acronyms []string
			}
			Countries []struct{ Name, Iso2 string }
			Topics    []struct{ Name string }
		}
	}
	c.MustPost(`query($id: ID!) { node(id: $id) { ... on Work {
		title year language
		authors { name }
		authorships { position corresponding provenance { source } }
		journal { title issns }
		publication { volume issue pages }
		dates { submitted accepted online published }
		organisations { name acronyms }
		countries { name iso2 }
		topics { name }
	} } }`, &resp, client.Var("id", id))
	w := resp.Node
	if diff := cmp.Diff([]struct{ Name string }{{"Philippe M. Frowd"}}, w.Authors); diff != "" {
		t.Errorf("authors (-want +got):\n%s", diff)
	}
	if len(w.Authorships) != 1 || !w.Authorships[0].Corresponding || w.Authorships[0].Provenance.Source != "seed" {
		t.Errorf("authorships: %+v", w.Authorships)
	}
	if w.Journal.Title != "Journal of Ethnic and Migration Studies" || w.Publication != (struct{ Volume, Issue, Pages string }{"44", "10", "1656-1672"}) {
		t.Errorf("journal %+v publication %+v", w.Journal, w.Publication)
	}
	if w.Dates.Submitted != "2016-04-10" || w.Dates.Published != "2018-07-27" || w.Year != 2018 {
		t.Errorf("dates %+v year %d", w.Dates, w.Year)
	}
	if len(w.Organisations) != 1 || w.Organisations[0].Name != "International Organization for Migration" {
		t.Errorf("organisations: %+v", w.Organisations)
	}
	var codes []string
	for _, c := range w.Countries {
		codes = append(codes, c.Name+" "+c.Iso2)
	}
	sort.Strings(codes)
	if diff := cmp.Diff([]string{"Mauritania MR", "South Sudan SS"}, codes); diff != "" {
		t.Errorf("countries (-want +got):\n%s", diff)
	}
	if len(w.Topics) != 7 {
		t.Errorf("topics: %+v", w.Topics)
	}
}

type subgraph struct {
	Relations struct {
		Nodes []struct{ ID, Kind, Label string }
		Edges []struct {
			Source, Target, Type string
			Provenance           *struct{ Source, AddedAt string }
		}
		Truncated bool
	}
}

func labels(sg subgraph) map[string]bool {
	m := map[string]bool{}
	for _, n := range sg.Relations.Nodes {
		m[n.Label] = true
	}
	return m
}

func TestRelations(t *testing.T) {
	c := newClient(t)
	id := seedID(t, c)
	q := `query($id: ID!, $d: Int) { relations(id: $id, depth: $d) { nodes { id kind label } edges { source target type provenance { source addedAt } } truncated } }`

	var d1 subgraph
	raw := mustRaw(t, c, q, map[string]any{"id": id, "d": 1}, &d1)
	got := labels(d1)
	for _, want := range []string{"Philippe M. Frowd", "Journal of Ethnic and Migration Studies", "International Organization for Migration", "Mauritania", "South Sudan", "Statebuilding"} {
		if !got[want] {
			t.Errorf("depth 1 lacks %q", want)
		}
	}
	// the article, its author, journal, organisation, two countries and seven concepts
	if len(d1.Relations.Nodes) != 13 || len(d1.Relations.Edges) != 12 {
		t.Errorf("depth 1: %d nodes, %d edges; want 13 and 12", len(d1.Relations.Nodes), len(d1.Relations.Edges))
	}
	for _, e := range d1.Relations.Edges {
		if e.Provenance == nil || e.Provenance.Source == "" || e.Provenance.AddedAt == "" {
			t.Errorf("edge %+v has no provenance", e)
		}
	}
	if raw != 1 {
		t.Errorf("relations(depth: 1) cost %d Cypher round trips, want 1", raw)
	}

	var d2 subgraph
	raw = mustRaw(t, c, q, map[string]any{"id": id, "d": 2}, &d2)
	got = labels(d2)
	for _, want := range []string{
		"The International Organization for Migration and the international government of borders",
		"Migration management for the benefit of whom? Interrogating the work of the International Organization for Migration",
		"Algeria", "Mali", "Senegal", "Western Sahara", // Mauritania's neighbours
		"Ethiopia", "Kenya", "Uganda", // South Sudan's
	} {
		if !got[want] {
			t.Errorf("depth 2 lacks %q", want)
		}
	}
	if raw != 1 {
		t.Errorf("relations(depth: 2) cost %d Cypher round trips, want 1", raw)
	}
}

// mustRaw posts a query, decodes data into out, and returns the Cypher round trips reported.
func mustRaw(t *testing.T, c *client.Client, q string, vars map[string]any, out any) int {
	t.Helper()
	var opts []client.Option
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Errors != nil {
		t.Fatalf("errors: %s", resp.Errors)
	}
	b, _ := json.Marshal(resp.Data)
	if err := json.Unmarshal(b, out); err != nil {
		t.Fatal(err)
	}
	n, _ := resp.Extensions["cypherRoundTrips"].(float64)
	return int(n)
}

func TestRoundTripsDoNotGrowWithPageSize(t *testing.T) {
	c := newClient(t)
	// Three nested connections (search → works → sameJournalWorks) with lists in between: six fields
	// that touch the database, so at most six round trips whatever the page sizes.
	q := `query($n: Int) { search(query: "International Organization for Migration", kinds: [WORK], first: $n) { edges { node { id ... on Work {
		authors { name works(first: $n) { totalCount edges { node { title journal { title }
			sameJournalWorks(first: $n) { totalCount edges { node { title countries { name } } } } } } } }
	} } } } }`
	var small, large map[string]any
	a := mustRaw(t, c, q, map[string]any{"n": 2}, &small)
	b := mustRaw(t, c, q, map[string]any{"n": 50}, &large)
	t.Logf("nested query with three connections: %d round trips at page size 2, %d at 50", a, b)
	if a > 6 || b > 6 {
		t.Errorf("round trips: %d at page size 2, %d at page size 50; want at most 6", a, b)
	}
}

func TestErrors(t *testing.T) {
	c := newClient(t)
	for _, tc := range []struct{ name, query, code string }{
		{"a malformed DOI is invalid", `{ work(doi: "not a doi") { id } }`, "INVALID"},
		{"a bad ORCID check digit is invalid", `{ person(orcid: "0000-0002-1825-0098") { id } }`, "INVALID"},
		{"an unknown id has no relations", `{ relations(id: "w-0000000000000000") { truncated } }`, "NOT_FOUND"},
		{"depth beyond 3 is invalid", `{ relations(id: "c-mr", depth: 9) { truncated } }`, "INVALID"},
		{"a page over 100 is invalid", `{ search(query: "migration", first: 1000) { totalCount } }`, "INVALID"},
		{"a bad cursor is invalid", `{ search(query: "migration", after: "zzz") { totalCount } }`, "INVALID"},
		{"an unknown field fails validation", `{ nope }`, "GRAPHQL_VALIDATION_FAILED"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := c.RawPost(tc.query)
			if err != nil {
				// gqlgen answers validation errors with HTTP 422, which the client reports as an error.
				if !strings.Contains(err.Error(), `"code":"`+tc.code+`"`) {
					t.Fatalf("got %v, want code %s", err, tc.code)
				}
				return
			}
			var errs []struct {
				Message    string
				Extensions struct{ Code string }
			}
			if err := json.Unmarshal(resp.Errors, &errs); err != nil || len(errs) == 0 {
				t.Fatalf("no errors: %s", resp.Errors)
			}
			if errs[0].Extensions.Code != tc.code {
				t.Errorf("code %q (%s), want %q", errs[0].Extensions.Code, errs[0].Message, tc.code)
			}
		})
	}
	t.Run("lookups by identifier answer null when nothing has it", func(t *testing.T) {
		var resp struct{ Work *struct{ ID string } }
		c.MustPost(`{ work(doi: "https://doi.org/10.9999/NOTHING") { id } }`, &resp)
		if resp.Work != nil {
			t.Errorf("got %+v", resp.Work)
		}
	})
	t.Run("lookups by identifier accept common forms", func(t *testing.T) {
		var resp struct {
			Work    struct{ Title string }
			Journal struct{ Title string }
			Country struct{ Name string }
		}
		c.MustPost(`{ work(doi: "https://doi.org/10.1068/D1509") { title } journal(issn: "1469-9451") { title } country(code: "mrt") { name } }`, &resp)
		if resp.Work.Title == "" || resp.Journal.Title != "Journal of Ethnic and Migration Studies" || resp.Country.Name != "Mauritania" {
			t.Errorf("got %+v", resp)
		}
	})
}

func TestPathsAndExpansion(t *testing.T) {
	c := newClient(t)
	id := seedID(t, c)
	var other struct{ Work struct{ ID string } }
	c.MustPost(`{ work(doi: "10.1080/13621025.2011.534914") { id } }`, &other)

	var resp struct {
		Paths []struct {
			Length int
			Nodes  []struct{ Label string }
			Edges  []struct{ Type string }
		}
	}
	c.MustPost(`query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4, first: 3) { length nodes { label } edges { type } } }`,
		&resp, client.Var("a", id), client.Var("b", other.Work.ID))
	if len(resp.Paths) == 0 {
		t.Fatal("no path from the seed article to the other IOM article")
	}
	p := resp.Paths[0]
	if p.Length != 2 || p.Nodes[1].Label != "International Organization for Migration" || p.Edges[0].Type != "STUDIES" || p.Edges[1].Type != "STUDIES" {
		t.Errorf("shortest path: %+v", p)
	}

	var counts struct {
		RelationCounts []struct {
			Type, Direction string
			Count           int
		}
	}
	c.MustPost(`query($id: ID!) { relationCounts(id: $id) { type direction count } }`, &counts, client.Var("id", id))
	want := map[string]int{"AUTHORED IN": 1, "CASE_COUNTRY OUT": 2, "HAS_TOPIC OUT": 7, "PUBLISHED_IN OUT": 1, "STUDIES OUT": 1}
	got := map[string]int{}
	for _, rc := range counts.RelationCounts {
		got[rc.Type+" "+rc.Direction] = rc.Count
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("relation counts (-want +got):\n%s", diff)
	}

	type page struct {
		Neighbours struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct {
				Node         struct{ Label string }
				Relationship struct{ Type string }
			}
		}
	}
	q := `query($id: ID!, $after: String) { neighbours(id: $id, type: "HAS_TOPIC", first: 5, after: $after) {
		totalCount pageInfo { hasNextPage endCursor } edges { node { label } relationship { type } } } }`
	var p1, p2 page
	c.MustPost(q, &p1, client.Var("id", id), client.Var("after", nil))
	if p1.Neighbours.TotalCount != 7 || len(p1.Neighbours.Edges) != 5 || !p1.Neighbours.PageInfo.HasNextPage {
		t.Fatalf("first page: %+v", p1.Neighbours)
	}
	c.MustPost(q, &p2, client.Var("id", id), client.Var("after", p1.Neighbours.PageInfo.EndCursor))
	if len(p2.Neighbours.Edges) != 2 || p2.Neighbours.PageInfo.HasNextPage {
		t.Fatalf("second page: %+v", p2.Neighbours)
	}
	if p2.Neighbours.Edges[0].Node.Label <= p1.Neighbours.Edges[4].Node.Label {
		t.Errorf("pages overlap or are out of order: %q then %q", p1.Neighbours.Edges[4].Node.Label, p2.Neighbours.Edges[0].Node.Label)
	}
}
