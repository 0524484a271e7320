package server

import (
	"context"
	"net/http"
	"time"

	"github.com/relgraph/relgraph/graph"
)

// Time limits of the HTTP server, around each request's own time limit, Limits.Timeout.
const (
	// HeaderTimeout is the time a client has to send a request's line and headers.
	HeaderTimeout = 5 * time.Second
	// WriteAllowance is the time the server has, past a request's time limit, to finish writing its
	// answer (a TIMEOUT error included) to a client that reads it slowly.
	WriteAllowance = 5 * time.Second
	// IdleTimeout is how long a kept-alive connection may wait for its next request.
	IdleTimeout = 2 * time.Minute
)

// HTTPServer returns the http.Server that Serve runs: a client has HeaderTimeout to send its
// headers, then the request's time limit to send its body, and the server has the time limit plus
// WriteAllowance, from the end of the headers, to answer.
func (s *Server) HTTPServer() *http.Server {
	hs := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: HeaderTimeout, IdleTimeout: IdleTimeout}
	if t := s.opt.Limits.Timeout; t > 0 {
		hs.ReadTimeout = HeaderTimeout + t
		hs.WriteTimeout = t + WriteAllowance
	}
	return hs
}

// deadline gives each request its time limit from the moment its headers are read: checking its
// credentials, reading its body and answering it all count, so that neither a slow client nor an
// unreachable database holds a request longer.
func (s *Server) deadline(next http.Handler) http.Handler {
	t := s.opt.Limits.Timeout
	if t <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dl := time.Now().Add(t)
		base := context.WithValue(r.Context(), deadlineKey{}, dl)
		ctx, cancel := context.WithDeadline(context.WithValue(base, baseKey{}, base), dl)
		defer cancel()
		// A body still arriving at the time limit is cut off (where the connection allows it).
		_ = http.NewResponseController(w).SetReadDeadline(dl)
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// In a request's context, deadlineKey holds its deadline and baseKey the context before the deadline
// was set.
type (
	deadlineKey struct{}
	baseKey     struct{}
)

// bound returns ctx limited to its request's deadline, or to the time limit from now outside a
// request.
func (s *Server) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if dl, ok := ctx.Value(deadlineKey{}).(time.Time); ok {
		return context.WithDeadline(ctx, dl)
	}
	if t := s.opt.Limits.Timeout; t > 0 {
		return context.WithTimeout(ctx, t)
	}
	return context.WithCancel(ctx)
}

// beforeExecution hands a request on to GraphQL execution: at once with a TIMEOUT error when its
// time is up already (gqlgen would answer nothing), else with a context that ends only when the
// client goes away, since gqlgen writes no answer once its context has ended; the time limit is
// set again around the resolvers (see bound), where it turns into TIMEOUT errors.
func (s *Server) beforeExecution(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if ctx.Err() != nil {
			httpError(w, http.StatusServiceUnavailable, graph.ETimeout, "the request ran out of time")
			return
		}
		base, ok := ctx.Value(baseKey{}).(context.Context)
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r.WithContext(undeadlined{Context: ctx, base: base}))
	})
}

// undeadlined is a context with the values of Context and the cancellation of base.
type undeadlined struct {
	context.Context
	base context.Context
}

func (u undeadlined) Deadline() (time.Time, bool) { return u.base.Deadline() }
func (u undeadlined) Done() <-chan struct{}       { return u.base.Done() }
func (u undeadlined) Err() error                  { return u.base.Err() }
