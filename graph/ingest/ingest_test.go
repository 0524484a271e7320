package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

func write(t *testing.T, path, content string, gz bool) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	b := []byte(content)
	if gz {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(b)
		zw.Close()
		b = buf.Bytes()
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSources(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "b", "2.json"), "{}", false)
	write(t, filepath.Join(dir, "a.jsonl.gz"), "{}", true)
	write(t, filepath.Join(dir, "b", "1.JSON"), "{}", false)
	write(t, filepath.Join(dir, "notes.txt"), "", false)
	write(t, filepath.Join(dir, "relationships.csv"), "", false)
	single := filepath.Join(dir, "notes.txt")

	srcs, err := ingest.Sources([]string{dir, "-", single}, ingest.JSONExts...)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range srcs {
		got = append(got, strings.TrimPrefix(s.Name, dir))
	}
	want := []string{"/a.jsonl.gz", "/b/1.JSON", "/b/2.json", "-", "/notes.txt"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}

	t.Run("a missing path or an empty folder is INVALID", func(t *testing.T) {
		if _, err := ingest.Sources([]string{filepath.Join(dir, "nope")}); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("missing path: %v", err)
		}
		empty := t.TempDir()
		if _, err := ingest.Sources([]string{empty}, ingest.JSONExts...); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("empty folder: %v", err)
		}
	})
}

func TestOpenDetectsGzipByContent(t *testing.T) {
	dir := t.TempDir()
	plain, packed := filepath.Join(dir, "x.gz"), filepath.Join(dir, "x.json")
	write(t, plain, `{"a": 1}`, false)
	write(t, packed, `{"a": 1}`, true)
	for _, p := range []string{plain, packed} {
		in, err := ingest.File(p).Open()
		if err != nil {
			t.Fatal(err)
		}
		b := new(bytes.Buffer)
		b.ReadFrom(in)
		in.Close()
		if b.String() != `{"a": 1}` {
			t.Errorf("%s read as %q", filepath.Base(p), b.String())
		}
		if in.Size <= 0 || in.Bytes() != in.Size {
			t.Errorf("%s: size %d, bytes read %d", filepath.Base(p), in.Size, in.Bytes())
		}
	}
}

type rec struct {
	Line int
	Text string
}

func readAll(t *testing.T, name, content string, shape ingest.JSONShape) []rec {
	t.Helper()
	in, err := ingest.Reader(name, strings.NewReader(content)).Open()
	if err != nil {
		t.Fatal(err)
	}
	var got []rec
	err = ingest.ReadJSON(in, shape, func(r ingest.JSONRecord) error {
		if r.Err != nil {
			got = append(got, rec{r.Line, "ERR " + r.Err.Error()})
			return nil
		}
		var v any
		if err := json.Unmarshal(r.Raw, &v); err != nil {
			got = append(got, rec{r.Line, "BAD " + string(r.Raw)})
			return nil
		}
		b, _ := json.Marshal(v)
		got = append(got, rec{r.Line, string(b)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestReadJSON(t *testing.T) {
	lists := ingest.JSONShape{Lists: []string{"results", "items"}, Wrappers: []string{"message"}}
	tests := []struct {
		name, file, in string
		want           []rec
	}{
		{"a single record", "a.json", "{\n  \"id\": 1,\n  \"x\": [1, 2]\n}\n",
			[]rec{{1, `{"id":1,"x":[1,2]}`}}},
		{"an array, records on their lines", "a.json", "[\n  {\"id\": 1},\n\n  {\"id\": 2},\n  {\n    \"id\": 3\n  }\n]",
			[]rec{{2, `{"id":1}`}, {4, `{"id":2}`}, {5, `{"id":3}`}}},
		{"a list page: meta is skipped, results are records", "p.json", "{\"meta\": {\"count\": 2},\n\"results\": [\n{\"id\": 1},\n{\"id\": 2}\n], \"group_by\": []}",
			[]rec{{3, `{"id":1}`}, {4, `{"id":2}`}}},
		{"a wrapped list", "c.json", `{"status": "ok", "message": {"items": [{"DOI": "10.1/a"}, {"DOI": "10.1/b"}], "total-results": 2}}`,
			[]rec{{1, `{"DOI":"10.1/a"}`}, {1, `{"DOI":"10.1/b"}`}}},
		{"a wrapped single record", "c.json", `{"status": "ok", "message": {"DOI": "10.1/a", "results": null}}`,
			[]rec{{1, `{"DOI":"10.1/a","results":null}`}}},
		{"concatenated documents", "a.json", "{\"id\": 1}\n[{\"id\": 2}]\n{\"results\": [{\"id\": 3}]}",
			[]rec{{1, `{"id":1}`}, {2, `{"id":2}`}, {3, `{"id":3}`}}},
		{"a syntax error ends the document", "a.json", "[\n{\"id\": 1},\n{\"id\": 2,,},\n{\"id\": 3}\n]",
			[]rec{{2, `{"id":1}`}, {3, "ERR malformed JSON: invalid character ',' looking for beginning of object key string; the rest of the document is skipped"}}},
		{"a truncated document", "a.json", "[{\"id\": 1}, {\"id\"",
			[]rec{{1, `{"id":1}`}, {1, "ERR malformed JSON: unexpected end of input; the rest of the document is skipped"}}},
		{"a top-level scalar", "a.json", "42",
			[]rec{{1, "ERR malformed JSON: a top-level value is a number, want an object or an array"}}},
		{"JSON Lines: a bad line loses only itself", "a.jsonl", "{\"id\": 1}\n{\"id\": \n\n{\"id\": 3}\r\n[{\"id\": 4}, {\"id\": 5}]\n{\"results\": [{\"id\": 6}]}",
			[]rec{{1, `{"id":1}`}, {2, `BAD {"id":`}, {4, `{"id":3}`}, {5, `{"id":4}`}, {5, `{"id":5}`}, {6, `{"id":6}`}}},
		{"standard input in JSON Lines is recognised", "-", "{\"id\": 1}\n{\"id\": 2}\n",
			[]rec{{1, `{"id":1}`}, {2, `{"id":2}`}}},
		{"standard input with one pretty-printed document", "-", "{\n  \"id\": 1\n}\n",
			[]rec{{1, `{"id":1}`}}},
		{"an empty document", "a.json", "  \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.file, tt.in, lists)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("records (-want +got):\n%s", diff)
			}
		})
	}

	t.Run("a long JSON Lines line", func(t *testing.T) {
		long := `{"x": "` + strings.Repeat("y", 200000) + `"}`
		got := readAll(t, "a.jsonl", long+"\n"+`{"id": 2}`, lists)
		if len(got) != 2 || got[1] != (rec{2, `{"id":2}`}) || len(got[0].Text) != len(long)-1 {
			t.Errorf("got %d records", len(got))
		}
	})
}

// recordingWriter is a graph.Writer that records the order of writes.
type recordingWriter struct {
	*ingesttest.Writer
	mu  sync.Mutex
	log []string
}

func (w *recordingWriter) UpsertNodes(ctx context.Context, ns []graph.NodeInput) (graph.WriteStats, error) {
	var keys []string
	for _, n := range ns {
		keys = append(keys, n.Key.Value)
	}
	w.mu.Lock()
	w.log = append(w.log, "nodes "+strings.Join(keys, ","))
	w.mu.Unlock()
	return w.Writer.UpsertNodes(ctx, ns)
}

func (w *recordingWriter) UpsertEdges(ctx context.Context, es []graph.EdgeInput) (graph.WriteStats, error) {
	var keys []string
	for _, e := range es {
		keys = append(keys, e.From.Value+">"+e.To.Value)
	}
	w.mu.Lock()
	w.log = append(w.log, "edges "+strings.Join(keys, ","))
	w.mu.Unlock()
	return w.Writer.UpsertEdges(ctx, es)
}

func work(key string, stub bool, props map[string]any) graph.NodeInput {
	return graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: key}, Stub: stub, Props: props,
		Prov: graph.Provenance{Source: "test", Record: key}}
}

func cites(from, to string) graph.EdgeInput {
	return graph.EdgeInput{Type: graph.Cites, Prov: graph.Provenance{Source: "test", Record: from},
		From: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: from},
		To:   graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: to}}
}

func TestBatcher(t *testing.T) {
	ctx := context.Background()
	t.Run("nodes are written before the edges that follow them, in batches", func(t *testing.T) {
		w := &recordingWriter{Writer: ingesttest.New()}
		b := ingest.NewBatcher(w, 2)
		b.Node(ctx, work("a", false, nil))
		b.Edge(ctx, cites("a", "b")) // b comes later, in the same batch of nodes
		b.Node(ctx, work("b", false, nil))
		b.Node(ctx, work("c", false, nil))
		b.Edge(ctx, cites("b", "c"))
		b.Edge(ctx, cites("c", "a"))
		b.Node(ctx, work("d", false, nil))
		st, err := b.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"nodes a,b", "nodes c", "edges a>b,b>c", "nodes d", "edges c>a"}
		if diff := cmp.Diff(want, w.log); diff != "" {
			t.Errorf("writes (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(graph.WriteStats{Created: 7}, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
	})

	t.Run("inputs for one key in a batch are merged; a stub never replaces a full node", func(t *testing.T) {
		w := &recordingWriter{Writer: ingesttest.New()}
		b := ingest.NewBatcher(w, 10)
		b.Node(ctx, work("a", true, map[string]any{"label": "stub"}))
		b.Node(ctx, work("a", false, map[string]any{"title": "A", "year": int64(1)}))
		b.Node(ctx, work("a", true, map[string]any{"label": "stub again"}))
		b.Node(ctx, work("a", false, map[string]any{"year": int64(2)}))
		b.Edge(ctx, cites("a", "a"))
		e := cites("a", "a")
		e.Props = map[string]any{"n": int64(1)}
		b.Edge(ctx, e)
		if _, err := b.Close(ctx); err != nil {
			t.Fatal(err)
		}
		ns, es := w.Inputs()
		if diff := cmp.Diff([]graph.NodeInput{work("a", false, map[string]any{"title": "A", "year": int64(2)})}, ns); diff != "" {
			t.Errorf("nodes (-want +got):\n%s", diff)
		}
		if len(es) != 1 || es[0].Props["n"] != int64(1) {
			t.Errorf("edges %+v", es)
		}
	})

	t.Run("inputs from different sources are not merged", func(t *testing.T) {
		w := &recordingWriter{Writer: ingesttest.New()}
		b := ingest.NewBatcher(w, 10)
		b.Node(ctx, work("a", false, nil))
		other := work("a", false, nil)
		other.Prov.Source = "other"
		b.Node(ctx, other)
		if _, err := b.Close(ctx); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"nodes a", "nodes a"}, w.log); diff != "" {
			t.Errorf("writes (-want +got):\n%s", diff)
		}
	})

	t.Run("an input handed over before, in any batch, is counted as unchanged, not written again", func(t *testing.T) {
		w := &recordingWriter{Writer: ingesttest.New()}
		b := ingest.NewBatcher(w, 1)
		for range 3 {
			b.Node(ctx, work("a", true, nil))
			b.Node(ctx, work("b", false, map[string]any{"title": "B"}))
			b.Edge(ctx, cites("b", "a"))
		}
		changed := work("b", false, map[string]any{"title": "B, corrected"})
		b.Node(ctx, changed)
		b.Node(ctx, work("b", true, nil)) // a stub of what the source named before
		st, err := b.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"nodes a", "nodes b", "edges b>a", "nodes b"}
		if diff := cmp.Diff(want, w.log); diff != "" {
			t.Errorf("writes (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(graph.WriteStats{Created: 3, Updated: 1, Unchanged: 7}, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
	})

	t.Run("a large batch of nodes is written as parts at once, all before the relationships that follow", func(t *testing.T) {
		w := &recordingWriter{Writer: ingesttest.New()}
		b := ingest.NewBatcher(w, 1000)
		b.SetWriters(3)
		for i := range 600 {
			b.Node(ctx, work(fmt.Sprint("w", i), false, nil))
		}
		for i := range 600 {
			b.Edge(ctx, cites(fmt.Sprint("w", i), fmt.Sprint("w", (i+1)%600)))
		}
		st, err := b.Close(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Created != 1200 {
			t.Errorf("created %d, want 1200", st.Created)
		}
		if len(w.log) != 4 {
			t.Fatalf("%d writes, want 3 of nodes and then 1 of relationships", len(w.log))
		}
		seen := map[string]bool{}
		for i, l := range w.log {
			kind, keys, _ := strings.Cut(l, " ")
			if want := map[bool]string{true: "nodes", false: "edges"}[i < 3]; kind != want {
				t.Errorf("write %d is of %s, want %s", i, kind, want)
			}
			for _, k := range strings.Split(keys, ",") {
				if seen[k] {
					t.Errorf("%s is in two parts", k)
				}
				seen[k] = true
			}
		}
	})

	t.Run("a failed write stops the batcher and is returned", func(t *testing.T) {
		fw := ingesttest.New()
		fw.Fail, fw.FailAt = graph.Errorf(graph.EUnavailable, "gone"), 2
		b := ingest.NewBatcher(fw, 1)
		var err error
		for i := 0; i < 100 && err == nil; i++ {
			err = b.Node(ctx, work(string(rune('a'+i%26))+strings.Repeat("x", i/26), false, nil))
		}
		_, cerr := b.Close(ctx)
		if graph.ErrorCode(cerr) != graph.EUnavailable {
			t.Errorf("Close: %v, want UNAVAILABLE", cerr)
		}
		if err == nil {
			t.Error("Node went on accepting inputs after a failed write")
		}
	})
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	// A toy format: each record {"k": key, "bad": reason} is a work, or a rejection.
	pass := func(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
		return s.JSON(ctx, srcs, ingest.JSONShape{}, func(raw json.RawMessage) (ingest.Record, error) {
			var r struct{ K, Bad string }
			if err := ingest.Decode(raw, &r); err != nil {
				return ingest.Record{}, err
			}
			if r.Bad != "" {
				return ingest.Record{ID: r.K}, errors.New(r.Bad)
			}
			return ingest.Record{ID: r.K, Nodes: []graph.NodeInput{work(r.K, false, nil)}}, nil
		})
	}
	good := `{"k": "a"}` + "\n" + `{"k": "b"}`
	bad := good + "\n" + `{"k": "c", "bad": "no good"}`

	t.Run("rejections are reported and the rest is written", func(t *testing.T) {
		w := ingesttest.New()
		st, err := ingest.Run(ctx, w, []ingest.Source{ingest.Reader("in.jsonl", strings.NewReader(bad))}, ingest.Options{Run: "r1"}, pass)
		if err != nil {
			t.Fatal(err)
		}
		want := ingest.Stats{Read: 3, Created: 2, Rejected: 1, Rejections: []ingest.Rejection{{File: "in.jsonl", Line: 3, Record: "c", Reason: "no good"}}}
		if diff := cmp.Diff(want, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
		if ns, _ := w.Inputs(); ns[0].Prov.Run != "r1" {
			t.Errorf("run not stamped into provenance: %+v", ns[0].Prov)
		}
	})

	t.Run("strict: a rejection fails the run and nothing is written", func(t *testing.T) {
		w := ingesttest.New()
		st, err := ingest.Run(ctx, w, []ingest.Source{ingest.Reader("-", strings.NewReader(bad))}, ingest.Options{Strict: true}, pass)
		if graph.ErrorCode(err) != graph.EInvalid || !strings.Contains(err.Error(), "1 of 3 records rejected, nothing written") {
			t.Errorf("error %v", err)
		}
		if n, e := w.Calls(); n+e != 0 || st.Rejected != 1 {
			t.Errorf("%d writes, stats %v", n+e, st)
		}
	})

	t.Run("strict: clean input is read twice and written once", func(t *testing.T) {
		w := ingesttest.New()
		var passes []string
		opt := ingest.Options{Strict: true, Progress: func(p ingest.Progress) {
			if p.Done {
				passes = append(passes, p.Pass)
			}
		}}
		st, err := ingest.Run(ctx, w, []ingest.Source{ingest.Reader("-", strings.NewReader(good))}, opt, pass)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(ingest.Stats{Read: 2, Created: 2}, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"validate", "import"}, passes); diff != "" {
			t.Errorf("passes (-want +got):\n%s", diff)
		}
	})

	t.Run("a cancelled context stops the run", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		_, err := ingest.Run(cctx, ingesttest.New(), []ingest.Source{ingest.Reader("in.jsonl", strings.NewReader(good))}, ingest.Options{}, pass)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error %v, want context.Canceled", err)
		}
	})

	t.Run("a write failure fails the run", func(t *testing.T) {
		w := ingesttest.New()
		w.Fail, w.FailAt = graph.Errorf(graph.EUnavailable, "gone"), 1
		_, err := ingest.Run(ctx, w, []ingest.Source{ingest.Reader("in.jsonl", strings.NewReader(good))}, ingest.Options{}, pass)
		if graph.ErrorCode(err) != graph.EUnavailable {
			t.Errorf("error %v, want UNAVAILABLE", err)
		}
	})
}

func TestRejectionString(t *testing.T) {
	r := ingest.Rejection{File: "ror-v2.jsonl.gz", Line: 1234, Record: "https://ror.org/0abc", Reason: `id: invalid ROR ID "https://ror.org/0abc": has 4 characters, want 9`}
	want := `ror-v2.jsonl.gz:1234 (https://ror.org/0abc): id: invalid ROR ID "https://ror.org/0abc": has 4 characters, want 9`
	if got := r.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
