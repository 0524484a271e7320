package resolvers_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

// TestREADMEQueries runs every GraphQL example of the README against the demo graph and checks that
// it answers exactly the JSON printed after it.
func TestREADMEQueries(t *testing.T) {
	c := newClient(t)
	b, err := os.ReadFile(filepath.Join(neo4jtest.Root(t), "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)```graphql\n(.*?)```\\s*```json\n(.*?)```")
	examples := re.FindAllStringSubmatch(string(b), -1)
	if len(examples) < 3 {
		t.Fatalf("the README has %d examples with answers; want at least 3", len(examples))
	}
	for _, ex := range examples {
		t.Run(ex[1], func(t *testing.T) {
			resp, err := c.RawPost(ex[1])
			if err != nil {
				t.Fatal(err)
			}
			if resp.Errors != nil {
				t.Fatalf("errors: %s", resp.Errors)
			}
			var want, got any
			if err := json.Unmarshal([]byte(ex[2]), &want); err != nil {
				t.Fatalf("the README's answer is not JSON: %v", err)
			}
			raw, _ := json.Marshal(resp.Data)
			json.Unmarshal(raw, &got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("answer differs from the README (-readme +got):\n%s", diff)
			}
		})
	}
}
