package bench

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/demo"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/ror"
	store "github.com/relgraph/relgraph/graph/neo4j"
)

// RORFile is the medium ROR set the benchmark loads, relative to the shared data folder.
const RORFile = "ror/ror-v2-latest.jsonl.gz"

// popularCountries come first in the order of case countries, so that the most linked countries
// are plausible ones; the others follow in code order.
var popularCountries = []string{"US", "GB", "DE", "CN", "FR", "IT", "CA", "AU", "ES", "NL", "IN", "JP", "BR",
	"SE", "CH", "ZA", "MX", "TR", "KE", "NG", "EG", "MA", "PH", "ID", "GR", "PL", "SN", "ET", "MR", "SS"}

// loadDataset loads the demo, the ROR set and the synthetic works of the given size into the
// database, unless a complete load of the same size is already there (marked by a Meta node).
func loadDataset(ctx context.Context, st *store.Store, d neo4j.DriverWithContext, db, dataDir string, works int, seed uint64, log *slog.Logger) error {
	mark := fmt.Sprintf("demo+ror+synthetic/v2:%d:%d", works, seed)
	got, err := single[string](ctx, d, db, "OPTIONAL MATCH (m:Meta {name: 'bench'}) RETURN coalesce(m.dataset, '') AS v", nil)
	if err != nil {
		return err
	}
	if got == mark {
		log.Info("dataset already loaded", "dataset", mark)
		return nil
	}
	if got != "" {
		return fmt.Errorf("the bench database holds dataset %q, not %q: remove .neo4j/bench (scripts/neo4j.sh stop bench first) and run again", got, mark)
	}
	start := time.Now()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	if _, err := demo.Load(ctx, st, dataDir, log); err != nil {
		return err
	}
	rs, err := ror.Import(ctx, st, []ingest.Source{ingest.File(filepath.Join(dataDir, RORFile))}, ingest.Options{Run: "bench", BatchSize: 2000})
	if err != nil {
		return fmt.Errorf("ROR: %w", err)
	}
	log.Info("ROR loaded", "summary", rs.String(), "took", time.Since(start).Round(time.Second))

	countries, err := list[string](ctx, d, db, "MATCH (c:Country) WHERE c.iso2 IS NOT NULL AND NOT coalesce(c.stub, false) RETURN c.iso2 AS v ORDER BY v", nil)
	if err != nil {
		return err
	}
	ordered := []string{}
	for _, c := range popularCountries {
		if slices.Contains(countries, c) {
			ordered = append(ordered, c)
		}
	}
	for _, c := range countries {
		if !slices.Contains(ordered, c) {
			ordered = append(ordered, c)
		}
	}
	orgs, err := list[string](ctx, d, db, "MATCH (o:Organisation) WHERE o.ror IS NOT NULL AND NOT coalesce(o.stub, false) RETURN o.ror AS v ORDER BY v", nil)
	if err != nil {
		return err
	}
	syn := Synth{Works: works, Seed: seed, Countries: ordered, Orgs: orgs}
	if err := syn.Load(ctx, st, log); err != nil {
		return err
	}
	_, err = neo4j.ExecuteQuery(ctx, d, "MERGE (m:Meta {name: 'bench'}) SET m.dataset = $v", map[string]any{"v": mark},
		neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(db))
	if err != nil {
		return err
	}
	log.Info("dataset loaded", "dataset", mark, "took", time.Since(start).Round(time.Second))
	return nil
}

// single runs a read query that returns one value in the column v.
func single[T any](ctx context.Context, d neo4j.DriverWithContext, db, cypher string, params map[string]any) (T, error) {
	var zero T
	vs, err := list[T](ctx, d, db, cypher, params)
	if err != nil || len(vs) == 0 {
		return zero, err
	}
	return vs[0], nil
}

// list runs a read query and returns its column v.
func list[T any](ctx context.Context, d neo4j.DriverWithContext, db, cypher string, params map[string]any) ([]T, error) {
	res, err := neo4j.ExecuteQuery(ctx, d, cypher, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithDatabase(db), neo4j.ExecuteQueryWithReadersRouting())
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(res.Records))
	for _, r := range res.Records {
		v, _ := r.Get("v")
		t, ok := v.(T)
		if !ok {
			return nil, fmt.Errorf("%s: column v is %T", cypher, v)
		}
		out = append(out, t)
	}
	return out, nil
}

var _ graph.Writer = (*store.Store)(nil)
