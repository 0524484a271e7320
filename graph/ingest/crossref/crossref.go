// Package crossref imports works from the Crossref REST API: single works ({"message": {...}}),
// work lists ({"message": {"items": [...]}}), bare work records, and JSON Lines of any of these.
//
// A work becomes a Work keyed by its DOI, with:
//   - its authors as Person, keyed by ORCID when Crossref has one, else by a key made of the DOI
//     and the author's position ("crossref:<doi>#<n>"), who AUTHORED it (position, rawName,
//     affiliations as given);
//   - its container as Journal, keyed by ISSN (Crossref gives no linking ISSN, so the print ISSN,
//     else the first, stands for it), the work PUBLISHED_IN it (volume, issue, page);
//   - its references that have a DOI as CITES to stub Works keyed by DOI; a reference whose DOI
//     is malformed is left out (publishers deposit such references), not the work;
//   - its funders as Organisations keyed by their Funder Registry id ("fundref:<id>", else
//     "crossref-funder:<name>"), the work FUNDED_BY them (award).
package crossref

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
	"github.com/relgraph/relgraph/graph/ingest"
)

// Source is the provenance source of everything this package writes.
const Source = "crossref"

// Shape is where works sit in Crossref responses.
var Shape = ingest.JSONShape{Lists: []string{"items"}, Wrappers: []string{"message"}}

// Import reads Crossref works from the sources and writes them to w.
func Import(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error) {
	return ingest.Run(ctx, w, srcs, opt, func(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
		return s.JSON(ctx, srcs, Shape, Map)
	})
}

// item is a Crossref work; only the fields imported are listed.
type item struct {
	DOI            string    `json:"DOI"`
	Title          []string  `json:"title"`
	Type           string    `json:"type"`
	Language       string    `json:"language"`
	Abstract       string    `json:"abstract"`
	Publisher      string    `json:"publisher"`
	ContainerTitle []string  `json:"container-title"`
	ISSN           []string  `json:"ISSN"`
	ISSNType       []typed   `json:"issn-type"`
	Volume         string    `json:"volume"`
	Issue          string    `json:"issue"`
	Page           string    `json:"page"`
	Issued         dateParts `json:"issued"`
	Published      dateParts `json:"published"`
	CitedBy        *int64    `json:"is-referenced-by-count"`
	Author         []struct {
		Given       string `json:"given"`
		Family      string `json:"family"`
		Name        string `json:"name"`
		ORCID       string `json:"ORCID"`
		Affiliation []struct {
			Name string `json:"name"`
		} `json:"affiliation"`
	} `json:"author"`
	Reference []struct {
		DOI string `json:"DOI"`
	} `json:"reference"`
	Funder []struct {
		DOI   string   `json:"DOI"`
		Name  string   `json:"name"`
		Award []string `json:"award"`
	} `json:"funder"`
}

type typed struct {
	Value string `json:"value"`
	Type  string `json:"type"`
}

// dateParts is Crossref's {"date-parts": [[year, month, day]]}, where any part may be missing or
// null.
type dateParts struct {
	Parts [][]*int64 `json:"date-parts"`
}

// date returns the year, and the ISO date as far as it is known ("2019", "2019-03", "2019-03-01").
func (d dateParts) date() (year int64, iso string) {
	if len(d.Parts) == 0 || len(d.Parts[0]) == 0 || d.Parts[0][0] == nil {
		return 0, ""
	}
	p := d.Parts[0]
	year = *p[0]
	iso = fmt.Sprintf("%04d", year)
	for _, x := range p[1:min(len(p), 3)] {
		if x == nil {
			break
		}
		iso += fmt.Sprintf("-%02d", *x)
	}
	return year, iso
}

// Map maps one Crossref work.
func Map(raw json.RawMessage) (ingest.Record, error) {
	var it item
	if err := ingest.Decode(raw, &it); err != nil {
		return ingest.Record{}, err
	}
	if it.DOI == "" {
		return ingest.Record{}, errors.New("DOI is missing")
	}
	doi, err := ident.DOI(it.DOI)
	if err != nil {
		return ingest.Record{ID: it.DOI}, fmt.Errorf("DOI: %w", err)
	}
	b := ingest.NewBuilder(doi)
	title := ""
	if len(it.Title) > 0 {
		title = strings.TrimSpace(it.Title[0])
	}
	if title == "" {
		return b.Record(), errors.New("title is missing")
	}
	self := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: doi}
	p := graph.Provenance{Source: Source, Record: doi}
	year, date := it.Issued.date()
	if year == 0 {
		year, date = it.Published.date()
	}
	sourced := map[string]any{
		"title":           title,
		"type":            ingest.Str(it.Type),
		"language":        ingest.Str(it.Language),
		"abstract":        ingest.Str(stripTags(it.Abstract)),
		"publicationDate": ingest.Str(date),
	}
	if year != 0 {
		sourced["year"] = year
	}
	props := map[string]any{"doi": doi, "publisher": ingest.Str(it.Publisher)}
	if it.CitedBy != nil {
		props["referencedByCount"] = *it.CitedBy
	}
	b.Node(graph.NodeInput{Key: self, Props: props, Sourced: sourced, Prov: p})

	for i, a := range it.Author {
		pos := i + 1
		name := strings.TrimSpace(strings.TrimSpace(a.Given) + " " + strings.TrimSpace(a.Family))
		if name == "" {
			name = strings.TrimSpace(a.Name)
		}
		key := graph.Ref{Kind: graph.Person, Scheme: graph.SchemeKey, Value: fmt.Sprintf("crossref:%s#%d", doi, pos)}
		props := map[string]any{}
		if a.ORCID != "" {
			o, err := ident.ORCID(a.ORCID)
			if err != nil {
				return b.Record(), fmt.Errorf("author[%d].ORCID: %w", i, err)
			}
			key = graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: o}
			props["orcid"] = o
		}
		b.Node(graph.NodeInput{Key: key, Props: props, Sourced: map[string]any{"name": ingest.Str(name)},
			Prov: graph.Provenance{Source: Source, Record: key.Value}})
		var affs []string
		for _, af := range a.Affiliation {
			affs = append(affs, af.Name)
		}
		b.Edge(graph.EdgeInput{Type: graph.Authored, From: key, To: self, Prov: p, Props: map[string]any{
			"position": int64(pos), "rawName": ingest.Str(name), "affiliations": ingest.List(affs),
		}})
	}

	if j, ok := journal(it); ok {
		b.Node(j)
		b.Edge(graph.EdgeInput{Type: graph.PublishedIn, From: self, To: j.Key, Prov: p, Props: map[string]any{
			"volume": ingest.Str(it.Volume), "issue": ingest.Str(it.Issue), "pages": ingest.Str(it.Page),
		}})
	}

	for _, r := range it.Reference {
		if r.DOI == "" {
			continue
		}
		cited, err := ident.DOI(r.DOI)
		if err != nil || cited == doi {
			continue
		}
		ref := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: cited}
		b.Node(graph.NodeInput{Key: ref, Stub: true, Prov: graph.Provenance{Source: Source, Record: cited}})
		b.Edge(graph.EdgeInput{Type: graph.Cites, From: self, To: ref, Prov: p})
	}

	for i, f := range it.Funder {
		name := strings.TrimSpace(f.Name)
		var key graph.Ref
		props := map[string]any{}
		switch {
		case f.DOI != "":
			fd, err := ident.DOI(f.DOI)
			if err != nil {
				return b.Record(), fmt.Errorf("funder[%d].DOI: %w", i, err)
			}
			id, ok := strings.CutPrefix(fd, "10.13039/")
			if !ok || id == "" {
				return b.Record(), fmt.Errorf("funder[%d].DOI: %q is not a Funder Registry DOI (10.13039/…)", i, f.DOI)
			}
			key = graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeKey, Value: "fundref:" + id}
			props["fundref"] = id
		case name != "":
			key = graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeKey, Value: "crossref-funder:" + strings.ToLower(strings.Join(strings.Fields(name), " "))}
		default:
			continue
		}
		b.Node(graph.NodeInput{Key: key, Props: props, Sourced: map[string]any{"name": ingest.Str(name)},
			Prov: graph.Provenance{Source: Source, Record: key.Value}})
		award := ingest.List(f.Award)
		if award != nil {
			award = strings.Join(award.([]string), ", ")
		}
		if !b.Edge(graph.EdgeInput{Type: graph.FundedBy, From: self, To: key, Prov: p, Props: map[string]any{"award": award}}) && award != nil {
			props := b.EdgeProps(graph.FundedBy, self, key)
			if old, _ := props["award"].(string); old == "" {
				props["award"] = award
			} else {
				props["award"] = old + ", " + award.(string)
			}
		}
	}
	return b.Record(), nil
}

// journal makes the Journal of a work's container, when the work has a valid ISSN.
func journal(it item) (graph.NodeInput, bool) {
	var issns []string
	add := func(s string) {
		if v, err := ident.ISSN(s); err == nil {
			for _, x := range issns {
				if x == v {
					return
				}
			}
			issns = append(issns, v)
		}
	}
	// The print ISSN first, as it most often is the linking ISSN.
	for _, t := range it.ISSNType {
		if t.Type == "print" {
			add(t.Value)
		}
	}
	for _, t := range it.ISSNType {
		add(t.Value)
	}
	for _, s := range it.ISSN {
		add(s)
	}
	if len(issns) == 0 {
		return graph.NodeInput{}, false
	}
	title := ""
	if len(it.ContainerTitle) > 0 {
		title = it.ContainerTitle[0]
	}
	return graph.NodeInput{
		Key:  graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: issns[0]},
		Prov: graph.Provenance{Source: Source, Record: issns[0]},
		Sourced: map[string]any{
			"title": ingest.Str(title), "issns": ingest.List(issns), "publisher": ingest.Str(it.Publisher),
		},
	}, true
}

var tag = regexp.MustCompile(`<[^>]*>`)

// stripTags turns a JATS abstract into plain text.
func stripTags(s string) string {
	return strings.Join(strings.Fields(tag.ReplaceAllString(s, " ")), " ")
}
