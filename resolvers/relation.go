package resolvers

import (
	"fmt"

	"github.com/vektah/gqlparser/v2/ast"

	"github.com/relgraph/relgraph/graph"
)

// A list field of an entity says once, in the schema, how it is read: `@relation(path:, order:,
// max:, cost:)` (schema/node.graphqls). Everything about the list follows from that declaration:
// the graph.ListSelect that the store compiles to Cypher (readahead.go), the resolver that hands
// the list out (lists.go), and the cost the limits charge for it (ListCost, for server/limits.go).

// relationPlan is a list field's declaration, read from its @relation directive.
type relationPlan struct {
	path  graph.RelPath
	order graph.Order
	max   int
	cost  int
	paged bool // a connection, with first and after
	// via, for items that are not entities themselves (Authorship), is the field of the item
	// that holds the entity; edges says that the items carry the relationship.
	via   string
	edges bool
	// none says that the items have no entity to read but the relationship (Publication).
	none bool
	// target keeps only items of one kind where the path may reach several.
	target graph.Kind
}

// relationPlans maps each entity type's list fields to their declarations.
type relationPlans map[string]map[string]*relationPlan

// entityTypes lists the GraphQL entity types with their kinds.
var entityTypes = map[string]graph.Kind{"Work": graph.Work, "Person": graph.Person, "Journal": graph.Journal,
	"Organisation": graph.Organisation, "Country": graph.Country, "Project": graph.Project, "Topic": graph.Topic}

// planRelations reads every @relation of the schema's entity types, and fails on any declaration
// that the store could not read.
func planRelations(s *ast.Schema) (relationPlans, error) {
	plans := relationPlans{}
	for typ, kind := range entityTypes {
		def := s.Types[typ]
		if def == nil {
			return nil, fmt.Errorf("the schema has no type %s", typ)
		}
		plans[typ] = map[string]*relationPlan{}
		for _, f := range def.Fields {
			d := f.Directives.ForName("relation")
			if d == nil {
				continue
			}
			p, err := planRelation(s, kind, f, d)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", typ, f.Name, err)
			}
			plans[typ][f.Name] = p
		}
	}
	return plans, nil
}

func planRelation(s *ast.Schema, kind graph.Kind, f *ast.FieldDefinition, d *ast.Directive) (*relationPlan, error) {
	args, err := directiveArgs(s, d)
	if err != nil {
		return nil, err
	}
	path, err := graph.ParseRelPath(kind, fmt.Sprint(args["path"]))
	if err != nil {
		return nil, err
	}
	p := &relationPlan{path: path, order: graph.Order(fmt.Sprint(args["order"])), max: intArg(args["max"]), cost: intArg(args["cost"])}
	if !p.order.Valid() {
		return nil, fmt.Errorf("unknown order %q", p.order)
	}
	if p.max < 1 || p.cost < 1 || p.cost > p.max {
		return nil, fmt.Errorf("want 1 <= cost <= max, not cost %d and max %d", p.cost, p.max)
	}
	p.paged = f.Arguments.ForName("first") != nil
	if p.paged && p.order != graph.Newest {
		return nil, fmt.Errorf("a connection must list the newest first")
	}
	if p.order == graph.ByPosition && len(path) != 1 {
		return nil, fmt.Errorf("only a path of one relationship can be ordered by position")
	}
	item := f.Type.Name()
	if _, ok := entityTypes[item]; !ok && item != "Node" && !p.paged {
		// The items wrap the relationship: find the field that holds the entity, if any.
		if len(path) != 1 {
			return nil, fmt.Errorf("items of type %s carry a relationship, so the path must be one relationship", item)
		}
		p.edges = true
		def := s.Types[item]
		if def == nil {
			return nil, fmt.Errorf("unknown type %s", item)
		}
		for _, g := range def.Fields {
			if _, ok := entityTypes[g.Type.Name()]; ok {
				p.via = g.Name
			}
		}
		p.none = p.via == ""
	}
	want := entityTypes[item] // the kind the field lists, "" for any
	if p.paged {
		want = graph.Work
	}
	if p.edges {
		want = ""
	}
	switch reach := path.Target(kind); {
	case want == "" || reach == want:
	case reach == "":
		p.target = want // the path may reach several kinds: keep the one listed
	default:
		return nil, fmt.Errorf("the path reaches a %s, but the field lists %s", reach.Label(), item)
	}
	return p, nil
}

func intArg(v any) int {
	switch n := v.(type) {
	case int64:
		return int(n)
	case int:
		return n
	}
	return 0
}

// directiveArgs returns a directive's arguments as given, with the defaults of its definition in
// the schema for the others.
func directiveArgs(s *ast.Schema, d *ast.Directive) (map[string]any, error) {
	def := s.Directives[d.Name]
	if def == nil {
		return nil, fmt.Errorf("the schema does not define @%s", d.Name)
	}
	args := map[string]any{}
	for _, a := range def.Arguments {
		if a.DefaultValue != nil {
			v, err := a.DefaultValue.Value(nil)
			if err != nil {
				return nil, err
			}
			args[a.Name] = v
		}
	}
	for _, a := range d.Arguments {
		if def.Arguments.ForName(a.Name) == nil {
			return nil, fmt.Errorf("@%s has no argument %s", d.Name, a.Name)
		}
		v, err := a.Value.Value(nil)
		if err != nil {
			return nil, err
		}
		args[a.Name] = v
	}
	return args, nil
}

// ListCost returns the length that the query cost charges for a list field of schema s without a
// size argument: its @relation's cost; ok is false for fields that declare none.
func ListCost(s *ast.Schema, f *ast.FieldDefinition) (n int, ok bool) {
	d := f.Directives.ForName("relation")
	if d == nil {
		return 0, false
	}
	args, err := directiveArgs(s, d)
	if err != nil {
		return 0, false
	}
	return intArg(args["cost"]), true
}
