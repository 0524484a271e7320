// Package curate holds the rules of hand curation that need no database: how a curator names an
// entity (a relgraph id or any common form of an external identifier), and which properties each
// kind of entity and each relation type takes, with their types and normal forms.
package curate

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"regexp"
	"sort"
	"strings"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/ident"
)

var idShape = regexp.MustCompile(`^[wpjocrt]-[0-9a-f]{16}$|^c-[a-z]{2}$`)

// IsID reports whether s has the shape of a relgraph id.
func IsID(s string) bool { return idShape.MatchString(s) }

// ParseRef reads how a curator names an entity: a relgraph id (`w-33bac398149400db`), or an
// external identifier in any common form (a DOI, an ORCID iD, a ROR id, an ISSN, an OpenAlex id, an
// ISO 3166-1 code), from which the kind follows. Errors: INVALID.
func ParseRef(s string) (graph.Ref, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return graph.Ref{}, graph.Errorf(graph.EInvalid, "an entity is needed: a relgraph id or an identifier")
	}
	if IsID(s) {
		return graph.Ref{Kind: graph.KindOfID(s), Scheme: graph.SchemeID, Value: s}, nil
	}
	scheme, value, err := ident.Detect(s)
	if err != nil {
		return graph.Ref{}, graph.Errorf(graph.EInvalid, "%q is neither a relgraph id nor an identifier: %v", s, err)
	}
	switch scheme {
	case "doi":
		return graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: value}, nil
	case "orcid":
		return graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: value}, nil
	case "ror":
		return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: value}, nil
	case "issn":
		return graph.Ref{Kind: graph.Journal, Scheme: "issn", Value: value}, nil
	case "iso2":
		return graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: value}, nil
	case "iso3":
		return graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO3, Value: value}, nil
	case "openalex":
		k, ok := openAlexKind[value[0]]
		if !ok {
			return graph.Ref{}, graph.Errorf(graph.EInvalid, "OpenAlex id %s names no kind of entity relgraph keeps", value)
		}
		return graph.Ref{Kind: k, Scheme: graph.SchemeOpenAlex, Value: value}, nil
	}
	return graph.Ref{}, graph.Errorf(graph.EInvalid, "%q: identifiers of scheme %s name no entity", s, scheme)
}

var openAlexKind = map[byte]graph.Kind{
	'W': graph.Work, 'A': graph.Person, 'I': graph.Organisation, 'F': graph.Organisation,
	'S': graph.Journal, 'T': graph.Topic, 'C': graph.Topic,
}

// propType is the type of a property and its normalisation.
type propType struct {
	name string // as told to the curator
	norm func(v any) (any, error)
}

func str(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("want text, not %s", describe(v))
	}
	return strings.TrimSpace(s), nil
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "text"
	case bool:
		return "a boolean"
	case []any, []string:
		return "a list"
	case map[string]any:
		return "an object"
	default:
		return "a number"
	}
}

func toInt(v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1<<53 {
			return int64(n), nil
		}
	case json.Number:
		if i, err := n.Int64(); err == nil {
			return i, nil
		}
	}
	return 0, fmt.Errorf("want a whole number, not %v", v)
}

func toFloat(v any) (float64, error) {
	switch n := v.(type) {
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	case float64:
		return n, nil
	case json.Number:
		if f, err := n.Float64(); err == nil {
			return f, nil
		}
	}
	return 0, fmt.Errorf("want a number, not %v", v)
}

var (
	text = propType{"text", func(v any) (any, error) {
		s, err := str(v)
		if err == nil && s == "" {
			err = fmt.Errorf("must not be empty")
		}
		return s, err
	}}
	boolean = propType{"boolean", func(v any) (any, error) {
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("want true or false, not %s", describe(v))
		}
		return b, nil
	}}
	dateRe = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	date   = propType{"date (YYYY, YYYY-MM or YYYY-MM-DD)", func(v any) (any, error) {
		s, err := str(v)
		if err == nil && !dateRe.MatchString(s) {
			err = fmt.Errorf("%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		return s, err
	}}
	link = propType{"web address", func(v any) (any, error) {
		s, err := str(v)
		if err != nil {
			return nil, err
		}
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("%q is not an http or https address", s)
		}
		return s, nil
	}}
	texts = propType{"list of text", func(v any) (any, error) {
		var in []any
		switch l := v.(type) {
		case []any:
			in = l
		case []string:
			for _, s := range l {
				in = append(in, s)
			}
		default:
			return nil, fmt.Errorf("want a list of text, not %s", describe(v))
		}
		out := []string{}
		for _, x := range in {
			s, err := str(x)
			if err != nil {
				return nil, err
			}
			if s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}}
)

func integer(min, max int64) propType {
	return propType{fmt.Sprintf("whole number from %d to %d", min, max), func(v any) (any, error) {
		n, err := toInt(v)
		if err == nil && (n < min || n > max) {
			err = fmt.Errorf("%d is not between %d and %d", n, min, max)
		}
		return n, err
	}}
}

func number(min, max float64) propType {
	return propType{fmt.Sprintf("number from %g to %g", min, max), func(v any) (any, error) {
		n, err := toFloat(v)
		if err == nil && (n < min || n > max || math.IsNaN(n)) {
			err = fmt.Errorf("%g is not between %g and %g", n, min, max)
		}
		return n, err
	}}
}

func identifier(name string, f func(string) (string, error)) propType {
	return propType{name, func(v any) (any, error) {
		s, err := str(v)
		if err != nil {
			return nil, err
		}
		return f(s)
	}}
}

func openAlex(letters string) propType {
	return propType{"OpenAlex id starting with " + letters, func(v any) (any, error) {
		s, err := str(v)
		if err != nil {
			return nil, err
		}
		letter, id, err := ident.OpenAlex(s)
		if err != nil {
			return nil, err
		}
		if !strings.ContainsRune(letters, rune(letter)) {
			return nil, fmt.Errorf("OpenAlex id %s does not start with %s", id, letters)
		}
		return id, nil
	}}
}

var issnList = propType{"list of ISSNs", func(v any) (any, error) {
	l, err := texts.norm(v)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, s := range l.([]string) {
		n, err := ident.ISSN(s)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}}

// entityProps lists the properties a curator may set on each kind of entity.
var entityProps = map[graph.Kind]map[string]propType{
	graph.Work: {
		"title": text, "doi": identifier("DOI", ident.DOI), "openalex": openAlex("W"), "type": text,
		"year": integer(1000, 2100), "language": text, "abstract": text, "note": text, "peerReviewed": boolean,
		"dateSubmitted": date, "dateAccepted": date, "dateOnline": date, "publicationDate": date,
		"pageCount": integer(1, 100000),
	},
	graph.Person: {
		"name": text, "orcid": identifier("ORCID iD", ident.ORCID), "openalex": openAlex("A"), "aliases": texts,
	},
	graph.Journal: {
		"title": text, "issnl": identifier("ISSN", ident.ISSN), "issns": issnList, "openalex": openAlex("S"),
		"publisher": text,
	},
	graph.Organisation: {
		"name": text, "ror": identifier("ROR id", ident.ROR), "openalex": openAlex("IF"), "acronyms": texts,
		"aliases": texts, "types": texts, "website": link, "established": integer(1000, 2100),
		"countryCode": identifier("ISO 3166-1 alpha-2 code", ident.CountryAlpha2),
	},
	graph.Country: {
		"name": text, "iso2": identifier("ISO 3166-1 alpha-2 code", ident.CountryAlpha2),
		"iso3": identifier("ISO 3166-1 alpha-3 code", ident.CountryAlpha3), "region": text, "subregion": text,
		"aliases": texts,
	},
	graph.Project: {"title": text, "openalex": openAlex("W"), "acronyms": texts, "website": link},
	graph.Topic:   {"name": text, "openalex": openAlex("TC"), "vocabulary": text},
}

// nameProp is the property that gives each kind its label.
var nameProp = map[graph.Kind]string{
	graph.Work: "title", graph.Person: "name", graph.Journal: "title", graph.Organisation: "name",
	graph.Country: "name", graph.Project: "title", graph.Topic: "name",
}

// NameProp returns the property that names entities of kind k ("title" or "name").
func NameProp(k graph.Kind) string { return nameProp[k] }

// EntityProps validates and normalises properties for an entity of kind k. On create, the name
// property (and a country's iso2) is required. Unknown names, wrong types and invalid identifiers
// are INVALID, with every problem in the message.
func EntityProps(k graph.Kind, props map[string]any, create bool) (map[string]any, error) {
	spec, ok := entityProps[k]
	if !ok {
		return nil, graph.Errorf(graph.EInvalid, "unknown kind %q", k)
	}
	out, problems := check(spec, props, fmt.Sprintf("a %s", strings.ToLower(string(k))))
	if create {
		// Required when missing; a value given but refused has said why already.
		if props[nameProp[k]] == nil {
			problems = append(problems, fmt.Sprintf("%s is required", nameProp[k]))
		}
		if k == graph.Country && props["iso2"] == nil {
			problems = append(problems, "iso2 is required")
		}
	}
	if len(problems) > 0 {
		return nil, graph.Errorf(graph.EInvalid, "%s", strings.Join(problems, "; "))
	}
	return out, nil
}

// CheckUnset validates the names of properties to remove from an entity of kind k: known ones,
// and neither its name nor a country's code.
func CheckUnset(k graph.Kind, names []string) error {
	var problems []string
	for _, n := range names {
		switch {
		case entityProps[k][n].norm == nil:
			problems = append(problems, fmt.Sprintf("%s is not a property of a %s", n, strings.ToLower(string(k))))
		case n == nameProp[k] || (k == graph.Country && n == "iso2"):
			problems = append(problems, fmt.Sprintf("%s cannot be removed", n))
		}
	}
	if len(problems) > 0 {
		return graph.Errorf(graph.EInvalid, "%s", strings.Join(problems, "; "))
	}
	return nil
}

// linkProps lists the properties each relation type takes.
var linkProps = map[graph.RelType]map[string]propType{
	graph.Authored:       {"position": integer(1, 10000), "corresponding": boolean},
	graph.PublishedIn:    {"volume": text, "issue": text, "pages": text},
	graph.AffiliatedWith: {"start": date, "end": date, "role": text},
	graph.Studies:        {},
	graph.CaseCountry:    {},
	graph.LocatedIn:      {},
	graph.PartOf:         {},
	graph.Cites:          {},
	graph.HasTopic:       {"score": number(0, 1)},
	graph.FundedBy:       {"award": text},
	graph.ResultOf:       {},
	graph.ParticipatesIn: {"role": text},
	graph.Borders:        {},
}

// LinkProps validates and normalises the properties of a link of type t. Errors: INVALID.
func LinkProps(t graph.RelType, props map[string]any) (map[string]any, error) {
	spec, ok := linkProps[t]
	if !ok {
		return nil, graph.Errorf(graph.EInvalid, "unknown relation type %q", t)
	}
	out, problems := check(spec, props, "a "+string(t)+" link")
	if len(problems) > 0 {
		return nil, graph.Errorf(graph.EInvalid, "%s", strings.Join(problems, "; "))
	}
	return out, nil
}

// LinkPropNames returns the properties a link of type t takes, with their types, by name.
func LinkPropNames(t graph.RelType) map[string]string {
	out := map[string]string{}
	for k, p := range linkProps[t] {
		out[k] = p.name
	}
	return out
}

func check(spec map[string]propType, props map[string]any, what string) (map[string]any, []string) {
	out := map[string]any{}
	var problems []string
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		p, ok := spec[k]
		if !ok {
			known := make([]string, 0, len(spec))
			for n := range spec {
				known = append(known, n)
			}
			sort.Strings(known)
			if len(known) == 0 {
				problems = append(problems, fmt.Sprintf("%s takes no properties, not %s", what, k))
			} else {
				problems = append(problems, fmt.Sprintf("%s is not a property of %s (it takes %s)", k, what, strings.Join(known, ", ")))
			}
			continue
		}
		if props[k] == nil {
			continue
		}
		v, err := p.norm(props[k])
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", k, err))
			continue
		}
		// Length, control characters and NUL: the graph's own rules, as for every importer.
		if err := graph.CheckValue(k, v); err != nil {
			problems = append(problems, graph.ErrorMessage(err))
			continue
		}
		out[k] = v
	}
	return out, problems
}

// Text limits for what curators write: the graph's (see graph.TextLimit).
const (
	MaxNote     = graph.MaxNote
	MaxEvidence = graph.MaxNote
)

// CheckText checks a note, reason or evidence with graph.CheckText (at most max characters, no
// control character or NUL), trimmed; required when asked. Errors: INVALID.
func CheckText(what, s string, max int, required bool) (string, error) {
	s = strings.TrimSpace(s)
	if required && s == "" {
		return "", graph.Errorf(graph.EInvalid, "a %s is required", what)
	}
	if err := graph.CheckText(what, s, max); err != nil {
		return "", err
	}
	return s, nil
}
