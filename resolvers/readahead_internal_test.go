package resolvers

import (
	"strings"
	"testing"

	"github.com/relgraph/relgraph/resolvers/generated"
)

// Every field of an entity that gqlgen resolves concurrently has a read-ahead plan: the patched
// executor resolves such a field in turn when its list was read ahead (model.Entity.Ready), and a
// field without a plan would then be left to a loader, late, after its read-ahead siblings.
func TestEveryConcurrentEntityFieldIsReadAhead(t *testing.T) {
	for f := range generated.ConcurrentFields.ByType {
		typ, name, _ := strings.Cut(f, ".")
		if _, entity := entityTypes[typ]; !entity {
			continue
		}
		if _, ok := plans[typ][name]; !ok {
			t.Errorf("%s has no read-ahead plan in plans", f)
		}
	}
}
