package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// cell is one measurement: an operation at one concurrency against one server.
type cell struct {
	rps           float64
	p50, p95, p99 time.Duration
	requests      uint64
	errors        int
	firstErr      string
}

// target is how the requests of an operation go to one server.
type target struct {
	server string
	url    string   // the GraphQL endpoint, or floor://<op> for the floor
	bodies [][]byte // the request bodies, cycled through
}

// bodyCycle is how many different requests each target cycles through.
const bodyCycle = 1000

func graphqlTarget(server, url, query string, vars func(int) map[string]any) target {
	t := target{server: server, url: url}
	for i := 0; i < bodyCycle; i++ {
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars(i)})
		t.bodies = append(t.bodies, b)
	}
	return t
}

func floorTarget(name string) target {
	t := target{server: "floor", url: "http://floor/" + url.PathEscape(name)}
	for i := 0; i < bodyCycle; i++ {
		t.bodies = append(t.bodies, []byte(strconv.Itoa(i)))
	}
	return t
}

// targeter cycles through the target's bodies.
func (t target) targeter() vegeta.Targeter {
	var seq atomic.Int64
	hdr := http.Header{"Content-Type": {"application/json"}}
	return func(tgt *vegeta.Target) error {
		i := int(seq.Add(1)-1) % len(t.bodies)
		tgt.Method, tgt.URL, tgt.Body, tgt.Header = http.MethodPost, t.url, t.bodies[i], hdr
		return nil
	}
}

// mixTargeter cycles through the operations in turn, each through its own bodies.
func mixTargeter(ts []target) vegeta.Targeter {
	var seq atomic.Int64
	hdr := http.Header{"Content-Type": {"application/json"}}
	return func(tgt *vegeta.Target) error {
		n := int(seq.Add(1) - 1)
		t := ts[n%len(ts)]
		tgt.Method, tgt.URL, tgt.Body, tgt.Header = http.MethodPost, t.url, t.bodies[(n/len(ts))%len(t.bodies)], hdr
		return nil
	}
}

// attack runs c clients, each sending its next request as soon as the previous one is answered,
// for d, and measures them. A response with GraphQL errors counts as an error.
func attack(client *http.Client, tr vegeta.Targeter, c int, d time.Duration, name string) cell {
	atk := vegeta.NewAttacker(vegeta.Client(client), vegeta.Workers(uint64(c)), vegeta.MaxWorkers(uint64(c)),
		vegeta.Timeout(60*time.Second), vegeta.MaxBody(4<<20))
	var m vegeta.Metrics
	var out cell
	for res := range atk.Attack(tr, vegeta.Rate{Freq: 0}, d, name) {
		if res.Error == "" && (res.Code != 200 || bytes.Contains(res.Body, []byte(`"errors"`))) {
			res.Error = fmt.Sprintf("HTTP %d: %.200s", res.Code, res.Body)
		}
		if res.Error != "" {
			out.errors++
			if out.firstErr == "" {
				out.firstErr = res.Error
			}
		}
		res.Body = nil
		m.Add(res)
	}
	m.Close()
	out.rps, out.requests = m.Throughput, m.Requests
	out.p50, out.p95, out.p99 = m.Latencies.P50, m.Latencies.P95, m.Latencies.P99
	return out
}

// newClient is an HTTP client with enough idle connections for c clients.
func newClient(c int, rt http.RoundTripper) *http.Client {
	if rt == nil {
		rt = &http.Transport{MaxIdleConns: c * 2, MaxIdleConnsPerHost: c * 2, MaxConnsPerHost: 0, IdleConnTimeout: time.Minute}
	}
	return &http.Client{Transport: rt, Timeout: 60 * time.Second}
}

// floorTransport answers the floor's "requests" by running the operation's Cypher through the Go
// driver: a read transaction, all records collected, nothing else.
type floorTransport struct {
	driver neo4j.DriverWithContext
	db     string
	ops    map[string]op
}

func (f floorTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	name, _ := url.PathUnescape(strings.TrimPrefix(req.URL.Path, "/"))
	o, ok := f.ops[name]
	b, _ := io.ReadAll(req.Body)
	req.Body.Close()
	i, err := strconv.Atoi(string(b))
	if !ok || err != nil {
		return nil, fmt.Errorf("floor: no operation %q", name)
	}
	_, err = f.run(ctx, o, i)
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Request: req, Header: http.Header{}}
	if err != nil {
		resp.StatusCode = 500
		resp.Body = io.NopCloser(strings.NewReader(err.Error()))
	}
	return resp, nil
}

// run runs the operation's Cypher as relgraph's store runs its reads, an auto-commit transaction
// in a read session (one network round trip), and collects the records.
func (f floorTransport) run(ctx context.Context, o op, i int) ([]*neo4j.Record, error) {
	sess := f.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: f.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	res, err := sess.Run(ctx, o.floor, floorParams(o, i))
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func floorParams(o op, i int) map[string]any {
	if o.params != nil {
		return o.params(i)
	}
	return o.vars(i)
}

// digest reduces an answer to the values under keys, sorted, so that answers of different shapes
// can be compared.
func digest(v any, keys []string) string {
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	var vals []string
	var walk func(k string, v any)
	walk = func(k string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k2, v2 := range x {
				walk(k2, v2)
			}
		case []any:
			for _, v2 := range x {
				walk(k, v2)
			}
		default:
			if want[k] && x != nil {
				vals = append(vals, fmt.Sprint(x))
			}
		}
	}
	walk("", v)
	sort.Strings(vals)
	return strings.Join(vals, ",")
}

// floorAnswer runs the floor once and returns its records as maps.
func (f floorTransport) answer(ctx context.Context, o op, i int) (any, error) {
	recs, err := f.run(ctx, o, i)
	if err != nil {
		return nil, err
	}
	out := make([]any, len(recs))
	for j, r := range recs {
		m := r.AsMap()
		// Round-trip through JSON so that numbers compare as the GraphQL answers' do.
		b, _ := json.Marshal(m)
		var x any
		json.Unmarshal(b, &x)
		out[j] = x
	}
	return out, nil
}
