// Package server wires relgraph's HTTP side: the GraphQL endpoint with its error presenter and
// limits, GraphiQL, the SDL, health and readiness, and the embedded explorer. It watches Neo4j in the
// background, runs the migrations once it answers, and answers UNAVAILABLE while it does not.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/99designs/gqlgen/graphql/playground"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers"
	"github.com/relgraph/relgraph/server/respcache"
)

// Store is what the server needs of the graph store.
type Store interface {
	graph.Reader
	graph.Authenticator
	Ping(ctx context.Context) error
	Migrate(ctx context.Context) error
	// Version returns the graph version, which every write advances; the response cache is keyed by it.
	Version(ctx context.Context) (int64, error)
}

// Options are what a Server is made of: main builds the parts and reads the settings from its
// configuration.
type Options struct {
	// Store is the graph store; required.
	Store Store
	// Schema is the executable GraphQL schema over Store (resolvers.Schema); required.
	Schema graphql.ExecutableSchema
	// Cache keeps anonymous answers to queries (respcache.New); nil keeps none.
	Cache *respcache.Cache
	// Static is the built explorer, a folder holding index.html; nil serves none.
	Static fs.FS
	// Log is the server's logger; nil logs nothing.
	Log *slog.Logger
	// Limits bound each request; the zero value stands for DefaultLimits.
	Limits Limits
	// Introspection allows clients to query the schema (__schema, __type).
	Introspection bool
	// SessionTTL is how long an explorer session lasts (never longer than its token); 12 hours
	// when zero.
	SessionTTL time.Duration
	// SecureCookies marks session cookies Secure even on plain HTTP, for a server behind a proxy
	// that terminates TLS; over TLS they always are.
	SecureCookies bool
	// PingEvery is how often the database is checked while it answers (while it does not, every
	// second); 5 seconds when zero.
	PingEvery time.Duration
	// Metrics are served at /metrics and count the requests; nil serves and counts none.
	Metrics *Metrics
	// Tracer traces the requests (NewTracerProvider); nil traces none.
	Tracer trace.TracerProvider
}

// Server serves the API and the explorer.
type Server struct {
	opt      Options
	ready    atomic.Bool
	handler  http.Handler
	problems *problemLog // the clients' mistakes, logged without their content
	tracer   trace.Tracer
}

// New returns a server made of o.
func New(o Options) *Server {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 12 * time.Hour
	}
	if o.PingEvery <= 0 {
		o.PingEvery = 5 * time.Second
	}
	o.Log = LogRequestIDs(o.Log)
	if o.Tracer == nil {
		o.Tracer = noop.NewTracerProvider()
	}
	if p, ok := o.Store.(interface{ Pool() (inUse, size int) }); ok && o.Metrics != nil {
		o.Metrics.watchPool(p.Pool)
	}
	s := &Server{opt: o, problems: newProblemLog(o.Log), tracer: o.Tracer.Tracer(tracerName)}
	s.handler = withRequestID(s.routes())
	return s
}

// Ready reports whether the database answered the last check and is migrated.
func (s *Server) Ready() bool { return s.ready.Load() }

// Watch checks the database until ctx ends: it runs the migrations when the database first answers,
// and keeps the readiness flag current, so the server recovers by itself when Neo4j comes back.
func (s *Server) Watch(ctx context.Context) {
	migrated := false
	for {
		pctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		err := s.opt.Store.Ping(pctx)
		cancel()
		if err == nil && !migrated {
			mctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
			err = s.opt.Store.Migrate(mctx)
			cancel()
			if err == nil {
				migrated = true
				s.opt.Log.Info("database migrated")
			}
		}
		if err != nil && migrated && graph.ErrorCode(err) == graph.ETimeout {
			// The database answers, but not within the check's time: it is busy, not gone, and
			// requests keep going to it (each within its own time limit).
			s.opt.Log.Debug("database busy", "err", err)
			err = nil
		}
		was := s.ready.Swap(err == nil)
		switch {
		case err != nil && (was || !migrated):
			s.opt.Log.Warn("database unavailable", "err", err)
		case err == nil && !was:
			s.opt.Log.Info("database available")
		}
		wait := s.opt.PingEvery
		if err != nil {
			wait = time.Second
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
}

// Handler returns the HTTP handler with every route.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	gql := s.observe(s.guard(s.begin(s.beforeExecution(s.graphqlHandler()))))
	ide := playground.Handler("relgraph GraphiQL", "/graphql")
	mux.Handle("POST /graphql", requireJSON(gql))
	mux.HandleFunc("POST /auth/session", s.signIn)
	mux.HandleFunc("DELETE /auth/session", s.signOut)
	mux.HandleFunc("GET /graphql", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("query") == "" && strings.Contains(r.Header.Get("Accept"), "text/html") {
			ide.ServeHTTP(w, r)
			return
		}
		gql.ServeHTTP(w, r)
	})
	sdl := printSchema(s.opt.Schema.Schema())
	mux.HandleFunc("GET /schema.graphql", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(sdl))
	})
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		if !s.Ready() {
			http.Error(w, "database unavailable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	if s.opt.Metrics != nil {
		mux.Handle("GET /metrics", s.opt.Metrics.Handler())
	}
	if s.opt.Static != nil {
		mux.Handle("GET /", spa(s.opt.Static))
	}
	return s.deadline(logRequests(s.opt.Log, mux))
}

// roundTripsExtension is the response extension that says how many Cypher queries a request cost.
const roundTripsExtension = "cypherRoundTrips"

// graphqlHandler builds the gqlgen handler: relgraph's GET and POST transport (httpTransport),
// answered from the response cache when it can be, the limits, a parsed-query cache, automatic persisted queries,
// introspection when allowed, error codes and the count of Cypher round trips in the response
// extensions.
func (s *Server) graphqlHandler() http.Handler {
	h := handler.New(s.opt.Schema)
	h.AddTransport(transport.Options{})
	var t graphql.Transport = httpTransport{s: s}
	if s.opt.Cache != nil {
		t = respcache.Transport{Transport: t, Cache: s.opt.Cache, Version: s.graphVersion, Shared: s.shared,
			Extensions: map[string]any{roundTripsExtension: 0}, // reading the version is not counted
			Served:     s.cacheServed,
			Annotate:   requestExtensions,
		}
	}
	h.AddTransport(t)
	h.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	h.SetParserTokenLimit(s.opt.Limits.Tokens)
	h.SetDisableSuggestion(true)
	if s.opt.Introspection {
		h.Use(extension.Introspection{})
	}
	h.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})
	h.Use(limiter{limits: s.opt.Limits, introspection: s.opt.Introspection, schema: s.opt.Schema.Schema()})
	h.Use(&resolvers.Auth{}) // the schema's @auth, before any argument is read
	h.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		if !s.Ready() {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
				Message:    "the database is unavailable; try again shortly",
				Extensions: map[string]any{"code": graph.EUnavailable},
			}}})
		}
		return next(ctx)
	})
	h.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		// The time limit covers the resolvers, which run inside this; gqlgen still writes the
		// response (with TIMEOUT errors) once it has passed.
		ctx, cancel := s.bound(ctx)
		defer cancel()
		if oc := operationOf(ctx); oc != nil && oc.Operation != nil {
			noteOperation(ctx, oc.Operation.Name, string(oc.Operation.Operation))
		}
		resp := next(ctx)
		if resp != nil {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions[roundTripsExtension] = requestFrom(ctx).roundTrips.Load()
			maps.Copy(resp.Extensions, requestExtensions(ctx))
		}
		return resp
	})
	h.AroundOperations(guardMutations)
	h.SetErrorPresenter(s.presentError)
	h.SetRecoverFunc(func(ctx context.Context, v any) error {
		s.opt.Log.ErrorContext(ctx, "panic in resolver", "panic", v)
		return &graph.Error{Code: graph.EInternal, Message: "internal error"}
	})
	return h
}

// shared reports whether the answer to r is the same for every caller, so that the response
// cache may keep it and serve it to others: what a signed-in caller gets may depend on who they
// are (history, proposals, their own name). Nothing is served from the cache while the database is
// unavailable.
func (s *Server) shared(r *http.Request) bool {
	return s.Ready() && !graph.ActorFrom(r.Context()).Authenticated()
}

// graphVersion reads the graph version within the request's time limit.
func (s *Server) graphVersion(ctx context.Context) (int64, error) {
	ctx, cancel := s.bound(ctx)
	defer cancel()
	return s.opt.Store.Version(ctx)
}

// guard refuses, before GraphQL sees them, POST bodies over the size limit and batches (JSON
// arrays of operations), each with a JSON error and its code.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		max := s.opt.Limits.BodyBytes
		tooLarge := func() {
			httpError(w, http.StatusRequestEntityTooLarge, CodeBodySize, fmt.Sprintf("the request body is larger than %d bytes", max))
		}
		if max > 0 && r.ContentLength > max {
			tooLarge()
			return
		}
		var body []byte
		var err error
		if max > 0 {
			body, err = io.ReadAll(io.LimitReader(r.Body, max+1))
		} else {
			body, err = io.ReadAll(r.Body)
		}
		if err != nil {
			httpError(w, http.StatusBadRequest, graph.EInvalid, "the request body could not be read")
			return
		}
		if max > 0 && int64(len(body)) > max {
			tooLarge()
			return
		}
		if b := bytes.TrimLeft(body, " \t\r\n"); len(b) > 0 && b[0] == '[' {
			httpError(w, http.StatusBadRequest, CodeBatch, "batched operations (a JSON array) are not supported; send one operation per request")
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// httpError answers with a GraphQL-shaped JSON error carrying code.
func httpError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": code}}}})
}

// presentError gives every error an extensions.code, logs internal detail, and returns only the
// user-facing message, with the inputs it quotes cut short.
func (s *Server) presentError(ctx context.Context, err error) *gqlerror.Error {
	ge := s.presentCode(ctx, err)
	ge.Message = shortenMessage(ge.Message)
	if code, ok := ge.Extensions["code"].(string); ok {
		noteOutcome(ctx, code)
	}
	return ge
}

func (s *Server) presentCode(ctx context.Context, err error) *gqlerror.Error {
	ge := graphql.DefaultErrorPresenter(ctx, err)
	var de *graph.Error
	if errors.As(err, &de) {
		ge.Message = de.Message
		if ge.Extensions == nil {
			ge.Extensions = map[string]any{}
		}
		ge.Extensions["code"] = de.Code
		switch de.Code {
		case graph.EInternal:
			s.opt.Log.ErrorContext(ctx, "internal error", "path", ge.Path.String(), "err", err)
		case graph.EUnavailable:
			s.opt.Log.WarnContext(ctx, "database unavailable", "path", ge.Path.String(), "err", err)
		}
		return ge
	}
	if ge.Extensions != nil && ge.Extensions["code"] == codeParseFailed && strings.HasPrefix(ge.Message, tokenLimitPrefix) {
		ge.Message = fmt.Sprintf("the query has more than %d tokens", s.opt.Limits.Tokens)
		ge.Extensions["code"] = CodeTokens
		return ge
	}
	if ge.Extensions != nil && ge.Extensions["code"] != nil {
		return ge // gqlgen's own: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, and the limits
	}
	var gq *gqlerror.Error
	if errors.As(err, &gq) && gq.Rule != "" {
		return ge
	}
	if arg := argumentOf(ctx, gq); arg != "" {
		// An argument's value that its type refused (a JSON scalar that is not an object, say):
		// the client's mistake.
		return &gqlerror.Error{Message: fmt.Sprintf("argument %s: %s", arg, gq.Message), Path: ge.Path, Locations: ge.Locations,
			Extensions: map[string]any{"code": graph.EInvalid}}
	}
	s.opt.Log.ErrorContext(ctx, "internal error", "path", ge.Path.String(), "err", err)
	return &gqlerror.Error{Message: "internal error", Path: ge.Path, Extensions: map[string]any{"code": graph.EInternal}}
}

// spa serves the explorer's files, and index.html for any other path so that client routes work.
func spa(static fs.FS) http.Handler {
	files := http.FileServerFS(static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p != "" {
			if _, err := fs.Stat(static, p); err == nil {
				if strings.HasPrefix(p, "assets/") {
					w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
				}
				files.ServeHTTP(w, r)
				return
			}
		}
		index, err := fs.ReadFile(static, "index.html")
		if err != nil {
			http.Error(w, "the explorer is not built: run make build", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(index)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r)
		log.DebugContext(r.Context(), "request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "dur", time.Since(start))
	})
}

// Serve serves on l until ctx ends, then shuts down gracefully within the grace period.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	return s.ServeTLS(ctx, l, grace, "", "")
}

// ServeTLS is Serve over HTTPS with the certificate and key files; plain HTTP when both are empty.
func (s *Server) ServeTLS(ctx context.Context, l net.Listener, grace time.Duration, certFile, keyFile string) error {
	srv := s.HTTPServer()
	errc := make(chan error, 1)
	go func() {
		if certFile != "" || keyFile != "" {
			errc <- srv.ServeTLS(l, certFile, keyFile)
			return
		}
		errc <- srv.Serve(l)
	}()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.opt.Log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	return srv.Shutdown(sctx)
}

// argumentOf names the argument of the current field that e, an error gqlgen made while it read
// the field's arguments, is about; "" when e is not such an error.
func argumentOf(ctx context.Context, e *gqlerror.Error) string {
	fc := graphql.GetFieldContext(ctx)
	if e == nil || e.Err == nil || fc == nil || fc.Field.Definition == nil {
		return ""
	}
	field := fc.Path()
	if len(e.Path) <= len(field) {
		return ""
	}
	name, ok := e.Path[len(field)].(ast.PathName)
	if !ok || fc.Field.Definition.Arguments.ForName(string(name)) == nil {
		return ""
	}
	return string(name)
}

// specDirectives are the directives the GraphQL specification defines, which printed schemas
// leave out; the other built-in directives (@defer) are printed, as introspection lists them.
var specDirectives = map[string]bool{"skip": true, "include": true, "deprecated": true, "specifiedBy": true, "oneOf": true}

// printSchema prints the schema as /schema.graphql serves it: what introspection shows.
func printSchema(schema *ast.Schema) string {
	var b strings.Builder
	formatter.NewFormatter(&b, formatter.WithComments()).FormatSchema(schema)
	builtin := &ast.Schema{Types: map[string]*ast.Definition{}, Directives: map[string]*ast.DirectiveDefinition{}}
	for name, d := range schema.Directives {
		if !specDirectives[name] && d.Position != nil && d.Position.Src != nil && d.Position.Src.BuiltIn {
			builtin.Directives[name] = d
		}
	}
	if len(builtin.Directives) > 0 {
		var extra strings.Builder
		formatter.NewFormatter(&extra, formatter.WithBuiltin()).FormatSchema(builtin)
		return strings.TrimRight(extra.String(), "\n") + "\n\n" + b.String()
	}
	return b.String()
}
