package neo4j_test

import (
	"context"
	"fmt"
	"math/rand"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// TestObserveSeesEveryRoundTrip checks that Config.Observe watches each round trip a request counts
// (graph.RoundTrips), reads of one query, writes, and reads of several queries in one transaction
// alike, each with its outcome.
func TestObserveSeesEveryRoundTrip(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	cfg := neo4jtest.Config(t)
	cfg.Observe = func(ctx context.Context, mode, cypher string) (context.Context, func(error)) {
		return ctx, func(err error) {
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, mode+" "+graph.ErrorCode(err))
		}
	}
	store, err := neo4j.Open(cfg, neo4jtest.Logger())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	var trips graph.RoundTrips
	ctx := graph.WithRoundTrips(context.Background(), &trips)
	if err := store.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	key := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: fmt.Sprintf("observe-%08x", rand.Uint32())}
	if _, err := store.UpsertNodes(ctx, []graph.NodeInput{{Key: key, Props: map[string]any{"name": "observed"}, Prov: graph.Provenance{Source: "test"}}}); err != nil {
		t.Fatal(err)
	}
	curator := graph.Actor{Name: "observer", Role: graph.RoleCurator, TokenID: "observer-token"}
	if _, err := store.History(ctx, curator, graph.HistoryQuery{ID: graph.NewID(key.Kind, key.Scheme, key.Value), First: 5}); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Link(ctx, curator, "not a link id"); graph.ErrorCode(err) == "" {
		t.Fatal("a bad link id was accepted")
	}
	mu.Lock()
	defer mu.Unlock()
	if int64(len(seen)) != trips.Load() {
		t.Errorf("observed %d round trips %q, counted %d", len(seen), seen, trips.Load())
	}
	// The ping, the upsert, the history's transaction, and the link's, which refuses the id.
	want := []string{"read ", "write ", "read ", "read INVALID"}
	if diff := cmp.Diff(want, seen); diff != "" {
		t.Errorf("round trips (-want +got):\n%s", diff)
	}
}
