package neo4j

import "context"

// CountMissingProvenance counts relationships without source or time, for tests.
func (s *Store) CountMissingProvenance(ctx context.Context) (int64, error) {
	recs, err := s.read(ctx, "MATCH ()-[r]->() WHERE r.source IS NULL OR r.addedAt IS NULL OR r.id IS NULL RETURN count(r) AS n", nil)
	if err != nil {
		return 0, err
	}
	n, _ := recs[0].Get("n")
	return n.(int64), nil
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
	n, _ := recs[0].Get("n")
	return int(n.(int64)), nil
}
