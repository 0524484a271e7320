package neo4j

import "context"

// Counts returns the numbers of nodes and relationships in the database, read from Neo4j's count
// store (constant time), for benchmarks and checks of whole imports.
func (s *Store) Counts(ctx context.Context) (nodes, rels int64, err error) {
	recs, err := s.read(ctx, "CALL () { MATCH (n) RETURN count(n) AS n } CALL () { MATCH ()-[r]->() RETURN count(r) AS r } RETURN n, r", nil)
	if err != nil {
		return 0, 0, err
	}
	if len(recs) != 1 {
		return 0, 0, nil
	}
	if nodes, err = column[int64](recs[0], "n"); err != nil {
		return 0, 0, err
	}
	if rels, err = column[int64](recs[0], "r"); err != nil {
		return 0, 0, err
	}
	return nodes, rels, nil
}
