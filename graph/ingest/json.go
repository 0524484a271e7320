package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// JSONShape says where the records sit in a JSON document. Whatever the shape, a document may be a
// single record, an array of records, or a sequence of either (JSON Lines).
type JSONShape struct {
	// Lists names the object keys under which records come as an array, such as OpenAlex's
	// "results" in list pages and Crossref's "items". An object with such a key is a container,
	// not a record; its other keys are ignored.
	Lists []string
	// Wrappers names the object keys whose object value is read as if it stood at the top, such
	// as Crossref's "message". An object with such a key is a container, not a record.
	Wrappers []string
}

// JSONRecord is one record read from a JSON source.
type JSONRecord struct {
	Raw  json.RawMessage // the record's text; nil when Err is set
	Line int             // the line the record starts on, 1-based
	// Err says how the source is malformed at Line. In a JSON Lines source only that line is
	// lost; in any other JSON document, nothing after it can be read, and Err is a *StopError,
	// as it is when the source cannot be read further (a truncated or corrupt gzip file).
	Err error
}

// ReadJSON calls fn with each record of the JSON source in, in order. Sources whose name ends in
// .jsonl or .ndjson (optionally .gz) are read line by line, so that a malformed line loses only
// itself; .json sources are read as one document of any number of values, streamed so that an
// array or list page of any length takes little memory; sources with another name, such as
// standard input, are read line by line when their first line is a complete JSON value. ReadJSON
// stops at the first error fn returns, and returns it.
func ReadJSON(in *Input, shape JSONShape, fn func(JSONRecord) error) error {
	br, ok := in.Reader.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(in.Reader)
	}
	lines, err := isLineMode(Source{Name: in.Name}.baseName(), br)
	if err != nil {
		return fn(JSONRecord{Line: 1, Err: err})
	}
	if lines {
		return readLines(br, shape, fn)
	}
	lr := &lineReader{r: br}
	d := newDocReader(lr, shape, fn)
	return d.run()
}

// ReadJSONBytes is ReadJSON on a document held in memory, read as one document (not line by line).
func ReadJSONBytes(b []byte, shape JSONShape, fn func(JSONRecord) error) error {
	lr := &lineReader{r: bytes.NewReader(b)}
	return newDocReader(lr, shape, fn).run()
}

func isLineMode(base string, br *bufio.Reader) (bool, error) {
	for _, e := range []string{".jsonl", ".ndjson"} {
		if strings.HasSuffix(base, e) {
			return true, nil
		}
	}
	if strings.HasSuffix(base, ".json") {
		return false, nil
	}
	// Sniff: a first line that is a whole JSON value means JSON Lines. A first line longer than
	// the read buffer means one document.
	for n := 4096; n <= br.Size(); n *= 2 {
		b, err := br.Peek(n)
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			first := bytes.TrimSpace(b[:i])
			return len(first) > 0 && json.Valid(first), nil
		}
		if errors.Is(err, io.EOF) {
			return false, nil // one line in all
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			return false, err
		}
	}
	return false, nil
}

// readLines reads JSON Lines: each non-blank line is a record, or a container of records.
func readLines(br *bufio.Reader, shape JSONShape, fn func(JSONRecord) error) error {
	var buf []byte
	keys := shape.keys()
	for line := 1; ; line++ {
		buf = buf[:0]
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			buf = append(buf, chunk...)
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return fn(JSONRecord{Line: line, Err: &StopError{Err: fmt.Errorf("cannot read past line %d: %w", line-1, err)}})
		}
		rec := bytes.TrimSpace(buf)
		if len(rec) > 0 {
			if ferr := lineRecords(rec, line, shape, keys, fn); ferr != nil {
				return ferr
			}
		}
		if err != nil {
			return nil
		}
	}
}

// lineRecords hands on the records of one line: the line itself, unless it is an array or holds
// one of the container keys.
func lineRecords(rec []byte, line int, shape JSONShape, keys [][]byte, fn func(JSONRecord) error) error {
	container := rec[0] == '['
	for _, k := range keys {
		if !container && bytes.Contains(rec, k) {
			container = true
		}
	}
	if !container {
		// Copy: the line buffer is reused.
		return fn(JSONRecord{Raw: bytes.Clone(rec), Line: line})
	}
	lr := &lineReader{r: bytes.NewReader(rec)}
	d := newDocReader(lr, shape, fn)
	d.fixedLine = line
	return d.run()
}

func (s JSONShape) keys() [][]byte {
	var ks [][]byte
	for _, k := range slices.Concat(s.Lists, s.Wrappers) {
		q, _ := json.Marshal(k)
		ks = append(ks, q)
	}
	return ks
}

// docReader streams the records of a JSON document with a json.Decoder, keeping track of lines.
type docReader struct {
	dec       *json.Decoder
	lr        *lineReader
	shape     JSONShape
	fn        func(JSONRecord) error
	fixedLine int // when set, every record is on this line
	unreached int // records counted after a malformed one, for the StopError
}

// errStop ends reading a document after a malformed part has been reported.
var errStop = errors.New("stop")

func newDocReader(lr *lineReader, shape JSONShape, fn func(JSONRecord) error) *docReader {
	dec := json.NewDecoder(lr)
	dec.UseNumber()
	return &docReader{dec: dec, lr: lr, shape: shape, fn: fn}
}

func (d *docReader) run() error {
	if err := d.values(); !errors.Is(err, errStop) {
		return err
	}
	return nil
}

// values reads the top-level values of the document.
func (d *docReader) values() error {
	for {
		line := d.line()
		tok, err := d.dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return d.malformed(line, err)
		}
		switch tok {
		case json.Delim('['):
			err = d.array()
		case json.Delim('{'):
			err = d.object(line)
		default:
			err = d.fail(line, fmt.Errorf("malformed JSON: a top-level value is %s, want an object or an array", describe(tok)))
		}
		if err != nil {
			return err
		}
	}
}

// array reads the records of an array whose '[' has been read, up to and including its ']'.
func (d *docReader) array() error {
	for d.dec.More() {
		line := d.line()
		var raw json.RawMessage
		if err := d.dec.Decode(&raw); err != nil {
			var se *json.SyntaxError
			if errors.As(err, &se) && d.fixedLine == 0 {
				// The decoder holds the broken record from its start: count it, and the records
				// after it.
				d.unreached = 1 + countElements(io.MultiReader(d.dec.Buffered(), d.lr))
			}
			return d.malformed(line, err)
		}
		if err := d.fn(JSONRecord{Raw: raw, Line: line}); err != nil {
			return err
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return d.malformed(d.line(), err)
	}
	return nil
}

// object reads an object whose '{' has been read on line, up to and including its '}': a
// container whose records it hands on, or a record itself.
func (d *docReader) object(line int) error {
	var (
		rec       bytes.Buffer
		container bool
	)
	rec.WriteByte('{')
	for d.dec.More() {
		kt, err := d.dec.Token()
		if err != nil {
			return d.malformed(d.line(), err)
		}
		key, _ := kt.(string)
		list, wrapper := slices.Contains(d.shape.Lists, key), slices.Contains(d.shape.Wrappers, key)
		var value json.RawMessage
		if list || wrapper {
			vline := d.line()
			vt, err := d.dec.Token()
			if err != nil {
				return d.malformed(vline, err)
			}
			switch {
			case list && vt == json.Delim('['):
				container = true
				if err := d.array(); err != nil {
					return err
				}
				continue
			case wrapper && vt == json.Delim('{'):
				container = true
				if err := d.object(vline); err != nil {
					return err
				}
				continue
			}
			if value, err = d.rebuild(vt); err != nil {
				return d.malformed(d.line(), err)
			}
		} else if err := d.dec.Decode(&value); err != nil {
			return d.malformed(d.line(), err)
		}
		if !container {
			if rec.Len() > 1 {
				rec.WriteByte(',')
			}
			k, _ := json.Marshal(key)
			rec.Write(k)
			rec.WriteByte(':')
			rec.Write(value)
		}
	}
	if _, err := d.dec.Token(); err != nil {
		return d.malformed(d.line(), err)
	}
	if container {
		return nil
	}
	rec.WriteByte('}')
	return d.fn(JSONRecord{Raw: rec.Bytes(), Line: line})
}

// rebuild reads the rest of a value whose first token is tok and returns its JSON text.
func (d *docReader) rebuild(tok json.Token) (json.RawMessage, error) {
	var b bytes.Buffer
	var walk func(tok json.Token) error
	walk = func(tok json.Token) error {
		switch tok {
		case json.Delim('{'), json.Delim('['):
			isObj := tok == json.Delim('{')
			b.WriteString(tok.(json.Delim).String())
			for i := 0; d.dec.More(); i++ {
				if i > 0 {
					b.WriteByte(',')
				}
				t, err := d.dec.Token()
				if err != nil {
					return err
				}
				if isObj {
					k, _ := json.Marshal(t)
					b.Write(k)
					b.WriteByte(':')
					if t, err = d.dec.Token(); err != nil {
						return err
					}
				}
				if err := walk(t); err != nil {
					return err
				}
			}
			end, err := d.dec.Token()
			if err != nil {
				return err
			}
			b.WriteString(end.(json.Delim).String())
		default:
			v, err := json.Marshal(tok)
			if err != nil {
				return err
			}
			b.Write(v)
		}
		return nil
	}
	err := walk(tok)
	return b.Bytes(), err
}

func (d *docReader) malformed(line int, err error) error {
	if d.lr.err != nil {
		// Not the JSON: what holds it could not be read further.
		return d.fail(line, fmt.Errorf("cannot read past line %d: %w; the rest of the document is skipped", line, d.lr.err))
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = errors.New("unexpected end of input")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line = d.lineAt(se.Offset)
	}
	return d.fail(line, fmt.Errorf("malformed JSON: %w; the rest of the document is skipped", err))
}

// fail reports that the document cannot be read past line, and stops reading it. Outside a JSON
// Lines line, that ends the source.
func (d *docReader) fail(line int, err error) error {
	if d.fixedLine == 0 {
		err = &StopError{Err: err, Unreached: d.unreached}
	}
	if ferr := d.fn(JSONRecord{Line: line, Err: err}); ferr != nil {
		return ferr
	}
	return errStop
}

// countElements counts the elements of a JSON array that follow the one r starts with, up to the
// array's end: the commas outside strings at the level r starts at. It is meant for text that is
// malformed somewhere, so it checks nothing; a line break, which no JSON string holds, ends a
// string, so that a broken string does not hide the rest. It stops at the first read error.
func countElements(r io.Reader) int {
	br := bufio.NewReader(r)
	n, depth := 0, 0
	inString, escaped := false, false
	for {
		c, err := br.ReadByte()
		if err != nil {
			return n
		}
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"' || c == '\n':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth < 0 {
				return n
			}
		case ',':
			if depth == 0 {
				n++
			}
		}
	}
}

// line returns the line of the next value the decoder will read.
func (d *docReader) line() int {
	if d.fixedLine > 0 {
		return d.fixedLine
	}
	off := d.dec.InputOffset()
	// Skip the white space and commas before the next value.
	var scratch [64]byte
	r := d.dec.Buffered()
	for {
		n, _ := r.Read(scratch[:])
		if n == 0 {
			break
		}
		i := 0
		for i < n && (scratch[i] == ' ' || scratch[i] == '\t' || scratch[i] == '\r' || scratch[i] == '\n' || scratch[i] == ',' || scratch[i] == ':') {
			i++
		}
		off += int64(i)
		if i < n {
			break
		}
	}
	return d.lineAt(off)
}

func (d *docReader) lineAt(off int64) int {
	if d.fixedLine > 0 {
		return d.fixedLine
	}
	return d.lr.lineAt(off)
}

// lineReader remembers where the newlines are in what it has read, so that an offset can be
// turned into a line. It forgets newlines before the offsets asked for, which only grow, and
// hands out at most 4 KiB per read so that little is read ahead.
type lineReader struct {
	r       io.Reader
	read    int64   // bytes read so far
	dropped int     // newlines forgotten, all before the last offset asked for
	nl      []int64 // offsets of the newlines remembered
	err     error   // the error that ended reading, other than io.EOF
}

func (l *lineReader) Read(p []byte) (int, error) {
	if len(p) > 4096 {
		p = p[:4096]
	}
	n, err := l.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && l.err == nil {
		l.err = err
	}
	for i, c := range p[:n] {
		if c == '\n' {
			l.nl = append(l.nl, l.read+int64(i))
		}
	}
	l.read += int64(n)
	return n, err
}

// lineAt returns the 1-based line of the byte at offset off.
func (l *lineReader) lineAt(off int64) int {
	i, _ := slices.BinarySearch(l.nl, off)
	line := 1 + l.dropped + i
	if i > 0 {
		l.dropped += i
		l.nl = append(l.nl[:0], l.nl[i:]...)
	}
	return line
}

func describe(tok json.Token) string {
	switch tok.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case json.Delim:
		return fmt.Sprintf("%q", tok)
	default:
		return "a number"
	}
}
