package curate_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
)

func TestParseRef(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want graph.Ref
		code string
	}{
		{"w-33bac398149400db", graph.Ref{Kind: graph.Work, Scheme: graph.SchemeID, Value: "w-33bac398149400db"}, ""},
		{" c-mr ", graph.Ref{Kind: graph.Country, Scheme: graph.SchemeID, Value: "c-mr"}, ""},
		{"https://doi.org/10.1068/D1509", graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: "10.1068/d1509"}, ""},
		{"https://orcid.org/0000-0002-1825-0097", graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: "0000-0002-1825-0097"}, ""},
		{"https://ror.org/05mzfcs16", graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: "05mzfcs16"}, ""},
		{"1369-183X", graph.Ref{Kind: graph.Journal, Scheme: "issn", Value: "1369-183X"}, ""},
		{"MRT", graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO3, Value: "MRT"}, ""},
		{"A5023888391", graph.Ref{Kind: graph.Person, Scheme: graph.SchemeOpenAlex, Value: "A5023888391"}, ""},
		{"P4310320990", graph.Ref{}, graph.EInvalid}, // a publisher: no such kind here
		{"0000-0002-1825-0098", graph.Ref{}, graph.EInvalid},
		{"borderwork", graph.Ref{}, graph.EInvalid},
		{"", graph.Ref{}, graph.EInvalid},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := curate.ParseRef(tc.in)
			if graph.ErrorCode(err) != tc.code {
				t.Fatalf("error %v, want code %q", err, tc.code)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestProperties(t *testing.T) {
	t.Run("link properties are typed per relation type", func(t *testing.T) {
		got, err := curate.LinkProps(graph.Authored, map[string]any{"position": json.Number("2"), "corresponding": true})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]any{"position": int64(2), "corresponding": true}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		for _, bad := range []map[string]any{{"position": 0}, {"position": 1.5}, {"position": "1"}, {"volume": "3"}} {
			if _, err := curate.LinkProps(graph.Authored, bad); graph.ErrorCode(err) != graph.EInvalid {
				t.Errorf("%v: %v, want INVALID", bad, err)
			}
		}
		if _, err := curate.LinkProps(graph.HasTopic, map[string]any{"score": 1.5}); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("a score above 1: %v", err)
		}
	})
	t.Run("entity properties are checked and identifiers normalised", func(t *testing.T) {
		got, err := curate.EntityProps(graph.Work, map[string]any{"title": " A ", "doi": "doi:10.1068/D1509", "year": 2010.0}, true)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(map[string]any{"title": "A", "doi": "10.1068/d1509", "year": int64(2010)}, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
		_, err = curate.EntityProps(graph.Work, map[string]any{"doi": "10.1068/d1509", "colour": "red", "year": 99}, true)
		want := "colour is not a property of a work (it takes abstract, dateAccepted, dateOnline, dateSubmitted, doi, language, note, openalex, pageCount, peerReviewed, publicationDate, title, type, year); year: 99 is not between 1000 and 2100; title is required"
		if graph.ErrorCode(err) != graph.EInvalid || graph.ErrorMessage(err) != want {
			t.Errorf("got %v\nwant %s", err, want)
		}
		if _, err := curate.EntityProps(graph.Country, map[string]any{"name": "Atlantis"}, true); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("a country without a code: %v", err)
		}
		if err := curate.CheckUnset(graph.Person, []string{"name"}); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("removing a name: %v", err)
		}
	})
}

func TestRoles(t *testing.T) {
	curator := graph.Actor{Name: "alice", Role: graph.RoleCurator, TokenID: "tok-1"}
	reader := graph.Actor{Name: "rita", Role: graph.RoleReader, TokenID: "tok-2"}
	for _, tc := range []struct {
		a    graph.Actor
		need graph.Role
		code string
	}{
		{graph.Anonymous, graph.RoleReader, ""},
		{graph.Anonymous, graph.RoleCurator, graph.EUnauthenticated},
		{reader, graph.RoleCurator, graph.EForbidden},
		{curator, graph.RoleCurator, ""},
		{curator, graph.RoleAdmin, graph.EForbidden},
		{graph.Actor{Role: graph.RoleAdmin}, graph.RoleCurator, graph.EUnauthenticated}, // a role without credentials counts for nothing
	} {
		if got := graph.ErrorCode(tc.a.Require(tc.need)); got != tc.code {
			t.Errorf("%+v needing %s: %q, want %q", tc.a, tc.need, got, tc.code)
		}
	}
}

// The API's checks of text are the graph's: the same limits, control characters and NUL as every
// importer's.
func TestTextFollowsTheGraphsRules(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"A NUL in an entity's name is refused.",
			func() error {
				_, err := curate.EntityProps(graph.Work, map[string]any{"title": "Bad\x00title"}, true)
				return err
			}(),
			"title: contains a NUL character (character 4)"},
		{"A control character in a list of aliases is refused.",
			func() error {
				_, err := curate.EntityProps(graph.Person, map[string]any{"name": "P", "aliases": []any{"x\x1b"}}, true)
				return err
			}(),
			"aliases[0]: contains the control character U+001B (character 2)"},
		{"A name longer than graph.MaxName is refused.",
			func() error {
				_, err := curate.EntityProps(graph.Topic, map[string]any{"name": strings.Repeat("n", graph.MaxName+1)}, true)
				return err
			}(),
			"name: is 2001 characters long, more than the 2000 allowed"},
		{"A link's text property with a NUL is refused.",
			func() error { _, err := curate.LinkProps(graph.FundedBy, map[string]any{"award": "A\x00"}); return err }(),
			"award: contains a NUL character (character 2)"},
		{"A note with a NUL is refused.",
			func() error { _, err := curate.CheckText("note", "a\x00b", curate.MaxNote, false); return err }(),
			"note: contains a NUL character (character 2)"},
		{"A 100,000-character evidence is refused.",
			func() error {
				_, err := curate.CheckText("evidence", strings.Repeat("e", 100000), curate.MaxEvidence, false)
				return err
			}(),
			"evidence: is 100000 characters long, more than the 2000 allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if graph.ErrorCode(tc.err) != graph.EInvalid || graph.ErrorMessage(tc.err) != tc.want {
				t.Errorf("got %v (%s), want INVALID %q", tc.err, graph.ErrorCode(tc.err), tc.want)
			}
		})
	}
}
