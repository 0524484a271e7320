package demo

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/countries"
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
	}
}

// Load writes the demo graph through w: the real datasets first, then the seed facts that link to
// them. dataDir is the shared/data folder. Loading it again changes nothing.
func Load(ctx context.Context, w graph.Writer, dataDir string, log *slog.Logger) error {
	for _, s := range steps() {
		var srcs []ingest.Source
		for _, p := range s.paths {
			srcs = append(srcs, ingest.File(filepath.Join(dataDir, p)))
		}
		st, err := s.imp(ctx, w, srcs, ingest.Options{Run: "demo"})
		if err != nil {
			return fmt.Errorf("demo %s: %w", s.name, err)
		}
		log.Info("demo loaded", "dataset", s.name, "summary", st.String())
	}
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
	return nil
}
