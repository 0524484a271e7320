package resolvers_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/google/go-cmp/cmp"
)

func TestExplorerQueries(t *testing.T) {
	c := newClient(t)
	id := seedID(t, c)

	t.Run("neighbour groups of the seed article say how many of each relation there are", func(t *testing.T) {
		var resp struct {
			NeighbourGroups []struct {
				Type, Direction string
				TotalCount      int
				Edges           []struct {
					Node         struct{ Label string }
					Relationship struct {
						Type       string
						Provenance struct{ Source string }
					}
				}
				PageInfo struct {
					HasNextPage bool
					EndCursor   string
				}
			}
		}
		c.MustPost(`query($id: ID!) { neighbourGroups(id: $id, first: 3) {
			type direction totalCount
			edges { node { label } relationship { type provenance { source } } }
			pageInfo { hasNextPage endCursor } } }`, &resp, client.Var("id", id))
		got := map[string][2]int{}
		for _, g := range resp.NeighbourGroups {
			got[g.Type+" "+g.Direction] = [2]int{len(g.Edges), g.TotalCount}
			for _, e := range g.Edges {
				if e.Relationship.Type != g.Type || e.Relationship.Provenance.Source != "seed" {
					t.Errorf("%s: relationship %+v", g.Type, e.Relationship)
				}
			}
		}
		want := map[string][2]int{"AUTHORED IN": {1, 1}, "CASE_COUNTRY OUT": {2, 2}, "HAS_TOPIC OUT": {3, 7},
			"PUBLISHED_IN OUT": {1, 1}, "STUDIES OUT": {1, 1}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("groups, [shown, total] (-want +got):\n%s", diff)
		}

		var topics struct {
			NeighbourGroups []struct {
				Type     string
				PageInfo struct{ EndCursor string }
			}
		}
		c.MustPost(`query($id: ID!) { neighbourGroups(id: $id, first: 3) { type pageInfo { endCursor } } }`, &topics, client.Var("id", id))
		cursor := ""
		for _, g := range topics.NeighbourGroups {
			if g.Type == "HAS_TOPIC" {
				cursor = g.PageInfo.EndCursor
			}
		}
		var more struct {
			Neighbours struct {
				Edges []struct{ Node struct{ Label string } }
			}
		}
		c.MustPost(`query($id: ID!, $after: String) { neighbours(id: $id, type: "HAS_TOPIC", direction: OUT, first: 12, after: $after) { edges { node { label } } } }`,
			&more, client.Var("id", id), client.Var("after", cursor))
		if len(more.Neighbours.Edges) != 4 {
			t.Errorf("load more after the first 3 of 7 topics gave %d", len(more.Neighbours.Edges))
		}
	})

	t.Run("the other IOM articles are related to the seed article through the IOM", func(t *testing.T) {
		var resp struct {
			RelatedWorks struct {
				TotalCount int
				Edges      []struct {
					Node    struct{ Title string }
					Score   int
					Reasons []struct {
						Type, Direction string
						Via             *struct{ Kind, Label string }
					}
				}
			}
		}
		c.MustPost(`query($id: ID!) { relatedWorks(id: $id, relations: ["STUDIES"], first: 10) {
			totalCount edges { node { title } score reasons { type direction via { kind label } } } } }`, &resp, client.Var("id", id))
		var titles []string
		for _, e := range resp.RelatedWorks.Edges {
			titles = append(titles, e.Node.Title)
			if len(e.Reasons) != 1 || e.Reasons[0].Type != "STUDIES" || e.Reasons[0].Direction != "OUT" ||
				e.Reasons[0].Via == nil || e.Reasons[0].Via.Label != "International Organization for Migration" || e.Score != 2 {
				t.Errorf("%s: score %d, reasons %+v", e.Node.Title, e.Score, e.Reasons)
			}
		}
		for _, want := range []string{
			"The International Organization for Migration and the international government of borders",
			"Migration management for the benefit of whom? Interrogating the work of the International Organization for Migration",
		} {
			if !strings.Contains(strings.Join(titles, "\n"), want) {
				t.Errorf("related through the IOM: %q missing from %q", want, titles)
			}
		}
	})

	t.Run("related works are for works only", func(t *testing.T) {
		var person struct {
			Work struct{ Authors []struct{ ID string } }
		}
		c.MustPost(`{ work(doi: "10.1068/d1509") { authors { id } } }`, &person)
		var resp struct{ RelatedWorks struct{ TotalCount int } }
		err := c.Post(`query($id: ID!) { relatedWorks(id: $id) { totalCount } }`, &resp, client.Var("id", person.Work.Authors[0].ID))
		if err == nil || !strings.Contains(err.Error(), "INVALID") {
			t.Errorf("relatedWorks of a person: %v", err)
		}
	})

	t.Run("reach counts what the graph of relations holds, and says when it caps", func(t *testing.T) {
		var resp struct {
			Relations struct{ Nodes []struct{ ID string } }
			All       struct {
				Count  int
				Capped bool
			}
			Few struct {
				Count  int
				Capped bool
			}
		}
		c.MustPost(`query($id: ID!) { relations(id: $id, depth: 1, limit: 2000) { nodes { id } }
			all: reach(id: $id, depth: 1) { count capped } few: reach(id: $id, depth: 1, max: 2) { count capped } }`, &resp, client.Var("id", id))
		if resp.All.Count != len(resp.Relations.Nodes)-1 || resp.All.Capped {
			t.Errorf("reach %+v, relations hold %d entities besides the centre", resp.All, len(resp.Relations.Nodes)-1)
		}
		if resp.Few.Count != 2 || !resp.Few.Capped {
			t.Errorf("capped reach: %+v", resp.Few)
		}
	})
}
