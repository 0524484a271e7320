package server_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/server"
)

// exchange is one HTTP request to /graphql and its answer, decoded loosely so that the presence
// of each entry can be checked.
type exchange struct {
	status      int
	contentType string
	allow       string
	body        map[string]any
}

func (e exchange) code() string {
	errs, _ := e.body["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	ext, _ := errs[0].(map[string]any)["extensions"].(map[string]any)
	code, _ := ext["code"].(string)
	return code
}

func (e exchange) message() string {
	errs, _ := e.body["errors"].([]any)
	if len(errs) == 0 {
		return ""
	}
	msg, _ := errs[0].(map[string]any)["message"].(string)
	return msg
}

// call sends a POST with body, or a GET with body as the URL's query string, accepting accept
// ("" sends no Accept header), with a bearer token unless it is "".
func call(t *testing.T, base, method, accept, body, token string) exchange {
	t.Helper()
	var req *http.Request
	if method == http.MethodGet {
		req, _ = http.NewRequest(method, base+"/graphql?"+body, nil)
	} else {
		req, _ = http.NewRequest(method, base+"/graphql", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	e := exchange{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), allow: resp.Header.Get("Allow")}
	if err := json.Unmarshal(b, &e.body); err != nil {
		t.Fatalf("HTTP %d, not JSON: %v\n%.300s", resp.StatusCode, err, b)
	}
	return e
}

func jsonBody(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Issue 14, cases 1 and 2: a request that is not a GraphQL request is the client's mistake, answered
// 400 with a code of its own and the reason, never INTERNAL, and without a data entry.
func TestRequestProblems(t *testing.T) {
	base := serveAPI(t, nil)
	const q = `{ __typename }`
	other := sha256.Sum256([]byte(`{ other }`))
	persisted := func(version any, hash string) map[string]any {
		return map[string]any{"persistedQuery": map[string]any{"version": version, "sha256Hash": hash}}
	}
	deep := `{"query":"{ __typename }","variables":{"a":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`
	for _, tc := range []struct {
		name, method, body string
		code, says         string
	}{
		{"an empty body", "POST", ``, server.CodeBadRequest, "empty"},
		{"a truncated body", "POST", `{"query": "{ __typen`, server.CodeBadRequest, "not valid JSON"},
		{"a body that is not JSON", "POST", `{ "not a JSON`, server.CodeBadRequest, "not valid JSON"},
		{"a body that is not an object", "POST", `"{ __typename }"`, server.CodeBadRequest, "must be a JSON object"},
		{"a query that is a number", "POST", `{"query": 1}`, server.CodeBadRequest, "`query` must be a string, not a number"},
		{"variables that are a string", "POST", `{"query": "{ __typename }", "variables": "x"}`, server.CodeBadRequest, "`variables` must be an object, not a string"},
		{"an operationName that is an object", "POST", `{"query": "{ __typename }", "operationName": {}}`, server.CodeBadRequest, "`operationName` must be a string"},
		{"extensions that are a list", "POST", `{"query": "{ __typename }", "extensions": []}`, server.CodeBadRequest, "`extensions` must be an object"},
		{"arrays nested 20,000 deep", "POST", deep, server.CodeBadRequest, "levels deep"},
		{"no query", "POST", `{"qeury": "{ __typename }"}`, server.CodeBadRequest, "no `query`"},
		{"bytes after the JSON body", "POST", `{"query": "{ __typename }"} {"query": "{ __typename }"}`, server.CodeBadRequest, "more after its JSON object"},
		{"a persisted-query hash that does not match its query", "POST",
			jsonBody(map[string]any{"query": q, "extensions": persisted(1, hex.EncodeToString(other[:]))}), server.CodePersistedQueryMismatch, "hash"},
		{"persisted queries of version 2", "POST",
			jsonBody(map[string]any{"extensions": persisted(2, hex.EncodeToString(other[:]))}), server.CodePersistedQueryNotSupported, "version 2"},
		{"a GET with variables that cannot be decoded", "GET", "query=" + url.QueryEscape(q) + "&variables=" + url.QueryEscape(`{x`), server.CodeBadRequest, "`variables` is not valid JSON"},
		{"a GET with variables that are not an object", "GET", "query=" + url.QueryEscape(q) + "&variables=" + url.QueryEscape(`[1]`), server.CodeBadRequest, "`variables` must be a JSON object"},
		{"a GET with extensions that cannot be decoded", "GET", "query=" + url.QueryEscape(q) + "&extensions=" + url.QueryEscape(`{`), server.CodeBadRequest, "`extensions` is not valid JSON"},
		{"a GET without a query", "GET", "operationName=x", server.CodeBadRequest, "no `query`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, accept := range []string{"", "application/json", "application/graphql-response+json"} {
				e := call(t, base, tc.method, accept, tc.body, "")
				if e.status != http.StatusBadRequest || e.code() != tc.code || !strings.Contains(e.message(), tc.says) {
					t.Errorf("Accept %q: HTTP %d code %q (%s); want 400 %s saying %q", accept, e.status, e.code(), e.message(), tc.code, tc.says)
				}
				if _, ok := e.body["data"]; ok {
					t.Errorf("Accept %q: a data entry in the answer to a bad request: %v", accept, e.body)
				}
			}
		})
	}
}

// Issue 14, case 1: properties that are not an object are the client's mistake, INVALID.
func TestArgumentsOfTheWrongShape(t *testing.T) {
	a := newAPI(t)
	for _, tc := range []struct{ name, query string }{
		{"createEntity", `mutation($p: JSON!) { createEntity(kind: WORK, properties: $p) { entity { id } } }`},
		{"addLink", `mutation($p: JSON) { addLink(source: "a", type: "CITES", target: "b", properties: $p) { outcome } }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, p := range []any{"a string", 42, []any{1}} {
				r := a.do("admin", tc.query, map[string]any{"p": p})
				if r.code() != "INVALID" || !strings.Contains(r.Errors[0].Message, "properties") {
					t.Errorf("properties %v: %+v; want INVALID naming properties", p, r.Errors)
				}
			}
		})
	}
}

// Issue 14, case 8: GraphQL over HTTP's status codes. A request GraphQL refuses before running it
// (parse, validation, variable coercion) answers 200 with application/json and 400 with
// application/graphql-response+json, in that media type, never with a data entry; a mutation over
// GET answers 405.
func TestGraphQLOverHTTP(t *testing.T) {
	base := serveAPI(t, nil)
	refused := []struct{ name, body, code string }{
		{"a parse failure", jsonBody(map[string]any{"query": "{"}), "GRAPHQL_PARSE_FAILED"},
		{"a validation failure", jsonBody(map[string]any{"query": "{ noSuchField }"}), "GRAPHQL_VALIDATION_FAILED"},
		{"a variable coercion failure", jsonBody(map[string]any{"query": `query($id: ID!) { __typename }`, "variables": map[string]any{"id": nil}}), "GRAPHQL_VALIDATION_FAILED"},
		{"a limit", jsonBody(map[string]any{"query": `{ node(id: "x") { id } }` + strings.Repeat(" ", 15001)}), server.CodeCharacters},
	}
	for _, tc := range refused {
		for _, m := range []struct {
			accept, media string
			status        int
		}{
			{"", "application/json", 200},
			{"application/json", "application/json", 200},
			{"*/*", "application/json", 200},
			{"application/graphql-response+json", "application/graphql-response+json", 400},
			{"application/graphql-response+json, application/json;q=0.9", "application/graphql-response+json", 400},
		} {
			t.Run(fmt.Sprintf("%s accepting %q", tc.name, m.accept), func(t *testing.T) {
				e := call(t, base, "POST", m.accept, tc.body, "")
				if e.status != m.status || e.code() != tc.code || !strings.HasPrefix(e.contentType, m.media) {
					t.Errorf("HTTP %d %s code %q (%s); want %d %s code %q", e.status, e.contentType, e.code(), e.message(), m.status, m.media, tc.code)
				}
				if _, ok := e.body["data"]; ok {
					t.Errorf("a data entry: %v", e.body)
				}
			})
		}
	}
	t.Run("a query answers in the media type asked for", func(t *testing.T) {
		for _, media := range []string{"application/json", "application/graphql-response+json"} {
			e := call(t, base, "POST", media, jsonBody(map[string]any{"query": "{ __typename }"}), "")
			if e.status != 200 || e.contentType != media+"; charset=utf-8" || e.body["data"] == nil {
				t.Errorf("%s: HTTP %d %s %v", media, e.status, e.contentType, e.body)
			}
		}
	})
	t.Run("a mutation over GET answers 405", func(t *testing.T) {
		e := call(t, base, "GET", "application/graphql-response+json", "query="+url.QueryEscape(`mutation { withdrawProposal(id: "x") { proposal { id } } }`), "")
		if e.status != http.StatusMethodNotAllowed || e.allow != "POST" || e.code() != server.CodeGETMutation {
			t.Errorf("HTTP %d Allow %q code %q", e.status, e.allow, e.code())
		}
	})
}

// Issue 14, case 9: messages name what is wrong, reject what GraphQL's coercion rejects, and quote
// inputs cut short.
func TestRequestMessages(t *testing.T) {
	base := serveAPI(t, nil)
	const page = `query($n: Int) { search(query: "x", first: $n) { totalCount } }`
	const required = `query($n: Int!) { search(query: "x", first: $n) { totalCount } }`
	for _, tc := range []struct {
		name  string
		body  map[string]any
		code  string
		wants string // the message, exactly
	}{
		{"a required variable not given names it", map[string]any{"query": required},
			"GRAPHQL_VALIDATION_FAILED", "variable $n of type Int! is required but was not given"},
		{"a required variable given null names it", map[string]any{"query": required, "variables": map[string]any{"n": nil}},
			"GRAPHQL_VALIDATION_FAILED", "variable $n of type Int! cannot be null"},
		{"first: 1.5 says 1.5", map[string]any{"query": page, "variables": map[string]any{"n": 1.5}},
			"GRAPHQL_VALIDATION_FAILED", "variable $n is 1.5, not an Int (a whole number from -2147483648 to 2147483647)"},
		{"the string \"10\" is not an Int", map[string]any{"query": page, "variables": map[string]any{"n": "10"}},
			"GRAPHQL_VALIDATION_FAILED", `variable $n is the string "10", not an Int (a whole number from -2147483648 to 2147483647)`},
		{"an Int beyond 32 bits is not an Int", map[string]any{"query": page, "variables": map[string]any{"n": 1 << 40}},
			"GRAPHQL_VALIDATION_FAILED", "variable $n is 1099511627776, not an Int (a whole number from -2147483648 to 2147483647)"},
		{"an enum value is spelt exactly", map[string]any{"query": `query($k: [Kind!]) { search(query: "x", kinds: $k) { totalCount } }`, "variables": map[string]any{"k": []any{"work"}}},
			"GRAPHQL_VALIDATION_FAILED", `variable $k[0] is the string "work", not a value of Kind`},
		{"two operations without operationName", map[string]any{"query": `query A { __typename } query B { __typename }`},
			"GRAPHQL_VALIDATION_FAILED", "the document has 2 operations; name the one to run in operationName"},
		{"an operationName that is not in the document", map[string]any{"query": `query A { __typename }`, "operationName": "B"},
			"GRAPHQL_VALIDATION_FAILED", `the document has no operation named "B"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := call(t, base, "POST", "", jsonBody(tc.body), "")
			if e.code() != tc.code {
				t.Errorf("code %q, want %q", e.code(), tc.code)
			}
			if diff := cmp.Diff(tc.wants, e.message()); diff != "" {
				t.Errorf("message (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("a variable of the right types is accepted", func(t *testing.T) {
		e := call(t, base, "POST", "", jsonBody(map[string]any{"query": page, "variables": map[string]any{"n": 10}}), "")
		if e.code() != "" {
			t.Errorf("code %q (%s)", e.code(), e.message())
		}
	})
	t.Run("a 10,000-character input is quoted cut short", func(t *testing.T) {
		a := newAPI(t)
		long := strings.Repeat("X", 10000)
		r := a.do("admin", `mutation($t: String!) { addLink(source: "a", type: $t, target: "b") { outcome } }`, map[string]any{"t": long})
		if len(r.Errors) == 0 {
			t.Fatal("accepted")
		}
		msg := r.Errors[0].Message
		if n := utf8.RuneCountInString(msg); n > 300 || !strings.Contains(msg, strings.Repeat("X", 100)+"…") {
			t.Errorf("%d characters: %.300s", n, msg)
		}
	})
}

// lockedBuffer is a log destination that tests read while the server writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// Issue 14, case 1: bad requests are logged at INFO with their size and a hash, never their
// content, and a few per client at most: 100 bodies of 60 KB no longer add 6 MB to the log.
func TestRequestProblemsAreLoggedShort(t *testing.T) {
	var logged lockedBuffer
	base := serveAPI(t, func(o *server.Options) {
		o.Log = slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelInfo}))
	})
	marker := "MARKER" + strings.Repeat("y", 60<<10)
	for i := 0; i < 100; i++ {
		bad := `{"query": "{ __typename }", "variables": "` + marker + `"`
		if e := call(t, base, "POST", "", bad, ""); e.code() != server.CodeBadRequest {
			t.Fatalf("code %q (%s)", e.code(), e.message())
		}
	}
	log := logged.String()
	if strings.Contains(log, "MARKER") {
		t.Error("the log holds a request's content")
	}
	if strings.Contains(log, "level=ERROR") {
		t.Errorf("a client's mistake logged as an error:\n%.1000s", log)
	}
	n := strings.Count(log, `msg="request refused"`)
	if n == 0 || n > 10 || len(log) > 10<<10 {
		t.Errorf("%d lines about refused requests, %d bytes of log; want a few, rate-limited", n, len(log))
	}
	if !strings.Contains(log, "bytes=61") || !strings.Contains(log, "sha256=") || !strings.Contains(log, "level=INFO") {
		t.Errorf("the size and hash are missing:\n%.1000s", log)
	}
}
