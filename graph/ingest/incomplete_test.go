package ingest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

// toyPass imports records {"k": key} as works.
func toyPass(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
	return s.JSON(ctx, srcs, ingest.JSONShape{Lists: []string{"results"}}, func(raw json.RawMessage) (ingest.Record, error) {
		var r struct{ K, Note string }
		if err := ingest.Decode(raw, &r); err != nil {
			return ingest.Record{}, err
		}
		n := work(r.K, false, map[string]any{"title": "T " + r.K})
		if r.Note != "" {
			n.Props["note"] = r.Note
		}
		return ingest.Record{ID: r.K, Nodes: []graph.NodeInput{n}}, nil
	})
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func lines(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(`{"k": "r` + strconv.Itoa(i*7919%10007) + `"}` + "\n")
	}
	return b.String()
}

func TestSourcesThatCannotBeReadToTheirEnd(t *testing.T) {
	big := []byte(lines(5000))
	half := func(b []byte) []byte { return b[:len(b)/2] }
	truncated := half(gz(big))
	corrupt := gz(big)
	corrupt[len(corrupt)/2] ^= 0xff // in the compressed data
	badMethod := gz(big)
	badMethod[2] = 7 // not deflate: gzip's header is broken
	random := make([]byte, 4096)
	rng := rand.NewChaCha8([32]byte{1})
	rng.Read(random)
	random[0] = 'x' // not by chance gzip's magic
	elf := append([]byte("\x7fELF\x02\x01\x01\x00"), random[:2000]...)

	for _, tc := range []struct {
		name, file string
		content    []byte
		reason     string // the start of the reason reading stopped
	}{
		{"A truncated gzip file of JSON Lines.", "a.jsonl.gz", truncated, "cannot read past line "},
		{"A truncated gzip file of one JSON document.", "a.json.gz", half(gz([]byte("[" + strings.ReplaceAll(strings.TrimSpace(string(big)), "\n", ",\n") + "]"))), "cannot read past line "},
		{"Gzip data corrupt in the middle.", "a.jsonl.gz", corrupt, "cannot read past line "},
		{"A corrupt gzip header.", "a.json.gz", badMethod, "a.json.gz is not valid gzip"},
		{"Random bytes.", "a.json", random, "malformed JSON: invalid character"},
		{"Random bytes on standard input.", "-", random, "malformed JSON: invalid character"},
		{"An ELF binary.", "a.json", elf, "malformed JSON: invalid character"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			good := filepath.Join(dir, "z-good.jsonl")
			if err := os.WriteFile(good, []byte(`{"k": "good"}`), 0o644); err != nil {
				t.Fatal(err)
			}
			src := ingest.Reader("-", bytes.NewReader(tc.content))
			if tc.file != "-" {
				p := filepath.Join(dir, tc.file)
				if err := os.WriteFile(p, tc.content, 0o644); err != nil {
					t.Fatal(err)
				}
				src = ingest.File(p)
			}
			w := ingesttest.New()
			st, err := ingest.Run(context.Background(), w, []ingest.Source{src, ingest.File(good)}, ingest.Options{Run: "r"}, toyPass)
			if err != nil {
				t.Fatalf("the run failed: %v", err)
			}
			if len(st.Incomplete) != 1 || st.Incomplete[0].File != src.Name || !strings.Contains(st.Incomplete[0].Reason, tc.reason) {
				t.Fatalf("incomplete sources %v, want %s stopped with %q", st.Incomplete, src.Name, tc.reason)
			}
			if w.Node(graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: "good"}) == nil {
				t.Errorf("the source after the broken one was not imported: %v", st)
			}
			t.Logf("%v; %v", st, st.Incomplete)

			// A strict run writes nothing and says why.
			w = ingesttest.New()
			_, err = ingest.Run(context.Background(), w, []ingest.Source{src, ingest.File(good)}, ingest.Options{Strict: true}, toyPass)
			if tc.file == "-" {
				return // standard input was read once already
			}
			if graph.ErrorCode(err) != graph.EInvalid || !strings.Contains(err.Error(), "1 of 2 sources could not be read to their end, nothing written") {
				t.Errorf("strict run: %v", err)
			}
			if n, e := w.Calls(); n+e != 0 {
				t.Errorf("a strict run wrote %d batches", n+e)
			}
		})
	}
}

func TestRecordsAfterASyntaxErrorAreCounted(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		read     int
		want     int // records not reached
	}{
		{"In an array, the records after the broken one are counted.",
			"[\n{\"k\": \"a\"},\n{\"k\": \"b\",,},\n{\"k\": \"c\"},\n{\"k\": \"d\", \"note\": \"x, [y}\"}\n]", 1, 3},
		{"In a list page too; a missing comma makes the record after it the broken one.",
			`{"meta": {"count": 4}, "results": [{"k": "a"}, {"k": "b"} {"k": "c"}, {"k": "d"}]}`, 2, 2},
		{"A broken string does not hide the lines after it.",
			"[\n{\"k\": \"a\"},\n{\"k\": \"b\x01\"},\n{\"k\": \"c\"}\n]", 1, 2},
		{"The last record broken is the one not reached.",
			"[{\"k\": \"a\"}, {\"k\" \"b\"}]", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := ingesttest.New()
			st, err := ingest.Run(context.Background(), w, []ingest.Source{ingest.Reader("a.json", strings.NewReader(tc.in))}, ingest.Options{}, toyPass)
			if err != nil {
				t.Fatal(err)
			}
			got := [3]int{st.Read, st.Unreached, len(st.Incomplete)}
			if diff := cmp.Diff([3]int{tc.read, tc.want, 1}, got); diff != "" {
				t.Errorf("read, unreached, incomplete (-want +got):\n%s\n%v %v", diff, st, st.Rejections)
			}
		})
	}
}

func TestRecordsBreakingTheGraphsRulesAreRejected(t *testing.T) {
	in := `{"k": "a", "note": "fine"}` + "\n" +
		`{"k": "b", "note": "` + strings.Repeat("n", 100000) + `"}` + "\n" +
		`{"k": "c", "note": "a\u0000b"}` + "\n"
	w := ingesttest.New()
	st, err := ingest.Run(context.Background(), w, []ingest.Source{ingest.Reader("in.jsonl", strings.NewReader(in))}, ingest.Options{}, toyPass)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range st.Rejections {
		got = append(got, r.String())
	}
	want := []string{
		"in.jsonl:2 (b): note: is 100000 characters long, more than the 2000 allowed",
		"in.jsonl:3 (c): note: contains a NUL character (character 2)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if st.Read != 3 || st.Created != 1 {
		t.Errorf("stats %v", st)
	}
}
