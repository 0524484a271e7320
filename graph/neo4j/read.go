package neo4j

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
)

// live is the Cypher condition that keeps relationship r visible to readers (not retracted).
const live = "coalesce(r.retracted, false) = false"

// bothLive is live for the two relationships r1 and r2 of a two-hop pattern.
const bothLive = "coalesce(r1.retracted, false) = false AND coalesce(r2.retracted, false) = false"

// Nodes implements graph.Reader.
func (s *Store) Nodes(ctx context.Context, ids []string) ([]*graph.Node, error) {
	out := make([]*graph.Node, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	// An id that a merge retired redirects to the entity it was merged into.
	recs, err := s.read(ctx, `UNWIND range(0, size($ids) - 1) AS i
CALL (i) {
  MATCH (n:Entity {id: $ids[i]}) RETURN n
  UNION MATCH (:Redirect {id: $ids[i]})-[:REDIRECTS_TO*1..`+fmt.Sprint(redirectHops)+`]->(n:Entity) RETURN n
}
RETURN i, n`, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		i, _ := r.Get("i")
		n, _ := r.Get("n")
		out[i.(int64)] = toNode(n)
	}
	return out, nil
}

// Lookup implements graph.Reader. A journal is found by any of its ISSNs.
func (s *Store) Lookup(ctx context.Context, ref graph.Ref) (*graph.Node, error) {
	lbl, err := label(ref.Kind)
	if err != nil {
		return nil, err
	}
	var cypher string
	if ref.Kind == graph.Journal && ref.Scheme == "issn" {
		cypher = `CALL () { MATCH (n:Journal {issnl: $v}) RETURN n UNION MATCH (n:Journal) WHERE $v IN n.issns RETURN n }
RETURN n LIMIT 1`
	} else {
		key, err := keyProp(ref.Kind, ref.Scheme)
		if err != nil {
			return nil, err
		}
		cypher = fmt.Sprintf("MATCH (n:%s {%s: $v}) RETURN n LIMIT 1", lbl, key)
	}
	recs, err := s.read(ctx, cypher, map[string]any{"v": ref.Value})
	if err == nil && len(recs) == 0 {
		// An identifier of an entity merged into another resolves to that one.
		var q string
		if q, err = refQuery(ref, "v"); err == nil {
			recs, err = s.read(ctx, "CALL () { "+q+" } RETURN n LIMIT 1", map[string]any{"v": ref.Value})
		}
	}
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	n, _ := recs[0].Get("n")
	return toNode(n), nil
}

// Neighbours implements graph.Reader: one query for every id. Neighbours come in author order, then
// by score, then by label.
func (s *Store) Neighbours(ctx context.Context, q graph.NeighbourQuery) ([][]graph.Linked, error) {
	t, err := relType(q.Type)
	if err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 1000
	}
	pattern := fmt.Sprintf("(e)-[r:%s]->(m:Entity)", t)
	if q.Dir == graph.In {
		pattern = fmt.Sprintf("(e)<-[r:%s]-(m:Entity)", t)
	}
	if q.Type == graph.Borders {
		pattern = "(e)-[r:BORDERS]-(m:Entity)"
	}
	recs, err := s.read(ctx, `UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
CALL (e) {
  MATCH `+pattern+` WHERE `+live+`
  RETURN r, m ORDER BY coalesce(r.position, 0), coalesce(r.score, 0.0) DESC, m.label LIMIT $limit
}
RETURN i, r, m, startNode(r).id AS src, endNode(r).id AS dst`, map[string]any{"ids": q.IDs, "limit": limit})
	if err != nil {
		return nil, err
	}
	out := make([][]graph.Linked, len(q.IDs))
	for _, rec := range recs {
		i, _ := rec.Get("i")
		m, _ := rec.Get("m")
		r, _ := rec.Get("r")
		src, _ := rec.Get("src")
		dst, _ := rec.Get("dst")
		out[i.(int64)] = append(out[i.(int64)], graph.Linked{Node: toNode(m), Edge: toEdge(r, src.(string), dst.(string))})
	}
	return out, nil
}

// workPatterns are the MATCH patterns from an entity e to the works w of each list.
func workPattern(list graph.WorkList, kind graph.Kind) (string, error) {
	switch list {
	case graph.SameAuthorWorks:
		return "(e)<-[r1:AUTHORED]-(:Person)-[r2:AUTHORED]->(w:Work) WHERE w <> e AND " + bothLive, nil
	case graph.SameJournalWorks:
		return "(e)-[r1:PUBLISHED_IN]->(:Journal)<-[r2:PUBLISHED_IN]-(w:Work) WHERE w <> e AND " + bothLive, nil
	case graph.ReferencesOf:
		return "(e)-[r:CITES]->(w:Work) WHERE " + live, nil
	case graph.CitedBy:
		return "(e)<-[r:CITES]-(w:Work) WHERE " + live, nil
	case graph.WorksOf:
		switch kind {
		case graph.Person:
			return "(e)-[r:AUTHORED]->(w:Work) WHERE " + live, nil
		case graph.Journal:
			return "(e)<-[r:PUBLISHED_IN]-(w:Work) WHERE " + live, nil
		case graph.Organisation:
			return "(e)<-[r:STUDIES]-(w:Work) WHERE " + live, nil
		case graph.Country:
			return "(e)<-[r:CASE_COUNTRY]-(w:Work) WHERE " + live, nil
		case graph.Topic:
			return "(e)<-[r:HAS_TOPIC]-(w:Work) WHERE " + live, nil
		case graph.Project:
			return "(e)<-[r:RESULT_OF]-(w:Work) WHERE " + live, nil
		}
	}
	return "", graph.Errorf(graph.EInvalid, "no list of works %s for a %s", list, kind)
}

// workCursor is the keyset position of a work in lists ordered by year (newest first), then id.
type workCursor struct {
	Year int64  `json:"y"`
	ID   string `json:"i"`
}

func encodeCursor(v any) string {
	b, _ := json.Marshal(v)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, v)
	}
	if err != nil {
		return graph.Errorf(graph.EInvalid, "bad cursor %q", s)
	}
	return nil
}

// Works implements graph.Reader: one query for every id, with a keyset-paged, limited subquery and a
// total count per id.
func (s *Store) Works(ctx context.Context, q graph.PageQuery) ([]graph.Page, error) {
	kind := graph.KindOfID(firstID(q.IDs))
	pattern, err := workPattern(q.List, kind)
	if err != nil {
		return nil, err
	}
	params := map[string]any{"ids": q.IDs, "first": q.First + 1, "after": nil, "y": int64(0), "aid": ""}
	if q.After != "" {
		var c workCursor
		if err := decodeCursor(q.After, &c); err != nil {
			return nil, err
		}
		params["after"], params["y"], params["aid"] = true, c.Year, c.ID
	}
	recs, err := s.read(ctx, `UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
CALL (e) { MATCH `+pattern+` RETURN count(DISTINCT w) AS total }
CALL (e) {
  MATCH `+pattern+`
  WITH DISTINCT w
  WITH w, coalesce(w.year, -1) AS y
  WHERE $after IS NULL OR y < $y OR (y = $y AND w.id > $aid)
  RETURN w, y ORDER BY y DESC, w.id LIMIT $first
}
RETURN i, total, collect(w) AS works`, params)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Page, len(q.IDs))
	for _, rec := range recs {
		i, _ := rec.Get("i")
		total, _ := rec.Get("total")
		ws, _ := rec.Get("works")
		p := graph.Page{TotalCount: int(total.(int64)), HasPrevious: q.After != ""}
		for _, w := range ws.([]any) {
			n := toNode(w)
			y, _ := n.Props["year"].(int64)
			if n.Props["year"] == nil {
				y = -1
			}
			p.Nodes = append(p.Nodes, n)
			p.Cursors = append(p.Cursors, encodeCursor(workCursor{Year: y, ID: n.ID}))
		}
		if len(p.Nodes) > q.First {
			p.Nodes, p.Cursors, p.HasNext = p.Nodes[:q.First], p.Cursors[:q.First], true
		}
		out[i.(int64)] = p
	}
	return out, nil
}

func firstID(ids []string) string {
	if len(ids) == 0 {
		return ""
	}
	return ids[0]
}

// searchCursor is the keyset position of a search hit: its score, then its element id, which
// orders ties without reading a property of every hit.
type searchCursor struct {
	Score float64 `json:"s"`
	ID    string  `json:"i"`
}

// Search implements graph.Reader with the full-text index: every word of the query must match, as
// a word or a word prefix; exact words score higher.
func (s *Store) Search(ctx context.Context, q graph.SearchQuery) (graph.Page, error) {
	l, err := s.FetchSearch(ctx, q, true, graph.Select{})
	if err != nil {
		return graph.Page{}, err
	}
	p := graph.Page{Cursors: l.Cursors, Scores: l.Scores, HasNext: l.HasNext, HasPrevious: l.HasPrevious, TotalCount: l.TotalCount}
	for _, t := range l.Items {
		p.Nodes = append(p.Nodes, t.Node)
	}
	return p, nil
}

// kindsLabel is the label expression that matches entities of the given kinds, such as
// "Work|Person", or "" for none.
func kindsLabel(kinds []graph.Kind) (string, error) {
	var ls []string
	for _, k := range kinds {
		l, err := label(k)
		if err != nil {
			return "", err
		}
		ls = append(ls, l)
	}
	return strings.Join(ls, "|"), nil
}

// luceneQuery turns free text into a Lucene query in which every word must match, exactly (boosted)
// or as a prefix. Lucene syntax in the input is escaped, so user text cannot change the query's shape.
func luceneQuery(text string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 || r == '-' || r == '.' || r == '/')
	}) {
		w = strings.Trim(w, "-./")
		if w == "" {
			continue
		}
		e := escapeLucene(w)
		terms = append(terms, fmt.Sprintf("+(%s^3 OR %s*)", e, e))
	}
	return strings.Join(terms, " ")
}

func escapeLucene(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`+-&|!(){}[]^"~*?:\/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Relations implements graph.Reader in one query: a breadth-first expansion, hop by hop, each hop
// capped at the limit (so hubs cannot blow up), then every relationship among the entities kept.
func (s *Store) Relations(ctx context.Context, q graph.RelationsQuery) (*graph.Subgraph, error) {
	if q.Depth < 1 || q.Depth > 3 {
		return nil, graph.Errorf(graph.EInvalid, "depth must be between 1 and 3, not %d", q.Depth)
	}
	if q.Limit < 1 {
		return nil, graph.Errorf(graph.EInvalid, "limit must be positive, not %d", q.Limit)
	}
	kinds, err := kindsLabel(q.Kinds)
	if err != nil {
		return nil, err
	}
	// Kinds are tested by label, which needs no property read, and only when asked for.
	kindFilter := ""
	if kinds != "" {
		kindFilter = " AND n:" + kinds
	}
	params := map[string]any{"id": q.ID, "limit": q.Limit}
	var b strings.Builder
	b.WriteString(`CALL () {
  MATCH (c:Entity {id: $id}) RETURN c
  UNION MATCH (:Redirect {id: $id})-[:REDIRECTS_TO*1..` + fmt.Sprint(redirectHops) + `]->(c:Entity) RETURN c
}
WITH c, [c] AS seen, [c] AS frontier, false AS cut, [1] AS sizes
`)
	for i := 0; i < q.Depth; i++ {
		b.WriteString(`CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[r]-(n:Entity) WHERE ` + live + kindFilter + ` AND NOT n IN seen
  WITH DISTINCT n LIMIT $limit + 1
  RETURN collect(n) AS found
}
WITH c, seen, found, cut OR size(seen) + size(found) > $limit AS cut, sizes
WITH c, seen + found[..$limit - size(seen)] AS seen, found[..$limit - size(seen)] AS frontier, cut, sizes
WITH c, seen, frontier, cut, sizes + size(seen) AS sizes
`)
	}
	// Every relationship among the entities kept: each is found once, from its start.
	proj, err := projection("n", q.Props)
	if err != nil {
		return nil, err
	}
	rel := "{i: r.id, t: type(r), s: a.id, d: b.id}"
	if q.EdgeProps {
		rel = "{t: type(r), p: properties(r), s: a.id, d: b.id}"
	}
	b.WriteString(`CALL (seen) {
  UNWIND seen AS a
  MATCH (a)-[r]->(b:Entity) WHERE ` + live + ` AND b IN seen
  RETURN collect(` + rel + `) AS edges
}
RETURN [n IN seen | ` + proj + `] AS seen, edges, cut, sizes`)
	recs, err := s.read(ctx, b.String(), params)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, graph.Errorf(graph.ENotFound, "no entity with id %q", q.ID)
	}
	seen, _ := recs[0].Get("seen")
	edges, _ := recs[0].Get("edges")
	cut, _ := recs[0].Get("cut")
	sizes, _ := recs[0].Get("sizes")
	sg := &graph.Subgraph{Truncated: cut.(bool)}
	for _, n := range seen.([]any) {
		sg.Nodes = append(sg.Nodes, mapNode(n))
	}
	// Nearest first; within a hop by kind, then label, so that answers are stable.
	start := 0
	for _, end := range sizes.([]any) {
		hop := sg.Nodes[start:int(end.(int64))]
		sort.SliceStable(hop, func(i, j int) bool {
			if hop[i].Kind != hop[j].Kind {
				return kindRank[hop[i].Kind] < kindRank[hop[j].Kind]
			}
			if hop[i].Label != hop[j].Label {
				return hop[i].Label < hop[j].Label
			}
			return hop[i].ID < hop[j].ID
		})
		start = int(end.(int64))
	}
	for _, e := range edges.([]any) {
		m := e.(map[string]any)
		typ, _ := m["t"].(string)
		src, _ := m["s"].(string)
		dst, _ := m["d"].(string)
		props, _ := m["p"].(map[string]any)
		if props == nil {
			props = map[string]any{"id": m["i"]}
		}
		sg.Edges = append(sg.Edges, propsEdge(graph.RelType(typ), src, dst, props))
	}
	sort.Slice(sg.Edges, func(i, j int) bool {
		a, b := sg.Edges[i], sg.Edges[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	return sg, nil
}

// kindRank orders kinds as graph.Kinds lists them.
var kindRank = func() map[graph.Kind]int {
	m := map[graph.Kind]int{}
	for i, k := range graph.Kinds {
		m[k] = i
	}
	return m
}()

// toNode converts a driver node into a graph.Node.
func toNode(v any) *graph.Node {
	n, ok := v.(dbtype.Node)
	if !ok {
		return nil
	}
	props := map[string]any{}
	for k, p := range n.Props {
		props[k] = plain(p)
	}
	id, _ := props["id"].(string)
	kind, _ := props["kind"].(string)
	lbl, _ := props["label"].(string)
	return &graph.Node{ID: id, Kind: graph.Kind(kind), Label: lbl, Props: props}
}

// provProps are the relationship properties that hold provenance, not data.
var provProps = map[string]bool{"id": true, "source": true, "record": true, "run": true, "curator": true,
	"addedAt": true, "sources": true, "updatedAt": true, "updatedBy": true, "updateRun": true,
	"evidence": true, "note": true, "reviewedBy": true, "mergedFrom": true, "retracted": true, "retractedBy": true,
	"retractedAt": true, "retractReason": true, "retractReviewedBy": true, "restoredBy": true, "restoredAt": true,
	"restoreReason": true}

// toEdge converts a driver relationship into a graph.Edge.
func toEdge(v any, src, dst string) *graph.Edge {
	r, ok := v.(dbtype.Relationship)
	if !ok {
		return nil
	}
	return propsEdge(graph.RelType(r.Type), src, dst, r.Props)
}

// propsEdge makes a graph.Edge from a relationship's type, ends and stored properties.
func propsEdge(t graph.RelType, src, dst string, props map[string]any) *graph.Edge {
	e := &graph.Edge{Type: t, Source: src, Target: dst, Props: map[string]any{}}
	for k, p := range props {
		if !provProps[k] {
			e.Props[k] = plain(p)
		}
	}
	str := func(k string) string { s, _ := props[k].(string); return s }
	e.ID = str("id")
	e.Provenance = graph.Provenance{Source: str("source"), Record: str("record"), Run: str("run"), Curator: str("curator"),
		Evidence: str("evidence"), Note: str("note"), ReviewedBy: str("reviewedBy")}
	if s := str("addedAt"); s != "" {
		e.Provenance.AddedAt, _ = time.Parse(time.RFC3339, s)
	}
	if b, _ := props["retracted"].(bool); b {
		e.Retraction = &graph.Retraction{By: str("retractedBy"), Reason: str("retractReason")}
		e.Retraction.At, _ = time.Parse(time.RFC3339, str("retractedAt"))
	}
	return e
}

// plain converts driver temporal values to time.Time and leaves the rest alone.
func plain(v any) any {
	switch t := v.(type) {
	case time.Time:
		return t
	case dbtype.Date:
		return t.Time()
	case dbtype.LocalDateTime:
		return t.Time()
	}
	return v
}

// Coauthors implements graph.Reader in one query.
func (s *Store) Coauthors(ctx context.Context, ids []string, limit int) ([][]*graph.Node, error) {
	recs, err := s.read(ctx, `UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Person {id: $ids[i]})
CALL (e) {
  MATCH (e)-[r1:AUTHORED]->(:Work)<-[r2:AUTHORED]-(c:Person)
  WHERE c <> e AND coalesce(r1.retracted, false) = false AND coalesce(r2.retracted, false) = false
  RETURN c, count(*) AS shared ORDER BY shared DESC, c.label LIMIT $limit
}
RETURN i, collect(c) AS cs`, map[string]any{"ids": ids, "limit": limit})
	if err != nil {
		return nil, err
	}
	out := make([][]*graph.Node, len(ids))
	for _, rec := range recs {
		i, _ := rec.Get("i")
		cs, _ := rec.Get("cs")
		for _, c := range cs.([]any) {
			out[i.(int64)] = append(out[i.(int64)], toNode(c))
		}
	}
	return out, nil
}
