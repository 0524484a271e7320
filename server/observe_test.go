package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
)

// syncBuffer is a log destination that the server's goroutines may write at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// observedAPI serves the API over a store of its own whose statements are counted in m and traced
// through tp, logging to log, and returns its URL.
func observedAPI(t *testing.T, m *server.Metrics, tp trace.TracerProvider, log *slog.Logger) string {
	t.Helper()
	cfg := neo4jtest.Config(t)
	cfg.Observe = server.StatementObserver(m, tp)
	store, err := neo4j.Open(cfg, neo4jtest.Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	srv := newServer(t, store, nil, log, func(o *server.Options) { o.Metrics, o.Tracer = m, tp })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go srv.Watch(ctx)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	for i := 0; !srv.Ready(); i++ {
		if i > 600 {
			t.Fatal("the server never became ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ts.URL
}

// scrape reads /metrics into a map from each sample's name and labels, as the text format prints
// them, to its value.
func scrape(t *testing.T, base string) map[string]float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	out := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("bad sample %q", line)
		}
		out[line[:i]] = v
	}
	return out
}

// askWithID posts a query with an X-Request-Id header (none when id is "") and returns the answer
// and the response's X-Request-Id.
func askWithID(t *testing.T, base, id, query string, vars map[string]any) (answer, string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var a answer
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("not JSON: %.300s", b)
	}
	a.Status = resp.StatusCode
	return a, resp.Header.Get("X-Request-Id")
}

func TestMetrics(t *testing.T) {
	m := server.NewMetrics()
	base := observedAPI(t, m, nil, neo4jtest.Logger())
	id := fmt.Sprintf("w-%016x", rand.Uint64()) // unique to this run: the cache has not seen it
	before := scrape(t, base)
	const lookup = `query ObsLookup($id: ID!) { node(id: $id) { id } }`
	for i := 0; i < 2; i++ {
		if a, _ := askWithID(t, base, "", lookup, map[string]any{"id": id}); len(a.Errors) > 0 {
			t.Fatalf("lookup: %s", a.message())
		}
	}
	if a, _ := askWithID(t, base, "", `query ObsMissing { relations(id: "w-0000000000000000") { truncated } }`, nil); a.code() != "NOT_FOUND" {
		t.Fatalf("code %q, want NOT_FOUND", a.code())
	}
	askWithID(t, base, "", `{`, nil)
	send(t, base, []byte(`{"query": 1}`))
	after := scrape(t, base)

	moved := func(sample string) float64 { return after[sample] - before[sample] }
	for _, c := range []struct {
		sample string
		want   float64
	}{
		{`relgraph_requests_total{operation="ObsLookup",outcome="ok"}`, 2},
		{`relgraph_request_duration_seconds_count{operation="ObsLookup",outcome="ok"}`, 2},
		{`relgraph_requests_total{operation="ObsMissing",outcome="NOT_FOUND"}`, 1},
		{`relgraph_requests_total{operation="(none)",outcome="GRAPHQL_PARSE_FAILED"}`, 1},
		{`relgraph_requests_total{operation="(none)",outcome="BAD_REQUEST"}`, 1},
		{`relgraph_response_cache_requests_total{result="hit"}`, 1},
	} {
		if got := moved(c.sample); got != c.want {
			t.Errorf("%s moved by %v, want %v", c.sample, got, c.want)
		}
	}
	// The first lookup and the missing relations miss the cache; the refused requests never reach it.
	if got := moved(`relgraph_response_cache_requests_total{result="miss"}`); got < 2 {
		t.Errorf("cache misses moved by %v, want at least 2", got)
	}
	for _, s := range []string{`relgraph_cypher_round_trips_total{mode="read",outcome="ok"}`, `relgraph_cypher_duration_seconds_count{mode="read"}`} {
		if moved(s) < 2 { // the lookup's and the relations' queries at least
			t.Errorf("%s moved by %v, want at least 2", s, moved(s))
		}
	}
	if after["relgraph_neo4j_pool_size"] <= 0 {
		t.Errorf("pool size %v, want the pool's size", after["relgraph_neo4j_pool_size"])
	}
	if after["go_goroutines"] <= 0 {
		t.Error("the Go runtime's metrics are missing")
	}
}

func TestRequestID(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	base := observedAPI(t, server.NewMetrics(), nil, log)
	run := fmt.Sprintf("%08x", rand.Uint32())
	q := `query ObsID($id: ID!) { node(id: $id) { id } }`
	vars := map[string]any{"id": fmt.Sprintf("w-%016x", rand.Uint64())}

	t.Run("a sane X-Request-Id is kept, answered and logged", func(t *testing.T) {
		id := "obs-" + run + "-1"
		a, header := askWithID(t, base, id, q, vars)
		if a.Extensions["requestId"] != id || header != id {
			t.Errorf("extensions.requestId %v, header %q; want %q", a.Extensions["requestId"], header, id)
		}
		if !strings.Contains(logs.String(), "requestId="+id) {
			t.Errorf("no log line names %s:\n%s", id, logs.String())
		}
	})
	t.Run("an answer from the cache carries the id of its own request", func(t *testing.T) {
		id := "obs-" + run + "-2"
		a, _ := askWithID(t, base, id, q, vars)
		if a.Extensions["responseCache"] != "hit" || a.Extensions["requestId"] != id {
			t.Errorf("extensions %v; want a hit with requestId %q", a.Extensions, id)
		}
	})
	t.Run("an insane X-Request-Id is replaced", func(t *testing.T) {
		for _, bad := range []string{"has spaces", strings.Repeat("x", 200), "quote\"d", "ünïcode"} {
			a, header := askWithID(t, base, bad, q, vars)
			got, _ := a.Extensions["requestId"].(string)
			if got == "" || got == bad || got != header || len(got) != 32 {
				t.Errorf("sent %.20q: requestId %q, header %q; want a new 32-character id in both", bad, got, header)
			}
		}
	})
	t.Run("a refused request is logged and answered with its id", func(t *testing.T) {
		id := "obs-" + run + "-3"
		req, _ := http.NewRequest("POST", base+"/graphql", strings.NewReader(`{"query": 1}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Request-Id", id)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var a answer
		json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		if a.code() != "BAD_REQUEST" || a.Extensions["requestId"] != id {
			t.Errorf("code %q, extensions %v; want BAD_REQUEST with requestId %q", a.code(), a.Extensions, id)
		}
		for line := range strings.SplitSeq(logs.String(), "\n") {
			if strings.Contains(line, "request refused") && strings.Contains(line, "requestId="+id) {
				return
			}
		}
		t.Errorf("no 'request refused' line names %s:\n%s", id, logs.String())
	})
}

func TestTracing(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	base := observedAPI(t, nil, tp, neo4jtest.Logger())
	id := fmt.Sprintf("w-%016x", rand.Uint64())
	if a, _ := askWithID(t, base, "", `query ObsTrace($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": id}); len(a.Errors) > 0 {
		t.Fatal(a.message())
	}
	var request sdktrace.ReadOnlySpan
	for _, s := range rec.Ended() {
		if s.Name() == "query ObsTrace" {
			request = s
		}
	}
	if request == nil {
		var names []string
		for _, s := range rec.Ended() {
			names = append(names, s.Name())
		}
		t.Fatalf("no span named query ObsTrace among %q", names)
	}
	if request.SpanKind() != trace.SpanKindServer {
		t.Errorf("request span kind %v, want server", request.SpanKind())
	}
	children := 0
	for _, s := range rec.Ended() {
		if s.Parent().SpanID() != request.SpanContext().SpanID() {
			continue
		}
		if s.Name() != "cypher read" || s.SpanKind() != trace.SpanKindClient {
			t.Errorf("child span %q of kind %v, want cypher read, a client span", s.Name(), s.SpanKind())
		}
		for _, kv := range s.Attributes() {
			if kv.Key == "db.query.text" && strings.Contains(kv.Value.AsString(), "MATCH (n:Entity") {
				children++
			}
		}
	}
	for _, s := range rec.Ended() {
		if !s.Parent().IsValid() && strings.HasPrefix(s.Name(), "cypher") {
			t.Errorf("%s outside a request (the readiness check's, say) makes a trace of its own", s.Name())
		}
	}
	if children == 0 {
		t.Error("the request span has no Cypher child span with the lookup's statement")
	}
}

func TestTracerProviderFromEnvironment(t *testing.T) {
	var mu sync.Mutex
	exported := 0
	collector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/traces" {
			mu.Lock()
			exported++
			mu.Unlock()
		}
	}))
	defer collector.Close()
	for _, c := range []struct {
		name string
		env  map[string]string
		on   bool
		err  bool
	}{
		{name: "off without OTEL variables"},
		{name: "on with an OTLP endpoint", env: map[string]string{"OTEL_EXPORTER_OTLP_ENDPOINT": collector.URL}, on: true},
		{name: "on with the otlp exporter", env: map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": collector.URL + "/v1/traces"}, on: true},
		{name: "off with the none exporter", env: map[string]string{"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:1"}},
		{name: "off when the SDK is disabled", env: map[string]string{"OTEL_SDK_DISABLED": "true", "OTEL_TRACES_EXPORTER": "otlp"}},
		{name: "refused for another exporter", env: map[string]string{"OTEL_TRACES_EXPORTER": "zipkin"}, err: true},
		{name: "refused for gRPC", env: map[string]string{"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc"}, err: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, k := range []string{"OTEL_SDK_DISABLED", "OTEL_TRACES_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
				"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL"} {
				t.Setenv(k, c.env[k])
			}
			tp, shutdown, err := server.NewTracerProvider(context.Background())
			if (err != nil) != c.err {
				t.Fatalf("err %v, want error %v", err, c.err)
			}
			if err != nil {
				return
			}
			mu.Lock()
			before := exported
			mu.Unlock()
			_, span := tp.Tracer("test").Start(context.Background(), "x")
			recording := span.IsRecording()
			span.End()
			if err := shutdown(context.Background()); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			sent := exported > before
			mu.Unlock()
			if recording != c.on || sent != c.on {
				t.Errorf("recording %v, exported %v; want %v", recording, sent, c.on)
			}
		})
	}
}

func TestImportMetrics(t *testing.T) {
	m := server.NewMetrics()
	ts := httptest.NewServer(m.Handler())
	defer ts.Close()
	var handed []ingest.Progress
	report := m.ImportProgress("csv", func(p ingest.Progress) { handed = append(handed, p) })
	report(ingest.Progress{Pass: "import", Source: "links.csv", Records: 120, Rejected: 3, Bytes: 4096, Size: 10000})
	report(ingest.Progress{Pass: "import", Source: "links.csv", Records: 250, Rejected: 5, Bytes: 10000, Size: 10000, Done: true})
	got := scrape(t, ts.URL)
	for sample, want := range map[string]float64{
		`relgraph_import_records{format="csv",pass="import",result="read"}`:     250,
		`relgraph_import_records{format="csv",pass="import",result="rejected"}`: 5,
		`relgraph_import_source_bytes{format="csv",what="read"}`:                10000,
		`relgraph_import_source_bytes{format="csv",what="size"}`:                10000,
	} {
		if got[sample] != want {
			t.Errorf("%s = %v, want %v", sample, got[sample], want)
		}
	}
	if len(handed) != 2 {
		t.Errorf("%d reports handed on, want 2", len(handed))
	}
}
