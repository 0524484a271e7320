package sequential_test

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/relgraph/relgraph/resolvers/generated"
	"github.com/relgraph/relgraph/resolvers/sequential"
)

// selection returns the selection set of the field at path in the operation q, validated against
// relgraph's schema.
func selection(t *testing.T, q string, path ...string) ast.SelectionSet {
	t.Helper()
	schema := generated.NewExecutableSchema(generated.Config{}).Schema()
	doc, errs := gqlparser.LoadQuery(schema, q)
	if errs != nil {
		t.Fatalf("%s: %v", q, errs)
	}
	set := doc.Operations[0].SelectionSet
	for _, name := range path {
		var next ast.SelectionSet
		for _, s := range set {
			if f, ok := s.(*ast.Field); ok && f.Name == name {
				next = f.SelectionSet
			}
		}
		if next == nil {
			t.Fatalf("%s: no field %s", q, name)
		}
		set = next
	}
	return set
}

func TestMayWait(t *testing.T) {
	for _, tc := range []struct {
		name, query string
		path        []string
		want        bool
	}{
		{"fields of the interface that no type resolves", `{ relations(id: "x") { nodes { id kind label } } }`,
			[]string{"relations", "nodes"}, false},
		{"plain fields of edges", `{ relations(id: "x") { edges { source target type } } }`,
			[]string{"relations", "edges"}, false},
		{"a resolver field in an inline fragment", `{ relations(id: "x") { nodes { id ... on Work { authors { name } } } } }`,
			[]string{"relations", "nodes"}, true},
		{"a resolver field in a named fragment", `query { relations(id: "x") { nodes { ...W } } } fragment W on Work { journal { title } }`,
			[]string{"relations", "nodes"}, true},
		{"a resolver field deeper down", `{ search(query: "x") { edges { node { id ... on Person { works { totalCount } } } } } }`,
			[]string{"search", "edges"}, true},
		{"plain fields deeper down", `{ search(query: "x") { edges { cursor node { id label } } } }`,
			[]string{"search", "edges"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := generated.ConcurrentFields.MayWait(selection(t, tc.query, tc.path...)); got != tc.want {
				t.Errorf("MayWait = %v, want %v", got, tc.want)
			}
		})
	}
	if names := generated.ConcurrentFields.ByName; !names["authors"] || names["label"] {
		t.Errorf("ByName: authors %v, label %v", names["authors"], names["label"])
	}
}

type ready bool

func (r ready) Ready(string) bool { return bool(r) }

func TestResolveField(t *testing.T) {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	oc := &graphql.OperationContext{RecoverFunc: graphql.DefaultRecover}
	fields := []graphql.CollectedField{{Field: &ast.Field{Name: "a", Alias: "a"}}, {Field: &ast.Field{Name: "b", Alias: "b"}}}

	t.Run("a field read ahead is resolved at once", func(t *testing.T) {
		out := graphql.NewFieldSet(fields)
		var deferred graphql.DeferredGroup
		sequential.ResolveField(ctx, out, fields[0], ready(true), oc, &deferred, 0, true, true, func(context.Context) graphql.Marshaler {
			return graphql.MarshalString("now")
		})
		if out.Values[0] == nil || out.Invalids != 0 {
			t.Fatalf("value %v, invalids %d", out.Values[0], out.Invalids)
		}
	})
	t.Run("a panic becomes null, an error and an invalid non-null field", func(t *testing.T) {
		out := graphql.NewFieldSet(fields)
		var deferred graphql.DeferredGroup
		sequential.ResolveField(ctx, out, fields[1], ready(true), oc, &deferred, 1, true, true, func(context.Context) graphql.Marshaler {
			panic("boom")
		})
		if out.Values[1] != graphql.Null || out.Invalids != 1 || len(graphql.GetErrors(ctx)) == 0 {
			t.Fatalf("value %v, invalids %d, errors %v", out.Values[1], out.Invalids, graphql.GetErrors(ctx))
		}
	})
	t.Run("a nullable field is invalid when it resolves to RequiredNull", func(t *testing.T) {
		out := graphql.NewFieldSet(fields)
		var deferred graphql.DeferredGroup
		sequential.ResolveField(ctx, out, fields[0], ready(true), oc, &deferred, 0, true, false, func(context.Context) graphql.Marshaler {
			return graphql.Null
		})
		if out.Invalids != 0 {
			t.Fatalf("null in a nullable field counted invalid")
		}
		sequential.ResolveField(ctx, out, fields[1], ready(true), oc, &deferred, 1, true, false, func(context.Context) graphql.Marshaler {
			return graphql.RequiredNull
		})
		if out.Invalids != 1 {
			t.Fatalf("invalids %d, want 1", out.Invalids)
		}
	})
	t.Run("a field not read ahead waits for Dispatch", func(t *testing.T) {
		out := graphql.NewFieldSet(fields)
		var deferred graphql.DeferredGroup
		sequential.ResolveField(ctx, out, fields[0], ready(false), oc, &deferred, 0, true, true, func(context.Context) graphql.Marshaler {
			return graphql.MarshalString("later")
		})
		if out.Values[0] != nil {
			t.Fatalf("resolved before Dispatch: %v", out.Values[0])
		}
		out.Dispatch(ctx)
		if out.Values[0] == nil {
			t.Fatal("not resolved by Dispatch")
		}
	})
}

func TestMarshalSliceInTurn(t *testing.T) {
	sel := selection(t, `{ relations(id: "x") { nodes { id } } }`, "relations", "nodes")
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	var order []int
	got := sequential.MarshalSlice(ctx, sel, &generated.ConcurrentFields, 3, func(ctx context.Context, i int) graphql.Marshaler {
		order = append(order, *graphql.GetFieldContext(ctx).Index) // no lock: one goroutine
		if i == 1 {
			panic("boom")
		}
		return graphql.MarshalInt(i)
	})
	if len(order) != 3 || order[0] != 0 || order[1] != 1 || order[2] != 2 {
		t.Errorf("indices %v, want [0 1 2]", order)
	}
	if got[1] != graphql.Null || got[0] == graphql.Null || len(graphql.GetErrors(ctx)) != 1 {
		t.Errorf("got %v, errors %v", got, graphql.GetErrors(ctx))
	}
}
