package bench

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// op is one operation of the mix, as each server is asked it.
type op struct {
	name string
	// relgraph is the GraphQL operation for relgraph; ngql the same for @neo4j/graphql ("" when it
	// cannot express it); floor the ideal Cypher, run through the Go driver.
	relgraph, ngql, floor string
	// vars gives the variables of the i-th request to relgraph; ngqlVars those for @neo4j/graphql
	// (nil: the same); params the floor's parameters (nil: the same as relgraph's).
	vars, ngqlVars, params func(i int) map[string]any
	// digest lists the keys whose values must agree between servers: ids of entities, and counts.
	digest []string
	note   string
}

// pools are the inputs the operations cycle through, chosen from the loaded graph the same way
// every run.
type pools struct {
	works     []string // ids of synthetic works
	dois      []string // their DOIs
	people    []string // ids of people with at least five works
	words     []string // search words
	countries []string // the countries with the most works
}

func pickPools(ctx context.Context, d neo4j.DriverWithContext, db string) (pools, error) {
	var p pools
	var err error
	// Every twentieth synthetic work, by DOI: spread over the years and the hubs.
	if p.works, err = list[string](ctx, d, db, `MATCH (w:Work) WHERE w.doi STARTS WITH '10.5555/synth.' AND w.doi ENDS WITH '17'
RETURN w.id AS v ORDER BY w.doi LIMIT 500`, nil); err != nil {
		return p, err
	}
	if p.dois, err = list[string](ctx, d, db, `MATCH (w:Work) WHERE w.doi STARTS WITH '10.5555/synth.' AND w.doi ENDS WITH '17'
RETURN w.doi AS v ORDER BY w.doi LIMIT 500`, nil); err != nil {
		return p, err
	}
	if p.people, err = list[string](ctx, d, db, `MATCH (p:Person)-[:AUTHORED]->() WITH p, count(*) AS n WHERE n >= 5
RETURN p.id AS v ORDER BY v LIMIT 200`, nil); err != nil {
		return p, err
	}
	if p.countries, err = list[string](ctx, d, db, `MATCH (c:Country)<-[r:CASE_COUNTRY]-() WITH c, count(r) AS n
RETURN c.iso2 AS v ORDER BY n DESC, v LIMIT 5`, nil); err != nil {
		return p, err
	}
	// Words of the synthetic titles, from common to rare.
	for i := 10; i < len(titleWords) && len(p.words) < 40; i += 7 {
		p.words = append(p.words, titleWords[i])
	}
	if len(p.works) < 100 || len(p.people) < 20 || len(p.countries) < 5 {
		return p, fmt.Errorf("the dataset is too small for the benchmark's inputs (%d works, %d people)", len(p.works), len(p.people))
	}
	return p, nil
}

// lucene is the full-text query relgraph builds for one plain word.
func lucene(w string) string { return fmt.Sprintf("+(%s^3 OR %s*)", w, w) }

const live = "coalesce(r.retracted, false) = false"

// relationsCypher is relgraph's graph of relations at depth 1 or 2, as relgraph's store writes it,
// returning only what the operation asks for.
func relationsCypher(depth int) string {
	var b strings.Builder
	b.WriteString("MATCH (c:Entity {id: $id})\nWITH c, [c] AS seen, [c] AS frontier, false AS cut\n")
	for i := 0; i < depth; i++ {
		b.WriteString(`CALL (seen, frontier) {
  UNWIND frontier AS f
  MATCH (f)-[r]-(n:Entity) WHERE ` + live + ` AND NOT n IN seen
  WITH DISTINCT n LIMIT $limit + 1
  RETURN collect(n) AS found
}
WITH c, seen, found, cut OR size(seen) + size(found) > $limit AS cut
WITH c, seen + found[..$limit - size(seen)] AS seen, found[..$limit - size(seen)] AS frontier, cut
`)
	}
	b.WriteString(`CALL (seen) {
  UNWIND seen AS a
  MATCH (a)-[r]->(b:Entity) WHERE ` + live + ` AND b IN seen
  RETURN collect(DISTINCT {source: a.id, target: b.id, type: type(r)}) AS edges
}
RETURN [n IN seen | n {.id, .kind, .label}] AS nodes, edges, cut AS truncated`)
	return b.String()
}

// operations returns the fixed mix.
func operations(p pools) []op {
	at := func(xs []string, i int) string { return xs[i%len(xs)] }
	work := func(i int) map[string]any { return map[string]any{"id": at(p.works, i)} }
	return []op{
		{
			name: "lookup by id",
			relgraph: `query($id: ID!) { node(id: $id) { id label ... on Work { year doi
  authors { id name } journal { id title } } } }`,
			ngql: `query($id: ID!) { works(where: {id: {eq: $id}}) { id label year doi
  authorsConnection(sort: [{edge: {position: ASC}}]) { edges { node { id name } } } journal { id title } } }`,
			floor: `MATCH (w:Entity {id: $id})
CALL (w) { MATCH (w)<-[r:AUTHORED]-(p) WHERE ` + live + `
  WITH p, r ORDER BY coalesce(r.position, 0), p.label RETURN collect(p {.id, .name}) AS authors }
CALL (w) { MATCH (w)-[r:PUBLISHED_IN]->(j) WHERE ` + live + ` RETURN collect(j {.id, .title}) AS journal }
RETURN w {.id, .label, .year, .doi} AS work, authors, journal`,
			vars:   work,
			digest: []string{"id"},
		},
		{
			name: "lookup by DOI",
			relgraph: `query($doi: String!) { work(doi: $doi) { id title year
  authors { name affiliations { name ror } } journal { title } publication { volume pages } countries { iso2 } } }`,
			ngql: `query($doi: String!) { works(where: {doi: {eq: $doi}}, limit: 1) { id title year
  authorsConnection(sort: [{edge: {position: ASC}}]) { edges { node { name affiliations { name ror } } } }
  journalConnection { edges { properties { volume pages } node { title } } } countries { iso2 } } }`,
			floor: `MATCH (w:Work {doi: $doi})
CALL (w) { MATCH (w)<-[r:AUTHORED]-(p) WHERE ` + live + `
  WITH p, r ORDER BY coalesce(r.position, 0), p.label
  CALL (p) { MATCH (p)-[r:AFFILIATED_WITH]->(o) WHERE ` + live + ` RETURN collect(o {.name, .ror}) AS affiliations }
  RETURN collect(p {.name, affiliations: affiliations}) AS authors }
CALL (w) { MATCH (w)-[r:PUBLISHED_IN]->(j) WHERE ` + live + ` RETURN collect({title: j.title, volume: r.volume, pages: r.pages}) AS journal }
CALL (w) { MATCH (w)-[r:CASE_COUNTRY]->(c) WHERE ` + live + ` RETURN collect(c {.iso2}) AS countries }
RETURN w {.id, .title, .year} AS work, authors, journal, countries`,
			// relgraph takes a DOI in any common form; the others need it as stored.
			vars: func(i int) map[string]any {
				return map[string]any{"doi": "https://doi.org/" + strings.ToUpper(at(p.dois, i))}
			},
			ngqlVars: func(i int) map[string]any { return map[string]any{"doi": at(p.dois, i)} },
			params:   func(i int) map[string]any { return map[string]any{"doi": at(p.dois, i)} },
			digest:   []string{"id", "ror", "iso2"},
		},
		{
			name:     "search",
			relgraph: `query($q: String!) { search(query: $q, kinds: [WORK], first: 10) { totalCount edges { node { id label } } } }`,
			ngql:     `query($q: String!) { searchWorks(phrase: $q, first: 10) { totalCount edges { node { id label } } } }`,
			floor: `CALL () { CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node WHERE node:Work RETURN count(node) AS totalCount }
CALL () { CALL db.index.fulltext.queryNodes('entity_text', $q) YIELD node, score WHERE node:Work
  WITH node, score ORDER BY score DESC, elementId(node) LIMIT 11 RETURN collect(node {.id, .label}) AS hits }
RETURN totalCount, hits[..10] AS hits`,
			vars:     func(i int) map[string]any { return map[string]any{"q": at(p.words, i)} },
			ngqlVars: func(i int) map[string]any { return map[string]any{"q": lucene(at(p.words, i))} },
			params:   func(i int) map[string]any { return map[string]any{"q": lucene(at(p.words, i))} },
			digest:   []string{"totalCount"},
			note:     "hits tied on score may come in another order from @neo4j/graphql, so only totals are compared",
		},
		{
			name:     "relations depth 1",
			relgraph: `query($id: ID!) { relations(id: $id, depth: 1, limit: 200) { truncated nodes { id kind label } edges { source target type } } }`,
			ngql:     `query($id: ID!) { relations1(id: $id, limit: 200) { truncated nodes { id kind label } edges { source target type } } }`,
			floor:    relationsCypher(1),
			vars:     work,
			params:   func(i int) map[string]any { return map[string]any{"id": at(p.works, i), "limit": 200} },
			digest:   []string{"id"},
			note:     "@neo4j/graphql: only through a @cypher field holding relgraph's Cypher",
		},
		{
			name:     "relations depth 2",
			relgraph: `query($id: ID!) { relations(id: $id, depth: 2, limit: 500) { truncated nodes { id kind label } edges { source target type } } }`,
			ngql:     `query($id: ID!) { relations2(id: $id, limit: 500) { truncated nodes { id kind label } edges { source target type } } }`,
			floor:    relationsCypher(2),
			vars:     work,
			params:   func(i int) map[string]any { return map[string]any{"id": at(p.works, i), "limit": 500} },
			digest:   []string{"id"},
			note:     "@neo4j/graphql: only through a @cypher field holding relgraph's Cypher",
		},
		{
			name: "sameAuthorWorks",
			relgraph: `query($id: ID!) { node(id: $id) { ... on Work {
  sameAuthorWorks(first: 10) { totalCount edges { node { id title year } } } } } }`,
			ngql: `query($id: ID!) { works(where: {id: {eq: $id}}) { sameAuthorWorksCount sameAuthorWorks(first: 10) { id title year } } }`,
			floor: `MATCH (e:Entity {id: $id})
CALL (e) { MATCH (e)<-[:AUTHORED]-()-[:AUTHORED]->(w) WHERE w <> e RETURN count(DISTINCT w) AS totalCount }
CALL (e) { MATCH (e)<-[:AUTHORED]-()-[:AUTHORED]->(w) WHERE w <> e
  WITH DISTINCT w WITH w, coalesce(w.year, -1) AS y ORDER BY y DESC, w.id LIMIT 11
  RETURN collect(w {.id, .title, .year}) AS works }
RETURN totalCount, works[..10] AS works`,
			vars:   work,
			digest: []string{"id", "totalCount", "sameAuthorWorksCount"},
			note:   "@neo4j/graphql: a @cypher list and a @cypher count (a relationship filter over all works cannot exclude the work itself); no cursors",
		},
		{
			name:     "paths",
			relgraph: `query($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 4, first: 3) { length nodes { id label } edges { type } } }`,
			ngql:     `query($a: ID!, $b: ID!) { paths(from: $a, to: $b) { length nodes { id label } edges { type } } }`,
			floor: `MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = allShortestPaths((a)-[*..4]-(b)) WHERE all(r IN relationships(p) WHERE ` + live + `)
WITH p LIMIT 3
RETURN length(p) AS length, [n IN nodes(p) | n {.id, .label}] AS nodes, [r IN relationships(p) | {type: type(r)}] AS edges`,
			vars: func(i int) map[string]any {
				return map[string]any{"a": at(p.works, i), "b": at(p.works, i+len(p.works)/2+1)}
			},
			digest: []string{"length"},
			note:   "@neo4j/graphql: only through a @cypher field holding relgraph's Cypher; when more than three paths are shortest, servers may pick others, so only lengths are compared",
		},
		{
			name: "nested, 3 connections",
			relgraph: `query($id: ID!) { node(id: $id) { ... on Person { name
  works(first: 5) { totalCount edges { node { title
    sameJournalWorks(first: 5) { totalCount edges { node { title
      references(first: 5) { totalCount edges { node { id title } } } } } } } } } } } }`,
			ngql: `query($id: ID!) { people(where: {id: {eq: $id}}) { name
  worksConnection(first: 5, sort: [{node: {year: DESC}}, {node: {id: ASC}}]) { totalCount edges { node { title
    sameJournalWorksCount sameJournalWorks(first: 5) { title
      referencesConnection(first: 5, sort: [{node: {year: DESC}}, {node: {id: ASC}}]) { totalCount edges { node { id title } } } } } } } } }`,
			floor: `MATCH (p:Entity {id: $id})
CALL (p) { MATCH (p)-[r:AUTHORED]->(w) WHERE ` + live + ` RETURN count(*) AS totalCount }
CALL (p) { MATCH (p)-[r:AUTHORED]->(w) WHERE ` + live + `
  WITH w, coalesce(w.year, -1) AS y ORDER BY y DESC, w.id LIMIT 5
  CALL (w) { MATCH (w)-[:PUBLISHED_IN]->()<-[:PUBLISHED_IN]-(s) WHERE s <> w RETURN count(DISTINCT s) AS totalCount }
  CALL (w) { MATCH (w)-[:PUBLISHED_IN]->()<-[:PUBLISHED_IN]-(s) WHERE s <> w
    WITH DISTINCT s WITH s, coalesce(s.year, -1) AS y ORDER BY y DESC, s.id LIMIT 5
    CALL (s) { MATCH (s)-[r:CITES]->(x) WHERE ` + live + ` RETURN count(*) AS totalCount }
    CALL (s) { MATCH (s)-[r:CITES]->(x) WHERE ` + live + `
      WITH x, coalesce(x.year, -1) AS y ORDER BY y DESC, x.id LIMIT 5 RETURN collect(x {.id, .title}) AS refs }
    RETURN collect({title: s.title, references: {totalCount: totalCount, items: refs}}) AS same }
  RETURN collect({title: w.title, sameJournalWorks: {totalCount: totalCount, items: same}}) AS works }
RETURN p.name AS name, {totalCount: totalCount, items: works} AS works`,
			vars:   func(i int) map[string]any { return map[string]any{"id": at(p.people, i)} },
			digest: []string{"id", "totalCount", "sameJournalWorksCount"},
			note:   "@neo4j/graphql: sameJournalWorks as @cypher fields (a list and a count), so that level has no cursors",
		},
		{
			name:     "totalCount, large",
			relgraph: `query($c: String!) { country(code: $c) { name works { totalCount } } }`,
			ngql:     `query($c: String!) { countries(where: {iso2: {eq: $c}}) { name worksConnection { totalCount } } }`,
			floor: `MATCH (c:Country {iso2: $c})
RETURN c.name AS name, COUNT { (c)<-[r:CASE_COUNTRY]-() WHERE ` + live + ` } AS totalCount`,
			vars:   func(i int) map[string]any { return map[string]any{"c": at(p.countries, i)} },
			digest: []string{"totalCount"},
		},
	}
}
