// Package sequential holds what resolvers/internal/execpatch puts in place of three of gqlgen's
// calls in the generated executor: each does the work in the calling goroutine when nothing can
// wait, and otherwise calls gqlgen's own function. Nothing waits when the data was read ahead;
// loaders wait (they gather the keys of concurrent fields into one batch), so fields that may use
// one keep gqlgen's concurrency.
package sequential

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// NewDeferredGroup is graphql.NewDeferredGroup when a field of the object is deferred, and an
// empty group otherwise, which no call then reads: building one computes the object's path.
func NewDeferredGroup(ctx context.Context, fields []graphql.CollectedField) graphql.DeferredGroup {
	for i := range fields {
		if fields[i].IsDeferred() {
			return graphql.NewDeferredGroup(ctx)
		}
	}
	return graphql.DeferredGroup{}
}

// readier is implemented by objects that know which of their fields were read ahead.
type readier interface{ Ready(alias string) bool }

// ResolveField resolves field i of out at once when obj says the field was read ahead, as gqlgen
// would in a goroutine of its own (recovering a panic to null, counting an invalid result), and
// otherwise schedules it with out.ResolveConcurrently.
func ResolveField(ctx context.Context, out *graphql.FieldSet, field graphql.CollectedField, obj any,
	oc *graphql.OperationContext, deferred *graphql.DeferredGroup, i int, recoverFromPanic, nonNull bool,
	resolve func(ctx context.Context) graphql.Marshaler,
) {
	if r, ok := obj.(readier); !ok || field.IsDeferred() || !r.Ready(field.Alias) {
		out.ResolveConcurrently(oc, deferred, i, recoverFromPanic, nonNull, resolve)
		return
	}
	v := resolveNow(ctx, oc, recoverFromPanic, resolve)
	out.Values[i] = v
	// The invalid result of a non-null field is Null, of a nullable one RequiredNull.
	if (nonNull && v == graphql.Null) || (!nonNull && v == graphql.RequiredNull) {
		out.Invalids++
	}
}

func resolveNow(ctx context.Context, oc *graphql.OperationContext, recoverFromPanic bool,
	resolve func(ctx context.Context) graphql.Marshaler,
) (res graphql.Marshaler) {
	if recoverFromPanic {
		defer func() {
			if r := recover(); r != nil {
				oc.Error(ctx, oc.Recover(ctx, r))
				res = graphql.Null
			}
		}()
	}
	return resolve(ctx)
}

// MarshalSlice marshals the n elements of a list in turn when the selection sel asks no field that
// could wait (see Fields.MayWait), and with graphql.MarshalSliceConcurrently otherwise.
func MarshalSlice(ctx context.Context, sel ast.SelectionSet, concurrent *Fields, n int,
	marshal func(ctx context.Context, i int) graphql.Marshaler,
) graphql.Array {
	if n < 2 || concurrent.MayWait(sel) {
		return graphql.MarshalSliceConcurrently(ctx, n, 0, false, marshal)
	}
	ret := make(graphql.Array, n)
	indices := make([]int, n)
	for i := range n {
		indices[i] = i
		ctx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &indices[i]})
		ret[i] = marshalNow(ctx, i, marshal)
	}
	return ret
}

func marshalNow(ctx context.Context, i int, marshal func(ctx context.Context, i int) graphql.Marshaler) (res graphql.Marshaler) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			res = graphql.Null
		}
	}()
	return marshal(ctx, i)
}

// Fields are the fields that gqlgen resolves concurrently: those with a resolver or a method
// taking a context. Resolving them may wait on a loader.
type Fields struct {
	// ByType holds them as Type.field.
	ByType map[string]bool
	// ByName holds their names, whatever their type, for selections on interfaces and unions.
	ByName map[string]bool
}

// MayWait reports whether resolving sel could wait: whether it asks, at any depth, a field gqlgen
// resolves concurrently (on an interface or union, one that any type resolves so), or defers.
func (c *Fields) MayWait(sel ast.SelectionSet) bool { return c.mayWait(sel, 0) }

func (c *Fields) mayWait(sel ast.SelectionSet, depth int) bool {
	if depth > 64 {
		return true
	}
	for _, s := range sel {
		switch s := s.(type) {
		case *ast.Field:
			if s.Definition == nil || s.ObjectDefinition == nil {
				return true
			}
			if s.ObjectDefinition.IsAbstractType() {
				if c.ByName[s.Name] {
					return true
				}
			} else if c.ByType[s.ObjectDefinition.Name+"."+s.Name] {
				return true
			}
			if c.mayWait(s.SelectionSet, depth+1) {
				return true
			}
		case *ast.InlineFragment:
			if s.Directives.ForName("defer") != nil || c.mayWait(s.SelectionSet, depth+1) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Directives.ForName("defer") != nil || s.Definition == nil || c.mayWait(s.Definition.SelectionSet, depth+1) {
				return true
			}
		}
	}
	return false
}
