// Package ingest holds what the importers of scholarly metadata share: named input sources (files,
// folders, standard input, gzip or not), streaming readers for JSON and JSON Lines, the options and
// summary of an import run, rejections of bad records, and the batching of entities and
// relationships into a graph.Writer. Each source format has its own package below this one
// (countries, ror, openalex, crossref, csvlinks), all with the same Import function.
//
// Provenance follows one rule in every format: a node's Prov.Record is the source's own id of the
// entity it describes (an OpenAlex id, a ROR id, a DOI, a country code...), and a relationship's is
// that of its From node, so that every mention of the same entity or relationship gives the same
// input whichever record it was read from. The CSV links format is the exception: its records are
// rows, named "<file>:<line>".
package ingest

import (
	"fmt"
	"strconv"
	"time"
)

// DefaultBatchSize is the number of nodes or relationships written per batch when Options.BatchSize
// is not set.
const DefaultBatchSize = 1000

// DefaultWriters is the number of transactions that write a large batch of nodes at once when
// Options.Writers is not set: two, for the two cores of a small database server.
const DefaultWriters = 2

// MaxKeptRejections caps Stats.Rejections; Stats.Rejected still counts every rejection.
const MaxKeptRejections = 1000

// Options tune an import run.
type Options struct {
	// Strict makes any rejected record fail the run with nothing written: the input is read once
	// to validate it, and written in a second pass only when no record was rejected.
	Strict bool
	// BatchSize is the number of nodes or relationships per write; 0 means DefaultBatchSize.
	BatchSize int
	// Writers is the number of transactions that write a large batch at once, each a part of it
	// (see Batcher); 0 means DefaultWriters.
	Writers int
	// Run names the import run; it is recorded in the provenance of everything written.
	Run string
	// Progress, when set, is told how the run advances: every few hundred milliseconds while a
	// source is read, and once when each source is done.
	Progress func(Progress)
}

func (o Options) batchSize() int {
	if o.BatchSize > 0 {
		return o.BatchSize
	}
	return DefaultBatchSize
}

// Progress is a snapshot of a running import, for progress bars and log lines.
type Progress struct {
	Pass     string        // "validate" for the first pass of a strict run, else "import"
	Source   string        // the source being read
	Records  int           // records read so far in this pass, over all sources
	Rejected int           // records rejected so far in this pass
	Bytes    int64         // bytes of the current source read so far (compressed size for gzip)
	Size     int64         // size of the current source in bytes, or -1 when unknown (standard input)
	Elapsed  time.Duration // time since the pass started
	Done     bool          // the current source has been read to its end
}

// Stats summarises an import run.
type Stats struct {
	Read      int // records read
	Created   int // nodes and relationships created
	Updated   int // nodes and relationships whose properties changed
	Unchanged int // nodes and relationships written again as they were
	Missing   int // relationships not written because an end does not exist
	Rejected  int // records rejected
	// Rejections lists the first MaxKeptRejections rejections, in input order.
	Rejections []Rejection
	// Unreached counts the records known to be in a source after a point that reading could not
	// pass (see StopError), and so neither read nor rejected.
	Unreached int
	// Incomplete lists the sources that could not be read to their end: where reading stopped
	// (line 0 when the source could not be opened), and why. What came before was imported.
	Incomplete []Rejection
}

func (s *Stats) reject(r Rejection) {
	s.Rejected++
	if len(s.Rejections) < MaxKeptRejections {
		s.Rejections = append(s.Rejections, r)
	}
}

// String returns the one-line summary printed at the end of a run.
func (s Stats) String() string {
	return fmt.Sprintf("read %d, created %d, updated %d, unchanged %d, missing %d, rejected %d, unreached %d, incomplete sources %d",
		s.Read, s.Created, s.Updated, s.Unchanged, s.Missing, s.Rejected, s.Unreached, len(s.Incomplete))
}

// StopError says why reading a source stopped before its end: it could not be read further (it is
// truncated, or not the compressed data it claims to be), or it is a JSON document malformed at
// this point, after which nothing can be told apart. Unreached counts the records known to follow
// (0 when they cannot be counted).
type StopError struct {
	Err       error
	Unreached int
}

func (e *StopError) Error() string { return e.Err.Error() }

// Unwrap returns the reason reading stopped.
func (e *StopError) Unwrap() error { return e.Err }

// Rejection is a record that was not imported, and why.
type Rejection struct {
	File   string // the source, as named
	Line   int    // the line the record starts on (1-based); 0 when unknown
	Record string // the record's id, when it could be read
	Reason string
}

// String returns a message such as
// `ror-v2.jsonl.gz:1234 (https://ror.org/0abc): bad ROR id "0abc": has 4 characters, want 9`.
func (r Rejection) String() string {
	s := r.File
	if r.Line > 0 {
		s += ":" + strconv.Itoa(r.Line)
	}
	if r.Record != "" {
		s += " (" + r.Record + ")"
	}
	return s + ": " + r.Reason
}
