package graph_test

import (
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph"
)

func TestCheckProps(t *testing.T) {
	for _, tt := range []struct {
		name  string
		props map[string]any
		want  string // the error's message; "" for none
	}{
		{"Plain text with tabs and line breaks passes.", map[string]any{"title": "A\ttitle\r\non two lines", "year": int64(2020)}, ""},
		{"A NUL is refused, naming the property and where.", map[string]any{"note": "ab\x00c"}, "note: contains a NUL character (character 3)"},
		{"Another control character is refused.", map[string]any{"abstract": "bell\a"}, "abstract: contains the control character U+0007 (character 5)"},
		{"DEL is refused.", map[string]any{"abstract": "x\x7f"}, "abstract: contains the control character U+007F (character 2)"},
		{"A C1 control character, as mis-decoded titles hold, passes.", map[string]any{"title": "\u0098x"}, ""},
		{"Bytes that are not UTF-8 are refused.", map[string]any{"name": "caf\xe9"}, "name: is not valid UTF-8"},
		{"A note is at most MaxNote characters.", map[string]any{"note": strings.Repeat("é", graph.MaxNote+1)}, "note: is 2001 characters long, more than the 2000 allowed"},
		{"A note of MaxNote characters passes.", map[string]any{"note": strings.Repeat("é", graph.MaxNote)}, ""},
		{"A name is at most MaxName characters.", map[string]any{"name": strings.Repeat("x", graph.MaxName+1)}, "name: is 2001 characters long, more than the 2000 allowed"},
		{"Other text is at most MaxText characters.", map[string]any{"publisher": strings.Repeat("x", graph.MaxText+1)}, "publisher: is 20001 characters long, more than the 20000 allowed"},
		{"An abstract is at most MaxAbstract characters.", map[string]any{"abstract": strings.Repeat("x", graph.MaxAbstract+1)}, "abstract: is 50001 characters long, more than the 50000 allowed"},
		{"Texts in lists are checked one by one.", map[string]any{"aliases": []string{"ok", "no\x00"}}, "aliases[1]: contains a NUL character (character 3)"},
		{"Texts in untyped lists too.", map[string]any{"aliases": []any{"ok", "no\x01"}}, "aliases[1]: contains the control character U+0001 (character 3)"},
		{"The first property at fault by name is reported.", map[string]any{"b": "\x00", "a": "\x00"}, "a: contains a NUL character (character 1)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := graph.CheckProps(tt.props)
			got := ""
			if err != nil {
				got = err.Error()
				if graph.ErrorCode(err) != graph.EInvalid {
					t.Errorf("code %s, want INVALID", graph.ErrorCode(err))
				}
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
