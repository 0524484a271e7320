package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
)

// The Fetch methods compile a graph.Select into one Cypher statement: the root entities, then for
// each list a CALL subquery that follows the list's path with its own ORDER BY and LIMIT, nested as
// deep as the Select is, each collecting its rows into one value. This is the only place where the
// lists of entities become Cypher. Labels, relationship types and property names in the text come
// from allow-lists; every value is a parameter.

// fetchQuery builds one statement and decodes its answer.
type fetchQuery struct {
	b      strings.Builder
	params map[string]any
	seq    int
	keys   cursorKeys
	// pages holds, for each page asked after a cursor, the entity whose list the cursor is of, or
	// why the cursor was refused: that list alone is not read, and answers the error.
	pages map[*graph.PageSelect]pageAfter
}

// pageAfter is the cursor of a page as the statement was built: the entity whose list it belongs
// to, or the error that refused it.
type pageAfter struct {
	of  string
	err error
}

func (s *Store) newFetchQuery() *fetchQuery {
	return &fetchQuery{params: map[string]any{}, keys: s.cursors, pages: map[*graph.PageSelect]pageAfter{}}
}

func (q *fetchQuery) next() int { q.seq++; return q.seq }

// param binds v and returns its placeholder.
func (q *fetchQuery) param(v any) string {
	name := fmt.Sprintf("p%d", len(q.params))
	q.params[name] = v
	return "$" + name
}

func (q *fetchQuery) line(indent int, format string, args ...any) {
	q.b.WriteString(strings.Repeat("  ", indent))
	fmt.Fprintf(&q.b, format, args...)
	q.b.WriteByte('\n')
}

// projection is the map expression of entity e's properties.
func projection(e string, props []string) (string, error) {
	if props == nil {
		return e + " {.*}", nil
	}
	fields := []string{".id", ".kind", ".label"}
	seen := map[string]bool{"id": true, "kind": true, "label": true}
	for _, p := range props {
		if seen[p] {
			continue
		}
		if !propName.MatchString(p) {
			return "", graph.Errorf(graph.EInvalid, "bad property name %q", p)
		}
		seen[p] = true
		fields = append(fields, "."+p)
	}
	return e + " {" + strings.Join(fields, ", ") + "}", nil
}

// entity writes the subqueries of e's lists at indent and returns e's item expression: its
// properties under n, and its lists, in the order of sel.Lists, under l.
func (q *fetchQuery) entity(indent int, e string, sel graph.Select, extra string) (string, error) {
	cols := make([]string, len(sel.Lists))
	for i, l := range sel.Lists {
		col, err := q.list(indent, e, l)
		if err != nil {
			return "", err
		}
		cols[i] = col
	}
	proj, err := projection(e, sel.Props)
	if err != nil {
		return "", err
	}
	return "{n: " + proj + extra + ", l: [" + strings.Join(cols, ", ") + "]}", nil
}

// kindLabel is the label pattern that restricts a list to entities of kind k.
func kindLabel(k graph.Kind) (string, error) {
	if k == "" {
		return "", nil
	}
	l, err := label(k)
	return ":" + l, err
}

// pathMatch is the MATCH pattern and condition from e to the items m of a list along path, with the
// relationships named r (one hop) or r<i> (several), and the names of those relationships. The
// kinds at the far end are implied by the relationship types' allow-list, so no label is tested
// there unless the path may reach several kinds and the list wants one (target); an item reached
// through several hops is never e itself.
func pathMatch(e, kl, m, r string, path graph.RelPath, target graph.Kind) (pattern, where string, rels []string, err error) {
	if len(path) == 0 {
		return "", "", nil, graph.Errorf(graph.EInvalid, "a list needs a path of relationships")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "(%s%s)", e, kl)
	var conds []string
	for i, h := range path {
		t, err := relType(h.Type)
		if err != nil {
			return "", "", nil, err
		}
		name := r
		if len(path) > 1 {
			name = fmt.Sprintf("%s%c", r, 'a'+i)
		}
		rels = append(rels, name)
		switch h.Dir {
		case graph.Out:
			fmt.Fprintf(&b, "-[%s:%s]->", name, t)
		case graph.In:
			fmt.Fprintf(&b, "<-[%s:%s]-", name, t)
		default:
			fmt.Fprintf(&b, "-[%s:%s]-", name, t)
		}
		if i < len(path)-1 {
			b.WriteString("()")
		}
		conds = append(conds, fmt.Sprintf("coalesce(%s.retracted, false) = false", name))
	}
	tl, err := kindLabel(target)
	if err != nil {
		return "", "", nil, err
	}
	fmt.Fprintf(&b, "(%s%s)", m, tl)
	if len(path) > 1 {
		conds = append([]string{m + " <> " + e}, conds...)
	}
	return b.String(), strings.Join(conds, " AND "), rels, nil
}

// list writes the subqueries of one list of e and returns the list's value expression.
func (q *fetchQuery) list(indent int, e string, l graph.ListSelect) (string, error) {
	kl, err := kindLabel(l.Kind)
	if err != nil {
		return "", err
	}
	k := q.next()
	m, r, col := fmt.Sprintf("m%d", k), fmt.Sprintf("r%d", k), fmt.Sprintf("c%d", k)
	pattern, where, rels, err := pathMatch(e, kl, m, r, l.Path, l.Target)
	if err != nil {
		return "", err
	}
	if (l.Edges || l.Order == graph.ByPosition) && len(l.Path) != 1 {
		return "", graph.Errorf(graph.EInvalid, "list %q: relationships and position order need a path of one relationship, not %s", l.Key, l.Path)
	}
	if l.Page != nil {
		if l.Order != graph.Newest {
			return "", graph.Errorf(graph.EInvalid, "list %q: only lists of the newest first are paged", l.Key)
		}
		return q.page(indent, e, m, k, pattern, where, len(l.Path) == 1, l)
	}
	limit := l.Limit
	if limit <= 0 {
		limit = graph.DefaultListCap
	}
	q.line(indent, "CALL (%s) {", e)
	q.line(indent+1, "MATCH %s WHERE %s", pattern, where)
	extra := ""
	switch l.Order {
	case graph.ByPosition:
		q.line(indent+1, "WITH %s, %s ORDER BY coalesce(%s.position, 0), coalesce(%s.score, 0.0) DESC, %s.label LIMIT %s", r, m, r, r, m, q.param(limit))
		if l.Edges {
			src, dst := e+".id", m+".id"
			switch l.Path[0].Dir {
			case graph.In:
				src, dst = dst, src
			case graph.Both:
				src = fmt.Sprintf("CASE WHEN startNode(%s) = %s THEN %s.id ELSE %s.id END", r, e, e, m)
				dst = fmt.Sprintf("CASE WHEN startNode(%s) = %s THEN %s.id ELSE %s.id END", r, e, m, e)
			}
			extra = fmt.Sprintf(", e: {t: type(%s), p: properties(%s), s: %s, d: %s}", r, r, src, dst)
		}
	case graph.MostShared:
		n := fmt.Sprintf("s%d", k)
		q.line(indent+1, "WITH %s, count(*) AS %s ORDER BY %s DESC, %s.label LIMIT %s", m, n, n, m, q.param(limit))
	case graph.Newest:
		y := fmt.Sprintf("y%d", k)
		if len(rels) > 1 {
			q.line(indent+1, "WITH DISTINCT %s", m)
		}
		q.line(indent+1, "WITH %s, coalesce(%s.year, -1) AS %s ORDER BY %s DESC, %s.id LIMIT %s", m, m, y, y, m, q.param(limit))
	default:
		return "", graph.Errorf(graph.EInvalid, "list %q: unknown order %q", l.Key, l.Order)
	}
	item, err := q.entity(indent+1, m, l.Select, extra)
	if err != nil {
		return "", err
	}
	q.line(indent+1, "RETURN collect(%s) AS %s", item, col)
	q.line(indent, "}")
	return "{i: " + col + "}", nil
}

// page writes the subqueries of one page of a list of works, newest first, and returns its value
// expression.
func (q *fetchQuery) page(indent int, e, w string, k int, pattern, where string, oneHop bool, l graph.ListSelect) (string, error) {
	p := l.Page
	y, col, total := fmt.Sprintf("y%d", k), fmt.Sprintf("c%d", k), fmt.Sprintf("t%d", k)
	var c workCursor
	if p.After != "" {
		// A bad cursor fails its own list, not the statement: the list is not read, and its
		// field reports the error. A good one is of one entity's list, and only that list is read.
		if err := q.keys.decode(workList(l), p.After, &c); err != nil {
			q.pages[p] = pageAfter{err: err}
			return "{i: [], c: 0}", nil
		}
		q.pages[p] = pageAfter{of: c.Of}
		where = e + ".id = " + q.param(c.Of) + " AND " + where
	}
	if !p.Items {
		if !p.Count {
			return "{i: [], c: 0}", nil
		}
		agg := "count(*)"
		if !oneHop {
			agg = "count(DISTINCT " + w + ")"
		}
		q.line(indent, "CALL (%s) { MATCH %s WHERE %s RETURN %s AS %s }", e, pattern, where, agg, total)
		return "{i: [], c: " + total + "}", nil
	}
	// The works are matched once: when the count is asked for too, they are collected, counted,
	// and then ordered and cut from the list, rather than matched a second time (every hop of the
	// pattern, and its retraction test, is a database read).
	q.line(indent, "CALL (%s) {", e)
	q.line(indent+1, "MATCH %s WHERE %s", pattern, where)
	if !oneHop {
		q.line(indent+1, "WITH DISTINCT %s", w)
	}
	inner, all := indent+1, fmt.Sprintf("a%d", k)
	if p.Count {
		q.line(indent+1, "WITH collect(%s) AS %s", w, all)
		q.line(indent+1, "CALL (%s) {", all)
		inner = indent + 2
		q.line(inner, "UNWIND %s AS %s", all, w)
	}
	q.line(inner, "WITH %s, coalesce(%s.year, -1) AS %s", w, w, y)
	if p.After != "" {
		q.line(inner, "WHERE %s < %s OR (%s = %s AND %s.id > %s)", y, q.param(c.Year), y, q.param(c.Year), w, q.param(c.ID))
	}
	q.line(inner, "WITH %s, %s ORDER BY %s DESC, %s.id LIMIT %s", w, y, y, w, q.param(p.First+1))
	item, err := q.entity(inner, w, l.Select, ", y: "+y)
	if err != nil {
		return "", err
	}
	q.line(inner, "RETURN collect(%s) AS %s", item, col)
	if !p.Count {
		q.line(indent, "}")
		return "{i: " + col + ", c: 0}", nil
	}
	q.line(indent+1, "}")
	q.line(indent+1, "RETURN size(%s) AS %s, %s", all, total, col)
	q.line(indent, "}")
	return "{i: " + col + ", c: " + total + "}", nil
}

// FetchNodes implements graph.Fetcher.
func (s *Store) FetchNodes(ctx context.Context, ids []string, sel graph.Select) ([]*graph.Tree, error) {
	out := make([]*graph.Tree, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q := s.newFetchQuery()
	p := q.param(ids)
	// An id that a merge retired redirects to the entity it was merged into, as in Nodes.
	q.line(0, "UNWIND range(0, size(%s) - 1) AS i", p)
	q.line(0, "CALL (i) { %s }", entityOrRedirect("n", "", "id", p+"[i]"))
	q.line(0, "WITH i, n AS n0")
	item, err := q.entity(0, "n0", sel, "")
	if err != nil {
		return nil, err
	}
	q.line(0, "RETURN i, %s AS t", item)
	recs, err := s.read(ctx, q.b.String(), q.params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		i, err := rowIndex(r, len(ids))
		if err != nil {
			return nil, err
		}
		if out[i], err = q.treeColumn(r, "t", sel); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// FetchRef implements graph.Fetcher. A journal is found by any of its ISSNs.
func (s *Store) FetchRef(ctx context.Context, ref graph.Ref, sel graph.Select) (*graph.Tree, error) {
	q := s.newFetchQuery()
	v := q.param(ref.Value)
	// The entity with the identifier or, when a merge retired it, the one it was merged into: one
	// statement either way (refQuery, which the writes use too, also finds a journal by any ISSN).
	rq, err := refQuery(ref, strings.TrimPrefix(v, "$"))
	if err != nil {
		return nil, err
	}
	q.line(0, "CALL () { %s } WITH n AS n0 LIMIT 1", rq)
	item, err := q.entity(0, "n0", sel, "")
	if err != nil {
		return nil, err
	}
	q.line(0, "RETURN %s AS t", item)
	recs, err := s.read(ctx, q.b.String(), q.params)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return q.treeColumn(recs[0], "t", sel)
}

// FetchSearch implements graph.Fetcher.
func (s *Store) FetchSearch(ctx context.Context, sq graph.SearchQuery, count bool, sel graph.Select) (*graph.TreeList, error) {
	lucene := luceneQuery(sq.Text)
	if lucene == "" {
		return nil, graph.Errorf(graph.EInvalid, "the search query %q has no words", sq.Text)
	}
	kinds, err := kindsLabel(sq.Kinds)
	if err != nil {
		return nil, err
	}
	q := s.newFetchQuery()
	text := q.param(lucene)
	// Kinds by label: no property read per hit.
	filter := "node:Entity"
	if kinds != "" {
		filter = "node:" + kinds
	}
	if count {
		q.line(0, "CALL () { CALL db.index.fulltext.queryNodes('%s', %s) YIELD node WHERE %s RETURN count(node) AS total }", fulltextIndex, text, filter)
	} else {
		q.line(0, "WITH 0 AS total")
	}
	q.line(0, "CALL () {")
	q.line(1, "CALL db.index.fulltext.queryNodes('%s', %s) YIELD node, score WHERE %s", fulltextIndex, text, filter)
	// Ties of score are ordered by entity id, which the cursor holds (a property read per hit,
	// where Neo4j's element id would have cost none, but that id is the database's, not ours).
	list := searchCursorList(lucene, sq.Kinds)
	if sq.After != "" {
		var c searchCursor
		if err := q.keys.decode(list, sq.After, &c); err != nil {
			return nil, err
		}
		q.line(1, "AND (score < %s OR (score = %s AND node.id > %s))", q.param(c.Score), q.param(c.Score), q.param(c.ID))
	}
	q.line(1, "WITH node AS n0, score ORDER BY score DESC, node.id LIMIT %s", q.param(sq.First+1))
	item, err := q.entity(1, "n0", sel, ", s: score")
	if err != nil {
		return nil, err
	}
	q.line(1, "RETURN collect(%s) AS items", item)
	q.line(0, "}")
	q.line(0, "RETURN total, items")
	recs, err := s.read(ctx, q.b.String(), q.params)
	if err != nil {
		return nil, err
	}
	out := &graph.TreeList{HasPrevious: sq.After != ""}
	if len(recs) == 0 {
		return out, nil
	}
	if out.TotalCount, err = intColumn(recs[0], "total"); err != nil {
		return nil, err
	}
	hits, err := column[[]any](recs[0], "items")
	if err != nil {
		return nil, err
	}
	for _, it := range hits {
		t, err := q.tree(it, sel)
		if err != nil {
			return nil, err
		}
		m := it.(map[string]any) // tree checked it
		sc, err := entry[float64](m, "s")
		if err != nil {
			return nil, err
		}
		out.Items = append(out.Items, t)
		out.Scores = append(out.Scores, sc)
		out.Cursors = append(out.Cursors, q.keys.encode(list, searchCursor{Score: sc, ID: t.Node.ID}))
	}
	if len(out.Items) > sq.First {
		out.Items, out.Scores, out.Cursors, out.HasNext = out.Items[:sq.First], out.Scores[:sq.First], out.Cursors[:sq.First], true
	}
	return out, nil
}

// treeColumn decodes the item expression in column key, read with sel.
func (q *fetchQuery) treeColumn(rec *neo4j.Record, key string, sel graph.Select) (*graph.Tree, error) {
	v, ok := rec.Get(key)
	if !ok {
		return nil, decodeError("no column %q", key)
	}
	return q.tree(v, sel)
}

// tree decodes an item expression read with sel: the entity under n, the relationship that
// reached it under e (lists of neighbours), its lists in the order of sel.Lists under l.
func (q *fetchQuery) tree(v any, sel graph.Select) (*graph.Tree, error) {
	m, err := as[map[string]any](v, "item")
	if err != nil {
		return nil, err
	}
	n, err := decodeMapNode(m["n"])
	if err != nil {
		return nil, err
	}
	t := &graph.Tree{Node: n}
	if e, ok := m["e"]; ok && e != nil {
		if t.Edge, err = decodeMapEdge(e); err != nil {
			return nil, err
		}
	}
	if len(sel.Lists) == 0 {
		return t, nil
	}
	lists, err := entry[[]any](m, "l")
	if err != nil {
		return nil, err
	}
	if len(lists) != len(sel.Lists) {
		return nil, decodeError("%d lists, want %d", len(lists), len(sel.Lists))
	}
	t.Lists = make(map[string]*graph.TreeList, len(sel.Lists))
	for i, ls := range sel.Lists {
		if ls.Kind != "" && t.Node != nil && t.Node.Kind != ls.Kind {
			continue
		}
		if p := ls.Page; p != nil && p.After != "" {
			a := q.pages[p]
			if a.err == nil && (t.Node == nil || t.Node.ID != a.of) {
				a.err = errCursorOther()
			}
			if a.err != nil {
				t.Lists[ls.Key] = &graph.TreeList{Err: a.err}
				continue
			}
		}
		lv, err := as[map[string]any](lists[i], "list")
		if err != nil {
			return nil, err
		}
		its, err := entry[[]any](lv, "i")
		if err != nil {
			return nil, err
		}
		tl := &graph.TreeList{}
		if ls.Page != nil {
			n, err := entry[int64](lv, "c")
			if err != nil {
				return nil, err
			}
			tl.TotalCount = int(n)
		}
		for _, it := range its {
			child, err := q.tree(it, ls.Select)
			if err != nil {
				return nil, err
			}
			tl.Items = append(tl.Items, child)
			if ls.Page != nil {
				y, err := entry[int64](it.(map[string]any), "y")
				if err != nil {
					return nil, err
				}
				tl.Cursors = append(tl.Cursors, q.keys.encode(workList(ls), workCursor{Year: y, ID: child.Node.ID, Of: t.Node.ID}))
			}
		}
		if p := ls.Page; p != nil {
			tl.HasPrevious = p.After != ""
			if len(tl.Items) > p.First {
				tl.Items, tl.Cursors, tl.HasNext = tl.Items[:p.First], tl.Cursors[:p.First], true
			}
		}
		t.Lists[ls.Key] = tl
	}
	return t, nil
}
