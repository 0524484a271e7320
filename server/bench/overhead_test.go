package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	store "github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/server"
)

// BenchmarkOverhead measures, one request at a time, what relgraph's server path adds to the
// Cypher of each operation of the mix: the floor (the ideal Cypher through the Go driver) against
// relgraph's handler over loopback HTTP, in this one process, so that the two are compared on the
// same machine at the same moment. It needs the benchmark's Neo4j with its dataset (make bench-api
// -load-only, or a previous make bench-api), started here when it is not running. BENCH_OPS picks
// operations by name, separated by semicolons. Report the p50-ms ratios, relgraph over floor.
func BenchmarkOverhead(b *testing.B) {
	var c Config
	c.BoltPort, c.Heap, c.Cache, c.Root = 7732, "2g", "2g", "../.."
	ncfg, err := c.instance().Start()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	st, err := store.Open(ncfg, log)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close(ctx)
	d, err := neo4j.NewDriverWithContext(ncfg.URI, neo4j.BasicAuth(ncfg.User, ncfg.Password, ""))
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close(ctx)
	ps, err := pickPools(ctx, d, ncfg.Database)
	if err != nil {
		b.Fatal(err)
	}
	srv := server.New(st, nil, log)
	srv.ResponseCacheBytes = 0
	srv.Introspection = false
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	go srv.Watch(wctx)
	for i := 0; !srv.Ready() && i < 600; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	floor := floorTransport{driver: d, db: ncfg.Database}
	var want []string
	if s := os.Getenv("BENCH_OPS"); s != "" {
		want = strings.Split(s, ";")
	}
	for _, o := range operations(ps) {
		if want != nil && !slices.Contains(want, o.name) {
			continue
		}
		bodies := make([][]byte, bodyCycle)
		for i := range bodies {
			bodies[i], _ = json.Marshal(map[string]any{"query": o.relgraph, "variables": o.vars(i)})
		}
		b.Run(o.name, func(b *testing.B) {
			var fl, rg []time.Duration
			for i := 0; i < b.N; i++ {
				t := time.Now()
				if _, err := floor.run(ctx, o, i%bodyCycle); err != nil {
					b.Fatal(err)
				}
				fl = append(fl, time.Since(t))
				t = time.Now()
				resp, err := client.Post(hs.URL+"/graphql", "application/json", bytes.NewReader(bodies[i%bodyCycle]))
				if err != nil {
					b.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || bytes.Contains(body, []byte(`"errors"`)) {
					b.Fatalf("HTTP %d: %.300s", resp.StatusCode, body)
				}
				rg = append(rg, time.Since(t))
			}
			f, r := median(fl), median(rg)
			b.ReportMetric(f, "floor-p50-ms")
			b.ReportMetric(r, "relgraph-p50-ms")
			b.ReportMetric(r/f, "ratio")
		})
	}
}

// median returns the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2]) / 1e6
}
