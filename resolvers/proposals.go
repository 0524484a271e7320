package resolvers

import (
	"context"

	"github.com/relgraph/relgraph/resolvers/model"
)

// proposalEnds reads one end of every proposal of a list (gqlgen hands a batch resolver all the
// proposals at once), with what the selection asks of them, in one round trip; nil for an end
// that no longer exists.
func (r *Resolver) proposalEnds(ctx context.Context, ids []string) ([]model.Node, error) {
	return r.fetchNodes(ctx, ids)
}

// fetchNodes reads the entities with the given ids, in their order, with what the current field's
// selection asks of them, in one round trip; nil for unknown ids.
func (r *Resolver) fetchNodes(ctx context.Context, ids []string) ([]model.Node, error) {
	ts, err := r.Store.FetchNodes(ctx, ids, r.readAhead(ctx))
	if err != nil {
		return nil, err
	}
	out := make([]model.Node, len(ts))
	for i, t := range ts {
		out[i] = model.FromTree(t)
	}
	return out, nil
}

func proposalIDs(ps []*model.Proposal, end func(*model.Proposal) string) []string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = end(p)
	}
	return ids
}
