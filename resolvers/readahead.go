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
// that asked for each, and the field resolvers below take them from there (prefetched). A field the
// plan does not know, or whose arguments are bad, is simply not read ahead: its resolver falls back
// to the per-request loaders, which also serve the fields under relations, paths and neighbours.

// fieldPlan says how one GraphQL field of an entity type is read ahead.
type fieldPlan struct {
	props     []string // the properties a scalar field reads
	all       bool     // the field reads properties whose names are not fixed: read them all
	link      *graph.LinkSelect
	page      graph.WorkList
	coauthors int
	via       string // the entity of each item is under this field (Authorship.person)
	none      bool   // the item has no entity to select from (Publication)
}

func props(p ...string) fieldPlan { return fieldPlan{props: p} }

func link(t graph.RelType, d graph.Direction) fieldPlan {
	return fieldPlan{link: &graph.LinkSelect{Type: t, Dir: d}}
}

func pageOf(l graph.WorkList) fieldPlan { return fieldPlan{page: l} }

// coauthorLimit is how many co-authors a person lists.
const coauthorLimit = 200

// plans maps each entity type's fields to how they are read. The id, kind and label of the Node
// interface, and the fields that only rename the label, need nothing beyond the entity.
var plans = map[string]map[string]fieldPlan{
	"Work": {
		"title": {}, "doi": props("doi"), "openalex": props("openalex"), "type": props("type"), "year": props("year"),
		"language": props("language"), "abstract": props("abstract"), "peerReviewed": props("peerReviewed"),
		"note": props("note"), "dates": props("dateSubmitted", "dateAccepted", "dateOnline", "publicationDate"),
		"authors":       link(graph.Authored, graph.In),
		"authorships":   {link: &graph.LinkSelect{Type: graph.Authored, Dir: graph.In, Edges: true}, via: "person"},
		"journal":       link(graph.PublishedIn, graph.Out),
		"publication":   {link: &graph.LinkSelect{Type: graph.PublishedIn, Dir: graph.Out, Edges: true}, none: true},
		"organisations": link(graph.Studies, graph.Out), "countries": link(graph.CaseCountry, graph.Out),
		"topics": link(graph.HasTopic, graph.Out), "projects": link(graph.ResultOf, graph.Out),
		"funders":         link(graph.FundedBy, graph.Out),
		"sameAuthorWorks": pageOf(graph.SameAuthorWorks), "sameJournalWorks": pageOf(graph.SameJournalWorks),
		"references": pageOf(graph.ReferencesOf), "citedBy": pageOf(graph.CitedBy),
	},
	"Person": {
		"name": {}, "orcid": props("orcid"), "openalex": props("openalex"),
		"affiliations": link(graph.AffiliatedWith, graph.Out), "coauthors": {coauthors: coauthorLimit},
		"works": pageOf(graph.WorksOf),
	},
	"Project": {
		"title": {}, "works": pageOf(graph.WorksOf), "participants": link(graph.ParticipatesIn, graph.In),
	},
	"Topic": {"name": {}, "openalex": props("openalex"), "works": pageOf(graph.WorksOf)},
	"Organisation": {
		"name": {}, "ror": props("ror"), "openalex": props("openalex"), "acronyms": props("acronyms"),
		"aliases": props("aliases"), "types": props("types"), "website": props("website"),
		"country": link(graph.LocatedIn, graph.Out), "parents": link(graph.PartOf, graph.Out),
		"children": link(graph.PartOf, graph.In), "works": pageOf(graph.WorksOf),
		"people": link(graph.AffiliatedWith, graph.In),
	},
	"Country": {
		"name": {}, "iso2": props("iso2"), "iso3": props("iso3"), "region": props("region"),
		"subregions": {all: true}, "borders": link(graph.Borders, graph.Out),
		"organisations": link(graph.LocatedIn, graph.In), "works": pageOf(graph.WorksOf),
	},
	"Journal": {
		"title": {}, "issnl": props("issnl"), "issns": props("issns"), "openalex": props("openalex"),
		"publisher": props("publisher"), "works": pageOf(graph.WorksOf),
	},
}

// nodeFields are the fields of the Node interface, read with every entity.
var nodeFields = map[string]bool{"id": true, "kind": true, "label": true, "__typename": true}

// entityTypes lists the GraphQL entity types with their kinds.
var entityTypes = map[string]graph.Kind{"Work": graph.Work, "Person": graph.Person, "Journal": graph.Journal,
	"Organisation": graph.Organisation, "Country": graph.Country, "Project": graph.Project, "Topic": graph.Topic}

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
func selectFor(op *graphql.OperationContext, sets []ast.SelectionSet, types []string) graph.Select {
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
			p, ok := plans[typ][f.Name]
			switch {
			case !ok:
				all = all || len(subs[f.Alias]) == 0 // an unknown scalar: read everything
				continue
			case p.all:
				all = true
			case p.props != nil:
				for _, x := range p.props {
					want[x] = true
				}
			}
			if ls, ok := listSelect(op, typ, kind, f, subs[f.Alias], p); ok {
				sel.Lists = append(sel.Lists, ls)
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

// listSelect makes the ListSelect of a list field, or reports that it is not read ahead.
func listSelect(op *graphql.OperationContext, typ string, kind graph.Kind, f *ast.Field, sets []ast.SelectionSet, p fieldPlan) (graph.ListSelect, bool) {
	ls := graph.ListSelect{Key: f.Alias, Kind: kind}
	switch {
	case p.link != nil:
		l := *p.link
		ls.Link = &l
		switch {
		case p.none:
			// Only the relationship is read: no property of the entity at its end.
			ls.Select = graph.Select{Props: []string{}}
		case p.via != "":
			fields, subs := collect(op, sets, f.Definition.Type.Name())
			var inner []ast.SelectionSet
			for _, g := range fields {
				if g.Name == p.via {
					inner = append(inner, subs[g.Alias]...)
				}
			}
			ls.Select = selectFor(op, inner, []string{"Person"})
		default:
			ls.Select = selectFor(op, sets, typesOf(f.Definition.Type.Name()))
		}
	case p.page != "":
		args := f.ArgumentMap(op.Variables)
		first, after, err := pageArgs(intPtr(args["first"]), strPtr(args["after"]))
		if err != nil {
			return ls, false // the resolver reports it
		}
		ps := &graph.PageSelect{List: p.page, First: first, After: after}
		connType := f.Definition.Type.Name()
		var nodes []ast.SelectionSet
		fields, subs := collect(op, sets, connType)
		for _, g := range fields {
			switch g.Name {
			case "totalCount":
				ps.Count = true
			case "pageInfo":
				ps.Items = true
			case "edges":
				ps.Items = true
				edgeType := g.Definition.Type.Name()
				efs, esubs := collect(op, subs[g.Alias], edgeType)
				for _, e := range efs {
					if e.Name == "node" {
						nodes = append(nodes, esubs[e.Alias]...)
					}
				}
			}
		}
		ls.Page = ps
		ls.Select = selectFor(op, nodes, []string{"Work"})
	case p.coauthors > 0:
		ls.Coauthors = p.coauthors
		ls.Select = selectFor(op, sets, []string{"Person"})
	default:
		return ls, false
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
func readAhead(ctx context.Context, path ...string) graph.Select {
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
	return selectFor(op, sets, typesOf(typ))
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
