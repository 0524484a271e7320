package demo_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/demo"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

func TestLoadingTwiceChangesNothing(t *testing.T) {
	s := neo4jtest.Store(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	ctx := context.Background()
	var st graph.WriteStats
	neo4jtest.LoadDemo(t, func() error {
		if _, err := demo.Load(ctx, s, neo4jtest.DataDir(t), log); err != nil {
			return err
		}
		var err error
		st, err = demo.Load(ctx, s, neo4jtest.DataDir(t), log)
		return err
	})
	if st.Created != 0 || st.Updated != 0 || st.Missing != 0 || st.Unchanged == 0 {
		t.Errorf("second load: %+v; want only unchanged", st)
	}
}
