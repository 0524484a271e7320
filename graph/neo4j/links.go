package neo4j

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
)

// AddLink implements graph.Curator.
func (s *Store) AddLink(ctx context.Context, a graph.Actor, in graph.LinkInput) (graph.LinkResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.LinkResult{}, err
	}
	if !in.Type.Valid() {
		return graph.LinkResult{}, graph.Errorf(graph.EInvalid, "unknown relation type %q", in.Type)
	}
	src, err := curate.ParseRef(in.Source)
	if err != nil {
		return graph.LinkResult{}, err
	}
	dst, err := curate.ParseRef(in.Target)
	if err != nil {
		return graph.LinkResult{}, err
	}
	props, err := curate.LinkProps(in.Type, in.Props)
	if err != nil {
		return graph.LinkResult{}, err
	}
	evidence, err := curate.CheckText("evidence", in.Evidence, curate.MaxEvidence, false)
	if err != nil {
		return graph.LinkResult{}, err
	}
	note, err := curate.CheckText("note", in.Note, curate.MaxNote, false)
	if err != nil {
		return graph.LinkResult{}, err
	}
	var out graph.LinkResult
	_, err = s.curate(ctx, func(st *ctxState) error {
		out = graph.LinkResult{}
		from, err := resolve(ctx, st.tx, src, "(the source)")
		if err != nil {
			return err
		}
		to, err := resolve(ctx, st.tx, dst, "(the target)")
		if err != nil {
			return err
		}
		if from.ID == to.ID {
			return graph.Errorf(graph.EInvalid, "a link needs two different entities; both are %s", from.ID)
		}
		if !in.Type.Allows(from.Kind, to.Kind) {
			msg := fmt.Sprintf("%s cannot link a %s to a %s", in.Type, kindWord(from.Kind), kindWord(to.Kind))
			if in.Type.Allows(to.Kind, from.Kind) {
				msg += "; swap source and target"
			}
			return graph.Errorf(graph.EInvalid, "%s", msg)
		}
		e, err := matchLink(ctx, st.tx, from.ID, in.Type, to.ID)
		if err != nil {
			return err
		}
		if e != nil && e.Retraction == nil {
			out = graph.LinkResult{Outcome: graph.OutcomeExisted, Link: e}
			return nil
		}
		review, err := needsReview(ctx, st.tx, a, in.Type, in.Propose)
		if err != nil {
			return err
		}
		if e != nil { // retracted: adding it again restores it
			if review {
				out, err = propose(ctx, st, a, graph.ActionRestoreLink, e, nil, "", note)
				return err
			}
			out, err = applyRestore(ctx, st, a, "", "", e, note)
			return err
		}
		planned := &graph.Edge{ID: graph.LinkID(from.ID, in.Type, to.ID), Type: in.Type, Source: from.ID, Target: to.ID}
		if review {
			out, err = propose(ctx, st, a, graph.ActionAddLink, planned, props, evidence, note)
			return err
		}
		out, err = applyAdd(ctx, st, a, "", "", planned, props, evidence, note)
		return err
	})
	return out, err
}

// RetractLink implements graph.Curator. A reason is required.
func (s *Store) RetractLink(ctx context.Context, a graph.Actor, id, reason string, proposeIt bool) (graph.LinkResult, error) {
	return s.changeLink(ctx, a, id, reason, proposeIt, graph.ActionRetractLink)
}

// RestoreLink implements graph.Curator.
func (s *Store) RestoreLink(ctx context.Context, a graph.Actor, id, reason string, proposeIt bool) (graph.LinkResult, error) {
	return s.changeLink(ctx, a, id, reason, proposeIt, graph.ActionRestoreLink)
}

func (s *Store) changeLink(ctx context.Context, a graph.Actor, id, reason string, proposeIt bool, action graph.Action) (graph.LinkResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.LinkResult{}, err
	}
	reason, err := curate.CheckText("reason", reason, curate.MaxNote, action == graph.ActionRetractLink)
	if err != nil {
		return graph.LinkResult{}, err
	}
	var out graph.LinkResult
	_, err = s.curate(ctx, func(st *ctxState) error {
		out = graph.LinkResult{}
		e, err := findLink(ctx, st.tx, id)
		if err != nil {
			return err
		}
		if e == nil {
			return graph.Errorf(graph.ENotFound, "no link with id %q", id)
		}
		switch {
		case action == graph.ActionRetractLink && e.Retraction != nil:
			out = graph.LinkResult{Outcome: graph.OutcomeAlreadyRetracted, Link: e}
			return nil
		case action == graph.ActionRestoreLink && e.Retraction == nil:
			out = graph.LinkResult{Outcome: graph.OutcomeAlreadyLive, Link: e}
			return nil
		}
		review, err := needsReview(ctx, st.tx, a, e.Type, proposeIt)
		if err != nil {
			return err
		}
		switch {
		case review:
			out, err = propose(ctx, st, a, action, e, nil, "", reason)
		case action == graph.ActionRetractLink:
			out, err = applyRetract(ctx, st, a, "", "", e, reason)
		default:
			out, err = applyRestore(ctx, st, a, "", "", e, reason)
		}
		return err
	})
	return out, err
}

// Link implements graph.Curator: curators see retracted links too.
func (s *Store) Link(ctx context.Context, a graph.Actor, id string) (*graph.Edge, error) {
	if err := requireCurator(a); err != nil {
		return nil, err
	}
	var e *graph.Edge
	ctx, end := s.observed(ctx, "read", "")
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	_, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (bool, error) {
		var err error
		e, err = findLink(ctx, tx, id)
		return true, err
	})
	return e, end(s.wrap(ctx, err))
}

// findLink finds a link by id, following merges of its ends: the id names the ends, and an end
// that was merged away redirects to the entity it was merged into. Nil when there is no such link.
func findLink(ctx context.Context, tx neo4j.ManagedTransaction, id string) (*graph.Edge, error) {
	src, t, dst, err := graph.ParseLinkID(id)
	if err != nil {
		return nil, err
	}
	ends := make([]string, 2)
	for i, end := range []string{src, dst} {
		n, err := resolve(ctx, tx, graph.Ref{Scheme: graph.SchemeID, Value: end}, "")
		if graph.ErrorCode(err) == graph.ENotFound {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		ends[i] = n.ID
	}
	return matchLink(ctx, tx, ends[0], t, ends[1])
}

// matchLink returns the link of type t between two entities, retracted or not; nil when none.
func matchLink(ctx context.Context, tx neo4j.ManagedTransaction, from string, t graph.RelType, to string) (*graph.Edge, error) {
	rt, err := relType(t)
	if err != nil {
		return nil, err
	}
	arrow := "->"
	if t == graph.Borders {
		arrow = "-"
	}
	rec, err := one(ctx, tx, fmt.Sprintf(`MATCH (a:Entity {id: $a})-[r:%s]%s(b:Entity {id: $b})
RETURN r, startNode(r).id AS s, endNode(r).id AS t LIMIT 1`, rt, arrow), map[string]any{"a": from, "b": to})
	if err != nil || rec == nil {
		return nil, err
	}
	return edgeColumns(rec, "r", "s", "t")
}

// linkProps returns the stored properties of a link, for change records.
func linkSnapshot(ctx context.Context, tx neo4j.ManagedTransaction, e *graph.Edge) (map[string]any, error) {
	rt, err := relType(e.Type)
	if err != nil {
		return nil, err
	}
	rec, err := one(ctx, tx, fmt.Sprintf("MATCH (:Entity {id: $a})-[r:%s {id: $id}]-(:Entity {id: $b}) RETURN r", rt),
		map[string]any{"a": e.Source, "b": e.Target, "id": e.ID})
	if err != nil || rec == nil {
		return nil, err
	}
	return edgeSnapshot(rec, "r")
}

// needsReview says whether the actor's change to a link of type t becomes a proposal: when asked
// for, or when a curator (not an admin) changes a type whose policy needs review.
func needsReview(ctx context.Context, tx neo4j.ManagedTransaction, a graph.Actor, t graph.RelType, asked bool) (bool, error) {
	if asked {
		return true, nil
	}
	if a.Role.AtLeast(graph.RoleAdmin) {
		return false, nil
	}
	rec, err := one(ctx, tx, "MATCH (p:ReviewPolicy {type: $t}) RETURN p.review AS review", map[string]any{"t": string(t)})
	if err != nil {
		return false, err
	}
	if rec != nil {
		b, _, err := optColumn[bool](rec, "review")
		return b, err
	}
	return graph.DefaultReview[t], nil
}

func linkAbout(e *graph.Edge) []about {
	return []about{{e.ID, "link"}, {e.Source, "source"}, {e.Target, "target"}}
}

// applyAdd creates a link that does not exist yet. who is the curator the link is credited to;
// reviewer and proposal are set when it comes from an approved proposal.
func applyAdd(ctx context.Context, st *ctxState, who graph.Actor, reviewer, proposal string, e *graph.Edge, props map[string]any, evidence, note string) (graph.LinkResult, error) {
	rt, err := relType(e.Type)
	if err != nil {
		return graph.LinkResult{}, err
	}
	arrow := "->"
	if e.Type == graph.Borders {
		arrow = "-"
	}
	if props == nil {
		props = map[string]any{}
	}
	c := st.change(graph.Change{Actor: actorOf(who), Role: who.Role, Action: graph.ActionAddLink, Subject: e.ID,
		SubjectKind: graph.SubjectLink, Note: note, Proposal: proposal, Reviewer: reviewer}, linkAbout(e)...)
	rec, err := one(ctx, st.tx, fmt.Sprintf(`MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MERGE (a)-[r:%s]%s(b)
ON CREATE SET r += $props, r.id = $id, r.addedAt = $at, r.source = $source, r.record = $record, r.curator = $curator,
  r.sources = [$source], r.evidence = $evidence, r.note = $note, r.reviewedBy = $reviewer, r.created_ = true
WITH r, coalesce(r.created_, false) AS created
REMOVE r.created_
RETURN r, created, startNode(r).id AS s, endNode(r).id AS t`, rt, arrow), map[string]any{
		"a": e.Source, "b": e.Target, "props": props, "id": e.ID, "at": provTime(st.at), "source": curationSource,
		"record": c.ID, "curator": actorOf(who), "evidence": nilIfEmpty(evidence), "note": nilIfEmpty(note),
		"reviewer": nilIfEmpty(reviewer)})
	if err != nil {
		return graph.LinkResult{}, err
	}
	if rec == nil {
		return graph.LinkResult{}, graph.Errorf(graph.ENotFound, "an end of link %s no longer exists", e.ID)
	}
	link, err := edgeColumns(rec, "r", "s", "t")
	if err != nil {
		return graph.LinkResult{}, err
	}
	created, err := column[bool](rec, "created")
	if err != nil {
		return graph.LinkResult{}, err
	}
	if !created { // written by someone else since it was checked: nothing to record
		st.changes, st.about = st.changes[:len(st.changes)-1], st.about[:len(st.about)-1]
		return graph.LinkResult{Outcome: graph.OutcomeExisted, Link: link}, nil
	}
	if c.After, err = edgeSnapshot(rec, "r"); err != nil {
		return graph.LinkResult{}, err
	}
	return graph.LinkResult{Outcome: graph.OutcomeCreated, Link: link, Change: c}, nil
}

// applyRetract marks a live link retracted, with who, when and why.
func applyRetract(ctx context.Context, st *ctxState, who graph.Actor, reviewer, proposal string, e *graph.Edge, reason string) (graph.LinkResult, error) {
	return setRetraction(ctx, st, who, reviewer, proposal, e, reason, graph.ActionRetractLink,
		"SET r.retracted = true, r.retractedBy = $who, r.retractedAt = $at, r.retractReason = $reason, r.retractReviewedBy = $reviewer")
}

// applyRestore makes a retracted link live again; the retraction stays in history.
func applyRestore(ctx context.Context, st *ctxState, who graph.Actor, reviewer, proposal string, e *graph.Edge, reason string) (graph.LinkResult, error) {
	return setRetraction(ctx, st, who, reviewer, proposal, e, reason, graph.ActionRestoreLink,
		"REMOVE r.retracted, r.retractedBy, r.retractedAt, r.retractReason, r.retractReviewedBy SET r.restoredBy = $who, r.restoredAt = $at, r.restoreReason = $reason")
}

func setRetraction(ctx context.Context, st *ctxState, who graph.Actor, reviewer, proposal string, e *graph.Edge, reason string, action graph.Action, set string) (graph.LinkResult, error) {
	before, err := linkSnapshot(ctx, st.tx, e)
	if err != nil {
		return graph.LinkResult{}, err
	}
	rt, err := relType(e.Type)
	if err != nil {
		return graph.LinkResult{}, err
	}
	rec, err := one(ctx, st.tx, fmt.Sprintf(`MATCH (:Entity {id: $a})-[r:%s {id: $id}]-(:Entity {id: $b})
%s
RETURN r, startNode(r).id AS s, endNode(r).id AS t`, rt, set), map[string]any{"a": e.Source, "b": e.Target, "id": e.ID,
		"who": actorOf(who), "at": provTime(st.at), "reason": nilIfEmpty(reason), "reviewer": nilIfEmpty(reviewer)})
	if err != nil {
		return graph.LinkResult{}, err
	}
	if rec == nil {
		return graph.LinkResult{}, graph.Errorf(graph.ENotFound, "no link with id %q", e.ID)
	}
	after, err := edgeSnapshot(rec, "r")
	if err != nil {
		return graph.LinkResult{}, err
	}
	link, err := edgeColumns(rec, "r", "s", "t")
	if err != nil {
		return graph.LinkResult{}, err
	}
	c := st.change(graph.Change{Actor: actorOf(who), Role: who.Role, Action: action, Subject: e.ID, SubjectKind: graph.SubjectLink,
		Before: before, After: after, Note: reason, Proposal: proposal, Reviewer: reviewer},
		linkAbout(e)...)
	outcome := graph.OutcomeRetracted
	if action == graph.ActionRestoreLink {
		outcome = graph.OutcomeRestored
	}
	return graph.LinkResult{Outcome: outcome, Link: link, Change: c}, nil
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
