// Package demo loads relgraph's demo graph: the article of the seed page with its author, journal,
// dates, the organisation it studies, its case countries and concepts; two other articles about the
// same organisation; and a first slice of the real datasets in shared/data (countries, ROR
// organisations, OpenAlex works). It writes through the same graph.Writer as every importer, and
// loading it twice changes nothing.
package demo

import (
	"strings"

	"github.com/relgraph/relgraph/graph"
)

// seedSource is the provenance source of the facts taken from the seed page and its README.
const seedSource = "seed"

// seedRecord names the page the facts come from.
const seedRecord = "shared/seed/000_4652aaf653f28d7a.txt"

// Identifiers of the seed entities that tests and the README refer to.
var (
	SeedWork    = graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: "york-pure:developmental-borderwork-and-the-iom"}
	SeedAuthor  = graph.Ref{Kind: graph.Person, Scheme: graph.SchemeKey, Value: "york-pure:philippe-m-frowd"}
	SeedJournal = graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeKey, Value: "issn:1369-183X"}
	IOM         = graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeKey, Value: "seed:international-organization-for-migration"}
)

const seedAbstract = "The global governance of borders and migration is increasingly carried out by intergovernmental organisations. Organisations like the IOM epitomise this trend, and with the backdrop of ‘migration crisis’ govern mobility by deploying humanitarian assistance as much as by providing border security expertise. This article argues that we should pay attention to the ways the IOM brings together these seemingly distinct rationales and practices of care and control. It argues that the IOM can be understood as a ‘developmental borderwork’ actor, whose practices are underpinned by a sincere but procedural humanitarianism, a technical focus on best practices and implementation, and an intervention approach drawn from the development industry. To make this argument, the article draws from two empirical trends. First, it examines IOM projects building new border infrastructures and technologies in Mauritania and South Sudan, seeing in these a fusion of security and statebuilding. Second, the article traces the organisation’s development of a humanitarian border management (HBM) concept through which it works to reconcile its emerging migrant protection self-image with member states’ security needs. Each of these cases reflect the tensions within the IOM between humanitarianism, statebuilding, and the persistent reality of state sovereignty."

const seedNote = "© 2017 Informa UK Limited, trading as Taylor & Francis Group. This is an author-produced version of the published paper. Uploaded in accordance with the publisher’s self-archiving policy. Further copying may not be permitted; contact the publisher for details."

// seedConcepts are the concepts of the seed article.
var seedConcepts = []string{
	"Humanitarian border management (HBM)", "Developmental borderwork", "Migration crisis",
	"Humanitarianism", "Statebuilding", "State sovereignty", "Border security",
}

// other is one of the two other articles about the IOM named in the seed README.
type other struct {
	doi, title, journal string
	year                int64
	volume, issue       string
	pages               string
	authors             [][2]string // name, ROR id of the affiliation
	orgs                []string    // the affiliations' names, as the README gives them
	countries           []string    // ISO 3166-1 alpha-2
}

var others = []other{
	{
		doi: "10.1068/d1509", title: "The International Organization for Migration and the international government of borders",
		journal: "Environment and Planning D: Society and Space", year: 2010, volume: "28", pages: "977-999",
		authors:   [][2]string{{"Rutvica Andrijasevic", "05mzfcs16"}, {"William Walters", "02qtvee93"}},
		orgs:      []string{"The Open University", "Carleton University"},
		countries: []string{"AM", "ET", "RS"},
	},
	{
		doi: "10.1080/13621025.2011.534914", title: "Migration management for the benefit of whom? Interrogating the work of the International Organization for Migration",
		journal: "Citizenship Studies", year: 2011, volume: "15", issue: "1", pages: "21-38",
		authors: [][2]string{{"Ishan Ashutosh", "00rs6vg23"}, {"Alison Mountz", "025r5qe02"}},
		orgs:    []string{"The Ohio State University", "Syracuse University"},
	},
}

// AffiliationRORs are the ROR ids of the authors' organisations in the other articles, loaded from
// the ROR dataset.
var AffiliationRORs = []string{"05mzfcs16", "02qtvee93", "00rs6vg23", "025r5qe02", "04m01e293"}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// seed returns the entities and relationships of the seed facts. Countries are referred to by ISO
// code; they come from the countries datasets, loaded before.
func seed() ([]graph.NodeInput, []graph.EdgeInput) {
	prov := graph.Provenance{Source: seedSource, Record: seedRecord}
	readme := graph.Provenance{Source: seedSource, Record: "shared/seed/README.md"}
	nodes := []graph.NodeInput{
		{Key: SeedWork, Prov: prov, Props: map[string]any{
			"title":           "Developmental borderwork and the International Organization for Migration",
			"type":            "article",
			"year":            int64(2018),
			"language":        "English",
			"peerReviewed":    true,
			"dateSubmitted":   "2016-04-10",
			"dateAccepted":    "2017-07-19",
			"dateOnline":      "2017-08-29",
			"publicationDate": "2018-07-27",
			"pageCount":       int64(17),
			"abstract":        seedAbstract,
			"note":            seedNote,
			"portal":          "University of York",
		}},
		{Key: SeedAuthor, Prov: prov, Props: map[string]any{"name": "Philippe M. Frowd"}},
		{Key: SeedJournal, Prov: prov, Props: map[string]any{"title": "Journal of Ethnic and Migration Studies", "issns": []string{"1369-183X", "1469-9451"}}},
		{Key: IOM, Prov: readme, Props: map[string]any{"name": "International Organization for Migration", "acronyms": []string{"IOM"}}},
	}
	edges := []graph.EdgeInput{
		{Type: graph.Authored, From: SeedAuthor, To: SeedWork, Prov: prov, Props: map[string]any{"position": int64(1), "corresponding": true}},
		{Type: graph.PublishedIn, From: SeedWork, To: SeedJournal, Prov: prov, Props: map[string]any{"volume": "44", "issue": "10", "pages": "1656-1672"}},
		{Type: graph.Studies, From: SeedWork, To: IOM, Prov: readme},
		{Type: graph.CaseCountry, From: SeedWork, To: graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: "MR"}, Prov: readme},
		{Type: graph.CaseCountry, From: SeedWork, To: graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: "SS"}, Prov: readme},
	}
	for _, c := range seedConcepts {
		t := graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: "seed-concept:" + slug(c)}
		nodes = append(nodes, graph.NodeInput{Key: t, Prov: prov, Props: map[string]any{"name": c, "vocabulary": "keyword"}})
		edges = append(edges, graph.EdgeInput{Type: graph.HasTopic, From: SeedWork, To: t, Prov: prov})
	}
	for _, o := range others {
		w := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: o.doi}
		j := graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeKey, Value: "title:" + slug(o.journal)}
		nodes = append(nodes,
			graph.NodeInput{Key: w, Prov: readme, Props: map[string]any{"title": o.title, "year": o.year, "type": "article"}},
			graph.NodeInput{Key: j, Prov: readme, Props: map[string]any{"title": o.journal}})
		edges = append(edges,
			graph.EdgeInput{Type: graph.PublishedIn, From: w, To: j, Prov: readme, Props: nonEmpty(map[string]any{"volume": o.volume, "issue": o.issue, "pages": o.pages})},
			graph.EdgeInput{Type: graph.Studies, From: w, To: IOM, Prov: readme})
		for i, a := range o.authors {
			p := graph.Ref{Kind: graph.Person, Scheme: graph.SchemeKey, Value: "seed-readme:" + slug(a[0])}
			org := graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: a[1]}
			nodes = append(nodes, graph.NodeInput{Key: p, Prov: readme, Props: map[string]any{"name": a[0]}},
				// A stub: the ROR record, when loaded, has the last word on the organisation.
				graph.NodeInput{Key: org, Prov: readme, Stub: true, Props: map[string]any{"name": o.orgs[i]}})
			edges = append(edges,
				graph.EdgeInput{Type: graph.Authored, From: p, To: w, Prov: readme, Props: map[string]any{"position": int64(i + 1)}},
				graph.EdgeInput{Type: graph.AffiliatedWith, From: p, To: org, Prov: readme})
		}
		for _, c := range o.countries {
			edges = append(edges, graph.EdgeInput{Type: graph.CaseCountry, From: w, To: graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: c}, Prov: readme})
		}
	}
	return nodes, edges
}

// nonEmpty drops empty strings from m, so that unknown values are left out rather than stored empty.
func nonEmpty(m map[string]any) map[string]any {
	for k, v := range m {
		if v == "" {
			delete(m, k)
		}
	}
	return m
}
