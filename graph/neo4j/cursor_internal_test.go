package neo4j

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
)

func TestCursorKeys(t *testing.T) {
	a := []byte("key a, sixteen bytes or more")
	b := []byte("key b, sixteen bytes or more")
	pos := workCursor{Year: 2019, ID: "w-1", Of: "c-mr"}
	signedA := cursorKeys{a}.encode("list one", pos)

	for _, tc := range []struct {
		name   string
		keys   cursorKeys
		list   string
		cursor string
		want   string // the error's message, "" for none
	}{
		{"the key that signed it reads it back", cursorKeys{a}, "list one", signedA, ""},
		{"a key rotated in first still reads cursors of the old key", cursorKeys{b, a}, "list one", signedA, ""},
		{"a key rotated out no longer reads its cursors", cursorKeys{b}, "list one", signedA, "after: not a cursor of this server, or one signed with a key it no longer has"},
		{"another list refuses it", cursorKeys{a}, "list two", signedA, "after: the cursor belongs to another list"},
		{"an edited position is refused", cursorKeys{a}, "list one", edit(t, signedA, `"y":2019`, `"y":2020`), "after: not a cursor of this server, or one signed with a key it no longer has"},
		{"base64 JSON without a MAC is refused", cursorKeys{a}, "list one", base64.RawURLEncoding.EncodeToString([]byte(`{"y":2019,"i":"w-1","o":"c-mr"}`)), "after: a cursor of version 123, where this server makes version 1"},
		{"another version is refused", cursorKeys{a}, "list one", version(t, signedA, 2), "after: a cursor of version 2, where this server makes version 1"},
		{"what is not base64 is refused", cursorKeys{a}, "list one", "not a cursor!", "after: not a cursor"},
		{"what is too short is refused", cursorKeys{a}, "list one", "AQ", "after: not a cursor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got workCursor
			err := tc.keys.decode(tc.list, tc.cursor, &got)
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(pos, got); diff != "" {
					t.Errorf("position (-want +got):\n%s", diff)
				}
				return
			}
			if graph.ErrorCode(err) != graph.EInvalid || err.Error() != tc.want {
				t.Errorf("got %v (%s), want INVALID %q", err, graph.ErrorCode(err), tc.want)
			}
			if err != nil && strings.Contains(err.Error(), tc.cursor) {
				t.Errorf("the message quotes the cursor: %v", err)
			}
		})
	}

	t.Run("keys shorter than 16 bytes are refused", func(t *testing.T) {
		if _, err := newCursorKeys([][]byte{a, []byte("short")}); graph.ErrorCode(err) != graph.EInvalid {
			t.Errorf("got %v", err)
		}
	})
	t.Run("without keys, each store has a random one", func(t *testing.T) {
		k1, err1 := newCursorKeys(nil)
		k2, err2 := newCursorKeys(nil)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if err := k2.decode("list", k1.encode("list", pos), &workCursor{}); err == nil {
			t.Error("a cursor of one random key was read with another")
		}
	})
}

// edit replaces old by new in the JSON payload of a cursor, keeping its version and MAC.
func edit(t *testing.T, cursor, old, new string) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in %q", old, s)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(s, old, new, 1)))
}

// version sets a cursor's version byte.
func version(t *testing.T, cursor string, v byte) string {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		t.Fatal(err)
	}
	b[0] = v
	return base64.RawURLEncoding.EncodeToString(b)
}
