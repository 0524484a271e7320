package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
)

// neo4jInstance drives a Neo4j instance of its own through scripts/neo4j.sh, so that stopping it
// does not disturb the other tests.
type neo4jInstance struct {
	t      *testing.T
	script string
	name   string
	port   string
}

func (n neo4jInstance) run(cmd string) string {
	n.t.Helper()
	c := exec.Command(n.script, cmd, n.name)
	c.Env = append(os.Environ(), "NEO4J_BOLT_PORT="+n.port, "NEO4J_HEAP=512m", "NEO4J_PAGECACHE=128m")
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		n.t.Fatalf("scripts/neo4j.sh %s %s: %v\n%s", cmd, n.name, err, out.String())
	}
	return out.String()
}

func (n neo4jInstance) config() neo4j.Config {
	cfg := neo4j.Config{}
	sc := bufio.NewScanner(strings.NewReader(n.run("env")))
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), "=")
		switch k {
		case "NEO4J_URI":
			cfg.URI = v
		case "NEO4J_USER":
			cfg.User = v
		case "NEO4J_PASSWORD":
			cfg.Password = v
		case "NEO4J_DATABASE":
			cfg.Database = v
		}
	}
	return cfg
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
	n := neo4jInstance{t: t, script: filepath.Join(neo4jtest.Root(t), "scripts", "neo4j.sh"), name: "recovery", port: port}
	n.run("start")
	t.Cleanup(func() { n.run("stop") })

	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := neo4j.Open(n.config(), log)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	srv := server.New(store, nil, log)
	srv.PingEvery = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	const q = `{ search(query: "anything") { totalCount } }`
	waitReady(t, ts.URL, 200, time.Minute)
	if code, _ := post(t, ts.URL, q); code != "" {
		t.Fatalf("while Neo4j runs: error %s", code)
	}

	n.run("stop")
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

	n.run("start")
	waitReady(t, ts.URL, 200, time.Minute)
	if code, _ := post(t, ts.URL, q); code != "" {
		t.Fatalf("after Neo4j came back: error %s", code)
	}
}

func TestStartsWithoutNeo4j(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	// Nothing listens on port 9: the server must start anyway and say the database is unavailable.
	store, err := neo4j.Open(neo4j.Config{URI: "bolt://127.0.0.1:9", User: "neo4j", Password: "x"}, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := server.New(store, nil, log)
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
	ts := httptest.NewServer(server.New(store, os.DirFS("testdata/static"), log).Handler())
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
