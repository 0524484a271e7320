// Package bench is relgraph's API benchmark (relgraph-bench bench-api): it loads a fixed dataset into a
// Neo4j of its own, runs a fixed mix of GraphQL operations at several concurrencies against
// relgraph, the Neo4j GraphQL Library (@neo4j/graphql on Apollo Server) and the floor (the ideal
// Cypher of each operation through the Go driver), and prints one table.
package bench

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/relgraph/relgraph/graph"
)

// Synth describes the synthetic works: a deterministic graph of works with their authors,
// journals, case countries, topics, studied and funding organisations and citations, drawn from a
// seeded generator with skewed choices, so that some authors, journals and countries are hubs as
// in real bibliographic data.
type Synth struct {
	Works int    // number of works; people are half as many, journals a fiftieth
	Seed  uint64 // the same seed and size give the same graph
	// Countries and Orgs are the ISO alpha-2 codes and ROR ids to link to, in order of popularity
	// (the first is linked most).
	Countries []string
	Orgs      []string
}

// SynthSource is the provenance source of the synthetic graph.
const SynthSource = "synthetic"

// DOI returns the DOI of synthetic work i.
func DOI(i int) string { return fmt.Sprintf("10.5555/synth.%07d", i) }

func (s Synth) people() int   { return max(10, s.Works/2) }
func (s Synth) journals() int { return max(5, s.Works/50) }

const topics = 400

// skewed picks an index below n: index 0 most often, with skew > 1 concentrating choices at the
// front (skew 1 is uniform).
func skewed(r *rand.Rand, n int, skew float64) int {
	i := int(float64(n) * math.Pow(r.Float64(), skew))
	return min(i, n-1)
}

var (
	firstNames = strings.Fields(`Ada Ahmed Aiko Alejandro Amara Ana Anders Ann Aryan Beatriz Bo Carlos
		Chen Chiara Dara Deniz Elena Emeka Eva Farah Fatima Femi Georg Hana Hiroshi Ines Ivan Jae Jamal
		Jana Joao Jonas Kaveh Kofi Lara Leila Li Lucia Luis Maja Malik Maria Mateo Mei Mira Nadia Nikos
		Noor Olga Omar Pablo Priya Rahul Rosa Sami Sara Sofia Tariq Tomas Yara Yusuf Zainab`)
	lastNames = strings.Fields(`Abebe Adeyemi Ahmadi Alvarez Andersen Bakker Banerjee Becker Berg
		Castro Chen Costa Dahl Das Diallo Dubois Eriksson Fischer Garcia Gomez Gupta Haddad Hansen Hoang
		Horvat Ibrahim Ito Jensen Kahn Kim Kowalski Kruger Larsen Lee Lopez Mahmoud Martin Meyer Moreau
		Murphy Nakamura Nguyen Novak Okafor Olsen Osei Park Patel Perez Petrov Popescu Quispe Rahman Reyes
		Rossi Santos Schmidt Silva Singh Smith Sousa Suzuki Tanaka Torres Vargas Wang Weber Wong Yilmaz Zhang`)
	// titleWords make titles that full-text search can find: scholarly words, some common, some rare.
	titleWords = strings.Fields(`migration border borders governance mobility refugees asylum humanitarian
		security state states sovereignty development international organization organisations policy
		policies politics political economy economic labour labor market markets climate change
		environmental health public care children youth gender women men family families households
		education schools universities knowledge science scientific research data digital technology
		technologies platform platforms infrastructure infrastructures urban city cities rural land
		agriculture food water energy transition transitions conflict violence peace war memory history
		historical colonial postcolonial empire nation national identity identities citizenship rights
		human law legal justice courts crime police prison religion religious culture cultural media
		news networks social society societies community communities inequality poverty welfare
		finance financial trade global regional local europe africa asia americas pacific mediterranean
		sahel balkans caucasus arctic ocean maritime island islands diaspora remittances return returns
		deportation detention camps protection integration inclusion exclusion belonging everyday
		practices practice evidence analysis approach approaches framework theory theories method methods
		case study comparative perspective perspectives review critical towards beyond between within
		across after before during new emerging changing contested making made unmaking reconsidering
		rethinking understanding explaining measuring mapping tracing governing managing negotiating
		resisting imagining encounters frontiers corridors routes journeys networks brokers smugglers
		experts expertise bureaucracy bureaucrats agencies agency institutions institutional reform
		crisis crises risk risks resilience vulnerability adaptation disaster disasters pandemic covid
		vaccines epidemic surveillance biometrics algorithms automation artificial intelligence borderwork
		statebuilding aid donors ngos civil activism protest movements solidarity labour unions workers
		work employment skills students scholars academic mobility brain drain circulation temporary
		seasonal permanent settlement settlers indigenous minority minorities language languages
		translation literature art arts film music heritage museums tourism tourists hospitality`)
	publishers = []string{"Taylor & Francis", "Elsevier", "Springer", "Wiley", "SAGE", "Oxford University Press",
		"Cambridge University Press", "MIT Press", "De Gruyter", "Brill"}
)

func title(r *rand.Rand, words int) string {
	ws := make([]string, words)
	for i := range ws {
		ws[i] = titleWords[skewed(r, len(titleWords), 1.3)]
	}
	ws[0] = strings.ToUpper(ws[0][:1]) + ws[0][1:]
	return strings.Join(ws, " ")
}

// checked returns digits with an ISO 7064 MOD 11-2 check character appended (ORCID).
func orcid(n int) string {
	d := fmt.Sprintf("0009%011d", 100000+n)
	total := 0
	for i := 0; i < len(d); i++ {
		total = (total + int(d[i]-'0')) * 2
	}
	c := (12 - total%11) % 11
	ch := byte('0' + c)
	if c == 10 {
		ch = 'X'
	}
	d += string(ch)
	return d[0:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:16]
}

// issn returns a valid ISSN for n.
func issn(n int) string {
	d := fmt.Sprintf("%07d", 2000000+n)
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(d[i]-'0') * (8 - i)
	}
	c := (11 - sum%11) % 11
	ch := byte('0' + c)
	if c == 10 {
		ch = 'X'
	}
	return d[:4] + "-" + d[4:] + string(ch)
}

func personRef(i int) graph.Ref {
	return graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: orcid(i)}
}

func journalRef(i int) graph.Ref {
	return graph.Ref{Kind: graph.Journal, Scheme: graph.SchemeISSNL, Value: issn(i)}
}

func topicRef(i int) graph.Ref {
	return graph.Ref{Kind: graph.Topic, Scheme: graph.SchemeKey, Value: fmt.Sprintf("synth-topic-%03d", i)}
}

func workRef(i int) graph.Ref {
	return graph.Ref{Kind: graph.Work, Scheme: graph.SchemeDOI, Value: DOI(i)}
}

// Load writes the synthetic graph through w in batches, nodes first. It is idempotent.
func (s Synth) Load(ctx context.Context, w graph.Writer, log *slog.Logger) error {
	if len(s.Countries) == 0 || len(s.Orgs) == 0 {
		return fmt.Errorf("the synthetic works need countries and organisations to link to")
	}
	prov := graph.Provenance{Source: SynthSource, Run: fmt.Sprintf("synth-%d-%d", s.Works, s.Seed), AddedAt: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	const batch = 5000
	start := time.Now()
	var nodes []graph.NodeInput
	flushNodes := func(force bool) error {
		if len(nodes) == 0 || (!force && len(nodes) < batch) {
			return nil
		}
		_, err := w.UpsertNodes(ctx, nodes)
		nodes = nodes[:0]
		return err
	}
	addNode := func(n graph.NodeInput) error {
		n.Prov = prov
		n.Prov.Record = n.Key.Value
		nodes = append(nodes, n)
		return flushNodes(false)
	}
	r := rand.New(rand.NewPCG(s.Seed, 1))
	for i := 0; i < s.people(); i++ {
		name := firstNames[r.IntN(len(firstNames))] + " " + lastNames[r.IntN(len(lastNames))]
		if err := addNode(graph.NodeInput{Key: personRef(i), Props: map[string]any{"name": name}}); err != nil {
			return err
		}
	}
	for i := 0; i < s.journals(); i++ {
		t := "Journal of " + strings.ToUpper(titleWords[i%len(titleWords)][:1]) + titleWords[i%len(titleWords)][1:] + " " +
			strings.ToUpper(titleWords[(i*7+3)%len(titleWords)][:1]) + titleWords[(i*7+3)%len(titleWords)][1:] + fmt.Sprintf(" Studies %d", i)
		if err := addNode(graph.NodeInput{Key: journalRef(i), Props: map[string]any{"title": t, "issns": []string{issn(i)},
			"publisher": publishers[r.IntN(len(publishers))]}}); err != nil {
			return err
		}
	}
	for i := 0; i < topics; i++ {
		name := strings.ToUpper(titleWords[i%len(titleWords)][:1]) + titleWords[i%len(titleWords)][1:] + " and " + titleWords[(i*13+5)%len(titleWords)]
		if err := addNode(graph.NodeInput{Key: topicRef(i), Props: map[string]any{"name": name}}); err != nil {
			return err
		}
	}
	for i := 0; i < s.Works; i++ {
		year := 2024 - skewed(r, 45, 1.6)
		if err := addNode(graph.NodeInput{Key: workRef(i), Props: map[string]any{"title": title(r, 5+r.IntN(6)),
			"year": int64(year), "type": "article", "language": "en", "publicationDate": fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28))}}); err != nil {
			return err
		}
	}
	if err := flushNodes(true); err != nil {
		return err
	}
	log.Info("synthetic nodes written", "works", s.Works, "people", s.people(), "journals", s.journals(), "took", time.Since(start).Round(time.Second))

	var edges []graph.EdgeInput
	total := 0
	flushEdges := func(force bool) error {
		if len(edges) == 0 || (!force && len(edges) < batch) {
			return nil
		}
		st, err := w.UpsertEdges(ctx, edges)
		if err == nil && st.Missing > 0 {
			err = fmt.Errorf("%d synthetic relationships point at entities that were not loaded", st.Missing)
		}
		total += len(edges)
		edges = edges[:0]
		return err
	}
	add := func(t graph.RelType, from, to graph.Ref, props map[string]any) error {
		p := prov
		p.Record = from.Value
		edges = append(edges, graph.EdgeInput{Type: t, From: from, To: to, Props: props, Prov: p})
		return flushEdges(false)
	}
	r = rand.New(rand.NewPCG(s.Seed, 2))
	orgRef := func(i int) graph.Ref {
		return graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeROR, Value: s.Orgs[i]}
	}
	for i := 0; i < s.people(); i++ {
		for k := 1 + r.IntN(2); k > 0; k-- {
			if err := add(graph.AffiliatedWith, personRef(i), orgRef(skewed(r, len(s.Orgs), 2)), nil); err != nil {
				return err
			}
		}
	}
	for i := 0; i < s.Works; i++ {
		w := workRef(i)
		seen := map[int]bool{}
		for pos, n := 1, 1+skewed(r, 8, 2.2); pos <= n; pos++ {
			p := skewed(r, s.people(), 1.5)
			if seen[p] {
				continue
			}
			seen[p] = true
			if err := add(graph.Authored, personRef(p), w, map[string]any{"position": int64(pos), "corresponding": pos == 1}); err != nil {
				return err
			}
		}
		if err := add(graph.PublishedIn, w, journalRef(skewed(r, s.journals(), 2)), map[string]any{
			"volume": fmt.Sprint(1 + r.IntN(60)), "issue": fmt.Sprint(1 + r.IntN(12)),
			"pages": func() string { a := 1 + r.IntN(900); return fmt.Sprintf("%d-%d", a, a+5+r.IntN(30)) }()}); err != nil {
			return err
		}
		clear(seen)
		for k := r.IntN(4); k > 0; k-- {
			c := skewed(r, len(s.Countries), 4)
			if seen[c] {
				continue
			}
			seen[c] = true
			if err := add(graph.CaseCountry, w, graph.Ref{Kind: graph.Country, Scheme: graph.SchemeISO2, Value: s.Countries[c]}, nil); err != nil {
				return err
			}
		}
		clear(seen)
		for k := 1 + r.IntN(4); k > 0; k-- {
			t := skewed(r, topics, 2)
			if seen[t] {
				continue
			}
			seen[t] = true
			if err := add(graph.HasTopic, w, topicRef(t), map[string]any{"score": math.Round(r.Float64()*1000) / 1000}); err != nil {
				return err
			}
		}
		if r.IntN(10) < 3 {
			if err := add(graph.Studies, w, orgRef(skewed(r, len(s.Orgs), 2)), nil); err != nil {
				return err
			}
		}
		if r.IntN(10) == 0 {
			if err := add(graph.FundedBy, w, orgRef(skewed(r, len(s.Orgs), 3)), map[string]any{"award": fmt.Sprintf("AW-%06d", r.IntN(1000000))}); err != nil {
				return err
			}
		}
		clear(seen)
		if i > 0 {
			for k := r.IntN(12); k > 0; k-- {
				c := i - 1 - skewed(r, i, 1.8) // recent works are cited more
				if seen[c] {
					continue
				}
				seen[c] = true
				if err := add(graph.Cites, w, workRef(c), nil); err != nil {
					return err
				}
			}
		}
		if i%20000 == 19999 {
			log.Info("synthetic relationships", "works", i+1, "relationships", total, "took", time.Since(start).Round(time.Second))
		}
	}
	if err := flushEdges(true); err != nil {
		return err
	}
	log.Info("synthetic graph written", "relationships", total, "took", time.Since(start).Round(time.Second))
	return nil
}
