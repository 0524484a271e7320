// Package model holds the Go types behind the GraphQL schema. The entity types here carry their
// stored node, from which scalar fields are read and relation fields resolved; the rest of the
// package is generated (models_gen.go).
package model

import (
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// Entity is the common part of every entity type: the stored node, and the lists read ahead with
// it, by the response key of the field that asked for each.
type Entity struct {
	N   *graph.Node
	Pre map[string]*graph.TreeList
}

// IsNode marks the type as a GraphQL Node.
func (Entity) IsNode() {}

// GetID returns the id.
func (e Entity) GetID() string { return e.N.ID }

// GetKind returns the kind.
func (e Entity) GetKind() Kind { return Kind(e.N.Kind) }

// GetLabel returns the label.
func (e Entity) GetLabel() string { return e.N.Label }

// ID returns the id.
func (e Entity) ID() string { return e.N.ID }

// Kind returns the kind.
func (e Entity) Kind() Kind { return Kind(e.N.Kind) }

// Label returns the label.
func (e Entity) Label() string { return e.N.Label }

// Str returns a string property or nil.
func (e Entity) Str(p string) *string {
	if s, ok := e.N.Props[p].(string); ok && s != "" {
		return &s
	}
	return nil
}

// Strs returns a list-of-strings property, empty when missing.
func (e Entity) Strs(p string) []string {
	out := []string{}
	switch v := e.N.Props[p].(type) {
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = append(out, v...)
	}
	return out
}

// Work is a research output.
type Work struct{ Entity }

// Person is a researcher.
type Person struct{ Entity }

// Journal is a publication venue.
type Journal struct{ Entity }

// Organisation is an organisation.
type Organisation struct{ Entity }

// Country is a country.
type Country struct{ Entity }

// Project is a research project.
type Project struct{ Entity }

// Topic is a subject.
type Topic struct{ Entity }

// FromNode wraps a stored node in the GraphQL type of its kind; nil for nil.
func FromNode(n *graph.Node) Node {
	if n == nil {
		return nil
	}
	return FromEntity(Entity{N: n})
}

// FromTree wraps an entity read ahead, with its lists, in the GraphQL type of its kind; nil for nil.
func FromTree(t *graph.Tree) Node {
	if t == nil || t.Node == nil {
		return nil
	}
	return FromEntity(Entity{N: t.Node, Pre: t.Lists})
}

// FromEntity wraps an entity in the GraphQL type of its kind.
func FromEntity(e Entity) Node {
	n := e.N
	switch n.Kind {
	case graph.Work:
		return &Work{e}
	case graph.Person:
		return &Person{e}
	case graph.Journal:
		return &Journal{e}
	case graph.Organisation:
		return &Organisation{e}
	case graph.Country:
		return &Country{e}
	case graph.Project:
		return &Project{e}
	case graph.Topic:
		return &Topic{e}
	}
	return nil
}

// Int returns an integer property or nil.
func (e Entity) Int(p string) *int {
	switch v := e.N.Props[p].(type) {
	case int64:
		i := int(v)
		return &i
	case int:
		return &v
	}
	return nil
}

// Title is the work's title.
func (w *Work) Title() string { return w.N.Label }

// Doi is the DOI.
func (w *Work) Doi() *string { return w.Str("doi") }

// Openalex is the OpenAlex id.
func (w *Work) Openalex() *string { return w.Str("openalex") }

// Type is the type of output.
func (w *Work) Type() *string { return w.Str("type") }

// Year is the year of publication.
func (w *Work) Year() *int { return w.Int("year") }

// Language is the language.
func (w *Work) Language() *string { return w.Str("language") }

// Abstract is the abstract.
func (w *Work) Abstract() *string { return w.Str("abstract") }

// Note is the bibliographical note.
func (w *Work) Note() *string { return w.Str("note") }

// PeerReviewed says whether the work was peer-reviewed.
func (w *Work) PeerReviewed() *bool {
	if b, ok := w.N.Props["peerReviewed"].(bool); ok {
		return &b
	}
	return nil
}

// Dates are the dates in the life of the work.
func (w *Work) Dates() *WorkDates {
	d := &WorkDates{Submitted: w.Str("dateSubmitted"), Accepted: w.Str("dateAccepted"),
		Online: w.Str("dateOnline"), Published: w.Str("publicationDate")}
	return d
}

// Name is the person's name.
func (p *Person) Name() string { return p.N.Label }

// Orcid is the ORCID iD.
func (p *Person) Orcid() *string { return p.Str("orcid") }

// Openalex is the OpenAlex id.
func (p *Person) Openalex() *string { return p.Str("openalex") }

// Title is the journal's title.
func (j *Journal) Title() string { return j.N.Label }

// Issnl is the linking ISSN.
func (j *Journal) Issnl() *string { return j.Str("issnl") }

// Issns are all ISSNs.
func (j *Journal) Issns() []string { return j.Strs("issns") }

// Openalex is the OpenAlex id.
func (j *Journal) Openalex() *string { return j.Str("openalex") }

// Publisher is the publisher's name.
func (j *Journal) Publisher() *string { return j.Str("publisher") }

// Name is the organisation's name.
func (o *Organisation) Name() string { return o.N.Label }

// Ror is the ROR id.
func (o *Organisation) Ror() *string { return o.Str("ror") }

// Openalex is the OpenAlex id.
func (o *Organisation) Openalex() *string { return o.Str("openalex") }

// Acronyms are its acronyms.
func (o *Organisation) Acronyms() []string { return o.Strs("acronyms") }

// Aliases are its other names.
func (o *Organisation) Aliases() []string { return o.Strs("aliases") }

// Types are its ROR types.
func (o *Organisation) Types() []string { return o.Strs("types") }

// Website is its web site.
func (o *Organisation) Website() *string { return o.Str("website") }

// Name is the country's name.
func (c *Country) Name() string { return c.N.Label }

// Iso2 is the alpha-2 code.
func (c *Country) Iso2() string { s, _ := c.N.Props["iso2"].(string); return s }

// Iso3 is the alpha-3 code.
func (c *Country) Iso3() *string { return c.Str("iso3") }

// Region is the region.
func (c *Country) Region() *string { return c.Str("region") }

// Subregions are the sub-regions as each source gives them.
func (c *Country) Subregions() []*SourcedValue {
	out := []*SourcedValue{}
	keys := make([]string, 0)
	for k := range c.N.Props {
		if strings.HasPrefix(k, "subregion@") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v, ok := c.N.Props[k].(string); ok {
			out = append(out, &SourcedValue{Value: v, Source: strings.TrimPrefix(k, "subregion@")})
		}
	}
	if len(out) == 0 {
		if v := c.Str("subregion"); v != nil {
			out = append(out, &SourcedValue{Value: *v, Source: c.N.String("source")})
		}
	}
	return out
}

// Title is the project's title.
func (p *Project) Title() string { return p.N.Label }

// Name is the topic's name.
func (t *Topic) Name() string { return t.N.Label }

// Openalex is the OpenAlex id.
func (t *Topic) Openalex() *string { return t.Str("openalex") }

// Stored returns the stored node.
func (e Entity) Stored() *graph.Node { return e.N }
