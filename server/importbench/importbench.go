// Package importbench is relgraph's import benchmark (relgraph-bench bench-import): on a Neo4j instance of
// its own, it imports the same records (the ROR v2 dump and a synthetic OpenAlex works set) three
// ways in one run and prints records per second for each and their ratios:
//
//   - neo4j-admin database import, Neo4j's offline bulk importer, fed CSV files exported from the
//     same records as the import resolves them (the ceiling: the database is down meanwhile);
//   - relgraph import, online: batched UNWIND writes through the store, the database serving;
//   - one transaction per record through the same store (the floor), on the first records of each
//     source.
package importbench

import (
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
	"github.com/relgraph/relgraph/graph/ingest/ror"
	"github.com/relgraph/relgraph/graph/ingest/synthetic"
	store "github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/server/localneo4j"
)

// Config is the benchmark's settings.
type Config struct {
	Root     string // the repository, for scripts/neo4j.sh
	DataDir  string // ../shared/data
	Works    int    // synthetic works
	Seed     uint64
	Naive    int // records per source for the one-transaction-per-record floor
	Batch    int // relgraph import's batch size
	BoltPort int
	Heap     string
	Cache    string
	Keep     bool // leave the instance running at the end
}

// Flags registers the benchmark's flags.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Root, "root", ".", "the relgraph repository (for scripts/neo4j.sh)")
	fs.StringVar(&c.DataDir, "data", "../shared/data", "folder of the shared datasets")
	fs.IntVar(&c.Works, "works", 20000, "synthetic OpenAlex works to import besides the 35,990 ROR records")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of the synthetic works")
	fs.IntVar(&c.Naive, "naive", 1000, "records of each source imported one transaction per record (the floor)")
	fs.IntVar(&c.Batch, "batch", ingest.DefaultBatchSize, "relgraph import's batch size")
	fs.IntVar(&c.BoltPort, "bolt-port", 7733, "Bolt port of the benchmark's Neo4j (instance bench-import)")
	fs.StringVar(&c.Heap, "heap", "2g", "heap of the benchmark's Neo4j")
	fs.StringVar(&c.Cache, "pagecache", "2g", "page cache of the benchmark's Neo4j")
	fs.BoolVar(&c.Keep, "keep", false, "leave the benchmark's Neo4j running at the end")
}

const instanceName = "bench-import"

// result is one importer's measurement.
type result struct {
	name          string
	records       int
	took          time.Duration
	nodes, rels   int64
	note          string
	perSourceRate map[string]float64
}

func (r result) rate() float64 { return float64(r.records) / r.took.Seconds() }

// Run runs the benchmark and prints its table to out.
func Run(ctx context.Context, cfg Config, out io.Writer, log *slog.Logger) error {
	inst := localneo4j.New(cfg.Root, instanceName,
		fmt.Sprintf("NEO4J_BOLT_PORT=%d", cfg.BoltPort), "NEO4J_HEAP="+cfg.Heap, "NEO4J_PAGECACHE="+cfg.Cache)
	home := filepath.Join(cfg.Root, ".neo4j", instanceName)
	if v := os.Getenv("RELGRAPH_NEO4J_DIR"); v != "" {
		home = filepath.Join(v, instanceName)
	}
	tmp, err := os.MkdirTemp("", "relgraph-bench-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	rorPath := filepath.Join(cfg.DataDir, "ror", "ror-v2-latest.jsonl.gz")
	worksPath := filepath.Join(tmp, "works.jsonl.gz")
	log.Info("generating synthetic works", "works", cfg.Works, "seed", cfg.Seed)
	if err := generate(worksPath, cfg.Works, cfg.Seed, rorPath); err != nil {
		return err
	}
	sources := []struct {
		name string
		path string
		imp  func(context.Context, graph.Writer, []ingest.Source, ingest.Options) (ingest.Stats, error)
		m    ingest.MapFunc
	}{
		{"ror", rorPath, ror.Import, ror.Map},
		{"openalex", worksPath, openalex.Import, openalex.Map},
	}

	// The CSV files for neo4j-admin, from the same records resolved by the same importers.
	log.Info("exporting the records as CSV for neo4j-admin")
	exp := newCSVExport()
	records := 0
	t0 := time.Now()
	for _, s := range sources {
		st, err := s.imp(ctx, exp, []ingest.Source{ingest.File(s.path)}, ingest.Options{Run: "bench-import", BatchSize: cfg.Batch})
		if err != nil {
			return fmt.Errorf("export %s: %w", s.name, err)
		}
		records += st.Read
	}
	files, err := exp.write(tmp)
	if err != nil {
		return err
	}
	exp = nil
	exportTook := time.Since(t0)
	log.Info("exported", "records", records, "nodes", files.NodeCount, "relationships", files.RelCount, "took", exportTook.Round(time.Millisecond))

	var results []result

	// 1. The ceiling: neo4j-admin database import, offline.
	if err := inst.Stop(); err != nil {
		return err
	}
	// The database name comes first: --nodes and --relationships take any number of files.
	args := []string{"database", "import", "full", "neo4j", "--overwrite-destination=true",
		"--skip-bad-relationships=true", "--skip-duplicate-nodes=true", "--bad-tolerance=-1",
		"--report-file=" + filepath.Join(tmp, "import.report")}
	for _, n := range files.Nodes {
		args = append(args, "--nodes="+n)
	}
	for _, r := range files.Relationships {
		args = append(args, "--relationships="+r)
	}
	log.Info("running neo4j-admin database import (offline)")
	t0 = time.Now()
	if _, err := inst.Admin(args...); err != nil {
		return err
	}
	admin := result{name: "neo4j-admin database import (offline)", records: records, took: time.Since(t0),
		note: fmt.Sprintf("database down; CSV export before it took %s more", exportTook.Round(time.Second))}
	conn, err := inst.Start()
	if err != nil {
		return err
	}
	if admin.nodes, admin.rels, err = counts(ctx, conn); err != nil {
		return err
	}
	results = append(results, admin)

	// 2. relgraph import, online.
	if conn, err = fresh(inst, home); err != nil {
		return err
	}
	st, err := store.Open(conn, log.With("component", "store"))
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	if err := waitFor(ctx, st); err != nil {
		return err
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	online := result{name: "relgraph import (online, batched)", perSourceRate: map[string]float64{}}
	for _, s := range sources {
		log.Info("relgraph import", "source", s.name)
		t := time.Now()
		stats, err := s.imp(ctx, st, []ingest.Source{ingest.File(s.path)}, ingest.Options{Run: "bench-import", BatchSize: cfg.Batch})
		if err != nil {
			return fmt.Errorf("relgraph import %s: %w", s.name, err)
		}
		took := time.Since(t)
		online.records += stats.Read
		online.took += took
		online.perSourceRate[s.name] = float64(stats.Read) / took.Seconds()
		log.Info("imported", "source", s.name, "stats", stats.String(), "took", took.Round(time.Millisecond))
	}
	if online.nodes, online.rels, err = counts(ctx, conn); err != nil {
		return err
	}
	online.note = fmt.Sprintf("ror %.0f/s, openalex %.0f/s; database serving", online.perSourceRate["ror"], online.perSourceRate["openalex"])
	results = append(results, online)
	st.Close(ctx)

	// 3. The floor: one transaction per record.
	if conn, err = fresh(inst, home); err != nil {
		return err
	}
	if st, err = store.Open(conn, log.With("component", "store")); err != nil {
		return err
	}
	if err := waitFor(ctx, st); err != nil {
		return err
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	naive := result{name: "one transaction per record"}
	for _, s := range sources {
		log.Info("one transaction per record", "source", s.name, "records", cfg.Naive)
		n, took, err := perRecord(ctx, st, s.path, s.m, cfg.Naive)
		if err != nil {
			return fmt.Errorf("per-record import %s: %w", s.name, err)
		}
		naive.records += n
		naive.took += took
	}
	if naive.nodes, naive.rels, err = counts(ctx, conn); err != nil {
		return err
	}
	naive.note = fmt.Sprintf("the first %d records of each source", cfg.Naive)
	results = append(results, naive)
	st.Close(ctx)

	if !cfg.Keep {
		if err := inst.Stop(); err != nil {
			log.Warn("could not stop the benchmark's Neo4j", "err", err)
		}
	}
	printTable(out, cfg, results)
	return nil
}

func printTable(out io.Writer, cfg Config, rs []result) {
	fmt.Fprintf(out, "\nImport benchmark: ROR v2 dump (35,990 records) + %d synthetic OpenAlex works (seed %d), batch %d\n\n", cfg.Works, cfg.Seed, cfg.Batch)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "importer\trecords\tseconds\trecords/s\tvs offline\tnodes\trelationships\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%.0f\t%.3f\t%d\t%d\t\n", r.name, r.records, r.took.Seconds(), r.rate(), r.rate()/rs[0].rate(), r.nodes, r.rels)
	}
	tw.Flush()
	fmt.Fprintln(out)
	for _, r := range rs {
		fmt.Fprintf(out, "%s: %s\n", r.name, r.note)
	}
	fmt.Fprintf(out, "\nrelgraph import / neo4j-admin import: %.2f (aim: at least 0.33)\n", rs[1].rate()/rs[0].rate())
	fmt.Fprintf(out, "relgraph import / one transaction per record: %.1f\n", rs[1].rate()/rs[2].rate())
}

// perRecord writes the first n records of the file one transaction each (Store.Upsert per record):
// the floor, where imports batch many records into each transaction.
func perRecord(ctx context.Context, st *store.Store, path string, m ingest.MapFunc, n int) (int, time.Duration, error) {
	in, err := ingest.File(path).Open()
	if err != nil {
		return 0, 0, err
	}
	defer in.Close()
	done := 0
	var took time.Duration
	stop := errors.New("enough")
	err = ingest.ReadJSON(in, ingest.JSONShape{}, func(jr ingest.JSONRecord) error {
		if done >= n {
			return stop
		}
		if jr.Err != nil {
			return jr.Err
		}
		rec, err := m(jr.Raw)
		if err != nil {
			return nil
		}
		for i := range rec.Nodes {
			rec.Nodes[i].Prov.Run = "bench-import-naive"
		}
		for i := range rec.Edges {
			rec.Edges[i].Prov.Run = "bench-import-naive"
		}
		t := time.Now()
		if _, err := st.Upsert(ctx, rec.Nodes, rec.Edges); err != nil {
			return err
		}
		took += time.Since(t)
		done++
		return ctx.Err()
	})
	if errors.Is(err, stop) {
		err = nil
	}
	return done, took, err
}

func generate(path string, works int, seed uint64, orgsPath string) error {
	pool, err := synthetic.LoadOrgs(orgsPath)
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if _, err := synthetic.Generate(zw, synthetic.Config{Works: works, Seed: seed, Orgs: pool}); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func waitFor(ctx context.Context, st *store.Store) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := st.Ping(ctx)
		if err == nil || time.Now().After(deadline) {
			return err
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// counts returns the numbers of nodes and relationships in the database, from its count store.
func counts(ctx context.Context, conn store.Config) (int64, int64, error) {
	st, err := store.Open(conn, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		return 0, 0, err
	}
	defer st.Close(ctx)
	if err := waitFor(ctx, st); err != nil {
		return 0, 0, err
	}
	return st.Counts(ctx)
}

// fresh stops the instance, removes its graph database (keeping the system database and the
// password) and starts it again, empty.
func fresh(i localneo4j.Instance, home string) (store.Config, error) {
	if err := i.Stop(); err != nil {
		return store.Config{}, err
	}
	for _, d := range []string{"databases/neo4j", "transactions/neo4j"} {
		if err := os.RemoveAll(filepath.Join(home, "data", d)); err != nil {
			return store.Config{}, err
		}
	}
	return i.Start()
}
