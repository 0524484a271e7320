package neo4j

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/graph/curate"
)

// authoritative are the identifier schemes that name one real entity: two entities with different
// values are different entities and must not be merged. OpenAlex ids and source keys are not
// authoritative (OpenAlex itself has duplicate authors, which is what merging fixes).
var authoritative = map[string]bool{graph.SchemeDOI: true, graph.SchemeORCID: true, graph.SchemeROR: true,
	graph.SchemeISSNL: true, graph.SchemeISO2: true, graph.SchemeISO3: true}

// MergeEntities implements graph.Curator, in one transaction: every link of the duplicate moves to
// the kept entity (a link the kept entity has already keeps its values and gains the duplicate's
// sources); links between the two stay on the duplicate, retracted; the duplicate becomes a
// Redirect node that keeps its properties and points at the kept entity, so its id and
// identifiers still resolve; the kept entity gains the identifiers it lacked and the duplicate's
// name as an alias. Every moved link and the merge itself are recorded.
func (s *Store) MergeEntities(ctx context.Context, a graph.Actor, keep, duplicate, note string) (graph.MergeResult, error) {
	if err := requireCurator(a); err != nil {
		return graph.MergeResult{}, err
	}
	kr, err := curate.ParseRef(keep)
	if err != nil {
		return graph.MergeResult{}, err
	}
	dr, err := curate.ParseRef(duplicate)
	if err != nil {
		return graph.MergeResult{}, err
	}
	note, err = curate.CheckText("note", note, curate.MaxNote, false)
	if err != nil {
		return graph.MergeResult{}, err
	}
	var out graph.MergeResult
	_, err = s.curate(ctx, func(st *ctxState) error {
		out = graph.MergeResult{}
		k, err := resolve(ctx, st.tx, kr, "(to keep)")
		if err != nil {
			return err
		}
		d, err := resolve(ctx, st.tx, dr, "(the duplicate)")
		if err != nil {
			return err
		}
		if k.ID == d.ID {
			return graph.Errorf(graph.EInvalid, "%s and %s are the same entity already", keep, duplicate)
		}
		if k.Kind != d.Kind {
			return graph.Errorf(graph.EInvalid, "cannot merge a %s into a %s", kindWord(d.Kind), kindWord(k.Kind))
		}
		if err := lock(ctx, st.tx, k.ID, d.ID); err != nil {
			return err
		}
		recs, err := all(ctx, st.tx, "MATCH (n:Entity) WHERE n.id IN [$k, $d] RETURN n", map[string]any{"k": k.ID, "d": d.ID})
		if err != nil {
			return err
		}
		for _, r := range recs {
			n, err := nodeColumn(r, "n")
			if err != nil {
				return err
			}
			if n.ID == k.ID {
				k = n
			} else {
				d = n
			}
		}
		var clash []string
		for _, sc := range graph.UniqueSchemes[k.Kind] {
			kv, dv := k.String(sc), d.String(sc)
			if authoritative[sc] && kv != "" && dv != "" && kv != dv {
				clash = append(clash, fmt.Sprintf("%s %s and %s", sc, kv, dv))
			}
		}
		if len(clash) > 0 {
			return graph.Errorf(graph.EInvalid, "%s and %s are different %ss: they have %s", k.ID, d.ID, kindWord(k.Kind), strings.Join(clash, ", "))
		}
		keptBefore, dupBefore := snapshot(k.Props), snapshot(d.Props)
		merge := st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionMergeEntity, Subject: k.ID,
			SubjectKind: graph.SubjectEntity, Before: map[string]any{"kept": keptBefore, "duplicate": dupBefore}, Note: note},
			about{k.ID, "kept"}, about{d.ID, "duplicate"})

		// Links between the two would join the kept entity to itself: retract them, on the duplicate.
		inner, err := all(ctx, st.tx, `MATCH (d:Entity {id: $d})-[r]-(k:Entity {id: $k})
WHERE type(r) IN $types AND coalesce(r.retracted, false) = false
SET r.retracted = true, r.retractedBy = $by, r.retractedAt = $at, r.retractReason = 'merged: it would link ' + $k + ' to itself'
RETURN r, startNode(r).id AS s, endNode(r).id AS t`, map[string]any{"d": d.ID, "k": k.ID, "types": typeNames(),
			"by": actorOf(a), "at": provTime(st.at)})
		if err != nil {
			return err
		}
		for _, r := range inner {
			e, err := edgeColumns(r, "r", "s", "t")
			if err != nil {
				return err
			}
			after, err := edgeSnapshot(r, "r")
			if err != nil {
				return err
			}
			st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionRetractLink, Subject: e.ID,
				SubjectKind: graph.SubjectLink, After: after, Note: e.Retraction.Reason, Proposal: ""}, linkAbout(e)...)
		}

		groups, err := all(ctx, st.tx, `MATCH (d:Entity {id: $d})-[r]-(x:Entity) WHERE type(r) IN $types AND x.id <> $k
RETURN DISTINCT type(r) AS t, startNode(r) = d AS out ORDER BY t, out`, map[string]any{"d": d.ID, "k": k.ID, "types": typeNames()})
		if err != nil {
			return err
		}
		bordersMoved := false
		for _, g := range groups {
			name, err := column[string](g, "t")
			if err != nil {
				return err
			}
			t, err := relType(graph.RelType(name))
			if err != nil {
				return err
			}
			outgoing, err := column[bool](g, "out")
			if err != nil {
				return err
			}
			pattern, merge := "(d)-[r:"+t+"]->(x)", "(k)-[n:"+t+"]->(x)"
			newID := "k.id + '>" + t + ">' + x.id"
			if !outgoing {
				pattern, merge, newID = "(x)-[r:"+t+"]->(d)", "(x)-[n:"+t+"]->(k)", "x.id + '>"+t+">' + k.id"
			}
			if graph.RelType(t) == graph.Borders { // symmetric: both directions at once
				if bordersMoved {
					continue
				}
				bordersMoved = true
				pattern, merge, newID = "(d)-[r:BORDERS]-(x)", "(k)-[n:BORDERS]-(x)", "k.id + '>BORDERS>' + x.id"
			}
			moved, err := all(ctx, st.tx, `MATCH (d:Entity {id: $d}), (k:Entity {id: $k})
MATCH `+pattern+` WHERE x:Entity AND x <> k AND x <> d
WITH d, k, r, x, properties(r) AS old
MERGE `+merge+`
ON CREATE SET n = old, n.created_ = true
WITH r, n, x, k, old, coalesce(n.created_, false) AS created
REMOVE n.created_
SET n.id = CASE WHEN created THEN `+newID+` ELSE n.id END,
  n.sources = reduce(acc = coalesce(n.sources, []), s IN coalesce(old.sources, []) | CASE WHEN s IN acc THEN acc ELSE acc + s END),
  n.mergedFrom = coalesce(n.mergedFrom, []) + old.id
DELETE r
RETURN old, n, created, startNode(n).id AS s, endNode(n).id AS t, x.id AS other`, map[string]any{"d": d.ID, "k": k.ID})
			if err != nil {
				return err
			}
			for _, m := range moved {
				e, err := edgeColumns(m, "n", "s", "t")
				if err != nil {
					return err
				}
				oldProps, err := column[map[string]any](m, "old")
				if err != nil {
					return err
				}
				old := snapshot(oldProps)
				of := fields{m: old}
				oldID := of.text("id")
				if of.err != nil {
					return of.err
				}
				created, err := column[bool](m, "created")
				if err != nil {
					return err
				}
				after, err := edgeSnapshot(m, "n")
				if err != nil {
					return err
				}
				other, err := column[string](m, "other")
				if err != nil {
					return err
				}
				if !created {
					out.Combined++
				}
				out.Moved++
				st.change(graph.Change{Actor: actorOf(a), Role: a.Role, Action: graph.ActionMoveLink, Subject: e.ID,
					SubjectKind: graph.SubjectLink, Before: old, After: after, Note: "merged " + d.ID + " into " + k.ID},
					about{oldID, "link"}, about{e.ID, "link"}, about{other, endRole(e, other)},
					about{k.ID, endRole(e, k.ID)}, about{d.ID, endRole(e, k.ID)})
			}
		}

		// The duplicate becomes a redirect; then the kept entity takes the identifiers it lacked (which
		// the duplicate no longer holds under a constrained label) and the duplicate's name.
		var copyIDs []string
		for _, sc := range graph.UniqueSchemes[k.Kind] {
			copyIDs = append(copyIDs, fmt.Sprintf("k.%[1]s = coalesce(k.%[1]s, d.%[1]s)", sc))
		}
		if k.Kind == graph.Journal {
			copyIDs = append(copyIDs, "k.issns = reduce(acc = coalesce(k.issns, []), x IN coalesce(d.issns, []) | CASE WHEN x IN acc THEN acc ELSE acc + x END)")
		}
		rec, err := one(ctx, st.tx, fmt.Sprintf(`MATCH (d:Entity {id: $d}), (k:Entity {id: $k})
REMOVE d:Entity:%s
SET d:Redirect, d.redirectTo = k.id, d.mergedAt = $at, d.mergedBy = $by, d.searchText = null
CREATE (d)-[:REDIRECTS_TO {at: $at, by: $by}]->(k)
WITH d, k
SET %s,
  k.aliases = CASE WHEN d.label IS NULL OR d.label = k.label OR d.label IN coalesce(k.aliases, []) THEN k.aliases
    ELSE coalesce(k.aliases, []) + d.label END,
  k.sources = reduce(acc = coalesce(k.sources, []), s IN coalesce(d.sources, []) | CASE WHEN s IN acc THEN acc ELSE acc + s END),
  k.mergedFrom = coalesce(k.mergedFrom, []) + d.id,
  k.version = coalesce(k.version, 0) + 1, k.updatedAt = $at, k.updatedBy = $by, k.updateRun = null
SET %s
RETURN k`, k.Kind.Label(), strings.Join(copyIDs, ", "), setSearchText("k")),
			map[string]any{"d": d.ID, "k": k.ID, "at": provTime(st.at), "by": actorOf(a)})
		if err != nil {
			return err
		}
		kept, err := nodeColumn(rec, "k")
		if err != nil {
			return err
		}
		merge.After = map[string]any{"kept": snapshot(kept.Props), "redirect": map[string]any{"from": d.ID, "to": k.ID},
			"moved": out.Moved, "combined": out.Combined}
		out.Kept, out.Duplicate, out.Change = kept, d.ID, merge
		return nil
	})
	return out, err
}

// endRole says which end of e an entity is.
func endRole(e *graph.Edge, id string) string {
	if e.Source == id {
		return "source"
	}
	return "target"
}

// typeNames lists the allow-listed relationship types, for `type(r) IN $types`.
func typeNames() []string {
	ts := relTypes()
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

// edgeSnapshot returns the stored properties of the relationship in column key of rec, for a
// change record.
func edgeSnapshot(rec *neo4j.Record, key string) (map[string]any, error) {
	r, err := column[dbtype.Relationship](rec, key)
	if err != nil {
		return nil, err
	}
	return snapshot(r.Props), nil
}
