// Package resolvers implements the GraphQL schema: thin resolvers that translate arguments, call
// the graph services through per-operation loaders, and wrap the results in model types.
package resolvers

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
	"github.com/relgraph/relgraph/resolvers/generated"
	"github.com/relgraph/relgraph/resolvers/model"
)

// Resolver is the root resolver.
type Resolver struct {
	Store graph.Reader
	// Curation changes the graph; nil when the store cannot, and then every curation field
	// answers UNAVAILABLE.
	Curation graph.Curator
}

// Schema returns the executable schema backed by store, with curation when the store curates too.
func Schema(store graph.Reader) graphql.ExecutableSchema {
	r := &Resolver{Store: store}
	r.Curation, _ = store.(graph.Curator)
	return generated.NewExecutableSchema(generated.Config{Resolvers: r})
}

// Loaders installs fresh per-operation loaders; use it as the server's AroundOperations hook.
func Loaders(store graph.Reader) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		return next(withLoaders(ctx, store))
	}
}

// Page size bounds for every connection.
const (
	defaultFirst = 10
	maxFirst     = 100
)

func pageArgs(first *int, after *string) (int, string, error) {
	n := defaultFirst
	if first != nil {
		n = *first
	}
	if n < 0 || n > maxFirst {
		return 0, "", graph.Errorf(graph.EInvalid, "first must be between 0 and %d, not %d", maxFirst, n)
	}
	a := ""
	if after != nil {
		a = *after
	}
	return n, a, nil
}

func workConnection(p graph.Page) *model.WorkConnection {
	c := &model.WorkConnection{Edges: []*model.WorkEdge{}, TotalCount: p.TotalCount, PageInfo: pageInfo(p)}
	for i, n := range p.Nodes {
		c.Edges = append(c.Edges, &model.WorkEdge{Node: &model.Work{Entity: model.Entity{N: n}}, Cursor: p.Cursors[i]})
	}
	return c
}

func pageInfo(p graph.Page) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: p.HasNext, HasPreviousPage: p.HasPrevious}
	if len(p.Cursors) > 0 {
		pi.StartCursor, pi.EndCursor = &p.Cursors[0], &p.Cursors[len(p.Cursors)-1]
	}
	return pi
}

// works resolves a connection of works relative to an entity: read ahead, or through the loaders.
func (r *Resolver) works(ctx context.Context, list graph.WorkList, e model.Entity, first *int, after *string) (*model.WorkConnection, error) {
	n, a, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	if l, ok := prefetched(ctx, e); ok {
		return treeConnection(l), nil
	}
	p, err := loadersFor(ctx).page(ctx, list, e.N.ID, n, a)
	if err != nil {
		return nil, err
	}
	return workConnection(p), nil
}

// treeConnection is a connection of works read ahead.
func treeConnection(l *graph.TreeList) *model.WorkConnection {
	c := &model.WorkConnection{Edges: make([]*model.WorkEdge, 0, len(l.Items)), TotalCount: l.TotalCount,
		PageInfo: pageInfo(graph.Page{Cursors: l.Cursors, HasNext: l.HasNext, HasPrevious: l.HasPrevious})}
	for i, t := range l.Items {
		c.Edges = append(c.Edges, &model.WorkEdge{Node: &model.Work{Entity: model.Entity{N: t.Node, Pre: t.Lists}}, Cursor: l.Cursors[i]})
	}
	return c
}

// item is an entity of a list of neighbours, with the relationship that links it.
type item struct {
	E    model.Entity
	Edge *graph.Edge
}

// links resolves the neighbours of an entity over relationships of type t in direction dir: read
// ahead, or through the loaders.
func links(ctx context.Context, e model.Entity, t graph.RelType, dir graph.Direction) ([]item, error) {
	if l, ok := prefetched(ctx, e); ok {
		out := make([]item, len(l.Items))
		for i, it := range l.Items {
			out[i] = item{E: model.Entity{N: it.Node, Pre: it.Lists}, Edge: it.Edge}
		}
		return out, nil
	}
	ls, err := loadersFor(ctx).linked(ctx, e.N.ID, t, dir)
	if err != nil {
		return nil, err
	}
	out := make([]item, len(ls))
	for i, l := range ls {
		out[i] = item{E: model.Entity{N: l.Node}, Edge: l.Edge}
	}
	return out, nil
}

// linked resolves the neighbours of an entity over one relationship type, wrapped by wrap.
func linked[T any](ctx context.Context, e model.Entity, t graph.RelType, dir graph.Direction, wrap func(model.Entity) T) ([]T, error) {
	ls, err := links(ctx, e, t, dir)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(ls))
	for _, l := range ls {
		out = append(out, wrap(l.E))
	}
	return out, nil
}

func asWork(e model.Entity) *model.Work                 { return &model.Work{Entity: e} }
func asPerson(e model.Entity) *model.Person             { return &model.Person{Entity: e} }
func asJournal(e model.Entity) *model.Journal           { return &model.Journal{Entity: e} }
func asOrganisation(e model.Entity) *model.Organisation { return &model.Organisation{Entity: e} }
func asCountry(e model.Entity) *model.Country           { return &model.Country{Entity: e} }
func asTopic(e model.Entity) *model.Topic               { return &model.Topic{Entity: e} }
func asProject(e model.Entity) *model.Project           { return &model.Project{Entity: e} }
func asNode(e model.Entity) model.Node                  { return model.FromEntity(e) }

func provenance(p graph.Provenance) *model.Provenance {
	if p.Source == "" {
		return nil
	}
	mp := &model.Provenance{Source: p.Source, AddedAt: p.AddedAt.UTC().Format("2006-01-02T15:04:05Z")}
	if p.Record != "" {
		mp.Record = &p.Record
	}
	if p.Curator != "" {
		mp.Curator = &p.Curator
	}
	mp.Evidence, mp.Note, mp.ReviewedBy = optional(p.Evidence), optional(p.Note), optional(p.ReviewedBy)
	return mp
}

// lookup finds one entity by an identifier, validated first, as a model type, with what the
// query asks of it read ahead.
func lookup[T any](ctx context.Context, r *Resolver, kind graph.Kind, scheme, raw string, norm func(string) (string, error), wrap func(model.Entity) T) (T, error) {
	var zero T
	v, err := norm(raw)
	if err != nil {
		return zero, graph.Errorf(graph.EInvalid, "%s", err.Error())
	}
	t, err := r.Store.FetchRef(ctx, graph.Ref{Kind: kind, Scheme: scheme, Value: v}, readAhead(ctx))
	if err != nil || t == nil || t.Node == nil {
		return zero, err
	}
	return wrap(model.Entity{N: t.Node, Pre: t.Lists}), nil
}

func toKinds(ks []model.Kind) []graph.Kind {
	var out []graph.Kind
	for _, k := range ks {
		out = append(out, graph.Kind(k))
	}
	return out
}

func countryCode(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) == 3 {
		return ident.CountryAlpha3(s)
	}
	return ident.CountryAlpha2(s)
}

// Maximum sizes of a graph of relations.
const (
	maxDepth     = 3
	maxRelations = 2000
)

// edge converts a stored relationship for the API, its properties sorted by name.
func edge(e *graph.Edge) *model.Edge {
	me := &model.Edge{ID: e.ID, Source: e.Source, Target: e.Target, Type: string(e.Type),
		Provenance: provenance(e.Provenance), Properties: []*model.Property{}, Retraction: retraction(e.Retraction)}
	keys := make([]string, 0, len(e.Props))
	for k := range e.Props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		me.Properties = append(me.Properties, &model.Property{Key: k, Value: fmt.Sprint(e.Props[k])})
	}
	return me
}
