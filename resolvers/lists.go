package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers/model"
)

// The list fields of entities hand out what the root field read ahead with the entity (readahead.go):
// they never read the database themselves, so they never wait, and gqlgen resolves them in turn.

// listItems returns the items read ahead for the current list field of e.
func listItems(ctx context.Context, e model.Entity) (*graph.TreeList, error) {
	if l, ok := prefetched(ctx, e); ok {
		return l, nil
	}
	fc := graphql.GetFieldContext(ctx)
	return nil, graph.Errorf(graph.EInternal, "the list %s of %s was not read ahead", fc.Field.Alias, e.N.ID)
}

// listOf resolves a list field of e whose items are entities, wrapped by wrap.
func listOf[T any](ctx context.Context, e model.Entity, wrap func(model.Entity) T) ([]T, error) {
	l, err := listItems(ctx, e)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(l.Items))
	for _, t := range l.Items {
		out = append(out, wrap(model.Entity{N: t.Node, Pre: t.Lists}))
	}
	return out, nil
}

// oneOf resolves a field of e that holds at most one related entity (a work's journal).
func oneOf[T any](ctx context.Context, e model.Entity, wrap func(model.Entity) T) (T, error) {
	var zero T
	l, err := listItems(ctx, e)
	if err != nil || len(l.Items) == 0 {
		return zero, err
	}
	t := l.Items[0]
	return wrap(model.Entity{N: t.Node, Pre: t.Lists}), nil
}

// connectionOf resolves a connection of works of e: its arguments are checked first, since a list
// with bad arguments is not read ahead, and a list whose cursor the read-ahead refused answers why.
// Either way the error is this field's alone.
func connectionOf(ctx context.Context, e model.Entity, first *int, after *string) (*model.WorkConnection, error) {
	if _, _, err := pageArgs(first, after); err != nil {
		return nil, err
	}
	l, err := listItems(ctx, e)
	if err != nil {
		return nil, err
	}
	if l.Err != nil {
		return nil, l.Err
	}
	c := &model.WorkConnection{Edges: make([]*model.WorkEdge, 0, len(l.Items)), TotalCount: l.TotalCount,
		PageInfo: pageInfo(l.Cursors, l.HasNext, l.HasPrevious)}
	for i, t := range l.Items {
		c.Edges = append(c.Edges, &model.WorkEdge{Node: asWork(model.Entity{N: t.Node, Pre: t.Lists}), Cursor: l.Cursors[i]})
	}
	return c, nil
}

// entities wraps entities that a query of their own read (relations, paths, the explorer's
// questions, curation), and reads, in one more round trip for all of them, the lists that the
// selection at path asks of them. Nothing more is read when the selection asks for no list.
func (r *Resolver) entities(ctx context.Context, ns []*graph.Node, path ...string) ([]model.Entity, error) {
	out := make([]model.Entity, len(ns))
	for i, n := range ns {
		out[i] = model.Entity{N: n}
	}
	sel := r.readAhead(ctx, path...)
	if len(sel.Lists) == 0 {
		return out, nil
	}
	var ids []string
	var at []int
	for i, n := range ns {
		if n != nil {
			ids, at = append(ids, n.ID), append(at, i)
		}
	}
	ts, err := r.Store.FetchNodes(ctx, ids, graph.Select{Props: []string{}, Lists: sel.Lists})
	if err != nil {
		return nil, err
	}
	for j, t := range ts {
		if t != nil {
			out[at[j]].Pre = t.Lists
		}
	}
	return out, nil
}

// nodes wraps entities as entities() does, each in the GraphQL type of its kind.
func (r *Resolver) nodes(ctx context.Context, ns []*graph.Node, path ...string) ([]model.Node, error) {
	es, err := r.entities(ctx, ns, path...)
	if err != nil {
		return nil, err
	}
	out := make([]model.Node, len(es))
	for i, e := range es {
		if e.N != nil {
			out[i] = model.FromEntity(e)
		}
	}
	return out, nil
}

// entityLists reads the lists that the selection under field asks of n, an entity that a mutation
// answers with, in one round trip, and returns n with them. The change is made by then, so a
// failure to read is reported beside the answer, not instead of it.
func (r *Resolver) entityLists(ctx context.Context, n model.Node, field string) model.Node {
	s, ok := n.(interface{ Stored() *graph.Node })
	if !ok || s.Stored() == nil {
		return n
	}
	ns, err := r.nodes(ctx, []*graph.Node{s.Stored()}, field)
	if err != nil {
		graphql.AddError(ctx, err)
		return n
	}
	return ns[0]
}
