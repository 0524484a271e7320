package server_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
)

// BenchmarkAuthentication measures what credentials add to a request: the same small query
// anonymously (the baseline), with a bearer token and with an explorer session. Report the ratios.
func BenchmarkAuthentication(b *testing.B) {
	a := newAPI(b)
	body := []byte(`{"query":"{ me { name } node(id: \"c-mr\") { label } }"}`)
	req, _ := http.NewRequest("POST", a.url+"/auth/session", strings.NewReader(`{"token":"`+a.tokens["curator"]+`"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	var csrf string
	for _, c := range cookies {
		if c.Name == "relgraph_csrf" {
			csrf = c.Value
		}
	}
	for _, tc := range []struct {
		name string
		set  func(*http.Request)
	}{
		{"anonymous", func(*http.Request) {}},
		{"bearer", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+a.tokens["curator"]) }},
		{"session", func(r *http.Request) {
			for _, c := range cookies {
				r.AddCookie(c)
			}
			r.Header.Set("X-CSRF-Token", csrf)
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				r, _ := http.NewRequest("POST", a.url+"/graphql", bytes.NewReader(body))
				r.Header.Set("Content-Type", "application/json")
				tc.set(r)
				resp, err := http.DefaultClient.Do(r)
				if err != nil {
					b.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("status %d", resp.StatusCode)
				}
			}
		})
	}
}
