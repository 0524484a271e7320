package demo

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/countries"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
	"github.com/relgraph/relgraph/graph/ingest/ror"
)

// step is one dataset of the demo and how to import it.
type step struct {
	name  string
	paths []string // relative to the data folder
	imp   func(context.Context, graph.Writer, []ingest.Source, ingest.Options) (ingest.Stats, error)
}

func steps() []step {
	return []step{
		{"countries (mledoze)", []string{"countries-mledoze/countries.json"}, countries.Import},
		{"countries (ISO 3166, lukes)", []string{"countries-iso3166-lukes/all.json"}, countries.Import},
		{"ROR organisations (migration-related)", []string{"ror/migration_related"}, ror.Import},
		{"OpenAlex works (openalexPro sample)", []string{"openalex-works-openalexPro"}, openalex.Import},
	}
}

// rorSlice picks from the ROR dump the records of the given organisations, as a JSON Lines source.
func rorSlice(dataDir string, ids []string) (ingest.Source, error) {
	path := filepath.Join(dataDir, "ror", "ror-v2-latest.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		return ingest.Source{}, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return ingest.Source{}, fmt.Errorf("%s: %w", path, err)
	}
	want := map[string]bool{}
	for _, id := range ids {
		want[`"https://ror.org/`+id+`"`] = true
	}
	var out bytes.Buffer
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		// The record's own id is its first "id" field.
		if i := bytes.Index(line, []byte(`"id":`)); i >= 0 {
			rest := bytes.TrimLeft(line[i+5:], " ")
			if j := bytes.IndexByte(rest[1:], '"'); j >= 0 && want[string(rest[:j+2])] {
				out.Write(line)
				out.WriteByte('\n')
			}
		}
	}
	if err := sc.Err(); err != nil {
		return ingest.Source{}, fmt.Errorf("%s: %w", path, err)
	}
	return ingest.Reader(path+" (selected records).jsonl", &out), nil
}

// Load writes the demo graph through w: the real datasets first, then the seed facts that link to
// them. dataDir is the shared/data folder. It returns what the writes did, summed; loading it again
// changes nothing (nothing created, nothing updated).
func Load(ctx context.Context, w graph.Writer, dataDir string, log *slog.Logger) (graph.WriteStats, error) {
	var total graph.WriteStats
	err := load(ctx, w, dataDir, log, &total)
	return total, err
}

func load(ctx context.Context, w graph.Writer, dataDir string, log *slog.Logger, total *graph.WriteStats) error {
	for _, s := range steps() {
		var paths []string
		for _, p := range s.paths {
			paths = append(paths, filepath.Join(dataDir, p))
		}
		srcs, err := ingest.Sources(paths, ingest.JSONExts...)
		if err != nil {
			return fmt.Errorf("demo %s: %w", s.name, err)
		}
		st, err := s.imp(ctx, w, srcs, ingest.Options{Run: "demo"})
		if err != nil {
			return fmt.Errorf("demo %s: %w", s.name, err)
		}
		if len(st.Incomplete) > 0 {
			// The demo's files are known whole: one that cannot be read is broken.
			return fmt.Errorf("demo %s: %s", s.name, st.Incomplete[0])
		}
		log.Info("demo loaded", "dataset", s.name, "summary", st.String())
		for _, r := range st.Rejections {
			log.Warn("demo record rejected", "dataset", s.name, "rejection", r.String())
		}
		total.Add(graph.WriteStats{Created: st.Created, Updated: st.Updated, Unchanged: st.Unchanged, Missing: st.Missing})
	}
	slice, err := rorSlice(dataDir, AffiliationRORs)
	if err != nil {
		return fmt.Errorf("demo ROR slice: %w", err)
	}
	st, err := ror.Import(ctx, w, []ingest.Source{slice}, ingest.Options{Run: "demo"})
	if err != nil {
		return fmt.Errorf("demo ROR slice: %w", err)
	}
	if st.Read != len(AffiliationRORs) {
		return fmt.Errorf("demo ROR slice: found %d of the %d organisations", st.Read, len(AffiliationRORs))
	}
	log.Info("demo loaded", "dataset", "ROR affiliations of the seed articles", "summary", st.String())
	total.Add(graph.WriteStats{Created: st.Created, Updated: st.Updated, Unchanged: st.Unchanged, Missing: st.Missing})

	nodes, edges := seed()
	ns, err := w.UpsertNodes(ctx, nodes)
	if err != nil {
		return fmt.Errorf("demo seed: %w", err)
	}
	es, err := w.UpsertEdges(ctx, edges)
	if err != nil {
		return fmt.Errorf("demo seed: %w", err)
	}
	if es.Missing > 0 {
		return fmt.Errorf("demo seed: %d relationships point at entities that were not loaded", es.Missing)
	}
	log.Info("demo loaded", "dataset", "seed facts", "nodes", ns, "edges", es)
	total.Add(ns)
	total.Add(es)
	return nil
}
