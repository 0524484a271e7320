// Command gqlgen generates the GraphQL code of relgraph (make generate): gqlgen's own generation,
// from gqlgen.yml, with one plugin through gqlgen's plugin interface.
//
// gqlgen resolves each resolver field of an object in a goroutine of its own, so that fields that
// wait on the database can wait together. relgraph's list fields never wait: the root field reads
// every list a query asks for in one Cypher statement, and the list resolvers hand out what it read
// (resolvers/lists.go). The plugin tells gqlgen to resolve such objects' fields in turn: objects
// whose every resolver field is a list declared with @relation. Other objects (the root Query, a
// proposal's batch-resolved ends) keep gqlgen's concurrency.
//
// It also writes the resolvers of those lists: a list of entities, one entity or a connection of
// works is handed out by one call that its @relation declaration and its type decide, so adding
// such a list to the schema is its declaration alone. Lists whose items are built on the
// relationship (a work's authorships, its publication) keep the body written by hand.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err == nil {
		err = api.Generate(cfg, api.AddPlugin(inTurn{}))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

// inTurn is the plugin: it marks objects whose resolver fields only hand out lists read ahead.
type inTurn struct{}

// Name implements plugin.Plugin.
func (inTurn) Name() string { return "relgraph-in-turn" }

// GenerateCode implements plugin.CodeGenerator. gqlgen runs it on the data it is about to render,
// before it renders the executor.
func (inTurn) GenerateCode(data *codegen.Data) error {
	for _, o := range data.Objects {
		if o.Root {
			continue
		}
		resolvers, declared := 0, 0
		for _, f := range o.Fields {
			if !f.IsResolver && !f.MethodHasContext {
				continue
			}
			resolvers++
			if f.FieldDefinition != nil && f.FieldDefinition.Directives.ForName("relation") != nil {
				declared++
			}
		}
		if resolvers > 0 && resolvers == declared {
			o.DisableConcurrency = true
		}
	}
	return nil
}

// Implement implements plugin.ResolverImplementer: the body of each resolver, for gqlgen's
// resolver generator. prev is the body found in the resolver files, which stays for every field
// but the lists of entities declared with @relation.
func (inTurn) Implement(prev string, f *codegen.Field) string {
	if body := listBody(f); body != "" {
		return body
	}
	if prev == "" {
		return fmt.Sprintf("panic(fmt.Errorf(\"not implemented: %v - %v\"))", f.GoFieldName, f.Name)
	}
	return prev
}

// entityTypes are the GraphQL types whose values wrap an entity (resolvers/model), with the function
// of package resolvers that wraps one.
var entityTypes = map[string]string{"Work": "asWork", "Person": "asPerson", "Journal": "asJournal",
	"Organisation": "asOrganisation", "Country": "asCountry", "Project": "asProject", "Topic": "asTopic", "Node": "asNode"}

// listBody is the body of the resolver of a list declared with @relation, or "" for other fields.
func listBody(f *codegen.Field) string {
	if f.FieldDefinition == nil || f.FieldDefinition.Directives.ForName("relation") == nil {
		return ""
	}
	typ := f.FieldDefinition.Type
	if strings.HasSuffix(typ.Name(), "Connection") && len(f.Args) == 2 {
		return fmt.Sprintf("return connectionOf(ctx, obj.Entity, %s, %s)", f.Args[0].VarName, f.Args[1].VarName)
	}
	wrap, ok := entityTypes[typ.Name()]
	switch {
	case !ok:
		return ""
	case typ.Elem != nil:
		return fmt.Sprintf("return listOf(ctx, obj.Entity, %s)", wrap)
	default:
		return fmt.Sprintf("return oneOf(ctx, obj.Entity, %s)", wrap)
	}
}
