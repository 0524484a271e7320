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

// works resolves a connection of works relative to id.
func (r *Resolver) works(ctx context.Context, list graph.WorkList, id string, first *int, after *string) (*model.WorkConnection, error) {
	n, a, err := pageArgs(first, after)
	if err != nil {
		return nil, err
	}
	p, err := loadersFor(ctx).page(ctx, list, id, n, a)
	if err != nil {
		return nil, err
	}
	return workConnection(p), nil
}

// linked resolves the neighbours of id over one relationship type, wrapped by wrap.
func linked[T any](ctx context.Context, id string, t graph.RelType, dir graph.Direction, wrap func(model.Entity) T) ([]T, error) {
	ls, err := loadersFor(ctx).linked(ctx, id, t, dir)
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(ls))
	for _, l := range ls {
		out = append(out, wrap(model.Entity{N: l.Node}))
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
func asNode(e model.Entity) model.Node                  { return model.FromNode(e.N) }

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

// lookup finds one entity by an identifier, validated first, as a model type.
func lookup[T any](ctx context.Context, r *Resolver, kind graph.Kind, scheme, raw string, norm func(string) (string, error), wrap func(model.Entity) T) (T, error) {
	var zero T
	v, err := norm(raw)
	if err != nil {
		return zero, graph.Errorf(graph.EInvalid, "%s", err.Error())
	}
	n, err := r.Store.Lookup(ctx, graph.Ref{Kind: kind, Scheme: scheme, Value: v})
	if err != nil || n == nil {
		return zero, err
	}
	return wrap(model.Entity{N: n}), nil
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
