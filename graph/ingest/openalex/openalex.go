// Package openalex imports OpenAlex entities as the OpenAlex API and snapshot give them: single
// records, list pages ({"meta": ..., "results": [...]}) and JSON Lines, of works, authors,
// institutions, sources, topics, concepts, keywords, funders and publishers, told apart per record
// by their id.
//
// A work becomes a Work, keyed by its OpenAlex id and carrying its DOI, with:
//   - its authors as Person (ORCID, else OpenAlex id) AUTHORED it (position, corresponding,
//     rawName), AFFILIATED_WITH each institution of their authorship;
//   - institutions as Organisation (ROR, else OpenAlex id) LOCATED_IN their country;
//   - primary_location.source as Journal (ISSN-L, else OpenAlex id), the work PUBLISHED_IN it
//     (volume, issue, pages);
//   - topics, concepts and keywords as Topic, the work HAS_TOPIC (score; primary for the primary
//     topic);
//   - referenced_works as CITES to stub Works keyed by OpenAlex id, filled in when the cited work
//     is imported;
//   - grants as FUNDED_BY (award) to stub funder Organisations keyed by OpenAlex funder id.
//
// Works are keyed by OpenAlex id rather than DOI because the works they cite are known only by
// OpenAlex id: the store matches an entity on its key, so a work keyed by DOI would not meet the
// stub that an earlier citing work made of it, and would clash with it on the OpenAlex id. Other
// sources still meet these works on their DOI, which the store matches as a property.
//
// Funders and publishers are Organisations keyed by their own OpenAlex id (F…, P…), apart from the
// institutions and ROR organisations they may also be; their ROR id is kept as sameAsRor.
package openalex

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
	"github.com/relgraph/relgraph/graph/ingest"
)

// Source is the provenance source of everything this package writes.
const Source = "openalex"

// Shape is where records sit in OpenAlex documents: alone, or in the results of a list page.
var Shape = ingest.JSONShape{Lists: []string{"results"}}

// Import reads OpenAlex records from the sources and writes them to w.
func Import(ctx context.Context, w graph.Writer, srcs []ingest.Source, opt ingest.Options) (ingest.Stats, error) {
	return ingest.Run(ctx, w, srcs, opt, func(ctx context.Context, srcs []ingest.Source, s *ingest.Sink) error {
		return s.JSON(ctx, srcs, Shape, Map)
	})
}

// Map maps one OpenAlex record of any supported entity type.
func Map(raw json.RawMessage) (ingest.Record, error) {
	var probe struct {
		ID *string `json:"id"`
	}
	if err := ingest.Decode(raw, &probe); err != nil {
		return ingest.Record{}, err
	}
	if probe.ID == nil || *probe.ID == "" {
		return ingest.Record{}, errors.New("id is missing")
	}
	id := *probe.ID
	if slug, ok := keywordSlug(id); ok {
		return mapKeyword(raw, id, slug)
	}
	kind, oid, err := ident.OpenAlex(id)
	if err != nil {
		return ingest.Record{ID: id}, fmt.Errorf("id: %w", err)
	}
	b := ingest.NewBuilder(oid)
	switch kind {
	case 'W':
		err = mapWork(raw, b)
	case 'A':
		err = mapAuthor(raw, b)
	case 'I':
		err = mapInstitution(raw, b)
	case 'S':
		err = mapSource(raw, b)
	case 'T', 'C':
		err = mapTopic(raw, b)
	case 'F', 'P':
		err = mapFunderOrPublisher(raw, b)
	default:
		err = fmt.Errorf("id: %c records are not imported", kind)
	}
	if err != nil {
		return ingest.Record{ID: oid}, err
	}
	return b.Record(), nil
}

func prov(record string) graph.Provenance {
	return graph.Provenance{Source: Source, Record: record}
}

// work is an OpenAlex work; only the fields imported are listed.
type work struct {
	ID                    string           `json:"id"`
	DOI                   *string          `json:"doi"`
	Title                 *string          `json:"title"`
	DisplayName           *string          `json:"display_name"`
	PublicationYear       *int64           `json:"publication_year"`
	PublicationDate       *string          `json:"publication_date"`
	Type                  *string          `json:"type"`
	Language              *string          `json:"language"`
	CitedByCount          *int64           `json:"cited_by_count"`
	AbstractInvertedIndex map[string][]int `json:"abstract_inverted_index"`
	Authorships           []authorship     `json:"authorships"`
	PrimaryLocation       *struct {
		Source *source `json:"source"`
	} `json:"primary_location"`
	Biblio struct {
		Volume    *string `json:"volume"`
		Issue     *string `json:"issue"`
		FirstPage *string `json:"first_page"`
		LastPage  *string `json:"last_page"`
	} `json:"biblio"`
	PrimaryTopic *struct {
		ID string `json:"id"`
	} `json:"primary_topic"`
	Topics          []topic   `json:"topics"`
	Concepts        []concept `json:"concepts"`
	Keywords        []keyword `json:"keywords"`
	ReferencedWorks []string  `json:"referenced_works"`
	Grants          []struct {
		Funder            *string `json:"funder"`
		FunderDisplayName *string `json:"funder_display_name"`
		AwardID           *string `json:"award_id"`
	} `json:"grants"`
}

type authorship struct {
	Author struct {
		ID          *string `json:"id"`
		DisplayName *string `json:"display_name"`
		ORCID       *string `json:"orcid"`
	} `json:"author"`
	Institutions    []institution `json:"institutions"`
	IsCorresponding *bool         `json:"is_corresponding"`
	RawAuthorName   *string       `json:"raw_author_name"`
}

// institution is an institution as works and authors embed it, and the fields of a full
// institution record that are imported.
type institution struct {
	ID                      string   `json:"id"`
	DisplayName             *string  `json:"display_name"`
	ROR                     *string  `json:"ror"`
	CountryCode             *string  `json:"country_code"`
	Type                    *string  `json:"type"`
	HomepageURL             *string  `json:"homepage_url"`
	DisplayNameAcronyms     []string `json:"display_name_acronyms"`
	DisplayNameAlternatives []string `json:"display_name_alternatives"`
	IDs                     struct {
		Grid     *string `json:"grid"`
		Wikidata *string `json:"wikidata"`
	} `json:"ids"`
	Geo *struct {
		City        *string  `json:"city"`
		CountryCode *string  `json:"country_code"`
		Latitude    *float64 `json:"latitude"`
		Longitude   *float64 `json:"longitude"`
	} `json:"geo"`
	AssociatedInstitutions []struct {
		ID           string  `json:"id"`
		ROR          *string `json:"ror"`
		DisplayName  *string `json:"display_name"`
		Relationship string  `json:"relationship"`
	} `json:"associated_institutions"`
}

// source is a source as works embed it, and the fields of a full source record that are imported.
type source struct {
	ID                   string   `json:"id"`
	DisplayName          *string  `json:"display_name"`
	ISSNL                *string  `json:"issn_l"`
	ISSN                 []string `json:"issn"`
	Type                 *string  `json:"type"`
	HostOrganizationName *string  `json:"host_organization_name"`
	HomepageURL          *string  `json:"homepage_url"`
}

type named struct {
	ID          string  `json:"id"`
	DisplayName *string `json:"display_name"`
}

// topic is a topic as works embed it, and the fields of a full topic record that are imported.
type topic struct {
	ID          string   `json:"id"`
	DisplayName *string  `json:"display_name"`
	Score       *float64 `json:"score"`
	Subfield    *named   `json:"subfield"`
	Field       *named   `json:"field"`
	Domain      *named   `json:"domain"`
	Description *string  `json:"description"`
	Keywords    []string `json:"keywords"`
	// Concepts only.
	Level    *int64  `json:"level"`
	Wikidata *string `json:"wikidata"`
}

type concept = topic

type keyword struct {
	ID          string   `json:"id"`
	DisplayName *string  `json:"display_name"`
	Score       *float64 `json:"score"`
}

func mapWork(raw json.RawMessage, b *ingest.Builder) error {
	var w work
	if err := ingest.Decode(raw, &w); err != nil {
		return err
	}
	oid := b.ID()
	title := deref(w.Title)
	if strings.TrimSpace(title) == "" {
		title = deref(w.DisplayName)
	}
	if strings.TrimSpace(title) == "" {
		return errors.New("title is missing")
	}
	self := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: oid}
	props := map[string]any{"openalex": oid, "citedByCount": ptr(w.CitedByCount)}
	if w.DOI != nil && *w.DOI != "" {
		doi, err := ident.DOI(*w.DOI)
		if err != nil {
			return fmt.Errorf("doi: %w", err)
		}
		props["doi"] = doi
	}
	sourced := map[string]any{
		"title":           strings.TrimSpace(title),
		"year":            ptr(w.PublicationYear),
		"publicationDate": ingest.StrPtr(w.PublicationDate),
		"type":            ingest.StrPtr(w.Type),
		"language":        ingest.StrPtr(w.Language),
		"abstract":        Abstract(w.AbstractInvertedIndex),
	}
	p := prov(oid)
	b.Node(graph.NodeInput{Key: self, Props: props, Sourced: sourced, Prov: p})

	for i, a := range w.Authorships {
		if err := authorshipInputs(b, self, oid, i, a); err != nil {
			return fmt.Errorf("authorships[%d].%w", i, err)
		}
	}
	if w.PrimaryLocation != nil && w.PrimaryLocation.Source != nil {
		j, err := journalNode(w.PrimaryLocation.Source)
		if err != nil {
			return fmt.Errorf("primary_location.source.%w", err)
		}
		b.Node(j)
		pages := deref(w.Biblio.FirstPage)
		if last := deref(w.Biblio.LastPage); last != "" && last != pages {
			if pages != "" {
				pages += "-" + last
			} else {
				pages = last
			}
		}
		b.Edge(graph.EdgeInput{Type: graph.PublishedIn, From: self, To: j.Key, Prov: p, Props: map[string]any{
			"volume": ingest.StrPtr(w.Biblio.Volume), "issue": ingest.StrPtr(w.Biblio.Issue), "pages": ingest.Str(pages),
		}})
	}
	primary := ""
	if w.PrimaryTopic != nil {
		primary = w.PrimaryTopic.ID
	}
	for i, t := range w.Topics {
		n, err := topicNode(t, 'T')
		if err != nil {
			return fmt.Errorf("topics[%d].%w", i, err)
		}
		b.Node(n)
		props := map[string]any{"score": ptr(t.Score)}
		if primary != "" && t.ID == primary {
			props["primary"] = true
		}
		b.Edge(graph.EdgeInput{Type: graph.HasTopic, From: self, To: n.Key, Props: props, Prov: p})
	}
	for i, c := range w.Concepts {
		n, err := topicNode(c, 'C')
		if err != nil {
			return fmt.Errorf("concepts[%d].%w", i, err)
		}
		b.Node(n)
		b.Edge(graph.EdgeInput{Type: graph.HasTopic, From: self, To: n.Key, Props: map[string]any{"score": ptr(c.Score)}, Prov: p})
	}
	for i, k := range w.Keywords {
		slug, ok := keywordSlug(k.ID)
		if !ok {
			return fmt.Errorf("keywords[%d].id: %q is not an OpenAlex keyword id", i, k.ID)
		}
		n := keywordNode(slug, k.DisplayName)
		b.Node(n)
		b.Edge(graph.EdgeInput{Type: graph.HasTopic, From: self, To: n.Key, Props: map[string]any{"score": ptr(k.Score)}, Prov: p})
	}
	for i, r := range w.ReferencedWorks {
		k, cited, err := ident.OpenAlex(r)
		if err == nil && k != 'W' {
			err = fmt.Errorf("%q is not a work id", r)
		}
		if err != nil {
			return fmt.Errorf("referenced_works[%d]: %w", i, err)
		}
		ref := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeOpenAlex, Value: cited}
		b.Node(graph.NodeInput{Key: ref, Stub: true, Prov: prov(cited)})
		b.Edge(graph.EdgeInput{Type: graph.Cites, From: self, To: ref, Prov: p})
	}
	for i, g := range w.Grants {
		if g.Funder == nil || *g.Funder == "" {
			continue
		}
		k, fid, err := ident.OpenAlex(*g.Funder)
		if err == nil && k != 'F' {
			err = fmt.Errorf("%q is not a funder id", *g.Funder)
		}
		if err != nil {
			return fmt.Errorf("grants[%d].funder: %w", i, err)
		}
		ref := graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeOpenAlex, Value: fid}
		b.Node(graph.NodeInput{Key: ref, Stub: true, Props: map[string]any{"label": ingest.StrPtr(g.FunderDisplayName)}, Prov: prov(fid)})
		award := strings.TrimSpace(deref(g.AwardID))
		if !b.Edge(graph.EdgeInput{Type: graph.FundedBy, From: self, To: ref, Props: map[string]any{"award": ingest.Str(award)}, Prov: p}) && award != "" {
			// A second grant from the same funder: one relationship with both awards.
			props := b.EdgeProps(graph.FundedBy, self, ref)
			if old, _ := props["award"].(string); old == "" {
				props["award"] = award
			} else if !strings.Contains(old, award) {
				props["award"] = old + ", " + award
			}
		}
	}
	return nil
}

// authorshipInputs adds the author of authorship i of work oid, the AUTHORED relationship, and
// the author's institutions. Errors name the field, for the caller to prefix.
func authorshipInputs(b *ingest.Builder, work graph.Ref, oid string, i int, a authorship) error {
	person, err := personNode(a.Author.ID, a.Author.ORCID, a.Author.DisplayName, fmt.Sprintf("%s#%d", oid, i+1))
	if err != nil {
		return fmt.Errorf("author.%w", err)
	}
	b.Node(person)
	p := prov(oid)
	b.Edge(graph.EdgeInput{Type: graph.Authored, From: person.Key, To: work, Prov: p, Props: map[string]any{
		"position":      int64(i + 1),
		"corresponding": ptr(a.IsCorresponding),
		"rawName":       ingest.StrPtr(a.RawAuthorName),
	}})
	for j, inst := range a.Institutions {
		if err := institutionInputs(b, &inst); err != nil {
			return fmt.Errorf("institutions[%d].%w", j, err)
		}
		org := orgRef(&inst)
		b.Edge(graph.EdgeInput{Type: graph.AffiliatedWith, From: person.Key, To: org, Prov: person.Prov})
	}
	return nil
}

// personNode makes the Person of an author: keyed by ORCID, else OpenAlex id, else the fallback
// key (the work and author position), for the rare authorship without an author id.
func personNode(id, orcid, name *string, fallback string) (graph.NodeInput, error) {
	props := map[string]any{}
	record := fallback
	key := graph.Ref{Kind: graph.Person, Scheme: graph.SchemeKey, Value: "openalex:" + fallback}
	if id != nil && *id != "" {
		k, aid, err := ident.OpenAlex(*id)
		if err == nil && k != 'A' {
			err = fmt.Errorf("%q is not an author id", *id)
		}
		if err != nil {
			return graph.NodeInput{}, fmt.Errorf("id: %w", err)
		}
		key = graph.Ref{Kind: graph.Person, Scheme: graph.SchemeOpenAlex, Value: aid}
		props["openalex"] = aid
		record = aid
	}
	if orcid != nil && *orcid != "" {
		o, err := ident.ORCID(*orcid)
		if err != nil {
			return graph.NodeInput{}, fmt.Errorf("orcid: %w", err)
		}
		key = graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: o}
		props["orcid"] = o
	}
	return graph.NodeInput{Key: key, Props: props, Sourced: map[string]any{"name": ingest.StrPtr(name)}, Prov: prov(record)}, nil
}

// orgRef is the key of an institution: its ROR id, else its OpenAlex id. The institution must
// have been checked by institutionInputs.
func orgRef(inst *institution) graph.Ref {
	if inst.ROR != nil && *inst.ROR != "" {
		r, _ := ident.ROR(*inst.ROR)
		return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: r}
	}
	_, oid, _ := ident.OpenAlex(inst.ID)
	return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeOpenAlex, Value: oid}
}

// institutionInputs adds an institution as an Organisation, LOCATED_IN its country, and, for
// full records, PART_OF its parents.
func institutionInputs(b *ingest.Builder, inst *institution) error {
	k, oid, err := ident.OpenAlex(inst.ID)
	if err == nil && k != 'I' {
		err = fmt.Errorf("%q is not an institution id", inst.ID)
	}
	if err != nil {
		return fmt.Errorf("id: %w", err)
	}
	props := map[string]any{
		"openalex":     oid,
		"openalexType": ingest.StrPtr(inst.Type),
		"grid":         ingest.StrPtr(inst.IDs.Grid),
		"wikidata":     wikidataID(inst.IDs.Wikidata),
	}
	if inst.ROR != nil && *inst.ROR != "" {
		r, err := ident.ROR(*inst.ROR)
		if err != nil {
			return fmt.Errorf("ror: %w", err)
		}
		props["ror"] = r
	}
	sourced := map[string]any{
		"name":     ingest.StrPtr(inst.DisplayName),
		"website":  ingest.StrPtr(inst.HomepageURL),
		"aliases":  ingest.List(inst.DisplayNameAlternatives),
		"acronyms": ingest.List(inst.DisplayNameAcronyms),
	}
	cc := deref(inst.CountryCode)
	if g := inst.Geo; g != nil {
		sourced["city"] = ingest.StrPtr(g.City)
		if g.Latitude != nil && g.Longitude != nil {
			sourced["lat"], sourced["lng"] = *g.Latitude, *g.Longitude
		}
		if cc == "" {
			cc = deref(g.CountryCode)
		}
	}
	self := orgRef(inst)
	p := prov(oid)
	country, err := countryStub(cc)
	if err != nil {
		return fmt.Errorf("country_code: %w", err)
	}
	if country != nil {
		props["countryCode"] = country.Key.Value
	}
	b.Node(graph.NodeInput{Key: self, Props: props, Sourced: sourced, Prov: p})
	if country != nil {
		b.Node(*country)
		b.Edge(graph.EdgeInput{Type: graph.LocatedIn, From: self, To: country.Key, Prov: p})
	}
	for i, a := range inst.AssociatedInstitutions {
		rel := strings.ToLower(a.Relationship)
		if rel != "parent" && rel != "child" {
			continue
		}
		other := institution{ID: a.ID, ROR: a.ROR}
		k, aoid, err := ident.OpenAlex(a.ID)
		if err == nil && k != 'I' {
			err = fmt.Errorf("%q is not an institution id", a.ID)
		}
		if err == nil && a.ROR != nil && *a.ROR != "" {
			_, err = ident.ROR(*a.ROR)
		}
		if err != nil {
			return fmt.Errorf("associated_institutions[%d]: %w", i, err)
		}
		ref := orgRef(&other)
		b.Node(graph.NodeInput{Key: ref, Stub: true, Props: map[string]any{"label": ingest.StrPtr(a.DisplayName)}, Prov: prov(aoid)})
		if rel == "parent" {
			b.Edge(graph.EdgeInput{Type: graph.PartOf, From: self, To: ref, Prov: p})
		} else {
			b.Edge(graph.EdgeInput{Type: graph.PartOf, From: ref, To: self, Prov: prov(aoid)})
		}
	}
	return nil
}

// countryStub returns a stub Country for an ISO 3166-1 alpha-2 code, or nil for "".
func countryStub(code string) (*graph.NodeInput, error) {
	if code == "" {
		return nil, nil
	}
	c, err := ident.CountryAlpha2(code)
	if err != nil {
		return nil, err
	}
	return &graph.NodeInput{
		Key:  graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: c},
		Stub: true, Prov: prov(c),
	}, nil
}

func journalNode(s *source) (graph.NodeInput, error) {
	k, oid, err := ident.OpenAlex(s.ID)
	if err == nil && k != 'S' {
		err = fmt.Errorf("%q is not a source id", s.ID)
	}
	if err != nil {
		return graph.NodeInput{}, fmt.Errorf("id: %w", err)
	}
	key := graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeOpenAlex, Value: oid}
	props := map[string]any{"openalex": oid, "sourceType": ingest.StrPtr(s.Type), "website": ingest.StrPtr(s.HomepageURL)}
	if s.ISSNL != nil && *s.ISSNL != "" {
		l, err := ident.ISSN(*s.ISSNL)
		if err != nil {
			return graph.NodeInput{}, fmt.Errorf("issn_l: %w", err)
		}
		key = graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: l}
		props["issnl"] = l
	}
	// The list of ISSNs is not a key: invalid entries, which real records have, are left out
	// rather than costing the work.
	var issns []string
	for _, x := range s.ISSN {
		if v, err := ident.ISSN(x); err == nil {
			issns = append(issns, v)
		}
	}
	return graph.NodeInput{Key: key, Props: props, Prov: prov(oid), Sourced: map[string]any{
		"title": ingest.StrPtr(s.DisplayName), "issns": ingest.List(issns), "publisher": ingest.StrPtr(s.HostOrganizationName),
	}}, nil
}

// topicNode makes the Topic of a topic (kind 'T') or concept ('C').
func topicNode(t topic, kind byte) (graph.NodeInput, error) {
	k, oid, err := ident.OpenAlex(t.ID)
	if err == nil && k != kind {
		err = fmt.Errorf("%q is not a %s id", t.ID, map[byte]string{'T': "topic", 'C': "concept"}[kind])
	}
	if err != nil {
		return graph.NodeInput{}, fmt.Errorf("id: %w", err)
	}
	props := map[string]any{"openalex": oid, "description": ingest.StrPtr(t.Description)}
	if kind == 'T' {
		props["topicKind"] = "topic"
		for name, n := range map[string]*named{"subfield": t.Subfield, "field": t.Field, "domain": t.Domain} {
			if n != nil {
				props[name] = ingest.StrPtr(n.DisplayName)
			}
		}
		props["keywords"] = ingest.List(t.Keywords)
	} else {
		props["topicKind"] = "concept"
		props["level"] = ptr(t.Level)
		props["wikidata"] = wikidataID(t.Wikidata)
	}
	return graph.NodeInput{
		Key:     graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeOpenAlex, Value: oid},
		Props:   props,
		Sourced: map[string]any{"name": ingest.StrPtr(t.DisplayName)},
		Prov:    prov(oid),
	}, nil
}

// keywordSlug returns the part of an OpenAlex keyword id after "keywords/".
func keywordSlug(id string) (string, bool) {
	i := strings.LastIndex(id, "keywords/")
	if i < 0 {
		return "", false
	}
	prefix, slug := id[:i], id[i+len("keywords/"):]
	switch strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(prefix, "https://"), "http://"), "/") {
	case "openalex.org", "api.openalex.org", "":
	default:
		return "", false
	}
	if slug == "" || strings.ContainsAny(slug, "/ ") {
		return "", false
	}
	return slug, true
}

func keywordNode(slug string, name *string) graph.NodeInput {
	return graph.NodeInput{
		Key:     graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: "keyword:" + slug},
		Props:   map[string]any{"topicKind": "keyword"},
		Sourced: map[string]any{"name": ingest.StrPtr(name)},
		Prov:    prov("keywords/" + slug),
	}
}

func mapKeyword(raw json.RawMessage, id, slug string) (ingest.Record, error) {
	var k keyword
	if err := ingest.Decode(raw, &k); err != nil {
		return ingest.Record{ID: id}, err
	}
	b := ingest.NewBuilder(id)
	b.Node(keywordNode(slug, k.DisplayName))
	return b.Record(), nil
}

func mapAuthor(raw json.RawMessage, b *ingest.Builder) error {
	var a struct {
		ID           string  `json:"id"`
		ORCID        *string `json:"orcid"`
		DisplayName  *string `json:"display_name"`
		Affiliations []struct {
			Institution institution `json:"institution"`
			Years       []int64     `json:"years"`
		} `json:"affiliations"`
	}
	if err := ingest.Decode(raw, &a); err != nil {
		return err
	}
	person, err := personNode(&a.ID, a.ORCID, a.DisplayName, b.ID())
	if err != nil {
		return err
	}
	b.Node(person)
	for i, af := range a.Affiliations {
		if err := institutionInputs(b, &af.Institution); err != nil {
			return fmt.Errorf("affiliations[%d].institution.%w", i, err)
		}
		props := map[string]any{}
		if len(af.Years) > 0 {
			ys := append([]int64(nil), af.Years...)
			sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
			props["start"], props["end"] = ys[0], ys[len(ys)-1]
		}
		b.Edge(graph.EdgeInput{Type: graph.AffiliatedWith, From: person.Key, To: orgRef(&af.Institution), Props: props, Prov: person.Prov})
	}
	return nil
}

func mapInstitution(raw json.RawMessage, b *ingest.Builder) error {
	var inst institution
	if err := ingest.Decode(raw, &inst); err != nil {
		return err
	}
	return institutionInputs(b, &inst)
}

func mapSource(raw json.RawMessage, b *ingest.Builder) error {
	var s source
	if err := ingest.Decode(raw, &s); err != nil {
		return err
	}
	n, err := journalNode(&s)
	if err != nil {
		return err
	}
	b.Node(n)
	return nil
}

func mapTopic(raw json.RawMessage, b *ingest.Builder) error {
	var t topic
	if err := ingest.Decode(raw, &t); err != nil {
		return err
	}
	n, err := topicNode(t, b.ID()[0])
	if err != nil {
		return err
	}
	b.Node(n)
	return nil
}

// mapFunderOrPublisher maps a funder (F…) or publisher (P…) to an Organisation keyed by its
// OpenAlex id.
func mapFunderOrPublisher(raw json.RawMessage, b *ingest.Builder) error {
	var f struct {
		ID              string   `json:"id"`
		DisplayName     *string  `json:"display_name"`
		AlternateTitles []string `json:"alternate_titles"`
		CountryCode     *string  `json:"country_code"`
		CountryCodes    []string `json:"country_codes"`
		Description     *string  `json:"description"`
		HomepageURL     *string  `json:"homepage_url"`
		ParentPublisher *struct {
			ID          string  `json:"id"`
			DisplayName *string `json:"display_name"`
		} `json:"parent_publisher"`
		IDs struct {
			ROR      *string `json:"ror"`
			Wikidata *string `json:"wikidata"`
			Crossref *string `json:"crossref"`
		} `json:"ids"`
	}
	if err := ingest.Decode(raw, &f); err != nil {
		return err
	}
	oid := b.ID()
	self := graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeOpenAlex, Value: oid}
	props := map[string]any{
		"openalex":    oid,
		"description": ingest.StrPtr(f.Description),
		"wikidata":    wikidataID(f.IDs.Wikidata),
		"fundref":     ingest.StrPtr(f.IDs.Crossref),
	}
	if oid[0] == 'F' {
		props["openalexType"] = "funder"
	} else {
		props["openalexType"] = "publisher"
	}
	if f.IDs.ROR != nil && *f.IDs.ROR != "" {
		r, err := ident.ROR(*f.IDs.ROR)
		if err != nil {
			return fmt.Errorf("ids.ror: %w", err)
		}
		props["sameAsRor"] = r
	}
	codes := f.CountryCodes
	if f.CountryCode != nil {
		codes = append([]string{*f.CountryCode}, codes...)
	}
	var countries []graph.NodeInput
	for _, c := range codes {
		n, err := countryStub(c)
		if err != nil {
			return fmt.Errorf("country_code: %w", err)
		}
		if n != nil {
			countries = append(countries, *n)
		}
	}
	if len(countries) > 0 {
		props["countryCode"] = countries[0].Key.Value
	}
	p := prov(oid)
	b.Node(graph.NodeInput{Key: self, Props: props, Prov: p, Sourced: map[string]any{
		"name": ingest.StrPtr(f.DisplayName), "website": ingest.StrPtr(f.HomepageURL), "aliases": ingest.List(f.AlternateTitles),
	}})
	for _, c := range countries {
		b.Node(c)
		b.Edge(graph.EdgeInput{Type: graph.LocatedIn, From: self, To: c.Key, Prov: p})
	}
	if pp := f.ParentPublisher; pp != nil && pp.ID != "" {
		k, pid, err := ident.OpenAlex(pp.ID)
		if err == nil && k != 'P' {
			err = fmt.Errorf("%q is not a publisher id", pp.ID)
		}
		if err != nil {
			return fmt.Errorf("parent_publisher.id: %w", err)
		}
		ref := graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeOpenAlex, Value: pid}
		b.Node(graph.NodeInput{Key: ref, Stub: true, Props: map[string]any{"label": ingest.StrPtr(pp.DisplayName)}, Prov: prov(pid)})
		b.Edge(graph.EdgeInput{Type: graph.PartOf, From: self, To: ref, Prov: p})
	}
	return nil
}

// Abstract rebuilds an abstract from OpenAlex's inverted index (each word with the positions it
// appears at). It returns nil when there is none.
func Abstract(index map[string][]int) any {
	n := 0
	for _, ps := range index {
		for _, p := range ps {
			if p >= n {
				n = p + 1
			}
		}
	}
	const maxWords = 1 << 16 // a bound against absurd positions; real abstracts are far shorter
	if n == 0 || n > maxWords {
		return nil
	}
	words := make([]string, n)
	for w, ps := range index {
		for _, p := range ps {
			if p >= 0 {
				words[p] = w
			}
		}
	}
	var sb strings.Builder
	for _, w := range words {
		if w == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(w)
	}
	return ingest.Str(sb.String())
}

// wikidataID returns the Q-id of a Wikidata URL or id, or nil.
func wikidataID(s *string) any {
	if s == nil {
		return nil
	}
	v := strings.TrimSpace(*s)
	if i := strings.LastIndexByte(v, '/'); i >= 0 {
		v = v[i+1:]
	}
	return ingest.Str(v)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ptr returns *p, or nil when p is nil.
func ptr[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
