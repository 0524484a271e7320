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
	// plans are the schema's list declarations (@relation), by type and field.
	plans relationPlans
}

// Schema returns the executable schema backed by store, with curation when the store curates too.
// It fails when a list declaration (@relation) or a role declaration (@auth) of the schema cannot
// be read. Serve it with the Auth extension, which enforces the roles.
func Schema(store graph.Reader) (graphql.ExecutableSchema, error) {
	r := &Resolver{Store: store}
	r.Curation, _ = store.(graph.Curator)
	es := generated.NewExecutableSchema(generated.Config{Resolvers: r})
	plans, err := planRelations(es.Schema())
	if err != nil {
		return nil, fmt.Errorf("the schema's @relation declarations: %w", err)
	}
	r.plans = plans
	if _, err := authRoles(es.Schema()); err != nil {
		return nil, fmt.Errorf("the schema's @auth declarations: %w", err)
	}
	return es, nil
}

func pageArgs(first *int, after *string) (int, string, error) {
	n := graph.DefaultPageSize
	if first != nil {
		n = *first
	}
	if n < 0 || n > graph.MaxPageSize {
		return 0, "", graph.Errorf(graph.EInvalid, "first must be between 0 and %d, not %d", graph.MaxPageSize, n)
	}
	a := ""
	if after != nil {
		a = *after
	}
	return n, a, nil
}

func pageInfo(cursors []string, hasNext, hasPrevious bool) *model.PageInfo {
	pi := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: hasPrevious}
	if len(cursors) > 0 {
		pi.StartCursor, pi.EndCursor = &cursors[0], &cursors[len(cursors)-1]
	}
	return pi
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
	t, err := r.Store.FetchRef(ctx, graph.Ref{Kind: kind, Scheme: scheme, Value: v}, r.readAhead(ctx))
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
