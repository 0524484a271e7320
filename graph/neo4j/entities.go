package neo4j

import (
	"context"
	"fmt"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
)

// CreateEntity implements graph.Curator. The entity's id comes from its first unique identifier
// (as for imported entities, so that a later import of the same record finds it), or from a new
// curator key when it has none.
func (s *Store) CreateEntity(ctx context.Context, a graph.Actor, in graph.EntityInput) (graph.EntityResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.EntityResult{}, err
	}
	lbl, err := label(in.Kind)
	if err != nil {
		return graph.EntityResult{}, err
	}
	props, err := curate.EntityProps(in.Kind, in.Props, true)
	if err != nil {
		return graph.EntityResult{}, err
	}
	note, err := curate.CheckText("note", in.Note, curate.MaxNote, false)
	if err != nil {
		return graph.EntityResult{}, err
	}
	scheme, value := graph.SchemeKey, "curator:"+graph.NewRandomID("")
	for _, sc := range graph.UniqueSchemes[in.Kind] {
		if v, ok := props[sc].(string); ok {
			scheme, value = sc, v
			break
		}
	}
	if scheme == graph.SchemeKey {
		props[graph.SchemeKey] = value
	}
	id := graph.NewID(in.Kind, scheme, value)
	var out graph.EntityResult
	_, err = s.curate(ctx, func(st *ctxState) error {
		out = graph.EntityResult{}
		if err := checkIdentifiersFree(ctx, st, in.Kind, props, ""); err != nil {
			return err
		}
		c := st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionCreateEntity, Subject: id,
			SubjectKind: graph.SubjectEntity, Note: note}, about{id, "entity"})
		rec, err := one(ctx, st.tx, fmt.Sprintf(`CREATE (n:Entity:%s)
SET n += $props, n.id = $id, n.kind = $kind, n.source = $source, n.sources = [$source], n.record = $record,
  n.curator = $curator, n.addedAt = $at, n.version = 1, n.stub = false
SET n.label = coalesce(n.title, n.name)
SET %s
RETURN n`, lbl, setSearchText("n")), map[string]any{"props": props, "id": id, "kind": string(in.Kind),
			"source": curationSource, "record": c.ID, "curator": actorOf(a), "at": provTime(st.at)})
		if err != nil {
			return err
		}
		n, err := nodeColumn(rec, "n")
		if err != nil {
			return err
		}
		c.After = snapshot(n.Props)
		out = graph.EntityResult{Node: n, Change: c}
		return nil
	})
	return out, err
}

// checkIdentifiersFree fails with CONFLICT when another entity of the kind has one of the unique
// identifiers in props, naming it.
func checkIdentifiersFree(ctx context.Context, st *ctxState, k graph.Kind, props map[string]any, self string) error {
	for _, sc := range graph.UniqueSchemes[k] {
		v, ok := props[sc].(string)
		if !ok {
			continue
		}
		n, err := resolve(ctx, st.tx, graph.Ref{Kind: k, Scheme: sc, Value: v}, "")
		if graph.ErrorCode(err) == graph.ENotFound {
			continue
		}
		if err != nil {
			return err
		}
		if n.ID != self {
			return graph.Errorf(graph.EConflict, "%s %s belongs to %s %q already", sc, v, n.ID, n.Label)
		}
	}
	return nil
}

// UpdateEntity implements graph.Curator. The entity is locked before its version is compared, so
// that of two updates at the same version exactly one wins; the other gets CONFLICT.
func (s *Store) UpdateEntity(ctx context.Context, a graph.Actor, in graph.EntityUpdate) (graph.EntityResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.EntityResult{}, err
	}
	if !curate.IsID(in.ID) {
		return graph.EntityResult{}, graph.Errorf(graph.EInvalid, "%q is not a relgraph id", in.ID)
	}
	kind := graph.KindOfID(in.ID)
	set, err := curate.EntityProps(kind, in.Set, false)
	if err != nil {
		return graph.EntityResult{}, err
	}
	if err := curate.CheckUnset(kind, in.Unset); err != nil {
		return graph.EntityResult{}, err
	}
	for _, k := range in.Unset {
		if _, ok := set[k]; ok {
			return graph.EntityResult{}, graph.Errorf(graph.EInvalid, "%s is both set and removed", k)
		}
	}
	note, err := curate.CheckText("note", in.Note, curate.MaxNote, false)
	if err != nil {
		return graph.EntityResult{}, err
	}
	var out graph.EntityResult
	_, err = s.curate(ctx, func(st *ctxState) error {
		out = graph.EntityResult{}
		found, err := resolve(ctx, st.tx, graph.Ref{Scheme: graph.SchemeID, Value: in.ID}, "")
		if err != nil {
			return err
		}
		if err := lock(ctx, st.tx, found.ID); err != nil {
			return err
		}
		rec, err := one(ctx, st.tx, "MATCH (n:Entity {id: $id}) RETURN n", map[string]any{"id": found.ID})
		if err != nil {
			return err
		}
		n, err := nodeColumn(rec, "n")
		if err != nil {
			return err
		}
		f := fields{m: n.Props}
		version, who := f.int("version"), f.text("updatedBy")
		if f.err != nil {
			return f.err
		}
		if found.ID != in.ID || version != in.Version {
			msg := fmt.Sprintf("%s is at version %d, not %d", found.ID, version, in.Version)
			if found.ID != in.ID {
				msg = fmt.Sprintf("%s was merged into %s (version %d)", in.ID, found.ID, version)
			} else if who != "" {
				msg += fmt.Sprintf(": %s changed it at %v", who, n.Props["updatedAt"])
			}
			return graph.Errorf(graph.EConflict, "%s; reload it and apply your change again", msg)
		}
		changes := map[string]any{}
		before, after := map[string]any{}, map[string]any{}
		for _, k := range sortedKeys(set) {
			if old, ok := n.Props[k]; !ok || !equalValues(old, set[k]) {
				changes[k] = set[k]
				before[k], after[k] = jsonValue(n.Props[k]), set[k]
			}
		}
		for _, k := range in.Unset {
			if old, ok := n.Props[k]; ok {
				changes[k] = nil
				before[k], after[k] = jsonValue(old), nil
			}
		}
		if len(changes) == 0 {
			out = graph.EntityResult{Node: n}
			return nil
		}
		if err := checkIdentifiersFree(ctx, st, n.Kind, changes, n.ID); err != nil {
			return err
		}
		before["version"], after["version"] = version, version+1
		c := st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionUpdateEntity, Subject: n.ID,
			SubjectKind: graph.SubjectEntity, Before: before, After: after, Note: note}, about{n.ID, "entity"})
		rec, err = one(ctx, st.tx, `MATCH (n:Entity {id: $id})
SET n += $changes, n.version = $version, n.updatedAt = $at, n.updatedBy = $by, n.updateRun = null,
  n.sources = CASE WHEN $source IN coalesce(n.sources, []) THEN n.sources ELSE coalesce(n.sources, []) + $source END
SET n.label = coalesce(n.title, n.name, n.label)
SET `+setSearchText("n")+`
RETURN n`, map[string]any{"id": n.ID, "changes": changes, "version": version + 1, "at": provTime(st.at),
			"by": actorOf(a), "source": curationSource})
		if err != nil {
			return err
		}
		updated, err := nodeColumn(rec, "n")
		if err != nil {
			return err
		}
		out = graph.EntityResult{Node: updated, Change: c}
		return nil
	})
	return out, err
}
