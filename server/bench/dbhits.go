package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	store "github.com/relgraph/relgraph/graph/neo4j"
)

// hits is what one request of an operation costs the database: round trips and db hits (PROFILE).
type hits struct {
	trips  float64
	dbHits float64
}

// profileSamples is how many inputs of each operation are profiled; hits are averaged over them.
const profileSamples = 5

// relgraphHits runs each sample through an in-process relgraph handler whose reads are profiled.
func relgraphHits(h http.Handler, o op) (hits, error) {
	var sum hits
	for i := 0; i < profileSamples; i++ {
		body, _ := json.Marshal(map[string]any{"query": o.relgraph, "variables": o.vars(i)})
		ctx, prof := store.WithProfile(context.Background())
		req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body)).WithContext(ctx)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
			return hits{}, fmt.Errorf("relgraph %s: %.300s", o.name, rec.Body.String())
		}
		sum.trips += float64(len(prof.Queries))
		sum.dbHits += float64(prof.DBHits())
	}
	return hits{sum.trips / profileSamples, sum.dbHits / profileSamples}, nil
}

// profiled runs one statement under PROFILE and returns its db hits.
func profiled(ctx context.Context, d neo4j.DriverWithContext, db, cypher string, params map[string]any) (int64, error) {
	// PROFILE goes after any CYPHER options line.
	q := "PROFILE " + cypher
	if strings.HasPrefix(cypher, "CYPHER") {
		first, rest, _ := strings.Cut(cypher, "\n")
		q = first + "\nPROFILE " + rest
	}
	sess := d.NewSession(ctx, neo4j.SessionConfig{DatabaseName: db, AccessMode: neo4j.AccessModeRead})
	defer sess.Close(ctx)
	sum, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (neo4j.ResultSummary, error) {
		res, err := tx.Run(ctx, q, params)
		if err != nil {
			return nil, err
		}
		if _, err := res.Collect(ctx); err != nil {
			return nil, err
		}
		return res.Consume(ctx)
	})
	if err != nil {
		return 0, err
	}
	h, _ := store.PlanDBHits(sum)
	return h, nil
}

// floorHits profiles the floor's Cypher.
func floorHits(ctx context.Context, f floorTransport, o op) (hits, error) {
	var sum hits
	for i := 0; i < profileSamples; i++ {
		h, err := profiled(ctx, f.driver, f.db, o.floor, floorParams(o, i))
		if err != nil {
			return hits{}, fmt.Errorf("floor %s: %w", o.name, err)
		}
		sum.trips++
		sum.dbHits += float64(h)
	}
	return hits{sum.trips / profileSamples, sum.dbHits / profileSamples}, nil
}

// ngqlHits asks @neo4j/graphql to record the Cypher it runs for each sample, and profiles that.
func ngqlHits(ctx context.Context, base string, f floorTransport, o op) (hits, error) {
	var sum hits
	for i := 0; i < profileSamples; i++ {
		if _, err := http.Post(base+"/cypher/start", "text/plain", nil); err != nil {
			return hits{}, err
		}
		if _, err := post(base+"/graphql", o.ngql, ngqlVars(o, i)); err != nil {
			return hits{}, fmt.Errorf("@neo4j/graphql %s: %w", o.name, err)
		}
		resp, err := http.Post(base+"/cypher", "text/plain", nil)
		if err != nil {
			return hits{}, err
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var ran []struct {
			Query  string
			Params map[string]any
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		if err := dec.Decode(&ran); err != nil {
			return hits{}, err
		}
		for _, r := range ran {
			h, err := profiled(ctx, f.driver, f.db, r.Query, fromJS(r.Params).(map[string]any))
			if err != nil {
				return hits{}, fmt.Errorf("@neo4j/graphql %s, profiling %q: %w", o.name, r.Query, err)
			}
			sum.trips++
			sum.dbHits += float64(h)
		}
	}
	return hits{sum.trips / profileSamples, sum.dbHits / profileSamples}, nil
}

func ngqlVars(o op, i int) map[string]any {
	if o.ngqlVars != nil {
		return o.ngqlVars(i)
	}
	return o.vars(i)
}

// fromJS turns parameters as the JavaScript driver had them back into Go driver values: integers
// were written as {"$int": "<decimal>"}, other numbers are floats.
func fromJS(v any) any {
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["$int"].(string); ok && len(x) == 1 {
			n, _ := strconv.ParseInt(s, 10, 64)
			return n
		}
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = fromJS(v)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, v := range x {
			out[i] = fromJS(v)
		}
		return out
	case json.Number:
		f, _ := x.Float64()
		return f
	}
	return v
}
