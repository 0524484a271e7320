package localneo4j_test

import (
	"context"
	"testing"

	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server/localneo4j"
)

// TestStart starts (or finds running) the test instance through the script and connects with the
// settings it reports.
func TestStart(t *testing.T) {
	inst := localneo4j.New(neo4jtest.Root(t), "test")
	cfg, err := inst.Start()
	if err != nil {
		t.Fatal(err)
	}
	if cfg.URI == "" || cfg.Password == "" || cfg.Database != "neo4j" {
		t.Fatalf("Start returned %+v, want a URI, a password and the database neo4j", cfg)
	}
	st, err := neo4j.Open(cfg, neo4jtest.Logger())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	if err := st.Ping(context.Background()); err != nil {
		t.Fatalf("ping with the reported settings: %v", err)
	}
	if _, err := localneo4j.New(neo4jtest.Root(t), "test").Admin("no-such-command"); err == nil {
		t.Error("a failing neo4j-admin command returned no error")
	}
}
