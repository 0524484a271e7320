package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The committed executor is patched and its list of concurrent fields current: patching a copy
// changes nothing.
func TestCommittedExecutorIsPatched(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"exec.go", "concurrent_gen.go"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "generated", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := patch(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"exec.go", "concurrent_gen.go"} {
		want, _ := os.ReadFile(filepath.Join("..", "..", "generated", f))
		got, _ := os.ReadFile(filepath.Join(dir, f))
		if !bytes.Equal(got, want) {
			t.Errorf("patching resolvers/generated/%s again changes it: run make generate", f)
		}
	}
}

const generated = `package generated

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

func (ec *executionContext) _Work(ctx context.Context, sel ast.SelectionSet, obj *model.Work) graphql.Marshaler {
	fields := graphql.CollectFields(ec.OperationContext, sel, workImplementors)
	out := graphql.NewFieldSet(fields)
	deferred := graphql.NewDeferredGroup(ctx)
	for i, field := range fields {
		switch field.Name {
		case "id":
			out.Values[i] = ec._Work_id(ctx, field, obj)
		case "authors":
			out.ResolveConcurrently(ec.OperationContext, &deferred, i,
				true, true,
				func(ctx context.Context) graphql.Marshaler {
					return ec._Work_authors(ctx, field, obj)
				})
		case "journal":
			out.ResolveConcurrently(ec.OperationContext, &deferred, i,
				true, false,
				func(ctx context.Context) graphql.Marshaler {
					return ec._Work_journal(ctx, field, obj)
				})
		}
	}
	return out
}

func (ec *executionContext) marshalNWork2ᚕ(ctx context.Context, sel ast.SelectionSet, v []*model.Work) graphql.Marshaler {
	ret := graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		return ec.marshalNWork2ᚖ(ctx, sel, v[i])
	})
	return ret
}
`

func TestPatch(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "exec.go"), []byte(generated), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := patch(dir); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "exec.go"))
	for _, want := range []string{
		"deferred := sequential.NewDeferredGroup(ctx, fields)",
		"sequential.ResolveField(ctx, out, field, obj, ec.OperationContext, &deferred, i,",
		"sequential.MarshalSlice(ctx, sel, &ConcurrentFields, len(v), func(",
		`"github.com/relgraph/relgraph/resolvers/sequential"`,
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("patched code lacks %q", want)
		}
	}
	fields, _ := os.ReadFile(filepath.Join(dir, "concurrent_gen.go"))
	if !strings.Contains(string(fields), `"Work.authors": true`) || strings.Contains(string(fields), `"Work.id"`) || !strings.Contains(string(fields), `"journal": true`) {
		t.Errorf("concurrent fields:\n%s", fields)
	}
}

func TestPatchFailsOnUnknownCode(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"deferred := graphql.NewDeferredGroup(ctx)", "deferred := graphql.NewDeferredGroupFor(ctx)", "NewDeferredGroup"},
		{"out.ResolveConcurrently(ec.OperationContext, &deferred, i,", "out.ResolveConcurrently(ec.OperationContext, i, &deferred,", "schedules a field"},
		{"graphql.MarshalSliceConcurrently(ctx, len(v), 0, false,", "graphql.MarshalSliceInParallel(ctx, len(v),", "MarshalSliceConcurrently"},
	} {
		t.Run(tc.new, func(t *testing.T) {
			dir := t.TempDir()
			changed := strings.Replace(generated, tc.old, tc.new, 1)
			if err := os.WriteFile(filepath.Join(dir, "exec.go"), []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			err := patch(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
