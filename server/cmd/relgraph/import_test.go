package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// These tests run the relgraph binary's import command against the real test Neo4j. They import
// only what the demo graph holds too (the two country files), or records that a strict run refuses,
// so that the graph other test packages read stays the demo.

func relgraphBin(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("RELGRAPH_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "relgraph")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// cli runs the binary with the test database's settings and returns its standard error and exit
// status.
type cli struct {
	t   *testing.T
	bin string
	env []string
}

func newCLI(t *testing.T) *cli {
	cfg := neo4jtest.Config(t)
	return &cli{t: t, bin: relgraphBin(t), env: append(os.Environ(),
		"NEO4J_URI="+cfg.URI, "NEO4J_USER="+cfg.User, "NEO4J_PASSWORD="+cfg.Password, "NEO4J_DATABASE="+cfg.Database)}
}

func (c *cli) run(stdin string, args ...string) (string, int) {
	c.t.Helper()
	cmd := exec.Command(c.bin, args...)
	cmd.Env = c.env
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		c.t.Fatalf("relgraph %s: %v", strings.Join(args, " "), err)
	}
	return stderr.String(), cmd.ProcessState.ExitCode()
}

var summary = regexp.MustCompile(`read (\d+), created (\d+), updated (\d+), unchanged (\d+), missing (\d+), rejected (\d+)`)

func TestImportAgainIsANoOp(t *testing.T) {
	c := newCLI(t)
	for _, f := range []string{"countries-mledoze/countries.json", "countries-iso3166-lukes/all.json"} {
		// Once to be sure the database holds the file (the demo does), and again.
		path := filepath.Join(neo4jtest.DataDir(t), f)
		if out, code := c.run("", "import", "countries", "-quiet", path); code != 0 {
			t.Fatalf("import %s: exit %d\n%s", f, code, out)
		}
		out, code := c.run("", "import", "countries", path)
		if code != 0 {
			t.Fatalf("import %s: exit %d\n%s", f, code, out)
		}
		m := summary.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("import %s printed no summary:\n%s", f, out)
		}
		if m[2] != "0" || m[3] != "0" || m[6] != "0" {
			t.Errorf("import %s again: %s, want 0 created, 0 updated, 0 rejected", f, m[0])
		}
		// Standard error is not a terminal here: progress comes as log lines, not a bar.
		if !strings.Contains(out, `msg="source done"`) || strings.Contains(out, "\r") {
			t.Errorf("want plain progress log lines, got:\n%s", out)
		}
	}
}

// lukes writes records in the lukes ISO 3166 format, one per line of a JSON array: Austria as the
// file holds it (line 2), a record with a bad alpha-2 code (line 3) and a well-formed record of a
// country no file holds (line 4).
func lukes(dir string) string {
	body := `[
{"name": "Austria", "alpha-2": "AT", "alpha-3": "AUT", "country-code": "040", "iso_3166-2": "ISO 3166-2:AT", "region": "Europe", "sub-region": "Western Europe", "intermediate-region": "", "region-code": "150", "sub-region-code": "155", "intermediate-region-code": ""},
{"name": "Nowhere", "alpha-2": "N0", "alpha-3": "NWH", "region": "Europe"},
{"name": "Testland", "alpha-2": "XT", "alpha-3": "XTT", "country-code": "999", "region": "Europe", "sub-region": "Western Europe"}
]
`
	path := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		panic(err)
	}
	return path
}

func TestStrictImportWritesNothing(t *testing.T) {
	c := newCLI(t)
	path := lukes(t.TempDir())
	out, code := c.run("", "import", "countries", path, "-strict")
	if code == 0 {
		t.Fatalf("a strict import with a bad record exited 0:\n%s", out)
	}
	for _, want := range []string{
		path + `:3 (N0): alpha-2: `,
		"strict import: 1 of 3 records rejected, nothing written",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// Testland was valid, but nothing of a refused strict run is written.
	n := neo4jtest.Count(t, "MATCH (c:Country {iso2: 'XT'}) RETURN count(c)", nil)
	if n != 0 {
		t.Errorf("a refused strict run wrote Testland (%d nodes)", n)
	}
}

func TestImportFromStdinReportsBadRecordsAndImportsTheRest(t *testing.T) {
	c := newCLI(t)
	// Austria as the file holds it, and a record with a bad alpha-2 code on line 3.
	body := "[\n" + `{"name": "Austria", "alpha-2": "AT", "alpha-3": "AUT", "country-code": "040", "region": "Europe", "sub-region": "Western Europe", "intermediate-region": ""},` +
		"\n" + `{"name": "Nowhere", "alpha-2": "N0", "alpha-3": "NWH"}` + "\n]\n"
	out, code := c.run(body, "import", "countries", "-")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "rejected: -:3 (N0): alpha-2: ") {
		t.Errorf("the rejection does not name standard input's line 3:\n%s", out)
	}
	m := summary.FindStringSubmatch(out)
	if m == nil || m[1] != "2" || m[6] != "1" {
		t.Errorf("summary %v, want read 2, rejected 1:\n%s", m, out)
	}
}

func TestImportUsageErrors(t *testing.T) {
	c := &cli{t: t, bin: relgraphBin(t), env: append(os.Environ(), "NEO4J_URI=bolt://127.0.0.1:1")}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "bibtex", "x.bib"}, `unknown format "bibtex": want one of countries, crossref, csv, openalex, ror`},
		{[]string{"import", "ror"}, "import needs a format and at least one file"},
		{[]string{"import", "ror", "/nonexistent/ror.json"}, "cannot read /nonexistent/ror.json"},
	} {
		out, code := c.run("", tc.args...)
		if code == 0 || !strings.Contains(out, tc.want) {
			t.Errorf("relgraph %s: exit %d, want an error with %q:\n%s", strings.Join(tc.args, " "), code, tc.want, out)
		}
	}
}
