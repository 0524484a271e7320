// Package synthetic generates large, deterministic sets of scholarly works in the shape of the
// OpenAlex API's work records, as JSON Lines that `relgraph import openalex` reads, for benchmarks
// at a million works and more.
//
// The shapes follow published bibliometric figures rather than uniform noise: authors per work have
// a mean of about 2.6, a median of 2 and a long tail to 30; references per work are heavy-tailed
// (log-normal, mean about 14) and chosen by preferential attachment weighted towards recent years,
// so that a few works collect most citations; the number of works grows by 5% a year; some authors,
// journals, topics and organisations are hubs. Organisations and their countries come from a real
// pool (the ROR dump in ../shared/data), and every identifier has a valid format and check digit.
//
// The same Config gives the same bytes, whatever the machine. Identifiers depend on position, not
// on the seed: person p, journal j or work i has the same ids in every set (a person or journal the
// same name too), so that sets of different sizes or seeds agree on who is who; load one seed per
// graph, as two seeds give different works under the same ids.
package synthetic

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/relgraph/relgraph/graph/ident"
)

// Org is an organisation of the pool that affiliations and grants are drawn from.
type Org struct {
	ROR     string // bare ROR id, such as "05mzf3276"
	Name    string
	Country string // ISO 3166-1 alpha-2, may be empty
	Type    string // ROR's first type, lower case, may be empty
}

// Config says what to generate.
type Config struct {
	Works     int    // number of works
	Seed      uint64 // the same seed and size give the same records
	FirstYear int    // the first publication year; 1990 when 0
	LastYear  int    // the last publication year; 2025 when 0
	// Orgs is the pool of organisations, most popular first (a skewed choice favours the front).
	Orgs []Org
}

// Summary describes what Generate wrote.
type Summary struct {
	Works              int
	Authorships        int
	MaxAuthors         int
	MedianAuthors      int
	References         int // referenced_works entries
	InternalReferences int // of which point to a generated work
	MaxCitedBy         int // the most citations one generated work received from the others
	People             int // distinct authors used
	Journals           int
}

// Identifier bases, far above the ids OpenAlex has given so far, so that synthetic records never
// meet real ones.
const (
	workBase    = 9_000_000_000
	stubBase    = 9_500_000_000 // cited works outside the set
	personBase  = 9_000_000_000
	journalBase = 9_000_000_000
	orgBase     = 9_000_000_000
	funderBase  = 9_000_000_000
	topicBase   = 90_000
	topicCount  = 400
	funderCount = 200
)

// Generate writes cfg.Works work records to w, one JSON object per line, in publication order.
func Generate(w io.Writer, cfg Config) (Summary, error) {
	if cfg.Works < 1 {
		return Summary{}, fmt.Errorf("synthetic: works must be at least 1, got %d", cfg.Works)
	}
	if len(cfg.Orgs) == 0 {
		return Summary{}, fmt.Errorf("synthetic: the organisation pool is empty")
	}
	if cfg.FirstYear == 0 {
		cfg.FirstYear = 1990
	}
	if cfg.LastYear == 0 {
		cfg.LastYear = 2025
	}
	if cfg.LastYear < cfg.FirstYear {
		return Summary{}, fmt.Errorf("synthetic: last year %d is before first year %d", cfg.LastYear, cfg.FirstYear)
	}
	g := newGen(cfg)
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	authorCounts := make([]int, 32)
	for i := range cfg.Works {
		rec := g.work(i)
		authorCounts[min(len(rec.Authorships), len(authorCounts)-1)]++
		if err := enc.Encode(rec); err != nil {
			return g.sum, err
		}
	}
	if err := bw.Flush(); err != nil {
		return g.sum, err
	}
	half, seen := (cfg.Works+1)/2, 0
	for n, c := range authorCounts {
		if seen += c; seen >= half {
			g.sum.MedianAuthors = n
			break
		}
	}
	for _, c := range g.citedBy {
		g.sum.MaxCitedBy = max(g.sum.MaxCitedBy, int(c))
	}
	g.sum.People, g.sum.Journals = len(g.people), len(g.journals)
	return g.sum, nil
}

type gen struct {
	cfg       Config
	r         *rand.Rand
	yearStart []int // index of the first work of each year, and cfg.Works at the end
	// attach holds every generated work once, plus once more for every citation it received, so
	// that a uniform pick from it is a pick proportional to citations + 1.
	attach   []int32
	citedBy  []int32
	people   map[int]bool
	journals map[int]bool
	sum      Summary
}

func newGen(cfg Config) *gen {
	g := &gen{
		cfg: cfg, r: rand.New(rand.NewPCG(cfg.Seed, 0x5eed)),
		citedBy: make([]int32, cfg.Works), people: map[int]bool{}, journals: map[int]bool{},
	}
	// Works per year grow by 5% a year.
	years := cfg.LastYear - cfg.FirstYear + 1
	total := 0.0
	for y := range years {
		total += math.Pow(1.05, float64(y))
	}
	acc := 0.0
	for y := range years {
		g.yearStart = append(g.yearStart, int(float64(cfg.Works)*acc/total))
		acc += math.Pow(1.05, float64(y))
	}
	g.yearStart = append(g.yearStart, cfg.Works)
	return g
}

// yearOf returns the year index of work i.
func (g *gen) yearOf(i int) int {
	y := 0
	for y+1 < len(g.yearStart)-1 && g.yearStart[y+1] <= i {
		y++
	}
	return y
}

// skewed picks an index below n, index 0 most often; skew 1 is uniform.
func skewed(r *rand.Rand, n int, skew float64) int {
	return min(int(float64(n)*math.Pow(r.Float64(), skew)), n-1)
}

// poisson draws from a Poisson distribution of mean lambda (Knuth's method; lambda is small).
func poisson(r *rand.Rand, lambda float64) int {
	l, k, p := math.Exp(-lambda), 0, 1.0
	for {
		p *= r.Float64()
		if p <= l {
			return k
		}
		k++
	}
}

// authorCount draws the number of authors of a work: one plus a Poisson count for most works, and a
// log-uniform 5 to 30 for one work in a hundred (consortia), which gives a mean of 2.6, a median
// of 2 and a maximum of 30.
func authorCount(r *rand.Rand) int {
	if r.Float64() < 0.01 {
		return int(math.Exp(math.Log(5) + r.Float64()*(math.Log(31)-math.Log(5))))
	}
	return min(1+poisson(r, 1.485), 30)
}

// referenceCount draws the length of a reference list: log-normal, heavy-tailed.
func referenceCount(r *rand.Rand) int {
	const sigma = 1.0
	mu := math.Log(15) - sigma*sigma/2 // 14 once repeats within a list are dropped
	return min(int(math.Exp(mu+sigma*r.NormFloat64())), 400)
}

func openalex(letter byte, n int) string { return fmt.Sprintf("https://openalex.org/%c%d", letter, n) }

var (
	given   = strings.Fields("Abena Adil Agnes Akira Alba Amina Anouk Arjun Astrid Aziz Bruno Camila Chidi Cyrus Dalia Dmitri Edda Elif Emil Esi Farid Greta Hamid Hugo Ilse Imran Irene Jakob Joon Kamala Karim Kenji Laila Lars Leon Lin Lorena Malak Marek Mariam Milan Nadim Nia Nils Oren Paula Qiu Rania Rashid Rui Salma Selin Soren Tala Tenzin Thea Uma Vera Wanjiru Xavier Yasmin Yuki Zora")
	family  = strings.Fields("Abdi Achterberg Adebayo Aguilar Akhtar Almeida Amini Arslan Asante Baptiste Barros Bianchi Brandt Cardoso Chowdhury Cohen Demir Dlamini Doshi Eze Fernandes Fontaine Friedman Gallo Ghosh Halvorsen Hosseini Iyer Jovanovic Kamau Karlsson Kaya Keller Kovacs Kumar Lindqvist Lombardi Mbeki Medina Mendes Mensah Moretti Nair Nowak Obi Ortiz Ozturk Pereira Pham Rahimi Richter Romero Saito Sandoval Schulz Sharma Sorensen Takahashi Teixeira Uddin Varga Vogel Wojcik Yamamoto Zapata")
	subject = strings.Fields("Migration Mobility Borders Asylum Refugee Diaspora Labour Citizenship Humanitarian Development Governance Security Climate Displacement Remittance Integration Health Education Urban Rural Gender Conflict Peace Memory Policy Law Rights Trade Finance Welfare Media Technology Data Energy Water Food Land Ocean Religion Identity Youth Ageing Family Work Markets Networks Knowledge Science History Politics Economy Society Culture Language Environment Infrastructure Violence Justice Care")
	words   = strings.Fields("return circular irregular forced voluntary transit seasonal skilled undocumented stranded managed contested everyday regional global local transnational postcolonial digital informal emerging changing protracted temporary permanent networks corridors routes camps cities islands households brokers states agencies practices regimes evidence policies pathways experiences encounters frontiers outcomes responses trajectories narratives infrastructures economies communities institutions")
	lands   = strings.Fields("Sahel Mediterranean Balkans Caribbean Andes Mekong Horn Gulf Pacific Baltic Caucasus Maghreb Levant Amazon Himalaya Danube Arctic Sahara Great-Lakes Rift")
)

// capital returns s with its first letter in upper case (s is ASCII).
func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// pick returns a random element of s.
func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// work is a work record as the OpenAlex API returns it, with the fields the importer reads.
type work struct {
	ID              string           `json:"id"`
	DOI             string           `json:"doi"`
	Title           string           `json:"title"`
	DisplayName     string           `json:"display_name"`
	PublicationYear int              `json:"publication_year"`
	PublicationDate string           `json:"publication_date"`
	Type            string           `json:"type"`
	Language        string           `json:"language"`
	CitedByCount    int              `json:"cited_by_count"`
	Abstract        map[string][]int `json:"abstract_inverted_index"`
	Authorships     []authorship     `json:"authorships"`
	PrimaryLocation location         `json:"primary_location"`
	Biblio          biblio           `json:"biblio"`
	PrimaryTopic    *topic           `json:"primary_topic"`
	Topics          []topic          `json:"topics"`
	ReferencedWorks []string         `json:"referenced_works"`
	Grants          []grant          `json:"grants"`
}

type authorship struct {
	AuthorPosition  string        `json:"author_position"`
	Author          author        `json:"author"`
	Institutions    []institution `json:"institutions"`
	Countries       []string      `json:"countries"`
	IsCorresponding bool          `json:"is_corresponding"`
	RawAuthorName   string        `json:"raw_author_name"`
}

type author struct {
	ID          string  `json:"id"`
	DisplayName string  `json:"display_name"`
	ORCID       *string `json:"orcid"`
}

type institution struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
	ROR         string `json:"ror"`
	CountryCode string `json:"country_code,omitempty"`
	Type        string `json:"type,omitempty"`
}

type location struct {
	Source source `json:"source"`
}

type source struct {
	ID                   string   `json:"id"`
	DisplayName          string   `json:"display_name"`
	ISSNL                string   `json:"issn_l"`
	ISSN                 []string `json:"issn"`
	Type                 string   `json:"type"`
	HostOrganizationName string   `json:"host_organization_name"`
}

type biblio struct {
	Volume    string `json:"volume"`
	Issue     string `json:"issue"`
	FirstPage string `json:"first_page"`
	LastPage  string `json:"last_page"`
}

type topic struct {
	ID          string  `json:"id"`
	DisplayName string  `json:"display_name"`
	Score       float64 `json:"score,omitempty"`
}

type grant struct {
	Funder            string `json:"funder"`
	FunderDisplayName string `json:"funder_display_name"`
	AwardID           string `json:"award_id"`
}

func (g *gen) work(i int) work {
	r := g.r
	y := g.yearOf(i)
	year := g.cfg.FirstYear + y
	title := fmt.Sprintf("%s and %s %s in the %s", pick(r, subject), pick(r, words), pick(r, words), pick(r, lands))
	if r.IntN(3) == 0 {
		title = fmt.Sprintf("%s %s: %s %s", capital(pick(r, words)), pick(r, words), pick(r, subject), pick(r, words))
	}
	w := work{
		ID: openalex('W', workBase+i), DOI: fmt.Sprintf("https://doi.org/10.5555/relgraph.%d", i),
		Title: title, DisplayName: title, PublicationYear: year,
		PublicationDate: fmt.Sprintf("%04d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)),
		Type:            "article", Language: "en",
	}
	if r.IntN(2) == 0 {
		w.Abstract = abstract(r, 20+r.IntN(40))
	}
	n := authorCount(r)
	g.sum.Works++
	g.sum.Authorships += n
	g.sum.MaxAuthors = max(g.sum.MaxAuthors, n)
	seen := map[int]bool{}
	for a := range n {
		p := skewed(r, max(10, g.cfg.Works*6/10), 1.6)
		for seen[p] {
			p = (p + 1) % max(10, g.cfg.Works*6/10)
		}
		seen[p] = true
		g.people[p] = true
		pos := "middle"
		switch {
		case a == 0:
			pos = "first"
		case a == n-1:
			pos = "last"
		}
		w.Authorships = append(w.Authorships, g.authorship(p, pos, a == 0))
	}
	j := skewed(r, max(5, g.cfg.Works/50), 1.8)
	g.journals[j] = true
	w.PrimaryLocation.Source = journal(j)
	first := 1 + r.IntN(300)
	w.Biblio = biblio{
		Volume: fmt.Sprint(y + 1), Issue: fmt.Sprint(1 + r.IntN(12)),
		FirstPage: fmt.Sprint(first), LastPage: fmt.Sprint(first + 5 + r.IntN(30)),
	}
	for k := range 1 + r.IntN(3) {
		t := skewed(r, topicCount, 1.5)
		tp := topic{ID: openalex('T', topicBase+t), DisplayName: topicName(t), Score: math.Round((0.99-0.2*float64(k))*1e4) / 1e4}
		if k == 0 {
			w.PrimaryTopic = &topic{ID: tp.ID, DisplayName: tp.DisplayName}
		}
		w.Topics = append(w.Topics, tp)
	}
	if r.IntN(100) < 15 {
		f := skewed(r, funderCount, 2)
		w.Grants = []grant{{
			Funder: openalex('F', funderBase+f), FunderDisplayName: fmt.Sprintf("%s %s Research Council", pick(rand.New(rand.NewPCG(uint64(f), 7)), lands), pick(rand.New(rand.NewPCG(uint64(f), 8)), subject)),
			AwardID: fmt.Sprintf("%d-%05d", year, r.IntN(100000)),
		}}
	}
	w.ReferencedWorks = g.references(i, y)
	g.attach = append(g.attach, int32(i))
	return w
}

// references draws the reference list of work i (of year index y): mostly earlier works of the
// set, by preferential attachment or from the last three years, and some works outside it.
func (g *gen) references(i, y int) []string {
	r := g.r
	n := referenceCount(r)
	refs := make([]string, 0, n)
	chosen := map[int]bool{}
	recent := g.yearStart[max(0, y-3)]
	for range n {
		if i == 0 || r.IntN(5) == 0 {
			// A cited work outside the set: a stub until (if ever) its record arrives.
			ext := skewed(r, max(100, g.cfg.Works/2), 1.5)
			if chosen[-1-ext] {
				continue
			}
			chosen[-1-ext] = true
			refs = append(refs, openalex('W', stubBase+ext))
			continue
		}
		var t int
		if r.IntN(10) < 7 {
			t = int(g.attach[r.IntN(len(g.attach))])
		} else {
			t = recent + r.IntN(i-recent)
			if i == recent {
				t = r.IntN(i)
			}
		}
		if chosen[t] {
			continue
		}
		chosen[t] = true
		g.citedBy[t]++
		g.attach = append(g.attach, int32(t))
		g.sum.InternalReferences++
		refs = append(refs, openalex('W', workBase+t))
	}
	g.sum.References += len(refs)
	return refs
}

// authorship returns the authorship of person p, whose name, ORCID and home organisations depend
// only on p, whatever the seed.
func (g *gen) authorship(p int, pos string, corresponding bool) authorship {
	pr := rand.New(rand.NewPCG(0xa17, uint64(p)))
	name := pick(pr, given) + " " + string(rune('A'+pr.IntN(26))) + ". " + pick(pr, family)
	a := authorship{
		AuthorPosition: pos, IsCorresponding: corresponding, RawAuthorName: name,
		Author: author{ID: openalex('A', personBase+p), DisplayName: name},
	}
	if pr.IntN(10) < 7 {
		o := "https://orcid.org/" + ident.CompleteORCID(fmt.Sprintf("0009%011d", uint64(p)*7919))
		a.Author.ORCID = &o
	}
	k := 1
	switch v := pr.IntN(10); {
	case v == 0:
		k = 0
	case v == 9:
		k = 2
	}
	for range k {
		oi := skewed(pr, len(g.cfg.Orgs), 2.2)
		o := g.cfg.Orgs[oi]
		a.Institutions = append(a.Institutions, institution{
			ID: openalex('I', orgBase+oi), DisplayName: o.Name, ROR: "https://ror.org/" + o.ROR,
			CountryCode: o.Country, Type: o.Type,
		})
		if o.Country != "" {
			a.Countries = append(a.Countries, o.Country)
		}
	}
	return a
}

func journal(j int) source {
	jr := rand.New(rand.NewPCG(0x10, uint64(j)))
	issn := ident.CompleteISSN(fmt.Sprintf("%07d", j*7919%10000000))
	return source{
		ID: openalex('S', journalBase+j), ISSNL: issn, ISSN: []string{issn}, Type: "journal",
		DisplayName:          fmt.Sprintf("Journal of %s %s Studies %d", pick(jr, lands), pick(jr, subject), j),
		HostOrganizationName: pick(jr, family) + " Academic Press",
	}
}

func topicName(t int) string {
	tr := rand.New(rand.NewPCG(0x7091c, uint64(t)))
	return fmt.Sprintf("%s %s and %s (%d)", capital(pick(tr, words)), pick(tr, subject), pick(tr, subject), t)
}

// abstract returns an inverted index of n words, as OpenAlex gives abstracts.
func abstract(r *rand.Rand, n int) map[string][]int {
	idx := map[string][]int{}
	for pos := range n {
		var w string
		if pos%3 == 0 {
			w = strings.ToLower(pick(r, subject))
		} else {
			w = pick(r, words)
		}
		idx[w] = append(idx[w], pos)
	}
	return idx
}
