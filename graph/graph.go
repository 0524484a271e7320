// Package graph is relgraph's domain: the kinds of entity, the relationship types between them,
// provenance, and the interfaces of the services that store and read the graph. It knows nothing of
// Neo4j or GraphQL.
package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Kind is the kind of an entity.
type Kind string

// The kinds of entity in the graph.
const (
	Work         Kind = "WORK"
	Person       Kind = "PERSON"
	Journal      Kind = "JOURNAL"
	Organisation Kind = "ORGANISATION"
	Country      Kind = "COUNTRY"
	Project      Kind = "PROJECT"
	Topic        Kind = "TOPIC"
)

// Kinds lists every kind, in a stable order.
var Kinds = []Kind{Work, Person, Journal, Organisation, Country, Project, Topic}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Label is the Neo4j node label of the kind, such as "Work".
func (k Kind) Label() string {
	s := string(k)
	return s[:1] + strings.ToLower(s[1:])
}

// idPrefix is the first letter of ids of each kind, so an id says what it names.
var idPrefix = map[Kind]string{
	Work: "w", Person: "p", Journal: "j", Organisation: "o", Country: "c", Project: "r", Topic: "t",
}

// NewID derives the stable id of an entity of kind k from its primary key (an identifier scheme and
// value, such as "doi" and "10.1068/d1509"). The same key always gives the same id.
func NewID(k Kind, scheme, value string) string {
	if k == Country && scheme == SchemeISO2 {
		return "c-" + strings.ToLower(value)
	}
	sum := sha256.Sum256([]byte(string(k) + "\x00" + scheme + "\x00" + value))
	return idPrefix[k] + "-" + hex.EncodeToString(sum[:8])
}

// KindOfID tells the kind of an id made by NewID, or "" when it is not one.
func KindOfID(id string) Kind {
	if len(id) < 3 || id[1] != '-' {
		return ""
	}
	for k, p := range idPrefix {
		if id[:1] == p {
			return k
		}
	}
	return ""
}

// Identifier schemes: the property names under which normalised external identifiers are stored.
const (
	SchemeID       = "id"       // relgraph's own id
	SchemeDOI      = "doi"      // DOI, lower case, no resolver prefix
	SchemeORCID    = "orcid"    // ORCID iD, 0000-0000-0000-000X
	SchemeISSNL    = "issnl"    // linking ISSN
	SchemeROR      = "ror"      // ROR id, bare
	SchemeISO2     = "iso2"     // ISO 3166-1 alpha-2
	SchemeISO3     = "iso3"     // ISO 3166-1 alpha-3
	SchemeOpenAlex = "openalex" // OpenAlex id, such as W2741809807
	SchemeKey      = "key"      // a source-specific key where no public identifier exists
)

// UniqueSchemes lists, per kind, the identifier properties that are unique among entities of the kind.
var UniqueSchemes = map[Kind][]string{
	Work:         {SchemeDOI, SchemeOpenAlex, SchemeKey},
	Person:       {SchemeORCID, SchemeOpenAlex, SchemeKey},
	Journal:      {SchemeISSNL, SchemeOpenAlex, SchemeKey},
	Organisation: {SchemeROR, SchemeOpenAlex, SchemeKey},
	Country:      {SchemeISO2, SchemeISO3},
	Project:      {SchemeOpenAlex, SchemeKey},
	Topic:        {SchemeOpenAlex, SchemeKey},
}

// Node is an entity with its properties as stored.
type Node struct {
	ID    string
	Kind  Kind
	Label string
	// Props holds every stored property, identifiers included, keyed by property name. Values are
	// strings, int64, float64, bool, time values or lists of those, as the store returns them.
	Props map[string]any
}

// String returns the property p as a string, or "" when it is missing or not a string.
func (n *Node) String(p string) string {
	s, _ := n.Props[p].(string)
	return s
}

// Edge is a relationship between two entities.
type Edge struct {
	ID         string
	Type       RelType
	Source     string // id of the start entity
	Target     string // id of the end entity
	Props      map[string]any
	Provenance Provenance
	// Retraction says who retracted the link, when and why; nil for a live link. Readers never
	// see retracted links; curators see them in history and through Curator.Link.
	Retraction *Retraction
}

// Provenance says where a node, relationship or value came from and when it was added.
type Provenance struct {
	Source  string    // dataset or tool: "openalex", "ror", "seed", "curator"...
	Record  string    // the record within the source: an id, or file and line
	Curator string    // the curator who added it by hand, if any
	Run     string    // the import run that wrote it, if any
	AddedAt time.Time // when it was first added
	// Evidence is where a curator found the fact: a URL, a DOI, a citation.
	Evidence string
	// Note is the curator's note.
	Note string
	// ReviewedBy is the curator or admin who approved the change that added it, if reviewed.
	ReviewedBy string
}

// Subgraph is a set of entities and the relationships between them.
type Subgraph struct {
	Nodes     []*Node
	Edges     []*Edge
	Truncated bool
}
