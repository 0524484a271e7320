package respcache_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/google/go-cmp/cmp"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/relgraph/relgraph/server/respcache"
)

// api is a gqlgen handler over a small schema whose transports go through the response cache. It
// counts the requests that reach GraphQL (before parsing) and the operations it executes.
type api struct {
	h        http.Handler
	version  atomic.Int64
	versionE atomic.Bool // Version fails
	private  atomic.Bool // Shared says no
	parsed   atomic.Int64
	executed atomic.Int64
}

// counter is a gqlgen extension that counts the requests about to be parsed.
type counter struct{ n *atomic.Int64 }

func (counter) ExtensionName() string                   { return "counter" }
func (counter) Validate(graphql.ExecutableSchema) error { return nil }
func (c counter) MutateOperationParameters(context.Context, *graphql.RawParams) *gqlerror.Error {
	c.n.Add(1)
	return nil
}

func newAPI(t *testing.T, cache *respcache.Cache) *api {
	t.Helper()
	a := &api{}
	schema := gqlparser.MustLoadSchema(&ast.Source{Input: `
		type Query { n: Int, fail: Int }
		type Mutation { m: Int }`})
	h := handler.New(&graphql.ExecutableSchemaMock{
		SchemaFunc: func() *ast.Schema { return schema },
		ExecFunc: func(ctx context.Context) graphql.ResponseHandler {
			a.executed.Add(1)
			op := graphql.GetOperationContext(ctx)
			switch {
			case op.Operation.Operation == ast.Mutation:
				return graphql.OneShot(&graphql.Response{Data: []byte(`{"m":1}`)})
			case strings.Contains(op.RawQuery, "fail"):
				return graphql.OneShot(&graphql.Response{Data: []byte(`{"fail":null}`),
					Errors: gqlerror.List{{Message: "it failed"}}})
			}
			return graphql.OneShot(&graphql.Response{Data: []byte(`{"n":1}`)})
		},
	})
	h.Use(counter{&a.parsed})
	for _, tr := range []graphql.Transport{transport.GET{}, transport.POST{}} {
		h.AddTransport(respcache.Transport{Transport: tr, Cache: cache,
			Version: func(context.Context) (int64, error) {
				if a.versionE.Load() {
					return 0, errors.New("no version")
				}
				return a.version.Load(), nil
			},
			Shared:     func(*http.Request) bool { return !a.private.Load() },
			Extensions: map[string]any{"cypherRoundTrips": 0},
		})
	}
	a.h = h
	return a
}

// reply is what a request got, and whether it reached GraphQL and ran.
type reply struct {
	Status       int
	ContentType  string
	ETag         string
	CacheControl string
	Body         string
	Parsed       bool
	Executed     bool
}

func (a *api) do(r *http.Request) reply {
	parsed, executed := a.parsed.Load(), a.executed.Load()
	w := httptest.NewRecorder()
	a.h.ServeHTTP(w, r)
	return reply{Status: w.Code, ContentType: w.Header().Get("Content-Type"), ETag: w.Header().Get("ETag"),
		CacheControl: w.Header().Get("Cache-Control"), Body: w.Body.String(),
		Parsed: a.parsed.Load() > parsed, Executed: a.executed.Load() > executed}
}

func post(body string, header ...string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/graphql", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return r
}

func get(query string, header ...string) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "/graphql?query="+url.QueryEscape(query), nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	return r
}

const (
	missBody = `{"data":{"n":1},"extensions":{"responseCache":"miss"}}`
	hitBody  = `{"data":{"n":1},"extensions":{"cypherRoundTrips":0,"responseCache":"hit"}}`
	q        = `{"query":"{ n }"}`
)

func TestRepeatedRequests(t *testing.T) {
	a := newAPI(t, respcache.New(1<<20))
	want := reply{Status: 200, ContentType: "application/json", Body: missBody, Parsed: true, Executed: true}
	if diff := cmp.Diff(want, a.do(post(q))); diff != "" {
		t.Fatalf("the first request (-want +got):\n%s", diff)
	}
	t.Run("the same bytes are answered before GraphQL parses them", func(t *testing.T) {
		want := reply{Status: 200, ContentType: "application/json", Body: hitBody}
		if diff := cmp.Diff(want, a.do(post(q))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("other bytes go to GraphQL", func(t *testing.T) {
		if got := a.do(post(`{"query": "{ n }"}`)); !got.Executed || got.Body != missBody {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("another Accept header is another request, answered in the type it asks for", func(t *testing.T) {
		for _, accept := range []string{"application/graphql-response+json", "application/graphql-response+json, application/json"} {
			first, again := a.do(post(q, "Accept", accept)), a.do(post(q, "Accept", accept))
			if !first.Executed || again.Executed || again.Body != hitBody ||
				first.ContentType != "application/graphql-response+json" || again.ContentType != first.ContentType {
				t.Errorf("Accept: %s: first %+v, again %+v", accept, first, again)
			}
		}
	})
	t.Run("a newer graph version is not answered from the cache", func(t *testing.T) {
		a.version.Add(1)
		if got := a.do(post(q)); !got.Executed || got.Body != missBody {
			t.Errorf("got %+v", got)
		}
		if got := a.do(post(q)); got.Executed || got.Body != hitBody {
			t.Errorf("at the new version, again: %+v", got)
		}
	})
	t.Run("requests that are not shared are neither answered nor kept", func(t *testing.T) {
		a.private.Store(true)
		defer a.private.Store(false)
		body := `{"query":"{ n } "}`
		for i := 0; i < 2; i++ {
			want := reply{Status: 200, ContentType: "application/json", Body: `{"data":{"n":1}}`, Parsed: true, Executed: true}
			if diff := cmp.Diff(want, a.do(post(body))); diff != "" {
				t.Errorf("try %d (-want +got):\n%s", i, diff)
			}
		}
		a.private.Store(false)
		if got := a.do(post(body)); !got.Executed {
			t.Errorf("the private answer was kept: %+v", got)
		}
	})
	t.Run("without the graph version, requests go to GraphQL untouched", func(t *testing.T) {
		a.versionE.Store(true)
		defer a.versionE.Store(false)
		if got := a.do(post(q)); !got.Executed || got.Body != `{"data":{"n":1}}` {
			t.Errorf("got %+v", got)
		}
	})
}

func TestWhatIsNotKept(t *testing.T) {
	a := newAPI(t, respcache.New(1<<20))
	for _, tc := range []struct{ name, body, want string }{
		{"errors", `{"query":"{ fail }"}`, `{"errors":[{"message":"it failed"}],"data":{"fail":null},"extensions":{"responseCache":"miss"}}`},
		{"mutations", `{"query":"mutation { m }"}`, `{"data":{"m":1}}`},
		{"refused requests", `{"query":"{ nope }"}`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := 0; i < 2; i++ {
				got := a.do(post(tc.body))
				if !got.Parsed || tc.want != "" && got.Body != tc.want {
					t.Errorf("try %d: %+v, want %s from GraphQL", i, got, tc.want)
				}
				if got.ETag != "" {
					t.Errorf("try %d: ETag %s", i, got.ETag)
				}
			}
		})
	}
	t.Run("answers over a sixteenth of the cache", func(t *testing.T) {
		small := newAPI(t, respcache.New(16*64)) // an entry may take 64 bytes, with its overhead
		for i := 0; i < 2; i++ {
			if got := small.do(post(q)); !got.Executed {
				t.Errorf("try %d was answered from the cache", i)
			}
		}
	})
	t.Run("anything with the cache off", func(t *testing.T) {
		off := newAPI(t, respcache.New(0))
		for i := 0; i < 2; i++ {
			if got := off.do(post(q)); !got.Executed || got.Body != `{"data":{"n":1}}` {
				t.Errorf("try %d: %+v", i, got)
			}
		}
	})
}

func TestGETValidators(t *testing.T) {
	a := newAPI(t, respcache.New(1<<20))
	first := a.do(get("{ n }"))
	if first.Status != 200 || first.ETag == "" || first.CacheControl != "no-cache" || first.Body != missBody {
		t.Fatalf("first GET: %+v", first)
	}
	t.Run("the answer from the cache has the same ETag", func(t *testing.T) {
		want := reply{Status: 200, ContentType: "application/json", ETag: first.ETag, CacheControl: "no-cache", Body: hitBody}
		if diff := cmp.Diff(want, a.do(get("{ n }"))); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("If-None-Match with the ETag is answered 304 before GraphQL", func(t *testing.T) {
		for _, inm := range []string{first.ETag, `"other", ` + first.ETag, strings.TrimPrefix(first.ETag, "W/")} {
			want := reply{Status: http.StatusNotModified, ETag: first.ETag, CacheControl: "no-cache"}
			if diff := cmp.Diff(want, a.do(get("{ n }", "If-None-Match", inm))); diff != "" {
				t.Errorf("If-None-Match: %s (-want +got):\n%s", inm, diff)
			}
		}
	})
	t.Run("another request's ETag does not match", func(t *testing.T) {
		if got := a.do(get("{ n n }", "If-None-Match", first.ETag)); got.Status != 200 || got.ETag == first.ETag {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("after a write the ETag changes", func(t *testing.T) {
		a.version.Add(1)
		got := a.do(get("{ n }", "If-None-Match", first.ETag))
		if got.Status != 200 || got.ETag == "" || got.ETag == first.ETag || !got.Executed {
			t.Errorf("got %+v, want a new answer with a new ETag", got)
		}
	})
	t.Run("the ETag is still checked once the answer has left the cache", func(t *testing.T) {
		b := newAPI(t, respcache.New(16*64)) // keeps nothing
		tag := b.do(get("{ n }")).ETag
		if got := b.do(get("{ n }", "If-None-Match", tag)); tag == "" || got.Status != http.StatusNotModified || got.Parsed {
			t.Errorf("ETag %q, then %+v", tag, got)
		}
	})
	t.Run("POST answers carry no ETag", func(t *testing.T) {
		if got := a.do(post(q)); got.ETag != "" || got.CacheControl != "" {
			t.Errorf("got %+v", got)
		}
	})
	t.Run("requests that are not shared carry no ETag and are never 304", func(t *testing.T) {
		tag := a.do(get("{ n }")).ETag
		a.private.Store(true)
		defer a.private.Store(false)
		if got := a.do(get("{ n }", "If-None-Match", tag)); got.Status != 200 || got.ETag != "" || !got.Executed {
			t.Errorf("got %+v", got)
		}
	})
}

// TestBodyReachesGraphQLWhole checks that a POST body read for its key is still read by gqlgen.
func TestBodyReachesGraphQLWhole(t *testing.T) {
	a := newAPI(t, respcache.New(1<<20))
	r := post(`{"query":"query A { m: n } query B { n }","operationName":"B","variables":{}}`)
	got := a.do(r)
	if got.Body != missBody {
		t.Errorf("got %s", got.Body)
	}
	if b, _ := io.ReadAll(r.Body); len(b) != 0 {
		t.Errorf("%d bytes of the body were left unread", len(b))
	}
}
