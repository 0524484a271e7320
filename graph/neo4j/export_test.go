package neo4j

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// CountMissingProvenance counts relationships of the graph (not the bookkeeping of curation:
// change records, sessions, redirects) without source or time, for tests.
func (s *Store) CountMissingProvenance(ctx context.Context) (int64, error) {
	recs, err := s.read(ctx, `MATCH ()-[r]->() WHERE type(r) IN $types AND (r.source IS NULL OR r.addedAt IS NULL OR r.id IS NULL)
RETURN count(r) AS n`, map[string]any{"types": typeNames()})
	if err != nil {
		return 0, err
	}
	return column[int64](recs[0], "n")
}

// ReadRaw runs one read query, for tests.
func (s *Store) ReadRaw(ctx context.Context, cypher string) error {
	_, err := s.read(ctx, cypher, nil)
	return err
}

// RunningQueries counts the transactions running a query that contains text, for tests.
func (s *Store) RunningQueries(ctx context.Context, text string) (int, error) {
	recs, err := s.read(ctx, `SHOW TRANSACTIONS YIELD currentQuery
WHERE currentQuery CONTAINS $t AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN count(*) AS n`, map[string]any{"t": text})
	if err != nil {
		return 0, err
	}
	return intColumn(recs[0], "n")
}

// CountPropertyValue counts the nodes with label lbl that hold value in any property, for tests
// that check what is never stored.
func (s *Store) CountPropertyValue(ctx context.Context, lbl, value string) (int64, error) {
	recs, err := s.read(ctx, "MATCH (n) WHERE $lbl IN labels(n) AND any(k IN keys(n) WHERE n[k] = $v) RETURN count(n) AS n",
		map[string]any{"lbl": lbl, "v": value})
	if err != nil {
		return 0, err
	}
	return column[int64](recs[0], "n")
}

// RawWrite runs a write statement, for tests that must go around the store's rules.
func (s *Store) RawWrite(ctx context.Context, cypher string, params map[string]any) error {
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		_, err := tx.Run(ctx, cypher, params)
		return err
	})
}
