package resolvers

import (
	"github.com/relgraph/relgraph/graph"
	"github.com/relgraph/relgraph/resolvers/model"
)

// direction converts a direction for the API.
func direction(d graph.Direction) model.Direction {
	if d == graph.In {
		return model.DirectionIn
	}
	return model.DirectionOut
}
