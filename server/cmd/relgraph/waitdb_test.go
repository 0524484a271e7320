package main

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// TestRefusedCredentialsFailAtOnce checks that the commands stop waiting for a database that
// refuses their user name or password, and say so.
func TestRefusedCredentialsFailAtOnce(t *testing.T) {
	cfg := neo4jtest.Config(t)
	// A user of its own: Neo4j locks a user out after a few failed sign-ins, which must not be
	// the one the other tests use.
	cfg.User = "relgraph-no-such-user"
	store, err := neo4j.Open(cfg, neo4jtest.Logger())
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close(context.Background())
	start := time.Now()
	err = waitForDB(context.Background(), store, cfg.URI, neo4jtest.Logger(), time.Minute)
	if !errors.Is(err, neo4j.ErrCredentials) {
		t.Errorf("got %v, want an error wrapping neo4j.ErrCredentials", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("took %s to give up", d)
	}
	t.Log(err)
}
