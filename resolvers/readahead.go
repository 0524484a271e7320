package resolvers

import (
	"context"
	"slices"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers/model"
)

// Read-ahead: a root field that returns entities turns its whole selection set, through gqlgen's
// field collection, into a graph.Select, which the store answers in one Cypher statement. The
// entities come back with their lists already read, keyed by the response key (alias) of the field
// that asked for each, and the list resolvers take them from there (lists.go). Every list of an
// entity is read this way, at any depth: lists are never read one entity at a time. A list whose
// arguments are bad is not read, nor one whose cursor is not one of its own; its resolver reports
// the arguments or the cursor, at its own path.

// nodeFields are the fields of the Node interface, read with every entity.
var nodeFields = map[string]bool{"id": true, "kind": true, "label": true, "__typename": true}

// fieldProps are the properties read for the scalar fields of entities whose names are not those of
// the property: the fields that repeat the label read nothing more, and nil reads every property
// (the per-source values of a country's sub-region). Every other scalar field reads the property
// of its own name.
var fieldProps = map[string][]string{
	"Work.title": {}, "Journal.title": {}, "Project.title": {},
	"Person.name": {}, "Organisation.name": {}, "Country.name": {}, "Topic.name": {},
	"Work.dates":         {"dateSubmitted", "dateAccepted", "dateOnline", "publicationDate"},
	"Country.subregions": nil,
}

// typesOf returns the entity types a field of GraphQL type name may hold.
func typesOf(name string) []string {
	if _, ok := entityTypes[name]; ok {
		return []string{name}
	}
	if name == "Node" {
		return []string{"Work", "Person", "Journal", "Organisation", "Country", "Project", "Topic"}
	}
	return nil
}

// collect gathers the fields of several selection sets that apply to a type, by response key.
func collect(op *graphql.OperationContext, sets []ast.SelectionSet, satisfies ...string) ([]*ast.Field, map[string][]ast.SelectionSet) {
	var fields []*ast.Field
	subs := map[string][]ast.SelectionSet{}
	for _, set := range sets {
		for _, f := range graphql.CollectFields(op, set, satisfies) {
			if _, ok := subs[f.Alias]; !ok {
				fields = append(fields, f.Field)
				subs[f.Alias] = nil
			}
			if len(f.Selections) > 0 {
				subs[f.Alias] = append(subs[f.Alias], f.Selections)
			}
		}
	}
	return fields, subs
}

// selectFor builds the Select for entities of the given types from the selection sets asked of
// them.
func (r *Resolver) selectFor(op *graphql.OperationContext, sets []ast.SelectionSet, types []string) graph.Select {
	var sel graph.Select
	want := map[string]bool{}
	all := false
	for _, typ := range types {
		kind := entityTypes[typ]
		fields, subs := collect(op, sets, typ, "Node")
		for _, f := range fields {
			if nodeFields[f.Name] {
				continue
			}
			if p := r.plans[typ][f.Name]; p != nil {
				if ls, ok := r.listSelect(op, kind, f, subs[f.Alias], p); ok {
					sel.Lists = append(sel.Lists, ls)
				}
				continue
			}
			ps, named := fieldProps[typ+"."+f.Name]
			switch {
			case named && ps == nil:
				all = true
			case named:
				for _, x := range ps {
					want[x] = true
				}
			default:
				want[f.Name] = true
			}
		}
	}
	if !all {
		sel.Props = []string{}
		for p := range want {
			sel.Props = append(sel.Props, p)
		}
	}
	return sel
}

// listSelect makes the ListSelect of a list field, or reports that it is not read ahead because its
// arguments are bad (its resolver then reports them).
func (r *Resolver) listSelect(op *graphql.OperationContext, kind graph.Kind, f *ast.Field, sets []ast.SelectionSet, p *relationPlan) (graph.ListSelect, bool) {
	ls := graph.ListSelect{Key: f.Alias, Kind: kind, Path: p.path, Target: p.target, Order: p.order, Limit: p.max, Edges: p.edges}
	itemType := f.Definition.Type.Name()
	switch {
	case p.paged:
		args := f.ArgumentMap(op.Variables)
		first, after, err := pageArgs(intPtr(args["first"]), strPtr(args["after"]))
		if err != nil {
			return ls, false
		}
		ps := &graph.PageSelect{First: first, After: after}
		var nodes []ast.SelectionSet
		nodeType := "Work"
		fields, subs := collect(op, sets, itemType)
		for _, g := range fields {
			switch g.Name {
			case "totalCount":
				ps.Count = true
			case "pageInfo":
				ps.Items = true
			case "edges":
				ps.Items = true
				efs, esubs := collect(op, subs[g.Alias], g.Definition.Type.Name())
				for _, e := range efs {
					if e.Name == "node" {
						nodes = append(nodes, esubs[e.Alias]...)
						nodeType = e.Definition.Type.Name()
					}
				}
			}
		}
		ls.Page = ps
		ls.Select = r.selectFor(op, nodes, typesOf(nodeType))
	case p.none:
		// Only the relationship is read: no property of the entity at its end.
		ls.Select = graph.Select{Props: []string{}}
	case p.via != "":
		fields, subs := collect(op, sets, itemType)
		var inner []ast.SelectionSet
		var viaType string
		for _, g := range fields {
			if g.Name == p.via {
				inner = append(inner, subs[g.Alias]...)
				viaType = g.Definition.Type.Name()
			}
		}
		ls.Select = r.selectFor(op, inner, typesOf(viaType))
	default:
		ls.Select = r.selectFor(op, sets, typesOf(itemType))
	}
	return ls, true
}

func intPtr(v any) *int {
	switch n := v.(type) {
	case int:
		return &n
	case int64:
		i := int(n)
		return &i
	case int32:
		i := int(n)
		return &i
	}
	return nil
}

func strPtr(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

// readAhead is the Select for the entities the current field returns, from its selection set.
// path leads from the field to the entities, such as ["edges", "node"] for a connection.
func (r *Resolver) readAhead(ctx context.Context, path ...string) graph.Select {
	fc := graphql.GetFieldContext(ctx)
	op := graphql.GetOperationContext(ctx)
	sets := []ast.SelectionSet{fc.Field.Selections}
	typ := fc.Field.Definition.Type.Name()
	for _, step := range path {
		fields, subs := collect(op, sets, typ)
		var next []ast.SelectionSet
		nextType := ""
		for _, f := range fields {
			if f.Name == step {
				next = append(next, subs[f.Alias]...)
				nextType = f.Definition.Type.Name()
			}
		}
		if nextType == "" {
			return graph.Select{Props: []string{}}
		}
		sets, typ = next, nextType
	}
	return r.selectFor(op, sets, typesOf(typ))
}

// requested reports whether the current field's selection asks for any of the fields names.
func requested(ctx context.Context, names ...string) bool {
	return asks(graphql.GetOperationContext(ctx), graphql.GetFieldContext(ctx).Field.Selections, names)
}

// requestedUnder reports whether the field named under, in the current field's selection, asks for
// any of the fields names.
func requestedUnder(ctx context.Context, under string, names ...string) bool {
	op := graphql.GetOperationContext(ctx)
	for _, f := range graphql.CollectFields(op, graphql.GetFieldContext(ctx).Field.Selections, nil) {
		if f.Name == under && asks(op, f.Selections, names) {
			return true
		}
	}
	return false
}

func asks(op *graphql.OperationContext, set ast.SelectionSet, names []string) bool {
	for _, f := range graphql.CollectFields(op, set, nil) {
		if slices.Contains(names, f.Name) {
			return true
		}
	}
	return false
}

// prefetched returns the list read ahead for the current field of an entity, if it was.
func prefetched(ctx context.Context, e model.Entity) (*graph.TreeList, bool) {
	if e.Pre == nil {
		return nil, false
	}
	l, ok := e.Pre[graphql.GetFieldContext(ctx).Field.Alias]
	return l, ok
}
