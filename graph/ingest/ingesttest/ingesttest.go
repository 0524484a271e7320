package ingesttest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
)

// ImportFunc is the Import function every format package has.
type ImportFunc func(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error)

// Data returns the path of a file or folder of the shared test data (../shared/data beside the
// repository, or $RELGRAPH_DATA), failing the test when it is not there.
func Data(t testing.TB, rel string) string {
	t.Helper()
	dir := os.Getenv("RELGRAPH_DATA")
	if dir == "" {
		out, err := exec.Command("go", "env", "GOMOD").Output()
		if err != nil || len(bytes.TrimSpace(out)) == 0 {
			t.Fatalf("cannot find the repository root: %v", err)
		}
		dir = filepath.Join(filepath.Dir(string(bytes.TrimSpace(out))), "..", "shared", "data")
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("test data %s is missing (set RELGRAPH_DATA to the shared data folder): %v", rel, err)
	}
	return p
}

// Sources expands paths as the import command does, failing the test on error.
func Sources(t testing.TB, exts []string, paths ...string) []ingest.Source {
	t.Helper()
	srcs, err := ingest.Sources(paths, exts...)
	if err != nil {
		t.Fatal(err)
	}
	return srcs
}

// Run imports srcs into w and fails the test on error.
func Run(t testing.TB, imp ImportFunc, w graph.Writer, opt ingest.Options, srcs []ingest.Source) ingest.Stats {
	t.Helper()
	st, err := imp(context.Background(), w, srcs, opt)
	if err != nil {
		t.Fatalf("import: %v (stats: %v)", err, st)
	}
	return st
}

// Twice imports the sources that mk makes into a new Writer twice, with small batches, and checks
// that the second run creates and updates nothing and hands the writer the same inputs as the
// first. It returns the writer and the stats of the first run.
func Twice(t testing.TB, imp ImportFunc, mk func() []ingest.Source) (*Writer, ingest.Stats) {
	t.Helper()
	w := New()
	opt := ingest.Options{BatchSize: 97, Run: "test"}
	first := Run(t, imp, w, opt, mk())
	ns1, es1 := w.Inputs()
	second := Run(t, imp, w, opt, mk())
	ns2, es2 := w.Inputs()
	if second.Created != 0 || second.Updated != 0 {
		t.Errorf("second run: %v, want 0 created, 0 updated", second)
	}
	if first.Read != second.Read || first.Rejected != second.Rejected {
		t.Errorf("second run read %d and rejected %d, first %d and %d", second.Read, second.Rejected, first.Read, first.Rejected)
	}
	// cmp.Diff is slow on large inputs: only ask it where the inputs differ.
	if !reflect.DeepEqual(ns1, ns2[len(ns1):]) {
		t.Errorf("node inputs differ between runs (-first +second):\n%s", cmp.Diff(ns1, ns2[len(ns1):]))
	}
	if !reflect.DeepEqual(es1, es2[len(es1):]) {
		t.Errorf("edge inputs differ between runs (-first +second):\n%s", cmp.Diff(es1, es2[len(es1):]))
	}
	return w, first
}

// CheckProvenance fails the test for every input without a provenance source and record, or
// from a source other than one of sources.
func CheckProvenance(t testing.TB, w *Writer, sources ...string) {
	t.Helper()
	ns, es := w.Inputs()
	bad := 0
	ok := func(p graph.Provenance) bool {
		if p.Record == "" || p.Run == "" {
			return false
		}
		for _, s := range sources {
			if p.Source == s {
				return true
			}
		}
		return false
	}
	for _, n := range ns {
		if !ok(n.Prov) {
			if bad++; bad <= 5 {
				t.Errorf("node %v has provenance %+v", n.Key, n.Prov)
			}
		}
	}
	for _, e := range es {
		if !ok(e.Prov) {
			if bad++; bad <= 5 {
				t.Errorf("edge %s %v→%v has provenance %+v", e.Type, e.From, e.To, e.Prov)
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d inputs with bad provenance in all", bad)
	}
}

// Count returns the number of stored nodes of kind k that are full records (not stubs).
func (w *Writer) Count(k graph.Kind) (full, stubs int) {
	for _, n := range w.Nodes(k) {
		if n.Stub {
			stubs++
		} else {
			full++
		}
	}
	return full, stubs
}

// CheckRecord fails the test when a mapped record holds an input the store would refuse.
func CheckRecord(t testing.TB, rec ingest.Record) {
	t.Helper()
	for _, n := range rec.Nodes {
		if err := CheckNode(n); err != nil {
			t.Errorf("record %q: node: %v", rec.ID, err)
		}
	}
	for _, e := range rec.Edges {
		if err := CheckEdge(e); err != nil {
			t.Errorf("record %q: edge: %v", rec.ID, err)
		}
	}
}

// FuzzMap is the body of the fuzz targets of the JSON formats: mapping any input must not panic,
// must give the same result twice, and must give only inputs the store accepts.
func FuzzMap(t *testing.T, m ingest.MapFunc, data []byte) {
	rec, err := m(data)
	again, err2 := m(data)
	if (err == nil) != (err2 == nil) || !reflect.DeepEqual(rec, again) {
		t.Fatalf("mapping the same input twice gave different results: %v, %v", err, err2)
	}
	if err != nil {
		if err.Error() == "" {
			t.Fatal("a rejection without a reason")
		}
		return
	}
	CheckRecord(t, rec)
}
