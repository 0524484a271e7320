package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/countries"
	"github.com/relgraph/relgraph/graph/ingest/crossref"
	"github.com/relgraph/relgraph/graph/ingest/csvlinks"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
	"github.com/relgraph/relgraph/graph/ingest/ror"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/server"
)

// format is one input format of the import command.
type format struct {
	doc  string
	imp  func(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error)
	exts []string // what a folder is expanded to
}

var formats = map[string]format{
	"openalex":  {"OpenAlex works, authors, institutions, sources, topics, concepts, funders: single records, list pages or snapshot JSON Lines", openalex.Import, ingest.JSONExts},
	"ror":       {"ROR records, schema v1 or v2: one record, a folder of records, or the JSON Lines dump", ror.Import, ingest.JSONExts},
	"countries": {"countries: mledoze's countries.json (with borders) and lukes' ISO 3166 all.json", countries.Import, ingest.JSONExts},
	"crossref":  {"Crossref works JSON: a work (message) or a list (message.items)", crossref.Import, ingest.JSONExts},
	"csv":       {"curator links: source identifier, relation, target identifier, note, source URL", csvlinks.Import, csvlinks.Exts},
}

// formatNames returns the formats' names in order.
func formatNames() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

const importUsage = `usage: relgraph import [flags] FORMAT FILE...

Imports scholarly metadata into the graph. FILE may be plain or gzip, a folder (its files of the
format, in path order) or - for standard input. Flags may come before or after the files.
Running the same import again changes nothing; an interrupted import, run again, finishes it.

exit status:
  0  every record of every file was imported
  1  the import failed: bad arguments, the database, or an interruption
  2  unknown or malformed flags
  3  records were rejected (listed before the summary); the others were imported, or, with
     -strict, nothing was; -allow-rejects exits 0 instead, unless -strict
  4  a file could not be read to its end (truncated, corrupt, not of the format); what came before
     was imported, or, with -strict, nothing was; the records known to follow are counted as
     unreached

formats:
`

// Exit statuses of relgraph import, beside 1 for a failed run and 2 for bad flags (see importUsage).
const (
	exitRejected   = 3 // records were rejected
	exitIncomplete = 4 // a source could not be read to its end
)

// importCmd runs `relgraph import`. After the summary, it fails with exit status 1 when the
// database could not take a write or the run was interrupted, 4 when a source could not be read to
// its end, and 3 when a record was rejected (unless -allow-rejects), a strict run's refusal
// included.
func importCmd(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ExitOnError)
	var cfg config
	cfg.Flags(fs)
	strict := fs.Bool("strict", false, "fail the run, writing nothing, if any record is rejected or any file cannot be read to its end")
	allowRejects := fs.Bool("allow-rejects", false, "exit 0 when records were rejected and the others imported (not with -strict)")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "nodes or relationships per write transaction")
	writers := fs.Int("writers", ingest.DefaultWriters, "transactions that write a large batch at once")
	run := fs.String("run", "", "name of the import run recorded in provenance (default: FORMAT-<UTC time>)")
	quiet := fs.Bool("quiet", false, "no progress bar or progress lines, only the summary")
	metricsAddr := fs.String("metrics-addr", "", "serve Prometheus metrics of the import's progress and its Cypher round trips at http://ADDR/metrics while it runs")
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprint(out, importUsage)
		for _, n := range formatNames() {
			fmt.Fprintf(out, "  %-10s %s\n", n, formats[n].doc)
		}
		fmt.Fprintln(out, "\nflags:")
		fs.PrintDefaults()
	}
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		fs.Usage()
		return errors.New("import needs a format and at least one file (- for standard input)")
	}
	f, ok := formats[pos[0]]
	if !ok {
		return fmt.Errorf("unknown format %q: want one of %s", pos[0], strings.Join(formatNames(), ", "))
	}
	srcs, err := ingest.Sources(pos[1:], f.exts...)
	if err != nil {
		return err
	}
	log := logger(cfg.LogLevel)
	var metrics *server.Metrics
	if *metricsAddr != "" {
		metrics = server.NewMetrics()
		cfg.Neo4j.Observe = server.StatementObserver(metrics, nil)
		l, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return err
		}
		defer l.Close()
		go http.Serve(l, metrics.Handler())
		log.Info("serving the import's metrics", "url", "http://"+l.Addr().String()+"/metrics")
	}
	store, err := neo4j.Open(cfg.Neo4j, log.With("component", "store"))
	if err != nil {
		return err
	}
	defer store.Close(context.Background())
	if err := waitForDB(ctx, store, cfg.Neo4j.URI, log, time.Minute); err != nil {
		return err
	}
	if err := store.Migrate(ctx); err != nil {
		return err
	}
	opt := ingest.Options{Strict: *strict, BatchSize: *batch, Writers: *writers, Run: *run}
	if opt.Run == "" {
		opt.Run = pos[0] + "-" + time.Now().UTC().Format("20060102T150405Z")
	}
	var pr *progressReporter
	if !*quiet {
		pr = newProgressReporter(os.Stderr, term.IsTerminal(int(os.Stderr.Fd())), log)
		opt.Progress = pr.report
	}
	if metrics != nil {
		opt.Progress = metrics.ImportProgress(pos[0], opt.Progress)
	}
	start := time.Now()
	st, err := f.imp(ctx, store, srcs, opt)
	if pr != nil {
		pr.finish()
	}
	printSummary(os.Stderr, pos[0], opt.Run, st, time.Since(start))
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("interrupted: what was written is kept, and running the same import again finishes it")
	}
	refused := opt.Strict && graph.ErrorCode(err) == graph.EInvalid // a strict run's refusal, which says why
	if err != nil && !refused {
		return err
	}
	why := func(msg string, args ...any) error {
		if err != nil {
			return err
		}
		return fmt.Errorf(msg, args...)
	}
	switch {
	case len(st.Incomplete) > 0:
		return &exitError{exitIncomplete, why("%d of %d files could not be read to their end", len(st.Incomplete), len(srcs))}
	case st.Rejected > 0 && (opt.Strict || !*allowRejects):
		return &exitError{exitRejected, why("%d of %d records rejected (-allow-rejects to exit 0 all the same)", st.Rejected, st.Read)}
	}
	return err
}

// parseInterleaved parses flags that may come before, between or after the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func printSummary(w io.Writer, format, run string, st ingest.Stats, took time.Duration) {
	for _, r := range st.Rejections {
		fmt.Fprintf(w, "rejected: %s\n", r)
	}
	if more := st.Rejected - len(st.Rejections); more > 0 {
		fmt.Fprintf(w, "rejected: %d more not listed\n", more)
	}
	for _, r := range st.Incomplete {
		fmt.Fprintf(w, "incomplete: %s\n", r)
	}
	rate := float64(st.Read) / max(took.Seconds(), 1e-3)
	fmt.Fprintf(w, "import %s (run %s): %s in %s (%.0f records/s)\n", format, run, st, took.Round(time.Millisecond), rate)
}

// progressReporter shows an import's progress: a bar per source on a terminal (records, records/s,
// bytes and the time left where the size is known), or a log line every five seconds and at the
// end of each source otherwise.
type progressReporter struct {
	out     io.Writer
	tty     bool
	log     *slog.Logger
	bar     *progressbar.ProgressBar
	key     string    // pass and source of the current bar or log
	began   time.Time // when the current source began
	lastLog time.Time
}

func newProgressReporter(out io.Writer, tty bool, log *slog.Logger) *progressReporter {
	return &progressReporter{out: out, tty: tty, log: log}
}

func (p *progressReporter) report(pr ingest.Progress) {
	key := pr.Pass + "\x00" + pr.Source
	if key != p.key {
		p.finish()
		p.key, p.began = key, time.Now()
		if p.tty {
			p.bar = progressbar.NewOptions64(pr.Size,
				progressbar.OptionSetWriter(p.out),
				progressbar.OptionShowBytes(true),
				progressbar.OptionSetPredictTime(pr.Size > 0),
				progressbar.OptionSetWidth(24),
				progressbar.OptionThrottle(200*time.Millisecond),
				progressbar.OptionShowElapsedTimeOnFinish(),
			)
		}
	}
	rate := float64(pr.Records) / max(pr.Elapsed.Seconds(), 1e-3)
	if p.bar != nil {
		p.bar.Describe(fmt.Sprintf("%s %s: %d records, %.0f/s, %d rejected", pr.Pass, filepath.Base(pr.Source), pr.Records, rate, pr.Rejected))
		_ = p.bar.Set64(pr.Bytes)
		if pr.Done {
			p.finish()
		}
		return
	}
	if !pr.Done && time.Since(p.lastLog) < 5*time.Second {
		return
	}
	p.lastLog = time.Now()
	attrs := []any{"pass", pr.Pass, "source", pr.Source, "records", pr.Records, "recordsPerSecond", int(rate), "rejected", pr.Rejected}
	if pr.Size > 0 {
		attrs = append(attrs, "percent", fmt.Sprintf("%.1f", 100*float64(pr.Bytes)/float64(pr.Size)))
		if el := time.Since(p.began); pr.Bytes > 0 && !pr.Done {
			left := time.Duration(float64(el) * float64(pr.Size-pr.Bytes) / float64(pr.Bytes))
			attrs = append(attrs, "eta", left.Round(time.Second).String())
		}
	}
	msg := "import progress"
	if pr.Done {
		msg = "source done"
	}
	p.log.Info(msg, attrs...)
}

// finish ends the current bar, if any.
func (p *progressReporter) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		fmt.Fprintln(p.out)
	}
	p.bar = nil
}
