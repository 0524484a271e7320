package neo4j

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
)

// changeCursor is the keyset position of a change: its sequence, then its place in its transaction.
type changeCursor struct {
	Seq int64 `json:"s"`
	N   int64 `json:"n"`
}

// historyList describes a history for its cursors.
func historyList(q graph.HistoryQuery) string { return fmt.Sprintf("history %q %t", q.ID, q.Links) }

// History implements graph.Curator in one read transaction of two queries: first every id the
// subject has had (an entity's own id and those of the duplicates merged into it; a link's id and
// the ids it had before merges moved it), then one page of the changes about any of them.
func (s *Store) History(ctx context.Context, a graph.Actor, q graph.HistoryQuery) (graph.ChangePage, error) {
	if err := requireCurator(a); err != nil {
		return graph.ChangePage{}, err
	}
	params := map[string]any{"first": q.First + 1, "after": nil, "s": int64(0), "n": int64(0), "links": q.Links}
	if q.After != "" {
		var c changeCursor
		if err := s.cursors.decode(historyList(q), q.After, &c); err != nil {
			return graph.ChangePage{}, err
		}
		params["after"], params["s"], params["n"] = true, c.Seq, c.N
	}
	var page graph.ChangePage
	ctx, end := s.observed(ctx, "read", "")
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (bool, error) {
		page = graph.ChangePage{}
		ids, err := historyIDs(ctx, tx, q.ID)
		if err != nil {
			return false, err
		}
		params["ids"] = ids
		rec, err := one(ctx, tx, `CALL () {
  UNWIND $ids AS sid
  MATCH (:Subject {id: sid})<-[a:ABOUT]-(c:Change) WHERE $links OR NOT a.role IN ['source', 'target']
  RETURN count(DISTINCT c) AS total
}
CALL () {
  UNWIND $ids AS sid
  MATCH (:Subject {id: sid})<-[a:ABOUT]-(c:Change) WHERE $links OR NOT a.role IN ['source', 'target']
  WITH DISTINCT c
  WHERE $after IS NULL OR c.seq < $s OR (c.seq = $s AND c.n < $n)
  WITH c ORDER BY c.seq DESC, c.n DESC LIMIT $first
  RETURN collect(c) AS cs
}
RETURN total, cs`, params)
		if err != nil {
			return false, err
		}
		if page.TotalCount, err = intColumn(rec, "total"); err != nil {
			return false, err
		}
		cs, err := column[[]any](rec, "cs")
		if err != nil {
			return false, err
		}
		nodes, err := items[dbtype.Node](cs, "cs")
		if err != nil {
			return false, err
		}
		for _, n := range nodes {
			c, pos, err := decodeChange(n)
			if err != nil {
				return false, err
			}
			page.Changes = append(page.Changes, c)
			page.Cursors = append(page.Cursors, s.cursors.encode(historyList(q), changeCursor{Seq: c.Seq, N: pos}))
		}
		return true, nil
	})
	if err := end(s.wrap(ctx, err)); err != nil {
		return graph.ChangePage{}, err
	}
	if len(page.Changes) > q.First {
		page.Changes, page.Cursors, page.HasNext = page.Changes[:q.First], page.Cursors[:q.First], true
	}
	return page, nil
}

// historyIDs returns every id under which changes to the subject were recorded.
func historyIDs(ctx context.Context, tx neo4j.ManagedTransaction, id string) ([]string, error) {
	if graph.RelType(id).Valid() { // a relation type: its review policy
		return []string{id}, nil
	}
	if curate.IsID(id) {
		rec, err := one(ctx, tx, `CALL () { `+entityOrRedirect("e", "", "id", "$id")+` }
OPTIONAL MATCH `+followRedirects("r:Redirect", "e")+`
RETURN e.id AS id, collect(DISTINCT r.id) AS former`, map[string]any{"id": id})
		if err != nil {
			return nil, err
		}
		if rec == nil { // unknown now; its history may still be recorded
			return []string{id}, nil
		}
		now, err := column[string](rec, "id")
		if err != nil {
			return nil, err
		}
		former, err := column[[]any](rec, "former")
		if err != nil {
			return nil, err
		}
		ids, err := items[string](former, "former")
		if err != nil {
			return nil, err
		}
		return append([]string{now, id}, ids...), nil
	}
	if _, _, _, err := graph.ParseLinkID(id); err != nil {
		return nil, graph.Errorf(graph.EInvalid, "%q is neither an entity id nor a link id", id)
	}
	ids := []string{id}
	e, err := findLink(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if e != nil {
		ids = append(ids, e.ID)
		rt, err := relType(e.Type)
		if err != nil {
			return nil, err
		}
		rec, err := one(ctx, tx, fmt.Sprintf("MATCH (:Entity {id: $a})-[r:%s {id: $id}]-(:Entity {id: $b}) RETURN r.mergedFrom AS from", rt),
			map[string]any{"a": e.Source, "b": e.Target, "id": e.ID})
		if err != nil {
			return nil, err
		}
		if rec == nil {
			return ids, nil
		}
		from, _, err := optColumn[[]any](rec, "from")
		if err != nil {
			return nil, err
		}
		former, err := items[string](from, "from")
		if err != nil {
			return nil, err
		}
		ids = append(ids, former...)
	}
	return ids, nil
}

// decodeChange decodes a Change node, and its place in its transaction.
func decodeChange(n dbtype.Node) (*graph.Change, int64, error) {
	f := fields{m: n.Props}
	c := &graph.Change{ID: f.mustText("id"), Seq: f.int("seq"), At: f.time("at"), Actor: f.text("actor"),
		Role: graph.Role(f.text("role")), Action: graph.Action(f.text("action")), Subject: f.text("subject"),
		SubjectKind: graph.SubjectKind(f.text("subjectKind")), Before: f.json("before"),
		After: f.json("after"), Note: f.text("note"), Proposal: f.text("proposal"), Reviewer: f.text("reviewer")}
	pos := f.int("n")
	if f.err != nil {
		return nil, 0, f.err
	}
	return c, pos, nil
}
