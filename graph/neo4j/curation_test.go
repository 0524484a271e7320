package neo4j_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/neo4j/neo4jtest"
)

func actor(run, name string, role graph.Role) graph.Actor {
	return graph.Actor{Name: name + "-" + run, Role: role, TokenID: "tok-" + name + "-" + run}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Fatalf("%s: got %q (%v), want %s", what, got, err, code)
	}
}

func TestTokensAndSessions(t *testing.T) {
	s := neo4jtest.Store(t)
	ctx := context.Background()
	tok, secret, err := s.CreateToken(ctx, "alice", graph.RoleCurator, time.Hour, "test")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a token authenticates its holder, and only its hash is stored", func(t *testing.T) {
		a, err := s.Authenticate(ctx, secret)
		if err != nil {
			t.Fatal(err)
		}
		if a.Name != "alice" || a.Role != graph.RoleCurator || a.TokenID != tok.ID {
			t.Errorf("actor %+v", a)
		}
		n, err := s.CountPropertyValue(ctx, "ApiToken", secret)
		if err != nil || n != 0 {
			t.Errorf("the secret is stored in %d properties (%v)", n, err)
		}
	})
	t.Run("unknown and malformed tokens are refused", func(t *testing.T) {
		_, err := s.Authenticate(ctx, graph.NewSecret(graph.TokenPrefix))
		wantCode(t, "unknown token", err, graph.EUnauthenticated)
		_, err = s.Authenticate(ctx, "Bearer nonsense")
		wantCode(t, "malformed token", err, graph.EUnauthenticated)
	})
	t.Run("an expired token is refused", func(t *testing.T) {
		_, short, err := s.CreateToken(ctx, "brief", graph.RoleCurator, 50*time.Millisecond, "test")
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond)
		_, err = s.Authenticate(ctx, short)
		wantCode(t, "expired token", err, graph.EUnauthenticated)
	})
	t.Run("a session carries the actor and checks its CSRF secret", func(t *testing.T) {
		sess, ss, csrf, err := s.CreateSession(ctx, secret, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if sess.Actor.Name != "alice" || !sess.ExpiresAt.After(time.Now()) {
			t.Errorf("session %+v", sess)
		}
		a, ok, err := s.SessionActor(ctx, ss, csrf)
		if err != nil || !ok || a.Name != "alice" {
			t.Errorf("with CSRF: %+v %v %v", a, ok, err)
		}
		_, ok, err = s.SessionActor(ctx, ss, graph.NewSecret(graph.CSRFPrefix))
		if err != nil || ok {
			t.Errorf("with a wrong CSRF secret: ok=%v err=%v", ok, err)
		}
		if err := s.DeleteSession(ctx, ss); err != nil {
			t.Fatal(err)
		}
		_, _, err = s.SessionActor(ctx, ss, csrf)
		wantCode(t, "ended session", err, graph.EUnauthenticated)
	})
	t.Run("revoking a token ends it and its sessions", func(t *testing.T) {
		_, ss, csrf, err := s.CreateSession(ctx, secret, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.RevokeToken(ctx, tok.ID)
		if err != nil || r.RevokedAt.IsZero() {
			t.Fatalf("revoke: %+v %v", r, err)
		}
		_, err = s.Authenticate(ctx, secret)
		wantCode(t, "revoked token", err, graph.EUnauthenticated)
		_, _, err = s.SessionActor(ctx, ss, csrf)
		wantCode(t, "session of a revoked token", err, graph.EUnauthenticated)
		_, _, _, err = s.CreateSession(ctx, secret, time.Hour)
		wantCode(t, "sign-in with a revoked token", err, graph.EUnauthenticated)
		_, err = s.RevokeToken(ctx, "tok-none")
		wantCode(t, "unknown token", err, graph.ENotFound)
	})
	t.Run("bad tokens are not created", func(t *testing.T) {
		_, _, err := s.CreateToken(ctx, "x", graph.Role("owner"), time.Hour, "test")
		wantCode(t, "unknown role", err, graph.EInvalid)
		_, _, err = s.CreateToken(ctx, "", graph.RoleReader, time.Hour, "test")
		wantCode(t, "no name", err, graph.EInvalid)
		_, _, err = s.CreateToken(ctx, "x", graph.RoleReader, 0, "test")
		wantCode(t, "no expiry", err, graph.EInvalid)
	})
}

func TestLinks(t *testing.T) {
	f := newFixture()
	load(t, f)
	s := neo4jtest.Store(t)
	ctx := context.Background()
	alice, bob := actor(f.run, "alice", graph.RoleCurator), actor(f.run, "bob", graph.RoleCurator)
	admin := actor(f.run, "root", graph.RoleAdmin)
	version := func() int64 {
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var link *graph.Edge

	t.Run("a link is added with provenance, once", func(t *testing.T) {
		v0 := version()
		r, err := s.AddLink(ctx, alice, graph.LinkInput{Source: f.work2, Type: graph.Studies, Target: f.org,
			Evidence: "https://example.org/evidence", Note: "section 2"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Outcome != graph.OutcomeCreated || r.Change == nil || r.Link == nil {
			t.Fatalf("got %+v", r)
		}
		link = r.Link
		want := graph.Provenance{Source: "curator", Record: r.Change.ID, Curator: alice.Name, AddedAt: link.Provenance.AddedAt,
			Evidence: "https://example.org/evidence", Note: "section 2"}
		if diff := cmp.Diff(want, link.Provenance); diff != "" || link.ID != graph.LinkID(f.work2, graph.Studies, f.org) {
			t.Errorf("link %s provenance (-want +got):\n%s", link.ID, diff)
		}
		if version() <= v0 {
			t.Error("the graph version did not advance")
		}
		v1 := version()
		again, err := s.AddLink(ctx, bob, graph.LinkInput{Source: f.work2, Type: graph.Studies, Target: f.org})
		if err != nil || again.Outcome != graph.OutcomeExisted || again.Change != nil {
			t.Fatalf("second add: %+v %v", again, err)
		}
		if version() != v1 {
			t.Error("adding an existing link advanced the graph version")
		}
	})
	t.Run("links are checked against the kinds of their ends and the type's properties", func(t *testing.T) {
		_, err := s.AddLink(ctx, alice, graph.LinkInput{Source: f.work2, Type: graph.CaseCountry, Target: f.org})
		wantCode(t, "a work as the case country of an organisation", err, graph.EInvalid)
		_, err = s.AddLink(ctx, alice, graph.LinkInput{Source: f.work2, Type: graph.Authored, Target: f.person})
		wantCode(t, "a work authoring a person", err, graph.EInvalid)
		_, err = s.AddLink(ctx, alice, graph.LinkInput{Source: f.work2, Type: graph.Studies, Target: f.org, Props: map[string]any{"position": 1}})
		wantCode(t, "a property STUDIES does not take", err, graph.EInvalid)
		_, err = s.AddLink(ctx, alice, graph.LinkInput{Source: f.work2, Type: graph.Studies, Target: "o-0000000000000000"})
		wantCode(t, "an unknown target", err, graph.ENotFound)
		_, err = s.AddLink(ctx, alice, graph.LinkInput{Source: "10.1000/bad doi", Type: graph.Studies, Target: f.org})
		wantCode(t, "a malformed identifier", err, graph.EInvalid)
		_, err = s.AddLink(ctx, alice, graph.LinkInput{Source: f.work2, Type: "LIKES", Target: f.org})
		wantCode(t, "an unknown type", err, graph.EInvalid)
	})
	t.Run("external identifiers name the ends", func(t *testing.T) {
		r, err := s.AddLink(ctx, alice, graph.LinkInput{Source: f.work1, Type: graph.CaseCountry, Target: "MRT"})
		if err != nil || r.Outcome != graph.OutcomeCreated || r.Link.Target != "c-mr" {
			t.Fatalf("got %+v %v", r, err)
		}
	})
	t.Run("a retracted link is gone for readers and kept in history", func(t *testing.T) {
		_, err := s.RetractLink(ctx, alice, link.ID, "", false)
		wantCode(t, "retraction without a reason", err, graph.EInvalid)
		r, err := s.RetractLink(ctx, bob, link.ID, "the paper does not study it", false)
		if err != nil || r.Outcome != graph.OutcomeRetracted || r.Link.Retraction == nil || r.Link.Retraction.By != bob.Name {
			t.Fatalf("retract: %+v %v", r, err)
		}
		ns, err := neighbours(ctx, s, neighbourQuery{IDs: []string{f.org}, Type: graph.Studies, Dir: graph.In})
		if err != nil || len(ns[0]) != 1 || ns[0][0].Node.ID != f.work1 {
			t.Errorf("readers still see it: %+v %v", ns, err)
		}
		sg, err := s.Relations(ctx, graph.RelationsQuery{ID: f.work2, Depth: 1, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range sg.Edges {
			if e.ID == link.ID {
				t.Error("the retracted link is in the graph of relations")
			}
		}
		sg, err = s.Relations(ctx, graph.RelationsQuery{ID: f.work2, Depth: 1, Limit: 50, EdgeProps: true, Retracted: true})
		if err != nil {
			t.Fatal(err)
		}
		var seen *graph.Edge
		for _, e := range sg.Edges {
			if e.ID == link.ID {
				seen = e
			}
		}
		if seen == nil || seen.Retraction == nil || seen.Retraction.By != bob.Name {
			t.Errorf("curators do not see the retracted link in the graph of relations: %+v", seen)
		}
		got, err := s.Link(ctx, alice, link.ID)
		if err != nil || got == nil || got.Retraction == nil || got.Retraction.Reason != "the paper does not study it" {
			t.Errorf("curators see it retracted: %+v %v", got, err)
		}
		again, err := s.RetractLink(ctx, alice, link.ID, "again", false)
		if err != nil || again.Outcome != graph.OutcomeAlreadyRetracted {
			t.Errorf("second retraction: %+v %v", again, err)
		}
		h, err := s.History(ctx, alice, graph.HistoryQuery{ID: link.ID, First: 10})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]graph.Action{graph.ActionRetractLink, graph.ActionAddLink}, actions(h)); diff != "" {
			t.Errorf("history (-want +got):\n%s", diff)
		}
		c := h.Changes[0]
		if c.Actor != bob.Name || c.Note != "the paper does not study it" || c.Before["retracted"] != nil || c.After["retracted"] != true {
			t.Errorf("the retraction record: %+v", c)
		}
	})
	t.Run("a restored link is back, and adding a retracted link restores it", func(t *testing.T) {
		r, err := s.RestoreLink(ctx, alice, link.ID, "it does, in section 3", false)
		if err != nil || r.Outcome != graph.OutcomeRestored || r.Link.Retraction != nil {
			t.Fatalf("restore: %+v %v", r, err)
		}
		if _, err := s.RetractLink(ctx, alice, link.ID, "undo", false); err != nil {
			t.Fatal(err)
		}
		r, err = s.AddLink(ctx, bob, graph.LinkInput{Source: f.work2, Type: graph.Studies, Target: f.org})
		if err != nil || r.Outcome != graph.OutcomeRestored {
			t.Fatalf("add of a retracted link: %+v %v", r, err)
		}
		h, err := s.History(ctx, alice, graph.HistoryQuery{ID: link.ID, First: 2})
		if err != nil || h.TotalCount != 5 || !h.HasNext || len(h.Changes) != 2 {
			t.Fatalf("history page: %+v %v", h, err)
		}
		next, err := s.History(ctx, alice, graph.HistoryQuery{ID: link.ID, First: 10, After: h.Cursors[1]})
		if err != nil {
			t.Fatal(err)
		}
		want := []graph.Action{graph.ActionRestoreLink, graph.ActionRetractLink, graph.ActionRestoreLink, graph.ActionRetractLink, graph.ActionAddLink}
		if diff := cmp.Diff(want, append(actions(h), actions(next)...)); diff != "" {
			t.Errorf("history across pages (-want +got):\n%s", diff)
		}
	})
	t.Run("an entity's history includes its links' changes unless asked not to", func(t *testing.T) {
		h, err := s.History(ctx, alice, graph.HistoryQuery{ID: f.org, Links: true, First: 50})
		if err != nil || h.TotalCount != 5 {
			t.Errorf("with links: %d changes (%v)", h.TotalCount, err)
		}
		h, err = s.History(ctx, alice, graph.HistoryQuery{ID: f.org, First: 50})
		if err != nil || h.TotalCount != 0 {
			t.Errorf("without links: %d changes (%v)", h.TotalCount, err)
		}
	})
	t.Run("a retracted authorship no longer makes works share an author", func(t *testing.T) {
		same := func() int {
			p, err := works(ctx, s, pageQuery{IDs: []string{f.work1}, List: sameAuthorWorks, First: 10})
			if err != nil {
				t.Fatal(err)
			}
			return p[0].TotalCount
		}
		if n := same(); n != 1 {
			t.Fatalf("before: %d works by the same author, want 1", n)
		}
		id := graph.LinkID(f.person, graph.Authored, f.work2)
		if _, err := s.RetractLink(ctx, actor(f.run, "root", graph.RoleAdmin), id, "not an author", false); err != nil {
			t.Fatal(err)
		}
		if n := same(); n != 0 {
			t.Errorf("after the retraction: %d works by the same author, want 0", n)
		}
		if _, err := s.RestoreLink(ctx, actor(f.run, "root", graph.RoleAdmin), id, "", false); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("readers and anonymous callers change nothing", func(t *testing.T) {
		_, err := s.AddLink(ctx, graph.Anonymous, graph.LinkInput{Source: f.work2, Type: graph.Cites, Target: f.work1})
		wantCode(t, "anonymous", err, graph.EUnauthenticated)
		_, err = s.AddLink(ctx, actor(f.run, "rita", graph.RoleReader), graph.LinkInput{Source: f.work2, Type: graph.Cites, Target: f.work1})
		wantCode(t, "reader", err, graph.EForbidden)
		_, err = s.History(ctx, graph.Anonymous, graph.HistoryQuery{ID: f.org, First: 5})
		wantCode(t, "anonymous history", err, graph.EUnauthenticated)
	})

	t.Run("authorship needs review by someone else", func(t *testing.T) {
		w3 := graph.NodeInput{Key: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w3"}, Props: map[string]any{"title": "Third " + f.run}, Prov: graph.Provenance{Source: "test"}}
		if _, err := s.UpsertNodes(ctx, []graph.NodeInput{w3}); err != nil {
			t.Fatal(err)
		}
		work3 := graph.NewID(graph.Work, graph.SchemeKey, w3.Key.Value)
		in := graph.LinkInput{Source: f.person, Type: graph.Authored, Target: work3, Props: map[string]any{"position": 1},
			Evidence: "doi:10.1000/x", Note: "title page"}
		r, err := s.AddLink(ctx, alice, in)
		if err != nil || r.Outcome != graph.OutcomeProposed || r.Proposal == nil || r.Link != nil {
			t.Fatalf("propose: %+v %v", r, err)
		}
		p := r.Proposal
		if l, err := s.Link(ctx, alice, p.LinkID); err != nil || l != nil {
			t.Fatalf("a proposed link exists before review: %+v %v", l, err)
		}
		again, err := s.AddLink(ctx, bob, in)
		if err != nil || again.Outcome != graph.OutcomeAlreadyProposed || again.Proposal.ID != p.ID {
			t.Fatalf("second proposal: %+v %v", again, err)
		}
		queue, err := s.Proposals(ctx, bob, graph.ProposalQuery{Entity: f.person, First: 100}) // this test's, whatever others left pending
		if err != nil || !containsProposal(queue, p.ID) {
			t.Fatalf("the queue lacks %s: %v", p.ID, err)
		}
		_, err = s.ApproveProposal(ctx, alice, p.ID, "")
		wantCode(t, "approving one's own proposal", err, graph.EForbidden)
		_, err = s.RejectProposal(ctx, alice, p.ID, "no")
		wantCode(t, "rejecting one's own proposal", err, graph.EForbidden)
		_, err = s.WithdrawProposal(ctx, bob, p.ID)
		wantCode(t, "withdrawing another's proposal", err, graph.EForbidden)
		rev, err := s.ApproveProposal(ctx, bob, p.ID, "checked the PDF")
		if err != nil {
			t.Fatal(err)
		}
		if rev.Proposal.Status != graph.ProposalApproved || rev.Applied.Outcome != graph.OutcomeCreated {
			t.Fatalf("approval: %+v %+v", rev.Proposal, rev.Applied)
		}
		l := rev.Applied.Link
		if l.Provenance.Curator != alice.Name || l.Provenance.ReviewedBy != bob.Name || l.Props["position"] != int64(1) || l.Provenance.Evidence != "doi:10.1000/x" {
			t.Errorf("the approved link: %+v", l)
		}
		_, err = s.ApproveProposal(ctx, admin, p.ID, "")
		wantCode(t, "approving twice", err, graph.EConflict)
		h, err := s.History(ctx, bob, graph.HistoryQuery{ID: l.ID, First: 10})
		if err != nil || len(h.Changes) != 2 || h.Changes[0].Reviewer != bob.Name || h.Changes[1].Action != graph.ActionPropose {
			t.Errorf("history of the approved link: %+v %v", h.Changes, err)
		}

		// A retraction of it is a proposal too, which can be rejected or withdrawn.
		r, err = s.RetractLink(ctx, bob, l.ID, "wrong person", false)
		if err != nil || r.Outcome != graph.OutcomeProposed {
			t.Fatalf("retraction proposal: %+v %v", r, err)
		}
		rej, err := s.RejectProposal(ctx, alice, r.Proposal.ID, "it is the right person")
		if err != nil || rej.Proposal.Status != graph.ProposalRejected {
			t.Fatalf("reject: %+v %v", rej, err)
		}
		r, err = s.RetractLink(ctx, bob, l.ID, "wrong person after all", false)
		if err != nil || r.Outcome != graph.OutcomeProposed {
			t.Fatalf("retraction proposal: %+v %v", r, err)
		}
		wd, err := s.WithdrawProposal(ctx, bob, r.Proposal.ID)
		if err != nil || wd.Proposal.Status != graph.ProposalWithdrawn {
			t.Fatalf("withdraw: %+v %v", wd, err)
		}
		if got, _ := s.Link(ctx, bob, l.ID); got == nil || got.Retraction != nil {
			t.Errorf("the link after a rejected and a withdrawn retraction: %+v", got)
		}
		// An admin's change needs no review.
		r, err = s.RetractLink(ctx, admin, l.ID, "duplicate author record", false)
		if err != nil || r.Outcome != graph.OutcomeRetracted {
			t.Fatalf("admin retraction: %+v %v", r, err)
		}
	})
	t.Run("review policies are set per type by admins", func(t *testing.T) {
		_, err := s.SetReviewPolicy(ctx, alice, graph.Cites, true)
		wantCode(t, "a curator setting a policy", err, graph.EForbidden)
		p, err := s.SetReviewPolicy(ctx, admin, graph.Borders, true)
		if err != nil || !p.Review || p.SetBy != admin.Name {
			t.Fatalf("set: %+v %v", p, err)
		}
		defer s.SetReviewPolicy(ctx, admin, graph.Borders, false)
		ps, err := s.ReviewPolicies(ctx)
		if err != nil || len(ps) != len(graph.RelTypes) {
			t.Fatalf("policies: %+v %v", ps, err)
		}
		for _, p := range ps {
			if p.Type == graph.Borders && !p.Review || p.Type == graph.Authored && !p.Review || p.Type == graph.Cites && p.Review {
				t.Errorf("policy %+v", p)
			}
		}
		r, err := s.AddLink(ctx, alice, graph.LinkInput{Source: "c-mr", Type: graph.Borders, Target: "c-ml", Propose: false})
		if err != nil || r.Outcome != graph.OutcomeExisted && r.Outcome != graph.OutcomeProposed && r.Outcome != graph.OutcomeAlreadyProposed {
			t.Fatalf("a BORDERS link under review: %+v %v", r, err)
		}
	})
}

func actions(p graph.ChangePage) []graph.Action {
	var out []graph.Action
	for _, c := range p.Changes {
		out = append(out, c.Action)
	}
	return out
}

func containsProposal(p graph.ProposalPage, id string) bool {
	for _, x := range p.Proposals {
		if x.ID == id {
			return true
		}
	}
	return false
}

func TestEntities(t *testing.T) {
	f := newFixture()
	load(t, f)
	s := neo4jtest.Store(t)
	ctx := context.Background()
	alice, bob := actor(f.run, "alice", graph.RoleCurator), actor(f.run, "bob", graph.RoleCurator)

	t.Run("a created entity gets an id from its identifier, and a duplicate identifier conflicts", func(t *testing.T) {
		doi := "10.5555/" + f.run
		r, err := s.CreateEntity(ctx, alice, graph.EntityInput{Kind: graph.Work, Props: map[string]any{"title": "New " + f.run, "doi": "https://doi.org/" + doi, "year": 2020}})
		if err != nil {
			t.Fatal(err)
		}
		if r.Node.ID != graph.NewID(graph.Work, graph.SchemeDOI, doi) || r.Node.Props["doi"] != doi || r.Node.Props["version"] != int64(1) || r.Node.Label != "New "+f.run {
			t.Errorf("created %+v", r.Node)
		}
		_, err = s.CreateEntity(ctx, bob, graph.EntityInput{Kind: graph.Work, Props: map[string]any{"title": "Again", "doi": doi}})
		wantCode(t, "a second work with the DOI", err, graph.EConflict)
		_, err = s.CreateEntity(ctx, bob, graph.EntityInput{Kind: graph.Person, Props: map[string]any{"orcid": "0000-0002-1825-0097"}})
		wantCode(t, "a person without a name", err, graph.EInvalid)
		_, err = s.CreateEntity(ctx, bob, graph.EntityInput{Kind: graph.Person, Props: map[string]any{"name": "X", "orcid": "0000-0002-1825-0098"}})
		wantCode(t, "a bad ORCID check digit", err, graph.EInvalid)
		p, err := s.CreateEntity(ctx, bob, graph.EntityInput{Kind: graph.Person, Props: map[string]any{"name": "Nobody " + f.run}})
		if err != nil || graph.KindOfID(p.Node.ID) != graph.Person {
			t.Fatalf("a person without identifiers: %+v %v", p, err)
		}
		found, err := search(ctx, s, graph.SearchQuery{Text: "Nobody " + f.run, First: 5})
		if err != nil || found.TotalCount != 1 {
			t.Errorf("search for the new person: %+v %v", found, err)
		}
	})
	t.Run("two curators updating at once: exactly one conflict", func(t *testing.T) {
		for round := 0; round < 5; round++ {
			n, err := nodes(ctx, s, []string{f.work2})
			if err != nil {
				t.Fatal(err)
			}
			v := n[0].Props["version"].(int64)
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, a := range []graph.Actor{alice, bob} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, errs[i] = s.UpdateEntity(ctx, a, graph.EntityUpdate{ID: f.work2, Version: v,
						Set: map[string]any{"title": a.Name + " title " + time.Now().String()}})
				}()
			}
			wg.Wait()
			codes := []string{graph.ErrorCode(errs[0]), graph.ErrorCode(errs[1])}
			if !(codes[0] == "" && codes[1] == graph.EConflict || codes[0] == graph.EConflict && codes[1] == "") {
				t.Fatalf("round %d: %v", round, errs)
			}
			n, _ = nodes(ctx, s, []string{f.work2})
			if n[0].Props["version"] != v+1 {
				t.Fatalf("round %d: version %v, want %d", round, n[0].Props["version"], v+1)
			}
		}
	})
	t.Run("an update records before and after; an unchanged one records nothing", func(t *testing.T) {
		n, _ := nodes(ctx, s, []string{f.work1})
		v := n[0].Props["version"].(int64)
		r, err := s.UpdateEntity(ctx, alice, graph.EntityUpdate{ID: f.work1, Version: v, Set: map[string]any{"year": 2019, "language": "French"}, Unset: []string{}, Note: "per the PDF"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]any{"year": int64(2018), "language": nil, "version": v}
		if diff := cmp.Diff(want, r.Change.Before); diff != "" {
			t.Errorf("before (-want +got):\n%s", diff)
		}
		if r.Node.Props["year"] != int64(2019) || r.Node.Props["language"] != "French" || r.Node.Props["version"] != v+1 {
			t.Errorf("after: %+v", r.Node.Props)
		}
		same, err := s.UpdateEntity(ctx, bob, graph.EntityUpdate{ID: f.work1, Version: v + 1, Set: map[string]any{"year": 2019}})
		if err != nil || same.Change != nil || same.Node.Props["version"] != v+1 {
			t.Errorf("unchanged update: %+v %v", same, err)
		}
		_, err = s.UpdateEntity(ctx, bob, graph.EntityUpdate{ID: f.work1, Version: v + 1, Unset: []string{"title"}})
		wantCode(t, "removing the title", err, graph.EInvalid)
		_, err = s.UpdateEntity(ctx, bob, graph.EntityUpdate{ID: f.work1, Version: v + 1, Set: map[string]any{"colour": "red"}})
		wantCode(t, "an unknown property", err, graph.EInvalid)
		h, err := s.History(ctx, alice, graph.HistoryQuery{ID: f.work1, First: 5})
		if err != nil || len(h.Changes) != 1 || h.Changes[0].Note != "per the PDF" {
			t.Errorf("history: %+v %v", h, err)
		}
	})
	t.Run("an import after a read makes the curator's version stale", func(t *testing.T) {
		n, _ := nodes(ctx, s, []string{f.person})
		v := n[0].Props["version"].(int64)
		in := f.nodes[2]
		in.Props = map[string]any{"name": "Ann B. Author " + f.run}
		if _, err := s.UpsertNodes(ctx, []graph.NodeInput{in}); err != nil {
			t.Fatal(err)
		}
		_, err := s.UpdateEntity(ctx, alice, graph.EntityUpdate{ID: f.person, Version: v, Set: map[string]any{"name": "Ann Author"}})
		wantCode(t, "an update after an import", err, graph.EConflict)
	})
}

// newORCID makes a random valid ORCID iD (with its ISO 7064 11,2 check digit).
func newORCID() string {
	digits := []byte("0009")
	for len(digits) < 15 {
		digits = append(digits, byte('0'+rand.IntN(10)))
	}
	total := 0
	for _, d := range digits {
		total = (total + int(d-'0')) * 2
	}
	check := (12 - total%11) % 11
	c := byte('0' + check)
	if check == 10 {
		c = 'X'
	}
	s := string(append(digits, c))
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12] + "-" + s[12:16]
}

var sortStrings = cmpopts.SortSlices(func(a, b string) bool { return a < b })

func TestMerge(t *testing.T) {
	f := newFixture()
	load(t, f)
	s := neo4jtest.Store(t)
	ctx := context.Background()
	alice := actor(f.run, "alice", graph.RoleCurator)
	// A duplicate of the person, with an OpenAlex id and an ORCID the kept one lacks, who authored
	// work2 (which the kept person authored too) and a work of their own, and is affiliated with org.
	prov := graph.Provenance{Source: "test"}
	dupKey := graph.Ref{Kind: graph.Person, Scheme: graph.SchemeKey, Value: f.run + "-dup"}
	w4 := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w4"}
	orcid := newORCID()
	openalex := "A9" + f.run[1:]
	if _, err := s.UpsertNodes(ctx, []graph.NodeInput{
		{Key: dupKey, Props: map[string]any{"name": "A. Author " + f.run, "orcid": orcid, "openalex": openalex}, Prov: prov},
		{Key: w4, Props: map[string]any{"title": "Fourth " + f.run}, Prov: prov},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpsertEdges(ctx, []graph.EdgeInput{
		{Type: graph.Authored, From: dupKey, To: graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w2"}, Props: map[string]any{"position": int64(2)}, Prov: graph.Provenance{Source: "other"}},
		{Type: graph.Authored, From: dupKey, To: w4, Props: map[string]any{"position": int64(1)}, Prov: prov},
		{Type: graph.AffiliatedWith, From: dupKey, To: graph.Ref{Kind: graph.Organisation, Scheme: graph.SchemeKey, Value: f.run + "-o"}, Prov: prov},
	}); err != nil {
		t.Fatal(err)
	}
	dup := graph.NewID(graph.Person, graph.SchemeKey, dupKey.Value)
	work4 := graph.NewID(graph.Work, graph.SchemeKey, w4.Value)

	r, err := s.MergeEntities(ctx, alice, f.person, dup, "same person, initials only")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every link moves to the kept entity", func(t *testing.T) {
		if r.Moved != 3 || r.Combined != 1 || r.Duplicate != dup || r.Kept.ID != f.person {
			t.Errorf("result: moved %d combined %d dup %s kept %s", r.Moved, r.Combined, r.Duplicate, r.Kept.ID)
		}
		ls, err := neighbours(ctx, s, neighbourQuery{IDs: []string{f.person}, Type: graph.Authored, Dir: graph.Out})
		if err != nil {
			t.Fatal(err)
		}
		var works []string
		for _, l := range ls[0] {
			works = append(works, l.Node.ID)
		}
		if diff := cmp.Diff([]string{f.work1, f.work2, work4}, works, sortStrings); diff != "" {
			t.Errorf("authored works (-want +got):\n%s", diff)
		}
		aff, err := neighbours(ctx, s, neighbourQuery{IDs: []string{f.person}, Type: graph.AffiliatedWith, Dir: graph.Out})
		if err != nil || len(aff[0]) != 1 || aff[0][0].Node.ID != f.org {
			t.Errorf("affiliations: %+v %v", aff, err)
		}
		for _, l := range ls[0] {
			if l.Node.ID == work4 && l.Edge.ID != graph.LinkID(f.person, graph.Authored, work4) {
				t.Errorf("moved link id %s", l.Edge.ID)
			}
		}
	})
	t.Run("the old id and identifiers redirect", func(t *testing.T) {
		ns, err := nodes(ctx, s, []string{dup})
		if err != nil || ns[0] == nil || ns[0].ID != f.person {
			t.Fatalf("node(%s): %+v %v", dup, ns, err)
		}
		sg, err := s.Relations(ctx, graph.RelationsQuery{ID: dup, Depth: 1, Limit: 50})
		if err != nil || sg.Nodes[0].ID != f.person || len(sg.Nodes) != 5 {
			t.Fatalf("relations(%s): %+v %v", dup, sg, err)
		}
		byORCID, err := lookup(ctx, s, graph.Ref{Kind: graph.Person, Scheme: graph.SchemeORCID, Value: orcid})
		if err != nil || byORCID == nil || byORCID.ID != f.person {
			t.Errorf("by ORCID (copied over): %+v %v", byORCID, err)
		}
		byOpenAlex, err := lookup(ctx, s, graph.Ref{Kind: graph.Person, Scheme: graph.SchemeOpenAlex, Value: openalex})
		if err != nil || byOpenAlex == nil || byOpenAlex.ID != f.person {
			t.Errorf("by OpenAlex id: %+v %v", byOpenAlex, err)
		}
		found, err := search(ctx, s, graph.SearchQuery{Text: "A. Author " + f.run, First: 5})
		if err != nil || found.TotalCount != 1 || found.Nodes[0].ID != f.person {
			t.Errorf("search by the duplicate's name: %+v %v", found, err)
		}
	})
	t.Run("the merge and the moves are in history under both ids", func(t *testing.T) {
		for _, id := range []string{f.person, dup} {
			h, err := s.History(ctx, alice, graph.HistoryQuery{ID: id, Links: true, First: 50})
			if err != nil {
				t.Fatal(err)
			}
			if h.TotalCount != 4 || h.Changes[len(h.Changes)-1].Action != graph.ActionMergeEntity {
				t.Errorf("history(%s): %v", id, actions(h))
			}
		}
		oldLink := graph.LinkID(dup, graph.Authored, work4)
		h, err := s.History(ctx, alice, graph.HistoryQuery{ID: oldLink, First: 5})
		if err != nil || len(h.Changes) != 1 || h.Changes[0].Action != graph.ActionMoveLink {
			t.Errorf("history of the old link id: %+v %v", h, err)
		}
		l, err := s.Link(ctx, alice, oldLink)
		if err != nil || l == nil || l.ID != graph.LinkID(f.person, graph.Authored, work4) {
			t.Errorf("the old link id resolves: %+v %v", l, err)
		}
	})
	t.Run("importing the duplicate's record again lands on the kept entity", func(t *testing.T) {
		st, err := s.UpsertNodes(ctx, []graph.NodeInput{{Key: dupKey, Props: map[string]any{"name": "A. Author " + f.run}, Prov: graph.Provenance{Source: "again"}}})
		if err != nil || st.Created != 0 {
			t.Fatalf("re-import: %+v %v", st, err)
		}
		w5 := graph.Ref{Kind: graph.Work, Scheme: graph.SchemeKey, Value: f.run + "-w5"}
		if _, err := s.UpsertNodes(ctx, []graph.NodeInput{{Key: w5, Props: map[string]any{"title": "Fifth " + f.run}, Prov: prov}}); err != nil {
			t.Fatal(err)
		}
		es, err := s.UpsertEdges(ctx, []graph.EdgeInput{{Type: graph.Authored, From: dupKey, To: w5, Prov: prov}})
		if err != nil || es.Created != 1 {
			t.Fatalf("an edge from the duplicate's key: %+v %v", es, err)
		}
		ls, err := neighbours(ctx, s, neighbourQuery{IDs: []string{f.person}, Type: graph.Authored, Dir: graph.Out})
		if err != nil || len(ls[0]) != 4 {
			t.Errorf("the kept person's works after the re-import: %d (%v)", len(ls[0]), err)
		}
		ns, err := nodes(ctx, s, []string{dup})
		if err != nil || ns[0] == nil || ns[0].ID != f.person {
			t.Errorf("node(%s) after the re-import: %+v %v", dup, ns[0], err)
		}
	})
	t.Run("merges that make no sense are refused", func(t *testing.T) {
		_, err := s.MergeEntities(ctx, alice, f.person, dup, "")
		wantCode(t, "merging into itself", err, graph.EInvalid)
		_, err = s.MergeEntities(ctx, alice, f.person, f.work1, "")
		wantCode(t, "a work into a person", err, graph.EInvalid)
		other, err := s.CreateEntity(ctx, alice, graph.EntityInput{Kind: graph.Person, Props: map[string]any{"name": "Other", "orcid": newORCID()}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.MergeEntities(ctx, alice, f.person, other.Node.ID, "")
		wantCode(t, "two people with different ORCID iDs", err, graph.EInvalid)
	})
}
