package neo4j

import (
	"context"
	"fmt"
	"sort"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
)

// NeighbourGroups implements graph.ExplorerReader in one query: the count of every group, then the
// first page of each, ordered as NeighbourPage orders them so that its cursors continue the group.
func (s *Store) NeighbourGroups(ctx context.Context, id string, first int) ([]graph.NeighbourGroup, error) {
	if first < 0 || first > graph.MaxPageSize {
		return nil, graph.Errorf(graph.EInvalid, "first must be between 0 and %d, not %d", graph.MaxPageSize, first)
	}
	recs, err := s.read(ctx, `MATCH (e:Entity {id: $id})
OPTIONAL CALL (e) {
  MATCH (e)-[r]-(:Entity) WHERE `+live+`
  RETURN type(r) AS t, startNode(r) = e AS out, count(*) AS total
}
OPTIONAL CALL (e, t, out) {
  MATCH (e)-[r]-(m:Entity) WHERE type(r) = t AND (startNode(r) = e) = out AND `+live+`
  WITH r, m ORDER BY m.label, m.id LIMIT $first
  RETURN collect({r: r, m: m, s: startNode(r).id, d: endNode(r).id}) AS items
}
RETURN t, out, total, items`, map[string]any{"id": id, "first": first})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, graph.Errorf(graph.ENotFound, "no entity with id %q", id)
	}
	out := []graph.NeighbourGroup{}
	for _, rec := range recs {
		t, ok, err := optColumn[string](rec, "t")
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // no relationships at all
		}
		o, err := column[bool](rec, "out")
		if err != nil {
			return nil, err
		}
		g := graph.NeighbourGroup{Type: graph.RelType(t), Dir: graph.In}
		if g.Total, err = intColumn(rec, "total"); err != nil {
			return nil, err
		}
		if o {
			g.Dir = graph.Out
		}
		list, err := column[[]any](rec, "items")
		if err != nil {
			return nil, err
		}
		rows, err := items[map[string]any](list, "items")
		if err != nil {
			return nil, err
		}
		for _, m := range rows {
			n, err := nodeEntry(m, "m")
			if err != nil {
				return nil, err
			}
			e, err := edgeEntries(m, "r", "s", "d")
			if err != nil {
				return nil, err
			}
			g.Linked = append(g.Linked, graph.Linked{Node: n, Edge: e})
			g.Cursors = append(g.Cursors, s.cursors.encode(neighbourList(id, g.Type, &g.Dir), neighbourCursor{Label: n.Label, ID: n.ID}))
		}
		g.HasNext = len(g.Linked) < g.Total
		out = append(out, g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].Dir < out[j].Dir
	})
	return out, nil
}

// relatedCursor is the keyset position of a related work: score, year (newest first), then id.
type relatedCursor struct {
	Score int64  `json:"s"`
	Year  int64  `json:"y"`
	ID    string `json:"i"`
}

// relatedList describes the works related to a work for their cursors: the work, and the
// relationship types relating them, sorted.
func relatedList(id string, types []string) string {
	return fmt.Sprintf("related %q %q", id, types)
}

// RelatedWorks implements graph.ExplorerReader in one query. Works sharing an entity with the work
// (its authors, journal, organisations, countries, topics, projects, funders) and works citing or
// cited by it are gathered with every reason, scored with graph.RelatedWeights, and paged best first.
func (s *Store) RelatedWorks(ctx context.Context, q graph.RelatedWorksQuery) (graph.RelatedWorksPage, error) {
	if q.First < 0 || q.First > graph.MaxPageSize {
		return graph.RelatedWorksPage{}, graph.Errorf(graph.EInvalid, "first must be between 0 and %d, not %d", graph.MaxPageSize, q.First)
	}
	types := []string{}
	weights := map[string]any{}
	for t, w := range graph.RelatedWeights {
		weights[string(t)] = w
	}
	if q.Types == nil {
		for t := range graph.RelatedWeights {
			types = append(types, string(t))
		}
	}
	for _, t := range q.Types {
		if _, ok := graph.RelatedWeights[t]; !ok {
			return graph.RelatedWorksPage{}, graph.Errorf(graph.EInvalid, "works are not related through %q relationships", t)
		}
		types = append(types, string(t))
	}
	sort.Strings(types)
	params := map[string]any{"id": q.ID, "types": types, "weights": weights, "first": q.First + 1,
		"after": nil, "s": int64(0), "y": int64(0), "aid": ""}
	if q.After != "" {
		var c relatedCursor
		if err := s.cursors.decode(relatedList(q.ID, types), q.After, &c); err != nil {
			return graph.RelatedWorksPage{}, err
		}
		params["after"], params["s"], params["y"], params["aid"] = true, c.Score, c.Year, c.ID
	}
	recs, err := s.read(ctx, `MATCH (w:Entity {id: $id})
CALL (w) {
  WITH w WHERE w:Work
  CALL (w) {
    MATCH (w)-[r1]-(via:Entity)-[r2]-(o:Work)
    WHERE NOT via:Work AND o <> w AND type(r1) = type(r2) AND type(r1) IN $types
      AND coalesce(r1.retracted, false) = false AND coalesce(r2.retracted, false) = false
    RETURN o, type(r1) AS t, startNode(r1) = w AS out, via
    UNION
    MATCH (w)-[r:CITES]-(o:Work)
    WHERE o <> w AND 'CITES' IN $types AND `+live+`
    RETURN o, 'CITES' AS t, startNode(r) = w AS out, null AS via
  }
  WITH o, collect({t: t, out: out, via: via}) AS reasons
  WITH o, reasons, reduce(s = 0, x IN reasons | s + $weights[x.t]) AS score, coalesce(o.year, -1) AS y
  ORDER BY score DESC, y DESC, o.id
  RETURN collect({o: o, reasons: reasons, score: score, y: y}) AS rows
}
RETURN w.kind AS kind, size(rows) AS total,
  [x IN rows WHERE $after IS NULL OR x.score < $s OR (x.score = $s AND (x.y < $y OR (x.y = $y AND x.o.id > $aid)))][..$first] AS page`, params)
	if err != nil {
		return graph.RelatedWorksPage{}, err
	}
	if len(recs) == 0 {
		return graph.RelatedWorksPage{}, graph.Errorf(graph.ENotFound, "no entity with id %q", q.ID)
	}
	kind, err := column[string](recs[0], "kind")
	if err != nil {
		return graph.RelatedWorksPage{}, err
	}
	if kind != string(graph.Work) {
		return graph.RelatedWorksPage{}, graph.Errorf(graph.EInvalid, "related works are found for works, and %q is a %v", q.ID, kind)
	}
	p := graph.RelatedWorksPage{HasPrevious: q.After != ""}
	if p.TotalCount, err = intColumn(recs[0], "total"); err != nil {
		return graph.RelatedWorksPage{}, err
	}
	list, err := column[[]any](recs[0], "page")
	if err != nil {
		return graph.RelatedWorksPage{}, err
	}
	rows, err := items[map[string]any](list, "page")
	if err != nil {
		return graph.RelatedWorksPage{}, err
	}
	for _, m := range rows {
		rw, year, err := decodeRelatedWork(m)
		if err != nil {
			return graph.RelatedWorksPage{}, err
		}
		p.Items = append(p.Items, rw)
		p.Cursors = append(p.Cursors, s.cursors.encode(relatedList(q.ID, types), relatedCursor{Score: int64(rw.Score), Year: year, ID: rw.Work.ID}))
	}
	if len(p.Items) > q.First {
		p.Items, p.Cursors, p.HasNext = p.Items[:q.First], p.Cursors[:q.First], true
	}
	return p, nil
}

// decodeRelatedWork decodes a row of RelatedWorks' page, {o, reasons: [{t, out, via}], score, y},
// and returns its year for the cursor.
func decodeRelatedWork(m map[string]any) (graph.RelatedWork, int64, error) {
	var rw graph.RelatedWork
	var err error
	if rw.Work, err = nodeEntry(m, "o"); err != nil {
		return rw, 0, err
	}
	score, err := entry[int64](m, "score")
	if err != nil {
		return rw, 0, err
	}
	rw.Score = int(score)
	year, err := entry[int64](m, "y")
	if err != nil {
		return rw, 0, err
	}
	list, err := entry[[]any](m, "reasons")
	if err != nil {
		return rw, 0, err
	}
	reasons, err := items[map[string]any](list, "reasons")
	if err != nil {
		return rw, 0, err
	}
	for _, r := range reasons {
		t, err := entry[string](r, "t")
		if err != nil {
			return rw, 0, err
		}
		out, err := entry[bool](r, "out")
		if err != nil {
			return rw, 0, err
		}
		reason := graph.RelatedReason{Type: graph.RelType(t), Dir: graph.In}
		if out {
			reason.Dir = graph.Out
		}
		via, ok, err := optEntry[dbtype.Node](r, "via")
		if err != nil {
			return rw, 0, err
		}
		if ok {
			if reason.Via, err = entityNode(via.Props, true); err != nil {
				return rw, 0, err
			}
		}
		rw.Reasons = append(rw.Reasons, reason)
	}
	sortReasons(rw.Reasons)
	return rw, year, nil
}

// sortReasons puts the weightiest reasons first, then by type and the label of the entity through
// which they hold, so that answers are stable.
func sortReasons(rs []graph.RelatedReason) {
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if wa, wb := graph.RelatedWeights[a.Type], graph.RelatedWeights[b.Type]; wa != wb {
			return wa > wb
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		la, lb := "", ""
		if a.Via != nil {
			la = a.Via.Label
		}
		if b.Via != nil {
			lb = b.Via.Label
		}
		if la != lb {
			return la < lb
		}
		return a.Dir < b.Dir
	})
}

// Reach implements graph.ExplorerReader in one query: a breadth-first expansion over live
// relationships, hop by hop, that stops counting at max.
func (s *Store) Reach(ctx context.Context, id string, depth, max int) (graph.Reach, error) {
	if depth < 1 || depth > 3 {
		return graph.Reach{}, graph.Errorf(graph.EInvalid, "depth must be between 1 and 3, not %d", depth)
	}
	if max < 1 || max > 100000 {
		return graph.Reach{}, graph.Errorf(graph.EInvalid, "max must be between 1 and 100000, not %d", max)
	}
	// The quantifier cannot be a parameter; depth is a checked integer.
	recs, err := s.read(ctx, fmt.Sprintf(`MATCH (c:Entity {id: $id})
CALL (c) {
  MATCH (c)(()-[r WHERE `+live+`]-()){1,%d}(n:Entity)
  WHERE n <> c
  WITH DISTINCT n LIMIT $max + 1
  RETURN count(n) AS n
}
RETURN n`, depth), map[string]any{"id": id, "max": max})
	if err != nil {
		return graph.Reach{}, err
	}
	if len(recs) == 0 {
		return graph.Reach{}, graph.Errorf(graph.ENotFound, "no entity with id %q", id)
	}
	count, err := intColumn(recs[0], "n")
	if err != nil {
		return graph.Reach{}, err
	}
	if count > max {
		return graph.Reach{Count: max, Capped: true}, nil
	}
	return graph.Reach{Count: count}, nil
}
