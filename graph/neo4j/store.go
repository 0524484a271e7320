// Package neo4j is relgraph's graph store on Neo4j: schema migrations, batched idempotent writes and
// the reads behind the API, each a bounded number of Cypher round trips.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"

	"github.com/relgraph/relgraph/graph"
)

// Config says how to reach Neo4j.
type Config struct {
	URI      string // bolt://, neo4j:// (routing, for clusters and Aura), with +s or +ssc for TLS
	User     string
	Password string
	Database string // always set; "neo4j" by default
	// MaxPool is the connection pool size; 0 picks one for the machine (see Open).
	MaxPool int
	// VersionMaxAge is how long Version may answer from memory; 0 means one second. Writes through
	// this store are seen at once; writes by other processes within this time.
	VersionMaxAge time.Duration
	// CursorKeys sign and check the cursors of paged lists: the first signs, every one verifies, so
	// that keys can be rotated. Each needs at least MinCursorKey bytes. Without keys, a random key
	// signs, and cursors last as long as the process: servers behind one address need the same keys.
	CursorKeys [][]byte
	// Observe, when set, watches every statement the store sends (metrics, traces): it is called
	// as a read query or a write transaction starts, with its mode ("read" or "write") and, for a
	// read, its Cypher; it returns the context to run it in and a function called with its
	// outcome when it ends.
	Observe func(ctx context.Context, mode, cypher string) (context.Context, func(error))
}

// Store is the Neo4j implementation of graph.Reader and graph.Writer.
type Store struct {
	driver neo4j.DriverWithContext
	db     string
	log    *slog.Logger
	ver    versionCache
	// slots admits reads, as many at once as the pool has connections, the others waiting in
	// arrival order: the driver's own wait for a free connection is not first come, first served,
	// so under heavy load some requests starved past their time limit while later ones went first.
	slots chan struct{}
	// cursors sign and check cursors (cursor.go).
	cursors cursorKeys
	// observe is Config.Observe, or one that watches nothing.
	observe func(ctx context.Context, mode, cypher string) (context.Context, func(error))
}

var (
	_ graph.Reader = (*Store)(nil)
	_ graph.Writer = (*Store)(nil)
)

// Open creates the driver. It does not wait for Neo4j: the driver connects on first use and
// reconnects by itself after Neo4j restarts.
func Open(cfg Config, log *slog.Logger) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "neo4j"
	}
	pool := cfg.MaxPool
	if pool <= 0 {
		pool = defaultPool()
	}
	keys, err := newCursorKeys(cfg.CursorKeys)
	if err != nil {
		return nil, err
	}
	d, err := neo4j.NewDriverWithContext(cfg.URI, neo4j.BasicAuth(cfg.User, cfg.Password, ""),
		func(c *config.Config) {
			c.MaxConnectionPoolSize = pool
			// Waiting for a connection is bounded by the request's own deadline; this only
			// catches requests without one.
			c.ConnectionAcquisitionTimeout = 30 * time.Second
			c.SocketConnectTimeout = 3 * time.Second
			// Deadlocks between concurrent writers are transient: retry them for a while.
			c.MaxTransactionRetryTime = 30 * time.Second
		})
	if err != nil {
		return nil, graph.Errorf(graph.EInvalid, "bad Neo4j configuration for %s: %v", cfg.URI, err)
	}
	maxAge := cfg.VersionMaxAge
	if maxAge <= 0 {
		maxAge = time.Second
	}
	s := &Store{driver: d, db: cfg.Database, log: log, slots: make(chan struct{}, pool), cursors: keys, observe: cfg.Observe}
	if s.observe == nil {
		s.observe = func(ctx context.Context, _, _ string) (context.Context, func(error)) { return ctx, func(error) {} }
	}
	s.ver.init(maxAge)
	return s, nil
}

// Close closes the driver and its connections.
func (s *Store) Close(ctx context.Context) error { return s.driver.Close(ctx) }

// Ping checks that the database answers a query.
func (s *Store) Ping(ctx context.Context) error {
	_, err := s.read(ctx, "RETURN 1", nil)
	return err
}

// Pool reports how many reads hold a connection of the pool now, and how many may at once. The
// driver does not report its own pool; reads take a connection only while they hold a slot.
func (s *Store) Pool() (inUse, size int) { return len(s.slots), cap(s.slots) }

// count adds a round trip to the request's counter (see graph.RoundTrips).
func count(ctx context.Context) { graph.CountRoundTrip(ctx) }

// observed counts a round trip and has Config.Observe watch it: it returns the context to run it
// in, and end, which reports the round trip's outcome and returns it. Every read query and write
// transaction goes through it.
func (s *Store) observed(ctx context.Context, mode, cypher string) (_ context.Context, end func(error) error) {
	count(ctx)
	ctx, done := s.observe(ctx, mode, cypher)
	return ctx, func(err error) error {
		done(err)
		return err
	}
}

// uncounted returns a context whose round trips are not counted: bookkeeping such as reading the
// graph version is not part of answering a request.
func uncounted(ctx context.Context) context.Context { return graph.WithRoundTrips(ctx, nil) }

// defaultPool sizes the connection pool for the machine: a few connections per core keep Neo4j's
// cores busy while results travel, and more would only queue inside Neo4j.
func defaultPool() int {
	n := 8 * runtime.NumCPU()
	if n < 16 {
		n = 16
	}
	return n
}

// txConfig passes the time left to ctx's deadline on to Neo4j as the transaction timeout, so that
// a query the caller has given up on stops running in the database too. The database is given a
// little less than the caller, so that it stops the query and answers on a connection that stays
// usable, rather than the caller dropping the connection.
func txConfig(ctx context.Context) ([]func(*neo4j.TransactionConfig), error) {
	dl, ok := ctx.Deadline()
	if !ok {
		return nil, nil
	}
	left := time.Until(dl)
	if left < 2*time.Millisecond {
		return nil, &graph.Error{Code: graph.ETimeout, Message: "the request ran out of time", Err: context.DeadlineExceeded}
	}
	margin := left / 5
	if margin > 500*time.Millisecond {
		margin = 500 * time.Millisecond
	}
	return []func(*neo4j.TransactionConfig){neo4j.WithTxTimeout(left - margin)}, nil
}

// read runs one read query and returns its records. It runs as an auto-commit transaction in a
// read session (routed to a reader on a cluster): one network round trip, where a managed
// transaction (ExecuteRead) needs a second for its COMMIT; measured on a lookup, 0.48 ms instead
// of 0.63 ms. Like ExecuteRead it retries what the driver says is retryable (a lost connection, a
// leader change), twice, within the request's time.
func (s *Store) read(ctx context.Context, cypher string, params map[string]any) ([]*neo4j.Record, error) {
	ctx, end := s.observed(ctx, "read", cypher)
	p := profileOf(ctx)
	if p != nil {
		cypher = "PROFILE " + cypher
	}
	var recs []*neo4j.Record
	var err error
	for attempt := 0; ; attempt++ {
		recs, err = s.readOnce(ctx, cypher, params, p)
		if err == nil || attempt == 2 || !neo4j.IsRetryable(err) || ctx.Err() != nil {
			break
		}
		select {
		case <-time.After(time.Duration(50<<attempt) * time.Millisecond):
		case <-ctx.Done():
		}
	}
	return recs, end(s.wrap(ctx, err))
}

func (s *Store) readOnce(ctx context.Context, cypher string, params map[string]any, p *Profile) ([]*neo4j.Record, error) {
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-s.slots }()
	// The transaction gets the time left once it has its turn.
	tc, err := txConfig(ctx)
	if err != nil {
		return nil, err
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, cypher, params, tc...)
	if err != nil {
		return nil, err
	}
	recs, err := res.Collect(ctx)
	if err == nil && p != nil {
		if sum, err := res.Consume(ctx); err == nil {
			p.add(cypher, sum)
		}
	}
	return recs, err
}

// write runs fn in a write transaction; fn may be retried, so it must be idempotent. Once it has
// committed, the cached graph version is dropped, so that readers of Version see the write.
func (s *Store) write(ctx context.Context, fn func(tx neo4j.ManagedTransaction) error) error {
	ctx, end := s.observed(ctx, "write", "")
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeWrite})
	defer sess.Close(ctx)
	_, err := neo4j.ExecuteWrite(ctx, sess, func(tx neo4j.ManagedTransaction) (bool, error) {
		return true, fn(tx)
	})
	s.ver.invalidate()
	return end(s.wrap(ctx, err))
}

// ErrCredentials is in the chain of every error of a store whose database refuses its user name or
// password (or has locked it out after too many attempts): waiting will not mend it.
var ErrCredentials = errors.New("the database refused the user name or password")

// wrap turns driver errors into graph errors with codes: unreachable database and exhausted retries
// become UNAVAILABLE, everything else INTERNAL (with the cause kept for the log).
func (s *Store) wrap(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &graph.Error{Code: graph.ETimeout, Message: "the request ran out of time", Err: err}
	}
	if ctx.Err() != nil {
		return &graph.Error{Code: graph.EUnavailable, Message: "the request was cancelled", Err: err}
	}
	var ne *neo4j.Neo4jError
	if errors.As(err, &ne) {
		switch {
		case ne.Code == "Neo.ClientError.Schema.ConstraintValidationFailed":
			return &graph.Error{Code: graph.EConflict, Message: "an entity with this identifier already exists", Err: err}
		case ne.Code == "Neo.ClientError.Security.Unauthorized" || ne.Code == "Neo.ClientError.Security.AuthenticationRateLimit":
			// Unavailable to API clients, whose own credentials are not in question.
			return &graph.Error{Code: graph.EUnavailable, Message: "the database is unavailable", Err: fmt.Errorf("%w: %w", ErrCredentials, err)}
		case ne.Code == "Neo.ClientError.Transaction.TransactionTimedOut" || ne.Code == "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration":
			return &graph.Error{Code: graph.ETimeout, Message: "the request ran out of time", Err: err}
		}
		if ne.Classification() == "TransientError" || ne.Classification() == "DatabaseError" {
			return &graph.Error{Code: graph.EUnavailable, Message: "the database is unavailable", Err: err}
		}
		return &graph.Error{Code: graph.EInternal, Message: "internal error", Err: err}
	}
	if neo4j.IsConnectivityError(err) || neo4j.IsRetryable(err) || isPoolOrIO(err) {
		return &graph.Error{Code: graph.EUnavailable, Message: "the database is unavailable", Err: err}
	}
	return &graph.Error{Code: graph.EInternal, Message: "internal error", Err: fmt.Errorf("neo4j: %w", err)}
}

// isPoolOrIO recognises the driver's errors for an unreachable server that are not typed as
// connectivity errors.
func isPoolOrIO(err error) bool {
	var te *neo4j.TransactionExecutionLimit
	var ce *neo4j.ConnectivityError
	return errors.As(err, &te) || errors.As(err, &ce)
}
