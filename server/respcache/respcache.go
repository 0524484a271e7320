// Package respcache answers repeated GraphQL queries from memory, before gqlgen decodes, parses,
// validates or runs them, and lets HTTP clients and caches revalidate their copies.
//
// An answer is kept under the request that asked for it (its method, its Accept header, and its
// POST body or GET query string) and the graph version it was read at, and is served only to the
// same request at the same version: every write advances the version, so no answer is older than
// the last committed write. Only answers to queries without errors are kept, so a request answered
// from memory passed every check of the server when it was first answered. GET answers carry a weak
// ETag derived from the same key and version, with Cache-Control: no-cache, and a GET whose
// If-None-Match holds that ETag is answered 304 Not Modified.
package respcache

import (
	"bytes"
	"container/list"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Cache keeps the answers of recent requests, in at most a fixed number of bytes (least recently
// used first out). Entries of an older graph version are dropped as soon as a newer version is
// seen: they can never be served again.
type Cache struct {
	max      int64
	maxEntry int64
	salt     [16]byte // makes ETags unguessable and particular to this process

	mu      sync.Mutex
	size    int64
	version int64
	lru     *list.List // of *entry, most recent first
	items   map[key]*list.Element
}

// key identifies a request: see keyOf.
type key [32]byte

type entry struct {
	key         key
	contentType string
	body        []byte // the whole answer as served from the cache
	operation   string // the name of the operation it answers
}

// entryOverhead is what an entry costs besides its body: its key, list element and map slot.
const entryOverhead = 128

// New returns a cache of at most maxBytes, or nil, which caches nothing, when maxBytes is not
// positive. An answer larger than a sixteenth of maxBytes is not kept.
func New(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		return nil
	}
	c := &Cache{max: maxBytes, maxEntry: maxBytes / 16, lru: list.New(), items: map[key]*list.Element{}}
	rand.Read(c.salt[:])
	return c
}

// advance drops every entry when version is newer than the cache's; it reports whether version is
// current (not older than the newest seen). The caller holds mu.
func (c *Cache) advance(version int64) bool {
	if version > c.version {
		c.version = version
		c.lru.Init()
		clear(c.items)
		c.size = 0
	}
	return version == c.version
}

func (c *Cache) get(version int64, k key) (*entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.advance(version) {
		return nil, false
	}
	el, ok := c.items[k]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*entry), true
}

func (c *Cache) put(version int64, e *entry) {
	n := int64(len(e.body)) + entryOverhead
	if n > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.advance(version) {
		return // read at a version that a write has since passed
	}
	if el, ok := c.items[e.key]; ok {
		c.lru.MoveToFront(el)
		return
	}
	c.items[e.key] = c.lru.PushFront(e)
	c.size += n
	for c.size > c.max {
		last := c.lru.Back()
		old := last.Value.(*entry)
		c.lru.Remove(last)
		delete(c.items, old.key)
		c.size -= int64(len(old.body)) + entryOverhead
	}
}

// keyOf identifies what a request asks: its method, its Accept header (which decides the answer's
// type) and content, each length-prefixed so that no two requests share a key.
func keyOf(method, accept string, content []byte) key {
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, part := range [][]byte{[]byte(method), []byte(accept), content} {
		h.Write(binary.AppendUvarint(n[:0], uint64(len(part))))
		h.Write(part)
	}
	var k key
	h.Sum(k[:0])
	return k
}

// etag is the weak entity tag of the answer to the request of k at version.
func (c *Cache) etag(version int64, k key) string {
	h := sha256.New()
	h.Write(c.salt[:])
	h.Write(binary.BigEndian.AppendUint64(nil, uint64(version)))
	h.Write(k[:])
	return `W/"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}

// Transport is a gqlgen transport that answers from the cache the requests of the transport it
// wraps, and files that transport's answers in the cache. Requests that are not shared, or that
// are neither GET nor POST, go to the wrapped transport untouched.
type Transport struct {
	// Transport is the wrapped transport, gqlgen's POST or GET: it decides which requests are its
	// own, and serves every request the cache does not answer.
	graphql.Transport
	// Cache holds the answers; nil answers nothing from memory.
	Cache *Cache
	// Version reads the graph version a request sees, at its start.
	Version func(context.Context) (int64, error)
	// Shared reports whether the answer to a request is the same for every caller, and so may be
	// kept and served to others.
	Shared func(*http.Request) bool
	// Extensions are the response extensions an answer from the cache carries, beside
	// responseCache: "hit".
	Extensions map[string]any
	// Served, when set, is told of every shared query: answered from the cache (hit, a 304 Not
	// Modified too) or not (a miss), with the name of its operation ("" when unknown).
	Served func(ctx context.Context, operation string, hit bool)
	// Annotate, when set, returns the extensions particular to one request (its id), which an
	// answer from the cache carries besides Extensions.
	Annotate func(ctx context.Context) map[string]any
}

// Do answers r from the cache, or has the wrapped transport answer it and keeps the answer.
func (t Transport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	if t.Cache == nil || !t.Shared(r) {
		t.Transport.Do(w, r, exec)
		return
	}
	var content []byte
	switch r.Method {
	case http.MethodGet:
		content = []byte(r.URL.RawQuery)
	case http.MethodPost:
		b, err := io.ReadAll(r.Body)
		// The wrapped transport reads the same bytes, and then the same error if there was one.
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(b), r.Body), r.Body}
		if err != nil {
			t.Transport.Do(w, r, exec)
			return
		}
		content = b
	default:
		t.Transport.Do(w, r, exec)
		return
	}
	k := keyOf(r.Method, r.Header.Get("Accept"), content)
	version, err := t.Version(r.Context())
	if err != nil {
		t.Transport.Do(w, r, exec) // the operation itself will say what is wrong
		return
	}
	var tag string
	if r.Method == http.MethodGet {
		tag = t.Cache.etag(version, k)
		if matches(r.Header.Get("If-None-Match"), tag) {
			validators(w.Header(), tag)
			w.WriteHeader(http.StatusNotModified)
			t.served(r.Context(), "", true)
			return
		}
	}
	if e, ok := t.Cache.get(version, k); ok {
		w.Header().Set("Content-Type", e.contentType)
		if tag != "" {
			validators(w.Header(), tag)
		}
		w.Write(t.annotate(r.Context(), e.body))
		t.served(r.Context(), e.operation, true)
		return
	}
	t.Transport.Do(w, r, &recorder{GraphExecutor: exec, t: &t, w: w, version: version, key: k, tag: tag})
}

func (t Transport) served(ctx context.Context, operation string, hit bool) {
	if t.Served != nil {
		t.Served(ctx, operation, hit)
	}
}

// annotate adds the request's own extensions to body, a kept answer, whose extensions object
// ends it.
func (t Transport) annotate(ctx context.Context, body []byte) []byte {
	if t.Annotate == nil {
		return body
	}
	ext := t.Annotate(ctx)
	if len(ext) == 0 || !bytes.HasSuffix(body, []byte("}}")) {
		return body
	}
	out := append([]byte(nil), body[:len(body)-2]...)
	for _, k := range slices.Sorted(maps.Keys(ext)) {
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(ext[k])
		if err != nil {
			continue
		}
		out = append(append(append(append(out, ','), kb...), ':'), vb...)
	}
	return append(out, "}}"...)
}

// matches reports whether an If-None-Match header names tag, by weak comparison.
func matches(ifNoneMatch, tag string) bool {
	if ifNoneMatch == "" {
		return false
	}
	for part := range strings.SplitSeq(ifNoneMatch, ",") {
		if strings.TrimPrefix(strings.TrimSpace(part), "W/") == strings.TrimPrefix(tag, "W/") {
			return true
		}
	}
	return false
}

// validators sets the headers of a GET answer that clients and caches may keep and revalidate.
func validators(h http.Header, tag string) {
	h.Set("ETag", tag)
	h.Set("Cache-Control", "no-cache") // any write may change it: revalidate every time
	h.Add("Vary", "Accept")
}

// recorder is the executor a missed request runs with: it marks the answer of a query as a miss,
// and gives it validators and keeps it when it has no errors.
type recorder struct {
	graphql.GraphExecutor
	t       *Transport
	w       http.ResponseWriter
	version int64
	key     key
	tag     string
}

func (rec *recorder) DispatchOperation(ctx context.Context, op *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	next, ctx := rec.GraphExecutor.DispatchOperation(ctx, op)
	if op.Operation == nil || op.Operation.Operation != ast.Query {
		return next, ctx
	}
	return func(ctx context.Context) *graphql.Response {
		rec.t.served(ctx, op.Operation.Name, false)
		resp := next(ctx)
		if resp == nil {
			return nil
		}
		if len(resp.Errors) == 0 && resp.Data != nil {
			if rec.tag != "" {
				validators(rec.w.Header(), rec.tag)
			}
			rec.keep(resp.Data, op.Operation.Name)
		}
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["responseCache"] = "miss"
		return resp
	}, ctx
}

// keep files the answer with data, as an answer from the cache says it, under the request's key.
func (rec *recorder) keep(data json.RawMessage, operation string) {
	c := rec.t.Cache
	if int64(len(data))+entryOverhead > c.maxEntry {
		return
	}
	ext := maps.Clone(rec.t.Extensions)
	if ext == nil {
		ext = map[string]any{}
	}
	ext["responseCache"] = "hit"
	body, err := json.Marshal(&graphql.Response{Data: data, Extensions: ext})
	if err != nil {
		return
	}
	c.put(rec.version, &entry{key: rec.key, contentType: rec.w.Header().Get("Content-Type"), body: body, operation: operation})
}
