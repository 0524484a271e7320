package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
)

// api is a running server on the test database, with a token per role.
type api struct {
	t      testing.TB // the test using it: newAPI returns a copy per test
	url    string
	store  *neo4j.Store
	tokens map[string]string // by role name; "" is anonymous
	run    string
}

var (
	apiOnce sync.Once
	shared  *api
)

func newAPI(t testing.TB) *api {
	t.Helper()
	apiOnce.Do(func() {
		store := neo4jtest.Shared(t)
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		srv := newServer(t, store, nil, log)
		go srv.Watch(context.Background())
		for i := 0; !srv.Ready(); i++ {
			if i > 200 {
				t.Fatal("server never became ready")
			}
			time.Sleep(50 * time.Millisecond)
		}
		ts := httptest.NewServer(srv.Handler())
		a := &api{t: t, url: ts.URL, store: store, tokens: map[string]string{}, run: fmt.Sprintf("s%08x", rand.Uint32())}
		for _, r := range []graph.Role{graph.RoleReader, graph.RoleCurator, graph.RoleAdmin} {
			_, secret, err := store.CreateToken(context.Background(), string(r)+"-"+a.run, r, time.Hour, "test")
			if err != nil {
				t.Fatal(err)
			}
			a.tokens[string(r)] = secret
		}
		_, secret, err := store.CreateToken(context.Background(), "carol-"+a.run, graph.RoleCurator, time.Hour, "test")
		if err != nil {
			t.Fatal(err)
		}
		a.tokens["carol"] = secret
		shared = a
	})
	if shared == nil {
		t.Fatal("setup failed")
	}
	a := *shared
	a.t = t
	return &a
}

// response is a GraphQL response with the first error's code.
type response struct {
	Data   map[string]any
	Errors []struct {
		Message    string
		Extensions struct{ Code string }
	}
	status int
}

func (r response) code() string {
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Extensions.Code
}

// get digs a value out of the data by a dotted path.
func (r response) get(path string) any {
	var v any = r.Data
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func (r response) str(path string) string { s, _ := r.get(path).(string); return s }

// do posts a GraphQL request as the holder of the token of who ("" for anonymous).
func (a *api) do(who, query string, vars map[string]any) response {
	a.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequest("POST", a.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+a.tokens[who])
	}
	return a.send(req)
}

func (a *api) send(req *http.Request) response {
	a.t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out response
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		a.t.Fatalf("%s %s: %d, not JSON: %.300s", req.Method, req.URL, resp.StatusCode, b)
	}
	out.status = resp.StatusCode
	return out
}

// must posts as who and fails the test on any error.
func (a *api) must(who, query string, vars map[string]any) response {
	a.t.Helper()
	r := a.do(who, query, vars)
	if len(r.Errors) > 0 {
		a.t.Fatalf("%s: %+v", query, r.Errors)
	}
	return r
}

// entities creates entities for one test case, with keys unique to it.
func (a *api) entities(name string) (work, work2, person, org string) {
	a.t.Helper()
	key := func(k graph.Kind, s string) graph.Ref {
		return graph.Ref{Kind: k, Scheme: graph.SchemeKey, Value: a.run + "-" + name + "-" + s}
	}
	prov := graph.Provenance{Source: "test"}
	w, w2, p, o := key(graph.Work, "w"), key(graph.Work, "w2"), key(graph.Person, "p"), key(graph.Organisation, "o")
	_, err := a.store.UpsertNodes(context.Background(), []graph.NodeInput{
		{Key: w, Props: map[string]any{"title": "Work " + name + " " + a.run}, Prov: prov},
		{Key: w2, Props: map[string]any{"title": "Other work " + name + " " + a.run}, Prov: prov},
		{Key: p, Props: map[string]any{"name": "Person " + name + " " + a.run}, Prov: prov},
		{Key: o, Props: map[string]any{"name": "Org " + name + " " + a.run}, Prov: prov},
	})
	if err != nil {
		a.t.Fatal(err)
	}
	_, err = a.store.UpsertEdges(context.Background(), []graph.EdgeInput{
		{Type: graph.Studies, From: w, To: o, Prov: prov},
		{Type: graph.Authored, From: p, To: w2, Prov: prov},
	})
	if err != nil {
		a.t.Fatal(err)
	}
	id := func(r graph.Ref) string { return graph.NewID(r.Kind, r.Scheme, r.Value) }
	return id(w), id(w2), id(p), id(o)
}

const (
	addLink         = `mutation($s: ID!, $t: String!, $d: ID!, $p: JSON) { addLink(source: $s, type: $t, target: $d, properties: $p, evidence: "https://example.org") { outcome message link { id provenance { curator evidence } } proposal { id } } }`
	retractLink     = `mutation($id: ID!) { retractLink(id: $id, reason: "wrong") { outcome link { retraction { by reason } } } }`
	restoreLink     = `mutation($id: ID!) { restoreLink(id: $id, reason: "right after all") { outcome } }`
	createEntity    = `mutation($name: String!) { createEntity(kind: PERSON, properties: {name: $name}) { entity { id label } version } }`
	updateEntity    = `mutation($id: ID!, $v: Int!, $set: JSON) { updateEntity(id: $id, version: $v, set: $set) { version entity { label } } }`
	mergeEntities   = `mutation($k: ID!, $d: ID!) { mergeEntities(keep: $k, duplicate: $d) { moved duplicate kept { id } } }`
	approveProposal = `mutation($id: ID!) { approveProposal(id: $id) { proposal { status reviewedBy } applied { outcome } } }`
	rejectProposal  = `mutation($id: ID!) { rejectProposal(id: $id, reason: "no evidence") { proposal { status } } }`
	withdraw        = `mutation($id: ID!) { withdrawProposal(id: $id) { proposal { status } } }`
	setPolicy       = `mutation($t: String!, $r: Boolean!) { setReviewPolicy(type: $t, review: $r) { type review setBy } }`
	linkQuery       = `query($id: ID!) { link(id: $id) { id retraction { by } } }`
)

// linkState says, as an admin sees it, whether a link exists and whether it is retracted.
func (a *api) linkState(id string) string {
	r := a.must("admin", linkQuery, map[string]any{"id": id})
	switch {
	case r.get("link") == nil:
		return "absent"
	case r.get("link.retraction") != nil:
		return "retracted"
	}
	return "live"
}

func (a *api) version(id string) float64 {
	r := a.must("", `query($id: ID!) { entityRecord(id: $id) { version } }`, map[string]any{"id": id})
	v, _ := r.get("entityRecord.version").(float64)
	return v
}

// TestRoleMatrix runs every mutation as anonymous, reader, curator and admin, and checks each
// outcome and, for refusals, that nothing changed.
func TestRoleMatrix(t *testing.T) {
	a := newAPI(t)
	roles := []string{"", "reader", "curator", "admin"}
	refused := map[string]string{"": graph.EUnauthenticated, "reader": graph.EForbidden}
	type step struct {
		query string
		vars  map[string]any
		check func(r response) // checks the answer and the state after
	}
	cases := []struct {
		name string
		// setup prepares a fresh case for one role and returns the request and its checks.
		setup func(role, name string) step
	}{
		{"addLink", func(role, name string) step {
			w, _, _, _ := a.entities(name)
			link := graph.LinkID(w, graph.CaseCountry, "c-mr")
			return step{addLink, map[string]any{"s": w, "t": "CASE_COUNTRY", "d": "MR"}, func(r response) {
				if refused[role] != "" {
					if got := a.linkState(link); got != "absent" {
						t.Errorf("the link is %s", got)
					}
					return
				}
				if r.str("addLink.outcome") != "CREATED" || r.str("addLink.link.id") != link ||
					r.str("addLink.link.provenance.curator") != role+"-"+a.run || r.str("addLink.link.provenance.evidence") != "https://example.org" {
					t.Errorf("got %+v", r.Data)
				}
			}}
		}},
		{"addLink of a type that needs review", func(role, name string) step {
			w, _, person, _ := a.entities(name)
			link := graph.LinkID(person, graph.Authored, w)
			return step{addLink, map[string]any{"s": person, "t": "AUTHORED", "d": w, "p": map[string]any{"position": 2}}, func(r response) {
				want := map[string]string{"curator": "PROPOSED", "admin": "CREATED"}[role]
				if got := r.str("addLink.outcome"); got != want {
					t.Errorf("outcome %q, want %q", got, want)
				}
				wantState := map[string]string{"admin": "live"}[role]
				if wantState == "" {
					wantState = "absent"
				}
				if got := a.linkState(link); got != wantState {
					t.Errorf("the link is %s, want %s", got, wantState)
				}
			}}
		}},
		{"retractLink", func(role, name string) step {
			w, _, _, o := a.entities(name)
			link := graph.LinkID(w, graph.Studies, o)
			return step{retractLink, map[string]any{"id": link}, func(r response) {
				want := map[string]string{"curator": "retracted", "admin": "retracted"}[role]
				if want == "" {
					want = "live"
				} else if r.str("retractLink.outcome") != "RETRACTED" || r.str("retractLink.link.retraction.by") != role+"-"+a.run {
					t.Errorf("got %+v", r.Data)
				}
				if got := a.linkState(link); got != want {
					t.Errorf("the link is %s, want %s", got, want)
				}
			}}
		}},
		{"restoreLink", func(role, name string) step {
			w, _, _, o := a.entities(name)
			link := graph.LinkID(w, graph.Studies, o)
			a.must("admin", retractLink, map[string]any{"id": link})
			return step{restoreLink, map[string]any{"id": link}, func(r response) {
				want := map[string]string{"curator": "live", "admin": "live"}[role]
				if want == "" {
					want = "retracted"
				} else if r.str("restoreLink.outcome") != "RESTORED" {
					t.Errorf("got %+v", r.Data)
				}
				if got := a.linkState(link); got != want {
					t.Errorf("the link is %s, want %s", got, want)
				}
			}}
		}},
		{"createEntity", func(role, name string) step {
			label := "Created " + a.run + strings.NewReplacer("-", "", " ", "").Replace(name)
			return step{createEntity, map[string]any{"name": label}, func(r response) {
				found := a.must("", `query($q: String!) { search(query: $q, kinds: [PERSON]) { totalCount } }`, map[string]any{"q": label})
				want := 1.0
				if refused[role] != "" {
					want = 0
				} else if r.str("createEntity.entity.label") != label || r.get("createEntity.version") != 1.0 {
					t.Errorf("got %+v", r.Data)
				}
				if got := found.get("search.totalCount"); got != want {
					t.Errorf("%v people named %q, want %v", got, label, want)
				}
			}}
		}},
		{"updateEntity", func(role, name string) step {
			w, _, _, _ := a.entities(name)
			v := a.version(w)
			return step{updateEntity, map[string]any{"id": w, "v": v, "set": map[string]any{"year": 2001}}, func(r response) {
				want := v + 1
				if refused[role] != "" {
					want = v
				} else if r.get("updateEntity.version") != v+1 {
					t.Errorf("got %+v", r.Data)
				}
				if got := a.version(w); got != want {
					t.Errorf("version %v, want %v", got, want)
				}
			}}
		}},
		{"mergeEntities", func(role, name string) step {
			_, _, p, _ := a.entities(name)
			_, _, dup, _ := a.entities(name + "dup")
			return step{mergeEntities, map[string]any{"k": p, "d": dup}, func(r response) {
				n := a.must("", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": dup})
				want := dup
				if refused[role] == "" {
					want = p
					if r.get("mergeEntities.moved") != 1.0 || r.str("mergeEntities.kept.id") != p {
						t.Errorf("got %+v", r.Data)
					}
				}
				if got := n.str("node.id"); got != want {
					t.Errorf("node(%s) is %s, want %s", dup, got, want)
				}
			}}
		}},
		{"approveProposal", func(role, name string) step {
			w, _, _, _ := a.entities(name)
			prop := a.must("carol", `mutation($s: ID!, $d: ID!) { addLink(source: $s, type: "HAS_TOPIC", target: $d, propose: true) { proposal { id link } } }`,
				map[string]any{"s": w, "d": a.topic(name)})
			id, link := prop.str("addLink.proposal.id"), prop.str("addLink.proposal.link")
			return step{approveProposal, map[string]any{"id": id}, func(r response) {
				want := "absent"
				if refused[role] == "" {
					want = "live"
					if r.str("approveProposal.proposal.status") != "APPROVED" || r.str("approveProposal.applied.outcome") != "CREATED" ||
						r.str("approveProposal.proposal.reviewedBy") != role+"-"+a.run {
						t.Errorf("got %+v", r.Data)
					}
				}
				if got := a.linkState(link); got != want {
					t.Errorf("the link is %s, want %s", got, want)
				}
			}}
		}},
		{"rejectProposal", func(role, name string) step {
			w, _, _, _ := a.entities(name)
			prop := a.must("carol", `mutation($s: ID!, $d: ID!) { addLink(source: $s, type: "HAS_TOPIC", target: $d, propose: true) { proposal { id } } }`,
				map[string]any{"s": w, "d": a.topic(name)})
			id := prop.str("addLink.proposal.id")
			return step{rejectProposal, map[string]any{"id": id}, func(r response) {
				want := "PENDING"
				if refused[role] == "" {
					want = "REJECTED"
				}
				if got := a.proposalStatus(id); got != want {
					t.Errorf("proposal %s is %s, want %s", id, got, want)
				}
			}}
		}},
		{"withdrawProposal", func(role, name string) step {
			w, _, _, _ := a.entities(name)
			author := role
			if refused[role] != "" {
				author = "carol"
			}
			prop := a.must(author, `mutation($s: ID!, $d: ID!) { addLink(source: $s, type: "HAS_TOPIC", target: $d, propose: true) { proposal { id } } }`,
				map[string]any{"s": w, "d": a.topic(name)})
			id := prop.str("addLink.proposal.id")
			return step{withdraw, map[string]any{"id": id}, func(r response) {
				want := "PENDING"
				if refused[role] == "" {
					want = "WITHDRAWN"
				}
				if got := a.proposalStatus(id); got != want {
					t.Errorf("proposal %s is %s, want %s", id, got, want)
				}
			}}
		}},
		{"setReviewPolicy", func(role, name string) step {
			t.Cleanup(func() { a.must("admin", setPolicy, map[string]any{"t": "PARTICIPATES_IN", "r": false}) })
			return step{setPolicy, map[string]any{"t": "PARTICIPATES_IN", "r": true}, func(r response) {
				pol := a.must("", `{ reviewPolicies { type review } }`, nil)
				got := false
				for _, p := range pol.get("reviewPolicies").([]any) {
					if p.(map[string]any)["type"] == "PARTICIPATES_IN" {
						got = p.(map[string]any)["review"].(bool)
					}
				}
				if got != (role == "admin") {
					t.Errorf("PARTICIPATES_IN needs review: %v", got)
				}
				a.must("admin", setPolicy, map[string]any{"t": "PARTICIPATES_IN", "r": false})
			}}
		}},
	}
	wantCode := func(mutation, role string) string {
		if c := refused[role]; c != "" {
			return c
		}
		if mutation == "setReviewPolicy" && role == "curator" {
			return graph.EForbidden
		}
		return ""
	}
	for _, tc := range cases {
		for _, role := range roles {
			who := role
			if who == "" {
				who = "anonymous"
			}
			t.Run(tc.name+" as "+who, func(t *testing.T) {
				s := tc.setup(role, strings.ReplaceAll(tc.name, " ", "")+"-"+who)
				r := a.do(role, s.query, s.vars)
				if got, want := r.code(), wantCode(tc.name, role); got != want {
					t.Fatalf("code %q, want %q (%+v)", got, want, r.Errors)
				}
				if r.code() == "" && r.Data == nil {
					t.Fatal("no data")
				}
				s.check(r)
			})
		}
	}
}

func (a *api) topic(name string) string {
	ref := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: a.run + "-" + name + "-topic"}
	if _, err := a.store.UpsertNodes(context.Background(), []graph.NodeInput{{Key: ref, Props: map[string]any{"name": "Topic " + name}, Prov: graph.Provenance{Source: "test"}}}); err != nil {
		a.t.Fatal(err)
	}
	return graph.NewID(graph.Topic, graph.SchemeKey, ref.Value)
}

func (a *api) proposalStatus(id string) string {
	for _, st := range []string{"PENDING", "APPROVED", "REJECTED", "WITHDRAWN"} {
		r := a.must("admin", `query($s: ProposalStatus) { proposals(status: $s, first: 100) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, map[string]any{"s": st})
		for {
			for _, e := range r.get("proposals.edges").([]any) {
				if e.(map[string]any)["node"].(map[string]any)["id"] == id {
					return st
				}
			}
			if r.get("proposals.pageInfo.hasNextPage") != true {
				break
			}
			r = a.must("admin", `query($s: ProposalStatus, $after: String) { proposals(status: $s, first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
				map[string]any{"s": st, "after": r.str("proposals.pageInfo.endCursor")})
		}
	}
	return "unknown"
}

func TestCuratorQueriesNeedACurator(t *testing.T) {
	a := newAPI(t)
	w, _, _, o := a.entities("queries")
	link := graph.LinkID(w, graph.Studies, o)
	for _, q := range []struct{ name, query string }{
		{"history", `query($id: ID!) { history(id: $id) { totalCount } }`},
		{"link", `query($id: ID!) { link(id: $id) { id } }`},
		{"proposals", `{ proposals { totalCount } }`},
	} {
		for role, want := range map[string]string{"": graph.EUnauthenticated, "reader": graph.EForbidden, "curator": "", "admin": ""} {
			vars := map[string]any{"id": link}
			if q.name == "proposals" {
				vars = nil
			}
			if got := a.do(role, q.query, vars).code(); got != want {
				t.Errorf("%s as %q: %q, want %q", q.name, role, got, want)
			}
		}
	}
	me := a.must("reader", `{ me { authenticated name role canCurate } }`, nil)
	if diff := cmp.Diff(map[string]any{"authenticated": true, "name": "reader-" + a.run, "role": "READER", "canCurate": false}, me.get("me")); diff != "" {
		t.Errorf("me as a reader (-want +got):\n%s", diff)
	}
	me = a.must("", `{ me { authenticated role canCurate } }`, nil)
	if diff := cmp.Diff(map[string]any{"authenticated": false, "role": "READER", "canCurate": false}, me.get("me")); diff != "" {
		t.Errorf("me anonymous (-want +got):\n%s", diff)
	}
}

func TestBadCredentials(t *testing.T) {
	a := newAPI(t)
	ctx := context.Background()
	tok, secret, err := a.store.CreateToken(ctx, "revoked-"+a.run, graph.RoleCurator, time.Hour, "test")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.RevokeToken(ctx, tok.ID); err != nil {
		t.Fatal(err)
	}
	for name, header := range map[string]string{
		"an unknown token": "Bearer " + graph.NewSecret(graph.TokenPrefix),
		"a revoked token":  "Bearer " + secret,
		"not a bearer":     "Basic YWxpY2U6cHc=",
	} {
		t.Run(name, func(t *testing.T) {
			req, _ := http.NewRequest("POST", a.url+"/graphql", strings.NewReader(`{"query":"{ me { name } }"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", header)
			r := a.send(req)
			if r.status != 401 || r.code() != graph.EUnauthenticated || r.Data != nil {
				t.Errorf("%d %q %+v", r.status, r.code(), r.Data)
			}
		})
	}
}

func TestConcurrentUpdates(t *testing.T) {
	a := newAPI(t)
	w, _, _, _ := a.entities("concurrent")
	for round := 0; round < 3; round++ {
		v := a.version(w)
		var wg sync.WaitGroup
		codes := make([]string, 2)
		for i, who := range []string{"curator", "carol"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = a.do(who, updateEntity, map[string]any{"id": w, "v": v, "set": map[string]any{"title": who + fmt.Sprint(round)}}).code()
			}()
		}
		wg.Wait()
		if !(codes[0] == "" && codes[1] == graph.EConflict || codes[0] == graph.EConflict && codes[1] == "") {
			t.Fatalf("round %d: codes %q, want one success and one CONFLICT", round, codes)
		}
		if got := a.version(w); got != v+1 {
			t.Fatalf("round %d: version %v, want %v", round, got, v+1)
		}
	}
}

func TestMergeRedirects(t *testing.T) {
	a := newAPI(t)
	_, w2, keep, _ := a.entities("merge")
	w, _, dup, o := a.entities("mergedup")
	// The duplicate authored the kept person's work too, and another work; it is affiliated with o.
	a.must("admin", addLink, map[string]any{"s": dup, "t": "AUTHORED", "d": w2})
	a.must("admin", addLink, map[string]any{"s": dup, "t": "AUTHORED", "d": w})
	a.must("admin", addLink, map[string]any{"s": dup, "t": "AFFILIATED_WITH", "d": o})
	dupW2 := graph.NewID(graph.Work, graph.SchemeKey, a.run+"-mergedup-w2")
	r := a.must("curator", mergeEntities, map[string]any{"k": keep, "d": dup})
	if r.get("mergeEntities.moved") != 4.0 {
		t.Errorf("moved %v links, want 4 (w2 twice over, w, o)", r.get("mergeEntities.moved"))
	}
	rel := a.must("", `query($id: ID!) { relations(id: $id) { nodes { id } edges { type source target } } }`, map[string]any{"id": dup})
	var ids []string
	for _, n := range rel.get("relations.nodes").([]any) {
		ids = append(ids, n.(map[string]any)["id"].(string))
	}
	if diff := cmp.Diff([]string{keep, w, w2, dupW2, o}, ids, sortStrings); diff != "" {
		t.Errorf("relations of the old id (-want +got):\n%s", diff)
	}
	if ids[0] != keep {
		t.Errorf("the centre is %s, want %s", ids[0], keep)
	}
	h := a.must("curator", `query($id: ID!) { history(id: $id, links: false) { edges { node { action subject } } } }`, map[string]any{"id": dup})
	if got := h.get("history.edges").([]any); len(got) != 1 || got[0].(map[string]any)["node"].(map[string]any)["action"] != "MERGE_ENTITY" {
		t.Errorf("history of the old id: %+v", got)
	}
}

func TestRetractedLinkHiddenFromReaders(t *testing.T) {
	a := newAPI(t)
	w, _, _, o := a.entities("retracted")
	link := graph.LinkID(w, graph.Studies, o)
	relations := `query($id: ID!) { relations(id: $id) { edges { id } } }`
	has := func(who string) bool {
		r := a.must(who, relations, map[string]any{"id": w})
		for _, e := range r.get("relations.edges").([]any) {
			if e.(map[string]any)["id"] == link {
				return true
			}
		}
		return false
	}
	if !has("") {
		t.Fatal("the link is not there to begin with")
	}
	a.must("curator", retractLink, map[string]any{"id": link})
	for _, who := range []string{"", "reader"} {
		if has(who) {
			t.Errorf("%q still sees the retracted link in the graph of relations", who)
		}
	}
	// Edge.retraction: curators see retracted relationships, with who retracted them.
	for _, who := range []string{"curator", "admin"} {
		if !has(who) {
			t.Errorf("%q does not see the retracted link in the graph of relations", who)
		}
	}
	r := a.must("curator", `query($id: ID!) { relations(id: $id) { edges { id retraction { by reason } } } }`, map[string]any{"id": w})
	for _, e := range r.get("relations.edges").([]any) {
		e := e.(map[string]any)
		var want any
		if e["id"] == link {
			want = map[string]any{"by": "curator-" + a.run, "reason": "wrong"}
		}
		if diff := cmp.Diff(want, e["retraction"]); diff != "" {
			t.Errorf("the retraction of %s in relations (-want +got):\n%s", e["id"], diff)
		}
	}
	n := a.must("", `query($id: ID!) { node(id: $id) { ... on Work { organisations { id } } } }`, map[string]any{"id": w})
	if got := n.get("node.organisations").([]any); len(got) != 0 {
		t.Errorf("the work still lists the organisation: %v", got)
	}
	h := a.must("curator", `query($id: ID!) { history(id: $id) { edges { node { action actor note before after } } } }`, map[string]any{"id": link})
	edges := h.get("history.edges").([]any)
	if len(edges) != 1 {
		t.Fatalf("history: %+v", edges)
	}
	c := edges[0].(map[string]any)["node"].(map[string]any)
	if c["action"] != "RETRACT_LINK" || c["actor"] != "curator-"+a.run || c["note"] != "wrong" || c["after"].(map[string]any)["retracted"] != true {
		t.Errorf("the retraction in history: %+v", c)
	}
}

var sortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := append([]string(nil), in...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
})

// TestNoMutationWithoutJSONFromTheSameSite signs in like the explorer and tries every way a
// browser could be made to send a mutation without the explorer's script.
func TestNoMutationWithoutJSONFromTheSameSite(t *testing.T) {
	a := newAPI(t)
	w, _, _, o := a.entities("csrf")
	link := graph.LinkID(w, graph.Studies, o)
	// Sign in as the explorer does.
	req, _ := http.NewRequest("POST", a.url+"/auth/session", strings.NewReader(`{"token":"`+a.tokens["curator"]+`"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var info struct{ Name, Role, CSRFToken string }
	json.NewDecoder(resp.Body).Decode(&info)
	resp.Body.Close()
	if resp.StatusCode != 200 || info.Name != "curator-"+a.run || info.CSRFToken == "" {
		t.Fatalf("sign-in: %d %+v", resp.StatusCode, info)
	}
	var session, csrf *http.Cookie
	for _, c := range resp.Cookies() {
		switch c.Name {
		case server.SessionCookie:
			session = c
		case server.CSRFCookie:
			csrf = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteStrictMode || session.Secure || session.Path != "/" {
		t.Fatalf("session cookie: %+v", session)
	}
	if csrf == nil || csrf.HttpOnly || csrf.Value != info.CSRFToken {
		t.Fatalf("CSRF cookie: %+v", csrf)
	}
	mutation := `mutation { retractLink(id: "` + link + `", reason: "forged") { outcome } }`
	body, _ := json.Marshal(map[string]string{"query": mutation})
	post := func(contentType, payload string, headers map[string]string) response {
		req, _ := http.NewRequest("POST", a.url+"/graphql", strings.NewReader(payload))
		req.Header.Set("Content-Type", contentType)
		req.AddCookie(session)
		req.AddCookie(csrf)
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		return a.send(req)
	}
	for _, tc := range []struct {
		name   string
		do     func() response
		code   string
		status int
	}{
		{"over GET", func() response {
			req, _ := http.NewRequest("GET", a.url+"/graphql?query="+url.QueryEscape(mutation), nil)
			req.AddCookie(session)
			req.AddCookie(csrf)
			req.Header.Set(server.CSRFHeader, info.CSRFToken)
			return a.send(req)
		}, server.CodeGETMutation, 405}, // refused by the limits, with a code (GraphQL over HTTP: 405)
		{"as a cross-site form post", func() response {
			return post("application/x-www-form-urlencoded", "query="+url.QueryEscape(mutation), map[string]string{"Origin": "https://evil.example"})
		}, graph.EInvalid, 415},
		{"as a form post of text", func() response { return post("text/plain", string(body), nil) }, graph.EInvalid, 415},
		{"as JSON with the cookie but no CSRF header", func() response { return post("application/json", string(body), nil) }, graph.EForbidden, 200},
		{"as JSON with a wrong CSRF header", func() response {
			return post("application/json", string(body), map[string]string{server.CSRFHeader: graph.NewSecret(graph.CSRFPrefix)})
		}, graph.EForbidden, 200},
		{"as JSON with the CSRF header from another site", func() response {
			return post("application/json", string(body), map[string]string{server.CSRFHeader: info.CSRFToken, "Origin": "https://evil.example"})
		}, graph.EForbidden, 200},
		{"as JSON with the CSRF header, a cross-site fetch", func() response {
			return post("application/json", string(body), map[string]string{server.CSRFHeader: info.CSRFToken, "Sec-Fetch-Site": "cross-site"})
		}, graph.EForbidden, 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.do()
			if r.status != tc.status || r.code() != tc.code || len(r.Errors) == 0 {
				t.Errorf("%d %q %+v", r.status, r.code(), r.Errors)
			}
			if got := a.linkState(link); got != "live" {
				t.Fatalf("the link is %s", got)
			}
		})
	}
	t.Run("the explorer's own request works", func(t *testing.T) {
		r := post("application/json", string(body), map[string]string{server.CSRFHeader: info.CSRFToken, "Origin": a.url, "Sec-Fetch-Site": "same-origin"})
		if r.code() != "" || r.str("retractLink.outcome") != "RETRACTED" {
			t.Fatalf("%+v %+v", r.Errors, r.Data)
		}
	})
	t.Run("sign-out ends the session", func(t *testing.T) {
		req, _ := http.NewRequest("DELETE", a.url+"/auth/session", nil)
		req.AddCookie(session)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 403 {
			t.Errorf("sign-out without the CSRF header: %d", resp.StatusCode)
		}
		req.Header.Set(server.CSRFHeader, info.CSRFToken)
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 204 {
			t.Errorf("sign-out: %d", resp.StatusCode)
		}
		r := post("application/json", `{"query":"{ me { authenticated } }"}`, map[string]string{server.CSRFHeader: info.CSRFToken})
		if r.get("me.authenticated") != false {
			t.Errorf("after sign-out: %+v", r.Data)
		}
	})
	t.Run("a bad token does not sign in", func(t *testing.T) {
		req, _ := http.NewRequest("POST", a.url+"/auth/session", strings.NewReader(`{"token":"rgt_nonsense"}`))
		req.Header.Set("Content-Type", "application/json")
		r := a.send(req)
		if r.status != 401 || r.code() != graph.EUnauthenticated {
			t.Errorf("%d %q", r.status, r.code())
		}
	})
}

func TestSecureCookiesOverTLS(t *testing.T) {
	a := newAPI(t)
	srv := newServer(t, a.store, nil, slog.New(slog.NewTextHandler(io.Discard, nil)))
	ts := httptest.NewTLSServer(srv.Handler())
	defer ts.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/auth/session", strings.NewReader(`{"token":"`+a.tokens["reader"]+`"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if len(cookies) != 2 {
		t.Fatalf("%d cookies", len(cookies))
	}
	for _, c := range cookies {
		if !c.Secure || c.SameSite != http.SameSiteStrictMode {
			t.Errorf("cookie %s: %+v", c.Name, c)
		}
	}
}

// TestResponsesNeverCrossUsers asks the same questions as a curator and then anonymously: what
// depends on who asks (who they are, history) must never be answered from someone else's request.
func TestResponsesNeverCrossUsers(t *testing.T) {
	a := newAPI(t)
	w, _, _, o := a.entities("cross")
	link := graph.LinkID(w, graph.Studies, o)
	a.must("curator", retractLink, map[string]any{"id": link})
	history := `query($id: ID!) { history(id: $id) { totalCount } }`
	for i := 0; i < 2; i++ {
		if r := a.must("curator", history, map[string]any{"id": link}); r.get("history.totalCount") != 1.0 {
			t.Fatalf("curator: %+v", r.Data)
		}
		if r := a.do("", history, map[string]any{"id": link}); r.code() != graph.EUnauthenticated || r.get("history") != nil {
			t.Errorf("anonymous got %+v %+v", r.Data, r.Errors)
		}
		if r := a.must("curator", `{ me { name } }`, nil); r.str("me.name") != "curator-"+a.run {
			t.Errorf("curator's me: %+v", r.Data)
		}
		if r := a.must("", `{ me { name } }`, nil); r.get("me.name") != nil {
			t.Errorf("anonymous me: %+v", r.Data)
		}
	}
}

// TestSignedInAnswersAreNotCached checks that signed-in requests are neither answered from the
// response cache nor given validators that a shared cache could keep.
func TestSignedInAnswersAreNotCached(t *testing.T) {
	a := newAPI(t)
	const q = `{ me { name } }`
	for i := 0; i < 2; i++ {
		req, _ := http.NewRequest(http.MethodGet, a.url+"/graphql?query="+url.QueryEscape(q), nil)
		req.Header.Set("Authorization", "Bearer "+a.tokens["curator"])
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out struct{ Extensions map[string]any }
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if c := out.Extensions["responseCache"]; c != nil {
			t.Errorf("try %d: responseCache %v for a signed-in request", i, c)
		}
		if tag, cc := resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"); tag != "" || cc != "private, no-store" {
			t.Errorf("try %d: ETag %q, Cache-Control %q; want none, private, no-store", i, tag, cc)
		}
	}
}

// TestCredentialsBeforeArguments sends curator-only fields with bad arguments: who may not use a
// field learns that, and nothing about its arguments; who may learns what is wrong with them.
func TestCredentialsBeforeArguments(t *testing.T) {
	a := newAPI(t)
	w, _, _, o := a.entities("credsfirst")
	link := graph.LinkID(w, graph.Studies, o)
	cases := []struct {
		name  string
		query string
		vars  map[string]any
		// need is the least role that may use the field; its holder gets the argument's error.
		need string
	}{
		{"addLink of an unknown type", `mutation($s: ID!, $d: ID!) { addLink(source: $s, type: "NOPE", target: $d) { outcome } }`,
			map[string]any{"s": w, "d": o}, "curator"},
		{"addLink with a number for properties", `mutation($s: ID!, $d: ID!) { addLink(source: $s, type: "STUDIES", target: $d, properties: 5) { outcome } }`,
			map[string]any{"s": w, "d": o}, "curator"},
		{"addLink with a list in a variable for properties", addLink,
			map[string]any{"s": w, "t": "STUDIES", "d": o, "p": []any{1, 2}}, "curator"},
		{"createEntity with text for properties", `mutation { createEntity(kind: PERSON, properties: "Ada") { version } }`, nil, "curator"},
		{"updateEntity with a list for set", `mutation($id: ID!) { updateEntity(id: $id, version: 1, set: [1]) { version } }`,
			map[string]any{"id": w}, "curator"},
		{"setReviewPolicy of an unknown type", `mutation { setReviewPolicy(type: "NOPE", review: true) { type } }`, nil, "admin"},
		{"history of a thousand", `query($id: ID!) { history(id: $id, first: 1000) { totalCount } }`, map[string]any{"id": link}, "curator"},
		{"proposals of minus one", `{ proposals(first: -1) { totalCount } }`, nil, "curator"},
		{"history after a forged cursor", `query($id: ID!) { history(id: $id, after: "forged") { totalCount } }`, map[string]any{"id": link}, "curator"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			refused := map[string]string{"": graph.EUnauthenticated, "reader": graph.EForbidden}
			if tc.need == "admin" {
				refused["curator"] = graph.EForbidden
			}
			for _, who := range []string{"", "reader", "curator", "admin"} {
				r := a.do(who, tc.query, tc.vars)
				want, ok := refused[who]
				switch {
				case ok && r.code() != want:
					t.Errorf("as %q: %q, want %q (%+v)", who, r.code(), want, r.Errors)
				case !ok && (r.code() == "" || r.code() == graph.EUnauthenticated || r.code() == graph.EForbidden):
					t.Errorf("as %q: %q, want the argument's error (%+v)", who, r.code(), r.Errors)
				}
			}
			if got := a.linkState(link); got != "live" {
				t.Errorf("the link is %s", got)
			}
		})
	}
}

// session signs in with the token of who as the explorer does and returns its cookies and CSRF token.
func (a *api) session(who string) (cookies []*http.Cookie, csrf string) {
	a.t.Helper()
	req, _ := http.NewRequest("POST", a.url+"/auth/session", strings.NewReader(`{"token":"`+a.tokens[who]+`"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		a.t.Fatal(err)
	}
	defer resp.Body.Close()
	var info struct{ CSRFToken string }
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil || resp.StatusCode != 200 {
		a.t.Fatalf("sign-in: %d %v", resp.StatusCode, err)
	}
	return resp.Cookies(), info.CSRFToken
}

// TestCuratorQueriesNotFromAnotherSite reads the curator-only queries with a curator's credentials
// from another site, as a page there could make a browser do: refused as mutations are.
func TestCuratorQueriesNotFromAnotherSite(t *testing.T) {
	a := newAPI(t)
	w, _, _, o := a.entities("crosssite")
	link := graph.LinkID(w, graph.Studies, o)
	a.must("curator", retractLink, map[string]any{"id": link})
	cookies, csrf := a.session("curator")
	queries := map[string]string{
		"history":   `query($id: ID!) { history(id: $id) { totalCount } }`,
		"link":      `query($id: ID!) { link(id: $id) { id retraction { by } } }`,
		"proposals": `query($id: ID!) { proposals(entity: $id) { totalCount } }`,
		"relations": `query($id: ID!) { relations(id: $id) { edges { id retraction { by } } } }`,
	}
	ask := func(query string, headers map[string]string, bearer bool) response {
		body, _ := json.Marshal(map[string]any{"query": query, "variables": map[string]any{"id": link}})
		if strings.Contains(query, "relations") || strings.Contains(query, "proposals") {
			body, _ = json.Marshal(map[string]any{"query": query, "variables": map[string]any{"id": w}})
		}
		req, _ := http.NewRequest("POST", a.url+"/graphql", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if bearer {
			req.Header.Set("Authorization", "Bearer "+a.tokens["curator"])
		} else {
			for _, c := range cookies {
				req.AddCookie(c)
			}
			req.Header.Set(server.CSRFHeader, csrf)
		}
		for k, v := range headers {
			req.Header.Set(k, v)
		}
		return a.send(req)
	}
	for _, cred := range []string{"session", "token"} {
		for site, headers := range map[string]map[string]string{
			"another origin":          {"Origin": "https://evil.example"},
			"a cross-site fetch":      {"Sec-Fetch-Site": "cross-site"},
			"a same-site other host":  {"Sec-Fetch-Site": "same-site"},
			"the same origin":         {"Origin": a.url, "Sec-Fetch-Site": "same-origin"},
			"no browser (no headers)": nil,
		} {
			sameSite := site == "the same origin" || site == "no browser (no headers)"
			for name, query := range queries {
				t.Run(cred+" from "+site+": "+name, func(t *testing.T) {
					r := ask(query, headers, cred == "token")
					if name == "relations" {
						if r.code() != "" {
							t.Fatalf("%+v", r.Errors)
						}
						seen := false
						for _, e := range r.get("relations.edges").([]any) {
							seen = seen || e.(map[string]any)["id"] == link
						}
						if seen != sameSite {
							t.Errorf("the retracted link seen: %v, want %v", seen, sameSite)
						}
						return
					}
					want := graph.EForbidden
					if sameSite {
						want = ""
					}
					if r.code() != want {
						t.Errorf("%q, want %q (%+v)", r.code(), want, r.Errors)
					}
					if !sameSite && r.get(name) != nil {
						t.Errorf("answered %+v", r.get(name))
					}
				})
			}
		}
	}
}
