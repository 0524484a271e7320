package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/demo"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// TestREADMECuratorWalkthrough runs the shell blocks of the README's "Curating" section, in order
// and in one shell, against the test database and a test server, and checks that each block
// prints the JSON shown after it. Only the server's address, the database instance and the
// binary's path are put in; a string with "…" in the README stands for any text in its place,
// and responses' extensions are left out of the comparison.
func TestREADMECuratorWalkthrough(t *testing.T) {
	if _, err := exec.LookPath("jq"); err != nil {
		t.Fatal("the walkthrough needs jq (make jq installs it)")
	}
	a := newAPI(t)
	root := neo4jtest.Root(t)
	neo4jtest.LoadDemo(t, func() error {
		_, err := demo.Load(context.Background(), a.store, neo4jtest.DataDir(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
		return err
	})
	// Start from the state the README assumes: Frowd not linked to York, no record of the walkthrough.
	york := graph.NewID(graph.Organisation, graph.SchemeROR, "04m01e293")
	frowd := graph.NewID(graph.Person, graph.SchemeKey, demo.SeedAuthor.Value)
	link := graph.LinkID(frowd, graph.AffiliatedWith, york)
	params := map[string]any{"frowd": frowd, "york": york, "link": link}
	neo4jtest.Exec(t, "MATCH (:Entity {id: $frowd})-[r:AFFILIATED_WITH]->(:Entity {id: $york}) DELETE r", params)
	neo4jtest.Exec(t, "MATCH (s:Subject {id: $link})<-[:ABOUT]-(c:Change) DETACH DELETE c", params)
	neo4jtest.Exec(t, "MATCH (s:Subject {id: $link}) DETACH DELETE s", params)
	neo4jtest.Exec(t, "MATCH (p:Proposal) WHERE p.source = $frowd DETACH DELETE p", params)

	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	start := strings.Index(text, "\n## Curating\n")
	if start < 0 {
		t.Fatal(`the README has no "## Curating" section`)
	}
	section := text[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	blocks := regexp.MustCompile("(?s)```sh\n(.*?)```(?:\\s*```json\n(.*?)```)?").FindAllStringSubmatch(section, -1)
	if len(blocks) < 4 {
		t.Fatalf("the walkthrough has %d shell blocks; want at least 4", len(blocks))
	}

	bin := os.Getenv("RELGRAPH_BIN")
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "relgraph")
		if out, err := exec.Command("go", "build", "-o", bin, filepath.Join(root, "server", "cmd", "relgraph")).CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	put := strings.NewReplacer("http://localhost:8080", a.url, "scripts/neo4j.sh env dev", "scripts/neo4j.sh env test", "bin/relgraph", bin)
	var script strings.Builder
	script.WriteString("set -euo pipefail\n")
	if os.Getenv("NEO4J_URI") != "" { // the tests run on a database of the caller's: keep its settings
		put = strings.NewReplacer("http://localhost:8080", a.url, `eval "$(scripts/neo4j.sh env dev)"`, ":", "bin/relgraph", bin)
	}
	for i, blk := range blocks {
		script.WriteString(put.Replace(blk[1]))
		fmt.Fprintf(&script, "\necho '@@end of block %d@@'\n", i+1)
	}
	cmd := exec.Command("bash", "-c", script.String())
	cmd.Dir = root
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("the walkthrough failed: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	outputs := regexp.MustCompile(`@@end of block \d+@@\n`).Split(stdout.String(), -1)
	for i, blk := range blocks {
		if blk[2] == "" {
			continue
		}
		t.Run(fmt.Sprintf("block %d", i+1), func(t *testing.T) {
			want, err := jsonValues(blk[2])
			if err != nil {
				t.Fatalf("the README's output is not JSON: %v", err)
			}
			got, err := jsonValues(outputs[i])
			if err != nil {
				t.Fatalf("the output is not JSON: %v\n%s", err, outputs[i])
			}
			for _, g := range got {
				if m, ok := g.(map[string]any); ok {
					delete(m, "extensions")
				}
			}
			if diff := cmp.Diff(want, got, cmp.Comparer(ellipsis)); diff != "" {
				t.Errorf("the output differs from the README (-readme +got):\n%s", diff)
			}
		})
	}
}

// jsonValues decodes a stream of JSON values.
func jsonValues(s string) ([]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	var out []any
	for {
		var v any
		err := dec.Decode(&v)
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}

// ellipsis compares strings, "…" in either standing for any text.
func ellipsis(a, b string) bool {
	if strings.Contains(b, "…") {
		a, b = b, a
	}
	before, after, ok := strings.Cut(a, "…")
	if !ok {
		return a == b
	}
	return len(b) >= len(before)+len(after) && strings.HasPrefix(b, before) && strings.HasSuffix(b, after)
}
