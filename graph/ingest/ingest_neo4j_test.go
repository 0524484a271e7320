package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	neo4jdriver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/countries"
	"github.com/relgraph/relgraph/graph/ingest/crossref"
	"github.com/relgraph/relgraph/graph/ingest/csvlinks"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
	"github.com/relgraph/relgraph/graph/ingest/ror"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// These tests import the real files into the real Neo4j the project starts (see neo4jtest), and
// fail when it cannot be reached. Other tests share that database, so nothing is wiped: each test
// checks the entities and relationships its own import wrote, found by their keys.

// recorder passes writes on to a graph.Writer and remembers the inputs.
type recorder struct {
	graph.Writer
	mu    sync.Mutex
	nodes []graph.NodeInput
	edges []graph.EdgeInput
}

func (r *recorder) UpsertNodes(ctx context.Context, ns []graph.NodeInput) (graph.WriteStats, error) {
	r.mu.Lock()
	r.nodes = append(r.nodes, ns...)
	r.mu.Unlock()
	return r.Writer.UpsertNodes(ctx, ns)
}

func (r *recorder) UpsertEdges(ctx context.Context, es []graph.EdgeInput) (graph.WriteStats, error) {
	r.mu.Lock()
	r.edges = append(r.edges, es...)
	r.mu.Unlock()
	return r.Writer.UpsertEdges(ctx, es)
}

// db runs counting queries against the test database.
type db struct {
	t      *testing.T
	driver neo4jdriver.DriverWithContext
	name   string
}

func openDB(t *testing.T) *db {
	cfg := neo4jtest.Config(t)
	d, err := neo4jdriver.NewDriverWithContext(cfg.URI, neo4jdriver.BasicAuth(cfg.User, cfg.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close(context.Background()) })
	return &db{t: t, driver: d, name: cfg.Database}
}

func (d *db) count(cypher string, params map[string]any) int {
	d.t.Helper()
	res, err := neo4jdriver.ExecuteQuery(context.Background(), d.driver, cypher, params,
		neo4jdriver.EagerResultTransformer, neo4jdriver.ExecuteQueryWithDatabase(d.name))
	if err != nil {
		d.t.Fatalf("%s: %v", cypher, err)
	}
	n, _ := res.Records[0].Values[0].(int64)
	return int(n)
}

// counts are the numbers of distinct full nodes per kind and relationships per type that an
// import handed to the store.
type counts map[string]int

// written returns, for the inputs of an import, how many distinct full nodes of each kind and
// relationships of each type it wrote, and how many of those the database holds. Nodes are found
// by their key, relationships by the keys of their ends; each must carry the import's source.
func written(d *db, r *recorder, source string) (want, got counts) {
	d.t.Helper()
	want, got = counts{}, counts{}
	type group struct {
		label, prop string
		keys        map[string]bool
	}
	nodes := map[string]*group{}
	for _, n := range r.nodes {
		if n.Stub {
			continue
		}
		k := string(n.Key.Kind) + "/" + n.Key.Scheme
		g := nodes[k]
		if g == nil {
			g = &group{label: n.Key.Kind.Label(), prop: n.Key.Scheme, keys: map[string]bool{}}
			nodes[k] = g
		}
		g.keys[n.Key.Value] = true
	}
	for k, g := range nodes {
		var keys []string
		for v := range g.keys {
			keys = append(keys, v)
		}
		kind := k[:len(k)-len(g.prop)-1]
		want[kind] += len(keys)
		got[kind] += d.count(fmt.Sprintf(`UNWIND $keys AS k MATCH (n:%s {%s: k}) WHERE n.stub = false AND $source IN n.sources
RETURN count(DISTINCT n)`, g.label, g.prop), map[string]any{"keys": keys, "source": source})
	}
	type egroup struct {
		cypher string
		pairs  map[[2]string]bool
	}
	edges := map[string]*egroup{}
	for _, e := range r.edges {
		k := fmt.Sprintf("%s/%s/%s/%s/%s", e.Type, e.From.Kind, e.From.Scheme, e.To.Kind, e.To.Scheme)
		g := edges[k]
		if g == nil {
			arrow := "->"
			if e.Type == graph.Borders {
				arrow = "-"
			}
			g = &egroup{pairs: map[[2]string]bool{}, cypher: fmt.Sprintf(`UNWIND $pairs AS p
MATCH (a:%s {%s: p[0]})-[r:%s]%s(b:%s {%s: p[1]}) WHERE $source IN r.sources RETURN count(DISTINCT r)`,
				e.From.Kind.Label(), e.From.Scheme, e.Type, arrow, e.To.Kind.Label(), e.To.Scheme)}
			edges[k] = g
		}
		g.pairs[[2]string{e.From.Value, e.To.Value}] = true
	}
	for k, g := range edges {
		var pairs [][]string
		for p := range g.pairs {
			pairs = append(pairs, []string{p[0], p[1]})
		}
		typ := k[:strings.IndexByte(k, '/')]
		want[typ] += len(pairs)
		got[typ] += d.count(g.cypher, map[string]any{"pairs": pairs, "source": source})
	}
	return want, got
}

func TestImportIntoNeo4j(t *testing.T) {
	store := neo4jtest.Store(t)
	d := openDB(t)
	ctx := context.Background()

	tests := []struct {
		name   string
		imp    ingesttest.ImportFunc
		source string
		exts   []string
		paths  []string
		read   int
		// want holds the numbers of full nodes and relationships the import must have written,
		// as the unit tests count them in the files.
		want counts
	}{
		{"countries (mledoze)", countries.Import, countries.SourceMledoze, ingest.JSONExts,
			[]string{"countries-mledoze/countries.json"}, 250, counts{"COUNTRY": 250, "BORDERS": 324}},
		{"countries (lukes)", countries.Import, countries.SourceLukes, ingest.JSONExts,
			[]string{"countries-iso3166-lukes/all.json"}, 249, counts{"COUNTRY": 249}},
		{"ROR release v2.9", ror.Import, ror.Source, ingest.JSONExts,
			[]string{"ror/release_v2.9"}, 2431, counts{"ORGANISATION": 2431, "LOCATED_IN": 2432, "PART_OF": 4208}},
		{"ROR mixed v1 and v2", ror.Import, ror.Source, ingest.JSONExts,
			[]string{"ror/migration_related"}, 58, counts{"ORGANISATION": 58, "LOCATED_IN": 58, "PART_OF": 1710}},
		{"ROR v2 dump", ror.Import, ror.Source, ingest.JSONExts,
			[]string{"ror/ror-v2-latest.jsonl.gz"}, 35990, counts{"ORGANISATION": 35990, "LOCATED_IN": 36008, "PART_OF": 19949}},
		{"OpenAlex works", openalex.Import, openalex.Source, ingest.JSONExts,
			[]string{"openalex-works-openalexPro"}, 221, counts{
				"WORK": 220, "PERSON": 502, "ORGANISATION": 176, "JOURNAL": 118, "TOPIC": 1116,
				"CITES": 3130, "AUTHORED": 568, "AFFILIATED_WITH": 361, "LOCATED_IN": 175, "PUBLISHED_IN": 191,
				"HAS_TOPIC": 3730, "FUNDED_BY": 4,
			}},
		{"OpenAlex entities", openalex.Import, openalex.Source, ingest.JSONExts,
			[]string{"openalex-entity-fixtures"}, 10, nil},
		{"Crossref fixture", crossref.Import, crossref.Source, ingest.JSONExts,
			[]string{"graph/ingest/crossref/testdata"}, 5, counts{
				"WORK": 3, "PERSON": 6, "JOURNAL": 2, "ORGANISATION": 3,
				"AUTHORED": 6, "PUBLISHED_IN": 2, "CITES": 3, "FUNDED_BY": 3,
			}},
		{"CSV links", csvlinks.Import, csvlinks.Source, csvlinks.Exts,
			[]string{"graph/ingest/csvlinks/testdata"}, 14, nil},
	}
	root := neo4jtest.Root(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var paths []string
			for _, p := range tt.paths {
				if strings.HasPrefix(p, "graph/") {
					paths = append(paths, root+"/"+p)
				} else {
					paths = append(paths, ingesttest.Data(t, p))
				}
			}
			rec := &recorder{Writer: store}
			opt := ingest.Options{Run: "test-" + time.Now().UTC().Format("20060102T150405")}
			start := time.Now()
			first, err := tt.imp(ctx, rec, ingesttest.Sources(t, tt.exts, paths...), opt)
			if err != nil {
				t.Fatalf("first import: %v (%v)", err, first)
			}
			t.Logf("first import: %v in %v", first, time.Since(start).Round(time.Millisecond))
			if first.Read != tt.read {
				t.Errorf("read %d records, want %d", first.Read, tt.read)
			}
			want, got := written(d, rec, tt.source)
			if tt.want != nil {
				for k, n := range tt.want {
					if want[k] != n {
						t.Errorf("the import wrote %d distinct %s, want %d", want[k], k, n)
					}
				}
			}
			for k, n := range want {
				if got[k] != n {
					t.Errorf("Neo4j holds %d of the %d %s written", got[k], n, k)
				}
			}

			start = time.Now()
			second, err := tt.imp(ctx, store, ingesttest.Sources(t, tt.exts, paths...), opt)
			if err != nil {
				t.Fatalf("second import: %v", err)
			}
			t.Logf("second import: %v in %v", second, time.Since(start).Round(time.Millisecond))
			if second.Created != 0 || second.Updated != 0 {
				t.Errorf("second import created %d and updated %d, want 0 and 0", second.Created, second.Updated)
			}
		})
	}

	t.Run("the 45 citation links of the snowball sample are present", func(t *testing.T) {
		keys := func(name string) []string {
			b, err := os.ReadFile(ingesttest.Data(t, "openalex-works-openalexPro/snowball/"+name+"_results_page_1.json"))
			if err != nil {
				t.Fatal(err)
			}
			var page struct{ Results []struct{ ID string } }
			if err := json.Unmarshal(b, &page); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range page.Results {
				ids = append(ids, strings.TrimPrefix(r.ID, "https://openalex.org/"))
			}
			return ids
		}
		q := `MATCH (a:Work)-[r:CITES]->(b:Work) WHERE a.openalex IN $from AND b.openalex IN $to RETURN count(r)`
		if n := d.count(q, map[string]any{"from": keys("citing"), "to": keys("keypaper")}); n != 3 {
			t.Errorf("%d citing→key paper links, want 3", n)
		}
		if n := d.count(q, map[string]any{"from": keys("keypaper"), "to": keys("cited")}); n != 42 {
			t.Errorf("%d key paper→cited links, want 42", n)
		}
	})

	t.Run("South Sudan keeps both subregions", func(t *testing.T) {
		n := d.count(`MATCH (c:Country {iso2: 'SS'}) WHERE c.`+"`subregion@mledoze`"+` = 'Middle Africa'
AND c.`+"`subregion@iso3166-lukes`"+` = 'Eastern Africa' RETURN count(c)`, nil)
		if n != 1 {
			t.Error("South Sudan does not hold both sourced subregions")
		}
	})
}
