package neo4j

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/relgraph/relgraph/graph"
)

// searchProps are the properties folded into a node's searchText for the full-text index.
var searchProps = []string{"aliases", "acronyms", "officialName", "iso2", "iso3", "doi", "orcid", "ror", "issnl", "issns"}

// UpsertNodes implements graph.Writer. Entities are matched on their key; a new one gets the id
// graph.NewID derives from the key. Inputs are grouped by kind and key, and each
// group is written with one UNWIND statement, all in one transaction.
func (s *Store) UpsertNodes(ctx context.Context, nodes []graph.NodeInput) (graph.WriteStats, error) {
	groups, err := nodeGroups(nodes)
	if err != nil {
		return graph.WriteStats{}, err
	}
	return s.writeGroups(ctx, groups)
}

// Upsert writes nodes and then relationships in one transaction, as UpsertNodes and then
// UpsertEdges would, so that all of them are written or none (such as the entities and links of one
// source record). The relationships may link the nodes written with them. Errors: INVALID,
// CONFLICT, UNAVAILABLE.
func (s *Store) Upsert(ctx context.Context, nodes []graph.NodeInput, edges []graph.EdgeInput) (graph.WriteStats, error) {
	ng, err := nodeGroups(nodes)
	if err != nil {
		return graph.WriteStats{}, err
	}
	eg, err := edgeGroups(edges)
	if err != nil {
		return graph.WriteStats{}, err
	}
	return s.writeGroups(ctx, append(ng, eg...))
}

// nodeGroups turns nodes into UNWIND statements, one per kind and key. The statement's text does
// not depend on which properties the inputs carry (those are data), so that a batch is fewer
// statements and an import reuses a few cached plans (the ROR dump's records made 10 statements,
// one per combination of fields, where a batch is now one per kind and key).
func nodeGroups(nodes []graph.NodeInput) ([]*stmtGroup, error) {
	groups := map[string]*stmtGroup{}
	var order []*stmtGroup
	for i, n := range nodes {
		lbl, err := label(n.Key.Kind)
		if err != nil {
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
		key, err := keyProp(n.Key.Kind, n.Key.Scheme)
		if err != nil {
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
		if n.Key.Value == "" {
			return nil, graph.Errorf(graph.EInvalid, "node %d: empty %s", i, key)
		}
		if n.Prov.Source == "" {
			return nil, graph.Errorf(graph.EInvalid, "node %d (%s %s): no provenance source", i, key, n.Key.Value)
		}
		if err := checkProps(n.Props); err != nil {
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
		if err := checkProps(n.Sourced); err != nil {
			return nil, fmt.Errorf("node %d: %w", i, err)
		}
		props := map[string]any{}
		for k, v := range n.Props {
			if v != nil {
				props[k] = v
			}
		}
		ids := map[string]any{}
		for _, sch := range graph.UniqueSchemes[n.Key.Kind] {
			if v, ok := props[sch]; ok {
				ids[sch] = v
				delete(props, sch)
			}
		}
		if key != "id" {
			ids[key] = n.Key.Value
		}
		props["stub"] = n.Stub
		sourced := map[string]any{}
		var fields []string
		for k, v := range n.Sourced {
			if v == nil {
				continue
			}
			sourced[sourcedName(k, n.Prov.Source)] = v
			fields = append(fields, k)
		}
		sort.Strings(fields)
		plain := map[string]any{}
		for _, f := range fields {
			plain[f] = n.Sourced[f]
		}
		gk := lbl + "\x00" + key
		g := groups[gk]
		if g == nil {
			g = &stmtGroup{cypher: upsertNodeCypher(n.Key.Kind, lbl, key), check: ambiguousCypher(n.Key.Kind, lbl)}
			groups[gk] = g
			order = append(order, g)
		}
		id := graph.NewID(n.Key.Kind, n.Key.Scheme, n.Key.Value)
		if key == "id" {
			id = n.Key.Value
		}
		g.rows = append(g.rows, map[string]any{
			"key": n.Key.Value, "id": id, "props": props, "ids": ids, "sourced": sourced, "plain": plain,
			"stub": n.Stub, "source": n.Prov.Source, "record": n.Prov.Record, "run": n.Prov.Run,
			"curator": n.Prov.Curator, "at": provTime(n.Prov.AddedAt),
		})
	}
	return order, nil
}

// stmtGroup is one UNWIND statement and its rows; check, when set, is run first and refuses the
// write when it returns a row (see checkAmbiguous).
type stmtGroup struct {
	cypher, check string
	rows          []map[string]any
}

// writeGroups runs the groups in one transaction, sums what they did, and advances the graph
// version when anything changed.
func (s *Store) writeGroups(ctx context.Context, groups []*stmtGroup) (graph.WriteStats, error) {
	var st graph.WriteStats
	err := s.write(ctx, func(tx neo4j.ManagedTransaction) error {
		st = graph.WriteStats{}
		for _, g := range groups {
			if g.check != "" {
				if err := checkAmbiguous(ctx, tx, g.check, g.rows); err != nil {
					return err
				}
			}
			res, err := tx.Run(ctx, g.cypher, map[string]any{"rows": g.rows})
			if err != nil {
				return err
			}
			rec, err := res.Single(ctx)
			if err != nil {
				return err
			}
			counted, err := stats(rec)
			if err != nil {
				return err
			}
			st.Add(counted)
		}
		return s.bumpVersion(ctx, tx, st)
	})
	return st, err
}

// upsertNodeCypher builds the statement for one group of nodes. Only allow-listed labels and
// property names reach the text; every value is a parameter. A stub never overwrites an entity that
// exists; sourced fields set their plain property only when it has no value yet.
func upsertNodeCypher(k graph.Kind, lbl, key string) string {
	var b strings.Builder
	// An entity is found by any unique identifier the input carries, so that records from different
	// sources meet on one node; only when none matches is it merged on its key (created if absent).
	b.WriteString("UNWIND $rows AS row\n")
	var found []string
	for i, sch := range graph.UniqueSchemes[k] {
		fmt.Fprintf(&b, "OPTIONAL MATCH (f%d:%s {%s: row.ids.%s})\n", i, lbl, sch, sch)
		found = append(found, fmt.Sprintf("f%d", i))
	}
	// An identifier of a duplicate that a curator merged away leads to the entity it was merged
	// into, so that importing the duplicate's record again does not bring the duplicate back.
	for i, sch := range graph.UniqueSchemes[k] {
		fmt.Fprintf(&b, "OPTIONAL MATCH %s\n", redirectTo(fmt.Sprintf("g%d", i), k, sch, "row.ids."+sch))
		found = append(found, fmt.Sprintf("g%d", i))
	}
	fmt.Fprintf(&b, `WITH row, coalesce(%s) AS found
CALL (row, found) {
  WITH row, found WHERE found IS NULL
  MERGE (m:%s {%s: row.key})
  ON CREATE SET m:Entity, m.id = row.id, m.kind = '%s', m.addedAt = row.at, m.source = row.source,
    m.record = row.record, m.run = row.run, m.curator = row.curator, m.sources = [], m.version = 1, m.created_ = true
  RETURN m AS n
  UNION ALL
  WITH row, found WHERE found IS NOT NULL
  RETURN found AS n
}
WITH n, row, coalesce(n.created_, false) AS created
REMOVE n.created_
WITH n, row, created, CASE WHEN row.stub AND NOT created THEN {} ELSE row.props END AS props
WITH n, row, created, props,
  [k IN keys(row.ids) WHERE n[k] IS NULL AND row.ids[k] IS NOT NULL] +
  [k IN keys(props) WHERE n[k] IS NULL OR n[k] <> props[k]] +
  [k IN keys(row.sourced) WHERE n[k] IS NULL OR n[k] <> row.sourced[k]] +
  CASE WHEN row.source IN n.sources THEN [] ELSE ['sources'] END AS changed
SET n += props, n += row.sourced
`, strings.Join(found, ", "), lbl, key, k)
	// Identifiers are set where missing, never overwritten: the first source to name one keeps it.
	for _, sch := range graph.UniqueSchemes[k] {
		fmt.Fprintf(&b, "SET n.%s = coalesce(n.%s, row.ids.%s)\n", sch, sch, sch)
	}
	b.WriteString("FOREACH (f IN keys(row.plain) | SET n[f] = coalesce(n[f], row.plain[f]))\n")
	b.WriteString(`SET n.sources = CASE WHEN row.source IN n.sources THEN n.sources ELSE n.sources + row.source END
SET n.label = coalesce(n.title, n.name, n.label, row.key)
SET ` + setSearchText("n") + `
FOREACH (_ IN CASE WHEN size(changed) > 0 AND NOT created THEN [1] ELSE [] END |
  SET n.updatedAt = row.at, n.updatedBy = row.source, n.updateRun = row.run, n.version = coalesce(n.version, 0) + 1)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT created AND size(changed) > 0 THEN 1 ELSE 0 END) AS updated,
  sum(CASE WHEN NOT created AND size(changed) = 0 THEN 1 ELSE 0 END) AS unchanged,
  0 AS missing`)
	return b.String()
}

// setSearchText is the SET item that refreshes node n's searchText from its searchProps.
func setSearchText(n string) string {
	return n + ".searchText = reduce(t = '', p IN " + searchList() + " | t + ' ' + CASE WHEN " + n + "[p] IS NULL THEN '' WHEN valueType(" + n + "[p]) STARTS WITH 'LIST' THEN reduce(u = '', x IN " + n + "[p] | u + ' ' + toString(x)) ELSE toString(" + n + "[p]) END)"
}

// ambiguousCypher finds the inputs whose identifiers name two different entities.
func ambiguousCypher(k graph.Kind, lbl string) string {
	var b strings.Builder
	b.WriteString("UNWIND $rows AS row\n")
	var ids []string
	for i, sch := range graph.UniqueSchemes[k] {
		fmt.Fprintf(&b, "OPTIONAL MATCH (f%d:%s {%s: row.ids.%s})\n", i, lbl, sch, sch)
		ids = append(ids, fmt.Sprintf("[f%d.id, '%s']", i, sch))
	}
	fmt.Fprintf(&b, `WITH row, [x IN [%s] WHERE x[0] IS NOT NULL] AS hits
WITH row, hits, reduce(d = [], h IN hits | CASE WHEN h[0] IN d THEN d ELSE d + h[0] END) AS owners
WHERE size(owners) > 1
RETURN row.key AS key, [h IN hits | h[1] + ' ' + toString(row.ids[h[1]]) + ' is ' + h[0]] AS why LIMIT 5`, strings.Join(ids, ", "))
	return b.String()
}

// checkAmbiguous refuses a batch in which an input's identifiers belong to different entities: that
// is a merge for a curator to decide, not something an import may guess.
func checkAmbiguous(ctx context.Context, tx neo4j.ManagedTransaction, cypher string, rows []map[string]any) error {
	res, err := tx.Run(ctx, cypher, map[string]any{"rows": rows})
	if err != nil {
		return err
	}
	recs, err := res.Collect(ctx)
	if err != nil || len(recs) == 0 {
		return err
	}
	key, err := column[string](recs[0], "key")
	if err != nil {
		return err
	}
	why, err := column[[]any](recs[0], "why")
	if err != nil {
		return err
	}
	return graph.Errorf(graph.EConflict, "the identifiers of %v belong to different entities (%v): merge them first", key, why)
}

func searchList() string {
	q := make([]string, len(searchProps))
	for i, p := range searchProps {
		q[i] = "'" + p + "'"
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// UpsertEdges implements graph.Writer. Edges are grouped by type and by the kinds and keys of their
// ends, and each group is written with one UNWIND statement, all in one transaction. An edge gets the
// id "<source id>><TYPE>><target id>"; BORDERS, being symmetric, is matched in either direction.
func (s *Store) UpsertEdges(ctx context.Context, edges []graph.EdgeInput) (graph.WriteStats, error) {
	groups, err := edgeGroups(edges)
	if err != nil {
		return graph.WriteStats{}, err
	}
	return s.writeGroups(ctx, groups)
}

// edgeGroups turns relationships into UNWIND statements, one per type and kinds and keys of ends.
func edgeGroups(edges []graph.EdgeInput) ([]*stmtGroup, error) {
	groups := map[string]*stmtGroup{}
	var order []*stmtGroup
	for i, e := range edges {
		t, err := relType(e.Type)
		if err != nil {
			return nil, fmt.Errorf("edge %d: %w", i, err)
		}
		if !e.Type.Allows(e.From.Kind, e.To.Kind) {
			return nil, graph.Errorf(graph.EInvalid, "edge %d: %s cannot link a %s to a %s", i, t, e.From.Kind, e.To.Kind)
		}
		fl, _ := label(e.From.Kind)
		tl, _ := label(e.To.Kind)
		fk, err := keyProp(e.From.Kind, e.From.Scheme)
		if err != nil {
			return nil, fmt.Errorf("edge %d: %w", i, err)
		}
		tk, err := keyProp(e.To.Kind, e.To.Scheme)
		if err != nil {
			return nil, fmt.Errorf("edge %d: %w", i, err)
		}
		if e.Prov.Source == "" {
			return nil, graph.Errorf(graph.EInvalid, "edge %d (%s): no provenance source", i, t)
		}
		if err := checkProps(e.Props); err != nil {
			return nil, fmt.Errorf("edge %d: %w", i, err)
		}
		props := map[string]any{}
		for k, v := range e.Props {
			if v != nil {
				props[k] = v
			}
		}
		gk := strings.Join([]string{t, fl, fk, tl, tk}, "\x00")
		g := groups[gk]
		if g == nil {
			arrow := "->"
			if e.Type == graph.Borders {
				arrow = "-"
			}
			g = &stmtGroup{cypher: fmt.Sprintf(`UNWIND $rows AS row
CALL (row) { `+endQuery("a", e.From.Kind, fk, "row.from")+` }
CALL (row) { `+endQuery("b", e.To.Kind, tk, "row.to")+` }
MERGE (a)-[r:%s]%s(b)
ON CREATE SET r.id = a.id + '>%s>' + b.id, r.addedAt = row.at, r.source = row.source, r.record = row.record,
  r.run = row.run, r.curator = row.curator, r.sources = [], r.created_ = true
WITH r, row, coalesce(r.created_, false) AS created
REMOVE r.created_
WITH r, row, created,
  [k IN keys(row.props) WHERE r[k] IS NULL OR r[k] <> row.props[k]] +
  CASE WHEN row.source IN r.sources THEN [] ELSE ['sources'] END AS changed
SET r += row.props
SET r.sources = CASE WHEN row.source IN r.sources THEN r.sources ELSE r.sources + row.source END
FOREACH (_ IN CASE WHEN size(changed) > 0 AND NOT created THEN [1] ELSE [] END |
  SET r.updatedAt = row.at, r.updatedBy = row.source, r.updateRun = row.run)
RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
  sum(CASE WHEN NOT created AND size(changed) > 0 THEN 1 ELSE 0 END) AS updated,
  sum(CASE WHEN NOT created AND size(changed) = 0 THEN 1 ELSE 0 END) AS unchanged,
  size($rows) - count(r) AS missing`, t, arrow, t)}
			groups[gk] = g
			order = append(order, g)
		}
		g.rows = append(g.rows, map[string]any{
			"from": e.From.Value, "to": e.To.Value, "props": props, "source": e.Prov.Source,
			"record": e.Prov.Record, "run": e.Prov.Run, "curator": e.Prov.Curator, "at": provTime(e.Prov.AddedAt),
		})
	}
	return order, nil
}

// endQuery is the body of a subquery that yields as v the entity at one end of an edge: the entity
// with the key value, or, when a curator merged that one away, the entity it was merged into.
func endQuery(v string, k graph.Kind, key, value string) string {
	return fmt.Sprintf("CALL (row) { %s }\n  RETURN %s LIMIT 1", entityOrRedirect(v, k, key, value), v)
}

// bumpVersion advances the graph version when a write changed something, so caches keyed by it never
// serve data older than the write.
func (s *Store) bumpVersion(ctx context.Context, tx neo4j.ManagedTransaction, st graph.WriteStats) error {
	if st.Created+st.Updated == 0 {
		return nil
	}
	_, err := tx.Run(ctx, "MERGE (m:Meta {name: 'graph'}) SET m.version = coalesce(m.version, 0) + 1", nil)
	return err
}

// stats decodes the counts an upsert statement returns.
func stats(rec *neo4j.Record) (graph.WriteStats, error) {
	var st graph.WriteStats
	for _, c := range []struct {
		key string
		n   *int
	}{{"created", &st.Created}, {"updated", &st.Updated}, {"unchanged", &st.Unchanged}, {"missing", &st.Missing}} {
		n, err := intColumn(rec, c.key)
		if err != nil {
			return graph.WriteStats{}, err
		}
		*c.n = n
	}
	return st, nil
}

// provTime is the time a write records: the input's, or now, as an RFC 3339 string in UTC.
func provTime(t time.Time) string {
	if t.IsZero() {
		t = time.Now()
	}
	return t.UTC().Format(time.RFC3339)
}
