package resolvers

import (
	"context"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/relgraph/relgraph/graph"
)

// loaders batch the reads of one GraphQL operation: every field of the same kind, over every parent
// object of a list, becomes one store call. A request therefore costs a number of round trips
// bounded by the shape of the query, not by the size of its lists.
type loaders struct {
	store graph.Reader

	nodes      *dataloadgen.Loader[string, *graph.Node]
	mu         sync.Mutex
	neighbours map[neighbourSpec]*dataloadgen.Loader[string, []graph.Linked]
	works      map[graph.WorkList]*dataloadgen.Loader[pageKey, graph.Page]
	coauthors  *dataloadgen.Loader[string, []*graph.Node]
}

// batchWait is how long a loader waits to gather keys into one batch.
const batchWait = 2 * time.Millisecond

type neighbourSpec struct {
	t   graph.RelType
	dir graph.Direction
}

type pageKey struct {
	id    string
	first int
	after string
}

type loadersKey struct{}

// withLoaders returns a context with fresh loaders for one operation.
func withLoaders(ctx context.Context, store graph.Reader) context.Context {
	l := &loaders{
		store:      store,
		neighbours: map[neighbourSpec]*dataloadgen.Loader[string, []graph.Linked]{},
		works:      map[graph.WorkList]*dataloadgen.Loader[pageKey, graph.Page]{},
	}
	l.nodes = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([]*graph.Node, []error) {
		ns, err := store.Nodes(ctx, ids)
		return ns, fill(len(ids), err)
	}, dataloadgen.WithWait(batchWait))
	l.coauthors = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]*graph.Node, []error) {
		ns, err := store.Coauthors(ctx, ids, 200)
		return ns, fill(len(ids), err)
	}, dataloadgen.WithWait(batchWait))
	return context.WithValue(ctx, loadersKey{}, l)
}

func loadersFor(ctx context.Context) *loaders {
	return ctx.Value(loadersKey{}).(*loaders)
}

// fill spreads one batch error over every key.
func fill(n int, err error) []error {
	if err == nil {
		return nil
	}
	errs := make([]error, n)
	for i := range errs {
		errs[i] = err
	}
	return errs
}

// linked loads the neighbours of id over relationships of type t in direction dir.
func (l *loaders) linked(ctx context.Context, id string, t graph.RelType, dir graph.Direction) ([]graph.Linked, error) {
	spec := neighbourSpec{t, dir}
	l.mu.Lock()
	ld := l.neighbours[spec]
	if ld == nil {
		ld = dataloadgen.NewLoader(func(ctx context.Context, ids []string) ([][]graph.Linked, []error) {
			out, err := l.store.Neighbours(ctx, graph.NeighbourQuery{IDs: ids, Type: t, Dir: dir})
			return out, fill(len(ids), err)
		}, dataloadgen.WithWait(batchWait))
		l.neighbours[spec] = ld
	}
	l.mu.Unlock()
	return ld.Load(ctx, id)
}

// page loads one page of a list of works of id. Keys with different page arguments, or of entities
// of different kinds (whose lists of works follow different relationships), are grouped in one
// batch, one store call per group.
func (l *loaders) page(ctx context.Context, list graph.WorkList, id string, first int, after string) (graph.Page, error) {
	l.mu.Lock()
	ld := l.works[list]
	if ld == nil {
		ld = dataloadgen.NewLoader(func(ctx context.Context, keys []pageKey) ([]graph.Page, []error) {
			type args struct {
				kind  graph.Kind
				first int
				after string
			}
			groups := map[args][]int{}
			for i, k := range keys {
				a := args{graph.KindOfID(k.id), k.first, k.after}
				groups[a] = append(groups[a], i)
			}
			out := make([]graph.Page, len(keys))
			errs := make([]error, len(keys))
			for a, idx := range groups {
				ids := make([]string, len(idx))
				for j, i := range idx {
					ids[j] = keys[i].id
				}
				pages, err := l.store.Works(ctx, graph.PageQuery{IDs: ids, List: list, First: a.first, After: a.after})
				for j, i := range idx {
					if err != nil {
						errs[i] = err
					} else {
						out[i] = pages[j]
					}
				}
			}
			return out, errs
		}, dataloadgen.WithWait(batchWait))
		l.works[list] = ld
	}
	l.mu.Unlock()
	return ld.Load(ctx, pageKey{id, first, after})
}
