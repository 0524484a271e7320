package ingest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/relgraph/relgraph/graph"
)

// Record is what a format makes of one input record: the nodes and relationships to write. Nodes
// come first; the relationships may name any of them, and any node written before.
type Record struct {
	ID    string // the record's own id in its source, for rejection messages
	Nodes []graph.NodeInput
	Edges []graph.EdgeInput
}

// MapFunc maps one JSON record, or says why it is rejected. It sets Record.ID whenever it could
// read the id, even when it rejects the record.
type MapFunc func(raw json.RawMessage) (Record, error)

// Pass reads every source once and hands each record, or its rejection, to the sink.
type Pass func(ctx context.Context, srcs []Source, s *Sink) error

// Run runs an import: one pass over the sources that writes as it reads or, in strict mode, a
// first pass that only validates and a second that writes, run only when the first rejected
// nothing. Sources that can be read only once, such as standard input, are then copied to a
// temporary file first.
//
// Rejected records and sources that could not be read to their end (Stats.Incomplete) do not make
// Run fail, except in strict mode, where it returns an INVALID error and has written nothing. Run
// fails with the writer's error when a write fails, and with the context's error when it is done.
func Run(ctx context.Context, w graph.Writer, srcs []Source, opt Options, pass Pass) (Stats, error) {
	if !opt.Strict {
		return runPass(ctx, w, srcs, opt, pass, "import")
	}
	srcs = append([]Source(nil), srcs...)
	for i, s := range srcs {
		if s.reopenable() {
			continue
		}
		sp, remove, err := spool(s)
		if err != nil {
			return Stats{}, err
		}
		defer remove()
		srcs[i] = sp
	}
	st, err := runPass(ctx, nil, srcs, opt, pass, "validate")
	if err != nil {
		return st, err
	}
	switch {
	case len(st.Incomplete) > 0:
		return st, graph.Errorf(graph.EInvalid, "strict import: %d of %d sources could not be read to their end, nothing written", len(st.Incomplete), len(srcs))
	case st.Rejected > 0:
		return st, graph.Errorf(graph.EInvalid, "strict import: %d of %d records rejected, nothing written", st.Rejected, st.Read)
	}
	return runPass(ctx, w, srcs, opt, pass, "import")
}

func runPass(ctx context.Context, w graph.Writer, srcs []Source, opt Options, pass Pass, name string) (Stats, error) {
	s := &Sink{opt: opt, pass: name, start: time.Now()}
	if w != nil {
		s.b = NewBatcher(w, opt.batchSize())
		if opt.Writers > 0 {
			s.b.SetWriters(opt.Writers)
		}
	}
	err := pass(ctx, srcs, s)
	if s.b != nil {
		ws, werr := s.b.Close(ctx)
		s.stats.Created += ws.Created
		s.stats.Updated += ws.Updated
		s.stats.Unchanged += ws.Unchanged
		s.stats.Missing += ws.Missing
		if err == nil {
			err = werr
		}
	}
	if err == nil {
		err = ctx.Err()
	}
	return s.stats, err
}

// Sink takes the records of a pass: it counts them, writes them (unless the pass only validates)
// and reports progress.
type Sink struct {
	opt   Options
	pass  string
	b     *Batcher // nil when validating
	stats Stats
	start time.Time
	last  time.Time
	in    *Input
}

// Validating reports whether the pass only validates, writing nothing.
func (s *Sink) Validating() bool { return s.b == nil }

// Add counts one record read and queues what it maps to for writing, stamping the run into the
// provenance of each input.
func (s *Sink) Add(ctx context.Context, r Record) error {
	s.stats.Read++
	return s.Write(ctx, r)
}

// Write queues nodes and relationships that are not a record of their own, such as those a format
// can only make once it has read everything. It counts nothing as read.
func (s *Sink) Write(ctx context.Context, r Record) error {
	if s.b == nil {
		return ctx.Err()
	}
	for _, n := range r.Nodes {
		n.Prov.Run = s.opt.Run
		if err := s.b.Node(ctx, n); err != nil {
			return err
		}
	}
	for _, e := range r.Edges {
		e.Prov.Run = s.opt.Run
		if err := s.b.Edge(ctx, e); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Reject counts one record read and rejected.
func (s *Sink) Reject(r Rejection) {
	s.stats.Read++
	s.stats.reject(r)
}

// Take takes what a format read at line of the source named file: the record, or why it is
// rejected. A record whose text breaks the graph's rules (graph.CheckProps: length, control
// characters, NUL) is rejected too, naming the property. A *StopError, which ends the source, is
// no rejection: it counts the source in Stats.Incomplete, and the records it could not reach in
// Stats.Unreached.
func (s *Sink) Take(ctx context.Context, file string, line int, rec Record, err error) error {
	s.Tick()
	if err == nil {
		err = checkRecord(rec)
	}
	var stop *StopError
	switch {
	case errors.As(err, &stop):
		s.stats.Unreached += stop.Unreached
		reason := stop.Error()
		if stop.Unreached > 0 {
			reason += fmt.Sprintf(" (%d records not reached)", stop.Unreached)
		}
		s.Incomplete(Rejection{File: file, Line: line, Reason: reason})
		return ctx.Err()
	case err != nil:
		s.Reject(Rejection{File: file, Line: line, Record: rec.ID, Reason: err.Error()})
		return ctx.Err()
	}
	return s.Add(ctx, rec)
}

// Incomplete records that the source r.File could not be read past r.Line (0: not at all).
func (s *Sink) Incomplete(r Rejection) {
	s.stats.Incomplete = append(s.stats.Incomplete, r)
}

// checkRecord checks the text of every property of the record's nodes and relationships.
func checkRecord(rec Record) error {
	for _, n := range rec.Nodes {
		if err := graph.CheckProps(n.Props); err != nil {
			return err
		}
		if err := graph.CheckProps(n.Sourced); err != nil {
			return err
		}
	}
	for _, e := range rec.Edges {
		if err := graph.CheckProps(e.Props); err != nil {
			return err
		}
	}
	return nil
}

// Open opens src for the pass; when it cannot be opened, it counts the source as incomplete and
// returns nil, and the pass goes on with the next source.
func (s *Sink) Open(src Source) *Input {
	in, err := src.Open()
	if err != nil {
		s.Incomplete(Rejection{File: src.Name, Reason: err.Error()})
		return nil
	}
	return in
}

// Begin tells the sink that in is now being read, for progress reports.
func (s *Sink) Begin(in *Input) {
	s.in = in
	s.report(false)
}

// Tick reports progress when enough time has passed since the last report.
func (s *Sink) Tick() {
	if s.opt.Progress != nil && time.Since(s.last) >= 250*time.Millisecond {
		s.report(false)
	}
}

// End tells the sink that the current source has been read to its end.
func (s *Sink) End() {
	s.report(true)
	s.in = nil
}

func (s *Sink) report(done bool) {
	if s.opt.Progress == nil {
		return
	}
	s.last = time.Now()
	p := Progress{
		Pass: s.pass, Records: s.stats.Read, Rejected: s.stats.Rejected,
		Elapsed: time.Since(s.start), Done: done, Size: -1,
	}
	if s.in != nil {
		p.Source, p.Bytes, p.Size = s.in.Name, s.in.Bytes(), s.in.Size
	}
	s.opt.Progress(p)
}

// JSON reads the JSON records of each source in turn, maps them with m, and adds or rejects them.
func (s *Sink) JSON(ctx context.Context, srcs []Source, shape JSONShape, m MapFunc) error {
	for _, src := range srcs {
		if err := s.jsonSource(ctx, src, shape, m); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sink) jsonSource(ctx context.Context, src Source, shape JSONShape, m MapFunc) error {
	in := s.Open(src)
	if in == nil {
		return ctx.Err()
	}
	defer in.Close()
	s.Begin(in)
	err := ReadJSON(in, shape, func(jr JSONRecord) error {
		if jr.Err != nil {
			return s.Take(ctx, src.Name, jr.Line, Record{}, jr.Err)
		}
		rec, err := m(jr.Raw)
		return s.Take(ctx, src.Name, jr.Line, rec, err)
	})
	if err != nil {
		return err
	}
	s.End()
	return nil
}

// Decode unmarshals a raw JSON record into v, with a rejection reason fit for a user on failure.
func Decode(raw json.RawMessage, v any) error {
	err := json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Errorf("malformed JSON: %v", e)
	case *json.UnmarshalTypeError:
		if e.Field != "" {
			return fmt.Errorf("field %s: JSON %s where %s was expected", e.Field, e.Value, kindName(e.Type))
		}
		return fmt.Errorf("the record is a JSON %s, want an object", e.Value)
	}
	return fmt.Errorf("malformed record: %v", err)
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "an object"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}
