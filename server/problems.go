package server

import (
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// maxQuoted is how many characters of an input an error message quotes; longer inputs are cut
// short with an ellipsis, so that an answer or a log line never carries a client's input whole.
const maxQuoted = 100

// maxMessage bounds a whole error message, whatever it quotes.
const maxMessage = 500

// shorten cuts s to maxQuoted characters, marking the cut with an ellipsis.
func shorten(s string) string { return cut(s, maxQuoted) }

func cut(s string, n int) string {
	if len(s) <= n { // bytes: a shorter string has fewer characters too
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// quote quotes an input for a message, cut short.
func quote(s string) string { return strconv.Quote(shorten(s)) }

// quoted matches a double-quoted string in a message, escapes included.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// shortenMessage cuts every quoted input in a message to maxQuoted characters, and the whole
// message to maxMessage.
func shortenMessage(msg string) string {
	if len(msg) <= maxQuoted {
		return msg
	}
	msg = quoted.ReplaceAllStringFunc(msg, func(q string) string {
		inner := q[1 : len(q)-1]
		if s := cut(inner, maxQuoted); s != inner {
			return `"` + s + `"`
		}
		return q
	})
	return cut(msg, maxMessage)
}

// Request problems are a client's mistakes: they are logged at INFO with the request's size and a
// hash of it (never its content), at most problemBurst at once and then one every problemEvery per
// client address; the next line logged for an address says how many were left out.
const (
	problemBurst   = 5
	problemEvery   = 10 * time.Second
	problemClients = 10000 // addresses remembered; beyond this, those with a full bucket are forgotten
)

// problemLog logs request problems, rate-limited per client address by a small token bucket.
type problemLog struct {
	logger  *slog.Logger
	mu      sync.Mutex
	clients map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens  float64
	last    time.Time
	dropped int
}

func newProblemLog(log *slog.Logger) *problemLog {
	return &problemLog{logger: log, clients: map[string]*bucket{}, now: time.Now}
}

// allow takes a token from the bucket of addr; it returns false when there is none, and otherwise
// how many problems of addr were left out since the last one logged.
func (p *problemLog) allow(addr string) (ok bool, dropped int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	b := p.clients[addr]
	if b == nil {
		if len(p.clients) >= problemClients {
			p.forget(now)
		}
		b = &bucket{tokens: problemBurst, last: now}
		p.clients[addr] = b
	}
	b.tokens += now.Sub(b.last).Seconds() / problemEvery.Seconds()
	if b.tokens > problemBurst {
		b.tokens = problemBurst
	}
	b.last = now
	if b.tokens < 1 {
		b.dropped++
		return false, 0
	}
	b.tokens--
	dropped, b.dropped = b.dropped, 0
	return true, dropped
}

// forget drops the buckets that have filled up again, and all of them if none has.
func (p *problemLog) forget(now time.Time) {
	full := problemBurst * problemEvery
	for addr, b := range p.clients {
		if now.Sub(b.last) >= full {
			delete(p.clients, addr)
		}
	}
	if len(p.clients) >= problemClients {
		clear(p.clients)
	}
}

// log records one problem of r: its code and message (cut short), the size of what it sent and
// the start of its SHA-256, so that repeated requests can be told apart without their content.
func (p *problemLog) log(r *http.Request, content []byte, code, message string) {
	noteOutcome(r.Context(), code)
	addr := clientAddr(r)
	ok, dropped := p.allow(addr)
	if !ok {
		return
	}
	sum := sha256.Sum256(content)
	attrs := []any{"code", code, "reason", shorten(message), "method", r.Method, "bytes", len(content),
		"sha256", hex.EncodeToString(sum[:8]), "client", addr}
	if dropped > 0 {
		attrs = append(attrs, "notLogged", dropped)
	}
	p.logger.InfoContext(r.Context(), "request refused", attrs...)
}

// clientAddr is the address a request came from, without its port.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
