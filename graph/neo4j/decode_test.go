package neo4j

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
)

func record(kv ...any) *neo4j.Record {
	r := &neo4j.Record{}
	for i := 0; i < len(kv); i += 2 {
		r.Keys = append(r.Keys, kv[i].(string))
		r.Values = append(r.Values, kv[i+1])
	}
	return r
}

// TestDecodeErrors checks that results of an unexpected shape give an INTERNAL error naming the
// column or property and the types, not a panic.
func TestDecodeErrors(t *testing.T) {
	work := dbtype.Node{Props: map[string]any{"id": "w-1", "kind": "WORK", "label": "A work"}}
	rel := dbtype.Relationship{Type: "CITES", Props: map[string]any{"id": "w-1>CITES>w-2"}}
	for _, tc := range []struct {
		name   string
		decode func() error
		want   []string // in the error's text
	}{
		{"A missing column is an error", func() error {
			_, err := intColumn(record("totl", int64(1)), "total")
			return err
		}, []string{"column total", "not found"}},
		{"A column of another type is an error", func() error {
			_, err := intColumn(record("total", "1"), "total")
			return err
		}, []string{"column total", "int64", "string"}},
		{"A null column is an error where a value is required", func() error {
			_, err := column[string](record("t", nil), "t")
			return err
		}, []string{"column t", "null"}},
		{"No record is an error", func() error {
			_, err := column[string](nil, "t")
			return err
		}, []string{"column t", "no record"}},
		{"A batch row outside the batch is an error", func() error {
			_, err := rowIndex(record("i", int64(3)), 3)
			return err
		}, []string{"column i", "row 3 of a batch of 3"}},
		{"A node column holding something else is an error", func() error {
			_, err := nodeColumn(record("n", "w-1"), "n")
			return err
		}, []string{"column n", "dbtype.Node", "string"}},
		{"An entity without an id is an error", func() error {
			_, err := nodeColumn(record("n", dbtype.Node{Props: map[string]any{"kind": "WORK"}}), "n")
			return err
		}, []string{"property id", "none"}},
		{"An entity whose label is not text is an error", func() error {
			_, err := decodeNode(dbtype.Node{Props: map[string]any{"id": "w-1", "kind": "WORK", "label": int64(7)}})
			return err
		}, []string{"property label", "string", "int64"}},
		{"A renamed end column of an edge is an error", func() error {
			_, err := edgeColumns(record("r", rel, "s", "w-1", "d", "w-2"), "r", "s", "t")
			return err
		}, []string{"column t", "not found"}},
		{"A relationship column holding a node is an error", func() error {
			_, err := edgeColumns(record("r", work, "s", "w-1", "t", "w-2"), "r", "s", "t")
			return err
		}, []string{"column r", "dbtype.Relationship", "dbtype.Node"}},
		{"A projected edge without its type is an error", func() error {
			_, err := decodeMapEdge(map[string]any{"s": "w-1", "d": "w-2", "i": "x"})
			return err
		}, []string{"entry t", "not found"}},
		{"A projected edge whose properties are not a map is an error", func() error {
			_, err := decodeMapEdge(map[string]any{"t": "CITES", "s": "w-1", "d": "w-2", "p": "x"})
			return err
		}, []string{"property p", "map[string]interface {}", "string"}},
		{"A provenance time that does not parse is an error", func() error {
			_, err := edgeFromProps("CITES", "a", "b", map[string]any{"addedAt": "yesterday"})
			return err
		}, []string{"property addedAt", "yesterday"}},
		{"A list element of another type is an error", func() error {
			_, err := items[string]([]any{"a", int64(2)}, "former")
			return err
		}, []string{"former[1]", "string", "int64"}},
		{"A projected node that is not a map is an error", func() error {
			_, err := decodeMapNode([]any{"w-1"})
			return err
		}, []string{"projected node", "map[string]interface {}", "[]interface {}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.decode()
			if graph.ErrorCode(err) != graph.EInternal {
				t.Fatalf("error %v has code %q, want INTERNAL", err, graph.ErrorCode(err))
			}
			if graph.ErrorMessage(err) != "internal error" {
				t.Errorf("message %q shows detail to clients", graph.ErrorMessage(err))
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestDecodeShapes checks the decoders on results of the expected shape, nulls included.
func TestDecodeShapes(t *testing.T) {
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	rec := record("n", dbtype.Node{Props: map[string]any{"id": "w-1", "kind": "WORK", "label": "A work", "year": int64(2020)}},
		"r", dbtype.Relationship{Type: "CITES", Props: map[string]any{"id": "w-1>CITES>w-2", "source": "test",
			"addedAt": "2024-05-01T12:00:00Z", "retracted": true, "retractedBy": "ann", "retractedAt": "2024-05-01T12:00:00Z"}},
		"s", "w-1", "t", "w-2", "i", int64(1), "none", nil)
	n, err := nodeColumn(rec, "n")
	if err != nil {
		t.Fatal(err)
	}
	wantNode := &graph.Node{ID: "w-1", Kind: graph.Work, Label: "A work",
		Props: map[string]any{"id": "w-1", "kind": "WORK", "label": "A work", "year": int64(2020)}}
	if diff := cmp.Diff(wantNode, n); diff != "" {
		t.Errorf("node (-want +got):\n%s", diff)
	}
	e, err := edgeColumns(rec, "r", "s", "t")
	if err != nil {
		t.Fatal(err)
	}
	wantEdge := &graph.Edge{ID: "w-1>CITES>w-2", Type: graph.Cites, Source: "w-1", Target: "w-2", Props: map[string]any{},
		Provenance: graph.Provenance{Source: "test", AddedAt: at}, Retraction: &graph.Retraction{By: "ann", At: at}}
	if diff := cmp.Diff(wantEdge, e); diff != "" {
		t.Errorf("edge (-want +got):\n%s", diff)
	}
	if i, err := rowIndex(rec, 2); i != 1 || err != nil {
		t.Errorf("rowIndex = %d, %v; want 1", i, err)
	}
	if v, ok, err := optColumn[dbtype.Node](rec, "none"); ok || err != nil || v.Props != nil {
		t.Errorf("optColumn of null = %v, %v, %v; want nothing", v, ok, err)
	}
	if n, err := decodeNode(nil); n != nil || err != nil {
		t.Errorf("decodeNode(nil) = %v, %v; want nil", n, err)
	}
	m, err := decodeMapNode(map[string]any{"id": "p-1", "kind": "PERSON", "label": "Ann", "orcid": nil, "searchText": " ann"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&graph.Node{ID: "p-1", Kind: graph.Person, Label: "Ann",
		Props: map[string]any{"id": "p-1", "kind": "PERSON", "label": "Ann"}}, m); diff != "" {
		t.Errorf("projected node (-want +got):\n%s", diff)
	}
	me, err := decodeMapEdge(map[string]any{"t": "AUTHORED", "s": "p-1", "d": "w-1", "i": "p-1>AUTHORED>w-1"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&graph.Edge{ID: "p-1>AUTHORED>w-1", Type: graph.Authored, Source: "p-1", Target: "w-1",
		Props: map[string]any{}}, me); diff != "" {
		t.Errorf("projected edge (-want +got):\n%s", diff)
	}
}
