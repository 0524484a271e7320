package server

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
)

// responseCache keeps the data of recent successful query responses, keyed by operation, variables
// and the graph version they were read at, in at most max bytes (least recently used first out).
// Entries of an older version are dropped as soon as a newer version is seen: they can never be
// served again.
type responseCache struct {
	max      int64
	maxEntry int64

	mu      sync.Mutex
	size    int64
	version int64
	lru     *list.List // of *cacheEntry, most recent first
	items   map[[32]byte]*list.Element
}

type cacheEntry struct {
	key  [32]byte
	data json.RawMessage
}

func newResponseCache(maxBytes int64) *responseCache {
	return &responseCache{max: maxBytes, maxEntry: maxBytes / 16, lru: list.New(), items: map[[32]byte]*list.Element{}}
}

// responseKey identifies an operation with its variables.
func responseKey(op *graphql.OperationContext) ([32]byte, bool) {
	vars, err := json.Marshal(op.Variables) // map keys sorted: the same variables, the same key
	if err != nil {
		return [32]byte{}, false
	}
	h := sha256.New()
	h.Write([]byte(op.OperationName))
	h.Write([]byte{0})
	h.Write([]byte(op.RawQuery))
	h.Write([]byte{0})
	h.Write(vars)
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k, true
}

// advance drops every entry when version is newer than the cache's; it reports whether version is
// current (not older than the newest seen). The caller holds mu.
func (c *responseCache) advance(version int64) bool {
	if version > c.version {
		c.version = version
		c.lru.Init()
		clear(c.items)
		c.size = 0
	}
	return version == c.version
}

func (c *responseCache) get(version int64, key [32]byte) (json.RawMessage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.advance(version) {
		return nil, false
	}
	e, ok := c.items[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(e)
	return e.Value.(*cacheEntry).data, true
}

func (c *responseCache) put(version int64, key [32]byte, data json.RawMessage) {
	n := int64(len(data)) + 64
	if n > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.advance(version) {
		return // read at a version that a write has since passed
	}
	if e, ok := c.items[key]; ok {
		c.lru.MoveToFront(e)
		return
	}
	c.items[key] = c.lru.PushFront(&cacheEntry{key: key, data: data})
	c.size += n
	for c.size > c.max {
		last := c.lru.Back()
		e := last.Value.(*cacheEntry)
		c.lru.Remove(last)
		delete(c.items, e.key)
		c.size -= int64(len(e.data)) + 64
	}
}

// cached answers an anonymous query from the response cache, or runs it and keeps its answer when
// it has no errors. The version is read before the query runs, so an answer is never filed under a version
// newer than the data it holds.
func (s *Server) cached(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	op := graphql.GetOperationContext(ctx)
	if s.cache == nil || op.Operation == nil || op.Operation.Operation != ast.Query {
		return next(ctx)
	}
	// What a signed-in caller gets may depend on who they are (history, proposals, their own
	// name): only anonymous answers, the same for everyone, are kept and served.
	if graph.ActorFrom(ctx).Authenticated() {
		return next(ctx)
	}
	key, ok := responseKey(op)
	if !ok {
		return next(ctx)
	}
	vctx := ctx
	if s.Limits.Timeout > 0 {
		var cancel context.CancelFunc
		vctx, cancel = context.WithTimeout(ctx, s.Limits.Timeout)
		defer cancel()
	}
	version, err := s.store.Version(vctx)
	if err != nil {
		return next(ctx) // the query itself will say what is wrong
	}
	if data, ok := s.cache.get(version, key); ok {
		ext := map[string]any{"responseCache": "hit"}
		if c := neo4j.Counter(ctx); c != nil {
			ext["cypherRoundTrips"] = c.Load()
		}
		return graphql.OneShot(&graphql.Response{Data: data, Extensions: ext})
	}
	h := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := h(ctx)
		if resp == nil {
			return nil
		}
		if len(resp.Errors) == 0 && resp.Data != nil {
			s.cache.put(version, key, resp.Data)
		}
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["responseCache"] = "miss"
		return resp
	}
}
