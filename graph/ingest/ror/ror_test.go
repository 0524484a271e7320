package ror_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
	"github.com/relgraph/relgraph/graph/ingest/ror"
)

// counts are what a data set holds, counted independently of this package (with a script over
// the JSON): records, organisations only linked to, countries, and distinct LOCATED_IN and
// PART_OF pairs.
type counts struct {
	Records, StubOrgs, Countries, LocatedIn, PartOf int
}

func TestImport(t *testing.T) {
	tests := []struct {
		name string
		path string
		want counts
	}{
		// The folder holds 2,431 records and relationships.csv, which is not a record.
		{"release v2.9 folder", "ror/release_v2.9", counts{2431, 2600, 116, 2432, 4208}},
		{"mixed v1 and v2 records in nested folders", "ror/migration_related", counts{58, 1429, 22, 58, 1710}},
		{"the gzip JSON Lines dump", "ror/ror-v2-latest.jsonl.gz", counts{35990, 5990, 213, 36008, 19949}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if testing.Short() && strings.HasSuffix(tt.path, ".gz") {
				t.Skip("the 36,000-record dump is slow for -short")
			}
			path := ingesttest.Data(t, tt.path)
			w, st := ingesttest.Twice(t, ror.Import, func() []ingest.Source {
				return ingesttest.Sources(t, ingest.JSONExts, path)
			})
			if st.Read != tt.want.Records || st.Rejected != 0 {
				t.Errorf("read %d, rejected %d %v, want %d and 0", st.Read, st.Rejected, st.Rejections, tt.want.Records)
			}
			full, stubs := w.Count(graph.Organisation)
			_, countries := w.Count(graph.Country)
			got := counts{full, stubs, countries, len(w.Edges(graph.LocatedIn)), len(w.Edges(graph.PartOf))}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("counts (-want +got):\n%s", diff)
			}
			if st.Missing != 0 {
				t.Errorf("%d relationships with a missing end", st.Missing)
			}
			ingesttest.CheckProvenance(t, w, ror.Source)
		})
	}
}

func TestRecords(t *testing.T) {
	w := ingesttest.New()
	ingesttest.Run(t, ror.Import, w, ingest.Options{Run: "r"}, ingesttest.Sources(t, ingest.JSONExts,
		ingesttest.Data(t, "ror/release_v2.9/02bm5b678.json"),
		ingesttest.Data(t, "ror/migration_related/v1.42/01jn0j059.json")))
	tests := []struct {
		name string
		ror  string
		want map[string]any
	}{
		{"a v2 record", "02bm5b678", map[string]any{
			"name": "Missouri Soybeans", "name@ror": "Missouri Soybeans", "aliases@ror": []string{"Missouri Soybean"},
			"acronyms@ror": []string{"MoSoy"}, "types": []string{"funder", "nonprofit"}, "fundref": "100016707",
			"established": int64(1966), "website@ror": "https://mosoy.org", "city@ror": "Jefferson City",
			"countryCode": "US", "status": "active", "stub": false, "ror": "02bm5b678",
		}},
		{"a v1 record", "01jn0j059", map[string]any{
			"name":  "Bohdan Khmelnytskyi National Academy of the State Border Guard Service of Ukraine",
			"types": []string{"education"}, "acronyms@ror": []string{"НАДПСУ", "NASBGSU"}, "wikidata": "Q4314791",
			"labels":  []string{"Національна академія Державної прикордонної служби України імені Богдана Хмельницького"},
			"lat@ror": 49.41835, "city@ror": "Khmelnytskyi", "countryCode": "UA", "established": int64(1995),
			"website@ror": "https://nadpsu.edu.ua", "stub": false, "ror": "01jn0j059",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := w.Node(graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: tt.ror})
			if n == nil {
				t.Fatal("not imported")
			}
			got := map[string]any{}
			for k := range tt.want {
				got[k] = n.Props[k]
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("props (-want +got):\n%s", diff)
			}
		})
	}
}

func TestRejections(t *testing.T) {
	lines := []string{
		`{"id": "https://ror.org/02bm5b678", "names": [{"value": "Good", "types": ["ror_display"]}], "locations": [], "relationships": []}`,
		`{"id": "https://ror.org/02bm5b679", "names": [{"value": "Bad checksum", "types": ["ror_display"]}]}`,
		`{"id": "https://ror.org/04m01e293", "names": [{"value": "Nameless", "types": ["alias"]}]}`,
		`{"id": "https://ror.org/04m01e293", "names": [{"value": "X", "types": ["ror_display"]}], "locations": [{"geonames_details": {"country_code": "U5"}}]}`,
		`{"id": "https://ror.org/04m01e293", "names": [{"value": "X", "types": ["ror_display"]}], "relationships": [{"id": "https://ror.org/x", "type": "parent"}]}`,
		`{"id": "https://ror.org/04m01e293", "name": "V1", "external_ids": {"GRID": {"all": 5}}}`,
		`{"id": "https://ror.org/04m01e293", "names": [ broken`,
		``,
		`{"id": "https://ror.org/04m01e293", "name": "Also good", "country": {"country_code": "gb"}}`,
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "ror-v2.jsonl.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	zw.Write([]byte(strings.Join(lines, "\n")))
	zw.Close()
	f.Close()

	w := ingesttest.New()
	st, err := ror.Import(context.Background(), w, []ingest.Source{ingest.File(path)}, ingest.Options{Run: "r"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range st.Rejections {
		got = append(got, strings.TrimPrefix(r.String(), dir+string(filepath.Separator)))
	}
	want := []string{
		`ror-v2.jsonl.gz:2 (https://ror.org/02bm5b679): id: invalid ROR ID "https://ror.org/02bm5b679": check digits are 79, want 78`,
		`ror-v2.jsonl.gz:3 (https://ror.org/04m01e293): no name of type "ror_display"`,
		`ror-v2.jsonl.gz:4 (https://ror.org/04m01e293): locations[0].geonames_details.country_code: invalid ISO 3166-1 alpha-2 code "U5": '5' is not a letter A to Z`,
		`ror-v2.jsonl.gz:5 (https://ror.org/04m01e293): relationships[0].id: invalid ROR ID "https://ror.org/x": has 1 characters, want 9`,
		`ror-v2.jsonl.gz:6: field external_ids.all: JSON number where an array was expected`,
		`ror-v2.jsonl.gz:7: malformed JSON: invalid character 'b' looking for beginning of value`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if st.Read != 8 || st.Rejected != 6 {
		t.Errorf("stats %v", st)
	}
	if full, _ := w.Count(graph.Organisation); full != 2 {
		t.Errorf("%d organisations imported, want 2", full)
	}
	if n := w.Node(graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: "GB"}); n == nil || !n.Stub {
		t.Errorf("country stub GB: %+v", n)
	}
}

func TestPartOfIsOneRelationshipFromEitherSide(t *testing.T) {
	parent := `{"id": "https://ror.org/02bm5b678", "names": [{"value": "Parent", "types": ["ror_display"]}],
	  "relationships": [{"id": "https://ror.org/04m01e293", "label": "Child", "type": "child"}]}`
	child := `{"id": "https://ror.org/04m01e293", "names": [{"value": "Child", "types": ["ror_display"]}],
	  "relationships": [{"id": "https://ror.org/02bm5b678", "label": "Parent", "type": "parent"}]}`
	pr, err := ror.Map([]byte(parent))
	if err != nil {
		t.Fatal(err)
	}
	cr, err := ror.Map([]byte(child))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(pr.Edges, cr.Edges); diff != "" {
		t.Errorf("the two sides give different PART_OF inputs (-parent +child):\n%s", diff)
	}
}

func TestInterruptedImportResumes(t *testing.T) {
	src := func() []ingest.Source {
		return ingesttest.Sources(t, ingest.JSONExts, ingesttest.Data(t, "ror/release_v2.9"))
	}
	opt := ingest.Options{BatchSize: 100, Run: "r"}
	whole := ingesttest.New()
	ingesttest.Run(t, ror.Import, whole, opt, src())

	for _, failAt := range []int{1, 7, 40} {
		t.Run(fmt.Sprintf("killed at write %d", failAt), func(t *testing.T) {
			w := ingesttest.New()
			w.Fail, w.FailAt = graph.Errorf(graph.EUnavailable, "killed"), failAt
			if _, err := ror.Import(context.Background(), w, src(), opt); graph.ErrorCode(err) != graph.EUnavailable {
				t.Fatalf("interrupted import: %v, want UNAVAILABLE", err)
			}
			w.Fail = nil
			ingesttest.Run(t, ror.Import, w, opt, src())
			if diff := cmp.Diff(whole.Nodes(""), w.Nodes("")); diff != "" {
				t.Errorf("nodes differ from an uninterrupted import (-whole +resumed):\n%s", diff)
			}
			if diff := cmp.Diff(whole.Edges(""), w.Edges("")); diff != "" {
				t.Errorf("relationships differ from an uninterrupted import (-whole +resumed):\n%s", diff)
			}
		})
	}
}
