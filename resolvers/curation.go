package resolvers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
	"github.com/relgraph/relgraph/resolvers/model"
)

// curated is the shape of every resolver that asks the curation service: UNAVAILABLE when the
// server has none; otherwise call, given the service and the request's actor, checks the arguments
// and makes the one request, and answer turns what it returns into the GraphQL type. Errors, the
// arguments' INVALID included, are returned unchanged. Who may use a field is not checked here:
// the schema's @auth has refused the others before any argument was read (auth.go), and the
// service checks the actor again.
func curated[T, R any](ctx context.Context, r *Resolver, answer func(T) R, call func(graph.Curator, graph.Actor) (T, error)) (R, error) {
	var none R
	if r.Curation == nil {
		return none, graph.Errorf(graph.EUnavailable, "this server cannot change the graph")
	}
	res, err := call(r.Curation, graph.ActorFrom(ctx))
	if err != nil {
		return none, err
	}
	return answer(res), nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func timestamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func optionalTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := timestamp(t)
	return &s
}

func role(r graph.Role) model.Role { return model.Role(strings.ToUpper(string(r))) }

func retraction(r *graph.Retraction) *model.Retraction {
	if r == nil {
		return nil
	}
	return &model.Retraction{By: r.By, At: timestamp(r.At), Reason: r.Reason}
}

func change(c *graph.Change) *model.Change {
	if c == nil {
		return nil
	}
	return &model.Change{ID: c.ID, At: c.At.UTC().Format("2006-01-02T15:04:05.000Z07:00"), Actor: c.Actor, Role: role(c.Role),
		Action: model.ChangeAction(c.Action), Subject: c.Subject, SubjectKind: model.SubjectKind(c.SubjectKind),
		Before: jsonMap(c.Before), After: jsonMap(c.After), Note: optional(c.Note), Proposal: optional(c.Proposal),
		Reviewer: optional(c.Reviewer)}
}

// jsonMap makes stored values safe to render as JSON: times as RFC 3339 text.
func jsonMap(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		switch t := v.(type) {
		case time.Time:
			out[k] = timestamp(t)
		case map[string]any:
			out[k] = jsonMap(t)
		default:
			out[k] = v
		}
	}
	return out
}

func properties(m map[string]any) []*model.Property {
	out := []*model.Property{}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		out = append(out, &model.Property{Key: k, Value: fmt.Sprint(m[k])})
	}
	return out
}

func proposal(p *graph.Proposal) *model.Proposal {
	if p == nil {
		return nil
	}
	return &model.Proposal{ID: p.ID, Action: model.ChangeAction(p.Action), Link: p.LinkID, Type: string(p.Type),
		SourceID: p.Source, TargetID: p.Target, Properties: properties(p.Props), Evidence: optional(p.Evidence),
		Note: optional(p.Note), Status: model.ProposalStatus(p.Status), ProposedBy: p.ProposedBy,
		ProposedAt: timestamp(p.ProposedAt), ReviewedBy: optional(p.ReviewedBy), ReviewedAt: optionalTime(p.ReviewedAt),
		ReviewNote: optional(p.ReviewNote)}
}

func linkResult(r graph.LinkResult) *model.LinkResult {
	out := &model.LinkResult{Outcome: model.Outcome(r.Outcome), Message: outcomeMessage(r), Proposal: proposal(r.Proposal),
		Change: change(r.Change)}
	if r.Link != nil {
		out.Link = edge(r.Link)
	}
	return out
}

// outcomeMessage says what a link request did, for people.
func outcomeMessage(r graph.LinkResult) string {
	id := ""
	switch {
	case r.Link != nil:
		id = r.Link.ID
	case r.Proposal != nil:
		id = r.Proposal.LinkID
	}
	switch r.Outcome {
	case graph.OutcomeCreated:
		return fmt.Sprintf("Added the link %s.", id)
	case graph.OutcomeExisted:
		return fmt.Sprintf("The link %s exists already; nothing changed.", id)
	case graph.OutcomeRetracted:
		return fmt.Sprintf("Retracted the link %s; readers no longer see it.", id)
	case graph.OutcomeAlreadyRetracted:
		return fmt.Sprintf("The link %s is retracted already; nothing changed.", id)
	case graph.OutcomeRestored:
		return fmt.Sprintf("Restored the link %s.", id)
	case graph.OutcomeAlreadyLive:
		return fmt.Sprintf("The link %s is not retracted; nothing changed.", id)
	case graph.OutcomeProposed:
		return fmt.Sprintf("Proposed %s the link %s; it awaits review by another curator or an admin.", words(r.Proposal.Action), id)
	case graph.OutcomeAlreadyProposed:
		w := words(r.Proposal.Action)
		return fmt.Sprintf("%s the link %s awaits review already (proposal %s by %s); nothing changed.",
			strings.ToUpper(w[:1])+w[1:], id, r.Proposal.ID, r.Proposal.ProposedBy)
	}
	return string(r.Outcome)
}

func words(a graph.Action) string {
	switch a {
	case graph.ActionAddLink:
		return "adding"
	case graph.ActionRetractLink:
		return "retracting"
	case graph.ActionRestoreLink:
		return "restoring"
	}
	return strings.ToLower(string(a))
}

func mergeResult(r graph.MergeResult) *model.MergeResult {
	return &model.MergeResult{Kept: model.FromNode(r.Kept), Duplicate: r.Duplicate, Moved: r.Moved, Combined: r.Combined,
		Change: change(r.Change)}
}

func entityResult(r graph.EntityResult) *model.EntityResult {
	v, _ := r.Node.Props["version"].(int64)
	return &model.EntityResult{Entity: model.FromNode(r.Node), Version: int(v), Change: change(r.Change)}
}

func reviewResult(r graph.ReviewResult) *model.ReviewResult {
	out := &model.ReviewResult{Proposal: proposal(r.Proposal)}
	if r.Applied != nil {
		out.Applied = linkResult(*r.Applied)
	}
	return out
}

func reviewPolicy(p graph.ReviewPolicy) *model.ReviewPolicy {
	return &model.ReviewPolicy{Type: string(p.Type), Review: p.Review, Default: p.Default, SetBy: optional(p.SetBy),
		SetAt: optionalTime(p.SetAt)}
}

func reviewPolicies(ps []graph.ReviewPolicy) []*model.ReviewPolicy {
	out := make([]*model.ReviewPolicy, len(ps))
	for i, p := range ps {
		out[i] = reviewPolicy(p)
	}
	return out
}

// optionalEdge maps a link that may be missing.
func optionalEdge(e *graph.Edge) *model.Edge {
	if e == nil {
		return nil
	}
	return edge(e)
}

// changeConnection maps a page of changes read after the cursor after.
func changeConnection(p graph.ChangePage, after string) *model.ChangeConnection {
	out := &model.ChangeConnection{Edges: []*model.ChangeEdge{}, TotalCount: p.TotalCount,
		PageInfo: pageInfo(p.Cursors, p.HasNext, after != "")}
	for i, ch := range p.Changes {
		out.Edges = append(out.Edges, &model.ChangeEdge{Node: change(ch), Cursor: p.Cursors[i]})
	}
	return out
}

// proposalConnection maps a page of proposals read after the cursor after.
func proposalConnection(p graph.ProposalPage, after string) *model.ProposalConnection {
	out := &model.ProposalConnection{Edges: []*model.ProposalEdge{}, TotalCount: p.TotalCount,
		PageInfo: pageInfo(p.Cursors, p.HasNext, after != "")}
	for i, pr := range p.Proposals {
		out.Edges = append(out.Edges, &model.ProposalEdge{Node: proposal(pr), Cursor: p.Cursors[i]})
	}
	return out
}

func relType(s string) (graph.RelType, error) {
	t := graph.RelType(strings.ToUpper(strings.TrimSpace(s)))
	if !t.Valid() {
		return "", graph.Errorf(graph.EInvalid, "unknown relation type %q", s)
	}
	return t, nil
}

func kinds(ks []graph.Kind) []model.Kind {
	out := make([]model.Kind, len(ks))
	for i, k := range ks {
		out[i] = model.Kind(k)
	}
	return out
}

// relationTypes lists the relation types for curators, in name order.
func relationTypes(policies []graph.ReviewPolicy) []*model.RelationType {
	review := map[graph.RelType]bool{}
	for _, p := range policies {
		review[p.Type] = p.Review
	}
	out := make([]*model.RelationType, 0, len(graph.RelTypes))
	for t, ends := range graph.RelTypes {
		rt := &model.RelationType{Name: string(t), Description: graph.RelMeanings[t], From: kinds(ends.From), To: kinds(ends.To),
			Properties: []*model.PropertySpec{}, Review: review[t]}
		names := curate.LinkPropNames(t)
		for _, n := range sortedNames(names) {
			rt.Properties = append(rt.Properties, &model.PropertySpec{Name: n, Type: names[n]})
		}
		out = append(out, rt)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func sortedNames(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// viewer describes the actor of the request.
func viewer(ctx context.Context) *model.Viewer {
	a := graph.ActorFrom(ctx)
	v := &model.Viewer{Authenticated: a.Authenticated(), Role: role(a.Role), CanCurate: a.Require(graph.RoleCurator) == nil}
	if a.Authenticated() {
		v.Name, v.ExpiresAt = optional(a.Name), optionalTime(a.ExpiresAt)
	}
	return v
}

// editableProps returns an entity's stored properties for editing, without derived ones.
func editableProps(n *graph.Node) map[string]any {
	out := map[string]any{}
	for k, v := range n.Props {
		if k != "searchText" {
			out[k] = v
		}
	}
	return jsonMap(out)
}
