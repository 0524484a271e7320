package neo4j

import (
	"context"
	"fmt"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
)

// propose records a change to a link as a proposal, unless the same change awaits review already.
func propose(ctx context.Context, st *ctxState, a graph.Actor, action graph.Action, e *graph.Edge, props map[string]any, evidence, note string) (graph.LinkResult, error) {
	existing, err := one(ctx, st.tx, "MATCH (p:Proposal {linkId: $id}) WHERE p.status = 'PENDING' AND p.action = $action RETURN p LIMIT 1",
		map[string]any{"id": e.ID, "action": string(action)})
	if err != nil {
		return graph.LinkResult{}, err
	}
	var link *graph.Edge
	if action != graph.ActionAddLink {
		link = e
	}
	if existing != nil {
		n, err := column[dbtype.Node](existing, "p")
		if err != nil {
			return graph.LinkResult{}, err
		}
		pending, err := decodeProposal(n)
		if err != nil {
			return graph.LinkResult{}, err
		}
		return graph.LinkResult{Outcome: graph.OutcomeAlreadyProposed, Link: link, Proposal: pending}, nil
	}
	p := &graph.Proposal{ID: graph.NewRandomID("prop-"), Action: action, LinkID: e.ID, Type: e.Type, Source: e.Source,
		Target: e.Target, Props: props, Evidence: evidence, Note: note, Status: graph.ProposalPending,
		ProposedBy: actorOf(a), ProposedAt: st.at, Seq: st.seq}
	_, err = st.tx.Run(ctx, `CREATE (:Proposal {id: $id, status: 'PENDING', action: $action, linkId: $link, type: $type,
  source: $source, target: $target, props: $props, evidence: $evidence, note: $note, proposedBy: $by,
  proposedRole: $role, proposedAt: $at, seq: $seq})`, map[string]any{"id": p.ID, "action": string(action), "link": e.ID,
		"type": string(e.Type), "source": e.Source, "target": e.Target, "props": jsonText(props), "evidence": nilIfEmpty(evidence),
		"note": nilIfEmpty(note), "by": p.ProposedBy, "role": string(a.Role), "at": stamp(st.at), "seq": st.seq})
	if err != nil {
		return graph.LinkResult{}, err
	}
	c := st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionPropose, Subject: e.ID,
		SubjectKind: graph.SubjectLink, After: proposalSnapshot(p), Note: note, Proposal: p.ID}, linkAbout(e)...)
	return graph.LinkResult{Outcome: graph.OutcomeProposed, Link: link, Proposal: p, Change: c}, nil
}

func proposalSnapshot(p *graph.Proposal) map[string]any {
	m := map[string]any{"action": string(p.Action), "type": string(p.Type), "source": p.Source, "target": p.Target,
		"status": string(p.Status)}
	if len(p.Props) > 0 {
		m["properties"] = p.Props
	}
	if p.Evidence != "" {
		m["evidence"] = p.Evidence
	}
	return m
}

// decodeProposal decodes a Proposal node.
func decodeProposal(n dbtype.Node) (*graph.Proposal, error) {
	f := fields{m: n.Props}
	p := &graph.Proposal{ID: f.mustText("id"), Action: graph.Action(f.text("action")), LinkID: f.text("linkId"),
		Type: graph.RelType(f.text("type")), Source: f.text("source"), Target: f.text("target"), Props: f.json("props"),
		Evidence: f.text("evidence"), Note: f.text("note"), Status: graph.ProposalStatus(f.text("status")),
		ProposedBy: f.text("proposedBy"), ProposedAt: f.time("proposedAt"), ReviewedBy: f.text("reviewedBy"),
		ReviewedAt: f.time("reviewedAt"), ReviewNote: f.text("reviewNote"), Seq: f.int("seq")}
	if f.err != nil {
		return nil, f.err
	}
	return p, nil
}

// proposalCursor is the keyset position of a proposal in the queue: its sequence, then id.
type proposalCursor struct {
	Seq int64  `json:"s"`
	ID  string `json:"i"`
}

// proposalList describes a queue of proposals for its cursors.
func proposalList(q graph.ProposalQuery) string {
	return fmt.Sprintf("proposals %s %q", q.Status, q.Entity)
}

// Proposals implements graph.Curator: the queue, oldest first, in one query.
func (s *Store) Proposals(ctx context.Context, a graph.Actor, q graph.ProposalQuery) (graph.ProposalPage, error) {
	if err := requireCurator(a); err != nil {
		return graph.ProposalPage{}, err
	}
	if q.Status == "" {
		q.Status = graph.ProposalPending
	}
	params := map[string]any{"status": string(q.Status), "first": q.First + 1, "after": nil, "s": int64(0), "aid": "",
		"entity": nilIfEmpty(q.Entity)}
	if q.After != "" {
		var c proposalCursor
		if err := s.cursors.decode(proposalList(q), q.After, &c); err != nil {
			return graph.ProposalPage{}, err
		}
		params["after"], params["s"], params["aid"] = true, c.Seq, c.ID
	}
	recs, err := s.read(ctx, `CALL () {
  MATCH (p:Proposal) WHERE p.status = $status AND ($entity IS NULL OR $entity IN [p.source, p.target])
  RETURN count(p) AS total
}
CALL () {
  MATCH (p:Proposal) WHERE p.status = $status AND ($entity IS NULL OR $entity IN [p.source, p.target])
    AND ($after IS NULL OR p.seq > $s OR (p.seq = $s AND p.id > $aid))
  WITH p ORDER BY p.seq, p.id LIMIT $first
  RETURN collect(p) AS ps
}
RETURN total, ps`, params)
	if err != nil {
		return graph.ProposalPage{}, err
	}
	page := graph.ProposalPage{}
	if len(recs) == 0 {
		return page, nil
	}
	if page.TotalCount, err = intColumn(recs[0], "total"); err != nil {
		return graph.ProposalPage{}, err
	}
	ps, err := column[[]any](recs[0], "ps")
	if err != nil {
		return graph.ProposalPage{}, err
	}
	nodes, err := items[dbtype.Node](ps, "ps")
	if err != nil {
		return graph.ProposalPage{}, err
	}
	for _, n := range nodes {
		p, err := decodeProposal(n)
		if err != nil {
			return graph.ProposalPage{}, err
		}
		page.Proposals = append(page.Proposals, p)
		page.Cursors = append(page.Cursors, s.cursors.encode(proposalList(q), proposalCursor{Seq: p.Seq, ID: p.ID}))
	}
	if len(page.Proposals) > q.First {
		page.Proposals, page.Cursors, page.HasNext = page.Proposals[:q.First], page.Cursors[:q.First], true
	}
	return page, nil
}

// pendingProposal locks and returns a proposal that is still pending. Errors: NOT_FOUND, CONFLICT.
func pendingProposal(ctx context.Context, tx neo4j.ManagedTransaction, id string) (*graph.Proposal, string, error) {
	rec, err := one(ctx, tx, "MATCH (p:Proposal {id: $id}) SET p.lock_ = true REMOVE p.lock_ RETURN p, p.proposedRole AS role",
		map[string]any{"id": id})
	if err != nil {
		return nil, "", err
	}
	if rec == nil {
		return nil, "", graph.Errorf(graph.ENotFound, "no proposal with id %q", id)
	}
	n, err := column[dbtype.Node](rec, "p")
	if err != nil {
		return nil, "", err
	}
	p, err := decodeProposal(n)
	if err != nil {
		return nil, "", err
	}
	if p.Status != graph.ProposalPending {
		return nil, "", graph.Errorf(graph.EConflict, "proposal %s is %s already (by %s at %s)", id, p.Status,
			p.ReviewedBy, p.ReviewedAt.Format(time.RFC3339))
	}
	role, _, err := optColumn[string](rec, "role")
	return p, role, err
}

// closeProposal records the review of a proposal.
func closeProposal(ctx context.Context, st *ctxState, p *graph.Proposal, status graph.ProposalStatus, by graph.Actor, note string) error {
	p.Status, p.ReviewedBy, p.ReviewedAt, p.ReviewNote = status, actorOf(by), st.at, note
	_, err := st.tx.Run(ctx, "MATCH (p:Proposal {id: $id}) SET p.status = $status, p.reviewedBy = $by, p.reviewedAt = $at, p.reviewNote = $note",
		map[string]any{"id": p.ID, "status": string(status), "by": p.ReviewedBy, "at": stamp(st.at), "note": nilIfEmpty(note)})
	return err
}

func proposalEdge(p *graph.Proposal) *graph.Edge {
	return &graph.Edge{ID: p.LinkID, Type: p.Type, Source: p.Source, Target: p.Target}
}

// ApproveProposal implements graph.Curator: the change is applied as its author's, approved by
// the reviewer. A link added since the proposal is left as it is, and the approval says so.
func (s *Store) ApproveProposal(ctx context.Context, a graph.Actor, id, note string) (graph.ReviewResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.ReviewResult{}, err
	}
	note, err := curate.CheckText("note", note, curate.MaxNote, false)
	if err != nil {
		return graph.ReviewResult{}, err
	}
	var out graph.ReviewResult
	_, err = s.curate(ctx, func(st *ctxState) error {
		out = graph.ReviewResult{}
		p, role, err := pendingProposal(ctx, st.tx, id)
		if err != nil {
			return err
		}
		if p.ProposedBy == actorOf(a) {
			return graph.Errorf(graph.EForbidden, "%s proposed this; another curator or an admin must review it", a.Name)
		}
		author := graph.Actor{Name: p.ProposedBy, Role: graph.Role(role)}
		var applied graph.LinkResult
		switch p.Action {
		case graph.ActionAddLink:
			from, err := resolve(ctx, st.tx, graph.Ref{Scheme: graph.SchemeID, Value: p.Source}, "(the source)")
			if err != nil {
				return err
			}
			to, err := resolve(ctx, st.tx, graph.Ref{Scheme: graph.SchemeID, Value: p.Target}, "(the target)")
			if err != nil {
				return err
			}
			e, err := matchLink(ctx, st.tx, from.ID, p.Type, to.ID)
			if err != nil {
				return err
			}
			// Stored as JSON, numbers come back as floats: normalise them again.
			props, err := curate.LinkProps(p.Type, p.Props)
			if err != nil {
				return err
			}
			switch {
			case e == nil:
				planned := &graph.Edge{ID: graph.LinkID(from.ID, p.Type, to.ID), Type: p.Type, Source: from.ID, Target: to.ID}
				applied, err = applyAdd(ctx, st, author, actorOf(a), p.ID, planned, props, p.Evidence, p.Note)
			case e.Retraction != nil:
				applied, err = applyRestore(ctx, st, author, actorOf(a), p.ID, e, p.Note)
			default:
				applied = graph.LinkResult{Outcome: graph.OutcomeExisted, Link: e}
			}
			if err != nil {
				return err
			}
		case graph.ActionRetractLink, graph.ActionRestoreLink:
			e, err := findLink(ctx, st.tx, p.LinkID)
			if err != nil {
				return err
			}
			if e == nil {
				return graph.Errorf(graph.ENotFound, "the link %s of proposal %s no longer exists", p.LinkID, p.ID)
			}
			switch {
			case p.Action == graph.ActionRetractLink && e.Retraction != nil:
				applied = graph.LinkResult{Outcome: graph.OutcomeAlreadyRetracted, Link: e}
			case p.Action == graph.ActionRestoreLink && e.Retraction == nil:
				applied = graph.LinkResult{Outcome: graph.OutcomeAlreadyLive, Link: e}
			case p.Action == graph.ActionRetractLink:
				applied, err = applyRetract(ctx, st, author, actorOf(a), p.ID, e, p.Note)
			default:
				applied, err = applyRestore(ctx, st, author, actorOf(a), p.ID, e, p.Note)
			}
			if err != nil {
				return err
			}
		default:
			return graph.Errorf(graph.EInternal, "proposal %s has an unknown action %q", p.ID, p.Action)
		}
		if err := closeProposal(ctx, st, p, graph.ProposalApproved, a, note); err != nil {
			return err
		}
		if applied.Change == nil { // nothing to apply: still record who closed the proposal
			applied.Change = st.change(graph.Change{Actor: actorOf(author), Role: author.Role, Action: p.Action,
				Subject: p.LinkID, SubjectKind: graph.SubjectLink, Note: "approved; " + string(applied.Outcome),
				Proposal: p.ID, Reviewer: actorOf(a)}, linkAbout(proposalEdge(p))...)
		}
		applied.Proposal = p
		out = graph.ReviewResult{Proposal: p, Applied: &applied}
		return nil
	})
	return out, err
}

// RejectProposal implements graph.Curator.
func (s *Store) RejectProposal(ctx context.Context, a graph.Actor, id, reason string) (graph.ReviewResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.ReviewResult{}, err
	}
	reason, err := curate.CheckText("reason", reason, curate.MaxNote, true)
	if err != nil {
		return graph.ReviewResult{}, err
	}
	return s.closeAs(ctx, a, id, reason, graph.ProposalRejected, graph.ActionReject, func(p *graph.Proposal) error {
		if p.ProposedBy == actorOf(a) {
			return graph.Errorf(graph.EForbidden, "%s proposed this; withdraw it instead of rejecting it", a.Name)
		}
		return nil
	})
}

// WithdrawProposal implements graph.Curator.
func (s *Store) WithdrawProposal(ctx context.Context, a graph.Actor, id string) (graph.ReviewResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.ReviewResult{}, err
	}
	return s.closeAs(ctx, a, id, "", graph.ProposalWithdrawn, graph.ActionWithdraw, func(p *graph.Proposal) error {
		if p.ProposedBy != actorOf(a) {
			return graph.Errorf(graph.EForbidden, "only %s, who proposed it, can withdraw this proposal; reject it instead", p.ProposedBy)
		}
		return nil
	})
}

func (s *Store) closeAs(ctx context.Context, a graph.Actor, id, note string, status graph.ProposalStatus, action graph.Action, allowed func(*graph.Proposal) error) (graph.ReviewResult, error) {
	var out graph.ReviewResult
	_, err := s.curate(ctx, func(st *ctxState) error {
		p, _, err := pendingProposal(ctx, st.tx, id)
		if err != nil {
			return err
		}
		if err := allowed(p); err != nil {
			return err
		}
		before := proposalSnapshot(p)
		if err := closeProposal(ctx, st, p, status, a, note); err != nil {
			return err
		}
		st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: action, Subject: p.LinkID, SubjectKind: graph.SubjectLink,
			Before: before, After: proposalSnapshot(p), Note: note, Proposal: p.ID}, linkAbout(proposalEdge(p))...)
		out = graph.ReviewResult{Proposal: p}
		return nil
	})
	return out, err
}

// ReviewPolicies implements graph.Curator: every relation type, with its stored or default policy.
func (s *Store) ReviewPolicies(ctx context.Context) ([]graph.ReviewPolicy, error) {
	recs, err := s.read(ctx, "MATCH (p:ReviewPolicy) RETURN p", nil)
	if err != nil {
		return nil, err
	}
	stored := map[graph.RelType]graph.ReviewPolicy{}
	for _, r := range recs {
		n, err := column[dbtype.Node](r, "p")
		if err != nil {
			return nil, err
		}
		p, err := decodePolicy(n)
		if err != nil {
			return nil, err
		}
		stored[p.Type] = p
	}
	out := make([]graph.ReviewPolicy, 0, len(graph.RelTypes))
	for _, t := range relTypes() {
		if p, ok := stored[t]; ok {
			out = append(out, p)
		} else {
			out = append(out, graph.ReviewPolicy{Type: t, Review: graph.DefaultReview[t], Default: true})
		}
	}
	return out, nil
}

// decodePolicy decodes a ReviewPolicy node.
func decodePolicy(n dbtype.Node) (graph.ReviewPolicy, error) {
	f := fields{m: n.Props}
	p := graph.ReviewPolicy{Type: graph.RelType(f.mustText("type")), Review: f.bool("review"), SetBy: f.text("setBy"),
		SetAt: f.time("setAt")}
	return p, f.err
}

// SetReviewPolicy implements graph.Curator. The change is recorded under the relation type.
func (s *Store) SetReviewPolicy(ctx context.Context, a graph.Actor, t graph.RelType, review bool) (graph.ReviewPolicy, error) {
	if err := a.Require(graph.RoleAdmin); err != nil {
		return graph.ReviewPolicy{}, err
	}
	if !t.Valid() {
		return graph.ReviewPolicy{}, graph.Errorf(graph.EInvalid, "unknown relation type %q", t)
	}
	var out graph.ReviewPolicy
	_, err := s.curate(ctx, func(st *ctxState) error {
		rec, err := one(ctx, st.tx, "OPTIONAL MATCH (p:ReviewPolicy {type: $t}) RETURN p", map[string]any{"t": string(t)})
		if err != nil {
			return err
		}
		out = graph.ReviewPolicy{Type: t, Review: graph.DefaultReview[t], Default: true}
		n, stored, err := optColumn[dbtype.Node](rec, "p")
		if err != nil {
			return err
		}
		if stored {
			if out, err = decodePolicy(n); err != nil {
				return err
			}
		}
		was := out.Review
		if was == review {
			return nil
		}
		rec, err = one(ctx, st.tx, "MERGE (p:ReviewPolicy {type: $t}) SET p.review = $review, p.setBy = $by, p.setAt = $at RETURN p",
			map[string]any{"t": string(t), "review": review, "by": actorOf(a), "at": stamp(st.at)})
		if err != nil {
			return err
		}
		n, err = column[dbtype.Node](rec, "p")
		if err != nil {
			return err
		}
		if out, err = decodePolicy(n); err != nil {
			return err
		}
		st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionSetPolicy, Subject: string(t),
			SubjectKind: graph.SubjectPolicy, Before: map[string]any{"review": was}, After: map[string]any{"review": review}},
			about{string(t), "policy"})
		return nil
	})
	return out, err
}
