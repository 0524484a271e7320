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
