package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// Paths implements graph.PathReader in one query, with Cypher's allShortestPaths over live
// relationships: a bidirectional breadth-first search, which stops at the shortest length. Cypher's
// SHORTEST k, which also returns longer paths when fewer than k are shortest, searches through hubs
// (a country with thirty thousand works) for seconds where this takes milliseconds.
func (s *Store) Paths(ctx context.Context, q graph.PathQuery) ([]graph.Path, error) {
	if q.MaxLength < 1 || q.MaxLength > 6 {
		return nil, graph.Errorf(graph.EInvalid, "maxLength must be between 1 and 6, not %d", q.MaxLength)
	}
	if q.First < 1 || q.First > 10 {
		return nil, graph.Errorf(graph.EInvalid, "first must be between 1 and 10, not %d", q.First)
	}
	if q.From == q.To {
		return nil, graph.Errorf(graph.EInvalid, "a path needs two different entities")
	}
	proj, err := projection("x", q.Props)
	if err != nil {
		return nil, err
	}
	// The length bound cannot be a parameter; MaxLength is a checked integer.
	recs, err := s.read(ctx, fmt.Sprintf(`OPTIONAL MATCH (a:Entity {id: $from})
OPTIONAL MATCH (b:Entity {id: $to})
WITH a, b
CALL (a, b) {
  WITH a, b WHERE a IS NOT NULL AND b IS NOT NULL
  MATCH p = allShortestPaths((a)-[*..%d]-(b))
  WHERE all(r IN relationships(p) WHERE coalesce(r.retracted, false) = false)
  WITH p LIMIT $first
  RETURN collect({n: [x IN nodes(p) | %s],
    r: [r IN relationships(p) | {t: type(r), p: properties(r), s: startNode(r).id, d: endNode(r).id}]}) AS paths
}
RETURN a IS NOT NULL AS hasA, b IS NOT NULL AS hasB, paths`, q.MaxLength, proj),
		map[string]any{"from": q.From, "to": q.To, "first": q.First})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, graph.Errorf(graph.ENotFound, "no entity with id %q", q.From)
	}
	for _, end := range []struct{ col, id string }{{"hasA", q.From}, {"hasB", q.To}} {
		found, err := column[bool](recs[0], end.col)
		if err != nil {
			return nil, err
		}
		if !found {
			return nil, graph.Errorf(graph.ENotFound, "no entity with id %q", end.id)
		}
	}
	list, err := column[[]any](recs[0], "paths")
	if err != nil {
		return nil, err
	}
	rows, err := items[map[string]any](list, "paths")
	if err != nil {
		return nil, err
	}
	out := []graph.Path{}
	for _, m := range rows {
		path, err := decodePath(m)
		if err != nil {
			return nil, err
		}
		out = append(out, path)
	}
	// Stable answers: paths in order of their entities' ids.
	sort.SliceStable(out, func(i, j int) bool { return pathKey(out[i]) < pathKey(out[j]) })
	return out, nil
}

// decodePath decodes a path projected as {n: [projected nodes], r: [projected relationships]}.
func decodePath(m map[string]any) (graph.Path, error) {
	var path graph.Path
	nodes, err := entry[[]any](m, "n")
	if err != nil {
		return path, err
	}
	for _, v := range nodes {
		n, err := decodeMapNode(v)
		if err != nil {
			return path, err
		}
		path.Nodes = append(path.Nodes, n)
	}
	rels, err := entry[[]any](m, "r")
	if err != nil {
		return path, err
	}
	for _, v := range rels {
		e, err := decodeMapEdge(v)
		if err != nil {
			return path, err
		}
		path.Edges = append(path.Edges, e)
	}
	return path, nil
}

func pathKey(p graph.Path) string {
	var b strings.Builder
	for _, n := range p.Nodes {
		b.WriteString(n.ID)
		b.WriteByte(' ')
	}
	return b.String()
}

// neighbourCursor is the keyset position of a neighbour: its label, then id.
type neighbourCursor struct {
	Label string `json:"l"`
	ID    string `json:"i"`
}

// neighbourList describes the neighbours of an entity for their cursors: the entity, and the
// relationship type and direction kept ("" for all). A group of NeighbourGroups is the list of its
// type and direction.
func neighbourList(id string, t graph.RelType, dir *graph.Direction) string {
	d := "both"
	if dir != nil {
		d = fmt.Sprint(int(*dir))
	}
	return fmt.Sprintf("neighbours %q %s %s", id, t, d)
}

// NeighbourPage implements graph.PathReader in one query. The total is counted on every page, the
// last one too.
func (s *Store) NeighbourPage(ctx context.Context, q graph.NeighbourPageQuery) (graph.NeighbourPage, error) {
	rel := "r"
	if q.Type != "" {
		t, err := relType(q.Type)
		if err != nil {
			return graph.NeighbourPage{}, err
		}
		rel = "r:" + t
	}
	pattern := "(e)-[" + rel + "]-(m:Entity)"
	if q.Dir != nil && *q.Dir == graph.Out {
		pattern = "(e)-[" + rel + "]->(m:Entity)"
	} else if q.Dir != nil && *q.Dir == graph.In {
		pattern = "(e)<-[" + rel + "]-(m:Entity)"
	}
	list := neighbourList(q.ID, q.Type, q.Dir)
	params := map[string]any{"id": q.ID, "first": q.First + 1, "after": nil, "l": "", "aid": ""}
	if q.After != "" {
		var c neighbourCursor
		if err := s.cursors.decode(list, q.After, &c); err != nil {
			return graph.NeighbourPage{}, err
		}
		params["after"], params["l"], params["aid"] = true, c.Label, c.ID
	}
	// The page is collected, so that the total comes back on a row of its own even when the page
	// is empty.
	recs, err := s.read(ctx, `MATCH (e:Entity {id: $id})
CALL (e) { MATCH `+pattern+` WHERE `+live+` RETURN count(*) AS total }
CALL (e) {
  MATCH `+pattern+` WHERE `+live+`
    AND ($after IS NULL OR m.label > $l OR (m.label = $l AND m.id > $aid))
  WITH r, m ORDER BY m.label, m.id LIMIT $first
  RETURN collect({r: r, m: m, s: startNode(r).id, d: endNode(r).id}) AS items
}
RETURN total, items`, params)
	if err != nil {
		return graph.NeighbourPage{}, err
	}
	if len(recs) == 0 {
		return graph.NeighbourPage{}, graph.Errorf(graph.ENotFound, "no entity with id %q", q.ID)
	}
	p := graph.NeighbourPage{HasPrevious: q.After != ""}
	if p.TotalCount, err = intColumn(recs[0], "total"); err != nil {
		return graph.NeighbourPage{}, err
	}
	found, err := column[[]any](recs[0], "items")
	if err != nil {
		return graph.NeighbourPage{}, err
	}
	rows, err := items[map[string]any](found, "items")
	if err != nil {
		return graph.NeighbourPage{}, err
	}
	for _, m := range rows {
		n, err := nodeEntry(m, "m")
		if err != nil {
			return graph.NeighbourPage{}, err
		}
		e, err := edgeEntries(m, "r", "s", "d")
		if err != nil {
			return graph.NeighbourPage{}, err
		}
		p.Linked = append(p.Linked, graph.Linked{Node: n, Edge: e})
		p.Cursors = append(p.Cursors, s.cursors.encode(list, neighbourCursor{Label: n.Label, ID: n.ID}))
	}
	if len(p.Linked) > q.First {
		p.Linked, p.Cursors, p.HasNext = p.Linked[:q.First], p.Cursors[:q.First], true
	}
	return p, nil
}

// RelationCounts implements graph.PathReader in one query.
func (s *Store) RelationCounts(ctx context.Context, id string) ([]graph.RelationCount, error) {
	recs, err := s.read(ctx, `MATCH (e:Entity {id: $id})
OPTIONAL MATCH (e)-[r]-(:Entity) WHERE `+live+`
RETURN type(r) AS t, startNode(r) = e AS out, count(r) AS n ORDER BY t, out DESC`, map[string]any{"id": id})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, graph.Errorf(graph.ENotFound, "no entity with id %q", id)
	}
	out := []graph.RelationCount{}
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
		n, err := intColumn(rec, "n")
		if err != nil {
			return nil, err
		}
		d := graph.In
		if o {
			d = graph.Out
		}
		out = append(out, graph.RelationCount{Type: graph.RelType(t), Dir: d, Count: n})
	}
	return out, nil
}
