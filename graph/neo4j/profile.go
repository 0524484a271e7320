package neo4j

import (
	"context"
	"sync"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Profile collects the database hits of the queries run with a context from WithProfile: each read
// runs under Cypher's PROFILE, and its plan's hits are added up. It is for benchmarks and
// diagnosis, not for serving.
type Profile struct {
	mu      sync.Mutex
	Queries []ProfiledQuery
}

// ProfiledQuery is one query run under PROFILE.
type ProfiledQuery struct {
	Cypher string
	DBHits int64
	Rows   int64
}

// DBHits returns the total database hits of every query profiled.
func (p *Profile) DBHits() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	var n int64
	for _, q := range p.Queries {
		n += q.DBHits
	}
	return n
}

type profileKey struct{}

// WithProfile returns a context whose reads are profiled into the returned Profile.
func WithProfile(ctx context.Context) (context.Context, *Profile) {
	p := &Profile{}
	return context.WithValue(ctx, profileKey{}, p), p
}

func profileOf(ctx context.Context) *Profile {
	p, _ := ctx.Value(profileKey{}).(*Profile)
	return p
}

func (p *Profile) add(cypher string, sum neo4j.ResultSummary) {
	if sum == nil || sum.Profile() == nil {
		return
	}
	hits, rows := planHits(sum.Profile())
	p.mu.Lock()
	p.Queries = append(p.Queries, ProfiledQuery{Cypher: cypher, DBHits: hits, Rows: rows})
	p.mu.Unlock()
}

// PlanDBHits adds up the database hits of a profiled plan, and returns the rows of its root.
func PlanDBHits(sum neo4j.ResultSummary) (hits, rows int64) {
	if sum == nil || sum.Profile() == nil {
		return 0, 0
	}
	return planHits(sum.Profile())
}

func planHits(p neo4j.ProfiledPlan) (int64, int64) {
	hits := p.DbHits()
	for _, c := range p.Children() {
		h, _ := planHits(c)
		hits += h
	}
	return hits, p.Records()
}
