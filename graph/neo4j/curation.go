package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
)

// Curation writes run one at a time: each transaction first takes the lock of the Meta node
// "curation", whose counter numbers the changes. Checks made after that (does the link exist, is
// the entity still at this version, is the proposal still pending) therefore hold until commit.
// Entities are also locked before being read, so that importers writing at the same time are
// caught by the version check too. Every change writes a Change node, linked by ABOUT
// relationships to a Subject node per id it concerns (the entity or link, the ends of a link,
// both sides of a merge), and advances the graph version.

var _ graph.Curator = (*Store)(nil)

// curationSource is the provenance source of everything curators add.
const curationSource = "curator"

// ctx is the state of one curation transaction.
type ctxState struct {
	tx      neo4j.ManagedTransaction
	seq     int64
	at      time.Time
	changes []*graph.Change
	about   [][]about
}

// about is one id a change concerns, and in what role.
type about struct {
	ID   string `json:"id"`
	Role string `json:"role"` // entity, kept, duplicate, link, source, target, policy
}

// curate runs fn in a write transaction after taking the curation lock, then records fn's changes
// and advances the graph version when there are any. fn may run more than once (retries), so it
// starts from a fresh state each time.
func (s *Store) curate(ctx context.Context, fn func(st *ctxState) error) ([]*graph.Change, error) {
	var out []*graph.Change
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		st := &ctxState{tx: tx, at: time.Now().UTC().Truncate(time.Millisecond)}
		rec, err := one(ctx, tx, "MERGE (m:Meta {name: 'curation'}) SET m.seq = coalesce(m.seq, 0) + 1 RETURN m.seq AS seq", nil)
		if err != nil {
			return err
		}
		if st.seq, err = column[int64](rec, "seq"); err != nil {
			return err
		}
		if err := fn(st); err != nil {
			return err
		}
		out = st.changes
		if len(st.changes) == 0 {
			return nil
		}
		return s.recordChanges(ctx, st)
	})
	return out, err
}

// change adds a change to the transaction and returns it; its id, sequence and time are set here.
func (st *ctxState) change(c graph.Change, ab ...about) *graph.Change {
	c.ID = graph.NewRandomID("chg-")
	c.Seq = st.seq
	c.At = st.at
	st.changes = append(st.changes, &c)
	st.about = append(st.about, ab)
	return &c
}

// recordChanges writes the transaction's changes and advances the graph version, in one statement.
func (s *Store) recordChanges(ctx context.Context, st *ctxState) error {
	rows := make([]map[string]any, len(st.changes))
	for i, c := range st.changes {
		ab := make([]map[string]any, 0, len(st.about[i]))
		seen := map[about]bool{}
		for _, a := range st.about[i] {
			if a.ID != "" && !seen[a] {
				seen[a] = true
				ab = append(ab, map[string]any{"id": a.ID, "role": a.Role})
			}
		}
		rows[i] = map[string]any{"id": c.ID, "n": int64(i), "actor": c.Actor, "role": string(c.Role),
			"action": string(c.Action), "subject": c.Subject, "kind": string(c.SubjectKind),
			"before": jsonText(c.Before), "after": jsonText(c.After), "note": c.Note, "proposal": c.Proposal,
			"reviewer": c.Reviewer, "about": ab}
	}
	_, err := st.tx.Run(ctx, `UNWIND $rows AS row
CREATE (c:Change {id: row.id, seq: $seq, n: row.n, at: $at, actor: row.actor, role: row.role, action: row.action,
  subject: row.subject, subjectKind: row.kind, before: row.before, after: row.after, note: row.note,
  proposal: row.proposal, reviewer: row.reviewer})
WITH c, row
UNWIND row.about AS a
MERGE (s:Subject {id: a.id})
CREATE (c)-[:ABOUT {role: a.role}]->(s)
WITH count(*) AS written
MERGE (m:Meta {name: 'graph'}) SET m.version = coalesce(m.version, 0) + 1`,
		map[string]any{"rows": rows, "seq": st.seq, "at": stamp(st.at)})
	return err
}

// jsonText renders a snapshot for storage; nil stays nil.
func jsonText(m map[string]any) any {
	if m == nil {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return fmt.Sprintf("%v", m)
	}
	return string(b)
}

// one runs a statement in tx and returns its first record, or nil when it has none.
func one(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) (*neo4j.Record, error) {
	recs, err := all(ctx, tx, cypher, params)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return recs[0], nil
}

// all runs a statement in tx and returns its records.
func all(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

// refQuery returns the body of a subquery that yields as n the entity named by ref, following the
// redirects of merged entities; the value is the parameter named param.
func refQuery(ref graph.Ref, param string) (string, error) {
	p := "$" + param
	if ref.Scheme == graph.SchemeID {
		return entityOrRedirect("n", "", "id", p), nil
	}
	if _, err := label(ref.Kind); err != nil {
		return "", err
	}
	if ref.Kind == graph.Journal && ref.Scheme == "issn" {
		return fmt.Sprintf(`%[2]s
UNION MATCH (n:Journal) WHERE %[1]s IN n.issns RETURN n
UNION MATCH (r:Redirect) WHERE %[1]s IN r.issns AND r.kind = 'JOURNAL' MATCH %[3]s RETURN n`,
			p, entityOrRedirect("n", graph.Journal, "issnl", p), followRedirects("r", "n")), nil
	}
	key, err := keyProp(ref.Kind, ref.Scheme)
	if err != nil {
		return "", err
	}
	return entityOrRedirect("n", ref.Kind, key, p), nil
}

// resolve finds the entity named by ref inside tx; NOT_FOUND when there is none.
func resolve(ctx context.Context, tx neo4j.ManagedTransaction, ref graph.Ref, what string) (*graph.Node, error) {
	q, err := refQuery(ref, "v")
	if err != nil {
		return nil, err
	}
	rec, err := one(ctx, tx, "CALL () { "+q+" } RETURN n LIMIT 1", map[string]any{"v": ref.Value})
	if err != nil {
		return nil, err
	}
	if rec == nil {
		return nil, graph.Errorf(graph.ENotFound, "no entity is %s %s", refWords(ref), what)
	}
	return nodeColumn(rec, "n")
}

func refWords(ref graph.Ref) string {
	if ref.Scheme == graph.SchemeID {
		return fmt.Sprintf("%q", ref.Value)
	}
	return fmt.Sprintf("%s %s", ref.Scheme, ref.Value)
}

// lock takes the write locks of entities before they are read, so that what is read stays true
// until commit.
func lock(ctx context.Context, tx neo4j.ManagedTransaction, ids ...string) error {
	_, err := tx.Run(ctx, "UNWIND $ids AS id MATCH (n:Entity {id: id}) SET n.lock_ = true REMOVE n.lock_", map[string]any{"ids": ids})
	return err
}

// internalProps are node properties that snapshots leave out: derived or transient.
var internalProps = map[string]bool{"searchText": true, "lock_": true, "created_": true}

// snapshot returns the properties of a node or relationship for a change record.
func snapshot(props map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range props {
		if !internalProps[k] {
			out[k] = jsonValue(v)
		}
	}
	return out
}

func jsonValue(v any) any {
	switch t := v.(type) {
	case time.Time:
		return t.UTC().Format(time.RFC3339)
	case dbtype.Date:
		return t.Time().Format("2006-01-02")
	}
	return v
}

// actorOf names the actor in records.
func actorOf(a graph.Actor) string { return a.Name }

// requireCurator checks the actor may curate.
func requireCurator(a graph.Actor) error { return a.Require(graph.RoleCurator) }

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// equalValues compares stored values, lists element by element.
func equalValues(a, b any) bool {
	ab, _ := json.Marshal(jsonValue(a))
	bb, _ := json.Marshal(jsonValue(b))
	return string(ab) == string(bb)
}

// kindWord is a kind in lower case for messages.
func kindWord(k graph.Kind) string { return strings.ToLower(string(k)) }
