package neo4j

import (
	"fmt"

	"github.com/relgraph/relgraph/graph"
)

// A merge turns the duplicate into a Redirect node, which keeps its id and identifiers and has a
// REDIRECTS_TO relationship to the entity it was merged into (itself perhaps merged later). Every
// query that finds an entity by id or identifier follows these, with the Cypher built here.

// redirectHops bounds how many merges in a row a redirect may follow.
const redirectHops = 10

// followRedirects is the pattern from the node pattern from (such as "r:Redirect") along a chain
// of redirects to the entity v they lead to.
func followRedirects(from, v string) string {
	return fmt.Sprintf("(%s)-[:REDIRECTS_TO*1..%d]->(%s:Entity)", from, redirectHops, v)
}

// redirectTo is the pattern from the redirect whose property key is value to the entity v it
// leads to. value is a Cypher expression (a parameter such as $id, a row field such as
// row.ids.doi, an element such as $ids[i]); kind, unless empty, is the kind of entity the
// redirect stood for. key and kind must have been checked (keyProp, label).
func redirectTo(v string, kind graph.Kind, key, value string) string {
	from := fmt.Sprintf(":Redirect {%s: %s}", key, value)
	if kind != "" {
		from = fmt.Sprintf(":Redirect {kind: '%s', %s: %s}", kind, key, value)
	}
	return followRedirects(from, v)
}

// entityOrRedirect is the body of a CALL subquery that returns as v the entity whose property key
// is value or, when a merge retired that entity, the entity it was merged into. An empty kind
// finds any entity (for key "id"); otherwise only entities and redirects of that kind. Arguments
// as for redirectTo.
func entityOrRedirect(v string, kind graph.Kind, key, value string) string {
	lbl := "Entity"
	if kind != "" {
		lbl = kind.Label()
	}
	return fmt.Sprintf("MATCH (%[1]s:%[2]s {%[3]s: %[4]s}) RETURN %[1]s UNION MATCH %[5]s RETURN %[1]s",
		v, lbl, key, value, redirectTo(v, kind, key, value))
}
