// Package countries imports countries from two public data sets, which meet on the ISO 3166-1
// alpha-2 code:
//
//   - mledoze/countries (countries.json): names, codes, region and subregion, position, area, and
//     land borders, which become BORDERS relationships;
//   - lukes/ISO-3166-Countries-with-Regional-Codes (all.json): ISO names and codes with the UN M49
//     region, sub-region and intermediate region.
//
// Each record says which data set it comes from by its fields, so the two files can be imported
// together or apart. Values the two data sets may disagree on (name, region, subregion) are kept
// per source as sourced values, so that neither overwrites the other; the plain property holds
// the value of the first source imported.
package countries

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
	"github.com/relgraph/relgraph/graph/ingest"
)

// Provenance sources.
const (
	SourceMledoze = "mledoze"
	SourceLukes   = "iso3166-lukes"
)

// shape: both files are JSON arrays of records.
var shape = ingest.JSONShape{}

// Import reads country records from the sources and writes Country nodes and BORDERS
// relationships to w.
//
// A BORDERS relationship is written once per pair of countries that both list the other among
// their borders, from the country with the smaller alpha-2 code to the other (mledoze lists Sri
// Lanka as bordering India, but not India as bordering Sri Lanka; that one-sided claim is not
// imported). Borders are written at the end of the run, as they need every record read.
func Import(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error) {
	return ingest.Run(ctx, w, srcs, opt, func(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
		b := NewBorders()
		if err := s.JSON(ctx, srcs, shape, b.Map); err != nil {
			return err
		}
		return s.Write(ctx, ingest.Record{Edges: b.Edges()})
	})
}

// Map maps one record of either data set to a Country node, without borders.
func Map(raw json.RawMessage) (ingest.Record, error) {
	rec, _, err := mapRecord(raw)
	return rec, err
}

// Borders gathers the land borders of mledoze records as they are mapped, to make the BORDERS
// relationships once all are read.
type Borders struct {
	iso2    map[string]string   // alpha-3 to alpha-2
	borders map[string][]string // alpha-3 to the alpha-3 codes it borders
}

// NewBorders returns an empty Borders.
func NewBorders() *Borders {
	return &Borders{iso2: map[string]string{}, borders: map[string][]string{}}
}

// Map maps a record as the package-level Map does, and remembers its borders.
func (b *Borders) Map(raw json.RawMessage) (ingest.Record, error) {
	rec, m, err := mapRecord(raw)
	if err == nil && m != nil {
		b.iso2[m.iso3] = m.iso2
		b.borders[m.iso3] = m.borders
	}
	return rec, err
}

// Edges returns one BORDERS relationship per pair of countries that list each other, sorted.
func (b *Borders) Edges() []graph.EdgeInput {
	type pair struct{ a, b string }
	seen := map[pair]bool{}
	var pairs []pair
	for c3, bs := range b.borders {
		for _, o3 := range bs {
			if !containsStr(b.borders[o3], c3) {
				continue
			}
			x, y := b.iso2[c3], b.iso2[o3]
			if x == y {
				continue
			}
			if y < x {
				x, y = y, x
			}
			if p := (pair{x, y}); !seen[p] {
				seen[p] = true
				pairs = append(pairs, p)
			}
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].a != pairs[j].a {
			return pairs[i].a < pairs[j].a
		}
		return pairs[i].b < pairs[j].b
	})
	iso3 := map[string]string{}
	for c3, c2 := range b.iso2 {
		iso3[c2] = c3
	}
	edges := make([]graph.EdgeInput, len(pairs))
	for i, p := range pairs {
		edges[i] = graph.EdgeInput{
			Type: graph.Borders,
			From: countryRef(p.a),
			To:   countryRef(p.b),
			Prov: graph.Provenance{Source: SourceMledoze, Record: iso3[p.a]},
		}
	}
	return edges
}

func countryRef(iso2 string) graph.Ref {
	return graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: iso2}
}

// mledoze is a record of mledoze/countries; only the fields imported are listed.
type mledoze struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2       string    `json:"cca2"`
	CCA3       string    `json:"cca3"`
	CCN3       string    `json:"ccn3"`
	Region     string    `json:"region"`
	Subregion  string    `json:"subregion"`
	LatLng     []float64 `json:"latlng"`
	Area       *float64  `json:"area"`
	Landlocked *bool     `json:"landlocked"`
	Borders    []string  `json:"borders"`
}

// lukes is a record of lukes/ISO-3166-Countries-with-Regional-Codes.
type lukes struct {
	Name               string  `json:"name"`
	Alpha2             string  `json:"alpha-2"`
	Alpha3             string  `json:"alpha-3"`
	CountryCode        string  `json:"country-code"`
	Region             *string `json:"region"`
	SubRegion          *string `json:"sub-region"`
	IntermediateRegion *string `json:"intermediate-region"`
}

type mapped struct {
	iso2, iso3 string
	borders    []string
}

func mapRecord(raw json.RawMessage) (ingest.Record, *mapped, error) {
	var probe map[string]json.RawMessage
	if err := ingest.Decode(raw, &probe); err != nil {
		return ingest.Record{}, nil, err
	}
	switch {
	case probe["cca2"] != nil:
		return mapMledoze(raw)
	case probe["alpha-2"] != nil:
		rec, err := mapLukes(raw)
		return rec, nil, err
	}
	return ingest.Record{}, nil, errors.New(`neither a mledoze record (no "cca2") nor a lukes record (no "alpha-2")`)
}

func mapMledoze(raw json.RawMessage) (ingest.Record, *mapped, error) {
	var c mledoze
	if err := ingest.Decode(raw, &c); err != nil {
		return ingest.Record{}, nil, err
	}
	rec := ingest.Record{ID: c.CCA3}
	iso2, err := ident.CountryAlpha2(c.CCA2)
	if err != nil {
		return rec, nil, fmt.Errorf("cca2: %w", err)
	}
	iso3, err := ident.CountryAlpha3(c.CCA3)
	if err != nil {
		rec.ID = iso2
		return rec, nil, fmt.Errorf("cca3: %w", err)
	}
	rec.ID = iso3
	if c.Name.Common == "" {
		return rec, nil, errors.New("name.common is missing")
	}
	var borders []string
	for _, b := range c.Borders {
		b3, err := ident.CountryAlpha3(b)
		if err != nil {
			return rec, nil, fmt.Errorf("borders: %w", err)
		}
		borders = append(borders, b3)
	}
	props := map[string]any{
		"officialName": ingest.Str(c.Name.Official),
		"iso2":         iso2,
		"iso3":         iso3,
		"ccn3":         ingest.Str(c.CCN3),
	}
	if len(c.LatLng) == 2 {
		props["lat"], props["lng"] = c.LatLng[0], c.LatLng[1]
	}
	if c.Area != nil {
		props["area"] = *c.Area
	}
	if c.Landlocked != nil {
		props["landlocked"] = *c.Landlocked
	}
	rec.Nodes = []graph.NodeInput{{
		Key:   countryRef(iso2),
		Props: props,
		Sourced: map[string]any{
			"name":      c.Name.Common,
			"region":    ingest.Str(c.Region),
			"subregion": ingest.Str(c.Subregion),
		},
		Prov: graph.Provenance{Source: SourceMledoze, Record: iso3},
	}}
	return rec, &mapped{iso2: iso2, iso3: iso3, borders: borders}, nil
}

func mapLukes(raw json.RawMessage) (ingest.Record, error) {
	var c lukes
	if err := ingest.Decode(raw, &c); err != nil {
		return ingest.Record{}, err
	}
	rec := ingest.Record{ID: c.Alpha2}
	iso2, err := ident.CountryAlpha2(c.Alpha2)
	if err != nil {
		return rec, fmt.Errorf("alpha-2: %w", err)
	}
	rec.ID = iso2
	iso3, err := ident.CountryAlpha3(c.Alpha3)
	if err != nil {
		return rec, fmt.Errorf("alpha-3: %w", err)
	}
	if c.Name == "" {
		return rec, errors.New("name is missing")
	}
	// mledoze's subregion is the finest UN M49 grouping (the intermediate region where there is
	// one, such as "Middle Africa"), so lukes' comparable value is its intermediate region, else
	// its sub-region. The sub-region itself is kept as unSubregion.
	sub := deref(c.IntermediateRegion)
	if sub == "" {
		sub = deref(c.SubRegion)
	}
	rec.Nodes = []graph.NodeInput{{
		Key: countryRef(iso2),
		Props: map[string]any{
			"iso2":               iso2,
			"iso3":               iso3,
			"numeric":            ingest.Str(c.CountryCode),
			"unSubregion":        ingest.Str(deref(c.SubRegion)),
			"intermediateRegion": ingest.Str(deref(c.IntermediateRegion)),
		},
		Sourced: map[string]any{
			"name":      c.Name,
			"region":    ingest.Str(deref(c.Region)),
			"subregion": ingest.Str(sub),
		},
		Prov: graph.Provenance{Source: SourceLukes, Record: iso2},
	}}
	return rec, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func containsStr(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
