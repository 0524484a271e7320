package countries_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/countries"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
)

func mledoze(t *testing.T) string {
	return ingesttest.Data(t, "countries-mledoze/countries.json")
}

func lukes(t *testing.T) string {
	return ingesttest.Data(t, "countries-iso3166-lukes/all.json")
}

func TestImport(t *testing.T) {
	t.Run("mledoze gives 250 countries and 324 mutual borders", func(t *testing.T) {
		w, st := ingesttest.Twice(t, countries.Import, func() []ingest.Source {
			return ingesttest.Sources(t, ingest.JSONExts, mledoze(t))
		})
		if diff := cmp.Diff(ingest.Stats{Read: 250, Created: 250 + 324}, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
		if full, stubs := w.Count(graph.Country); full != 250 || stubs != 0 {
			t.Errorf("got %d countries and %d stubs, want 250 and 0", full, stubs)
		}
		if n := len(w.Edges(graph.Borders)); n != 324 {
			t.Errorf("got %d BORDERS, want 324", n)
		}
		for _, e := range w.Edges(graph.Borders) {
			if e.From >= e.To {
				t.Errorf("BORDERS %s→%s is not from the smaller code", e.From, e.To)
			}
		}
		// India and Sri Lanka share no land border; only Sri Lanka's record claims one.
		if hasEdge(w, "c-in", "c-lk") {
			t.Error("a one-sided border claim (Sri Lanka–India) was imported")
		}
		if !hasEdge(w, "c-fr", "c-es") && !hasEdge(w, "c-es", "c-fr") {
			t.Error("France–Spain border missing")
		}
		ingesttest.CheckProvenance(t, w, countries.SourceMledoze)
	})

	t.Run("lukes gives 249 countries", func(t *testing.T) {
		w, st := ingesttest.Twice(t, countries.Import, func() []ingest.Source {
			return ingesttest.Sources(t, ingest.JSONExts, lukes(t))
		})
		if diff := cmp.Diff(ingest.Stats{Read: 249, Created: 249}, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
		if full, _ := w.Count(graph.Country); full != 249 {
			t.Errorf("got %d countries, want 249", full)
		}
		ingesttest.CheckProvenance(t, w, countries.SourceLukes)
	})

	t.Run("both files meet on one node per country and keep both subregions", func(t *testing.T) {
		w := ingesttest.New()
		opt := ingest.Options{Run: "r1"}
		st := ingesttest.Run(t, countries.Import, w, opt, ingesttest.Sources(t, nil, mledoze(t), lukes(t)))
		if diff := cmp.Diff(ingest.Stats{Read: 499, Created: 250 + 324, Updated: 249}, st); diff != "" {
			t.Errorf("stats (-want +got):\n%s", diff)
		}
		if full, _ := w.Count(graph.Country); full != 250 {
			t.Errorf("got %d countries, want 250", full)
		}
		ss := w.Node(graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: "SS"})
		want := map[string]any{
			"subregion":               "Middle Africa",
			"subregion@mledoze":       "Middle Africa",
			"subregion@iso3166-lukes": "Eastern Africa",
			"unSubregion":             "Sub-Saharan Africa",
			"iso3":                    "SSD",
			"numeric":                 "728",
			"ccn3":                    "728",
		}
		got := map[string]any{}
		for k := range want {
			got[k] = ss.Props[k]
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("South Sudan (-want +got):\n%s", diff)
		}
		again := ingesttest.Run(t, countries.Import, w, opt, ingesttest.Sources(t, nil, mledoze(t), lukes(t)))
		if again.Created != 0 || again.Updated != 0 {
			t.Errorf("second run: %v", again)
		}
	})
}

func hasEdge(w *ingesttest.Writer, from, to string) bool {
	for _, e := range w.Edges(graph.Borders) {
		if e.From == from && e.To == to {
			return true
		}
	}
	return false
}

func TestRejections(t *testing.T) {
	in := `[
{"name": {"common": "Good"}, "cca2": "GD", "cca3": "GDD", "borders": []},
{"name": {"common": "Bad code"}, "cca2": "G1", "cca3": "GGG"},
{"name": {"common": ""}, "cca2": "NN", "cca3": "NNN"},
{"name": "Lukes", "alpha-2": "LU", "alpha-3": "L"},
{"something": "else"},
{"name": {"common": "Typed"}, "cca2": "TY", "cca3": "TYP", "area": "big"}
]`
	w := ingesttest.New()
	st, err := countries.Import(context.Background(), w, []ingest.Source{ingest.Reader("bad.json", strings.NewReader(in))}, ingest.Options{Run: "r"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range st.Rejections {
		got = append(got, r.String())
	}
	want := []string{
		`bad.json:3 (GGG): cca2: invalid ISO 3166-1 alpha-2 code "G1": '1' is not a letter A to Z`,
		`bad.json:4 (NNN): name.common is missing`,
		`bad.json:5 (LU): alpha-3: invalid ISO 3166-1 alpha-3 code "L": has 1 letters, want 3`,
		`bad.json:6: neither a mledoze record (no "cca2") nor a lukes record (no "alpha-2")`,
		`bad.json:7: field area: JSON string where a number was expected`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rejections (-want +got):\n%s", diff)
	}
	if st.Read != 6 || st.Rejected != 5 || st.Created != 1 {
		t.Errorf("stats %v", st)
	}

	t.Run("strict mode writes nothing", func(t *testing.T) {
		w := ingesttest.New()
		st, err := countries.Import(context.Background(), w, []ingest.Source{ingest.Reader("-", strings.NewReader(in))}, ingest.Options{Strict: true, Run: "r"})
		if graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("error %v, want INVALID", err)
		}
		if n, e := w.Calls(); n+e != 0 {
			t.Errorf("%d node and %d edge writes in a failed strict run", n, e)
		}
		if st.Rejected != 5 {
			t.Errorf("stats %v", st)
		}
	})
}
