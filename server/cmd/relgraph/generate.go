package main

import (
	"bufio"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/relgraph/relgraph/graph/ingest/synthetic"
)

// generateWorks runs `relgraph generate-works`: synthetic OpenAlex works as JSON Lines.
func generateWorks(args []string) error {
	fs := flag.NewFlagSet("generate-works", flag.ExitOnError)
	works := fs.Int("works", 100000, "number of works")
	seed := fs.Uint64("seed", 1, "seed: the same seed and number give the same records")
	data := fs.String("data", envOr("RELGRAPH_DATA", "../shared/data"), "folder of the shared datasets (RELGRAPH_DATA)")
	orgs := fs.String("orgs", "", "ROR v2 dump to draw organisations from (default: DATA/ror/ror-v2-latest.jsonl.gz)")
	out := fs.String("o", "-", "output file; gzip when it ends in .gz; - for standard output")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: relgraph generate-works [-works N] [-seed S] [-o FILE]\n\nWrites N synthetic works in the shape of OpenAlex work records, one per line, for\n'relgraph import openalex' and the benchmarks.\n\nflags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *orgs == "" {
		*orgs = filepath.Join(*data, "ror", "ror-v2-latest.jsonl.gz")
	}
	start := time.Now()
	sum, err := writeWorks(*out, *works, *seed, *orgs)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "generated %d works in %s: %d authorships (max %d per work), %d references (%d to works of the set), %d people, %d journals\n",
		sum.Works, time.Since(start).Round(time.Millisecond), sum.Authorships, sum.MaxAuthors, sum.References, sum.InternalReferences, sum.People, sum.Journals)
	return nil
}

// writeWorks generates works into the file at path ("-" for standard output).
func writeWorks(path string, works int, seed uint64, orgsPath string) (synthetic.Summary, error) {
	pool, err := synthetic.LoadOrgs(orgsPath)
	if err != nil {
		return synthetic.Summary{}, fmt.Errorf("organisation pool: %w", err)
	}
	var w io.Writer = os.Stdout
	var f *os.File
	if path != "-" {
		if f, err = os.Create(path); err != nil {
			return synthetic.Summary{}, err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	w = bw
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw, _ = gzip.NewWriterLevel(bw, gzip.BestSpeed)
		w = zw
	}
	sum, err := synthetic.Generate(w, synthetic.Config{Works: works, Seed: seed, Orgs: pool})
	if zw != nil {
		err = errors.Join(err, zw.Close())
	}
	err = errors.Join(err, bw.Flush())
	if f != nil {
		err = errors.Join(err, f.Close())
	}
	return sum, err
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
