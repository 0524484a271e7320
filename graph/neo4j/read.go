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

// searchCursor is the keyset position of a search hit: its score, then its element id, which
// orders ties without reading a property of every hit.
type searchCursor struct {
	Score float64 `json:"s"`
	ID    string  `json:"i"`
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
