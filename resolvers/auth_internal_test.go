package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers/generated"
)

// Every mutation needs a curator at least, as the Mutation type says, and deciding review needs
// an admin: the schema's @auth declarations say so.
func TestEveryMutationNeedsACurator(t *testing.T) {
	s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
	roles, err := authRoles(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range s.Mutation.Fields {
		if r := roles["Mutation."+f.Name]; !r.AtLeast(graph.RoleCurator) {
			t.Errorf("Mutation.%s needs %q, want a curator at least", f.Name, r)
		}
	}
	if r := roles["Mutation.setReviewPolicy"]; r != graph.RoleAdmin {
		t.Errorf("setReviewPolicy needs %q, want an admin", r)
	}
}

// A declaration that Auth could not enforce fails when the schema is built, naming the field.
func TestBadAuthDeclarationsAreRefused(t *testing.T) {
	for _, tc := range []struct{ name, sdl string }{
		{"on a field of an entity", `type Work { label: String! @auth(role: CURATOR) }`},
		{"an unknown role", `type Query { secret: String @auth(role: OWNER) }`},
		{"an unknown argument", `type Query { secret: String @auth(role: ADMIN, level: 2) }`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := generated.NewExecutableSchema(generated.Config{Resolvers: &Resolver{}}).Schema()
			copied := *s
			copied.Types = map[string]*ast.Definition{}
			for k, v := range s.Types {
				copied.Types[k] = v
			}
			doc, err := parser.ParseSchema(&ast.Source{Input: tc.sdl})
			if err != nil {
				t.Fatal(err)
			}
			for _, def := range doc.Definitions {
				copied.Types[def.Name] = def
				if def.Name == "Query" {
					copied.Query = def
				}
			}
			if _, err := authRoles(&copied); err == nil {
				t.Fatalf("%s: accepted", tc.sdl)
			}
		})
	}
}
