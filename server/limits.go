package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers"
)

// Limits bound what one request may ask of the server. The defaults start from graphql-armor's;
// README.md documents each value and how it is counted.
type Limits struct {
	Depth      int           // nesting of fields; a connection's edges { node } counts as one level
	Cost       int           // the number of objects a query can return (see cost)
	Aliases    int           // aliased fields
	Directives int           // directives
	Tokens     int           // lexical tokens of the query text
	Characters int           // characters of the query text
	BodyBytes  int64         // bytes of a POST body
	Timeout    time.Duration // time for one request, passed on to Neo4j as the transaction timeout
}

// DefaultLimits returns the limits the server starts with.
func DefaultLimits() Limits {
	return Limits{
		Depth:      6,
		Cost:       5000,
		Aliases:    15,
		Directives: 50,
		Tokens:     1000,
		Characters: 15000,
		BodyBytes:  64 << 10,
		Timeout:    10 * time.Second,
	}
}

// The extensions.code of each limit's error.
const (
	CodeDepth          = "DEPTH_LIMIT_EXCEEDED"
	CodeCost           = "COST_LIMIT_EXCEEDED"
	CodeAliases        = "ALIAS_LIMIT_EXCEEDED"
	CodeDirectives     = "DIRECTIVE_LIMIT_EXCEEDED"
	CodeTokens         = "TOKEN_LIMIT_EXCEEDED"
	CodeCharacters     = "CHARACTER_LIMIT_EXCEEDED"
	CodeBodySize       = "REQUEST_TOO_LARGE"
	CodeBatch          = "BATCHING_NOT_SUPPORTED"
	CodeGETMutation    = "MUTATION_OVER_GET"
	CodeIntrospection  = "INTROSPECTION_DISABLED"
	codeParseFailed    = errcode.ParseFailed
	tokenLimitPrefix   = "exceeded token limit"
	introspectionError = "introspection is disabled on this server"
)

func limitError(code, format string, args ...any) *gqlerror.Error {
	err := gqlerror.Errorf(format, args...)
	errcode.Set(err, code)
	return err
}

// limiter is the gqlgen extension that enforces the limits on an operation before it runs: the
// characters of the query before it is parsed; depth, aliases, directives, cost, introspection and
// the method after it is validated. Fragments are counted where they are spread, each computed
// once, so a fragment bomb costs its real size without taking exponential time to measure.
type limiter struct {
	limits        Limits
	introspection bool
	schema        *ast.Schema // for the list declarations (@relation) that the cost reads
}

var (
	_ graphql.HandlerExtension            = limiter{}
	_ graphql.OperationParameterMutator   = limiter{}
	_ graphql.OperationContextMutator     = limiter{}
	_ interface{ ExtensionName() string } = limiter{}
)

func (limiter) ExtensionName() string                          { return "RelgraphLimits" }
func (limiter) Validate(schema graphql.ExecutableSchema) error { return nil }

func (l limiter) MutateOperationParameters(ctx context.Context, p *graphql.RawParams) *gqlerror.Error {
	if n := len([]rune(p.Query)); l.limits.Characters > 0 && n > l.limits.Characters {
		return limitError(CodeCharacters, "the query has %d characters; at most %d are allowed", n, l.limits.Characters)
	}
	return nil
}

func (l limiter) MutateOperationContext(ctx context.Context, op *graphql.OperationContext) *gqlerror.Error {
	o := op.Operation
	if o == nil {
		return nil
	}
	if err := checkVariables(l.schema, o, op.Variables); err != nil {
		return err // what gqlgen's coercion lets through: "10" for an Int, an enum in other case
	}
	if o.Operation != ast.Query && requestFrom(ctx).method == http.MethodGet {
		return limitError(CodeGETMutation, "a %s cannot be sent with GET; use POST", o.Operation)
	}
	if !l.introspection && introspects(o.SelectionSet) {
		return limitError(CodeIntrospection, introspectionError)
	}
	w := newWalker(l.schema, op.Variables)
	if d := w.depth(o.SelectionSet); l.limits.Depth > 0 && d > l.limits.Depth {
		return limitError(CodeDepth, "the query is %d levels deep; at most %d are allowed", d, l.limits.Depth)
	}
	c := w.count(o.SelectionSet)
	if n := c.aliases; l.limits.Aliases > 0 && n > l.limits.Aliases {
		return limitError(CodeAliases, "the query has %d aliases; at most %d are allowed", n, l.limits.Aliases)
	}
	if n := c.directives + len(o.Directives); l.limits.Directives > 0 && n > l.limits.Directives {
		return limitError(CodeDirectives, "the query has %d directives; at most %d are allowed", n, l.limits.Directives)
	}
	if n := w.cost(o.SelectionSet); l.limits.Cost > 0 && n > l.limits.Cost {
		return limitError(CodeCost, "the query could return %d objects (its cost); at most %d are allowed", n, l.limits.Cost)
	}
	return nil
}

// introspects reports whether a root selection set asks for the schema (__schema or __type).
func introspects(set ast.SelectionSet) bool {
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Name == "__schema" || s.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if introspects(s.SelectionSet) {
				return true
			}
		case *ast.FragmentSpread:
			if s.Definition != nil && introspects(s.Definition.SelectionSet) {
				return true
			}
		}
	}
	return false
}

// walker measures a validated operation, remembering each named fragment's measures.
type walker struct {
	schema *ast.Schema
	vars   map[string]any
	depths map[string]int
	counts map[string]counts
	costs  map[string]int
}

type counts struct{ aliases, directives int }

func newWalker(schema *ast.Schema, vars map[string]any) *walker {
	return &walker{schema: schema, vars: vars, depths: map[string]int{}, counts: map[string]counts{}, costs: map[string]int{}}
}

// wrapper reports whether a field only wraps the items of a Relay connection (its edges, and each
// edge's node), which depth does not count.
func wrapper(f *ast.Field) bool {
	if f.ObjectDefinition == nil {
		return false
	}
	parent := f.ObjectDefinition.Name
	return f.Name == "edges" && strings.HasSuffix(parent, "Connection") ||
		f.Name == "node" && strings.HasSuffix(parent, "Edge")
}

func isIntrospection(f *ast.Field) bool { return strings.HasPrefix(f.Name, "__") }

// depth is the number of nested levels of fields below set, introspection left out.
func (w *walker) depth(set ast.SelectionSet) int {
	max := 0
	for _, s := range set {
		d := 0
		switch s := s.(type) {
		case *ast.Field:
			if isIntrospection(s) {
				continue
			}
			d = w.depth(s.SelectionSet)
			if !wrapper(s) {
				d++
			}
		case *ast.InlineFragment:
			d = w.depth(s.SelectionSet)
		case *ast.FragmentSpread:
			var ok bool
			if d, ok = w.depths[s.Name]; !ok && s.Definition != nil {
				w.depths[s.Name] = 0 // validation forbids cycles; this only guards against them
				d = w.depth(s.Definition.SelectionSet)
				w.depths[s.Name] = d
			}
		}
		if d > max {
			max = d
		}
	}
	return max
}

// count counts the aliases and directives below set, fragments once per spread.
func (w *walker) count(set ast.SelectionSet) counts {
	var c counts
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			if s.Alias != "" && s.Alias != s.Name {
				c.aliases++
			}
			c.directives += len(s.Directives)
			sub := w.count(s.SelectionSet)
			c.aliases += sub.aliases
			c.directives += sub.directives
		case *ast.InlineFragment:
			c.directives += len(s.Directives)
			sub := w.count(s.SelectionSet)
			c.aliases += sub.aliases
			c.directives += sub.directives
		case *ast.FragmentSpread:
			c.directives += len(s.Directives)
			sub, ok := w.counts[s.Name]
			if !ok && s.Definition != nil {
				w.counts[s.Name] = counts{}
				sub = w.count(s.Definition.SelectionSet)
				sub.directives += len(s.Definition.Directives)
				w.counts[s.Name] = sub
			}
			c.aliases += sub.aliases
			c.directives += sub.directives
		}
	}
	return c
}

// Cost model: the number of objects a query can return. Every entity, relationship, page item or
// connection costs 1; scalars and the small value objects that come with their parent (valueTypes)
// are free. A list costs its maximum length times the cost of one item: the page size for fields
// with `first`, `limit` for relations (each of its nodes and edges), first × (maxLength + 1) for
// paths, the number of ids for nodes, and for lists without a size argument the cost their
// declaration gives (@relation(cost:): the cap the store applies or, for short lists, their usual
// length), or defaultListSize for the few lists that declare none.

// valueTypes are object types that cost nothing of their own.
var valueTypes = map[string]bool{"Provenance": true, "PageInfo": true, "Property": true, "WorkDates": true,
	"Publication": true, "SourcedValue": true, "RelationCount": true, "Retraction": true}

// defaultListSize is charged for a list without a size argument or a declaration.
const defaultListSize = 10

func (w *walker) cost(set ast.SelectionSet) int {
	total := 0
	for _, s := range set {
		switch s := s.(type) {
		case *ast.Field:
			total = satAdd(total, w.fieldCost(s))
		case *ast.InlineFragment:
			total = satAdd(total, w.cost(s.SelectionSet))
		case *ast.FragmentSpread:
			c, ok := w.costs[s.Name]
			if !ok && s.Definition != nil {
				w.costs[s.Name] = 0
				c = w.cost(s.Definition.SelectionSet)
				w.costs[s.Name] = c
			}
			total = satAdd(total, c)
		}
	}
	return total
}

func (w *walker) fieldCost(f *ast.Field) int {
	if isIntrospection(f) || f.Definition == nil || len(f.SelectionSet) == 0 {
		return 0 // introspection, scalars and enums
	}
	child := w.cost(f.SelectionSet)
	typ := f.Definition.Type
	own := 1
	if valueTypes[typ.Name()] {
		own = 0
	}
	parent := ""
	if f.ObjectDefinition != nil {
		parent = f.ObjectDefinition.Name
	}
	args := f.ArgumentMap(w.vars)
	switch {
	case f.Definition.Arguments.ForName("first") != nil && typ.Elem == nil:
		// a connection: one object, plus `first` times each item
		return satAdd(own, satMul(intArg(args["first"], graph.DefaultPageSize), child))
	case f.Name == "relations":
		return satAdd(own, satMul(intArg(args["limit"], graph.DefaultRelations), child))
	case f.Name == "paths":
		return satMul(satMul(intArg(args["first"], 3), intArg(args["maxLength"], 4)+1), satAdd(own, child))
	case f.Name == "nodes" && parent == "Query":
		ids, _ := args["ids"].([]any)
		return satMul(len(ids), satAdd(own, child))
	case typ.Elem == nil:
		return satAdd(own, child)
	case strings.HasSuffix(parent, "Connection") || parent == "Subgraph" || parent == "Path":
		return satAdd(own, child) // sized by the parent's argument
	}
	n, ok := resolvers.ListCost(w.schema, f.Definition)
	if !ok {
		n = defaultListSize
	}
	return satMul(n, satAdd(own, child))
}

// intArg reads an Int argument as variables or literals give it, or def when absent.
func intArg(v any, def int) int {
	switch n := v.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case int32:
		return int(n)
	case float64:
		return int(n)
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return int(i)
		}
	case string:
		if i, err := strconv.Atoi(n); err == nil {
			return i
		}
	}
	return def
}

const maxCost = 1 << 40

func satAdd(a, b int) int {
	if a < 0 {
		a = 0
	}
	if b < 0 {
		b = 0
	}
	if a+b > maxCost {
		return maxCost
	}
	return a + b
}

func satMul(a, b int) int {
	if a <= 0 || b <= 0 {
		return 0
	}
	if a > maxCost/b {
		return maxCost
	}
	return a * b
}

// String renders the limits for logs.
func (l Limits) String() string {
	return fmt.Sprintf("depth %d, cost %d, aliases %d, directives %d, tokens %d, characters %d, body %d bytes, timeout %s",
		l.Depth, l.Cost, l.Aliases, l.Directives, l.Tokens, l.Characters, l.BodyBytes, l.Timeout)
}
