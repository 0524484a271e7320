package resolvers_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// listsFragment asks for a list of every kind of entity the demo's answers hold.
const listsFragment = ` fragment L on Node { id ... on Work { authors { name } journal { title } countries { iso2 } }
  ... on Person { affiliations { name } works(first: 2) { totalCount edges { node { title } } } }
  ... on Organisation { country { name } children { name } } ... on Country { borders { iso2 } }
  ... on Journal { works(first: 2) { totalCount } } }`

// The entities that a query of its own reads (paths, neighbours, the explorer's groups and related
// works) answer their lists as the same entities read by id do, in one more round trip for all.
func TestListsUnderEveryQuery(t *testing.T) {
	c := newClient(t)
	seed := seedID(t, c)
	for _, tc := range []struct {
		name, query string
		trips       int
	}{
		{"paths", `query($id: ID!) { paths(from: $id, to: "c-ss", maxLength: 4) { nodes { ...L } } }`, 2},
		{"neighbours", `query($id: ID!) { neighbours(id: $id, first: 20) { edges { node { ...L } } } }`, 2},
		{"neighbour groups", `query($id: ID!) { neighbourGroups(id: $id) { edges { node { ...L } } } }`, 2},
		{"related works", `query($id: ID!) { relatedWorks(id: $id, first: 5) { edges { node { ...L } reasons { via { ...L } } } } }`, 3},
		{"relations", `query($id: ID!) { relations(id: $id, depth: 1) { nodes { ...L } } }`, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got map[string]any
			trips := mustRaw(t, c, tc.query+listsFragment, map[string]any{"id": seed}, &got)
			if trips > tc.trips {
				t.Errorf("%d round trips, want at most %d", trips, tc.trips)
			}
			entities := map[string]map[string]any{}
			collectEntities(got, entities)
			if len(entities) < 2 {
				t.Fatalf("only %d entities in %v", len(entities), got)
			}
			for id, e := range entities {
				var byID struct{ Node map[string]any }
				mustRaw(t, c, `query($id: ID!) { node(id: $id) { ...L } }`+listsFragment, map[string]any{"id": id}, &byID)
				if diff := cmp.Diff(byID.Node, e); diff != "" {
					t.Errorf("%s: differs from node(id:) (-by id +here):\n%s", id, diff)
				}
			}
		})
	}
}

// collectEntities finds the objects with an id in an answer.
func collectEntities(v any, out map[string]map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		if id, ok := x["id"].(string); ok {
			out[id] = x
		}
		for _, y := range x {
			collectEntities(y, out)
		}
	case []any:
		for _, y := range x {
			collectEntities(y, out)
		}
	}
}
