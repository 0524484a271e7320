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
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	store "github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/resolvers"
	"github.com/relgraph/relgraph/server"
)

// BenchmarkOverhead measures, one request at a time, what relgraph's server path adds to the
// Cypher of each operation of the mix: the floor (the ideal Cypher through the Go driver) against
// relgraph's handler over loopback HTTP, in this one process, so that the two are compared on the
// same machine at the same moment. It needs the benchmark's Neo4j with its dataset (make bench-api
// -load-only, or a previous make bench-api), started here when it is not running. BENCH_OPS picks
// operations by name, separated by semicolons. Report the p50-ms ratios, relgraph over floor.
func BenchmarkOverhead(b *testing.B) {
	e := newBenchEnv(b)
	for _, o := range e.ops {
		bodies := e.bodies(o)
		b.Run(o.name, func(b *testing.B) {
			var fl, rg []time.Duration
			for i := 0; i < b.N; i++ {
				t := time.Now()
				if _, err := e.floor.run(e.ctx, o, i%bodyCycle); err != nil {
					b.Fatal(err)
				}
				fl = append(fl, time.Since(t))
				t = time.Now()
				e.post(b, bodies[i%bodyCycle])
				rg = append(rg, time.Since(t))
			}
			f, r := median(fl), median(rg)
			b.ReportMetric(f, "floor-p50-ms")
			b.ReportMetric(r, "relgraph-p50-ms")
			b.ReportMetric(r/f, "ratio")
		})
	}
}

// BenchmarkServerCPU measures the CPU time and the allocations of this process per request of each
// operation, one request at a time: for relgraph, its handler and the HTTP client that asks it; for
// the floor, the Go driver reading the ideal Cypher's answer. BenchmarkOverhead's latencies also
// hold the database's time; these figures vary far less with the machine's load, so compare builds
// by them (cpu-ratio, relgraph over floor, in the same run). Like BenchmarkOverhead, it needs the
// benchmark's Neo4j with its dataset and reads BENCH_OPS.
func BenchmarkServerCPU(b *testing.B) {
	e := newBenchEnv(b)
	for _, o := range e.ops {
		bodies := e.bodies(o)
		b.Run(o.name, func(b *testing.B) {
			for i := range bodyCycle {
				e.post(b, bodies[i])
			}
			// The floor first, the same inputs, in the same run: its CPU is the driver's, reading
			// the same answer without GraphQL or HTTP.
			fcpu, fallocs := perRequest(b.N, func(i int) {
				if _, err := e.floor.run(e.ctx, o, i%bodyCycle); err != nil {
					b.Fatal(err)
				}
			})
			b.ResetTimer()
			rcpu, rallocs := perRequest(b.N, func(i int) { e.post(b, bodies[i%bodyCycle]) })
			b.StopTimer()
			b.ReportMetric(fcpu, "floor-cpu-ms/req")
			b.ReportMetric(rcpu, "relgraph-cpu-ms/req")
			b.ReportMetric(rcpu/fcpu, "cpu-ratio")
			b.ReportMetric(fallocs, "floor-allocs/req")
			b.ReportMetric(rallocs, "relgraph-allocs/req")
		})
	}
}

// perRequest runs f(0) to f(n-1) and returns the CPU milliseconds and the allocations per call.
func perRequest(n int, f func(i int)) (cpuMS, allocs float64) {
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	c0 := cpuTime()
	for i := 0; i < n; i++ {
		f(i)
	}
	c1 := cpuTime()
	runtime.ReadMemStats(&m1)
	return float64(c1-c0) / 1e6 / float64(n), float64(m1.Mallocs-m0.Mallocs) / float64(n)
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchEnv is relgraph's handler, over loopback HTTP in this process, and the floor, on the
// benchmark's Neo4j (started when it is not running), with the operations BENCH_OPS picks (names
// separated by semicolons; all when unset).
type benchEnv struct {
	ctx    context.Context
	ops    []op
	url    string
	client *http.Client
	floor  floorTransport
}

func newBenchEnv(b *testing.B) *benchEnv {
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
	b.Cleanup(func() { st.Close(ctx) })
	d, err := neo4j.NewDriverWithContext(ncfg.URI, neo4j.BasicAuth(ncfg.User, ncfg.Password, ""))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { d.Close(ctx) })
	ps, err := pickPools(ctx, d, ncfg.Database)
	if err != nil {
		b.Fatal(err)
	}
	schema, err := resolvers.Schema(st)
	if err != nil {
		b.Fatal(err)
	}
	srv := server.New(server.Options{Store: st, Schema: schema, Log: log})
	wctx, stop := context.WithCancel(ctx)
	b.Cleanup(stop)
	go srv.Watch(wctx)
	for i := 0; !srv.Ready() && i < 600; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	hs := httptest.NewServer(srv.Handler())
	b.Cleanup(hs.Close)
	e := &benchEnv{ctx: ctx, url: hs.URL + "/graphql", floor: floorTransport{driver: d, db: ncfg.Database},
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}}
	var want []string
	if s := os.Getenv("BENCH_OPS"); s != "" {
		want = strings.Split(s, ";")
	}
	for _, o := range operations(ps) {
		if want == nil || slices.Contains(want, o.name) {
			e.ops = append(e.ops, o)
		}
	}
	return e
}

// bodies are the request bodies for relgraph of o's first bodyCycle inputs.
func (e *benchEnv) bodies(o op) [][]byte {
	bodies := make([][]byte, bodyCycle)
	for i := range bodies {
		bodies[i], _ = json.Marshal(map[string]any{"query": o.relgraph, "variables": o.vars(i)})
	}
	return bodies
}

// post sends body to relgraph and fails b unless the answer is without errors.
func (e *benchEnv) post(b *testing.B, body []byte) {
	resp, err := e.client.Post(e.url, "application/json", bytes.NewReader(body))
	if err != nil {
		b.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || bytes.Contains(got, []byte(`"errors"`)) {
		b.Fatalf("HTTP %d: %.300s", resp.StatusCode, got)
	}
}

// median returns the median of ds in milliseconds.
func median(ds []time.Duration) float64 {
	slices.Sort(ds)
	return float64(ds[len(ds)/2]) / 1e6
}
