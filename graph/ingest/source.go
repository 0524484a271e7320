package ingest

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/relgraph/relgraph/graph"
)

// JSONExts are the file name endings that folders are expanded to for the JSON formats.
var JSONExts = []string{".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz"}

// CSVExts are the file name endings that folders are expanded to for the CSV format.
var CSVExts = []string{".csv", ".csv.gz"}

// Source is a named input: a file, or a reader such as standard input. Gzip-compressed input is
// recognised by its first bytes, whatever its name.
type Source struct {
	// Name is the source as the user named it: a path, or "-" for standard input. Rejections and
	// progress reports use it.
	Name string
	path string    // the file to open; "" for a reader source
	r    io.Reader // the reader of a reader source, which can be read once
}

// File returns the source that reads the file at path.
func File(path string) Source {
	return Source{Name: path, path: path}
}

// Reader returns a source that reads r, which can be read only once; a strict run copies it to a
// temporary file first so that it can read it twice.
func Reader(name string, r io.Reader) Source {
	return Source{Name: name, r: r}
}

// Stdin returns the source that reads standard input, named "-".
func Stdin() Source {
	return Reader("-", os.Stdin)
}

// Sources turns the arguments of an import command into sources: "-" is standard input, a folder
// stands for the files below it whose names end in one of exts (case-insensitively; all files
// when exts is empty), sorted by path, and any other argument is a file. It fails, with the code
// INVALID, on a path that does not exist or a folder with no such file.
func Sources(args []string, exts ...string) ([]Source, error) {
	var srcs []Source
	for _, a := range args {
		if a == "-" {
			srcs = append(srcs, Stdin())
			continue
		}
		fi, err := os.Stat(a)
		if err != nil {
			return nil, &graph.Error{Code: graph.EInvalid, Message: fmt.Sprintf("cannot read %s", a), Err: err}
		}
		if !fi.IsDir() {
			srcs = append(srcs, File(a))
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && hasExt(p, exts) {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, &graph.Error{Code: graph.EInvalid, Message: fmt.Sprintf("cannot read folder %s", a), Err: err}
		}
		if len(found) == 0 {
			return nil, graph.Errorf(graph.EInvalid, "folder %s holds no %s files", a, strings.Join(exts, ", "))
		}
		sort.Strings(found)
		for _, p := range found {
			srcs = append(srcs, File(p))
		}
	}
	return srcs, nil
}

func hasExt(name string, exts []string) bool {
	if len(exts) == 0 {
		return true
	}
	lower := strings.ToLower(name)
	for _, e := range exts {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

// Input is an open source: its decompressed content, and how much of the raw source has been read.
type Input struct {
	io.Reader
	Name   string
	Size   int64 // size of the raw source in bytes, -1 when unknown
	raw    *countingReader
	closer io.Closer
}

// Bytes returns how many bytes of the raw (possibly compressed) source have been read so far. It
// may be called from another goroutine.
func (in *Input) Bytes() int64 { return in.raw.n.Load() }

// Close closes the underlying file, if any.
func (in *Input) Close() error {
	if in.closer != nil {
		return in.closer.Close()
	}
	return nil
}

// Open opens the source for reading, decompressing it when it starts with the gzip magic bytes.
// A reader source can be opened only once.
func (s Source) Open() (*Input, error) {
	var (
		raw    io.Reader
		closer io.Closer
		size   int64 = -1
	)
	switch {
	case s.path != "":
		f, err := os.Open(s.path)
		if err != nil {
			return nil, &graph.Error{Code: graph.EInvalid, Message: fmt.Sprintf("cannot open %s", s.Name), Err: err}
		}
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
		raw, closer = f, f
	case s.r != nil:
		raw = s.r
	default:
		return nil, graph.Errorf(graph.EInvalid, "source %q has nothing to read", s.Name)
	}
	cr := &countingReader{r: raw}
	br := bufio.NewReaderSize(cr, 64<<10)
	in := &Input{Reader: br, Name: s.Name, Size: size, raw: cr, closer: closer}
	magic, err := br.Peek(2)
	if err != nil && !errors.Is(err, io.EOF) {
		in.Close()
		return nil, &graph.Error{Code: graph.EInvalid, Message: fmt.Sprintf("cannot read %s", s.Name), Err: err}
	}
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			in.Close()
			return nil, &graph.Error{Code: graph.EInvalid, Message: fmt.Sprintf("%s is not valid gzip", s.Name), Err: err}
		}
		in.Reader = bufio.NewReaderSize(zr, 64<<10)
	}
	return in, nil
}

// reopenable reports whether the source can be opened more than once.
func (s Source) reopenable() bool { return s.path != "" }

// baseName is the source's name without folders and without a compression ending, for telling
// formats apart by extension.
func (s Source) baseName() string {
	n := strings.ToLower(filepath.Base(s.Name))
	return strings.TrimSuffix(n, ".gz")
}

// spool copies a reader source into a temporary file so that it can be read twice. The returned
// function removes the file.
func spool(s Source) (Source, func(), error) {
	f, err := os.CreateTemp("", "relgraph-import-*")
	if err != nil {
		return s, nil, &graph.Error{Code: graph.EInternal, Message: "cannot create a temporary file", Err: err}
	}
	remove := func() { os.Remove(f.Name()) }
	if _, err := io.Copy(f, s.r); err != nil {
		f.Close()
		remove()
		return s, nil, &graph.Error{Code: graph.EInvalid, Message: fmt.Sprintf("cannot read %s", s.Name), Err: err}
	}
	if err := f.Close(); err != nil {
		remove()
		return s, nil, &graph.Error{Code: graph.EInternal, Message: "cannot write a temporary file", Err: err}
	}
	return Source{Name: s.Name, path: f.Name()}, remove, nil
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}
