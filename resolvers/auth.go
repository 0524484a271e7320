package resolvers

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/relgraph/relgraph/graph"
)

// Who may use a field is said once, in the schema: `@auth(role:)` on a field of Query or Mutation
// (schema/curation.graphqls). Auth enforces it for every request before the field's arguments are
// read. gqlgen reads (and coerces) a field's arguments before it runs the field's directives, so a
// directive implemented the usual way would tell someone who may not use a field what is wrong
// with its arguments; a root field interceptor runs before them. The stores check the actor again
// (graph.Curator), so a field that lost its @auth would still be refused, only later.

// authRoles reads the schema's @auth declarations: the role each root field needs, by type and
// field name. It fails on a declaration that Auth could not enforce: on a field that is not a
// root field, or naming a role that does not exist.
func authRoles(s *ast.Schema) (map[string]graph.Role, error) {
	roots := map[string]bool{}
	for _, def := range []*ast.Definition{s.Query, s.Mutation, s.Subscription} {
		if def != nil {
			roots[def.Name] = true
		}
	}
	roles := map[string]graph.Role{}
	for _, def := range s.Types {
		for _, f := range def.Fields {
			d := f.Directives.ForName("auth")
			if d == nil {
				continue
			}
			if !roots[def.Name] {
				return nil, fmt.Errorf("%s.%s: @auth is enforced on the fields of Query and Mutation only", def.Name, f.Name)
			}
			args, err := directiveArgs(s, d)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", def.Name, f.Name, err)
			}
			r := graph.Role(strings.ToLower(fmt.Sprint(args["role"])))
			if !r.Valid() {
				return nil, fmt.Errorf("%s.%s: @auth names the unknown role %v", def.Name, f.Name, args["role"])
			}
			roles[def.Name+"."+f.Name] = r
		}
	}
	return roles, nil
}

// Auth is the gqlgen extension that enforces the schema's @auth directives: a root field that
// carries one answers UNAUTHENTICATED or FORBIDDEN, and null, unless the request's actor holds the
// role and the request did not come from another site (see WithCrossSite). Use it as a pointer:
// it reads the declarations when the handler takes it.
type Auth struct {
	roles map[string]graph.Role
}

var (
	_ graphql.HandlerExtension     = (*Auth)(nil)
	_ graphql.RootFieldInterceptor = (*Auth)(nil)
)

// ExtensionName names the extension for gqlgen.
func (*Auth) ExtensionName() string { return "Auth" }

// Validate reads the schema's @auth declarations, and fails on any it could not enforce.
func (a *Auth) Validate(es graphql.ExecutableSchema) error {
	roles, err := authRoles(es.Schema())
	if err != nil {
		return fmt.Errorf("the schema's @auth declarations: %w", err)
	}
	a.roles = roles
	return nil
}

// InterceptRootField refuses a root field the request may not use, before its arguments are read.
func (a *Auth) InterceptRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	parent, field := graphql.GetFieldContext(ctx), graphql.GetRootFieldContext(ctx)
	if parent == nil || field == nil {
		return next(ctx)
	}
	role, ok := a.roles[parent.Object+"."+field.Field.Name]
	if !ok {
		return next(ctx)
	}
	if err := allowed(ctx, role); err != nil {
		// The error is the field's, at its path, as if its resolver had returned it.
		graphql.AddError(graphql.WithFieldContext(ctx, &graphql.FieldContext{Object: parent.Object, Field: field.Field}), err)
		return graphql.Null
	}
	return next(ctx)
}

// allowed checks that the request may do what needs role. Errors: UNAUTHENTICATED without
// credentials, FORBIDDEN for a lesser role or a request from another site.
func allowed(ctx context.Context, role graph.Role) error {
	if err := graph.ActorFrom(ctx).Require(role); err != nil || role == graph.RoleReader {
		return err
	}
	if crossSite(ctx) {
		return graph.Errorf(graph.EForbidden, "what needs a %s is refused to requests from another site", role)
	}
	return nil
}

// seesRetracted reports whether the request may see retracted relationships: curators and admins
// may, from the same site.
func seesRetracted(ctx context.Context) bool { return allowed(ctx, graph.RoleCurator) == nil }

type crossSiteKey struct{}

// WithCrossSite returns a context for a request that a browser sent from another site: its
// credentials still say who it is (`me`), but do not reach what needs a role.
func WithCrossSite(ctx context.Context) context.Context {
	return context.WithValue(ctx, crossSiteKey{}, true)
}

// crossSite reports whether the request of ctx came from another site.
func crossSite(ctx context.Context) bool {
	v, _ := ctx.Value(crossSiteKey{}).(bool)
	return v
}
