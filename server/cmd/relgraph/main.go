// Command relgraph is the relation graph explorer's server and tools:
//
//	relgraph serve       serve the API and the explorer
//	relgraph migrate     create the database constraints and indexes
//	relgraph load-demo   load the demo graph
//	relgraph token       create, list and revoke API tokens
//	relgraph import      import OpenAlex, ROR, country, Crossref or CSV link files
//	relgraph generate-works  write synthetic OpenAlex works to import
//
// The benchmarks are in a command of their own, relgraph-bench, not linked into this binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/relgraph/relgraph/frontend"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/demo"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/resolvers"
	"github.com/relgraph/relgraph/server"
	"github.com/relgraph/relgraph/server/respcache"
)

const usage = `usage: relgraph <command> [flags]

commands:
  serve       serve the GraphQL API and the explorer
  migrate     create the database constraints and indexes (idempotent)
  load-demo   load the demo graph (idempotent)
  token       manage API tokens:
                token create -role reader|curator|admin -name NAME [-expires 720h|30d]
                    prints the new token (once: only its hash is stored)
                token list
                token revoke TOKEN-ID
  import      import metadata files: relgraph import [-strict] FORMAT FILE...
                (openalex, ror, countries, crossref, csv; 'relgraph import -h' for more)
  generate-works
              write N synthetic OpenAlex works as JSON Lines (deterministic by -seed)

Run 'relgraph <command> -h' for the flags of a command. The benchmarks are in relgraph-bench.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "relgraph %s: %v\n", os.Args[1], err)
		code := 1
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		os.Exit(code)
	}
}

// exitError is an error that ends the command with an exit status of its own, rather than 1.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func run(ctx context.Context, cmd string, args []string) error {
	switch cmd {
	case "import":
		return importCmd(ctx, args)
	case "generate-works":
		return generateWorks(args)
	}
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	var cfg config
	cfg.Flags(fs)
	var tok tokenFlags
	switch cmd {
	case "serve", "migrate", "load-demo":
	case "token":
		if len(args) == 0 {
			fmt.Fprint(os.Stderr, usage)
			return errors.New("token needs a subcommand: create, list or revoke")
		}
		cmd, args = "token "+args[0], args[1:]
		fs.Init(cmd, flag.ExitOnError)
		tok.register(fs)
	case "-h", "--help", "help":
		fmt.Print(usage)
		return nil
	default:
		fmt.Fprint(os.Stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cmd == "serve" || cmd == "migrate" || cmd == "load-demo" {
		if fs.NArg() > 0 {
			return fmt.Errorf("unexpected arguments %q", fs.Args())
		}
	}
	log := logger(cfg.LogLevel)
	var obs observability
	if cmd == "serve" {
		var err error
		if obs, err = newObservability(ctx); err != nil {
			return err
		}
		defer obs.shutdown(context.Background())
		cfg.Neo4j.Observe = server.StatementObserver(obs.metrics, obs.tracer)
	}
	store, err := neo4j.Open(cfg.Neo4j, log.With("component", "store"))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	switch cmd {
	case "serve":
		return serve(ctx, cfg, store, obs, log)
	case "migrate":
		if err := waitForDB(ctx, store, cfg.Neo4j.URI, log, time.Minute); err != nil {
			return err
		}
		return store.Migrate(ctx)
	case "load-demo":
		if err := waitForDB(ctx, store, cfg.Neo4j.URI, log, 2*time.Minute); err != nil {
			return err
		}
		if err := store.Migrate(ctx); err != nil {
			return err
		}
		st, err := demo.Load(ctx, store, cfg.DataDir, log)
		if err == nil {
			log.Info("demo graph ready", "created", st.Created, "updated", st.Updated, "unchanged", st.Unchanged)
		}
		return err
	case "token create", "token list", "token revoke":
		if err := waitForDB(ctx, store, cfg.Neo4j.URI, log, time.Minute); err != nil {
			return err
		}
		if err := store.Migrate(ctx); err != nil {
			return err
		}
		return tok.run(ctx, strings.TrimPrefix(cmd, "token "), fs.Args(), store, os.Stdout, os.Stderr)
	}
	return fmt.Errorf("unknown command %q", cmd)
}

// serve builds the API over store (the schema, the response cache, the server) from cfg, and serves
// it until ctx ends.
func serve(ctx context.Context, cfg config, store *neo4j.Store, obs observability, log *slog.Logger) error {
	// Answering GraphQL allocates a few objects per field, and the collector took a quarter of
	// the CPU of big answers (a graph of relations of 500 entities); collecting at four times the
	// live heap instead of twice cut the CPU per request by a quarter, for a heap of some 100 MiB.
	// GOGC and GOMEMLIMIT, when set, decide instead.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
		// ... within a soft limit, so that the response cache's memory is not multiplied too.
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(int64(cfg.ResponseCacheMB)<<21 + 512<<20)
		}
	}
	static, err := fs.Sub(frontend.Dist, "dist")
	if err != nil {
		return err
	}
	schema, err := resolvers.Schema(store)
	if err != nil {
		return err
	}
	limits := server.DefaultLimits()
	limits.Timeout = cfg.RequestTimeout
	cacheBytes := int64(cfg.ResponseCacheMB) << 20
	srv := server.New(server.Options{
		Store:         store,
		Schema:        schema,
		Cache:         respcache.New(cacheBytes),
		Static:        static,
		Log:           log,
		Limits:        limits,
		Introspection: cfg.Introspection,
		SessionTTL:    cfg.SessionTTL,
		SecureCookies: cfg.SecureCookies || cfg.TLSCert != "",
		Metrics:       obs.metrics,
		Tracer:        obs.tracer,
	})
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	scheme := "http://"
	if cfg.TLSCert != "" {
		scheme = "https://"
	}
	log.Info("serving", "url", scheme+l.Addr().String(), "neo4j", cfg.Neo4j.URI, "database", cfg.Neo4j.Database,
		"introspection", cfg.Introspection, "limits", limits.String(), "responseCacheBytes", cacheBytes)
	if len(cfg.Neo4j.CursorKeys) == 0 {
		log.Info("no cursor keys (RELGRAPH_CURSOR_KEYS): a random key signs the cursors of paged lists, which then last as long as this process and are refused by other servers")
	}
	go srv.Watch(ctx)
	return srv.ServeTLS(ctx, l, cfg.Grace, cfg.TLSCert, cfg.TLSKey)
}

// waitForDB waits until the database answers, for the one-shot commands.
func waitForDB(ctx context.Context, store *neo4j.Store, uri string, log *slog.Logger, max time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, max)
	defer cancel()
	for {
		err := store.Ping(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("the database did not answer within %s: %w", max, err)
		}
		if graph.ErrorCode(err) != graph.EUnavailable {
			return err
		}
		// Wrong credentials will not mend by waiting: say so at once.
		if errors.Is(err, neo4j.ErrCredentials) {
			return fmt.Errorf("%s: %w; check NEO4J_USER and NEO4J_PASSWORD", uri, errors.Unwrap(err))
		}
		log.Info("waiting for the database", "err", errors.Unwrap(err))
		time.Sleep(time.Second)
	}
}

func logger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return server.LogRequestIDs(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l})))
}

// observability is what serve measures and traces with: the Prometheus metrics, and the tracer
// provider the OTEL_* variables configure (one that records nothing without them).
type observability struct {
	metrics  *server.Metrics
	tracer   trace.TracerProvider
	shutdown func(context.Context) error
}

func newObservability(ctx context.Context) (observability, error) {
	tp, shutdown, err := server.NewTracerProvider(ctx)
	if err != nil {
		return observability{}, err
	}
	return observability{metrics: server.NewMetrics(), tracer: tp, shutdown: shutdown}, nil
}
