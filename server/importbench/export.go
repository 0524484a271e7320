package importbench

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/relgraph/relgraph/graph"
)

// csvExport is a graph.Writer that keeps what an import would write, one node per id and one
// relationship per type and ends, and writes it as the CSV files neo4j-admin database import
// reads: the same records, resolved the same way, for the offline importer.
type csvExport struct {
	mu    sync.Mutex
	nodes map[string]*csvNode
	edges map[string]*csvEdge
}

type csvNode struct {
	label string
	props map[string]any
	stub  bool
}

type csvEdge struct {
	typ, from, to string
	props         map[string]any
}

func newCSVExport() *csvExport {
	return &csvExport{nodes: map[string]*csvNode{}, edges: map[string]*csvEdge{}}
}

func nodeID(r graph.Ref) string { return graph.NewID(r.Kind, r.Scheme, r.Value) }

func provProps(p graph.Provenance, props map[string]any) {
	props["source"], props["record"], props["run"] = p.Source, p.Record, p.Run
}

// UpsertNodes implements graph.Writer.
func (x *csvExport) UpsertNodes(_ context.Context, in []graph.NodeInput) (graph.WriteStats, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	var st graph.WriteStats
	for _, n := range in {
		id := nodeID(n.Key)
		cur := x.nodes[id]
		if cur != nil && n.Stub {
			st.Unchanged++
			continue
		}
		if cur == nil || cur.stub {
			cur = &csvNode{label: n.Key.Kind.Label(), props: map[string]any{n.Key.Scheme: n.Key.Value}}
			x.nodes[id] = cur
			st.Created++
		} else {
			st.Updated++
		}
		cur.stub = n.Stub
		cur.props["stub"] = n.Stub
		provProps(n.Prov, cur.props)
		for _, m := range []map[string]any{n.Props, n.Sourced} {
			for k, v := range m {
				if v != nil {
					cur.props[k] = v
				}
			}
		}
	}
	return st, nil
}

// UpsertEdges implements graph.Writer.
func (x *csvExport) UpsertEdges(_ context.Context, in []graph.EdgeInput) (graph.WriteStats, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	var st graph.WriteStats
	for _, e := range in {
		from, to := nodeID(e.From), nodeID(e.To)
		if x.nodes[from] == nil || x.nodes[to] == nil {
			st.Missing++
			continue
		}
		k := string(e.Type) + "\x00" + from + "\x00" + to
		cur := x.edges[k]
		if cur == nil {
			cur = &csvEdge{typ: string(e.Type), from: from, to: to, props: map[string]any{}}
			x.edges[k] = cur
			st.Created++
		} else {
			st.Updated++
		}
		provProps(e.Prov, cur.props)
		for k, v := range e.Props {
			if v != nil {
				cur.props[k] = v
			}
		}
	}
	return st, nil
}

// csvFiles are the files written for neo4j-admin, as its --nodes and --relationships arguments.
type csvFiles struct {
	Nodes, Relationships []string // "Label=path", "TYPE=path"
	NodeCount, RelCount  int
}

// write writes one node file per label and one relationship file per type into dir.
func (x *csvExport) write(dir string) (csvFiles, error) {
	var out csvFiles
	byLabel := map[string][]string{}
	for id, n := range x.nodes {
		byLabel[n.label] = append(byLabel[n.label], id)
	}
	for lbl, ids := range byLabel {
		sort.Strings(ids)
		rows := make([]map[string]any, len(ids))
		for i, id := range ids {
			rows[i] = x.nodes[id].props
		}
		path := filepath.Join(dir, "nodes-"+lbl+".csv")
		if err := writeCSV(path, []string{"id:ID"}, ids, nil, rows); err != nil {
			return out, err
		}
		out.Nodes = append(out.Nodes, lbl+"="+path)
		out.NodeCount += len(ids)
	}
	byType := map[string][]*csvEdge{}
	for _, e := range x.edges {
		byType[e.typ] = append(byType[e.typ], e)
	}
	for typ, es := range byType {
		sort.Slice(es, func(i, j int) bool { return es[i].from+es[i].to < es[j].from+es[j].to })
		starts, ends := make([]string, len(es)), make([]string, len(es))
		rows := make([]map[string]any, len(es))
		for i, e := range es {
			starts[i], ends[i], rows[i] = e.from, e.to, e.props
		}
		path := filepath.Join(dir, "rels-"+typ+".csv")
		if err := writeCSV(path, []string{":START_ID", ":END_ID"}, starts, ends, rows); err != nil {
			return out, err
		}
		out.Relationships = append(out.Relationships, typ+"="+path)
		out.RelCount += len(es)
	}
	sort.Strings(out.Nodes)
	sort.Strings(out.Relationships)
	return out, nil
}

// writeCSV writes rows with the fixed leading columns (ids, and ends when not nil) and one column
// per property, typed for neo4j-admin from the first value seen.
func writeCSV(path string, fixed []string, ids, ends []string, rows []map[string]any) error {
	types := map[string]string{}
	for _, r := range rows {
		for k, v := range r {
			if _, ok := types[k]; !ok {
				types[k] = csvType(v)
			}
		}
	}
	keys := make([]string, 0, len(types))
	for k := range types {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := csv.NewWriter(f)
	header := append([]string(nil), fixed...)
	for _, k := range keys {
		header = append(header, k+types[k])
	}
	if err := w.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i, r := range rows {
		rec[0] = ids[i]
		c := 1
		if ends != nil {
			rec[1] = ends[i]
			c = 2
		}
		for j, k := range keys {
			rec[c+j] = csvValue(r[k], types[k])
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return f.Close()
}

func csvType(v any) string {
	switch v.(type) {
	case int, int64:
		return ":long"
	case float64:
		return ":double"
	case bool:
		return ":boolean"
	case []string:
		return ":string[]"
	}
	return ""
}

// csvValue formats v for a column of type t; one line per record, arrays split by ';'.
func csvValue(v any, t string) string {
	if v == nil {
		return ""
	}
	switch x := v.(type) {
	case []string:
		parts := make([]string, len(x))
		for i, s := range x {
			parts[i] = strings.ReplaceAll(oneLine(s), ";", ",")
		}
		return strings.Join(parts, ";")
	case string:
		return oneLine(x)
	}
	if t == "" || t == ":string[]" {
		return oneLine(fmt.Sprint(v))
	}
	return fmt.Sprint(v)
}

func oneLine(s string) string {
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}
