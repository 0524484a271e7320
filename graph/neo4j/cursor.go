package neo4j

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"

	"github.com/relgraph/relgraph/graph"
)

// Cursors are opaque to clients but not to forgery: each is a version byte, a MAC and a JSON
// payload, in URL-safe base64. The payload holds the keyset position of an item in its list and a
// digest of the list it belongs to (which entity's list along which path, or which search or
// neighbours query); the MAC, an HMAC-SHA256 with the store's first cursor key, covers both. A
// cursor is accepted only with a MAC of one of the store's keys and only by the list it names, so
// a forged or edited cursor, one of another list and one signed with a key since retired are all
// INVALID rather than a silently wrong page. No database-internal id goes into a cursor.

// cursorVersion is the first byte of every cursor; a change of layout takes a new version.
const cursorVersion = 1

// macSize is the length of the MAC kept in a cursor: 128 bits of HMAC-SHA256.
const macSize = 16

// MinCursorKey is the shortest cursor key accepted, in bytes.
const MinCursorKey = 16

// cursorKeys signs and checks cursors: the first key signs, every key verifies, so that a key can be
// rotated in (second, then first) and out without breaking the cursors clients hold.
type cursorKeys [][]byte

// newCursorKeys checks keys, or makes one random key when there are none: cursors then last as long
// as the process.
func newCursorKeys(keys [][]byte) (cursorKeys, error) {
	for i, k := range keys {
		if len(k) < MinCursorKey {
			return nil, graph.Errorf(graph.EInvalid, "cursor key %d is %d bytes long; a cursor key needs at least %d", i+1, len(k), MinCursorKey)
		}
	}
	if len(keys) > 0 {
		return cursorKeys(keys), nil
	}
	k := make([]byte, 32)
	if _, err := rand.Read(k); err != nil {
		return nil, graph.Errorf(graph.EInternal, "no random cursor key: %v", err)
	}
	return cursorKeys{k}, nil
}

// cursorPayload is what a cursor says: the list it belongs to and the position in it.
type cursorPayload struct {
	List string          `json:"l"`
	Pos  json.RawMessage `json:"p"`
}

// listDigest names a list in a cursor: a short digest of its description, which can be long (a
// search's text).
func listDigest(list string) string {
	h := sha256.Sum256([]byte(list))
	return base64.RawURLEncoding.EncodeToString(h[:9])
}

func mac(key []byte, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte{cursorVersion})
	m.Write(body)
	return m.Sum(nil)[:macSize]
}

// encode makes the cursor of position pos in list.
func (k cursorKeys) encode(list string, pos any) string {
	p, _ := json.Marshal(pos)
	body, _ := json.Marshal(cursorPayload{List: listDigest(list), Pos: p})
	b := make([]byte, 0, 1+macSize+len(body))
	b = append(b, cursorVersion)
	b = append(b, mac(k[0], body)...)
	b = append(b, body...)
	return base64.RawURLEncoding.EncodeToString(b)
}

// The errors of cursors, all INVALID; none quotes the cursor.

func errCursorForm() error { return graph.Errorf(graph.EInvalid, "after: not a cursor") }

func errCursorMAC() error {
	return graph.Errorf(graph.EInvalid, "after: not a cursor of this server, or one signed with a key it no longer has")
}

func errCursorOther() error {
	return graph.Errorf(graph.EInvalid, "after: the cursor belongs to another list")
}

// decode checks that s is a cursor of list, signed with one of the keys, and reads its position
// into pos.
func (k cursorKeys) decode(list, s string, pos any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(b) < 1+macSize {
		return errCursorForm()
	}
	if b[0] != cursorVersion {
		return graph.Errorf(graph.EInvalid, "after: a cursor of version %d, where this server makes version %d", b[0], cursorVersion)
	}
	sum, body := b[1:1+macSize], b[1+macSize:]
	ok := false
	for _, key := range k {
		if hmac.Equal(sum, mac(key, body)) {
			ok = true
			break
		}
	}
	if !ok {
		return errCursorMAC()
	}
	var p cursorPayload
	d := json.NewDecoder(bytes.NewReader(body))
	d.DisallowUnknownFields()
	if err := d.Decode(&p); err != nil {
		return errCursorForm()
	}
	if p.List != listDigest(list) {
		return errCursorOther()
	}
	d = json.NewDecoder(bytes.NewReader(p.Pos))
	d.DisallowUnknownFields()
	if err := d.Decode(pos); err != nil {
		return errCursorForm()
	}
	return nil
}
