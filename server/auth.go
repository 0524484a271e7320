package server

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers"
)

// Who may do what is decided per request:
//
//   - `Authorization: Bearer <token>` authenticates API clients. A token that is unknown, expired
//     or revoked fails the whole request with UNAUTHENTICATED (401), so a client never mistakes
//     itself for anonymous.
//   - The explorer signs in once with a token (POST /auth/session) and then holds a session
//     cookie (HttpOnly, SameSite=Strict, Secure over TLS) and a CSRF cookie that its script sends
//     back in the X-CSRF-Token header. A session counts only with that header: a request carrying
//     the cookie alone (as a forged cross-site request would) is anonymous.
//   - Mutations are refused over GET (the GET transport runs queries only), without a JSON body
//     (so no HTML form can post one), and from another site (Origin or Sec-Fetch-Site).
//   - What needs a role is declared in the schema (`@auth(role:)`) and enforced by resolvers.Auth
//     before any argument is read. A request from another site keeps its actor (`me` says who it
//     is) but is refused those fields, and does not see what only curators see, such as
//     retracted relationships (resolvers.WithCrossSite).

// Cookie and header names.
const (
	SessionCookie = "relgraph_session"
	CSRFCookie    = "relgraph_csrf"
	CSRFHeader    = "X-CSRF-Token"
)

// identify finds the actor of a request and what the mutation guard needs to know of it (in st).
// A nil error with Anonymous means no credentials; an error is UNAUTHENTICATED for bad bearer
// credentials or UNAVAILABLE when they cannot be checked.
func (s *Server) identify(r *http.Request, st *request) (graph.Actor, error) {
	st.crossSite = crossSite(r)
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, secret, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(secret) == "" {
			return graph.Anonymous, graph.Errorf(graph.EUnauthenticated, "the Authorization header must be `Bearer <token>`")
		}
		return s.opt.Store.Authenticate(r.Context(), strings.TrimSpace(secret))
	}
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return graph.Anonymous, nil
	}
	csrf := r.Header.Get(CSRFHeader)
	if csrf == "" {
		st.csrfRejected = true
		return graph.Anonymous, nil
	}
	a, ok, err := s.opt.Store.SessionActor(r.Context(), c.Value, csrf)
	switch {
	case graph.ErrorCode(err) == graph.EUnauthenticated:
		return graph.Anonymous, nil // an ended session: signed out
	case err != nil:
		return graph.Anonymous, err
	case !ok:
		st.csrfRejected = true
		return graph.Anonymous, nil
	}
	return a, nil
}

// crossSite reports whether a browser says the request comes from another site.
func crossSite(r *http.Request) bool {
	if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	return err != nil || !strings.EqualFold(u.Host, r.Host)
}

// begin gives every request to the GraphQL endpoint its state (see request) and authenticates it,
// before it is executed.
func (s *Server) begin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		st := &request{method: r.Method}
		ctx := withRequest(r.Context(), st)
		ctx = graph.WithRoundTrips(ctx, &st.roundTrips) // checking the credentials counts too
		r = r.WithContext(ctx)
		a, err := s.identify(r, st)
		if err != nil {
			writeError(w, err)
			return
		}
		w.Header().Add("Vary", "Authorization, Cookie, "+CSRFHeader)
		if a.Authenticated() {
			w.Header().Set("Cache-Control", "private, no-store")
		}
		if st.crossSite {
			ctx = resolvers.WithCrossSite(ctx)
		}
		next.ServeHTTP(w, r.WithContext(graph.WithActor(ctx, a)))
	})
}

// requireJSON refuses POSTs to the GraphQL endpoint whose body is not JSON: HTML forms can only
// send form encodings and text/plain, so no form on another site can post a mutation.
func requireJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if r.Method == http.MethodPost && mt != "application/json" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusUnsupportedMediaType)
			json.NewEncoder(w).Encode(errorBody("POST a JSON body (Content-Type: application/json)", graph.EInvalid))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// guardMutations refuses mutations that a browser sent from another site, and those that came with
// a session cookie but not its CSRF header.
func guardMutations(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation {
		return next(ctx)
	}
	st := requestFrom(ctx)
	var msg string
	switch {
	case st.crossSite:
		msg = "mutations from another site are refused"
	case st.csrfRejected:
		msg = "the session's CSRF token is missing or wrong (send the " + CSRFHeader + " header); sign in again if this persists"
	default:
		return next(ctx)
	}
	return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{Message: msg, Extensions: map[string]any{"code": graph.EForbidden}}}})
}

func errorBody(msg, code string) map[string]any {
	return map[string]any{"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}}}
}

// writeError answers a request that failed before GraphQL ran, in GraphQL's error shape.
func writeError(w http.ResponseWriter, err error) {
	code := graph.ErrorCode(err)
	status := http.StatusInternalServerError
	switch code {
	case graph.EUnauthenticated:
		status = http.StatusUnauthorized
		w.Header().Set("WWW-Authenticate", `Bearer realm="relgraph"`)
	case graph.EForbidden:
		status = http.StatusForbidden
	case graph.EInvalid:
		status = http.StatusBadRequest
	case graph.EUnavailable, graph.ETimeout:
		status = http.StatusServiceUnavailable
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(errorBody(graph.ErrorMessage(err), code))
}

// sessionInfo is what sign-in answers.
type sessionInfo struct {
	Name      string `json:"name"`
	Role      string `json:"role"`
	ExpiresAt string `json:"expiresAt"`
	CSRFToken string `json:"csrfToken"`
}

// signIn exchanges an API token for a session: POST /auth/session with {"token": "..."}.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if crossSite(r) {
		writeError(w, graph.Errorf(graph.EForbidden, "sign-in from another site is refused"))
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeError(w, graph.Errorf(graph.EInvalid, "POST a JSON body: {\"token\": \"rgt_...\"}"))
		return
	}
	var body struct {
		Token string `json:"token"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 4096)).Decode(&body); err != nil {
		writeError(w, graph.Errorf(graph.EInvalid, "POST a JSON body: {\"token\": \"rgt_...\"}"))
		return
	}
	sess, secret, csrf, err := s.opt.Store.CreateSession(r.Context(), strings.TrimSpace(body.Token), s.opt.SessionTTL)
	if err != nil {
		s.logAuthError(r, err)
		writeError(w, err)
		return
	}
	secure := r.TLS != nil || s.opt.SecureCookies
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: secret, Path: "/", Expires: sess.ExpiresAt, HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteStrictMode})
	http.SetCookie(w, &http.Cookie{Name: CSRFCookie, Value: csrf, Path: "/", Expires: sess.ExpiresAt, Secure: secure,
		SameSite: http.SameSiteStrictMode})
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(sessionInfo{Name: sess.Actor.Name, Role: string(sess.Actor.Role),
		ExpiresAt: sess.ExpiresAt.UTC().Format(time.RFC3339), CSRFToken: csrf})
}

// signOut ends the session: DELETE /auth/session, with the CSRF header.
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if crossSite(r) {
		writeError(w, graph.Errorf(graph.EForbidden, "sign-out from another site is refused"))
		return
	}
	c, err := r.Cookie(SessionCookie)
	if err == nil && c.Value != "" {
		_, ok, err := s.opt.Store.SessionActor(r.Context(), c.Value, r.Header.Get(CSRFHeader))
		switch {
		case err == nil && !ok:
			writeError(w, graph.Errorf(graph.EForbidden, "the CSRF token is missing or wrong"))
			return
		case err == nil:
			if err := s.opt.Store.DeleteSession(r.Context(), c.Value); err != nil {
				writeError(w, err)
				return
			}
		case graph.ErrorCode(err) != graph.EUnauthenticated:
			writeError(w, err)
			return
		}
	}
	secure := r.TLS != nil || s.opt.SecureCookies
	for _, name := range []string{SessionCookie, CSRFCookie} {
		http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: name == SessionCookie,
			Secure: secure, SameSite: http.SameSiteStrictMode})
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) logAuthError(r *http.Request, err error) {
	var ge *graph.Error
	if errors.As(err, &ge) && ge.Code == graph.EUnauthenticated {
		s.opt.Log.InfoContext(r.Context(), "sign-in refused", "reason", ge.Message, "remote", r.RemoteAddr)
		return
	}
	s.opt.Log.WarnContext(r.Context(), "sign-in failed", "err", err)
}
