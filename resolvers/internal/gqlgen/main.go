// Command gqlgen generates the GraphQL code of relgraph (make generate): gqlgen's own generation,
// from gqlgen.yml, with one plugin through gqlgen's plugin interface.
//
// gqlgen resolves each resolver field of an object in a goroutine of its own, so that fields that
// wait on the database can wait together. relgraph's list fields never wait: the root field reads
// every list a query asks for in one Cypher statement, and the list resolvers hand out what it read
// (resolvers/lists.go). The plugin tells gqlgen to resolve such objects' fields in turn: objects
// whose every resolver field is a list declared with @relation. Other objects (the root Query, a
// proposal's batch-resolved ends) keep gqlgen's concurrency.
package main

import (
	"fmt"
	"os"

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
