package server

import (
	"context"

	"github.com/relgraph/relgraph/graph"
)

// request is the state of one request to the GraphQL endpoint: what the server learns of it
// before GraphQL runs, and what it counts while it runs. begin puts it in the request's context;
// the caller travels beside it as graph.WithActor puts it, for the resolvers.
type request struct {
	method       string
	crossSite    bool // Origin names another site, or the browser says the request is cross-site
	csrfRejected bool // a session cookie came without its CSRF header
	// roundTrips counts the request's Cypher queries (the store finds it through graph.WithRoundTrips).
	roundTrips graph.RoundTrips
}

type requestKey struct{}

// withRequest returns a context carrying the request state st.
func withRequest(ctx context.Context, st *request) context.Context {
	return context.WithValue(ctx, requestKey{}, st)
}

// requestFrom returns the state of the request of ctx; an empty one outside a request.
func requestFrom(ctx context.Context) *request {
	if st, ok := ctx.Value(requestKey{}).(*request); ok {
		return st
	}
	return &request{}
}
