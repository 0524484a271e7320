package synthetic_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"sort"
	"testing"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ingest"
	"github.com/relgraph/relgraph/graph/ingest/ingesttest"
	"github.com/relgraph/relgraph/graph/ingest/openalex"
	"github.com/relgraph/relgraph/graph/ingest/synthetic"
)

func orgs(t *testing.T) []synthetic.Org {
	t.Helper()
	o, err := synthetic.LoadOrgs(ingesttest.Data(t, "ror/ror-v2-latest.jsonl.gz"))
	if err != nil {
		t.Fatal(err)
	}
	// The file holds 35,990 records; a few hundred are withdrawn or inactive.
	if len(o) < 30000 || len(o) > 35990 {
		t.Fatalf("LoadOrgs read %d active organisations, want between 30,000 and 35,990", len(o))
	}
	return o
}

func TestDeterministic(t *testing.T) {
	pool := orgs(t)
	gen := func(seed uint64) [32]byte {
		var b bytes.Buffer
		if _, err := synthetic.Generate(&b, synthetic.Config{Works: 2000, Seed: seed, Orgs: pool}); err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(b.Bytes())
	}
	a, b, c := gen(1), gen(1), gen(2)
	if a != b {
		t.Error("the same seed gave different records")
	}
	if a == c {
		t.Error("different seeds gave the same records")
	}
}

// TestShapes checks the published shapes the generator promises, and that every record is one the
// OpenAlex importer takes without a rejection.
func TestShapes(t *testing.T) {
	var b bytes.Buffer
	const works = 20000
	pool := orgs(t)
	sum, err := synthetic.Generate(&b, synthetic.Config{Works: works, Seed: 42, Orgs: pool})
	if err != nil {
		t.Fatal(err)
	}
	mean := float64(sum.Authorships) / works
	if mean < 2.45 || mean > 2.75 {
		t.Errorf("authors per work: mean %.2f, want about 2.6", mean)
	}
	if sum.MedianAuthors != 2 {
		t.Errorf("authors per work: median %d, want 2", sum.MedianAuthors)
	}
	if sum.MaxAuthors < 20 || sum.MaxAuthors > 30 {
		t.Errorf("authors per work: max %d, want 20 to 30", sum.MaxAuthors)
	}
	refs := float64(sum.References) / works
	if refs < 11 || refs > 16 {
		t.Errorf("references per work: mean %.1f, want about 14", refs)
	}
	// Preferential attachment: the most cited work is cited far more often than the mean.
	internalMean := float64(sum.InternalReferences) / works
	if float64(sum.MaxCitedBy) < 20*internalMean {
		t.Errorf("most cited work has %d citations against a mean of %.1f: not heavy-tailed", sum.MaxCitedBy, internalMean)
	}
	t.Logf("%+v", sum)

	// Import a set small enough for the in-memory writer.
	b.Reset()
	const small = 3000
	sum, err = synthetic.Generate(&b, synthetic.Config{Works: small, Seed: 42, Orgs: pool})
	if err != nil {
		t.Fatal(err)
	}
	w := ingesttest.New()
	st, err := openalex.Import(context.Background(), w, []ingest.Source{ingest.Reader("synthetic.jsonl", &b)}, ingest.Options{Strict: true})
	if err != nil {
		t.Fatalf("import of the synthetic works: %v (%v)", err, st.Rejections)
	}
	if st.Read != small || st.Rejected != 0 {
		t.Fatalf("read %d, rejected %d, want %d and 0", st.Read, st.Rejected, small)
	}
	full, _ := w.Count(graph.Work)
	if full != small {
		t.Errorf("%d full works in the graph, want %d", full, small)
	}
	if got := len(w.Edges(graph.Cites)); got != sum.References {
		t.Errorf("%d CITES relationships, want %d", got, sum.References)
	}
	people, _ := w.Count(graph.Person)
	if people != sum.People {
		t.Errorf("%d people, want %d", people, sum.People)
	}
	// Years grow: the last year has more works than the first.
	years := map[int64]int{}
	for _, n := range w.Nodes(graph.Work) {
		if y, ok := n.Props["year"].(int64); ok {
			years[y]++
		}
	}
	ys := make([]int64, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
	if len(ys) < 20 || years[ys[0]] >= years[ys[len(ys)-1]] {
		t.Errorf("works per year do not grow: %v", years)
	}
}
