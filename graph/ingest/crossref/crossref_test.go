package crossref_test

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/crossref"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

const doi = "10.1080/1369183x.2019.1572483"

func TestImport(t *testing.T) {
	w, st := ingesttest.Twice(t, crossref.Import, func() []ingest.Source {
		return ingesttest.Sources(t, ingest.JSONExts, "testdata")
	})
	ingesttest.CheckProvenance(t, w, crossref.Source)

	t.Run("rejections name the record and the field", func(t *testing.T) {
		var got []string
		for _, r := range st.Rejections {
			got = append(got, r.String())
		}
		want := []string{
			`testdata/works.json:31 (10.5555/no-title): title is missing`,
			`testdata/works.json:38 (10.5555/bad-orcid): author[0].ORCID: invalid ORCID "http://orcid.org/0000-0001-9876-5438": check digit is 8, want 9`,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rejections (-want +got):\n%s", diff)
		}
		if st.Read != 5 {
			t.Errorf("read %d records, want 5", st.Read)
		}
	})

	t.Run("counts", func(t *testing.T) {
		type counts struct{ Works, StubWorks, People, Journals, Funders, Authored, PublishedIn, Cites, FundedBy int }
		full := func(k graph.Kind) int { f, _ := w.Count(k); return f }
		_, stubWorks := w.Count(graph.Work)
		got := counts{full(graph.Work), stubWorks, full(graph.Person), full(graph.Journal), full(graph.Organisation),
			len(w.Edges(graph.Authored)), len(w.Edges(graph.PublishedIn)), len(w.Edges(graph.Cites)), len(w.Edges(graph.FundedBy))}
		want := counts{Works: 3, StubWorks: 1, People: 6, Journals: 2, Funders: 3, Authored: 6, PublishedIn: 2, Cites: 3, FundedBy: 3}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("counts (-want +got):\n%s", diff)
		}
	})

	t.Run("a work and its journal", func(t *testing.T) {
		n := w.Node(graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: doi})
		want := map[string]any{
			"title": "Everyday bordering: the officials who run migration controls", "year@crossref": int64(2019),
			"publicationDate@crossref": "2019-02-14", "type@crossref": "journal-article", "language@crossref": "en",
			"abstract@crossref": "ABSTRACT Border regimes are studied through the everyday work of the officials who run them.",
			"referencedByCount": int64(27), "publisher": "Informa UK Limited", "stub": false,
		}
		if diff := cmp.Diff(want, pick(n, want)); diff != "" {
			t.Errorf("work (-want +got):\n%s", diff)
		}
		j := w.Node(graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: "0197-9183"})
		wantJ := map[string]any{"title": "International Migration Review", "issns@crossref": []string{"0197-9183", "1747-7379"}}
		if diff := cmp.Diff(wantJ, pick(j, wantJ)); diff != "" {
			t.Errorf("journal keyed by the print ISSN (-want +got):\n%s", diff)
		}
		if n := w.Node(graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: "10.5555/book.2020"}); n == nil || n.Props["publicationDate@crossref"] != "2020" {
			t.Errorf("book with a resolver-URL DOI and a partial date: %+v", n)
		}
	})
}

func pick(n *ingesttest.Node, want map[string]any) map[string]any {
	got := map[string]any{}
	if n == nil {
		return got
	}
	for k := range want {
		got[k] = n.Props[k]
	}
	return got
}

func TestMapEdges(t *testing.T) {
	b, err := os.ReadFile("testdata/work.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec ingest.Record
	err = ingest.ReadJSONBytes(b, crossref.Shape, func(jr ingest.JSONRecord) error {
		var err error
		rec, err = crossref.Map(jr.Raw)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	work := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: doi}
	person := func(s, v string) graph.Ref { return graph.Ref{Kind: graph.Person, Scheme: s, Value: v} }
	org := func(v string) graph.Ref {
		return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeKey, Value: v}
	}
	cited := func(v string) graph.Ref { return graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: v} }
	prov := graph.Provenance{Source: crossref.Source, Record: doi}
	want := []graph.EdgeInput{
		{Type: graph.Authored, From: person(graph.SchemeORCID, "0000-0002-1825-0097"), To: work, Prov: prov, Props: map[string]any{
			"position": int64(1), "rawName": "Josiah Carberry", "affiliations": []string{"Department of Psychoceramics, Brown University, Providence, USA"}}},
		{Type: graph.Authored, From: person(graph.SchemeKey, "crossref:"+doi+"#2"), To: work, Prov: prov, Props: map[string]any{
			"position": int64(2), "rawName": "Amina Diallo", "affiliations": []string{
				"Institut de recherche pour le développement, Marseille, France", "Université Cheikh Anta Diop, Dakar, Senegal"}}},
		{Type: graph.Authored, From: person(graph.SchemeKey, "crossref:"+doi+"#3"), To: work, Prov: prov, Props: map[string]any{
			"position": int64(3), "rawName": "Border Studies Collective", "affiliations": nil}},
		{Type: graph.PublishedIn, From: work, To: graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: "1369-183X"}, Prov: prov,
			Props: map[string]any{"volume": "45", "issue": "7", "pages": "1103-1121"}},
		{Type: graph.Cites, From: work, To: cited("10.1068/d1509"), Prov: prov},
		{Type: graph.Cites, From: work, To: cited("10.1111/j.1747-7379.2007.00088.x"), Prov: prov},
		{Type: graph.FundedBy, From: work, To: org("fundref:501100000780"), Prov: prov, Props: map[string]any{"award": "770330, 822806"}},
		{Type: graph.FundedBy, From: work, To: org("crossref-funder:swiss network for international studies"), Prov: prov, Props: map[string]any{"award": nil}},
	}
	if diff := cmp.Diff(want, rec.Edges); diff != "" {
		t.Errorf("edges (-want +got):\n%s", diff)
	}
}
