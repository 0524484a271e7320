// Package csvlinks imports relationships that curators list in a spreadsheet, saved as CSV with
// the header
//
//	source,relation,target,note,source_url
//
// (columns in any order, note and source_url optional). Source and target may be DOIs, ORCID iDs,
// ROR ids, ISSNs (taken as linking ISSNs), OpenAlex ids, ISO 3166-1 country codes, or relgraph
// ids, in any of the forms people paste (resolver URLs, labels, either case); the kind of entity
// follows from the identifier. The relation is a relationship type, such as CITES or
// case_country, allowed between the two kinds. The note and source URL are kept on the
// relationship.
//
// Ends named by a DOI, ORCID iD, ROR id, ISSN or OpenAlex id that are not in the graph yet are
// written as stubs, to be filled in when their record is imported. Countries and relgraph ids are
// never stubbed: a relationship to one that does not exist is counted as missing.
package csvlinks

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
	"github.com/relgraph/relgraph/graph/ingest"
)

// Source is the provenance source of everything this package writes.
const Source = "csv"

// Exts are the file name endings a folder is expanded to.
var Exts = ingest.CSVExts

// Import reads links from the CSV sources and writes them to w.
func Import(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error) {
	return ingest.Run(ctx, w, srcs, opt, func(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
		for _, src := range srcs {
			if err := importFile(ctx, src, s); err != nil {
				return err
			}
		}
		return nil
	})
}

var columns = []string{"source", "relation", "target", "note", "source_url"}

func importFile(ctx context.Context, src ingest.Source, s *ingest.Sink) error {
	in := s.Open(src)
	if in == nil {
		return ctx.Err()
	}
	defer in.Close()
	s.Begin(in)
	err := Read(in, filepath.Base(src.Name), func(line int, rec ingest.Record, err error) error {
		return s.Take(ctx, src.Name, line, rec, err)
	})
	if err != nil {
		return err
	}
	s.End()
	return nil
}

// Read reads a links CSV and calls fn with each row's line and its record, or the reason it is
// rejected. file names the CSV in provenance records ("<file>:<line>"). A file without the
// required header is one rejection, at line 1, with an *ingest.StopError that counts the rows
// after it; a file that cannot be read further ends with an *ingest.StopError too. Read stops at
// the first error fn returns.
func Read(r io.Reader, file string, fn func(line int, rec ingest.Record, err error) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return fn(1, ingest.Record{}, errors.New("the file is empty; want a header line "+strings.Join(columns, ",")))
	}
	badHeader := func(err error) error {
		return fn(1, ingest.Record{}, &ingest.StopError{Err: err, Unreached: countRows(cr)})
	}
	var pe *csv.ParseError
	if err != nil && !errors.As(err, &pe) {
		return fn(1, ingest.Record{}, &ingest.StopError{Err: fmt.Errorf("cannot read: %w", err)})
	}
	if err != nil {
		return badHeader(csvError(err))
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup && h != "" {
			return badHeader(fmt.Errorf("header: column %q appears twice", h))
		}
		col[h] = i
	}
	var missing []string
	for _, c := range columns[:3] {
		if _, ok := col[c]; !ok {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return badHeader(fmt.Errorf("header: no column %s; want %s", strings.Join(missing, ", "), strings.Join(columns, ",")))
	}
	last := 1 // the line of the last row read
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return fn(last+1, ingest.Record{}, &ingest.StopError{Err: fmt.Errorf("cannot read past line %d: %w", last, err)})
		}
		if pe != nil {
			last = pe.Line
		} else {
			last, _ = cr.FieldPos(len(row) - 1)
		}
		if err != nil {
			if ferr := fn(pe.StartLine, ingest.Record{}, csvError(err)); ferr != nil {
				return ferr
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		field := func(name string) string {
			if i, ok := col[name]; ok && i < len(row) {
				return strings.TrimSpace(row[i])
			}
			return ""
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue // a blank row, as spreadsheets leave
		}
		rec, err := Map(field("source"), field("relation"), field("target"), field("note"), field("source_url"),
			fmt.Sprintf("%s:%d", file, line))
		if ferr := fn(line, rec, err); ferr != nil {
			return ferr
		}
	}
}

// countRows counts the rows left in cr that are not blank, malformed ones included, up to its end
// or a read error.
func countRows(cr *csv.Reader) int {
	n := 0
	for {
		row, err := cr.Read()
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF), err != nil && !errors.As(err, &pe):
			return n
		case err != nil || strings.TrimSpace(strings.Join(row, "")) != "":
			n++
		}
	}
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("malformed CSV: %v", pe.Err)
	}
	return fmt.Errorf("malformed CSV: %v", err)
}

// Map maps one row to a relationship, with stubs for its ends where they are named by external
// identifiers. record is the provenance record, "<file>:<line>".
func Map(source, relation, target, note, sourceURL, record string) (ingest.Record, error) {
	rec := ingest.Record{ID: source}
	prov := graph.Provenance{Source: Source, Record: record}
	from, fromStub, err := resolve(source)
	if err != nil {
		return rec, fmt.Errorf("source: %w", err)
	}
	to, toStub, err := resolve(target)
	if err != nil {
		return rec, fmt.Errorf("target: %w", err)
	}
	rt, err := relType(relation)
	if err != nil {
		return rec, fmt.Errorf("relation: %w", err)
	}
	if !rt.Allows(from.Kind, to.Kind) {
		e := graph.RelTypes[rt]
		return rec, fmt.Errorf("relation: %s cannot link %s %s to %s %s (it links %s to %s)",
			rt, article(from.Kind), strings.ToLower(string(from.Kind)), article(to.Kind), strings.ToLower(string(to.Kind)),
			kinds(e.From), kinds(e.To))
	}
	if sourceURL != "" {
		u, err := url.Parse(sourceURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return rec, fmt.Errorf("source_url: %q is not an http or https URL", sourceURL)
		}
	}
	for _, end := range []struct {
		ref  graph.Ref
		stub bool
	}{{from, fromStub}, {to, toStub}} {
		if end.stub {
			rec.Nodes = append(rec.Nodes, graph.NodeInput{Key: end.ref, Stub: true, Prov: prov})
		}
	}
	rec.Edges = []graph.EdgeInput{{
		Type: rt, From: from, To: to, Prov: prov,
		Props: map[string]any{"note": ingest.Str(note), "sourceUrl": ingest.Str(sourceURL)},
	}}
	return rec, nil
}

var relgraphID = regexp.MustCompile(`^(?:[a-z]-[0-9a-f]{16}|c-[a-z]{2})$`)

// resolve turns an identifier into a reference, and says whether its entity may be stubbed.
func resolve(s string) (graph.Ref, bool, error) {
	if s == "" {
		return graph.Ref{}, false, errors.New("is empty")
	}
	if k := graph.KindOfID(s); k != "" {
		if !relgraphID.MatchString(s) {
			return graph.Ref{}, false, fmt.Errorf("%q is not a relgraph id (a letter, a hyphen and 16 hexadecimal digits, or c- and a country code)", s)
		}
		return graph.Ref{Kind: k, Scheme: graph.SchemeID, Value: s}, false, nil
	}
	scheme, v, err := ident.Detect(s)
	if err != nil {
		return graph.Ref{}, false, err
	}
	switch scheme {
	case "doi":
		return graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: v}, true, nil
	case "orcid":
		return graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: v}, true, nil
	case "ror":
		return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: v}, true, nil
	case "issn":
		return graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: v}, true, nil
	case "iso2":
		return graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: v}, false, nil
	case "iso3":
		return graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO3, Value: v}, false, nil
	case "openalex":
		k, ok := openAlexKinds[v[0]]
		if !ok {
			return graph.Ref{}, false, fmt.Errorf("OpenAlex id %s names nothing the graph holds", v)
		}
		return graph.Ref{Kind: k, Scheme: graph.SchemeOpenAlex, Value: v}, true, nil
	}
	return graph.Ref{}, false, fmt.Errorf("%q is a %s identifier, which the graph does not use", s, scheme)
}

var openAlexKinds = map[byte]graph.Kind{
	'W': graph.Work, 'A': graph.Person, 'I': graph.Organisation, 'F': graph.Organisation,
	'P': graph.Organisation, 'S': graph.Journal, 'T': graph.Topic, 'C': graph.Topic,
}

func relType(s string) (graph.RelType, error) {
	if s == "" {
		return "", errors.New("is empty")
	}
	t := graph.RelType(strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(s)))
	if !t.Valid() {
		var names []string
		for rt := range graph.RelTypes {
			names = append(names, string(rt))
		}
		sort.Strings(names)
		return "", fmt.Errorf("%q is not a relation type; use one of %s", s, strings.Join(names, ", "))
	}
	return t, nil
}

func article(k graph.Kind) string {
	if strings.ContainsRune("AEIOU", rune(k[0])) {
		return "an"
	}
	return "a"
}

func kinds(ks []graph.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = strings.ToLower(string(k))
	}
	return strings.Join(s, " or ")
}
