package neo4j

import (
	"fmt"
	"regexp"
	"sort"

	"github.com/relgraph/relgraph/graph"
)

// relTypes returns the known relationship types in a stable order.
func relTypes() []graph.RelType {
	ts := make([]graph.RelType, 0, len(graph.RelTypes))
	for t := range graph.RelTypes {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i] < ts[j] })
	return ts
}

var propName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// label checks a kind against the allow-list and returns its label, for use inside Cypher text.
func label(k graph.Kind) (string, error) {
	if !k.Valid() {
		return "", graph.Errorf(graph.EInvalid, "unknown kind %q", k)
	}
	return k.Label(), nil
}

// keyProp checks that scheme is an identifier property of kind k (or the relgraph id) and returns it,
// for use inside Cypher text.
func keyProp(k graph.Kind, scheme string) (string, error) {
	if scheme == graph.SchemeID {
		return "id", nil
	}
	for _, s := range graph.UniqueSchemes[k] {
		if s == scheme {
			return s, nil
		}
	}
	return "", graph.Errorf(graph.EInvalid, "%q is not an identifier of a %s", scheme, k)
}

// relType checks a relationship type against the allow-list.
func relType(t graph.RelType) (string, error) {
	if !t.Valid() {
		return "", graph.Errorf(graph.EInvalid, "unknown relationship type %q", t)
	}
	return string(t), nil
}

// checkProps rejects property names that could not be written safely.
func checkProps(m map[string]any) error {
	for k := range m {
		if !propName.MatchString(k) {
			return graph.Errorf(graph.EInvalid, "bad property name %q", k)
		}
	}
	return nil
}

// sourcedName is the property under which source src keeps its value of field.
func sourcedName(field, src string) string { return fmt.Sprintf("%s@%s", field, src) }
