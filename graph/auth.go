package graph

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// Role is what an actor may do. Each role may do everything the roles before it may.
type Role string

// The roles, from least to most trusted.
const (
	// RoleReader reads the graph: anonymous requests and reader tokens.
	RoleReader Role = "reader"
	// RoleCurator also adds, retracts and restores links, creates, updates and merges entities, and
	// reviews other curators' proposals.
	RoleCurator Role = "curator"
	// RoleAdmin also decides which relation types need review, and changes them without review.
	RoleAdmin Role = "admin"
)

// Roles lists the roles from least to most trusted.
var Roles = []Role{RoleReader, RoleCurator, RoleAdmin}

func (r Role) rank() int {
	for i, x := range Roles {
		if x == r {
			return i
		}
	}
	return -1
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r.rank() >= 0 }

// AtLeast reports whether r may do everything role o may.
func (r Role) AtLeast(o Role) bool { return r.Valid() && r.rank() >= o.rank() }

// Actor is who makes a request: a signed-in token holder, or nobody (anonymous, a reader).
type Actor struct {
	// Name is the token holder's name, such as "alice"; empty when anonymous.
	Name string
	Role Role
	// TokenID is the id of the API token the actor authenticated with, directly or through a
	// session; empty when anonymous.
	TokenID string
	// ExpiresAt is when the actor's credentials (token or session) expire.
	ExpiresAt time.Time
}

// Anonymous is the actor of a request without credentials.
var Anonymous = Actor{Role: RoleReader}

// Authenticated reports whether the actor presented valid credentials.
func (a Actor) Authenticated() bool { return a.TokenID != "" }

// Require checks that the actor holds at least role r. Errors: UNAUTHENTICATED when the actor is
// anonymous and r is above reader, FORBIDDEN when the actor's role is below r.
func (a Actor) Require(r Role) error {
	if a.Role.AtLeast(r) && (a.Authenticated() || r == RoleReader) {
		return nil
	}
	if !a.Authenticated() {
		return Errorf(EUnauthenticated, "sign in as a %s to do this", r)
	}
	return Errorf(EForbidden, "%s is a %s; this needs a %s", a.Name, a.Role, r)
}

type actorKey struct{}

// WithActor returns a context carrying the actor of the request.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of the request, Anonymous when none was set.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Anonymous
}

// Token is an API token as stored: everything but the secret, of which only a hash is kept.
type Token struct {
	ID        string
	Name      string // who holds it, as shown in provenance and history
	Role      Role
	CreatedAt time.Time
	ExpiresAt time.Time
	RevokedAt time.Time // zero while not revoked
	CreatedBy string    // who created it (the operating-system user of the admin command)
}

// Active reports whether the token can authenticate at time now.
func (t Token) Active(now time.Time) bool {
	return t.RevokedAt.IsZero() && now.Before(t.ExpiresAt)
}

// Session is a signed-in explorer session, created from a token.
type Session struct {
	Actor     Actor
	ExpiresAt time.Time
}

// Secret prefixes, so that a leaked secret says what it is (and secret scanners can find it).
const (
	TokenPrefix   = "rgt_"
	SessionPrefix = "rgs_"
	CSRFPrefix    = "rgc_"
)

// NewSecret returns a new random secret: the prefix and 256 random bits, URL-safe.
func NewSecret(prefix string) string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error()) // never happens on supported platforms
	}
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

// HashSecret returns the hash under which a secret is stored. Secrets have 256 random bits, so a
// plain SHA-256 suffices: there is nothing to guess.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// LooksLikeSecret reports whether s has the shape of a secret made by NewSecret with prefix, so
// that obviously malformed credentials are refused without a database round trip.
func LooksLikeSecret(s, prefix string) bool {
	rest, ok := strings.CutPrefix(s, prefix)
	if !ok || len(rest) != 43 {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(rest)
	return err == nil
}

// NewRandomID returns a random id with the prefix, for records that have no natural key.
func NewRandomID(prefix string) string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return prefix + hex.EncodeToString(b)
}

// Authenticator stores API tokens and explorer sessions and checks credentials. Secrets are never
// stored, only their hashes.
type Authenticator interface {
	// CreateToken stores a new token for name with role, valid for ttl, and returns it with its
	// secret, which cannot be recovered later. Errors: INVALID.
	CreateToken(ctx context.Context, name string, role Role, ttl time.Duration, createdBy string) (Token, string, error)
	// Tokens lists every token, newest first.
	Tokens(ctx context.Context) ([]Token, error)
	// RevokeToken revokes a token and ends its sessions. Errors: NOT_FOUND.
	RevokeToken(ctx context.Context, id string) (Token, error)
	// Authenticate returns the actor holding the token secret. Errors: UNAUTHENTICATED when the
	// token is unknown, expired or revoked.
	Authenticate(ctx context.Context, secret string) (Actor, error)
	// CreateSession signs in with a token secret and returns the session with its secret and its
	// CSRF secret; the session ends at ttl or when the token does, whichever is first. Errors:
	// UNAUTHENTICATED.
	CreateSession(ctx context.Context, tokenSecret string, ttl time.Duration) (s Session, secret, csrf string, err error)
	// SessionActor returns the actor of a session secret and whether csrf is the session's CSRF
	// secret. Errors: UNAUTHENTICATED when the session is unknown or over, or its token revoked
	// or expired.
	SessionActor(ctx context.Context, secret, csrf string) (Actor, bool, error)
	// DeleteSession ends a session; ending one that does not exist is not an error.
	DeleteSession(ctx context.Context, secret string) error
}
