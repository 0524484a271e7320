package server

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
)

// Metrics are the server's Prometheus metrics, served at /metrics. The README says what each one
// means; main makes one set per process and hands it to the server and to the store's statement
// hook (Observer).
type Metrics struct {
	reg *prometheus.Registry

	requests        *prometheus.CounterVec
	requestDuration *prometheus.HistogramVec
	cache           *prometheus.CounterVec
	cypher          *prometheus.CounterVec
	cypherDuration  *prometheus.HistogramVec
	importRecords   *prometheus.GaugeVec
	importBytes     *prometheus.GaugeVec

	pool       atomic.Pointer[func() (inUse, size int)]
	operations operationNames
}

// metricsNamespace prefixes every metric of relgraph's own.
const metricsNamespace = "relgraph"

// NewMetrics returns a new set of metrics in a registry of its own, with the Go runtime's and the
// process's metrics beside them.
func NewMetrics() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	f := func(c prometheus.Collector) { m.reg.MustRegister(c) }
	f(collectors.NewGoCollector())
	f(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	labels := []string{"operation", "outcome"}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: metricsNamespace, Name: "requests_total",
		Help: "GraphQL requests answered, by operation name and outcome (ok, or the first error's code)."}, labels)
	m.requestDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: metricsNamespace, Name: "request_duration_seconds",
		Help:    "Time to answer a GraphQL request, by operation name and outcome.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, labels)
	m.cache = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: metricsNamespace, Name: "response_cache_requests_total",
		Help: "Shared queries looked up in the response cache, by result (hit or miss)."}, []string{"result"})
	m.cypher = prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: metricsNamespace, Name: "cypher_round_trips_total",
		Help: "Cypher round trips to Neo4j (read queries and write transactions), by mode and outcome."}, []string{"mode", "outcome"})
	m.cypherDuration = prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: metricsNamespace, Name: "cypher_duration_seconds",
		Help:    "Time of a Cypher round trip, retries and the wait for a connection included, by mode.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"mode"})
	m.importRecords = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: metricsNamespace, Name: "import_records",
		Help: "Records an import has read so far in its pass, and of them rejected, by format, pass and result (read, rejected)."},
		[]string{"format", "pass", "result"})
	m.importBytes = prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: metricsNamespace, Name: "import_source_bytes",
		Help: "Bytes of the source an import reads now: read so far, and its size (-1 when unknown), by format and what (read, size)."},
		[]string{"format", "what"})
	for _, c := range []prometheus.Collector{m.requests, m.requestDuration, m.cache, m.cypher, m.cypherDuration, m.importRecords, m.importBytes} {
		f(c)
	}
	for _, g := range []struct {
		name, help string
		in         bool
	}{
		{"neo4j_pool_in_use", "Neo4j connections held by reads now.", true},
		{"neo4j_pool_size", "Neo4j connections reads may hold at once (the pool's size).", false},
	} {
		in := g.in
		f(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: metricsNamespace, Name: g.name, Help: g.help}, func() float64 {
			p := m.pool.Load()
			if p == nil {
				return 0
			}
			used, size := (*p)()
			if in {
				return float64(used)
			}
			return float64(size)
		}))
	}
	return m
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Registerer is where further metrics of the process may be registered.
func (m *Metrics) Registerer() prometheus.Registerer { return m.reg }

// watchPool has the pool gauges read the store's pool.
func (m *Metrics) watchPool(f func() (inUse, size int)) { m.pool.Store(&f) }

// ImportProgress returns an import's progress function (ingest.Options.Progress) that sets the
// import gauges of format from each report, then hands the report on to next, when not nil.
func (m *Metrics) ImportProgress(format string, next func(ingest.Progress)) func(ingest.Progress) {
	return func(p ingest.Progress) {
		m.importRecords.WithLabelValues(format, p.Pass, "read").Set(float64(p.Records))
		m.importRecords.WithLabelValues(format, p.Pass, "rejected").Set(float64(p.Rejected))
		m.importBytes.WithLabelValues(format, "read").Set(float64(p.Bytes))
		m.importBytes.WithLabelValues(format, "size").Set(float64(p.Size))
		if next != nil {
			next(p)
		}
	}
}

// statement counts one Cypher round trip of mode that took d and ended with err.
func (m *Metrics) statement(mode string, d time.Duration, err error) {
	m.cypher.WithLabelValues(mode, outcomeOf(err)).Inc()
	m.cypherDuration.WithLabelValues(mode).Observe(d.Seconds())
}

// Operation names are the client's to choose: at most maxOperations distinct ones, each of at most
// maxOperationName bytes, become labels; the others are counted under otherOperation.
const (
	maxOperations      = 200
	maxOperationName   = 64
	otherOperation     = "(other)"
	anonymousOperation = "(anonymous)"
	noOperation        = "(none)" // the request was refused before its operation was known
)

// operationNames bounds the operation label's values.
type operationNames struct {
	mu    sync.Mutex
	names map[string]bool
}

func (o *operationNames) label(name string) string {
	if name == "" {
		return anonymousOperation
	}
	if len(name) > maxOperationName {
		return otherOperation
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.names == nil {
		o.names = map[string]bool{}
	}
	if !o.names[name] {
		if len(o.names) >= maxOperations {
			return otherOperation
		}
		o.names[name] = true
	}
	return name
}

// observation is what the server learns of one GraphQL request as it answers it: its operation
// and its outcome, for its metrics and its span.
type observation struct {
	mu        sync.Mutex
	known     bool   // the operation is known
	operation string // its name
	kind      string // query, mutation or subscription
	outcome   string // ok, or the first error's code; "" until known
}

type observationKey struct{}

func observationFrom(ctx context.Context) *observation {
	o, _ := ctx.Value(observationKey{}).(*observation)
	return o
}

// noteOperation records the operation of the request of ctx.
func noteOperation(ctx context.Context, name, kind string) {
	if o := observationFrom(ctx); o != nil {
		o.mu.Lock()
		o.known, o.operation, o.kind = true, name, kind
		o.mu.Unlock()
	}
}

// noteOutcome records the outcome of the request of ctx, unless an earlier error did.
func noteOutcome(ctx context.Context, outcome string) {
	if o := observationFrom(ctx); o != nil {
		o.mu.Lock()
		if o.outcome == "" || o.outcome == "ok" {
			o.outcome = outcome
		}
		o.mu.Unlock()
	}
}

// outcomeOf is the outcome label of an error: ok, or its code.
func outcomeOf(err error) string {
	if err == nil {
		return "ok"
	}
	return graph.ErrorCode(err)
}

// observe measures and traces every request to the GraphQL endpoint: its span, its count and its
// time by operation and outcome.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		obs := &observation{}
		ctx := context.WithValue(r.Context(), observationKey{}, obs)
		ctx, span := s.startRequestSpan(ctx, r)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		obs.mu.Lock()
		op, kind, known, outcome := obs.operation, obs.kind, obs.known, obs.outcome
		obs.mu.Unlock()
		switch {
		case outcome == "" && sw.status >= 400:
			outcome = "HTTP_" + strconv.Itoa(sw.status)
		case outcome == "":
			outcome = "ok"
		}
		endRequestSpan(span, known, op, kind, outcome, sw.status)
		if s.opt.Metrics == nil {
			return
		}
		label := noOperation
		if known {
			label = s.opt.Metrics.operations.label(op)
		}
		s.opt.Metrics.requests.WithLabelValues(label, outcome).Inc()
		s.opt.Metrics.requestDuration.WithLabelValues(label, outcome).Observe(time.Since(start).Seconds())
	})
}

// cacheServed counts a lookup in the response cache; a hit answers the request, with its operation.
func (s *Server) cacheServed(ctx context.Context, operation string, hit bool) {
	result := "miss"
	if hit {
		result = "hit"
		noteOperation(ctx, operation, "query")
	}
	if s.opt.Metrics != nil {
		s.opt.Metrics.cache.WithLabelValues(result).Inc()
	}
}

// operationOf returns the operation context of ctx, or nil when it has none.
func operationOf(ctx context.Context) *graphql.OperationContext {
	if !graphql.HasOperationContext(ctx) {
		return nil
	}
	return graphql.GetOperationContext(ctx)
}
