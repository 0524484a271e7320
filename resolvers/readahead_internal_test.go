package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/relgraph/relgraph/resolvers/generated"
)

// Every list of an entity is declared once, with its field: a field of an entity type that lists
// entities, or items built on a relationship, and has no @relation would have no way to be read,
// since lists are never read one entity at a time.
func TestEveryEntityListIsDeclared(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	plans, err := planRelations(s)
	if err != nil {
		t.Fatal(err)
	}
	for typ := range entityTypes {
		for _, f := range s.Types[typ].Fields {
			if !listsObjects(s, f) {
				continue
			}
			if plans[typ][f.Name] == nil {
				t.Errorf("%s.%s lists objects but has no @relation", typ, f.Name)
			}
		}
	}
}

// listsObjects reports whether a field returns entities or lists of objects, other than the small
// value objects that come with their parent.
func listsObjects(s *ast.Schema, f *ast.FieldDefinition) bool {
	def := s.Types[f.Type.Name()]
	if def == nil || (def.Kind != ast.Object && def.Kind != ast.Interface) {
		return false
	}
	switch f.Type.Name() {
	case "WorkDates", "SourcedValue":
		return false
	}
	return true
}

// A declaration that the store could not read fails when the schema is built, naming the field.
func TestBadDeclarationsAreRefused(t *testing.T) {
	for _, tc := range []struct{ name, sdl string }{
		{"unknown type", `"""x""" type Work implements Node { id: ID! kind: Kind! label: String! authors: [Person!]! @relation(path: "<-WROTE-") }`},
		{"wrong direction", `type Work implements Node { id: ID! kind: Kind! label: String! authors: [Person!]! @relation(path: "-AUTHORED->") }`},
		{"wrong kind", `type Work implements Node { id: ID! kind: Kind! label: String! authors: [Country!]! @relation(path: "<-AUTHORED-") }`},
		{"paged by position", `type Work implements Node { id: ID! kind: Kind! label: String! citedBy(first: Int, after: String): WorkConnection! @relation(path: "<-CITES-") }`},
		{"two hops by position", `type Work implements Node { id: ID! kind: Kind! label: String! peers: [Work!]! @relation(path: "<-AUTHORED- Person -AUTHORED->") }`},
		{"cost above max", `type Work implements Node { id: ID! kind: Kind! label: String! authors: [Person!]! @relation(path: "<-AUTHORED-", max: 5, cost: 10) }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
			work := testType(t, s, tc.sdl)
			copied := *s
			copied.Types = map[string]*ast.Definition{}
			for k, v := range s.Types {
				copied.Types[k] = v
			}
			copied.Types["Work"] = work
			if _, err := planRelations(&copied); err == nil {
				t.Fatalf("%s: accepted", tc.sdl)
			}
		})
	}
}

// testType parses the definition of one type.
func testType(t *testing.T, s *ast.Schema, sdl string) *ast.Definition {
	t.Helper()
	doc, err := parser.ParseSchema(&ast.Source{Input: sdl})
	if err != nil {
		t.Fatal(err)
	}
	def := doc.Definitions.ForName("Work")
	if def == nil {
		t.Fatalf("%s: no type Work", sdl)
	}
	return def
}
