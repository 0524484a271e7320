package csvlinks_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/csvlinks"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

func TestImport(t *testing.T) {
	w, st := ingesttest.Twice(t, csvlinks.Import, func() []ingest.Source {
		return ingesttest.Sources(t, csvlinks.Exts, "testdata")
	})
	ingesttest.CheckProvenance(t, w, csvlinks.Source)

	t.Run("bad rows are rejected with their line and the field at fault", func(t *testing.T) {
		var got []string
		for _, r := range st.Rejections {
			got = append(got, r.String())
		}
		want := []string{
			`testdata/links.csv:9 (0000-0002-1825-0098): source: invalid ORCID "0000-0002-1825-0098": check digit is 8, want 7`,
			`testdata/links.csv:10 (10.1068/d1509): relation: "FRIENDS_WITH" is not a relation type; use one of AFFILIATED_WITH, AUTHORED, BORDERS, CASE_COUNTRY, CITES, FUNDED_BY, HAS_TOPIC, LOCATED_IN, PARTICIPATES_IN, PART_OF, PUBLISHED_IN, RESULT_OF, STUDIES`,
			`testdata/links.csv:11 (0000-0002-1825-0097): relation: CITES cannot link a person to a work (it links work to work)`,
			`testdata/links.csv:12 (10.1068/d1509): target: is empty`,
			`testdata/links.csv:13 (10.1068/d1509): source_url: "ftp://example.org/x" is not an http or https URL`,
			`testdata/links.csv:14 (w-12345): source: "w-12345" is not a relgraph id (a letter, a hyphen and 16 hexadecimal digits, or c- and a country code)`,
			`testdata/links.csv:15 (10.1068/d1509): target: invalid identifier "not an id at all": does not look like any of the identifiers tried: DOI (10.…), ORCID iD (0000-0000-0000-0000), ISSN (0000-0000), OpenAlex ID (W, A, I, S, P, F, C or T and digits), ROR ID (0 and 8 characters), ISO 3166-1 alpha-2 or alpha-3 code (2 or 3 letters)`,
			`testdata/links.csv:16: malformed CSV: extraneous or missing " in quoted-field`,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rejections (-want +got):\n%s", diff)
		}
		if st.Read != 14 {
			t.Errorf("read %d rows, want 14", st.Read)
		}
	})

	t.Run("good rows become relationships with their note and source", func(t *testing.T) {
		type edge struct {
			Type            graph.RelType
			From, To        string
			Note, SourceURL any
		}
		var got []edge
		_, es := w.Inputs()
		for _, e := range es[:len(es)/2] {
			got = append(got, edge{e.Type, e.From.Scheme + ":" + e.From.Value, e.To.Scheme + ":" + e.To.Value, e.Props["note"], e.Props["sourceUrl"]})
		}
		want := []edge{
			{graph.CaseCountry, "doi:10.1080/1369183x.2019.1572483", "iso3:SSD", "Fieldwork in Juba", "https://example.org/notes/1"},
			{graph.Studies, "doi:10.1080/1369183x.2019.1572483", "ror:0437ej039", "UNHCR programmes", nil},
			{graph.AffiliatedWith, "orcid:0000-0002-1825-0097", "ror:04m01e293", nil, nil},
			{graph.Cites, "doi:10.1068/d1509", "doi:10.1111/j.1747-7379.2007.00088.x", "Quoted, with a comma", nil},
			{graph.HasTopic, "openalex:W2741809807", "openalex:C71924100", nil, nil},
			{graph.Borders, "id:c-fr", "iso2:ES", nil, nil},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("edges (-want +got):\n%s", diff)
		}
		// The countries are not in the fake graph and are never stubbed: those links are missing.
		if st.Missing != 2 {
			t.Errorf("%d missing, want 2 (the links to countries)", st.Missing)
		}
		if _, es := w.Inputs(); es[0].Prov.Record != "links.csv:2" {
			t.Errorf("provenance record %q, want links.csv:2", es[0].Prov.Record)
		}
	})
}

func TestHeader(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no header", "", "x.csv:1: the file is empty; want a header line source,relation,target,note,source_url"},
		{"a missing column", "source,relation,note\n", "x.csv:1: header: no column target; want source,relation,target,note,source_url"},
		{"a repeated column", "source,relation,target,source\n", `x.csv:1: header: column "source" appears twice`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := csvlinks.Import(context.Background(), ingesttest.New(), []ingest.Source{ingest.Reader("x.csv", strings.NewReader(tt.in))}, ingest.Options{Run: "r"})
			if err != nil {
				t.Fatal(err)
			}
			// An empty file is a rejection; a bad header makes the file one that cannot be read.
			got := append(st.Rejections, st.Incomplete...)
			if len(got) != 1 || got[0].String() != tt.want {
				t.Errorf("rejections and incomplete files %v, want %q", got, tt.want)
			}
		})
	}

	t.Run("columns in another order, in any case, after a byte order mark", func(t *testing.T) {
		in := "\ufeffTarget, Relation ,SOURCE\nGB,case_country,10.1068/d1509\n"
		w := ingesttest.New()
		st, err := csvlinks.Import(context.Background(), w, []ingest.Source{ingest.Reader("x.csv", strings.NewReader(in))}, ingest.Options{Run: "r"})
		if err != nil || st.Rejected != 0 || st.Read != 1 {
			t.Fatalf("%v %v %v", err, st, st.Rejections)
		}
		_, es := w.Inputs()
		if e := es[0]; e.Type != graph.CaseCountry || e.From.Value != "10.1068/d1509" || e.To.Value != "GB" {
			t.Errorf("edge %+v", e)
		}
	})
}

func TestTextBreakingTheGraphsRules(t *testing.T) {
	in := "source,relation,target,note\n" +
		"10.1068/d1509,CITES,10.1111/j.1747-7379.2007.00088.x,fine\n" +
		"10.1068/d1509,CITES,10.1111/j.1747-7379.2007.00089.x," + strings.Repeat("n", 100000) + "\n" +
		"10.1068/d1509,CITES,10.1111/j.1747-7379.2007.00090.x,a\x00b\n"
	st, err := csvlinks.Import(context.Background(), ingesttest.New(), []ingest.Source{ingest.Reader("x.csv", strings.NewReader(in))}, ingest.Options{Run: "r"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range st.Rejections {
		got = append(got, r.String())
	}
	want := []string{
		"x.csv:3 (10.1068/d1509): note: is 100000 characters long, more than the 2000 allowed",
		"x.csv:4 (10.1068/d1509): note: contains a NUL character (character 2)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
}

func TestFilesThatCannotBeRead(t *testing.T) {
	for _, tc := range []struct {
		name, in  string
		unreached int
	}{
		{"A file without the header counts its rows as not reached.", "a,b,c\n1,2,3\n\n4,5,\"6\n", 2},
		{"So does a binary file.", "\x7fELF\x02\x01\x01\x00\x00\x00\n\x03\x00>\x00\x01\x00\x00\x00\n\x10\x00\"\x00", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, err := csvlinks.Import(context.Background(), ingesttest.New(), []ingest.Source{ingest.Reader("x.csv", strings.NewReader(tc.in))}, ingest.Options{Run: "r"})
			if err != nil {
				t.Fatal(err)
			}
			if len(st.Incomplete) != 1 || st.Unreached != tc.unreached {
				t.Errorf("incomplete %v, unreached %d, want 1 and %d", st.Incomplete, st.Unreached, tc.unreached)
			}
		})
	}
}
