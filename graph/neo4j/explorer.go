package neo4j

import (
	"context"
	"fmt"
	"sort"

	"github.com/relgraph/relgraph/graph"
)

// NeighbourGroups implements graph.ExplorerReader in one query: the count of every group, then the
// first page of each, ordered as NeighbourPage orders them so that its cursors continue the group.
func (s *Store) NeighbourGroups(ctx context.Context, id string, first int) ([]graph.NeighbourGroup, error) {
	if first < 0 || first > 100 {
		return nil, graph.Errorf(graph.EInvalid, "first must be between 0 and 100, not %d", first)
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
		t, _ := rec.Get("t")
		if t == nil {
			continue // no relationships at all
		}
		o, _ := rec.Get("out")
		total, _ := rec.Get("total")
		items, _ := rec.Get("items")
		g := graph.NeighbourGroup{Type: graph.RelType(t.(string)), Dir: graph.In, Total: int(total.(int64))}
		if o.(bool) {
			g.Dir = graph.Out
		}
		for _, it := range items.([]any) {
			m := it.(map[string]any)
			n := toNode(m["m"])
			g.Linked = append(g.Linked, graph.Linked{Node: n, Edge: toEdge(m["r"], m["s"].(string), m["d"].(string))})
			g.Cursors = append(g.Cursors, encodeCursor(neighbourCursor{Label: n.Label, ID: n.ID}))
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

// RelatedWorks implements graph.ExplorerReader in one query. Works sharing an entity with the work
// (its authors, journal, organisations, countries, topics, projects, funders) and works citing or
// cited by it are gathered with every reason, scored with graph.RelatedWeights, and paged best first.
func (s *Store) RelatedWorks(ctx context.Context, q graph.RelatedWorksQuery) (graph.RelatedWorksPage, error) {
	if q.First < 0 || q.First > 100 {
		return graph.RelatedWorksPage{}, graph.Errorf(graph.EInvalid, "first must be between 0 and 100, not %d", q.First)
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
		if err := decodeCursor(q.After, &c); err != nil {
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
	kind, _ := recs[0].Get("kind")
	if kind != string(graph.Work) {
		return graph.RelatedWorksPage{}, graph.Errorf(graph.EInvalid, "related works are found for works, and %q is a %v", q.ID, kind)
	}
	total, _ := recs[0].Get("total")
	rows, _ := recs[0].Get("page")
	p := graph.RelatedWorksPage{TotalCount: int(total.(int64)), HasPrevious: q.After != ""}
	for _, row := range rows.([]any) {
		m := row.(map[string]any)
		rw := graph.RelatedWork{Work: toNode(m["o"]), Score: int(m["score"].(int64))}
		for _, r := range m["reasons"].([]any) {
			rm := r.(map[string]any)
			reason := graph.RelatedReason{Type: graph.RelType(rm["t"].(string)), Dir: graph.In, Via: toNode(rm["via"])}
			if rm["out"].(bool) {
				reason.Dir = graph.Out
			}
			rw.Reasons = append(rw.Reasons, reason)
		}
		sortReasons(rw.Reasons)
		p.Items = append(p.Items, rw)
		p.Cursors = append(p.Cursors, encodeCursor(relatedCursor{Score: int64(rw.Score), Year: m["y"].(int64), ID: rw.Work.ID}))
	}
	if len(p.Items) > q.First {
		p.Items, p.Cursors, p.HasNext = p.Items[:q.First], p.Cursors[:q.First], true
	}
	return p, nil
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
	n, _ := recs[0].Get("n")
	count := int(n.(int64))
	if count > max {
		return graph.Reach{Count: max, Capped: true}, nil
	}
	return graph.Reach{Count: count}, nil
}
