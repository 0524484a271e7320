package graph

// RelType is a relationship type.
type RelType string

// The relationship types, each with what it means. Every relationship also carries provenance.
const (
	// Authored: a person is an author of a work (position: 1-based author order; corresponding).
	Authored RelType = "AUTHORED"
	// PublishedIn: a work appeared in a journal (volume, issue, pages).
	PublishedIn RelType = "PUBLISHED_IN"
	// AffiliatedWith: a person is or was affiliated with an organisation (start, end dates).
	AffiliatedWith RelType = "AFFILIATED_WITH"
	// Studies: a work is about an organisation.
	Studies RelType = "STUDIES"
	// CaseCountry: a work is about a country (one of its case countries).
	CaseCountry RelType = "CASE_COUNTRY"
	// LocatedIn: an organisation is located in a country.
	LocatedIn RelType = "LOCATED_IN"
	// PartOf: an organisation is part of a larger one.
	PartOf RelType = "PART_OF"
	// Cites: a work cites another work.
	Cites RelType = "CITES"
	// HasTopic: a work is on a topic, concept or keyword (score).
	HasTopic RelType = "HAS_TOPIC"
	// FundedBy: a work or project was funded by an organisation (award id).
	FundedBy RelType = "FUNDED_BY"
	// ResultOf: a work is a result of a project.
	ResultOf RelType = "RESULT_OF"
	// ParticipatesIn: a person or organisation takes part in a project (role).
	ParticipatesIn RelType = "PARTICIPATES_IN"
	// Borders: a country shares a land border with another.
	Borders RelType = "BORDERS"
)

// Endpoints are the kinds a relationship type may connect, from and to.
type Endpoints struct {
	From []Kind
	To   []Kind
}

// RelTypes maps every relationship type to the kinds it connects. It is the allow-list for
// relationship types wherever they reach Cypher.
var RelTypes = map[RelType]Endpoints{
	Authored:       {From: []Kind{Person}, To: []Kind{Work}},
	PublishedIn:    {From: []Kind{Work}, To: []Kind{Journal}},
	AffiliatedWith: {From: []Kind{Person}, To: []Kind{Organisation}},
	Studies:        {From: []Kind{Work}, To: []Kind{Organisation}},
	CaseCountry:    {From: []Kind{Work}, To: []Kind{Country}},
	LocatedIn:      {From: []Kind{Organisation}, To: []Kind{Country}},
	PartOf:         {From: []Kind{Organisation}, To: []Kind{Organisation}},
	Cites:          {From: []Kind{Work}, To: []Kind{Work}},
	HasTopic:       {From: []Kind{Work}, To: []Kind{Topic}},
	FundedBy:       {From: []Kind{Work, Project}, To: []Kind{Organisation}},
	ResultOf:       {From: []Kind{Work}, To: []Kind{Project}},
	ParticipatesIn: {From: []Kind{Person, Organisation}, To: []Kind{Project}},
	Borders:        {From: []Kind{Country}, To: []Kind{Country}},
}

// Allows reports whether t may connect an entity of kind from to one of kind to.
func (t RelType) Allows(from, to Kind) bool {
	e, ok := RelTypes[t]
	return ok && contains(e.From, from) && contains(e.To, to)
}

// Valid reports whether t is a known relationship type.
func (t RelType) Valid() bool {
	_, ok := RelTypes[t]
	return ok
}

func contains(ks []Kind, k Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}
