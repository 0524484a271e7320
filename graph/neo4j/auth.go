package neo4j

import (
	"context"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
)

// Tokens and sessions live in the same database as the graph, under labels of their own
// (ApiToken, Session) that no graph read ever matches, so that any number of servers can share
// them. Only hashes of secrets are stored.

var _ graph.Authenticator = (*Store)(nil)

// stampFormat is how curation records store times: UTC with fixed-width milliseconds, so that
// text order is time order.
const stampFormat = "2006-01-02T15:04:05.000Z"

func stamp(t time.Time) string { return t.UTC().Format(stampFormat) }

// now is the store's clock; tests may not change it, so expiry tests use short lifetimes.
func now() time.Time { return time.Now().UTC() }

// CreateToken implements graph.Authenticator.
func (s *Store) CreateToken(ctx context.Context, name string, role graph.Role, ttl time.Duration, createdBy string) (graph.Token, string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 || strings.ContainsAny(name, "\n\r\t") {
		return graph.Token{}, "", graph.Errorf(graph.EInvalid, "a token needs a name of 1 to 100 characters on one line")
	}
	if !role.Valid() {
		return graph.Token{}, "", graph.Errorf(graph.EInvalid, "unknown role %q (reader, curator or admin)", role)
	}
	if ttl <= 0 || ttl > 5*366*24*time.Hour {
		return graph.Token{}, "", graph.Errorf(graph.EInvalid, "a token must expire within five years, not after %s", ttl)
	}
	t := graph.Token{ID: graph.NewRandomID("tok-"), Name: name, Role: role, CreatedAt: now(), CreatedBy: createdBy}
	t.ExpiresAt = t.CreatedAt.Add(ttl)
	secret := graph.NewSecret(graph.TokenPrefix)
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		_, err := tx.Run(ctx, `CREATE (:ApiToken {id: $id, hash: $hash, name: $name, role: $role, createdAt: $created,
  expiresAt: $expires, createdBy: $by})`, map[string]any{"id": t.ID, "hash": graph.HashSecret(secret), "name": t.Name,
			"role": string(t.Role), "created": stamp(t.CreatedAt), "expires": stamp(t.ExpiresAt), "by": createdBy})
		return err
	})
	if err != nil {
		return graph.Token{}, "", err
	}
	return t, secret, nil
}

// tokenColumn decodes the ApiToken node in column key of rec.
func tokenColumn(rec *neo4j.Record, key string) (graph.Token, error) {
	n, err := column[dbtype.Node](rec, key)
	if err != nil {
		return graph.Token{}, err
	}
	f := fields{m: n.Props}
	t := graph.Token{ID: f.mustText("id"), Name: f.text("name"), Role: graph.Role(f.text("role")), CreatedBy: f.text("createdBy"),
		CreatedAt: f.time("createdAt"), ExpiresAt: f.time("expiresAt"), RevokedAt: f.time("revokedAt")}
	return t, f.err
}

// Tokens implements graph.Authenticator.
func (s *Store) Tokens(ctx context.Context) ([]graph.Token, error) {
	recs, err := s.read(ctx, "MATCH (t:ApiToken) RETURN t ORDER BY t.createdAt DESC, t.id", nil)
	if err != nil {
		return nil, err
	}
	out := make([]graph.Token, 0, len(recs))
	for _, r := range recs {
		t, err := tokenColumn(r, "t")
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// RevokeToken implements graph.Authenticator. Revoking a revoked token keeps the first revocation.
func (s *Store) RevokeToken(ctx context.Context, id string) (graph.Token, error) {
	var t graph.Token
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, `MATCH (t:ApiToken {id: $id})
SET t.revokedAt = coalesce(t.revokedAt, $now)
WITH t
OPTIONAL MATCH (s:Session)-[:SIGNED_IN_WITH]->(t)
DETACH DELETE s
RETURN DISTINCT t`, map[string]any{"id": id, "now": stamp(now())})
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return graph.Errorf(graph.ENotFound, "no token with id %q", id)
		}
		t, err = tokenColumn(recs[0], "t")
		return err
	})
	return t, err
}

// Authenticate implements graph.Authenticator in one query.
func (s *Store) Authenticate(ctx context.Context, secret string) (graph.Actor, error) {
	if !graph.LooksLikeSecret(secret, graph.TokenPrefix) {
		return graph.Anonymous, graph.Errorf(graph.EUnauthenticated, "this is not a relgraph API token")
	}
	recs, err := s.read(ctx, "MATCH (t:ApiToken {hash: $hash}) RETURN t", map[string]any{"hash": graph.HashSecret(secret)})
	if err != nil {
		return graph.Anonymous, err
	}
	if len(recs) == 0 {
		return graph.Anonymous, graph.Errorf(graph.EUnauthenticated, "the token is unknown")
	}
	t, err := tokenColumn(recs[0], "t")
	if err != nil {
		return graph.Anonymous, err
	}
	return tokenActor(t)
}

func tokenActor(t graph.Token) (graph.Actor, error) {
	switch {
	case !t.RevokedAt.IsZero():
		return graph.Anonymous, graph.Errorf(graph.EUnauthenticated, "the token %s was revoked", t.ID)
	case !now().Before(t.ExpiresAt):
		return graph.Anonymous, graph.Errorf(graph.EUnauthenticated, "the token %s expired at %s", t.ID, stamp(t.ExpiresAt))
	}
	return graph.Actor{Name: t.Name, Role: t.Role, TokenID: t.ID, ExpiresAt: t.ExpiresAt}, nil
}

// CreateSession implements graph.Authenticator. It also deletes sessions that have ended, so that
// they do not pile up.
func (s *Store) CreateSession(ctx context.Context, tokenSecret string, ttl time.Duration) (graph.Session, string, string, error) {
	if !graph.LooksLikeSecret(tokenSecret, graph.TokenPrefix) {
		return graph.Session{}, "", "", graph.Errorf(graph.EUnauthenticated, "this is not a relgraph API token")
	}
	secret, csrf := graph.NewSecret(graph.SessionPrefix), graph.NewSecret(graph.CSRFPrefix)
	var sess graph.Session
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		res, err := tx.Run(ctx, "MATCH (t:ApiToken {hash: $hash}) RETURN t", map[string]any{"hash": graph.HashSecret(tokenSecret)})
		if err != nil {
			return err
		}
		recs, err := res.Collect(ctx)
		if err != nil {
			return err
		}
		if len(recs) == 0 {
			return graph.Errorf(graph.EUnauthenticated, "the token is unknown")
		}
		t, err := tokenColumn(recs[0], "t")
		if err != nil {
			return err
		}
		a, err := tokenActor(t)
		if err != nil {
			return err
		}
		exp := now().Add(ttl)
		if a.ExpiresAt.Before(exp) {
			exp = a.ExpiresAt
		}
		a.ExpiresAt = exp
		sess = graph.Session{Actor: a, ExpiresAt: exp}
		_, err = tx.Run(ctx, `MATCH (t:ApiToken {id: $token})
CREATE (:Session {id: $id, hash: $hash, csrfHash: $csrf, createdAt: $now, expiresAt: $expires})-[:SIGNED_IN_WITH]->(t)
WITH 1 AS done
MATCH (old:Session) WHERE old.expiresAt < $now
WITH old LIMIT 1000
DETACH DELETE old`, map[string]any{"token": a.TokenID, "id": graph.NewRandomID("ses-"), "hash": graph.HashSecret(secret),
			"csrf": graph.HashSecret(csrf), "now": stamp(now()), "expires": stamp(exp)})
		return err
	})
	if err != nil {
		return graph.Session{}, "", "", err
	}
	return sess, secret, csrf, nil
}

// SessionActor implements graph.Authenticator in one query.
func (s *Store) SessionActor(ctx context.Context, secret, csrf string) (graph.Actor, bool, error) {
	if !graph.LooksLikeSecret(secret, graph.SessionPrefix) {
		return graph.Anonymous, false, graph.Errorf(graph.EUnauthenticated, "this is not a relgraph session")
	}
	recs, err := s.read(ctx, "MATCH (s:Session {hash: $hash})-[:SIGNED_IN_WITH]->(t:ApiToken) RETURN s, t",
		map[string]any{"hash": graph.HashSecret(secret)})
	if err != nil {
		return graph.Anonymous, false, err
	}
	if len(recs) == 0 {
		return graph.Anonymous, false, graph.Errorf(graph.EUnauthenticated, "the session is unknown or over; sign in again")
	}
	t, err := tokenColumn(recs[0], "t")
	if err != nil {
		return graph.Anonymous, false, err
	}
	a, err := tokenActor(t)
	if err != nil {
		return graph.Anonymous, false, err
	}
	sn, err := column[dbtype.Node](recs[0], "s")
	if err != nil {
		return graph.Anonymous, false, err
	}
	f := fields{m: sn.Props}
	exp, want := f.time("expiresAt"), f.text("csrfHash")
	if f.err != nil {
		return graph.Anonymous, false, f.err
	}
	if !now().Before(exp) {
		return graph.Anonymous, false, graph.Errorf(graph.EUnauthenticated, "the session is over; sign in again")
	}
	a.ExpiresAt = exp
	ok := csrf != "" && subtle.ConstantTimeCompare([]byte(graph.HashSecret(csrf)), []byte(want)) == 1
	return a, ok, nil
}

// DeleteSession implements graph.Authenticator.
func (s *Store) DeleteSession(ctx context.Context, secret string) error {
	if !graph.LooksLikeSecret(secret, graph.SessionPrefix) {
		return nil
	}
	return s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		_, err := tx.Run(ctx, "MATCH (s:Session {hash: $hash}) DETACH DELETE s", map[string]any{"hash": graph.HashSecret(secret)})
		return err
	})
}
