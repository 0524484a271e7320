package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
	"github.com/relgraph/relgraph/server/respcache"
)

func TestResponseCache(t *testing.T) {
	store := neo4jtest.Shared(t) // the store the server writes through
	base := serveAPI(t, nil)
	ctx := context.Background()
	key := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: fmt.Sprintf("cache-%08x", rand.Uint32())}
	id := graph.NewID(graph.Topic, graph.SchemeKey, key.Value)
	rename := func(w graph.Writer, name string) {
		t.Helper()
		if _, err := w.UpsertNodes(ctx, []graph.NodeInput{{Key: key, Props: map[string]any{"name": name}, Prov: graph.Provenance{Source: "test"}}}); err != nil {
			t.Fatal(err)
		}
	}
	const q = `query($id: ID!) { node(id: $id) { label } }`
	label := func(a answer) string {
		n, _ := a.Data["node"].(map[string]any)
		s, _ := n["label"].(string)
		return s
	}
	read := func() (string, string) {
		t.Helper()
		a := ask(t, base, q, map[string]any{"id": id})
		if len(a.Errors) > 0 {
			t.Fatalf("errors: %s", a.message())
		}
		c, _ := a.Extensions["responseCache"].(string)
		return label(a), c
	}
	rename(store, "first name")

	t.Run("a repeated query is answered from the cache", func(t *testing.T) {
		read()
		got, cache := read()
		if got != "first name" || cache != "hit" {
			t.Errorf("label %q, cache %q; want first name from a hit", got, cache)
		}
	})
	t.Run("other variables are another entry", func(t *testing.T) {
		a := ask(t, base, q, map[string]any{"id": "t-0000000000000000"})
		if c := a.Extensions["responseCache"]; c != "miss" {
			t.Errorf("cache %v, want miss", c)
		}
	})
	t.Run("a write through the server's store is seen at once", func(t *testing.T) {
		read()
		rename(store, "second name")
		got, cache := read()
		if got != "second name" || cache != "miss" {
			t.Errorf("label %q, cache %q; want second name from a miss", got, cache)
		}
	})
	t.Run("errors are not kept", func(t *testing.T) {
		for i := 0; i < 2; i++ {
			a := ask(t, base, `{ relations(id: "w-0000000000000000") { truncated } }`, nil)
			if a.code() != "NOT_FOUND" || a.Extensions["responseCache"] != "miss" {
				t.Errorf("try %d: code %q, cache %v; want NOT_FOUND from a miss", i, a.code(), a.Extensions["responseCache"])
			}
		}
	})
	t.Run("readers racing with writes never see a name older than the last write", func(t *testing.T) {
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for i := 0; i < 4; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
						ask(t, base, q, map[string]any{"id": id})
					}
				}
			}()
		}
		for i := 0; i < 15; i++ {
			name := fmt.Sprintf("race %d", i)
			rename(store, name)
			if got, cache := read(); got != name {
				t.Errorf("after writing %q: read %q (cache %s)", name, got, cache)
			}
		}
		close(stop)
		wg.Wait()
	})
	t.Run("a write by another process is seen within the version's max age", func(t *testing.T) {
		read()
		rename(neo4jtest.Store(t), "renamed elsewhere")
		deadline := time.Now().Add(3 * time.Second)
		for {
			if got, _ := read(); got == "renamed elsewhere" {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the other process's write was not seen within 3s")
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	t.Run("a GET is revalidated with its ETag until a write", func(t *testing.T) {
		vars, _ := json.Marshal(map[string]any{"id": id})
		u := base + "/graphql?" + url.Values{"query": {q}, "variables": {string(vars)}}.Encode()
		revalidate := func(etag string) *http.Response {
			t.Helper()
			req, _ := http.NewRequest(http.MethodGet, u, nil)
			if etag != "" {
				req.Header.Set("If-None-Match", etag)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp
		}
		first := revalidate("")
		etag := first.Header.Get("ETag")
		if first.StatusCode != 200 || etag == "" || first.Header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("first GET: %d, ETag %q, Cache-Control %q", first.StatusCode, etag, first.Header.Get("Cache-Control"))
		}
		if resp := revalidate(etag); resp.StatusCode != http.StatusNotModified || resp.Header.Get("ETag") != etag {
			t.Errorf("revalidated: %d, ETag %q; want 304 with the same ETag", resp.StatusCode, resp.Header.Get("ETag"))
		}
		rename(store, "named after the ETag")
		if resp := revalidate(etag); resp.StatusCode != 200 || resp.Header.Get("ETag") == etag {
			t.Errorf("after a write: %d, ETag %q; want 200 with a new ETag", resp.StatusCode, resp.Header.Get("ETag"))
		}
	})
	t.Run("the cache can be turned off", func(t *testing.T) {
		off := serveAPI(t, func(o *server.Options) { o.Cache = respcache.New(0) }) // -response-cache-mb 0
		for i := 0; i < 2; i++ {
			if a := ask(t, off, q, map[string]any{"id": id}); a.Extensions["responseCache"] != nil {
				t.Errorf("responseCache %v with the cache off", a.Extensions["responseCache"])
			}
		}
	})
}
