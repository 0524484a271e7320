package graph

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseRelPath(t *testing.T) {
	for _, tc := range []struct {
		from   Kind
		path   string
		want   RelPath
		target Kind
	}{
		{Work, "<-AUTHORED-", RelPath{{Authored, In}}, Person},
		{Person, "-AUTHORED->", RelPath{{Authored, Out}}, Work},
		{Country, "-BORDERS-", RelPath{{Borders, Both}}, Country},
		{Work, "<-AUTHORED- Person -AUTHORED->", RelPath{{Authored, In}, {Authored, Out}}, Work},
		{Work, "-PUBLISHED_IN-> Journal <-PUBLISHED_IN-", RelPath{{PublishedIn, Out}, {PublishedIn, In}}, Work},
		{Project, "<-PARTICIPATES_IN-", RelPath{{ParticipatesIn, In}}, ""}, // people and organisations
	} {
		t.Run(tc.path, func(t *testing.T) {
			got, err := ParseRelPath(tc.from, tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if k := got.Target(tc.from); k != tc.target {
				t.Errorf("target %q, want %q", k, tc.target)
			}
		})
	}
}

func TestParseRelPathRefusesWhatCannotBeRead(t *testing.T) {
	for _, tc := range []struct {
		from      Kind
		path, say string
	}{
		{Work, "", "want hops"},
		{Work, "<-WROTE-", "unknown relationship type"},
		{Work, "-AUTHORED->", "does not start at a Work"},
		{Work, "AUTHORED", "is not a hop"},
		{Work, "<-AUTHORED- Journal -AUTHORED->", "is not the kind"},
		{Work, "<-AUTHORED- Person", "want hops"},
		{Person, "-AUTHORED-> Work <-HAS_TOPIC-", "does not start at a Work"},
	} {
		t.Run(tc.path, func(t *testing.T) {
			_, err := ParseRelPath(tc.from, tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.say) {
				t.Fatalf("got %v, want an error saying %q", err, tc.say)
			}
		})
	}
}
