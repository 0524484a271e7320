package neo4j_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

func TestDeadlineBecomesTransactionTimeout(t *testing.T) {
	s := neo4jtest.Shared(t)
	const slow = "UNWIND range(1, 400000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x) AS n" // seconds of work
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	start := time.Now()
	err := s.ReadRaw(ctx, slow)
	took := time.Since(start)
	if code := graph.ErrorCode(err); code != graph.ETimeout {
		t.Fatalf("error %v (code %q), want %s", err, code, graph.ETimeout)
	}
	// Neo4j itself stopped the query, at the transaction timeout the deadline gave it.
	var ne *driver.Neo4jError
	if !errors.As(err, &ne) || !strings.Contains(ne.Code, "TransactionTimedOut") {
		t.Errorf("the error does not come from Neo4j's transaction timeout: %v", err)
	}
	if took > 4*time.Second {
		t.Errorf("the timeout answered after %s", took)
	}
	if n, err := s.RunningQueries(context.Background(), "range(1, 400000000)"); err != nil || n != 0 {
		t.Errorf("%d transactions still run the query (err %v)", n, err)
	}
}

func TestVersion(t *testing.T) {
	cfg := neo4jtest.Config(t)
	cfg.VersionMaxAge = time.Hour // only writes through the store may move it
	s, err := neo4j.Open(cfg, neo4jtest.Logger())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(context.Background())
	other := neo4jtest.Store(t) // another process, as far as the version cache knows
	ctx := context.Background()
	key := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: fmt.Sprintf("version-%08x", rand.Uint32())}
	write := func(w graph.Writer, name string) {
		t.Helper()
		if _, err := w.UpsertNodes(ctx, []graph.NodeInput{{Key: key, Props: map[string]any{"name": name}, Prov: graph.Provenance{Source: "test"}}}); err != nil {
			t.Fatal(err)
		}
	}
	v0, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a write through the store is seen at once", func(t *testing.T) {
		write(s, "one")
		v1, err := s.Version(ctx)
		if err != nil || v1 <= v0 {
			t.Fatalf("version %d after a write, was %d (err %v)", v1, v0, err)
		}
	})
	t.Run("a write elsewhere waits for the cache to age", func(t *testing.T) {
		v1, _ := s.Version(ctx)
		write(other, "two")
		if v2, _ := s.Version(ctx); v2 != v1 {
			t.Errorf("version moved from %d to %d within its max age", v1, v2)
		}
		if v2, _ := other.Version(ctx); v2 <= v1 {
			t.Errorf("the writing store reads %d, want more than %d", v2, v1)
		}
	})
	t.Run("an unchanged write does not advance it", func(t *testing.T) {
		v1, _ := other.Version(ctx)
		write(other, "two")
		if v2, _ := other.Version(ctx); v2 != v1 {
			t.Errorf("version %d after a write that changed nothing, was %d", v2, v1)
		}
	})
	t.Run("readers racing with writes never see an old version after a write returns", func(t *testing.T) {
		stop := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			for {
				select {
				case <-stop:
					return
				default:
					s.Version(ctx)
				}
			}
		}()
		for i := 0; i < 20; i++ {
			before, _ := s.Version(ctx)
			write(s, fmt.Sprintf("race %d", i))
			after, err := s.Version(ctx)
			if err != nil || after <= before {
				t.Fatalf("write %d: version %d after, %d before (err %v)", i, after, before, err)
			}
		}
		close(stop)
		<-done
	})
}
