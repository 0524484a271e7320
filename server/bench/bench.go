package bench

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	store "github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/server/localneo4j"
)

// Config is the benchmark's configuration, from the flags of relgraph-bench bench-api.
type Config struct {
	Root        string        // the repository (for scripts/neo4j.sh and the @neo4j/graphql server)
	DataDir     string        // shared/data
	Works       int           // synthetic works
	Seed        uint64        // of the synthetic works
	BoltPort    int           // of the benchmark's Neo4j
	Heap, Cache string        // its heap and page cache
	Ports       [3]int        // HTTP ports: relgraph uncached, relgraph cached, @neo4j/graphql
	Duration    time.Duration // measured time per operation, server and concurrency
	Warmup      time.Duration // warm-up before each measurement
	Concurrency []int
	Servers     []string // which of relgraph, neo4j-graphql, floor to run
	Ops         []string // which operations; all when empty
	LoadOnly    bool     // load the dataset and stop
	Load        bool     // run the load test (200 clients, 60 s) instead of the table
	LoadClients int
	LoadTime    time.Duration
	Binary      string // the relgraph binary to serve with (default: relgraph beside this binary)

	parse func() error // finishes reading the flags
}

// Flags registers the benchmark's flags on fs.
func (c *Config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Root, "root", ".", "the relgraph repository")
	data := os.Getenv("RELGRAPH_DATA")
	if data == "" {
		data = "../shared/data"
	}
	fs.StringVar(&c.DataDir, "data", data, "folder of the shared datasets (RELGRAPH_DATA)")
	fs.IntVar(&c.Works, "works", 100000, "synthetic works to load (at least 100000 for the published figures)")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of the synthetic works")
	fs.IntVar(&c.BoltPort, "bolt-port", 7732, "Bolt port of the benchmark's own Neo4j instance (bench)")
	fs.StringVar(&c.Heap, "neo4j-heap", "2g", "heap of the benchmark's Neo4j")
	fs.StringVar(&c.Cache, "neo4j-pagecache", "2g", "page cache of the benchmark's Neo4j")
	fs.IntVar(&c.Ports[0], "port", 8731, "first of three HTTP ports: relgraph, relgraph with its response cache, @neo4j/graphql")
	fs.DurationVar(&c.Duration, "duration", 5*time.Second, "measured time per operation, server and concurrency")
	fs.DurationVar(&c.Warmup, "warmup", 2*time.Second, "warm-up before each measurement")
	conc := fs.String("concurrency", "1,16,64", "concurrencies, comma-separated")
	servers := fs.String("servers", "relgraph,neo4j-graphql,floor", "servers to compare")
	ops := fs.String("ops", "", "operations to run, comma-separated, each the start of a name such as nested (default all)")
	fs.BoolVar(&c.LoadOnly, "load-only", false, "load the dataset, then stop")
	fs.BoolVar(&c.Load, "load", false, "run the load test instead: -clients concurrent clients on the mix for -load-time")
	fs.IntVar(&c.LoadClients, "clients", 200, "clients of the load test")
	fs.DurationVar(&c.LoadTime, "load-time", time.Minute, "length of the load test")
	fs.StringVar(&c.Binary, "binary", "", "relgraph binary to serve with (default: relgraph in the folder of this binary)")
	c.parse = func() error {
		c.Ports[1], c.Ports[2] = c.Ports[0]+1, c.Ports[0]+2
		c.Concurrency = nil
		for _, s := range strings.Split(*conc, ",") {
			var n int
			if _, err := fmt.Sscan(strings.TrimSpace(s), &n); err != nil || n < 1 {
				return fmt.Errorf("bad concurrency %q", s)
			}
			c.Concurrency = append(c.Concurrency, n)
		}
		c.Servers = strings.Split(*servers, ",")
		if *ops != "" {
			c.Ops = strings.Split(*ops, ",")
		}
		return nil
	}
}

// parse finishes reading the flags; set by Flags.
func (c *Config) finish() error {
	if c.parse != nil {
		return c.parse()
	}
	return nil
}

// server is the relgraph binary the benchmark serves with: -binary, or relgraph in the folder of
// exe, the running binary (the benchmarks are a command of their own, not linked into the server).
func (c *Config) server(exe string) (string, error) {
	if c.Binary != "" {
		return c.Binary, nil
	}
	bin := filepath.Join(filepath.Dir(exe), "relgraph")
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("no relgraph binary to serve with beside this one (make bin/relgraph, or -binary): %w", err)
	}
	return bin, nil
}

// instance is the benchmark's Neo4j, run by scripts/neo4j.sh as instance "bench".
func (c *Config) instance() localneo4j.Instance {
	return localneo4j.New(c.Root, "bench",
		fmt.Sprintf("NEO4J_BOLT_PORT=%d", c.BoltPort), "NEO4J_HEAP="+c.Heap, "NEO4J_PAGECACHE="+c.Cache, "NEO4J_APOC=1")
}

// Run runs the benchmark as configured, printing to stdout.
func Run(ctx context.Context, c *Config, log *slog.Logger) error {
	if err := c.finish(); err != nil {
		return err
	}
	if c.Works < 1 {
		return fmt.Errorf("-works must be positive")
	}
	// Find the server binary before the long load of the dataset, so that a missing one fails at once.
	var bin string
	if !c.LoadOnly && (c.Load || slices.Contains(c.Servers, "relgraph")) {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		if bin, err = c.server(exe); err != nil {
			return err
		}
	}
	inst := c.instance()
	ncfg, err := inst.Start()
	if err != nil {
		return err
	}
	log.Info("benchmark Neo4j", "uri", ncfg.URI)
	st, err := store.Open(ncfg, log.With("component", "store"))
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	d, err := neo4j.NewDriverWithContext(ncfg.URI, neo4j.BasicAuth(ncfg.User, ncfg.Password, ""))
	if err != nil {
		return err
	}
	defer d.Close(context.Background())
	if err := waitFor(ctx, st); err != nil {
		return err
	}
	if err := loadDataset(ctx, st, d, ncfg.Database, c.DataDir, c.Works, c.Seed, log); err != nil {
		return err
	}
	if c.LoadOnly {
		return nil
	}
	ps, err := pickPools(ctx, d, ncfg.Database)
	if err != nil {
		return err
	}
	var ops []op
	for _, o := range operations(ps) {
		if len(c.Ops) == 0 || slices.ContainsFunc(c.Ops, func(x string) bool { return strings.HasPrefix(o.name, x) }) {
			ops = append(ops, o)
		}
	}
	if len(ops) == 0 {
		return fmt.Errorf("no operation matches -ops %q", strings.Join(c.Ops, ","))
	}
	floor := floorTransport{driver: d, db: ncfg.Database, ops: map[string]op{}}
	for _, o := range ops {
		floor.ops[o.name] = o
	}
	r := &runner{cfg: *c, ops: ops, floor: floor, log: log, ncfg: ncfg, out: os.Stdout}
	defer r.stopAll()
	if c.Load {
		return r.load(ctx, bin)
	}
	if slices.Contains(c.Servers, "relgraph") {
		if r.relgraph, err = startRelgraph(ctx, bin, ncfg, c.Ports[0], 0); err != nil {
			return err
		}
		if r.cached, err = startRelgraph(ctx, bin, ncfg, c.Ports[1], 256); err != nil {
			return err
		}
		// An in-process relgraph whose reads can be profiled, for the db hits.
		r.inproc = newInProcess(ctx, st, log)
	}
	if slices.Contains(c.Servers, "neo4j-graphql") {
		if r.ngql, err = startNeo4jGraphQL(ctx, c.Root, ncfg, c.Ports[2], log); err != nil {
			return err
		}
	}
	r.useFloor = slices.Contains(c.Servers, "floor")
	return r.table(ctx)
}

func waitFor(ctx context.Context, st *store.Store) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		err := st.Ping(ctx)
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the benchmark's Neo4j does not answer: %w", err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
