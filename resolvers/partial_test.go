package resolvers_test

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"
)

// answer is a response with its errors decoded: the data as generic JSON, and each error's path and
// code.
type answer struct {
	Data   any
	Errors []answerError
}

type answerError struct {
	Path    []any
	Code    string
	Message string
}

// post sends q and decodes the data and the errors, both of which may be there.
func post(t *testing.T, c *client.Client, q string, vars map[string]any) answer {
	t.Helper()
	var opts []client.Option
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := c.RawPost(q, opts...)
	if err != nil {
		t.Fatal(err)
	}
	var a answer
	b, _ := json.Marshal(resp.Data)
	if err := json.Unmarshal(b, &a.Data); err != nil {
		t.Fatal(err)
	}
	if resp.Errors != nil {
		var errs []struct {
			Message    string
			Path       []any
			Extensions struct{ Code string }
		}
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("errors %s: %v", resp.Errors, err)
		}
		for _, e := range errs {
			a.Errors = append(a.Errors, answerError{Path: e.Path, Code: e.Extensions.Code, Message: e.Message})
		}
	}
	return a
}

// codesAt lists the errors as "path: code", for comparing.
func codesAt(errs []answerError) []string {
	var out []string
	for _, e := range errs {
		parts := make([]string, len(e.Path))
		for i, p := range e.Path {
			b, _ := json.Marshal(p)
			parts[i] = strings.Trim(string(b), `"`)
		}
		out = append(out, strings.Join(parts, ".")+": "+e.Code)
	}
	return out
}

// jsonOf reads JSON text into generic values, for comparing with answer.Data.
func jsonOf(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPartialAnswers(t *testing.T) {
	c := newClient(t)
	for _, tc := range []struct {
		name, query, data string
		errors            []string
	}{
		{
			"a failing root field leaves the other root fields' data",
			`{ a: country(code: "MR") { name } b: search(query: "x", first: -1) { totalCount } }`,
			`{"a": {"name": "Mauritania"}, "b": null}`,
			[]string{"b: INVALID"},
		},
		{
			"a failing connection leaves its entity's other fields",
			`{ a: country(code: "MR") { name works(first: -1) { totalCount } } }`,
			`{"a": {"name": "Mauritania", "works": null}}`,
			[]string{"a.works: INVALID"},
		},
		{
			"each failing field answers its own error",
			`{ a: relations(id: "c-mr", depth: 9) { truncated } b: neighbours(id: "c-mr", first: 1000) { totalCount }
				c: paths(from: "c-mr", to: "c-mr") { length } d: country(code: "MR") { iso2 } }`,
			`{"a": null, "b": null, "c": null, "d": {"iso2": "MR"}}`,
			[]string{"a: INVALID", "b: INVALID", "c: INVALID"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := post(t, c, tc.query, nil)
			if diff := cmp.Diff(jsonOf(t, tc.data), a.Data); diff != "" {
				t.Errorf("data (-want +got):\n%s", diff)
			}
			got := codesAt(a.Errors)
			if diff := cmp.Diff(tc.errors, got, cmpSorted); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// cmpSorted compares lists of strings in any order.
var cmpSorted = cmp.Transformer("sorted", func(in []string) []string { return slices.Sorted(slices.Values(in)) })

// forged is a cursor as a client could make one: base64 JSON of a plausible keyset position.
func forged(js string) string { return base64.RawURLEncoding.EncodeToString([]byte(js)) }

func TestCursors(t *testing.T) {
	c := newClient(t)
	id := seedID(t, c)

	// The first page of each kind of list, for cursors to use elsewhere.
	var first struct {
		Search struct {
			PageInfo struct{ EndCursor string }
			Edges    []struct {
				Cursor string
				Node   struct{ ID string }
			}
		}
		Mr struct {
			Works struct {
				TotalCount int
				PageInfo   struct{ EndCursor string }
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		Neighbours struct {
			PageInfo struct{ EndCursor string }
		}
	}
	mustRaw(t, c, `query($id: ID!) { search(query: "migration", first: 2) { pageInfo { endCursor } edges { cursor node { id } } }
		mr: country(code: "MR") { works(first: 1) { totalCount pageInfo { endCursor } edges { node { id } } } }
		neighbours(id: $id, first: 1) { pageInfo { endCursor } } }`, map[string]any{"id": id}, &first)
	if len(first.Search.Edges) != 2 || first.Mr.Works.TotalCount < 2 || first.Neighbours.PageInfo.EndCursor == "" {
		t.Fatalf("first pages: %+v", first)
	}
	searchCursor, worksCursor, neighbourCursor := first.Search.PageInfo.EndCursor, first.Mr.Works.PageInfo.EndCursor, first.Neighbours.PageInfo.EndCursor

	t.Run("a cursor continues the list it came from", func(t *testing.T) {
		a := post(t, c, `query($s: String, $w: String) { search(query: "migration", first: 1, after: $s) { edges { node { id } } }
			mr: country(code: "MR") { works(first: 1, after: $w) { pageInfo { hasPreviousPage } edges { node { id } } } } }`,
			map[string]any{"s": first.Search.Edges[0].Cursor, "w": worksCursor})
		if a.Errors != nil {
			t.Fatalf("errors: %+v", a.Errors)
		}
		want := jsonOf(t, `{"search": {"edges": [{"node": {"id": "`+first.Search.Edges[1].Node.ID+`"}}]},
			"mr": {"works": {"pageInfo": {"hasPreviousPage": true}, "edges": [{"node": {"id": "`+nextWork(t, c, worksCursor)+`"}}]}}}`)
		if diff := cmp.Diff(want, a.Data); diff != "" {
			t.Errorf("next pages (-want +got):\n%s", diff)
		}
		if first.Mr.Works.Edges[0].Node.ID == nextWork(t, c, worksCursor) {
			t.Errorf("the second page repeats the first")
		}
	})

	t.Run("a forged or edited cursor answers INVALID at its field", func(t *testing.T) {
		edited := []byte(searchCursor)
		edited[len(edited)-2] ^= 1
		for _, tc := range []struct{ name, query, at string }{
			{"search", `query($c: String) { search(query: "migration", after: $c) { totalCount } ok: country(code: "MR") { iso2 } }`, "search"},
			{"neighbours", `query($c: String) { neighbours(id: "c-mr", after: $c) { totalCount } ok: country(code: "MR") { iso2 } }`, "neighbours"},
			{"related works", `query($c: String, $id: ID!) { relatedWorks(id: $id, after: $c) { totalCount } ok: country(code: "MR") { iso2 } }`, "relatedWorks"},
			{"an entity's works", `query($c: String) { ok: country(code: "MR") { iso2 works(after: $c) { totalCount } } }`, "ok.works"},
		} {
			for _, cur := range []string{forged(`{"s":1e9,"i":""}`), forged(`{"y":3000,"i":"","o":"c-mr"}`), forged(`{"l":"","i":""}`), string(edited), "zzz", ""} {
				if cur == "" {
					continue
				}
				a := post(t, c, tc.query, map[string]any{"c": cur, "id": id})
				if diff := cmp.Diff([]string{tc.at + ": INVALID"}, codesAt(a.Errors)); diff != "" {
					t.Errorf("%s after %q: errors (-want +got):\n%s", tc.name, cur, diff)
				}
				if iso := dig(a.Data, "ok", "iso2"); iso != "MR" {
					t.Errorf("%s after %q: the other field's data is lost: %v", tc.name, cur, a.Data)
				}
			}
		}
	})

	t.Run("a cursor of another list answers INVALID at its field", func(t *testing.T) {
		for _, tc := range []struct{ name, query, cursor, at string }{
			{"another search's", `query($c: String) { search(query: "borderwork", after: $c) { totalCount } }`, searchCursor, "search"},
			{"the same words in other kinds", `query($c: String) { search(query: "migration", kinds: [WORK], after: $c) { totalCount } }`, searchCursor, "search"},
			{"a search's, in neighbours", `query($c: String, $id: ID!) { neighbours(id: $id, after: $c) { totalCount } }`, searchCursor, "neighbours"},
			{"another entity's neighbours", `query($c: String) { neighbours(id: "c-mr", after: $c) { totalCount } }`, neighbourCursor, "neighbours"},
			{"neighbours of one type, with every type", `query($c: String, $id: ID!) { neighbours(id: $id, type: "HAS_TOPIC", after: $c) { totalCount } }`, neighbourCursor, "neighbours"},
			{"another country's works", `query($c: String) { x: country(code: "SS") { works(after: $c) { totalCount } } }`, worksCursor, "x.works"},
			{"a country's works, in a journal's", `query($c: String, $id: ID!) { x: node(id: $id) { ... on Work { journal { works(after: $c) { totalCount } } } } }`, worksCursor, "x.journal.works"},
			{"a list of works, in search", `query($c: String) { search(query: "migration", after: $c) { totalCount } }`, worksCursor, "search"},
		} {
			a := post(t, c, tc.query, map[string]any{"c": tc.cursor, "id": id})
			if diff := cmp.Diff([]string{tc.at + ": INVALID"}, codesAt(a.Errors)); diff != "" {
				t.Errorf("%s: errors (-want +got):\n%s", tc.name, diff)
			}
		}
	})

	t.Run("a bad cursor of a nested connection fails that connection alone", func(t *testing.T) {
		// Two countries' works in one statement: the cursor is Mauritania's, so South Sudan's list
		// answers INVALID at its own path and Mauritania's continues.
		a := post(t, c, `query($c: String) { nodes(ids: ["c-mr", "c-ss"]) { label ... on Country { works(first: 1, after: $c) { pageInfo { hasPreviousPage } } } } }`,
			map[string]any{"c": worksCursor})
		if diff := cmp.Diff([]string{"nodes.1.works: INVALID"}, codesAt(a.Errors)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
		want := jsonOf(t, `[{"label": "Mauritania", "works": {"pageInfo": {"hasPreviousPage": true}}}, {"label": "South Sudan", "works": null}]`)
		if diff := cmp.Diff(want, dig(a.Data, "nodes")); diff != "" {
			t.Errorf("nodes (-want +got):\n%s", diff)
		}
	})

	t.Run("cursors hold the entity id, not the database's", func(t *testing.T) {
		for i, e := range first.Search.Edges {
			b, err := base64.RawURLEncoding.DecodeString(e.Cursor)
			if err != nil {
				t.Fatalf("cursor %d is not URL-safe base64: %v", i, err)
			}
			if !strings.Contains(string(b), `"i":"`+e.Node.ID+`"`) {
				t.Errorf("cursor %d of %s holds %q", i, e.Node.ID, b)
			}
		}
	})

	t.Run("the last page of neighbours keeps the total", func(t *testing.T) {
		type page struct {
			Neighbours struct {
				TotalCount int
				PageInfo   struct {
					HasNextPage bool
					EndCursor   string
				}
				Edges []struct{ Node struct{ Label string } }
			}
		}
		q := `query($id: ID!, $after: String) { neighbours(id: $id, type: "HAS_TOPIC", direction: OUT, first: 7, after: $after) {
			totalCount pageInfo { hasNextPage endCursor } edges { node { label } } } }`
		var p1, p2 page
		mustRaw(t, c, q, map[string]any{"id": id, "after": nil}, &p1)
		if p1.Neighbours.TotalCount != 7 || len(p1.Neighbours.Edges) != 7 || p1.Neighbours.PageInfo.HasNextPage {
			t.Fatalf("first page: %+v", p1.Neighbours)
		}
		mustRaw(t, c, q, map[string]any{"id": id, "after": p1.Neighbours.PageInfo.EndCursor}, &p2)
		if p2.Neighbours.TotalCount != 7 || len(p2.Neighbours.Edges) != 0 || p2.Neighbours.PageInfo.HasNextPage {
			t.Errorf("after the last: %+v", p2.Neighbours)
		}
	})
}

// nextWork is the id of the work after cursor in Mauritania's works.
func nextWork(t *testing.T, c *client.Client, cursor string) string {
	t.Helper()
	var resp struct {
		Country struct {
			Works struct {
				Edges []struct{ Node struct{ ID string } }
			}
		}
	}
	mustRaw(t, c, `query($c: String) { country(code: "MR") { works(first: 1, after: $c) { edges { node { id } } } } }`, map[string]any{"c": cursor}, &resp)
	if len(resp.Country.Works.Edges) != 1 {
		t.Fatalf("no work after the first of Mauritania's")
	}
	return resp.Country.Works.Edges[0].Node.ID
}

// dig follows keys through generic JSON objects.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
