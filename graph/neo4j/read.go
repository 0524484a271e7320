package neo4j

import (
	"context"
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

// workCursor is the keyset position of a work in a page of an entity's works, ordered by year
// (newest first), then id; Of is the entity whose list it is.
type workCursor struct {
	Year int64  `json:"y"`
	ID   string `json:"i"`
	Of   string `json:"o"`
}

// workList describes an entity's list of works for its cursors: the path and order of its
// declaration (the entity is in the cursor's position).
func workList(l graph.ListSelect) string {
	return fmt.Sprintf("list %s %s %s", l.Path, l.Order, l.Target)
}

// searchCursor is the keyset position of a search hit: its score, then its entity id.
type searchCursor struct {
	Score float64 `json:"s"`
	ID    string  `json:"i"`
}

// searchCursorList describes a search for its cursors: the words searched for and the kinds.
func searchCursorList(lucene string, kinds []graph.Kind) string {
	ks := make([]string, len(kinds))
	for i, k := range kinds {
		ks[i] = string(k)
	}
	sort.Strings(ks)
	return fmt.Sprintf("search %q %s", lucene, strings.Join(ks, ","))
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
// Retracted relationships take part only when q.Retracted asks for them, in both steps.
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
	visible := live
	if q.Retracted {
		visible = "true"
	}
	params := map[string]any{"id": q.ID, "limit": q.Limit}
	var b strings.Builder
	b.WriteString(`CALL () { ` + entityOrRedirect("c", "", "id", "$id") + ` }
WITH c, [c] AS seen, [c] AS frontier, false AS cut, [1] AS sizes
`)
	for i := 0; i < q.Depth; i++ {
		b.WriteString(`CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[r]-(n:Entity) WHERE ` + visible + kindFilter + ` AND NOT n IN seen
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
  MATCH (a)-[r]->(b:Entity) WHERE ` + visible + ` AND b IN seen
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
	rec := recs[0]
	seen, err := column[[]any](rec, "seen")
	if err != nil {
		return nil, err
	}
	edges, err := column[[]any](rec, "edges")
	if err != nil {
		return nil, err
	}
	cut, err := column[bool](rec, "cut")
	if err != nil {
		return nil, err
	}
	sizes, err := column[[]any](rec, "sizes")
	if err != nil {
		return nil, err
	}
	sg := &graph.Subgraph{Truncated: cut}
	for _, v := range seen {
		n, err := decodeMapNode(v)
		if err != nil {
			return nil, err
		}
		sg.Nodes = append(sg.Nodes, n)
	}
	ends, err := items[int64](sizes, "hop size")
	if err != nil {
		return nil, err
	}
	// Nearest first; within a hop by kind, then label, so that answers are stable.
	start := 0
	for _, end := range ends {
		if end < int64(start) || end > int64(len(sg.Nodes)) {
			return nil, decodeError("hop size %d outside 0..%d", end, len(sg.Nodes))
		}
		hop := sg.Nodes[start:end]
		sort.SliceStable(hop, func(i, j int) bool {
			if hop[i].Kind != hop[j].Kind {
				return kindRank[hop[i].Kind] < kindRank[hop[j].Kind]
			}
			if hop[i].Label != hop[j].Label {
				return hop[i].Label < hop[j].Label
			}
			return hop[i].ID < hop[j].ID
		})
		start = int(end)
	}
	for _, v := range edges {
		e, err := decodeMapEdge(v)
		if err != nil {
			return nil, err
		}
		sg.Edges = append(sg.Edges, e)
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
