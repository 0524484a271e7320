package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/resolvers"
	"github.com/relgraph/relgraph/server"
	"github.com/relgraph/relgraph/server/localneo4j"
	"github.com/relgraph/relgraph/server/respcache"
)

// newServer returns a server over store as relgraph serve builds it with its default settings,
// serving the explorer from static, changed by opts first.
func newServer(t testing.TB, store *neo4j.Store, static fs.FS, log *slog.Logger, opts ...func(*server.Options)) *server.Server {
	t.Helper()
	schema, err := resolvers.Schema(store)
	if err != nil {
		t.Fatal(err)
	}
	o := server.Options{
		Store:         store,
		Schema:        schema,
		Cache:         respcache.New(64 << 20),
		Static:        static,
		Log:           log,
		Limits:        server.DefaultLimits(),
		Introspection: true,
	}
	for _, opt := range opts {
		opt(&o)
	}
	return server.New(o)
}

func post(t *testing.T, url, query string) (code string, dur time.Duration) {
	t.Helper()
	start := time.Now()
	body, _ := json.Marshal(map[string]string{"query": query})
	resp, err := http.Post(url+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Errors []struct{ Extensions struct{ Code string } }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	if len(out.Errors) > 0 {
		return out.Errors[0].Extensions.Code, time.Since(start)
	}
	return "", time.Since(start)
}

func waitReady(t *testing.T, url string, want int, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		resp, err := http.Get(url + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/readyz did not answer %d within %s", want, within)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestRecoversWhenNeo4jRestarts(t *testing.T) {
	port := os.Getenv("RELGRAPH_RECOVERY_PORT") // so that several checkouts can test at once
	if port == "" {
		port = "7690"
	}
	// An instance of its own, so that stopping it does not disturb the other tests.
	n := localneo4j.New(neo4jtest.Root(t), "recovery", "NEO4J_BOLT_PORT="+port, "NEO4J_HEAP=512m", "NEO4J_PAGECACHE=128m")
	cfg, err := n.Start()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Stop() })

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := neo4j.Open(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	srv := newServer(t, store, nil, log, func(o *server.Options) { o.PingEvery = 300 * time.Millisecond })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	const q = `{ search(query: "anything") { totalCount } }`
	waitReady(t, ts.URL, 200, time.Minute)
	if code := answers(t, ts.URL, q, time.Minute); code != "" {
		t.Fatalf("while Neo4j runs: error %s", code)
	}

	if err := n.Stop(); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ts.URL, 503, 10*time.Second)
	code, dur := post(t, ts.URL, q)
	if code != "UNAVAILABLE" {
		t.Fatalf("while Neo4j is down: code %q, want UNAVAILABLE", code)
	}
	if dur > 2*time.Second {
		t.Errorf("the UNAVAILABLE answer took %s; want it at once", dur)
	}
	if resp, err := http.Get(ts.URL + "/healthz"); err != nil || resp.StatusCode != 200 {
		t.Errorf("/healthz while Neo4j is down: %v %v", resp, err)
	}

	if _, err := n.Start(); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ts.URL, 200, time.Minute)
	if code := answers(t, ts.URL, q, time.Minute); code != "" {
		t.Fatalf("after Neo4j came back: error %s", code)
	}
}

// answers posts q until it is answered without error or within has passed, and returns the last
// error code. A freshly started Neo4j on a loaded machine can miss a readiness check or two (the
// server then answers UNAVAILABLE, as it should) before it settles.
func answers(t *testing.T, url, q string, within time.Duration) string {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		code, _ := post(t, url, q)
		if code == "" || time.Now().After(deadline) {
			return code
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestStartsWithoutNeo4j(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Nothing listens on port 9: the server must start anyway and say the database is unavailable.
	store, err := neo4j.Open(neo4j.Config{URI: "bolt://127.0.0.1:9", User: "neo4j", Password: "x"}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(t, store, nil, log)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	waitReady(t, ts.URL, 503, 5*time.Second)
	if code, _ := post(t, ts.URL, `{ node(id: "x") { id } }`); code != "UNAVAILABLE" {
		t.Errorf("code %q, want UNAVAILABLE", code)
	}
}

func TestRoutes(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := neo4j.Open(neo4j.Config{URI: "bolt://127.0.0.1:9", User: "neo4j", Password: "x"}, log)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(newServer(t, store, os.DirFS("testdata/static"), log).Handler())
	defer ts.Close()
	get := func(path, accept string) (int, string) {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct{ name, path, accept, want string }{
		{"GraphiQL opens in a browser", "/graphql", "text/html,application/xhtml+xml", "graphiql"},
		{"the SDL is served", "/schema.graphql", "", "type Work implements Node"},
		{"the SDL keeps descriptions", "/schema.graphql", "", "The graph of relations around an entity"},
		{"health answers", "/healthz", "", "ok"},
		{"the explorer is served", "/", "", "explorer-test-page"},
		{"client routes get the explorer", "/work/w-123", "", "explorer-test-page"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(tc.path, tc.accept)
			if code != 200 || !strings.Contains(strings.ToLower(body), strings.ToLower(tc.want)) {
				t.Errorf("GET %s: %d, body lacks %q:\n%.300s", tc.path, code, tc.want, body)
			}
		})
	}
	t.Run("mutations are refused over GET", func(t *testing.T) {
		code, body := get("/graphql?query="+strings.ReplaceAll("mutation { x }", " ", "%20"), "application/json")
		if code == 200 && !strings.Contains(body, "errors") {
			t.Errorf("GET mutation: %d %s", code, body)
		}
	})
}
