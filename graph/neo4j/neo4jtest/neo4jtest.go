// Package neo4jtest connects tests to the real Neo4j test instance that the project starts
// (scripts/neo4j.sh, instance "test"). It starts the instance when it is not running, and fails the
// test loudly when Neo4j cannot be had: tests never skip for want of a database.
package neo4jtest

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph/neo4j"
)

var (
	once   sync.Once
	cfg    neo4j.Config
	cfgErr string
)

// Root returns the repository root (the folder of go.mod).
func Root(t testing.TB) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || len(bytes.TrimSpace(out)) == 0 {
		t.Fatalf("cannot find the repository root: %v", err)
	}
	return filepath.Dir(string(bytes.TrimSpace(out)))
}

// Config returns the connection settings of the test instance, starting it if needed. NEO4J_URI,
// NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE, when all set, point the tests at another server.
func Config(t testing.TB) neo4j.Config {
	t.Helper()
	once.Do(func() {
		if os.Getenv("NEO4J_URI") != "" && os.Getenv("NEO4J_PASSWORD") != "" {
			cfg = neo4j.Config{URI: os.Getenv("NEO4J_URI"), User: envOr("NEO4J_USER", "neo4j"),
				Password: os.Getenv("NEO4J_PASSWORD"), Database: envOr("NEO4J_DATABASE", "neo4j")}
			return
		}
		script := filepath.Join(Root(t), "scripts", "neo4j.sh")
		if out, err := exec.Command(script, "start", "test").CombinedOutput(); err != nil {
			cfgErr = "scripts/neo4j.sh start test failed: " + err.Error() + "\n" + string(out)
			return
		}
		out, err := exec.Command(script, "env", "test").Output()
		if err != nil {
			cfgErr = "scripts/neo4j.sh env test failed: " + err.Error()
			return
		}
		env := map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), "="); ok {
				env[k] = v
			}
		}
		cfg = neo4j.Config{URI: env["NEO4J_URI"], User: env["NEO4J_USER"], Password: env["NEO4J_PASSWORD"], Database: env["NEO4J_DATABASE"]}
	})
	if cfgErr != "" {
		t.Fatalf("Neo4j is required for this test and could not be started: %s", cfgErr)
	}
	return cfg
}

var (
	sharedOnce sync.Once
	shared     *neo4j.Store
)

// Shared returns one store on the test instance for the whole test binary, for fixtures set up once
// and used by many tests. It is never closed; the process's end closes it.
func Shared(t testing.TB) *neo4j.Store {
	t.Helper()
	sharedOnce.Do(func() { shared = open(t) })
	if shared == nil {
		t.Fatal("the shared store could not be opened")
	}
	return shared
}

// Store opens a store on the test instance, waits until it answers and is migrated, and closes it
// when the test ends.
func Store(t testing.TB) *neo4j.Store {
	t.Helper()
	s := open(t)
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// Logger returns a logger that discards everything, for stores and servers under test.
func Logger() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func open(t testing.TB) *neo4j.Store {
	t.Helper()
	s, err := neo4j.Open(Config(t), Logger())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for {
		err = s.Ping(ctx)
		if err == nil || ctx.Err() != nil {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("Neo4j at %s does not answer: %v", cfg.URI, err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

// DataDir returns the shared datasets folder: $RELGRAPH_DATA, or ../shared/data beside the
// repository. It fails the test when the folder is missing.
func DataDir(t testing.TB) string {
	t.Helper()
	d := os.Getenv("RELGRAPH_DATA")
	if d == "" {
		d = filepath.Join(Root(t), "..", "shared", "data")
	}
	if _, err := os.Stat(d); err != nil {
		t.Fatalf("the shared datasets are required: %v", err)
	}
	return d
}

// LoadDemo loads the demo graph into the test instance, holding a lock across test processes so
// that packages tested in parallel do not load it at the same moment.
func LoadDemo(t testing.TB, load func() error) {
	t.Helper()
	dir := filepath.Join(Root(t), ".neo4j")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "demo.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	if err := load(); err != nil {
		t.Fatalf("load the demo: %v", err)
	}
}

// Exec runs one Cypher statement on the test instance, for clean-ups that the store does not offer
// (tests that must start from a known state of shared data, such as the README's walkthrough).
func Exec(t testing.TB, cypher string, params map[string]any) {
	t.Helper()
	query(t, cypher, params)
}

// Count runs one Cypher statement that returns a single integer, such as a count, and returns it.
func Count(t testing.TB, cypher string, params map[string]any) int64 {
	t.Helper()
	res := query(t, cypher, params)
	if len(res.Records) != 1 || len(res.Records[0].Values) != 1 {
		t.Fatalf("%s: want one value, got %d records", cypher, len(res.Records))
	}
	n, ok := res.Records[0].Values[0].(int64)
	if !ok {
		t.Fatalf("%s: got %T, want an integer", cypher, res.Records[0].Values[0])
	}
	return n
}

func query(t testing.TB, cypher string, params map[string]any) *driver.EagerResult {
	t.Helper()
	c := Config(t)
	d, err := driver.NewDriverWithContext(c.URI, driver.BasicAuth(c.User, c.Password, ""))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	defer d.Close(ctx)
	res, err := driver.ExecuteQuery(ctx, d, cypher, params, driver.EagerResultTransformer,
		driver.ExecuteQueryWithDatabase(c.Database))
	if err != nil {
		t.Fatalf("%s: %v", cypher, err)
	}
	return res
}
