package server_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
)

// serveAPI serves the real handler over the test Neo4j, with the server's options changed by opts
// first, and waits until it is ready.
func serveAPI(t *testing.T, opts func(*server.Options)) string {
	t.Helper()
	var change []func(*server.Options)
	if opts != nil {
		change = append(change, opts)
	}
	srv := newServer(t, neo4jtest.Shared(t), nil, neo4jtest.Logger(), change...)
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

// answer is a decoded GraphQL response with its HTTP status.
type answer struct {
	Status int
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
	Extensions map[string]any
}

func (a answer) code() string {
	if len(a.Errors) == 0 {
		return ""
	}
	return a.Errors[0].Extensions.Code
}

func (a answer) message() string {
	if len(a.Errors) == 0 {
		return ""
	}
	return a.Errors[0].Message
}

// send posts a raw body to /graphql.
func send(t *testing.T, base string, body []byte) answer {
	t.Helper()
	resp, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return decode(t, resp)
}

func decode(t *testing.T, resp *http.Response) answer {
	t.Helper()
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	a := answer{Status: resp.StatusCode}
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatalf("HTTP %d, not a GraphQL response: %v\n%.300s", resp.StatusCode, err, b)
	}
	return a
}

// ask posts a query with variables.
func ask(t *testing.T, base, query string, vars map[string]any) answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	return send(t, base, body)
}

func TestLimits(t *testing.T) {
	base := serveAPI(t, nil)
	aliases := func(n int) string {
		var b strings.Builder
		b.WriteString("{ ")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "a%d: node(id: \"x%d\") { id } ", i, i)
		}
		b.WriteString("}")
		return b.String()
	}
	directives := func(n int) string {
		var b strings.Builder
		b.WriteString(`{ node(id: "x") { `)
		for i := 0; i < n; i++ {
			b.WriteString("id @include(if: true) ")
		}
		b.WriteString("} }")
		return b.String()
	}
	tokens := func(n int) string { // n tokens or a few more
		var b strings.Builder
		b.WriteString(`{ node(id: "x") { `)
		for i := 7; i < n; i++ {
			b.WriteString("id ")
		}
		b.WriteString("} }")
		return b.String()
	}
	threeConnections := `{ search(query: "migration", first: 5) { edges { node { ... on Work {
		authors { works(first: 5) { edges { node { sameJournalWorks(first: 5) { totalCount edges { node { title } } } } } } } } } } } }`

	for _, tc := range []struct {
		name, query string
		vars        map[string]any
		code        string // "" for accepted
		status      int    // a refused request is answered 200 with application/json (GraphQL over HTTP)
	}{
		{"six levels are allowed", `{ node(id: "w-0") { ... on Work { journal { works(first: 2) { edges { node { journal { works(first: 2) { totalCount } } } } } } } } }`, nil, "", 200},
		{"seven levels are too deep", `{ node(id: "w-0") { ... on Work { journal { works(first: 2) { edges { node { journal { works(first: 2) { edges { node { journal { title } } } } } } } } } } } }`, nil, server.CodeDepth, 200},
		{"a connection's edges and node do not count as levels", threeConnections, nil, "", 200},
		{"fragments count where they are spread", `query { node(id: "x") { ...A } } fragment A on Node { ... on Work { authors { works { edges { node { authors { affiliations { people { name } } } } } } } } }`, nil, server.CodeDepth, 200},
		{"introspection does not count towards depth", `{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`, nil, "", 200},
		{"a cost within the limit is allowed", `{ search(query: "x", first: 100) { edges { node { id } } } }`, nil, "", 200},
		{"page sizes multiply the cost", `{ search(query: "x", first: 100) { edges { node { ... on Work { sameAuthorWorks(first: 100) { edges { node { id } } } } } } } }`, nil, server.CodeCost, 200},
		{"page sizes in variables count too", `query($n: Int) { search(query: "x", first: $n) { edges { node { ... on Work { sameAuthorWorks(first: $n) { edges { node { id } } } } } } } }`, map[string]any{"n": 60}, server.CodeCost, 200},
		{"a big relations limit with edges fits", `{ relations(id: "x", depth: 2, limit: 2000) { nodes { id } edges { id provenance { source } } } }`, nil, "NOT_FOUND", 200},
		{"fifteen aliases are allowed", aliases(15), nil, "", 200},
		{"sixteen aliases are too many", aliases(16), nil, server.CodeAliases, 200},
		{"fifty directives are allowed", directives(50), nil, "", 200},
		{"fifty-one directives are too many", directives(51), nil, server.CodeDirectives, 200},
		{"a thousand tokens are allowed", tokens(990), nil, "", 200},
		{"more than a thousand tokens are refused", tokens(1010), nil, server.CodeTokens, 200},
		{"more than 15,000 characters are refused", `{ node(id: "x") { id } }` + strings.Repeat(" ", 15000), nil, server.CodeCharacters, 200},
		{"a page over 100 is invalid", `{ search(query: "x", first: 101) { totalCount } }`, nil, "INVALID", 200},
		{"field suggestions are off", `{ serch(query: "x") { totalCount } }`, nil, "GRAPHQL_VALIDATION_FAILED", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := ask(t, base, tc.query, tc.vars)
			if a.code() != tc.code || a.Status != tc.status {
				t.Errorf("HTTP %d code %q (%s); want HTTP %d code %q", a.Status, a.code(), a.message(), tc.status, tc.code)
			}
			if strings.Contains(strings.ToLower(a.message()), "did you mean") {
				t.Errorf("the error suggests fields: %s", a.message())
			}
		})
	}

	t.Run("a fragment bomb is measured quickly and refused", func(t *testing.T) {
		// F0 spreads F1 twice, F1 spreads F2 twice ...: 2^40 aliased fields once expanded.
		var b strings.Builder
		b.WriteString(`query { ...F0 } `)
		for i := 0; i < 40; i++ {
			fmt.Fprintf(&b, "fragment F%d on Query { ...F%d ...F%d } ", i, i+1, i+1)
		}
		b.WriteString(`fragment F40 on Query { x: node(id: "x") { id } }`)
		start := time.Now()
		a := ask(t, base, b.String(), nil)
		if a.code() != server.CodeAliases && a.code() != server.CodeCost {
			t.Errorf("code %q (%s), want %s or %s", a.code(), a.message(), server.CodeAliases, server.CodeCost)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %s", d)
		}
	})
	t.Run("a body over the size limit is refused", func(t *testing.T) {
		body, _ := json.Marshal(map[string]any{"query": `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`,
			"variables": map[string]any{"ids": strings.Split(strings.Repeat("x,", 40000), ",")}})
		a := send(t, base, body)
		if a.Status != http.StatusRequestEntityTooLarge || a.code() != server.CodeBodySize {
			t.Errorf("HTTP %d code %q, want 413 %s", a.Status, a.code(), server.CodeBodySize)
		}
	})
	t.Run("batches are refused", func(t *testing.T) {
		a := send(t, base, []byte(` [{"query": "{ node(id: \"x\") { id } }"}, {"query": "{ node(id: \"y\") { id } }"}]`))
		if a.Status != http.StatusBadRequest || a.code() != server.CodeBatch {
			t.Errorf("HTTP %d code %q, want 400 %s", a.Status, a.code(), server.CodeBatch)
		}
	})
	t.Run("mutations are refused over GET", func(t *testing.T) {
		resp, err := http.Get(base + "/graphql?query=" + url.QueryEscape(`mutation { withdrawProposal(id: "x") { proposal { id } } }`))
		if err != nil {
			t.Fatal(err)
		}
		if a := decode(t, resp); a.Status != http.StatusMethodNotAllowed || a.code() != server.CodeGETMutation || resp.Header.Get("Allow") != "POST" {
			t.Errorf("HTTP %d code %q (%s), Allow %q; want 405 %s, Allow POST", a.Status, a.code(), a.message(), resp.Header.Get("Allow"), server.CodeGETMutation)
		}
	})
	t.Run("queries are served over GET", func(t *testing.T) {
		resp, err := http.Get(base + "/graphql?query=" + url.QueryEscape(`{ node(id: "x") { id } }`))
		if err != nil {
			t.Fatal(err)
		}
		if a := decode(t, resp); a.Status != 200 || len(a.Errors) > 0 {
			t.Errorf("HTTP %d %s", a.Status, a.message())
		}
	})
}

func TestTimeout(t *testing.T) {
	base := serveAPI(t, func(o *server.Options) { o.Limits.Timeout = time.Microsecond })
	a := ask(t, base, `{ search(query: "migration") { totalCount } }`, nil)
	if a.code() != "TIMEOUT" {
		t.Errorf("code %q (%s), want TIMEOUT: %+v", a.code(), a.message(), a)
	}
}

func TestIntrospection(t *testing.T) {
	const q = `{ __schema { queryType { name } } }`
	t.Run("on by default", func(t *testing.T) {
		a := ask(t, serveAPI(t, nil), q, nil)
		if len(a.Errors) > 0 || a.Data["__schema"] == nil {
			t.Errorf("got %+v", a)
		}
	})
	t.Run("off when configured", func(t *testing.T) {
		base := serveAPI(t, func(o *server.Options) { o.Introspection = false })
		for _, q := range []string{q, `{ __type(name: "Work") { name } }`, `query { ...F } fragment F on Query { __schema { types { name } } }`} {
			if a := ask(t, base, q, nil); a.code() != server.CodeIntrospection {
				t.Errorf("%s: code %q (%s), want %s", q, a.code(), a.message(), server.CodeIntrospection)
			}
		}
		if a := ask(t, base, `{ node(id: "x") { __typename } }`, nil); len(a.Errors) > 0 {
			t.Errorf("__typename refused: %s", a.message())
		}
	})
}

func TestPersistedQueries(t *testing.T) {
	base := serveAPI(t, nil)
	const q = `{ search(query: "persisted") { totalCount } }`
	sum := sha256.Sum256([]byte(q))
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	hashOnly, _ := json.Marshal(map[string]any{"extensions": ext})
	full, _ := json.Marshal(map[string]any{"query": q, "extensions": ext})

	if a := send(t, base, hashOnly); a.code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("an unknown hash: code %q (%s), want PERSISTED_QUERY_NOT_FOUND", a.code(), a.message())
	}
	first := send(t, base, full)
	if len(first.Errors) > 0 {
		t.Fatalf("registering: %s", first.message())
	}
	again := send(t, base, hashOnly)
	if len(again.Errors) > 0 {
		t.Fatalf("by hash: %s", again.message())
	}
	if fmt.Sprint(again.Data) != fmt.Sprint(first.Data) {
		t.Errorf("by hash %v, in full %v", again.Data, first.Data)
	}
	wrong, _ := json.Marshal(map[string]any{"query": `{ search(query: "other") { totalCount } }`, "extensions": ext})
	if a := send(t, base, wrong); len(a.Errors) == 0 {
		t.Errorf("a query that does not match its hash was accepted")
	}
}
