package neo4j

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
)

// Query results are decoded here: typed access to columns, map entries, list elements and
// properties, and one decoder per shape the queries return (an entity as a driver node or as a
// projected map, a relationship with its ends, the rows of a batch). When a query and its decoding
// fall out of step (a column renamed, a value of another type) the request fails with an INTERNAL
// error that names the column and the types, instead of a panic or a silent zero value.

// decodeError is the error of a result that does not have the shape its decoder expects. The
// detail is for the log; clients see "internal error".
func decodeError(format string, args ...any) error {
	return &graph.Error{Code: graph.EInternal, Message: "internal error",
		Err: fmt.Errorf("decoding a query result: "+format, args...)}
}

// optColumn returns the value of column key of rec, and false when it is null. A missing column
// and a value of another type are errors.
func optColumn[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, bool, error) {
	if rec == nil {
		var zero T
		return zero, false, decodeError("column %s: no record", key)
	}
	v, null, err := neo4j.GetRecordValue[T](rec, key)
	if err != nil {
		return v, false, decodeError("column %s: %w", key, err)
	}
	return v, !null, nil
}

// column returns the value of column key of rec. A missing column, null and a value of another
// type are errors.
func column[T neo4j.RecordValue](rec *neo4j.Record, key string) (T, error) {
	v, ok, err := optColumn[T](rec, key)
	if err == nil && !ok {
		err = decodeError("column %s: expected value to have type %T but found null", key, v)
	}
	return v, err
}

// intColumn returns an integer column, such as a count or a total.
func intColumn(rec *neo4j.Record, key string) (int, error) {
	n, err := column[int64](rec, key)
	return int(n), err
}

// rowIndex returns the position of a batch row: its column i, as written by
// `UNWIND range(0, size($ids) - 1) AS i`, checked to be below n, the number of keys asked for.
func rowIndex(rec *neo4j.Record, n int) (int, error) {
	i, err := intColumn(rec, "i")
	if err == nil && (i < 0 || i >= n) {
		err = decodeError("column i: row %d of a batch of %d", i, n)
	}
	return i, err
}

// nodeColumn returns the entity node in column key of rec; null is an error.
func nodeColumn(rec *neo4j.Record, key string) (*graph.Node, error) {
	n, err := column[dbtype.Node](rec, key)
	if err != nil {
		return nil, err
	}
	return entityNode(n.Props, true)
}

// edgeColumns returns the relationship in column r of rec, with the ids of its start and end
// node in columns s and d, as written by `RETURN r, startNode(r).id AS s, endNode(r).id AS d`.
func edgeColumns(rec *neo4j.Record, r, s, d string) (*graph.Edge, error) {
	rel, err := column[dbtype.Relationship](rec, r)
	if err != nil {
		return nil, err
	}
	src, err := column[string](rec, s)
	if err != nil {
		return nil, err
	}
	dst, err := column[string](rec, d)
	if err != nil {
		return nil, err
	}
	return edgeFromProps(graph.RelType(rel.Type), src, dst, rel.Props)
}

// nodeEntry is nodeColumn for a projected map (`{m: m, r: r}`).
func nodeEntry(m map[string]any, key string) (*graph.Node, error) {
	n, err := entry[dbtype.Node](m, key)
	if err != nil {
		return nil, err
	}
	return entityNode(n.Props, true)
}

// edgeEntries is edgeColumns for a projected map (`{r: r, s: startNode(r).id, d: endNode(r).id}`).
func edgeEntries(m map[string]any, r, s, d string) (*graph.Edge, error) {
	rel, err := entry[dbtype.Relationship](m, r)
	if err != nil {
		return nil, err
	}
	src, err := entry[string](m, s)
	if err != nil {
		return nil, err
	}
	dst, err := entry[string](m, d)
	if err != nil {
		return nil, err
	}
	return edgeFromProps(graph.RelType(rel.Type), src, dst, rel.Props)
}

// as returns v as a T; what names v in errors. null is an error.
func as[T any](v any, what string) (T, error) {
	t, ok := v.(T)
	if !ok {
		if v == nil {
			return t, decodeError("%s: expected value to have type %T but found null", what, t)
		}
		return t, decodeError("%s: expected value to have type %T but found type %T", what, t, v)
	}
	return t, nil
}

// optEntry returns the entry key of a map that a query projected (`{r: r, s: startNode(r).id}`),
// and false when it is null. A missing entry and a value of another type are errors.
func optEntry[T any](m map[string]any, key string) (T, bool, error) {
	v, found := m[key]
	if !found {
		var zero T
		return zero, false, decodeError("entry %s not found", key)
	}
	if v == nil {
		var zero T
		return zero, false, nil
	}
	t, err := as[T](v, "entry "+key)
	return t, err == nil, err
}

// entry returns the entry key of a map that a query projected. A missing entry, null and a value
// of another type are errors.
func entry[T any](m map[string]any, key string) (T, error) {
	v, ok, err := optEntry[T](m, key)
	if err == nil && !ok {
		err = decodeError("entry %s: expected value to have type %T but found null", key, v)
	}
	return v, err
}

// items returns the elements of a list, each a T; what names the list in errors.
func items[T any](list []any, what string) ([]T, error) {
	out := make([]T, len(list))
	for i, v := range list {
		t, err := as[T](v, fmt.Sprintf("%s[%d]", what, i))
		if err != nil {
			return nil, err
		}
		out[i] = t
	}
	return out, nil
}

// fields reads the properties of one node or relationship (or the entries of a projected map) by
// type, keeping the first error, so that a decoder reads every field and checks once. An absent or
// null property gives the zero value unless it is required; a value of another type is an error.
type fields struct {
	m   map[string]any
	err error
}

// field reads property key of f as a T; see fields.
func field[T any](f *fields, key string, required bool) T {
	var t T
	v, found := f.m[key]
	if f.err != nil || ((!found || v == nil) && !required) {
		return t
	}
	t, err := as[T](v, "property "+key)
	if err != nil && v == nil {
		err = decodeError("property %s: expected value to have type %T but found none", key, t)
	}
	f.err = err
	return t
}

func (f *fields) text(key string) string     { return field[string](f, key, false) }
func (f *fields) mustText(key string) string { return field[string](f, key, true) }
func (f *fields) int(key string) int64       { return field[int64](f, key, false) }
func (f *fields) bool(key string) bool       { return field[bool](f, key, false) }

// time parses a time written by provTime or stamp; none is the zero time.
func (f *fields) time(key string) time.Time {
	s := f.text(key)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil && f.err == nil {
		f.err = decodeError("property %s: %w", key, err)
	}
	return t
}

// json decodes a snapshot written by jsonText; none gives nil. Text that is not a JSON object
// (jsonText's fallback for a value JSON cannot encode) gives nil too.
func (f *fields) json(key string) map[string]any {
	s := f.text(key)
	if s == "" {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

// decodeNode decodes an entity returned as a driver node; null gives nil.
func decodeNode(v any) (*graph.Node, error) {
	if v == nil {
		return nil, nil
	}
	n, err := as[dbtype.Node](v, "node")
	if err != nil {
		return nil, err
	}
	return entityNode(n.Props, true)
}

// decodeMapNode decodes an entity returned as a projected map (`n {.id, .kind, .label, ...}`);
// null gives nil. Null properties and the search text are left out.
func decodeMapNode(v any) (*graph.Node, error) {
	if v == nil {
		return nil, nil
	}
	m, err := as[map[string]any](v, "projected node")
	if err != nil {
		return nil, err
	}
	return entityNode(m, false)
}

// entityNode makes a graph.Node of an entity's properties, with driver temporal values turned into
// time.Time; all keeps null properties and the search text.
func entityNode(stored map[string]any, all bool) (*graph.Node, error) {
	props := make(map[string]any, len(stored))
	for k, p := range stored {
		if all || (p != nil && k != "searchText") {
			props[k] = plain(p)
		}
	}
	f := fields{m: props}
	n := &graph.Node{ID: f.mustText("id"), Kind: graph.Kind(f.mustText("kind")), Label: f.text("label"), Props: props}
	if f.err != nil {
		return nil, f.err
	}
	return n, nil
}

// decodeMapEdge decodes a relationship returned as a projected map: its type t, the ids s and d of
// its start and end node, and either its properties p or only its id i.
func decodeMapEdge(v any) (*graph.Edge, error) {
	m, err := as[map[string]any](v, "projected relationship")
	if err != nil {
		return nil, err
	}
	t, err := entry[string](m, "t")
	if err != nil {
		return nil, err
	}
	src, err := entry[string](m, "s")
	if err != nil {
		return nil, err
	}
	dst, err := entry[string](m, "d")
	if err != nil {
		return nil, err
	}
	f := fields{m: m}
	props := field[map[string]any](&f, "p", false)
	if props == nil {
		props = map[string]any{"id": f.text("i")}
	}
	if f.err != nil {
		return nil, f.err
	}
	return edgeFromProps(graph.RelType(t), src, dst, props)
}

// provProps are the relationship properties that hold provenance, not data.
var provProps = map[string]bool{"id": true, "source": true, "record": true, "run": true, "curator": true,
	"addedAt": true, "sources": true, "updatedAt": true, "updatedBy": true, "updateRun": true,
	"evidence": true, "note": true, "reviewedBy": true, "mergedFrom": true, "retracted": true, "retractedBy": true,
	"retractedAt": true, "retractReason": true, "retractReviewedBy": true, "restoredBy": true, "restoredAt": true,
	"restoreReason": true}

// edgeFromProps makes a graph.Edge from a relationship's type, ends and stored properties: the
// provenance properties (provProps) become its Provenance and Retraction, the others its Props.
func edgeFromProps(t graph.RelType, src, dst string, props map[string]any) (*graph.Edge, error) {
	e := &graph.Edge{Type: t, Source: src, Target: dst, Props: map[string]any{}}
	for k, p := range props {
		if !provProps[k] {
			e.Props[k] = plain(p)
		}
	}
	f := fields{m: props}
	e.ID = f.text("id")
	e.Provenance = graph.Provenance{Source: f.text("source"), Record: f.text("record"), Run: f.text("run"),
		Curator: f.text("curator"), Evidence: f.text("evidence"), Note: f.text("note"), ReviewedBy: f.text("reviewedBy"),
		AddedAt: f.time("addedAt")}
	if f.bool("retracted") {
		e.Retraction = &graph.Retraction{By: f.text("retractedBy"), Reason: f.text("retractReason"), At: f.time("retractedAt")}
	}
	if f.err != nil {
		return nil, f.err
	}
	return e, nil
}
