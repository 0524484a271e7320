package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
)

// RequestIDHeader is the header that carries a request's id: taken from the request when it is
// sane, made up otherwise, and always sent back in the response.
const RequestIDHeader = "X-Request-Id"

// requestIDExtension is the response extension that carries the request's id.
const requestIDExtension = "requestId"

// maxRequestID is the longest request id taken from a client.
const maxRequestID = 128

type requestIDKey struct{}

// RequestID returns the id of the request of ctx; "" outside a request.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// saneRequestID reports whether a client's request id may be used as it is: 1 to maxRequestID
// letters, digits and - _ . : / + = (UUIDs, W3C trace ids, base64 ids), so that it can go into a
// log line or a JSON answer untouched.
func saneRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '+' || c == '=':
		default:
			return false
		}
	}
	return true
}

// newRequestID makes up a request id: 16 random bytes in hex.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// withRequestID gives every request an id, from its X-Request-Id header when that is sane and a
// new one otherwise, puts it in the request's context for the logs and the response extensions,
// and sends it back in the response's X-Request-Id.
func withRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !saneRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}

// requestIDHandler is a log handler that adds the request id of a record's context to the record,
// so that every line logged with a request's context names the request.
type requestIDHandler struct{ slog.Handler }

// LogRequestIDs returns a logger that writes through l's handler and adds requestId to every line
// logged with a request's context (InfoContext, ErrorContext…).
func LogRequestIDs(l *slog.Logger) *slog.Logger {
	if _, ok := l.Handler().(requestIDHandler); ok {
		return l
	}
	return slog.New(requestIDHandler{l.Handler()})
}

func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r.AddAttrs(slog.String(requestIDExtension, id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h requestIDHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(attrs)}
}

func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}

// requestExtensions are the response extensions particular to the request of ctx: its id.
func requestExtensions(ctx context.Context) map[string]any {
	if id := RequestID(ctx); id != "" {
		return map[string]any{requestIDExtension: id}
	}
	return nil
}
