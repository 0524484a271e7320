package ingest_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/relgraph/relgraph/graph/ingest"
)

var fuzzShape = ingest.JSONShape{Lists: []string{"results", "items"}, Wrappers: []string{"message"}}

// FuzzReadJSON reads arbitrary input as a JSON document and as JSON Lines. Reading must not fail
// or panic, records must come with a line within the input, and in a document every record must
// be valid JSON.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"meta": {"count": 1}, "results": [{"id": 1}, {"id": 2}]}`))
	f.Add([]byte("[\n{\"a\": 1},\n{\"a\": [1, {\"b\": null}]}\n]"))
	f.Add([]byte("{\"a\": 1}\n{\"a\": \n[{\"b\": 2}]\n"))
	f.Add([]byte(`{"status": "ok", "message": {"items": [{"DOI": "10.1/a"}], "results": {"x": [1]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := bytes.Count(data, []byte("\n")) + 1
		check := func(mode string, doc bool) func(ingest.JSONRecord) error {
			return func(r ingest.JSONRecord) error {
				if r.Line < 1 || r.Line > lines {
					t.Errorf("%s: line %d of %d", mode, r.Line, lines)
				}
				if r.Err == nil && doc && !json.Valid(r.Raw) {
					t.Errorf("%s: invalid record %q", mode, r.Raw)
				}
				if r.Err != nil && r.Raw != nil {
					t.Errorf("%s: a record with an error", mode)
				}
				return nil
			}
		}
		if err := ingest.ReadJSONBytes(data, fuzzShape, check("document", true)); err != nil {
			t.Fatal(err)
		}
		in, err := ingest.Reader("f.jsonl", bytes.NewReader(data)).Open()
		if err != nil {
			t.Fatal(err)
		}
		if err := ingest.ReadJSON(in, fuzzShape, check("lines", false)); err != nil {
			t.Fatal(err)
		}
	})
}
