package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"github.com/relgraph/relgraph/graph"
)

// versionStore is a Store whose only working method is Version.
type versionStore struct {
	Store
	version atomic.Int64
}

func (s *versionStore) Version(context.Context) (int64, error) { return s.version.Load(), nil }

// TestServeCached checks the answers given before GraphQL: the same bytes, anonymous, at the same
// graph version, and nothing else.
func TestServeCached(t *testing.T) {
	st := &versionStore{}
	s := &Server{store: st, cache: newResponseCache(1 << 20)}
	s.ready.Store(true)
	var calls int
	// next stands for gqlgen with cached: it files its answer under the operation's key (here the
	// same for every request) and the raw key serveCached passed on.
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls++
		req, fromRaw := r.Context().Value(rawRequestKey{}).(rawRequest)
		body, _ := io.ReadAll(r.Body)
		v, _ := st.Version(r.Context())
		if fromRaw && req.version != v {
			t.Errorf("the version passed on is %d, the graph's %d", req.version, v)
		}
		s.cache.put(v, [32]byte{1}, json.RawMessage(`{"n":1}`), req.key)
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"data":{"n":1},"extensions":{"responseCache":"miss","body":` + string(body) + `}}`))
	})
	h := s.serveCached(next)
	var header http.Header
	post := func(ctx context.Context, body string) (string, string) {
		t.Helper()
		r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body)).WithContext(ctx)
		for k, v := range header {
			r.Header[k] = v
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Body.String(), w.Header().Get("Content-Type")
	}
	ctx := context.Background()
	const q = `{"query":"{ n }"}`

	if got, _ := post(ctx, q); !strings.Contains(got, `"body":{"query":"{ n }"}`) || calls != 1 {
		t.Fatalf("first request: %s (%d calls): the body must reach GraphQL whole", got, calls)
	}
	got, ct := post(ctx, q)
	if want := `{"data":{"n":1},"extensions":{"cypherRoundTrips":0,"responseCache":"hit"}}`; got != want || calls != 1 || ct != "application/json" {
		t.Errorf("same bytes: %s (%s, %d calls), want %s without GraphQL", got, ct, calls, want)
	}
	if post(ctx, `{"query": "{ n }"}`); calls != 2 {
		t.Errorf("other bytes were answered before GraphQL")
	}
	for _, accept := range []string{"application/graphql-response+json", "text/html", "application/graphql-response+json, application/json"} {
		header = http.Header{"Accept": {accept}}
		before := calls
		if post(ctx, q); calls != before+1 {
			t.Errorf("Accept: %s was answered from the cache, as application/json", accept)
		}
	}
	header = http.Header{"Accept": {"application/json, application/graphql-response+json"}}
	before := calls
	if post(ctx, q); calls != before {
		t.Errorf("Accept: application/json first was not answered from the cache")
	}
	header = nil
	before = calls
	st.version.Add(1)
	if post(ctx, q); calls != before+1 {
		t.Errorf("an answer of an older graph version was served")
	}
	signedIn := graph.WithActor(ctx, graph.Actor{Name: "alice", Role: graph.RoleCurator, TokenID: "t1"})
	post(signedIn, q)
	post(signedIn, q)
	if calls != before+3 {
		t.Errorf("a signed-in caller was answered from the cache (%d calls, want %d)", calls, before+3)
	}
	s.ready.Store(false)
	if post(ctx, q); calls != before+4 {
		t.Errorf("answered from the cache while the database is unavailable")
	}
}

// TestResponseCacheKeys checks that a request's key never equals an operation's, whatever its
// bytes, and that an answer keeps at most maxRawKeys requests' keys.
func TestResponseCacheKeys(t *testing.T) {
	op := &graphql.OperationContext{OperationName: "POST", RawQuery: "query POST { n }", Variables: map[string]any{}}
	opKey, _ := responseKey(op)
	if rawKey("POST", []byte("query POST { n }\x00{}")) == opKey {
		t.Error("a request's bytes can be made to hit an operation's key")
	}
	c := newResponseCache(1 << 20)
	for i := 0; i < 20; i++ {
		c.put(1, opKey, json.RawMessage(`{}`), rawKey("POST", []byte{byte(i)}))
	}
	if n := len(c.items) - 1; n != maxRawKeys {
		t.Errorf("%d requests' keys kept, want %d", n, maxRawKeys)
	}
}

// TestResponseCacheEvictsRawKeys checks that an answer pushed out takes its raw keys with it and
// that the size bookkeeping stays within the bound.
func TestResponseCacheEvictsRawKeys(t *testing.T) {
	c := newResponseCache(16 * 200)
	data := json.RawMessage(strings.Repeat("x", 100))
	for i := 0; i < 100; i++ {
		c.put(1, [32]byte{byte(i), 1}, data, [32]byte{byte(i), 2})
		c.put(1, [32]byte{byte(i), 1}, data, [32]byte{byte(i), 3})
		if c.size > c.max {
			t.Fatalf("size %d over %d", c.size, c.max)
		}
	}
	if _, ok := c.get(1, [32]byte{0, 2}); ok {
		t.Error("the raw key of an evicted answer still answers")
	}
	if _, ok := c.get(1, [32]byte{99, 3}); !ok {
		t.Error("the newest answer's second raw key misses")
	}
	if len(c.items) != 3*c.lru.Len() {
		t.Errorf("%d keys for %d answers, want 3 each", len(c.items), c.lru.Len())
	}
}
