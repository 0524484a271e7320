package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
	"github.com/relgraph/relgraph/server"
)

// listen serves srv the way `relgraph serve` does (Server.Serve on a listener) until the test ends,
// and returns its address.
func listen(t *testing.T, srv *server.Server) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Serve(ctx, l, time.Second); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return l.Addr().String()
}

// trickle connects to addr, writes head at once, then one byte of drip every 4 seconds, and returns
// how long the server took to close the connection (or max, when it had not by then) and what it
// answered.
func trickle(t *testing.T, addr, head string, max time.Duration) (time.Duration, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	closed := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(c) // until the server closes the connection, or the test does
		closed <- b
	}()
	if _, err := io.WriteString(c, head); err != nil {
		t.Fatal(err)
	}
	tick := time.NewTicker(4 * time.Second)
	defer tick.Stop()
	deadline := time.After(max)
	for {
		select {
		case b := <-closed:
			return time.Since(start), string(b)
		case <-tick.C:
			c.Write([]byte("x")) // fails once the server has hung up; the reader then sees it
		case <-deadline:
			c.Close()
			return max, string(<-closed)
		}
	}
}

func TestSlowClientsAreCutOff(t *testing.T) {
	srv := newServer(t, neo4jtest.Shared(t), nil, neo4jtest.Logger(), func(o *server.Options) {
		o.Limits.Timeout = time.Second
	})
	addr := listen(t, srv)
	for _, tc := range []struct {
		name string
		head string
		want time.Duration // the time within which the server must hang up
	}{
		{"A GraphQL body sent one byte every 4 seconds is cut off at the request's time limit.",
			"POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
			time.Second + time.Second},
		{"Any other body sent one byte every 4 seconds is cut off at the request's time limit.",
			"POST /auth/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{",
			time.Second + time.Second},
		{"Headers sent one byte every 4 seconds are cut off at the header time limit.",
			"POST /graphql HTTP/1.1\r\nHost: x\r\n",
			server.HeaderTimeout + time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			took, _ := trickle(t, addr, tc.head, 3*tc.want)
			if took > tc.want {
				t.Errorf("the server hung up after %s, want within %s", took.Round(time.Millisecond), tc.want)
			}
		})
	}
}

func TestServerTimeouts(t *testing.T) {
	srv := newServer(t, neo4jtest.Shared(t), nil, neo4jtest.Logger(), func(o *server.Options) {
		o.Limits.Timeout = 3 * time.Second
	})
	hs := srv.HTTPServer()
	for _, c := range []struct {
		name      string
		got, want time.Duration
	}{
		{"read header", hs.ReadHeaderTimeout, server.HeaderTimeout},
		{"read", hs.ReadTimeout, server.HeaderTimeout + 3*time.Second},
		{"write", hs.WriteTimeout, 3*time.Second + server.WriteAllowance},
		{"idle", hs.IdleTimeout, server.IdleTimeout},
	} {
		if c.got != c.want {
			t.Errorf("%s timeout: %s, want %s", c.name, c.got, c.want)
		}
	}
}

// proxy forwards TCP connections to a Neo4j server until cut, after which it drops them and holds
// new ones open without an answer, as a server that is restarting may.
type proxy struct {
	l      net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	cut    bool
}

func newProxy(t *testing.T, target string) *proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{l: l, target: target}
	t.Cleanup(func() { l.Close(); p.Cut() })
	go p.accept()
	return p
}

func (p *proxy) accept() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.conns = append(p.conns, c)
		cut := p.cut
		p.mu.Unlock()
		if cut {
			continue // held open, never answered
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, up)
		p.mu.Unlock()
		go func() { io.Copy(up, c); up.Close() }()
		go func() { io.Copy(c, up); c.Close() }()
	}
}

// Cut drops every connection through the proxy; new ones are accepted and never answered.
func (p *proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cut = true
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func TestAddLinkWhileTheDatabaseIsDown(t *testing.T) {
	cfg := neo4jtest.Config(t)
	u, err := url.Parse(cfg.URI)
	if err != nil {
		t.Fatal(err)
	}
	shared := neo4jtest.Shared(t)
	run := fmt.Sprintf("down-%d", time.Now().UnixNano())
	_, secret, err := shared.CreateToken(context.Background(), run, graph.RoleCurator, time.Hour, "test")
	if err != nil {
		t.Fatal(err)
	}
	px := newProxy(t, u.Host)
	cfg.URI = u.Scheme + "://" + px.l.Addr().String()
	store, err := neo4j.Open(cfg, neo4jtest.Logger())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close(context.Background()) })
	const timeout = 2 * time.Second
	srv := newServer(t, store, nil, neo4jtest.Logger(), func(o *server.Options) {
		o.Limits.Timeout = timeout
		o.PingEvery = time.Minute // the server learns of the outage only through the request
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx)
	for i := 0; !srv.Ready(); i++ {
		if i > 600 {
			t.Fatal("the server never became ready")
		}
		time.Sleep(100 * time.Millisecond)
	}
	addr := listen(t, srv)
	px.Cut()

	body, _ := json.Marshal(map[string]any{"query": `mutation { addLink(source: "w-0000000000000001", type: "CITES", target: "w-0000000000000002") { outcome } }`})
	req, _ := http.NewRequest("POST", "http://"+addr+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+secret)
	start := time.Now()
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	took := time.Since(start)
	if err != nil {
		t.Fatalf("after %s: %v", took, err)
	}
	defer resp.Body.Close()
	var out response
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%d, not JSON: %.300s", resp.StatusCode, b)
	}
	if code := out.code(); code != graph.ETimeout && code != graph.EUnavailable {
		t.Errorf("code %q (%s), want TIMEOUT or UNAVAILABLE", code, b)
	}
	if max := timeout + time.Second; took > max {
		t.Errorf("answered after %s with a %s time limit, want within %s", took.Round(time.Millisecond), timeout, max)
	}
}
