package graph

import (
	"context"
	"sync/atomic"
)

// RoundTrips counts the queries a store sends to its database while answering one request, so
// that the API can report what a request cost.
type RoundTrips struct{ n atomic.Int64 }

// Load returns the number of round trips counted so far.
func (c *RoundTrips) Load() int64 { return c.n.Load() }

type roundTripsKey struct{}

// WithRoundTrips returns a context whose round trips are counted in c; with a nil c they are not
// counted at all, for bookkeeping that is not part of answering the request.
func WithRoundTrips(ctx context.Context, c *RoundTrips) context.Context {
	return context.WithValue(ctx, roundTripsKey{}, c)
}

// CountRoundTrip adds one to the counter of ctx, if it has one. Stores call it for every query
// they send.
func CountRoundTrip(ctx context.Context) {
	if c, _ := ctx.Value(roundTripsKey{}).(*RoundTrips); c != nil {
		c.n.Add(1)
	}
}
