package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"time"

	store "github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/resolvers"
	"github.com/relgraph/relgraph/server"
)

// runner holds the servers of one benchmark run.
type runner struct {
	cfg      Config
	ncfg     store.Config
	ops      []op
	log      *slog.Logger
	out      io.Writer
	relgraph *process // without its response cache
	cached   *process // with it
	ngql     *process
	inproc   http.Handler
	floor    floorTransport
	useFloor bool
}

func (r *runner) stopAll() {
	for _, p := range []*process{r.relgraph, r.cached, r.ngql} {
		p.stop()
	}
}

// newInProcess is a relgraph handler in this process over st, without a response cache, so that
// its reads can be profiled.
func newInProcess(ctx context.Context, st *store.Store, log *slog.Logger) http.Handler {
	schema, err := resolvers.Schema(st)
	if err != nil {
		panic(err) // the schema is compiled in; resolvers' tests read every declaration
	}
	srv := server.New(server.Options{Store: st, Schema: schema, Log: log.With("component", "profiled relgraph"), Introspection: true})
	go srv.Watch(ctx)
	for i := 0; !srv.Ready() && i < 600; i++ {
		time.Sleep(100 * time.Millisecond)
	}
	return srv.Handler()
}

// column is one server's measurements of one operation at one concurrency.
type column struct {
	name string
	t    target
	c    cell
	ok   bool
}

func (r *runner) targets(o op) []column {
	var cols []column
	if r.relgraph != nil {
		cols = append(cols, column{name: "relgraph", t: graphqlTarget("relgraph", r.relgraph.url, o.relgraph, o.vars)})
		cols = append(cols, column{name: "relgraph, cached", t: graphqlTarget("relgraph, cached", r.cached.url, o.relgraph, o.vars)})
	}
	if r.ngql != nil && o.ngql != "" {
		cols = append(cols, column{name: "@neo4j/graphql", t: graphqlTarget("@neo4j/graphql", r.ngql.url, o.ngql, func(i int) map[string]any { return ngqlVars(o, i) })})
	}
	if r.useFloor {
		cols = append(cols, column{name: "floor", t: floorTarget(o.name)})
	}
	return cols
}

func (r *runner) clientFor(col column, c int) *http.Client {
	if col.name == "floor" {
		return newClient(c, r.floor)
	}
	return newClient(c, nil)
}

// check compares the answers of the servers on a few inputs, by digest.
func (r *runner) check(ctx context.Context, o op) string {
	var diffs []string
	for i := 0; i < 3; i++ {
		answers := map[string]string{}
		if r.relgraph != nil {
			a, err := post(r.relgraph.url, o.relgraph, o.vars(i))
			if err != nil {
				return "relgraph: " + err.Error()
			}
			answers["relgraph"] = digest(a["data"], o.digest)
			c, err := post(r.cached.url, o.relgraph, o.vars(i))
			if err != nil {
				return "relgraph, cached: " + err.Error()
			}
			answers["relgraph, cached"] = digest(c["data"], o.digest)
		}
		if r.ngql != nil && o.ngql != "" {
			a, err := post(r.ngql.url, o.ngql, ngqlVars(o, i))
			if err != nil {
				return "@neo4j/graphql: " + err.Error()
			}
			answers["@neo4j/graphql"] = digest(a["data"], o.digest)
		}
		if r.useFloor {
			a, err := r.floor.answer(ctx, o, i)
			if err != nil {
				return "floor: " + err.Error()
			}
			answers["floor"] = digest(a, o.digest)
		}
		ref := answers["relgraph"]
		if ref == "" {
			ref = answers["floor"]
		}
		for name, d := range answers {
			if d != ref {
				diffs = append(diffs, fmt.Sprintf("input %d: %s differs (%.80s… vs %.80s…)", i, name, d, ref))
			}
		}
	}
	if len(diffs) == 0 {
		return ""
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "; ")
}

// prime asks the cached server each distinct request once, so that the measurement sees repeats.
func prime(url string, t target) {
	seen := map[string]bool{}
	for _, b := range t.bodies {
		if seen[string(b)] {
			continue
		}
		seen[string(b)] = true
		resp, err := http.Post(url, "application/json", bytes.NewReader(b))
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
	}
}

// table measures every operation at every concurrency on every server and prints the table.
func (r *runner) table(ctx context.Context) error {
	type row struct {
		op   op
		c    int
		cols []column
	}
	var rows []row
	checks := map[string]string{}
	dbh := map[string]map[string]hits{}
	for _, o := range r.ops {
		r.log.Info("checking answers and db hits", "op", o.name)
		checks[o.name] = r.check(ctx, o)
		dbh[o.name] = map[string]hits{}
		if r.inproc != nil {
			h, err := relgraphHits(r.inproc, o)
			if err != nil {
				return err
			}
			dbh[o.name]["relgraph"] = h
		}
		if r.ngql != nil && o.ngql != "" {
			h, err := ngqlHits(ctx, strings.TrimSuffix(r.ngql.url, "/graphql"), r.floor, o)
			if err != nil {
				return err
			}
			dbh[o.name]["@neo4j/graphql"] = h
		}
		if r.useFloor {
			h, err := floorHits(ctx, r.floor, o)
			if err != nil {
				return err
			}
			dbh[o.name]["floor"] = h
		}
	}
	for _, o := range r.ops {
		cols := r.targets(o)
		for _, col := range cols {
			if col.name == "relgraph, cached" {
				prime(r.cached.url, col.t)
			}
		}
		for _, c := range r.cfg.Concurrency {
			rw := row{op: o, c: c}
			for _, col := range cols {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				client := r.clientFor(col, c)
				attack(client, col.t.targeter(), c, r.cfg.Warmup, "warm-up")
				col.c = attack(client, col.t.targeter(), c, r.cfg.Duration, o.name)
				col.ok = true
				r.log.Info("measured", "op", o.name, "concurrency", c, "server", col.name, "rps", fmt.Sprintf("%.0f", col.c.rps),
					"p50", col.c.p50, "p99", col.c.p99, "errors", col.c.errors)
				if col.c.errors > 0 {
					r.log.Warn("errors", "op", o.name, "server", col.name, "first", col.c.firstErr)
				}
				rw.cols = append(rw.cols, col)
			}
			rows = append(rows, rw)
		}
	}

	w := r.out
	fmt.Fprintf(w, "\n## relgraph API benchmark\n\n")
	fmt.Fprintf(w, "%d synthetic works + the demo + ROR (%s); %d s per measurement after %d s of warm-up; %d CPUs; clients: vegeta, closed loop.\n",
		r.cfg.Works, RORFile, int(r.cfg.Duration.Seconds()), int(r.cfg.Warmup.Seconds()), runtime.NumCPU())
	fmt.Fprintf(w, "Latencies in ms. Ratios: throughput relgraph/@neo4j/graphql (want ≥ 2), p99 relgraph/@neo4j/graphql (want ≤ 1), p50 relgraph/floor (want ≤ 1.3), p50 cached/floor (want ≤ 0.2).\n\n")
	names := []string{"relgraph", "relgraph, cached", "@neo4j/graphql", "floor"}
	fmt.Fprintf(w, "| operation | c |")
	for _, n := range names {
		fmt.Fprintf(w, " %s req/s | p50 | p95 | p99 |", n)
	}
	fmt.Fprintf(w, " rg/ngql req/s | rg/ngql p99 | rg/floor p50 | rg/floor p99 | cached/floor p50 |\n|---|---|")
	for range names {
		fmt.Fprintf(w, "---|---|---|---|")
	}
	fmt.Fprintf(w, "---|---|---|---|---|\n")
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f", float64(d)/float64(time.Millisecond)) }
	for _, rw := range rows {
		by := map[string]cell{}
		fmt.Fprintf(w, "| %s | %d |", rw.op.name, rw.c)
		for _, n := range names {
			found := false
			for _, col := range rw.cols {
				if col.name == n {
					by[n] = col.c
					found = true
					errs := ""
					if col.c.errors > 0 {
						errs = fmt.Sprintf(" (%d errors)", col.c.errors)
					}
					fmt.Fprintf(w, " %.0f%s | %s | %s | %s |", col.c.rps, errs, ms(col.c.p50), ms(col.c.p95), ms(col.c.p99))
				}
			}
			if !found {
				fmt.Fprintf(w, " – | – | – | – |")
			}
		}
		ratio := func(a, b float64) string {
			if a == 0 || b == 0 {
				return "–"
			}
			return fmt.Sprintf("%.2f", a/b)
		}
		rg, ng, fl, ca := by["relgraph"], by["@neo4j/graphql"], by["floor"], by["relgraph, cached"]
		fmt.Fprintf(w, " %s | %s | %s | %s | %s |\n", ratio(rg.rps, ng.rps), ratio(float64(rg.p99), float64(ng.p99)),
			ratio(float64(rg.p50), float64(fl.p50)), ratio(float64(rg.p99), float64(fl.p99)), ratio(float64(ca.p50), float64(fl.p50)))
	}

	fmt.Fprintf(w, "\n### Database work per request (PROFILE, mean of %d inputs)\n\n", profileSamples)
	fmt.Fprintf(w, "| operation | relgraph round trips | relgraph db hits | @neo4j/graphql round trips | @neo4j/graphql db hits | floor db hits | answers agree |\n|---|---|---|---|---|---|---|\n")
	for _, o := range r.ops {
		h := dbh[o.name]
		cell := func(n string, trips bool) string {
			x, ok := h[n]
			if !ok {
				return "–"
			}
			if trips {
				return fmt.Sprintf("%.1f", x.trips)
			}
			return fmt.Sprintf("%.0f", x.dbHits)
		}
		agree := "yes"
		if checks[o.name] != "" {
			agree = "NO: " + checks[o.name]
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", o.name, cell("relgraph", true), cell("relgraph", false),
			cell("@neo4j/graphql", true), cell("@neo4j/graphql", false), cell("floor", false), agree)
	}
	fmt.Fprintf(w, "\n### Notes\n\n")
	for _, o := range r.ops {
		if o.note != "" {
			fmt.Fprintf(w, "- %s: %s\n", o.name, o.note)
		}
	}
	fmt.Fprintf(w, "- @neo4j/graphql does not filter retracted relationships (it has no way to say coalesce(r.retracted, false) = false); none are retracted in this data, so its answers are the same and its queries do a little less work.\n")
	for _, p := range []*process{r.relgraph, r.cached, r.ngql} {
		if p != nil {
			fmt.Fprintf(w, "- peak RSS of %s: %.0f MiB\n", p.name, float64(p.peakRSS())/(1<<20))
		}
	}
	return nil
}

// load runs the load test: many clients on the whole mix against relgraph, with and without its
// response cache, and reports throughput, latencies, errors and the server's peak memory.
func (r *runner) load(ctx context.Context, bin string) error {
	w := r.out
	fmt.Fprintf(w, "\n## relgraph under load: %d clients for %s on the mix of %d operations\n\n", r.cfg.LoadClients, r.cfg.LoadTime, len(r.ops))
	fmt.Fprintf(w, "| server | requests | req/s | p50 ms | p95 ms | p99 ms | errors | peak RSS MiB |\n|---|---|---|---|---|---|---|---|\n")
	for _, cacheMB := range []int{0, 256} {
		p, err := startRelgraph(ctx, bin, r.ncfg, r.cfg.Ports[0], cacheMB)
		if err != nil {
			return err
		}
		var ts []target
		for _, o := range r.ops {
			ts = append(ts, graphqlTarget(o.name, p.url, o.relgraph, o.vars))
		}
		client := newClient(r.cfg.LoadClients, nil)
		attack(client, mixTargeter(ts), 16, 10*time.Second, "warm-up")
		c := attack(client, mixTargeter(ts), r.cfg.LoadClients, r.cfg.LoadTime, "load")
		rss := p.peakRSS()
		p.stop()
		r.log.Info("load", "server", p.name, "requests", c.requests, "errors", c.errors, "first", c.firstErr)
		fmt.Fprintf(w, "| %s | %d | %.0f | %.1f | %.1f | %.1f | %d | %.0f |\n", p.name, c.requests, c.rps,
			float64(c.p50)/1e6, float64(c.p95)/1e6, float64(c.p99)/1e6, c.errors, float64(rss)/(1<<20))
	}
	return nil
}
