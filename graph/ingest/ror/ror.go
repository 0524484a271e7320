// Package ror imports organisations from the Research Organization Registry: records in ROR
// schema v1 or v2 (told apart per record), one per file, in folders, in the JSON array of a data
// dump, or one per line (JSON Lines, optionally gzip-compressed).
//
// Each record becomes an Organisation keyed by its ROR id, LOCATED_IN the country of each of its
// locations, and PART_OF its parents. A parent or child link is the same PART_OF relationship
// whichever of the two records states it. Organisations and countries that are only linked to are
// written as stubs, which never overwrite a full record. ROR's "related", "successor" and
// "predecessor" links, which have no relationship type in the graph, are kept as lists of ROR ids
// in the properties related, successors and predecessors.
package ror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
	"github.com/relgraph/relgraph/graph/ingest"
)

// Source is the provenance source of everything this package writes.
const Source = "ror"

// Import reads ROR records from the sources and writes them to w.
func Import(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error) {
	return ingest.Run(ctx, w, srcs, opt, func(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
		return s.JSON(ctx, srcs, ingest.JSONShape{}, Map)
	})
}

// org is what both schema versions say about an organisation, as the graph keeps it.
type org struct {
	id                                string // bare ROR id
	name                              string
	types, aliases, acronyms, labels  []string
	website, wikipedia, status, city  string
	established                       *int64
	lat, lng                          *float64
	domains                           []string
	countries                         []country
	ext                               map[string]string // grid, isni, wikidata, fundref
	parents, children                 []link
	related, successors, predecessors []string
}

type country struct{ code, name string }

type link struct{ id, label string }

// Map maps one ROR record, of either schema version.
func Map(raw json.RawMessage) (ingest.Record, error) {
	var probe struct {
		ID    json.RawMessage `json:"id"`
		Names json.RawMessage `json:"names"`
	}
	if err := ingest.Decode(raw, &probe); err != nil {
		return ingest.Record{}, err
	}
	var (
		o   *org
		rec ingest.Record
		err error
	)
	if probe.Names != nil {
		o, rec.ID, err = fromV2(raw)
	} else {
		o, rec.ID, err = fromV1(raw)
	}
	if err != nil {
		return rec, err
	}
	return o.record(rec.ID), nil
}

func (o *org) record(rawID string) ingest.Record {
	self := orgRef(o.id)
	prov := graph.Provenance{Source: Source, Record: o.id}
	props := map[string]any{
		"types":        ingest.List(o.types),
		"labels":       ingest.List(o.labels),
		"status":       ingest.Str(o.status),
		"wikipedia":    ingest.Str(o.wikipedia),
		"domains":      ingest.List(o.domains),
		"related":      ingest.List(o.related),
		"successors":   ingest.List(o.successors),
		"predecessors": ingest.List(o.predecessors),
	}
	if o.established != nil {
		props["established"] = *o.established
	}
	for k, v := range o.ext {
		props[k] = v
	}
	if len(o.countries) > 0 {
		props["countryCode"] = o.countries[0].code
	}
	sourced := map[string]any{
		"name":     o.name,
		"website":  ingest.Str(o.website),
		"city":     ingest.Str(o.city),
		"aliases":  ingest.List(o.aliases),
		"acronyms": ingest.List(o.acronyms),
	}
	if o.lat != nil && o.lng != nil {
		sourced["lat"], sourced["lng"] = *o.lat, *o.lng
	}
	rec := ingest.Record{ID: rawID}
	rec.Nodes = append(rec.Nodes, graph.NodeInput{Key: self, Props: props, Sourced: sourced, Prov: prov})
	for _, c := range o.countries {
		ref := graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: c.code}
		rec.Nodes = append(rec.Nodes, graph.NodeInput{
			Key: ref, Props: map[string]any{"label": ingest.Str(c.name)}, Stub: true,
			Prov: graph.Provenance{Source: Source, Record: c.code},
		})
		rec.Edges = append(rec.Edges, graph.EdgeInput{Type: graph.LocatedIn, From: self, To: ref, Prov: prov})
	}
	stub := func(l link) {
		rec.Nodes = append(rec.Nodes, graph.NodeInput{
			Key: orgRef(l.id), Props: map[string]any{"label": ingest.Str(l.label)}, Stub: true,
			Prov: graph.Provenance{Source: Source, Record: l.id},
		})
	}
	for _, p := range o.parents {
		stub(p)
		rec.Edges = append(rec.Edges, graph.EdgeInput{Type: graph.PartOf, From: self, To: orgRef(p.id), Prov: prov})
	}
	for _, c := range o.children {
		stub(c)
		// The child's record states the same relationship: give it the same provenance.
		rec.Edges = append(rec.Edges, graph.EdgeInput{Type: graph.PartOf, From: orgRef(c.id), To: self,
			Prov: graph.Provenance{Source: Source, Record: c.id}})
	}
	return rec
}

func orgRef(id string) graph.Ref {
	return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: id}
}

// v2 is a record in ROR schema v2; only the fields imported are listed.
type v2 struct {
	ID    string `json:"id"`
	Names []struct {
		Value string   `json:"value"`
		Types []string `json:"types"`
	} `json:"names"`
	Types       []string `json:"types"`
	Status      string   `json:"status"`
	Established *int64   `json:"established"`
	Links       []struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"links"`
	Domains   []string `json:"domains"`
	Locations []struct {
		Details struct {
			CountryCode string   `json:"country_code"`
			CountryName string   `json:"country_name"`
			Name        string   `json:"name"`
			Lat         *float64 `json:"lat"`
			Lng         *float64 `json:"lng"`
		} `json:"geonames_details"`
	} `json:"locations"`
	ExternalIDs []struct {
		Type      string   `json:"type"`
		Preferred *string  `json:"preferred"`
		All       []string `json:"all"`
	} `json:"external_ids"`
	Relationships []relationship `json:"relationships"`
}

type relationship struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"`
}

func fromV2(raw json.RawMessage) (*org, string, error) {
	var r v2
	if err := ingest.Decode(raw, &r); err != nil {
		return nil, "", err
	}
	id, err := ident.ROR(r.ID)
	if err != nil {
		return nil, r.ID, fmt.Errorf("id: %w", err)
	}
	o := &org{id: id, status: r.Status, established: r.Established, domains: r.Domains, ext: map[string]string{}}
	for _, n := range r.Names {
		switch {
		case slices.Contains(n.Types, "ror_display"):
			o.name = n.Value
		case slices.Contains(n.Types, "label"):
			o.labels = append(o.labels, n.Value)
		}
		if slices.Contains(n.Types, "alias") {
			o.aliases = append(o.aliases, n.Value)
		}
		if slices.Contains(n.Types, "acronym") {
			o.acronyms = append(o.acronyms, n.Value)
		}
	}
	if o.name == "" {
		return nil, r.ID, errors.New(`no name of type "ror_display"`)
	}
	for _, t := range r.Types {
		o.types = append(o.types, strings.ToLower(t))
	}
	for _, l := range r.Links {
		switch {
		case l.Type == "website" && o.website == "":
			o.website = l.Value
		case l.Type == "wikipedia" && o.wikipedia == "":
			o.wikipedia = l.Value
		}
	}
	for i, l := range r.Locations {
		d := l.Details
		if i == 0 {
			o.city, o.lat, o.lng = d.Name, d.Lat, d.Lng
		}
		if err := o.addCountry(d.CountryCode, d.CountryName); err != nil {
			return nil, r.ID, fmt.Errorf("locations[%d].geonames_details.country_code: %w", i, err)
		}
	}
	for _, x := range r.ExternalIDs {
		v := ""
		if x.Preferred != nil {
			v = *x.Preferred
		} else if len(x.All) > 0 {
			v = x.All[0]
		}
		o.addExternal(x.Type, v)
	}
	if err := o.addRelationships(r.Relationships); err != nil {
		return nil, r.ID, err
	}
	return o, r.ID, nil
}

// v1 is a record in ROR schema v1; only the fields imported are listed.
type v1 struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Acronyms []string `json:"acronyms"`
	Labels   []struct {
		Label string `json:"label"`
	} `json:"labels"`
	Types        []string `json:"types"`
	Links        []string `json:"links"`
	WikipediaURL string   `json:"wikipedia_url"`
	Established  *int64   `json:"established"`
	Status       string   `json:"status"`
	Country      struct {
		CountryCode string `json:"country_code"`
		CountryName string `json:"country_name"`
	} `json:"country"`
	Addresses []struct {
		Lat          *float64 `json:"lat"`
		Lng          *float64 `json:"lng"`
		City         string   `json:"city"`
		GeonamesCity struct {
			City string `json:"city"`
		} `json:"geonames_city"`
	} `json:"addresses"`
	ExternalIDs   map[string]v1External `json:"external_ids"`
	Relationships []relationship        `json:"relationships"`
}

type v1External struct {
	Preferred *string  `json:"preferred"`
	All       strings1 `json:"all"`
}

// strings1 is a list of strings that v1 records sometimes give as a single string.
type strings1 []string

func (s *strings1) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return &json.UnmarshalTypeError{Value: jsonKind(b), Type: reflect.TypeFor[[]string]()}
	}
	*s = many
	return nil
}

func fromV1(raw json.RawMessage) (*org, string, error) {
	var r v1
	if err := ingest.Decode(raw, &r); err != nil {
		return nil, "", err
	}
	id, err := ident.ROR(r.ID)
	if err != nil {
		return nil, r.ID, fmt.Errorf("id: %w", err)
	}
	if r.Name == "" {
		return nil, r.ID, errors.New("name is missing")
	}
	o := &org{
		id: id, name: r.Name, aliases: r.Aliases, acronyms: r.Acronyms, wikipedia: r.WikipediaURL,
		established: r.Established, status: r.Status, ext: map[string]string{},
	}
	for _, l := range r.Labels {
		o.labels = append(o.labels, l.Label)
	}
	for _, t := range r.Types {
		o.types = append(o.types, strings.ToLower(t))
	}
	if len(r.Links) > 0 {
		o.website = r.Links[0]
	}
	if len(r.Addresses) > 0 {
		a := r.Addresses[0]
		o.city, o.lat, o.lng = a.City, a.Lat, a.Lng
		if o.city == "" {
			o.city = a.GeonamesCity.City
		}
	}
	if err := o.addCountry(r.Country.CountryCode, r.Country.CountryName); err != nil {
		return nil, r.ID, fmt.Errorf("country.country_code: %w", err)
	}
	for k, x := range r.ExternalIDs {
		v := ""
		if x.Preferred != nil {
			v = *x.Preferred
		} else if len(x.All) > 0 {
			v = x.All[0]
		}
		o.addExternal(k, v)
	}
	if err := o.addRelationships(r.Relationships); err != nil {
		return nil, r.ID, err
	}
	return o, r.ID, nil
}

func (o *org) addCountry(code, name string) error {
	if code == "" {
		return nil
	}
	c, err := ident.CountryAlpha2(code)
	if err != nil {
		return err
	}
	for _, x := range o.countries {
		if x.code == c {
			return nil
		}
	}
	o.countries = append(o.countries, country{c, name})
	return nil
}

// external maps ROR's external id types, in either schema's spelling, to property names.
var external = map[string]string{
	"grid": "grid", "isni": "isni", "wikidata": "wikidata", "fundref": "fundref",
}

func (o *org) addExternal(typ, v string) {
	if p, ok := external[strings.ToLower(typ)]; ok && strings.TrimSpace(v) != "" {
		o.ext[p] = strings.TrimSpace(v)
	}
}

func (o *org) addRelationships(rs []relationship) error {
	for i, r := range rs {
		id, err := ident.ROR(r.ID)
		if err != nil {
			return fmt.Errorf("relationships[%d].id: %w", i, err)
		}
		l := link{id: id, label: r.Label}
		switch strings.ToLower(r.Type) {
		case "parent":
			o.parents = append(o.parents, l)
		case "child":
			o.children = append(o.children, l)
		case "related":
			o.related = append(o.related, id)
		case "successor":
			o.successors = append(o.successors, id)
		case "predecessor":
			o.predecessors = append(o.predecessors, id)
		default:
			return fmt.Errorf("relationships[%d].type: unknown type %q", i, r.Type)
		}
	}
	return nil
}

// jsonKind names the kind of a JSON value, for messages.
func jsonKind(b []byte) string {
	switch t := strings.TrimSpace(string(b)); {
	case t == "":
		return "nothing"
	case t[0] == '{':
		return "object"
	case t[0] == '[':
		return "array"
	case t[0] == '"':
		return "string"
	case t == "true" || t == "false":
		return "bool"
	case t == "null":
		return "null"
	}
	return "number"
}
