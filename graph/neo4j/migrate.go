package neo4j

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
)

// fulltextIndex is the name of the full-text index over titles, names and aliases of every kind.
const fulltextIndex = "entity_text"

// migrations returns the schema statements: uniqueness constraints on ids and identifiers, range
// indexes for ordering and relationship ids, and the full-text index. Each is idempotent.
func migrations() []string {
	st := []string{
		"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
		"CREATE INDEX work_year IF NOT EXISTS FOR (n:Work) ON (n.year)",
		"CREATE INDEX journal_issns IF NOT EXISTS FOR (n:Journal) ON (n.issns)",
		"CREATE CONSTRAINT meta_name IF NOT EXISTS FOR (n:Meta) REQUIRE n.name IS UNIQUE",
	}
	for _, k := range graph.Kinds {
		for _, s := range graph.UniqueSchemes[k] {
			st = append(st, fmt.Sprintf("CREATE CONSTRAINT %s_%s IF NOT EXISTS FOR (n:%s) REQUIRE n.%s IS UNIQUE",
				strings.ToLower(string(k)), s, k.Label(), s))
		}
	}
	for _, t := range relTypes() {
		st = append(st, fmt.Sprintf("CREATE INDEX rel_%s_id IF NOT EXISTS FOR ()-[r:%s]-() ON (r.id)", strings.ToLower(string(t)), t))
	}
	st = append(st, curationMigrations()...)
	labels := make([]string, len(graph.Kinds))
	for i, k := range graph.Kinds {
		labels[i] = k.Label()
	}
	st = append(st, fmt.Sprintf("CREATE FULLTEXT INDEX %s IF NOT EXISTS FOR (n:%s) ON EACH [n.label, n.searchText]",
		fulltextIndex, strings.Join(labels, "|")))
	return st
}

// curationMigrations are the constraints and indexes of what lives beside the graph: API tokens,
// sessions, change records and their subjects, proposals, review policies, and the redirects that
// merged entities leave (indexed by every identifier, so that old identifiers still resolve).
func curationMigrations() []string {
	st := []string{
		"CREATE CONSTRAINT apitoken_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT apitoken_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE",
		"CREATE CONSTRAINT session_id IF NOT EXISTS FOR (n:Session) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT session_hash IF NOT EXISTS FOR (n:Session) REQUIRE n.hash IS UNIQUE",
		"CREATE INDEX session_expires IF NOT EXISTS FOR (n:Session) ON (n.expiresAt)",
		"CREATE CONSTRAINT change_id IF NOT EXISTS FOR (n:Change) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT subject_id IF NOT EXISTS FOR (n:Subject) REQUIRE n.id IS UNIQUE",
		"CREATE CONSTRAINT proposal_id IF NOT EXISTS FOR (n:Proposal) REQUIRE n.id IS UNIQUE",
		"CREATE INDEX proposal_status IF NOT EXISTS FOR (n:Proposal) ON (n.status, n.seq)",
		"CREATE INDEX proposal_link IF NOT EXISTS FOR (n:Proposal) ON (n.linkId)",
		"CREATE CONSTRAINT reviewpolicy_type IF NOT EXISTS FOR (n:ReviewPolicy) REQUIRE n.type IS UNIQUE",
		"CREATE CONSTRAINT redirect_id IF NOT EXISTS FOR (n:Redirect) REQUIRE n.id IS UNIQUE",
	}
	seen := map[string]bool{}
	for _, k := range graph.Kinds {
		for _, sc := range graph.UniqueSchemes[k] {
			if !seen[sc] {
				seen[sc] = true
				st = append(st, fmt.Sprintf("CREATE INDEX redirect_%s IF NOT EXISTS FOR (n:Redirect) ON (n.%s)", sc, sc))
			}
		}
	}
	return append(st, "CREATE INDEX redirect_issns IF NOT EXISTS FOR (n:Redirect) ON (n.issns)")
}

// Migrate creates the constraints and indexes the store relies on, and waits until they are online.
// Running it again changes nothing.
func (s *Store) Migrate(ctx context.Context) error {
	for _, stmt := range migrations() {
		err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
			_, err := tx.Run(ctx, stmt, nil)
			return err
		})
		if err != nil && !alreadyExists(err) {
			return fmt.Errorf("migrate %q: %w", stmt, err)
		}
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer sess.Close(ctx)
	_, err := sess.Run(ctx, "CALL db.awaitIndexes(300)", nil)
	return s.wrap(ctx, err)
}

// alreadyExists recognises the error of a schema statement that lost a race with the same
// statement run by another process at the same time: "IF NOT EXISTS" does not cover a rule created
// while the statement ran, and Neo4j then reports the rule as already there, which is the outcome
// wanted.
func alreadyExists(err error) bool {
	var ne *neo4j.Neo4jError
	if !errors.As(err, &ne) {
		return false
	}
	switch ne.Code {
	case "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
		"Neo.ClientError.Schema.ConstraintAlreadyExists",
		"Neo.ClientError.Schema.IndexAlreadyExists":
		return true
	}
	return false
}
