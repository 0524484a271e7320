package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/relgraph/relgraph/graph/neo4j"
)

// config is the configuration of every command, read once from flags with environment fallbacks;
// serve builds the store, the schema, the response cache and the server from it.
type config struct {
	Addr     string
	Neo4j    neo4j.Config
	LogLevel string
	Grace    time.Duration
	DataDir  string // shared/data, for load-demo
	// Introspection allows clients to query the schema; turn it off in production.
	Introspection bool
	// RequestTimeout bounds each GraphQL request, and is passed on to Neo4j as its transaction timeout.
	RequestTimeout time.Duration
	// ResponseCacheMB is the memory for cached responses, in MiB; 0 turns the cache off.
	ResponseCacheMB int
	// SessionTTL is how long an explorer session lasts.
	SessionTTL time.Duration
	// SecureCookies marks session cookies Secure on plain HTTP too (behind a TLS proxy).
	SecureCookies bool
	// TLSCert and TLSKey, when both set, make the server speak HTTPS.
	TLSCert, TLSKey string
}

// Flags registers the configuration flags on fs, with defaults from the environment.
func (c *config) Flags(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", env("RELGRAPH_ADDR", "localhost:8080"), "listen address (RELGRAPH_ADDR)")
	fs.StringVar(&c.Neo4j.URI, "neo4j-uri", env("NEO4J_URI", "bolt://127.0.0.1:7687"), "Neo4j URI: bolt://, neo4j:// for a cluster or Aura, +s for TLS (NEO4J_URI)")
	fs.StringVar(&c.Neo4j.User, "neo4j-user", env("NEO4J_USER", "neo4j"), "Neo4j user (NEO4J_USER)")
	fs.StringVar(&c.Neo4j.Password, "neo4j-password", env("NEO4J_PASSWORD", ""), "Neo4j password (NEO4J_PASSWORD)")
	fs.StringVar(&c.Neo4j.Database, "neo4j-database", env("NEO4J_DATABASE", "neo4j"), "Neo4j database (NEO4J_DATABASE)")
	fs.StringVar(&c.LogLevel, "log-level", env("RELGRAPH_LOG_LEVEL", "info"), "log level: debug, info, warn, error (RELGRAPH_LOG_LEVEL)")
	fs.DurationVar(&c.Grace, "grace", 10*time.Second, "how long to wait for requests in flight at shutdown")
	fs.BoolVar(&c.Introspection, "introspection", envBool("RELGRAPH_INTROSPECTION", true), "allow schema introspection (RELGRAPH_INTROSPECTION); turn off in production")
	fs.DurationVar(&c.RequestTimeout, "request-timeout", envDuration("RELGRAPH_REQUEST_TIMEOUT", 10*time.Second), "time limit of one request, also the Neo4j transaction timeout (RELGRAPH_REQUEST_TIMEOUT)")
	fs.IntVar(&c.ResponseCacheMB, "response-cache-mb", envInt("RELGRAPH_RESPONSE_CACHE_MB", 64), "memory for cached responses in MiB, 0 for none (RELGRAPH_RESPONSE_CACHE_MB)")
	fs.IntVar(&c.Neo4j.MaxPool, "neo4j-pool", envInt("NEO4J_POOL", 0), "Neo4j connection pool size, 0 for 8 per core, at least 16 (NEO4J_POOL)")
	fs.DurationVar(&c.SessionTTL, "session-ttl", envDuration("RELGRAPH_SESSION_TTL", 12*time.Hour), "how long an explorer sign-in lasts, at most as long as its token (RELGRAPH_SESSION_TTL)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", env("RELGRAPH_SECURE_COOKIES", "") == "true", "mark session cookies Secure on plain HTTP too, behind a proxy that terminates TLS (RELGRAPH_SECURE_COOKIES=true)")
	fs.StringVar(&c.TLSCert, "tls-cert", env("RELGRAPH_TLS_CERT", ""), "TLS certificate file; with -tls-key, serve HTTPS (RELGRAPH_TLS_CERT)")
	fs.StringVar(&c.TLSKey, "tls-key", env("RELGRAPH_TLS_KEY", ""), "TLS key file (RELGRAPH_TLS_KEY)")
	c.Neo4j.CursorKeys = splitKeys(env("RELGRAPH_CURSOR_KEYS", ""))
	fs.Func("cursor-keys", "comma-separated keys of at least 16 bytes that sign the cursors of paged lists: the first signs, all verify; without keys a random one per process (RELGRAPH_CURSOR_KEYS)", func(s string) error {
		ks := splitKeys(s)
		for i, k := range ks {
			if len(k) < neo4j.MinCursorKey {
				return fmt.Errorf("key %d is %d bytes long, not at least %d", i+1, len(k), neo4j.MinCursorKey)
			}
		}
		c.Neo4j.CursorKeys = ks
		return nil
	})
	fs.StringVar(&c.DataDir, "data", env("RELGRAPH_DATA", "../shared/data"), "folder of the shared datasets, for load-demo (RELGRAPH_DATA)")
}

// splitKeys reads a comma-separated list of keys; empty items are dropped.
func splitKeys(s string) [][]byte {
	var out [][]byte
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, []byte(k))
		}
	}
	return out
}

func envBool(k string, def bool) bool {
	if b, err := strconv.ParseBool(os.Getenv(k)); err == nil {
		return b
	}
	return def
}

func envInt(k string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(k)); err == nil {
		return n
	}
	return def
}

func env(k, def string) string {
	if v, ok := os.LookupEnv(k); ok && v != "" {
		return v
	}
	return def
}

func envDuration(k string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(env(k, "")); err == nil && d > 0 {
		return d
	}
	return def
}
