package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/99designs/gqlgen/graphql/handler/testserver"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// TestGETMutation checks the rule against mutations over GET by itself, on gqlgen's test schema.
func TestGETMutation(t *testing.T) {
	h := testserver.New()
	h.AddTransport(transport.GET{})
	h.Use(limiter{limits: DefaultLimits(), introspection: true})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(withRequest(r.Context(), &request{method: r.Method})))
	}))
	defer ts.Close()
	for _, tc := range []struct{ query, code string }{
		{"mutation { name }", CodeGETMutation},
		{"{ name }", ""},
	} {
		resp, err := http.Get(ts.URL + "?query=" + url.QueryEscape(tc.query))
		if err != nil {
			t.Fatal(err)
		}
		var out struct {
			Errors []struct{ Extensions struct{ Code string } }
		}
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		got := ""
		if len(out.Errors) > 0 {
			got = out.Errors[0].Extensions.Code
		}
		if got != tc.code {
			t.Errorf("GET %s: code %q, want %q", tc.query, got, tc.code)
		}
	}
}
