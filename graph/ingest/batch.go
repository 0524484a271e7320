package ingest

import (
	"context"
	"fmt"
	"hash/maphash"
	"maps"
	"sort"
	"sync"

	"github.com/relgraph/relgraph/graph"
)

// Batcher gathers nodes and relationships and writes them to a graph.Writer in batches, one
// batch being written in the background while the next is gathered. Every node handed to it is
// written before any relationship handed to it later, so a relationship may name nodes added just
// before it, in the same batch or an earlier one.
//
// Inputs from the same source with the same key (a node's Key; a relationship's type and ends)
// that meet in one batch are merged into one: later property values win, and a stub never
// replaces a full node. Inputs from different sources are never merged.
//
// An input that is the same as one handed to the Batcher before (the same key or ends, source,
// record, run and properties), or a stub of an entity its source named before, is not written
// again, but counted as unchanged: a writer's upserts are idempotent, so writing it again would
// change nothing, and bibliographic data repeats itself a great deal (a much-cited work is the same
// stub in thousands of reference lists; an institution and its country come with every
// authorship). The Batcher remembers up to maxSeen inputs, then starts afresh.
//
// A Batcher is used by one goroutine; Close must be called to write the rest and learn the outcome.
// Unless SetWriters(1) is called, it calls the Writer from several goroutines at once (see write),
// so the Writer must be safe for concurrent use, as the Neo4j store is.
type Batcher struct {
	w      graph.Writer
	size   int
	nodes  []graph.NodeInput
	edges  []graph.EdgeInput
	nodeAt map[graph.Ref]int
	edgeAt map[edgeKey]int

	writers int // transactions at once for a large batch
	seen    map[uint64]struct{}
	seed    maphash.Seed
	skipped int

	jobs    chan batch
	done    chan struct{}
	started bool

	mu    sync.Mutex
	stats graph.WriteStats
	err   error
}

type edgeKey struct {
	t        graph.RelType
	from, to graph.Ref
}

type batch struct {
	ctx   context.Context
	nodes []graph.NodeInput
	edges []graph.EdgeInput
}

// NewBatcher returns a Batcher writing to w in batches of size (DefaultBatchSize when size < 1).
func NewBatcher(w graph.Writer, size int) *Batcher {
	if size < 1 {
		size = DefaultBatchSize
	}
	return &Batcher{
		w: w, size: size,
		nodeAt: map[graph.Ref]int{}, edgeAt: map[edgeKey]int{},
		seen: map[uint64]struct{}{}, seed: maphash.MakeSeed(), writers: DefaultWriters,
	}
}

// SetWriters sets how many transactions at once write a large batch (DefaultWriters unless set;
// 1 writes every batch in one transaction). Call it before handing over any input.
func (b *Batcher) SetWriters(n int) {
	b.writers = max(1, n)
}

// maxSeen bounds the memory of inputs already written (some 40 bytes each).
const maxSeen = 2_000_000

// again reports whether an input with hash h was handed over before, and remembers it if not.
func (b *Batcher) again(h uint64) bool {
	if _, ok := b.seen[h]; ok {
		b.skipped++
		return true
	}
	b.remember(h)
	return false
}

// remember adds h to what was handed over, forgetting everything first when that is full.
func (b *Batcher) remember(h uint64) {
	if len(b.seen) >= maxSeen {
		clear(b.seen)
	}
	b.seen[h] = struct{}{}
}

func (b *Batcher) nodeHash(n graph.NodeInput) uint64 {
	var h maphash.Hash
	h.SetSeed(b.seed)
	writeStrings(&h, "n", string(n.Key.Kind), n.Key.Scheme, n.Key.Value, n.Prov.Source, n.Prov.Record, n.Prov.Run, n.Prov.Curator)
	if n.Stub {
		h.WriteByte(1)
	}
	writeMap(&h, n.Props)
	writeMap(&h, n.Sourced)
	return h.Sum64()
}

// namedHash identifies the entity a node input names, and its source.
func (b *Batcher) namedHash(n graph.NodeInput) uint64 {
	var h maphash.Hash
	h.SetSeed(b.seed)
	writeStrings(&h, "k", string(n.Key.Kind), n.Key.Scheme, n.Key.Value, n.Prov.Source)
	return h.Sum64()
}

func (b *Batcher) edgeHash(e graph.EdgeInput) uint64 {
	var h maphash.Hash
	h.SetSeed(b.seed)
	writeStrings(&h, "e", string(e.Type), string(e.From.Kind), e.From.Scheme, e.From.Value, string(e.To.Kind), e.To.Scheme, e.To.Value,
		e.Prov.Source, e.Prov.Record, e.Prov.Run, e.Prov.Curator)
	writeMap(&h, e.Props)
	return h.Sum64()
}

func writeStrings(h *maphash.Hash, ss ...string) {
	for _, s := range ss {
		h.WriteString(s)
		h.WriteByte(0)
	}
}

// writeMap hashes m's entries in key order; nil values count as absent, as writers ignore them.
func writeMap(h *maphash.Hash, m map[string]any) {
	keys := make([]string, 0, len(m))
	for k, v := range m {
		if v != nil {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		h.WriteString(k)
		h.WriteByte(0)
		fmt.Fprintf(h, "%T:%v", m[k], m[k])
		h.WriteByte(0)
	}
	h.WriteByte(1)
}

// Node adds a node to write. It returns the error of an earlier write, if one failed.
func (b *Batcher) Node(ctx context.Context, n graph.NodeInput) error {
	if err := b.failed(); err != nil {
		return err
	}
	// A stub adds nothing to an entity this source already named, as a stub or in full (a work
	// cited again, or cited after its own record).
	named := b.namedHash(n)
	if n.Stub {
		if _, ok := b.seen[named]; ok {
			b.skipped++
			return nil
		}
	}
	if b.again(b.nodeHash(n)) {
		return nil
	}
	b.remember(named)
	if i, ok := b.nodeAt[n.Key]; ok {
		if b.nodes[i].Prov.Source == n.Prov.Source {
			b.nodes[i] = mergeNode(b.nodes[i], n)
			return nil
		}
		// Inputs from different sources are written apart, so that each keeps its sourced values.
		b.sendNodes(ctx)
	}
	b.nodeAt[n.Key] = len(b.nodes)
	b.nodes = append(b.nodes, n)
	if len(b.nodes) >= b.size {
		b.sendNodes(ctx)
	}
	return nil
}

// Edge adds a relationship to write. It returns the error of an earlier write, if one failed.
func (b *Batcher) Edge(ctx context.Context, e graph.EdgeInput) error {
	if err := b.failed(); err != nil {
		return err
	}
	if b.again(b.edgeHash(e)) {
		return nil
	}
	k := edgeKey{e.Type, e.From, e.To}
	if i, ok := b.edgeAt[k]; ok {
		if b.edges[i].Prov.Source == e.Prov.Source {
			b.edges[i] = mergeEdge(b.edges[i], e)
			return nil
		}
		b.sendNodes(ctx)
		b.sendEdges(ctx)
	}
	b.edgeAt[k] = len(b.edges)
	b.edges = append(b.edges, e)
	if len(b.edges) >= b.size {
		b.sendNodes(ctx)
		b.sendEdges(ctx)
	}
	return nil
}

// Close writes what is pending, waits for every write to finish and returns the first error.
func (b *Batcher) Close(ctx context.Context) (graph.WriteStats, error) {
	b.sendNodes(ctx)
	b.sendEdges(ctx)
	if b.started {
		close(b.jobs)
		<-b.done
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	st := b.stats
	st.Unchanged += b.skipped
	return st, b.err
}

// Stats returns what the writes finished so far did.
func (b *Batcher) Stats() graph.WriteStats {
	b.mu.Lock()
	defer b.mu.Unlock()
	st := b.stats
	st.Unchanged += b.skipped
	return st
}

func (b *Batcher) failed() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.err
}

func (b *Batcher) sendNodes(ctx context.Context) {
	if len(b.nodes) == 0 {
		return
	}
	b.send(batch{ctx: ctx, nodes: b.nodes})
	b.nodes = nil
	clear(b.nodeAt)
}

func (b *Batcher) sendEdges(ctx context.Context) {
	if len(b.edges) == 0 {
		return
	}
	b.send(batch{ctx: ctx, edges: b.edges})
	b.edges = nil
	clear(b.edgeAt)
}

func (b *Batcher) send(j batch) {
	if !b.started {
		b.started = true
		b.jobs = make(chan batch, 1)
		b.done = make(chan struct{})
		go b.loop()
	}
	b.jobs <- j
}

// loop writes the batches in the order they were sent, and skips them all after a failure.
func (b *Batcher) loop() {
	defer close(b.done)
	for j := range b.jobs {
		if b.failed() != nil {
			continue
		}
		var (
			ws  graph.WriteStats
			err error
		)
		if err = j.ctx.Err(); err == nil {
			ws, err = b.write(j)
		}
		b.mu.Lock()
		b.stats.Add(ws)
		if err != nil && b.err == nil {
			b.err = err
		}
		b.mu.Unlock()
	}
}

// splitAt is the size from which a batch is written as Writers transactions at once.
const splitAt = 200

// write writes one batch. A large batch of nodes is split by key into b.writers parts written at
// once, each in a transaction of its own, so that the database can use more than one core; no two
// parts write the same node. Relationships are written in one transaction: parts of them wait for
// each other's locks on the entities they share (a much-cited work, a country), which made the
// import slower, not faster. The next batch waits for all parts, so nodes are still written before
// the relationships that follow them.
func (b *Batcher) write(j batch) (graph.WriteStats, error) {
	if b.writers < 2 || len(j.nodes) < splitAt {
		if len(j.nodes) > 0 {
			return b.w.UpsertNodes(j.ctx, j.nodes)
		}
		return b.w.UpsertEdges(j.ctx, j.edges)
	}
	nodes := make([][]graph.NodeInput, b.writers)
	for _, in := range j.nodes {
		i := b.refHash(in.Key) % uint64(b.writers)
		nodes[i] = append(nodes[i], in)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		total graph.WriteStats
		first error
	)
	for i := range b.writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ws graph.WriteStats
			var err error
			if len(nodes[i]) > 0 {
				ws, err = b.w.UpsertNodes(j.ctx, nodes[i])
			}
			mu.Lock()
			total.Add(ws)
			if err != nil && first == nil {
				first = err
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total, first
}

func (b *Batcher) refHash(r graph.Ref) uint64 {
	var h maphash.Hash
	h.SetSeed(b.seed)
	writeStrings(&h, string(r.Kind), r.Scheme, r.Value)
	return h.Sum64()
}

// mergeNode merges two inputs for the same node: a full record beats a stub; otherwise later
// values win. The inputs' maps are not modified.
func mergeNode(old, n graph.NodeInput) graph.NodeInput {
	switch {
	case n.Stub && !old.Stub:
		return old
	case old.Stub && !n.Stub:
		return n
	}
	out := n
	out.Props = mergeMaps(old.Props, n.Props)
	out.Sourced = mergeMaps(old.Sourced, n.Sourced)
	return out
}

// mergeEdge merges two inputs for the same relationship: later values win.
func mergeEdge(old, e graph.EdgeInput) graph.EdgeInput {
	out := e
	out.Props = mergeMaps(old.Props, e.Props)
	return out
}

func mergeMaps(a, b map[string]any) map[string]any {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	m := maps.Clone(a)
	for k, v := range b {
		if v != nil {
			m[k] = v
		}
	}
	return m
}
