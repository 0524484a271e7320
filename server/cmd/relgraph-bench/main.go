// Command relgraph-bench runs relgraph's benchmarks, kept out of the server binary:
//
//	relgraph-bench bench-api     benchmark the API against @neo4j/graphql and plain Cypher
//	relgraph-bench bench-import  benchmark imports against neo4j-admin and one transaction per record
//
// bench-api serves the API with the relgraph binary beside this one (-binary for another).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/relgraph/relgraph/server/bench"
	"github.com/relgraph/relgraph/server/importbench"
)

const usage = `usage: relgraph-bench <command> [flags]

commands:
  bench-api   benchmark the API against @neo4j/graphql and plain Cypher (make bench-api);
              -load runs the load test instead (make bench-load)
  bench-import
              benchmark imports against neo4j-admin's offline importer and one transaction
              per record (make bench-import)

Run 'relgraph-bench <command> -h' for the flags of a command.
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1], os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "relgraph-bench %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cmd string, args []string) error {
	switch cmd {
	case "bench-api":
		return benchAPI(ctx, args)
	case "bench-import":
		return benchImport(ctx, args)
	case "-h", "--help", "help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
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

// benchImport runs the import benchmark; see package importbench.
func benchImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench-import", flag.ExitOnError)
	var cfg importbench.Config
	cfg.Flags(fs)
	level := fs.String("log-level", "info", "log level")
	if err := fs.Parse(args); err != nil {
		return err
	}
	return importbench.Run(ctx, cfg, os.Stdout, logger(*level))
}

func logger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
