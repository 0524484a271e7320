package neo4j

import (
	"context"
	"sync"
	"time"
)

// versionCache keeps the graph version in memory for a short time, so that response caches can ask
// for it on every request without a round trip. A write through the store drops it (invalidate),
// and a read of the version that raced with a write is not kept, so after a write has returned,
// Version never answers a number older than that write.
type versionCache struct {
	maxAge  time.Duration
	refresh chan struct{} // a one-slot lock: one refresh at a time, the others wait for it

	mu  sync.Mutex
	val int64
	at  time.Time // when val was read; zero when it must be read again
	gen uint64    // advanced by every write
}

func (c *versionCache) init(maxAge time.Duration) {
	c.maxAge = maxAge
	c.refresh = make(chan struct{}, 1)
}

// fresh returns the version when it was read recently enough, and the write generation.
func (c *versionCache) fresh() (int64, bool, uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.val, !c.at.IsZero() && time.Since(c.at) < c.maxAge, c.gen
}

// invalidate makes the next Version read the database.
func (c *versionCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.at = time.Time{}
	c.mu.Unlock()
}

// observe records v, read when the write generation was gen, and returns the version to use.
func (c *versionCache) observe(v int64, gen uint64) int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v > c.val {
		c.val = v
	}
	if c.gen == gen {
		c.at = time.Now()
	}
	return c.val
}

// Version returns the graph version: a number that every write that changes the graph advances.
// It answers from memory for up to Config.VersionMaxAge; a write through this store is seen at once.
func (s *Store) Version(ctx context.Context) (int64, error) {
	if v, ok, _ := s.ver.fresh(); ok {
		return v, nil
	}
	select {
	case s.ver.refresh <- struct{}{}:
	case <-ctx.Done():
		return 0, s.wrap(ctx, ctx.Err())
	}
	defer func() { <-s.ver.refresh }()
	v, ok, gen := s.ver.fresh()
	if ok {
		return v, nil // another caller has just read it
	}
	recs, err := s.read(uncounted(ctx), "OPTIONAL MATCH (m:Meta {name: 'graph'}) RETURN coalesce(m.version, 0) AS v", nil)
	if err != nil {
		return 0, err
	}
	if len(recs) > 0 {
		if v, err = column[int64](recs[0], "v"); err != nil {
			return 0, err
		}
	}
	return s.ver.observe(v, gen), nil
}
