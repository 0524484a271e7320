package respcache

import (
	"strings"
	"testing"
)

// TestKeys checks that requests differing in any part, however the parts are cut, never share a key.
func TestKeys(t *testing.T) {
	parts := [][3]string{
		{"POST", "", `{"query":"{ n }"}`},
		{"GET", "", `{"query":"{ n }"}`},
		{"POST", "application/json", `{"query":"{ n }"}`},
		{"POST", `{"query":"{ n }"}`, ""},
		{"POST{", "", `"query":"{ n }"}`},
		{"", "POST", `{"query":"{ n }"}`},
	}
	seen := map[key]int{}
	for i, p := range parts {
		k := keyOf(p[0], p[1], []byte(p[2]))
		if j, ok := seen[k]; ok {
			t.Errorf("requests %d and %d share a key", j, i)
		}
		seen[k] = i
	}
}

// TestBound checks that the cache keeps within its size, least recently used out, and drops what
// an older graph version read.
func TestBound(t *testing.T) {
	c := New(16 * 300)
	body := []byte(strings.Repeat("x", 100))
	k := func(i int) key { return keyOf("POST", "", []byte{byte(i)}) }
	for i := 0; i < 100; i++ {
		c.put(1, &entry{key: k(i), body: body})
		if c.size > c.max {
			t.Fatalf("size %d over %d", c.size, c.max)
		}
		if _, ok := c.get(1, k(0)); !ok && i < 10 {
			t.Fatalf("after %d entries the first, the most recently used, was dropped", i+1)
		}
	}
	if _, ok := c.get(1, k(1)); ok {
		t.Error("an early entry is still kept")
	}
	if _, ok := c.get(1, k(99)); !ok {
		t.Error("the newest entry is not kept")
	}
	if len(c.items) != c.lru.Len() || c.size != int64(c.lru.Len())*(100+entryOverhead) {
		t.Errorf("%d keys, %d entries, size %d", len(c.items), c.lru.Len(), c.size)
	}
	c.put(0, &entry{key: k(200), body: body})
	if _, ok := c.get(1, k(200)); ok {
		t.Error("an answer read at an older version was kept")
	}
	if _, ok := c.get(2, k(99)); ok || c.size != 0 || len(c.items) != 0 {
		t.Errorf("a newer version left %d entries, size %d", len(c.items), c.size)
	}
}
