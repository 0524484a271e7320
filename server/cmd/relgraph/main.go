// Command relgraph is the relation graph explorer's server and tools:
//
//	relgraph serve       serve the API and the explorer
//	relgraph migrate     create the database constraints and indexes
//	relgraph load-demo   load the demo graph
//	relgraph bench-api   benchmark the API against @neo4j/graphql and plain Cypher
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
	"syscall"
	"time"

	"github.com/relgraph/relgraph/frontend"
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/demo"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/server"
	"github.com/relgraph/relgraph/server/bench"
)

const usage = `usage: relgraph <command> [flags]

commands:
  serve       serve the GraphQL API and the explorer
  migrate     create the database constraints and indexes (idempotent)
  load-demo   load the demo graph (idempotent)
  bench-api   benchmark the API against @neo4j/graphql and plain Cypher (make bench-api)

Run 'relgraph <command> -h' for the flags of a command.
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
		os.Exit(1)
	}
}

func run(ctx context.Context, cmd string, args []string) error {
	if cmd == "bench-api" {
		return benchAPI(ctx, args)
	}
	fs := flag.NewFlagSet(cmd, flag.ExitOnError)
	var cfg server.Config
	cfg.Flags(fs)
	switch cmd {
	case "serve", "migrate", "load-demo":
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
	log := logger(cfg.LogLevel)
	store, err := neo4j.Open(cfg.Neo4j, log.With("component", "store"))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())

	switch cmd {
	case "serve":
		return serve(ctx, cfg, store, log)
	case "migrate":
		if err := waitForDB(ctx, store, log, time.Minute); err != nil {
			return err
		}
		return store.Migrate(ctx)
	case "load-demo":
		if err := waitForDB(ctx, store, log, 2*time.Minute); err != nil {
			return err
		}
		if err := store.Migrate(ctx); err != nil {
			return err
		}
		return demo.Load(ctx, store, cfg.DataDir, log)
	}
	return nil
}

func serve(ctx context.Context, cfg server.Config, store *neo4j.Store, log *slog.Logger) error {
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
	srv := server.New(store, static, log)
	cfg.Apply(srv)
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	log.Info("serving", "url", "http://"+l.Addr().String(), "neo4j", cfg.Neo4j.URI, "database", cfg.Neo4j.Database,
		"introspection", srv.Introspection, "limits", srv.Limits.String(), "responseCacheBytes", srv.ResponseCacheBytes)
	go srv.Watch(ctx)
	return srv.Serve(ctx, l, cfg.Grace)
}

// benchAPI runs the API benchmark with its own Neo4j; see package bench.
func benchAPI(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench-api", flag.ExitOnError)
	var cfg bench.Config
	cfg.Flags(fs)
	level := fs.String("log-level", "info", "log level")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return bench.Run(ctx, &cfg, logger(*level))
}

// waitForDB waits until the database answers, for the one-shot commands.
func waitForDB(ctx context.Context, store *neo4j.Store, log *slog.Logger, max time.Duration) error {
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
		log.Info("waiting for the database", "err", errors.Unwrap(err))
		time.Sleep(time.Second)
	}
}

func logger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
