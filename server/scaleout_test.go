package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
)

// seenWithin is how soon a replica sees a write made through another: the graph version a store
// keeps in memory for at most neo4j.Config.VersionMaxAge, one second by default (README,
// "Scale-out"), plus the time of the request that reads it.
const seenWithin = time.Second + 500*time.Millisecond

// replica serves the API over store as one of several relgraph servers behind a load balancer:
// its own driver, graph version, response cache and readiness. It returns the replica's URL.
func replica(t *testing.T, store *neo4j.Store, waitReady bool) string {
	t.Helper()
	srv := newServer(t, store, nil, neo4jtest.Logger())
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go srv.Watch(ctx)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	for i := 0; waitReady && !srv.Ready(); i++ {
		if i > 600 {
			t.Fatal("the replica never became ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
	return ts.URL
}

// callAs posts a GraphQL request to base with the given headers and cookies.
func callAs(t *testing.T, base, query string, vars map[string]any, header http.Header, cookies []*http.Cookie) answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", base+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header[k] = v
	}
	for _, c := range cookies {
		req.AddCookie(c)
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
	return a
}

func dig(data map[string]any, path string) any {
	var v any = data
	for _, k := range strings.Split(path, ".") {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}

func readyz(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// closedPort returns the address of a local port that nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

// TestScaleOut runs two replicas over the one test database, as relgraph runs behind a load
// balancer.
func TestScaleOut(t *testing.T) {
	ctx := context.Background()
	// Replicas share their cursor keys (-cursor-keys), as the README says they must.
	keys := [][]byte{[]byte(fmt.Sprintf("scaleout-key-%016x", rand.Uint64()))}
	open := func() *neo4j.Store {
		cfg := neo4jtest.Config(t)
		cfg.CursorKeys = keys
		s, err := neo4j.Open(cfg, neo4jtest.Logger())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close(context.Background()) })
		return s
	}
	storeA, storeB := open(), open()
	a, b := replica(t, storeA, true), replica(t, storeB, true)
	run := fmt.Sprintf("%08x", rand.Uint32())
	_, token, err := storeA.CreateToken(ctx, "scaleout-"+run, graph.RoleCurator, time.Hour, "test")
	if err != nil {
		t.Fatal(err)
	}
	bearer := http.Header{"Authorization": {"Bearer " + token}}
	const me = `{ me { authenticated name } }`

	t.Run("an API token works on both", func(t *testing.T) {
		for name, base := range map[string]string{"a": a, "b": b} {
			r := callAs(t, base, me, nil, bearer, nil)
			if dig(r.Data, "me.authenticated") != true || dig(r.Data, "me.name") != "scaleout-"+run {
				t.Errorf("replica %s: me %v, errors %+v", name, r.Data["me"], r.Errors)
			}
		}
	})

	t.Run("a session made on one works on the other", func(t *testing.T) {
		req, _ := http.NewRequest("POST", a+"/auth/session", strings.NewReader(`{"token":"`+token+`"}`))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var info struct{ CSRFToken string }
		json.NewDecoder(resp.Body).Decode(&info)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("sign-in on a: %d", resp.StatusCode)
		}
		cookies, csrf := resp.Cookies(), http.Header{server.CSRFHeader: {info.CSRFToken}}
		if r := callAs(t, b, me, nil, csrf, cookies); dig(r.Data, "me.authenticated") != true {
			t.Errorf("b does not know a's session: me %v, errors %+v", r.Data["me"], r.Errors)
		}
		r := callAs(t, b, `mutation($name: String!) { createEntity(kind: PERSON, properties: {name: $name}) { entity { id } } }`,
			map[string]any{"name": "Session person " + run}, csrf, cookies)
		if len(r.Errors) > 0 || dig(r.Data, "createEntity.entity.id") == nil {
			t.Errorf("a mutation on b with a's session: errors %+v", r.Errors)
		}
	})

	t.Run("a write through one is seen through the other within a second, its response cache included", func(t *testing.T) {
		r := callAs(t, a, `mutation($name: String!) { createEntity(kind: PERSON, properties: {name: $name}) { entity { id } version } }`,
			map[string]any{"name": "First " + run}, bearer, nil)
		id, _ := dig(r.Data, "createEntity.entity.id").(string)
		version, _ := dig(r.Data, "createEntity.version").(float64)
		if id == "" {
			t.Fatalf("createEntity on a: %+v", r.Errors)
		}
		const label = `query ScaleOutLabel($id: ID!) { node(id: $id) { label } }`
		read := func() (string, any) {
			r := callAs(t, b, label, map[string]any{"id": id}, nil, nil)
			l, _ := dig(r.Data, "node.label").(string)
			return l, r.Extensions["responseCache"]
		}
		// b may see the new entity up to a second late too; then it keeps the answer.
		deadline := time.Now().Add(seenWithin)
		for l, _ := read(); l != "First "+run; l, _ = read() {
			if time.Now().After(deadline) {
				t.Fatalf("b did not see the entity within %s: label %q", seenWithin, l)
			}
			time.Sleep(20 * time.Millisecond)
		}
		if l, cache := read(); l != "First "+run || cache != "hit" {
			t.Fatalf("b's second read: label %q, cache %v; want the name from a hit", l, cache)
		}
		r = callAs(t, a, `mutation($id: ID!, $v: Int!, $set: JSON) { updateEntity(id: $id, version: $v, set: $set) { version } }`,
			map[string]any{"id": id, "v": version, "set": map[string]any{"name": "Second " + run}}, bearer, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("updateEntity on a: %+v", r.Errors)
		}
		written := time.Now()
		for {
			l, _ := read()
			if l == "Second "+run {
				t.Logf("b saw the write after %s", time.Since(written).Round(time.Millisecond))
				break
			}
			if time.Since(written) > seenWithin {
				t.Fatalf("b still answers %q %s after the write", l, seenWithin)
			}
			time.Sleep(20 * time.Millisecond)
		}
	})

	t.Run("a cursor from one pages on the other", func(t *testing.T) {
		const search = `query($q: String!, $after: String) { search(query: $q, first: 1, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }`
		first := callAs(t, a, search, map[string]any{"q": run}, nil, nil)
		cursor, _ := dig(first.Data, "search.pageInfo.endCursor").(string)
		if cursor == "" || dig(first.Data, "search.pageInfo.hasNextPage") != true {
			t.Fatalf("search on a: %v, errors %+v", first.Data, first.Errors)
		}
		next := callAs(t, b, search, map[string]any{"q": run, "after": cursor}, nil, nil)
		edges, _ := dig(next.Data, "search.edges").([]any)
		if len(next.Errors) > 0 || len(edges) != 1 {
			t.Errorf("the next page on b: %v, errors %+v", next.Data, next.Errors)
		}
		other := replica(t, neo4jtest.Store(t), true) // a key of its own
		if r := callAs(t, other, search, map[string]any{"q": run, "after": cursor}, nil, nil); r.code() != graph.EInvalid {
			t.Errorf("a replica with another key answers %q, want INVALID", r.code())
		}
	})

	t.Run("readiness follows each replica's database", func(t *testing.T) {
		for name, base := range map[string]string{"a": a, "b": b} {
			if code := readyz(t, base); code != http.StatusOK {
				t.Errorf("replica %s: /readyz %d, want 200", name, code)
			}
		}
		cfg := neo4jtest.Config(t)
		cfg.URI = "bolt://" + closedPort(t)
		down, err := neo4j.Open(cfg, neo4jtest.Logger())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { down.Close(context.Background()) })
		c := replica(t, down, false)
		time.Sleep(200 * time.Millisecond) // its first check fails at once: nothing listens
		if code := readyz(t, c); code != http.StatusServiceUnavailable {
			t.Errorf("a replica whose database is down: /readyz %d, want 503", code)
		}
		if r := callAs(t, c, me, nil, nil, nil); r.code() != graph.EUnavailable {
			t.Errorf("a replica whose database is down answers %q, want UNAVAILABLE", r.code())
		}
		for name, base := range map[string]string{"a": a, "b": b} {
			if code := readyz(t, base); code != http.StatusOK {
				t.Errorf("replica %s after another's database went down: /readyz %d, want 200", name, code)
			}
		}
	})
}
