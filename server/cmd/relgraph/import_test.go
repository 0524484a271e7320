package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
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
	if code != exitRejected {
		t.Fatalf("a strict import with a bad record exited %d, want %d:\n%s", code, exitRejected, out)
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
	// A rejected record makes the import exit 3, unless -allow-rejects accepts it.
	if out, code := c.run(body, "import", "countries", "-"); code != exitRejected {
		t.Errorf("exit %d, want %d:\n%s", code, exitRejected, out)
	}
	out, code := c.run(body, "import", "countries", "-allow-rejects", "-")
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

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestImportExitStatus imports broken files, whose records are all rejected or never reached, so
// that nothing is written to the test database.
func TestImportExitStatus(t *testing.T) {
	c := newCLI(t)
	dir := t.TempDir()
	// ROR lines that are all rejected (bad ids), many enough that half the gzip holds some.
	var rorLines bytes.Buffer
	for i := range 3000 {
		fmt.Fprintf(&rorLines, `{"id": "https://ror.org/bad%d", "names": [{"value": "Org %d", "types": ["ror_display"]}]}`+"\n", i, i)
	}
	truncated := gzipped(rorLines.Bytes())
	truncated = truncated[:len(truncated)/2]
	badHeader := gzipped(rorLines.Bytes())
	badHeader[2] = 7 // compression method 7: not deflate
	random := make([]byte, 8192)
	rand.NewChaCha8([32]byte{7}).Read(random)
	random[0] = '#'
	self, err := os.Open("/proc/self/exe") // this test's own binary
	if err != nil {
		t.Fatal(err)
	}
	elf := make([]byte, 64<<10)
	io.ReadFull(self, elf)
	self.Close()
	// Two records with bad alpha-2 codes (rejected, nothing written), a syntax error, and two more.
	syntax := `[
{"name": "Nowhere", "alpha-2": "N0", "alpha-3": "NWH"},
{"name": "Nowhere", "alpha-2": "N1", "alpha-3": "NWI"},
{"name": "Broken", "alpha-2": "N2",, "alpha-3": "NWJ"},
{"name": "Never", "alpha-2": "N3", "alpha-3": "NWK"},
{"name": "Read", "alpha-2": "N4", "alpha-3": "NWL"}
]`
	csv := "source,relation,target,note\n" +
		"10.1068/d1509,CITES,10.1111/j.1747-7379.2007.00088.x," + strings.Repeat("n", 100000) + "\n" +
		"10.1068/d1509,CITES,10.1111/j.1747-7379.2007.00088.x,a\x00b\n"

	for _, tc := range []struct {
		name, format, file string
		content            []byte
		flags              []string
		code               int
		want               []string
	}{
		{"A truncated gzip file.", "ror", "ror.jsonl.gz", truncated, nil, exitIncomplete,
			[]string{"ror.jsonl.gz:", ": cannot read past line ", "unexpected EOF", "incomplete sources 1"}},
		{"A corrupt gzip header.", "ror", "ror.json.gz", badHeader, nil, exitIncomplete,
			[]string{"ror.json.gz is not valid gzip", "incomplete sources 1"}},
		{"Random bytes.", "countries", "random.json", random, nil, exitIncomplete,
			[]string{"random.json:1: malformed JSON: invalid character '#'", "incomplete sources 1"}},
		{"An ELF binary.", "openalex", "binary.json", elf, nil, exitIncomplete,
			[]string{`binary.json:1: malformed JSON: invalid character '\x7f'`, "incomplete sources 1"}},
		{"An unreadable file fails even with -allow-rejects.", "countries", "random.json", random, []string{"-allow-rejects"}, exitIncomplete,
			[]string{"incomplete sources 1"}},
		{"The records after a syntax error in an array are counted.", "countries", "syntax.json", []byte(syntax), nil, exitIncomplete,
			[]string{"syntax.json:4: malformed JSON", "(3 records not reached)", "read 2, ", "rejected 2, unreached 3, incomplete sources 1"}},
		{"A 100,000-character note and a NUL are refused, naming the line and the field.", "csv", "links.csv", []byte(csv), nil, exitRejected,
			[]string{"links.csv:2 (10.1068/d1509): note: is 100000 characters long, more than the 2000 allowed",
				"links.csv:3 (10.1068/d1509): note: contains a NUL character (character 2)", "rejected 2, unreached 0, incomplete sources 0"}},
		{"-allow-rejects accepts rejected records.", "csv", "links.csv", []byte(csv), []string{"-allow-rejects"}, 0,
			[]string{"rejected 2, unreached 0, incomplete sources 0"}},
		{"A strict run refuses an unreadable file.", "countries", "random.json", random, []string{"-strict"}, exitIncomplete,
			[]string{"strict import: 1 of 1 sources could not be read to their end, nothing written"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, tc.content, 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"import", "-quiet", tc.format, path}, tc.flags...)
			out, code := c.run("", args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d:\n%.3000s", code, tc.code, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%.3000s", w, out)
				}
			}
		})
	}
}
