package server

import (
	"bytes"
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
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
	keys [][32]byte // the operation's key, then the keys of the raw requests it was asked by
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
	h.Write([]byte("operation\x00"))
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

// put keeps data under the operation's key and, when raw is not zero, under the key of the raw
// request too (see rawKey), so that the same request is answered before GraphQL parses it.
func (c *responseCache) put(version int64, key [32]byte, data json.RawMessage, raw [32]byte) {
	n := int64(len(data)) + 64
	if n > c.maxEntry {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.advance(version) {
		return // read at a version that a write has since passed
	}
	e, ok := c.items[key]
	if ok {
		c.lru.MoveToFront(e)
	} else {
		keys := make([][32]byte, 1, 1+maxRawKeys)
		keys[0] = key
		e = c.lru.PushFront(&cacheEntry{keys: keys, data: data})
		c.items[key] = e
		c.size += n
	}
	if _, known := c.items[raw]; raw != ([32]byte{}) && !known && len(e.Value.(*cacheEntry).keys)-1 < maxRawKeys {
		ce := e.Value.(*cacheEntry)
		ce.keys = append(ce.keys, raw)
		c.items[raw] = e
		c.size += rawKeyBytes
	}
	for c.size > c.max {
		last := c.lru.Back()
		ce := last.Value.(*cacheEntry)
		c.lru.Remove(last)
		for _, k := range ce.keys {
			delete(c.items, k)
		}
		c.size -= int64(len(ce.data)) + 64 + rawKeyBytes*int64(len(ce.keys)-1)
	}
}

// maxRawKeys bounds the raw requests one answer is kept under (the same operation, written with
// other spacing or key order, or persisted); rawKeyBytes is what one costs: its map slot, its place
// in the entry's list of keys.
const (
	maxRawKeys  = 8
	rawKeyBytes = 128
)

// rawKey identifies a request by its method and its bytes: the body of a POST, the query string of
// a GET. The same bytes ask the same operation with the same variables.
func rawKey(method string, raw []byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("request\x00")) // never the same bytes as an operation's key
	h.Write([]byte(method))
	h.Write([]byte{0})
	h.Write(raw)
	var k [32]byte
	copy(k[:], h.Sum(nil))
	return k
}

// rawRequestKey is the context key of the rawRequest serveCached passes on.
type rawRequestKey struct{}

// rawRequest is what serveCached learnt of a request it could not answer: its key, and the graph
// version it read first, which cached then files the answer under rather than reading it again.
type rawRequest struct {
	key     [32]byte
	version int64
}

// graphVersion reads the graph version within the request's time limit.
func (s *Server) graphVersion(ctx context.Context) (int64, error) {
	if s.Limits.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, s.Limits.Timeout)
		defer cancel()
	}
	return s.store.Version(ctx)
}

// acceptsJSON reports whether gqlgen would answer a request with this Accept header as
// application/json, the type answers from the cache are written in: when it is empty, or when its
// first type gqlgen knows is application/json or a wildcard that covers it.
func acceptsJSON(accept string) bool {
	if accept == "" {
		return true
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json":
			return true
		case "application/graphql-response+json":
			return false
		}
	}
	return false
}

// serveCached answers an anonymous request whose exact bytes were answered before at the current
// graph version straight from the response cache, without decoding, parsing, validating or
// executing it again: only answers without errors are kept, so those bytes passed every limit
// then, and pass them now. Otherwise it passes the request on with its raw key, which cached files
// the answer under.
func (s *Server) serveCached(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.cache == nil || !s.Ready() || graph.ActorFrom(r.Context()).Authenticated() ||
			r.Header.Get("Upgrade") != "" || !acceptsJSON(r.Header.Get("Accept")) {
			next.ServeHTTP(w, r)
			return
		}
		var raw []byte
		switch r.Method {
		case http.MethodPost:
			// guard has read the body already, within the size limit.
			b, err := io.ReadAll(r.Body)
			if err != nil {
				httpError(w, http.StatusBadRequest, graph.EInvalid, "the request body could not be read")
				return
			}
			raw = b
			r.Body = io.NopCloser(bytes.NewReader(b))
		case http.MethodGet:
			raw = []byte(r.URL.RawQuery)
		default:
			next.ServeHTTP(w, r)
			return
		}
		key := rawKey(r.Method, raw)
		ctx := r.Context()
		version, err := s.graphVersion(ctx)
		if err != nil {
			next.ServeHTTP(w, r) // cached will try the version again, and the query say what is wrong
			return
		}
		if data, ok := s.cache.get(version, key); ok {
			var trips int64 // reading the version may have cost one
			if c := neo4j.Counter(ctx); c != nil {
				trips = c.Load()
			}
			b := append([]byte(`{"data":`), data...)
			b = append(append(b, `,"extensions":{"cypherRoundTrips":`...), strconv.FormatInt(trips, 10)...)
			w.Header().Set("Content-Type", "application/json")
			w.Write(append(b, `,"responseCache":"hit"}}`...))
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(ctx, rawRequestKey{}, rawRequest{key: key, version: version})))
	})
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
	// serveCached has read the version already when it passed the request on.
	req, fromRaw := ctx.Value(rawRequestKey{}).(rawRequest)
	version := req.version
	if !fromRaw {
		v, err := s.graphVersion(ctx)
		if err != nil {
			return next(ctx) // the query itself will say what is wrong
		}
		version = v
	}
	raw := req.key
	if data, ok := s.cache.get(version, key); ok {
		if fromRaw {
			s.cache.put(version, key, data, raw) // the same operation, asked in other words
		}
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
			s.cache.put(version, key, resp.Data, raw)
		}
		if resp.Extensions == nil {
			resp.Extensions = map[string]any{}
		}
		resp.Extensions["responseCache"] = "miss"
		return resp
	}
}
