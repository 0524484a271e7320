package openalex_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
)

func works(t *testing.T) []ingest.Source {
	return ingesttest.Sources(t, ingest.JSONExts, ingesttest.Data(t, "openalex-works-openalexPro"))
}

// The expected numbers below were counted independently of this package, with a script over the
// JSON applying the same keys (DOI, ORCID, ROR, ISSN-L, else OpenAlex id).
func TestWorks(t *testing.T) {
	w, st := ingesttest.Twice(t, openalex.Import, func() []ingest.Source { return works(t) })
	ingesttest.CheckProvenance(t, w, openalex.Source)

	t.Run("every record is read and the one without a title is rejected", func(t *testing.T) {
		if st.Read != 221 || st.Rejected != 1 {
			t.Fatalf("read %d, rejected %d, want 221 and 1", st.Read, st.Rejected)
		}
		r := st.Rejections[0]
		want := "snowball/cited_results_page_1.json:1 (W2963341956): title is missing"
		if got := r.String(); !strings.HasSuffix(got, want) {
			t.Errorf("rejection %q, want it to end with %q", got, want)
		}
		// Two works cite it, so it is in the graph all the same, as a stub.
		if n := w.Node(graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: "W2963341956"}); n == nil || !n.Stub {
			t.Errorf("the rejected work is not a stub: %+v", n)
		}
	})

	t.Run("counts", func(t *testing.T) {
		type counts struct {
			Works, StubWorks, People, Orgs, Countries, Journals, Topics, StubFunders int
			Cites, Authored, Affiliated, LocatedIn, PublishedIn, HasTopic, FundedBy  int
		}
		full := func(k graph.Kind) int { f, _ := w.Count(k); return f }
		stub := func(k graph.Kind) int { _, s := w.Count(k); return s }
		got := counts{
			Works: full(graph.Work), StubWorks: stub(graph.Work), People: full(graph.Person),
			Orgs: full(graph.Organisation), Countries: stub(graph.Country), Journals: full(graph.Journal),
			Topics: full(graph.Topic), StubFunders: stub(graph.Organisation),
			Cites: len(w.Edges(graph.Cites)), Authored: len(w.Edges(graph.Authored)),
			Affiliated: len(w.Edges(graph.AffiliatedWith)), LocatedIn: len(w.Edges(graph.LocatedIn)),
			PublishedIn: len(w.Edges(graph.PublishedIn)), HasTopic: len(w.Edges(graph.HasTopic)),
			FundedBy: len(w.Edges(graph.FundedBy)),
		}
		want := counts{
			Works: 220, StubWorks: 2790, People: 502, Orgs: 176, Countries: 39, Journals: 118, Topics: 1116, StubFunders: 4,
			Cites: 3130, Authored: 568, Affiliated: 361, LocatedIn: 175, PublishedIn: 191, HasTopic: 3730, FundedBy: 4,
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("counts (-want +got):\n%s", diff)
		}
		if st.Missing != 0 {
			t.Errorf("%d relationships with a missing end", st.Missing)
		}
	})

	t.Run("the snowball sample has its 45 citation links", func(t *testing.T) {
		sets := map[string]map[string]bool{}
		for _, name := range []string{"keypaper", "citing", "cited"} {
			sets[name] = resultIDs(t, ingesttest.Data(t, "openalex-works-openalexPro/snowball/"+name+"_results_page_1.json"))
		}
		byID := map[string]string{} // node id to OpenAlex id
		for _, n := range w.Nodes(graph.Work) {
			byID[n.ID], _ = n.Props["openalex"].(string)
		}
		links := map[string]int{}
		for _, e := range w.Edges(graph.Cites) {
			from, to := byID[e.From], byID[e.To]
			for _, a := range []string{"citing", "keypaper"} {
				for _, b := range []string{"keypaper", "cited"} {
					if sets[a][from] && sets[b][to] {
						links[a+"→"+b]++
					}
				}
			}
		}
		want := map[string]int{"citing→keypaper": 3, "keypaper→cited": 42}
		if diff := cmp.Diff(want, links); diff != "" {
			t.Errorf("citation links (-want +got):\n%s", diff)
		}
	})

	t.Run("a work with its authors, journal, topics and references", func(t *testing.T) {
		// Works are keyed by OpenAlex id, and found by DOI as well.
		key := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: "W3046863325"}
		n := w.Node(graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: "10.1145/3383583.3398584"})
		if n == nil {
			t.Fatal("key paper W3046863325 not imported")
		}
		want := map[string]any{
			"title":         "Trends of Publications' Citations and Altmetrics Based on Open Access Types",
			"openalex":      "W3046863325",
			"year@openalex": int64(2020), "publicationDate@openalex": "2020-08-01", "language@openalex": "en",
			"citedByCount": int64(3), "stub": false,
		}
		got := map[string]any{}
		for k := range want {
			got[k] = n.Props[k]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("props (-want +got):\n%s", diff)
		}
		if a, _ := n.Props["abstract@openalex"].(string); !strings.HasPrefix(a, "This paper analyzes") {
			t.Errorf("abstract %q", a)
		}
		_, es := w.Inputs()
		var authored []map[string]any
		for _, e := range es {
			if e.Type == graph.Authored && e.To == key {
				authored = append(authored, e.Props)
			}
		}
		wantA := []map[string]any{
			{"position": int64(1), "corresponding": false, "rawName": "Chifumi Nishioka"},
			{"position": int64(2), "corresponding": false, "rawName": "Michael Färber"},
		}
		if diff := cmp.Diff(wantA, authored[:2]); diff != "" {
			t.Errorf("AUTHORED (-want +got):\n%s", diff)
		}
		p := w.Node(graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: "0000-0001-5458-8645"})
		if p == nil || p.Props["openalex"] != "A5031600582" || p.Props["name"] != "Michael Färber" {
			t.Errorf("author: %+v", p)
		}
	})
}

func resultIDs(t *testing.T, path string) map[string]bool {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Results []struct {
			ID string `json:"id"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &page); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range page.Results {
		ids[strings.TrimPrefix(r.ID, "https://openalex.org/")] = true
	}
	return ids
}

func TestEntities(t *testing.T) {
	w, st := ingesttest.Twice(t, openalex.Import, func() []ingest.Source {
		return ingesttest.Sources(t, ingest.JSONExts, ingesttest.Data(t, "openalex-entity-fixtures"))
	})
	ingesttest.CheckProvenance(t, w, openalex.Source)
	if st.Read != 10 || st.Rejected != 0 {
		t.Fatalf("read %d, rejected %d %v, want 10 and 0", st.Read, st.Rejected, st.Rejections)
	}
	tests := []struct {
		name string
		ref  graph.Ref
		want map[string]any
	}{
		{"an author, keyed by ORCID", graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: "0000-0001-6187-6610"},
			map[string]any{"name": "Jason Priem", "openalex": "A5023888391", "stub": false}},
		{"the deleted author, keyed by OpenAlex id", graph.Ref{Kind: graph.Person, Scheme: graph.SchemeOpenAlex, Value: "A5317838346"},
			map[string]any{"name": "Deleted Author", "stub": false}},
		{"an institution, keyed by ROR", graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: "00jmfr291"},
			map[string]any{"name": "University of Michigan", "openalex": "I27837315", "city@openalex": "Ann Arbor",
				"grid": "grid.214458.e", "wikidata": "Q230492", "countryCode": "US", "acronyms@openalex": []string{"UM"}, "stub": false}},
		{"a source, keyed by ISSN-L", graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: "0028-0836"},
			map[string]any{"title": "Nature", "issns@openalex": []string{"0028-0836", "1476-4687"}, "publisher@openalex": "Nature Portfolio", "sourceType": "journal"}},
		{"a funder, keyed by OpenAlex id", graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeOpenAlex, Value: "F4320332161"},
			map[string]any{"name": "National Institutes of Health", "sameAsRor": "01cwqze88", "fundref": "100000002", "openalexType": "funder"}},
		{"a publisher", graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeOpenAlex, Value: "P4310319965"},
			map[string]any{"name": "Springer Nature", "sameAsRor": "0117jxy09", "countryCode": "DE", "openalexType": "publisher"}},
		{"a concept", graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeOpenAlex, Value: "C71924100"},
			map[string]any{"name": "Medicine", "topicKind": "concept", "level": int64(0), "wikidata": "Q11190"}},
		{"a topic", graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeOpenAlex, Value: "T11636"},
			map[string]any{"name": "Artificial Intelligence in Healthcare and Education", "topicKind": "topic", "field": "Medicine", "keywords": []string{
				"Artificial Intelligence", "Machine Learning", "Healthcare", "Medical Imaging", "Clinical Decision Support",
				"Ethical Challenges", "Big Data", "Precision Medicine", "Radiology", "Health Equity",
			}}},
		{"a keyword", graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: "keyword:cardiac-imaging"},
			map[string]any{"name": "Cardiac Imaging", "topicKind": "keyword"}},
		{"a work", graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: "10.7717/peerj.4375"},
			map[string]any{"title": "The state of OA: a large-scale analysis of the prevalence and impact of Open Access articles", "openalex": "W2741809807"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := w.Node(tt.ref)
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
	// Jason Priem's affiliation years become start and end.
	_, es := w.Inputs()
	for _, e := range es {
		if e.Type == graph.AffiliatedWith && e.From.Value == "0000-0001-6187-6610" && e.To.Value == "0130frc33" {
			if diff := cmp.Diff(map[string]any{"start": int64(2010), "end": int64(2014)}, e.Props); diff != "" {
				t.Errorf("AFFILIATED_WITH UNC (-want +got):\n%s", diff)
			}
		}
	}
}

func TestRejections(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "https://openalex.org/W1", "title": "Fine", "doi": "https://doi.org/10.1234/fine"}`,
		`{"id": "https://openalex.org/W2", "title": "Bad DOI", "doi": "https://doi.org/11.1234/x"}`,
		`{"id": "https://openalex.org/W3", "title": "Bad ORCID", "authorships": [{"author": {"id": "https://openalex.org/A1", "orcid": "https://orcid.org/0000-0002-1825-0098"}}]}`,
		`{"id": "https://openalex.org/W4", "title": "  "}`,
		`{"id": "https://openalex.org/X4", "title": "Bad id"}`,
		`{"id": "https://openalex.org/W5", "title": "Bad reference", "referenced_works": ["https://openalex.org/A5"]}`,
		`{"id": "https://openalex.org/W6", "title": "Bad ROR", "authorships": [{"author": {"id": "https://openalex.org/A1"}, "institutions": [{"id": "https://openalex.org/I1", "ror": "https://ror.org/0abc"}]}]}`,
		`{"id": "https://openalex.org/W7", "title": "Bad ISSN", "primary_location": {"source": {"id": "https://openalex.org/S1", "issn_l": "1234-5678"}}}`,
		`{"id": "https://openalex.org/W8", "title": 8}`,
		`{"id": "https://openalex.org/W9", "title": "Fine too", "authorships": [{"author": {"id": "https://openalex.org/A9"}}]}`,
		`not json`,
	}, "\n")
	w := ingesttest.New()
	st, err := openalex.Import(context.Background(), w, []ingest.Source{ingest.Reader("-", strings.NewReader(in))}, ingest.Options{Run: "r"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range st.Rejections {
		got = append(got, r.String())
	}
	want := []string{
		`-:2 (W2): doi: invalid DOI "https://doi.org/11.1234/x": does not start with "10."`,
		`-:3 (W3): authorships[0].author.orcid: invalid ORCID "https://orcid.org/0000-0002-1825-0098": check digit is 8, want 7`,
		`-:4 (W4): title is missing`,
		`-:5 (https://openalex.org/X4): id: invalid OpenAlex ID "https://openalex.org/X4": starts with 'X', want W, A, I, S, P, F, C or T`,
		`-:6 (W5): referenced_works[0]: "https://openalex.org/A5" is not a work id`,
		`-:7 (W6): authorships[0].institutions[0].ror: invalid ROR ID "https://ror.org/0abc": has 4 characters, want 9`,
		`-:8 (W7): primary_location.source.issn_l: invalid ISSN "1234-5678": check digit is 8, want 9`,
		`-:9 (W8): field title: JSON number where a string was expected`,
		`-:11: malformed JSON: invalid character 'o' in literal null (expecting 'u')`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if full, _ := w.Count(graph.Work); full != 2 {
		t.Errorf("%d works imported, want 2", full)
	}
}

// TestStrictStdin checks that a strict run reads standard input twice (through a temporary copy)
// and writes only when nothing is rejected.
func TestStrictStdin(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(ingesttest.Data(t, "openalex-entity-fixtures"), "W2741809807.json"))
	if err != nil {
		t.Fatal(err)
	}
	w := ingesttest.New()
	st, err := openalex.Import(context.Background(), w, []ingest.Source{ingest.Reader("-", strings.NewReader(string(b)))}, ingest.Options{Strict: true, Run: "r"})
	if err != nil {
		t.Fatal(err)
	}
	if st.Read != 1 || st.Created == 0 {
		t.Errorf("stats %v", st)
	}
	if full, _ := w.Count(graph.Work); full != 1 {
		t.Errorf("%d works", full)
	}
}
