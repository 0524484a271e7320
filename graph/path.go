package graph

import (
	"fmt"
	"strings"
)

// Hop is one relationship of a path from an entity to the items of one of its lists.
type Hop struct {
	Type RelType
	Dir  Direction // Out, In, or Both for a relationship read in either direction (BORDERS)
}

// RelPath is the way from an entity to the items of one of its lists: one relationship, or two
// through an entity in between (the works of the same authors).
type RelPath []Hop

// ParseRelPath reads a path written as Cypher draws it, such as "<-AUTHORED-" (the people who
// authored a work), "-BORDERS-" (either direction) or "<-AUTHORED- Person -AUTHORED->" (the other
// works of a work's authors; the kind in between is there to be read and is checked). Every type
// must be able to connect the kinds it meets, starting from an entity of kind from.
func ParseRelPath(from Kind, s string) (RelPath, error) {
	var p RelPath
	kind := from
	fields := strings.Fields(s)
	for i, f := range fields {
		if i%2 == 1 {
			// A kind in between two hops.
			k := kindOfLabel(f)
			if k == "" || (kind != "" && k != kind) {
				return nil, fmt.Errorf("path %q: %q is not the kind the hop before it reaches (%s)", s, f, kind.Label())
			}
			kind = k
			continue
		}
		h, err := parseHop(f)
		if err != nil {
			return nil, fmt.Errorf("path %q: %w", s, err)
		}
		next, err := h.reach(kind)
		if err != nil {
			return nil, fmt.Errorf("path %q: %w", s, err)
		}
		p, kind = append(p, h), next
	}
	if len(p) == 0 || len(fields)%2 == 0 {
		return nil, fmt.Errorf("path %q: want hops such as -TYPE->, <-TYPE- or -TYPE-, with kinds between them", s)
	}
	return p, nil
}

func parseHop(f string) (Hop, error) {
	var h Hop
	var t string
	switch {
	case strings.HasPrefix(f, "<-") && strings.HasSuffix(f, "-") && !strings.HasSuffix(f, "->"):
		h.Dir, t = In, strings.TrimSuffix(strings.TrimPrefix(f, "<-"), "-")
	case strings.HasPrefix(f, "-") && strings.HasSuffix(f, "->"):
		h.Dir, t = Out, strings.TrimSuffix(strings.TrimPrefix(f, "-"), "->")
	case strings.HasPrefix(f, "-") && strings.HasSuffix(f, "-") && len(f) > 2:
		h.Dir, t = Both, strings.TrimSuffix(strings.TrimPrefix(f, "-"), "-")
	default:
		return h, fmt.Errorf("%q is not a hop such as -TYPE->, <-TYPE- or -TYPE-", f)
	}
	h.Type = RelType(t)
	if !h.Type.Valid() {
		return h, fmt.Errorf("unknown relationship type %q", t)
	}
	return h, nil
}

// reach returns the kind at the far end of the hop from an entity of kind k: "" when it may be
// more than one kind.
func (h Hop) reach(k Kind) (Kind, error) {
	e := RelTypes[h.Type]
	near, far := e.From, e.To
	if h.Dir == In {
		near, far = e.To, e.From
	}
	if k != "" && !contains(near, k) && !(h.Dir == Both && contains(far, k)) {
		return "", fmt.Errorf("%s does not start at a %s in that direction", h.Type, k.Label())
	}
	if len(far) == 1 {
		return far[0], nil
	}
	return "", nil
}

// Target is the kind of the items a path from an entity of kind from reaches, "" when it may be
// more than one.
func (p RelPath) Target(from Kind) Kind {
	k := from
	for _, h := range p {
		k, _ = h.reach(k)
	}
	return k
}

// String writes the path as ParseRelPath reads it, without the kinds in between.
func (p RelPath) String() string {
	parts := make([]string, len(p))
	for i, h := range p {
		switch h.Dir {
		case In:
			parts[i] = "<-" + string(h.Type) + "-"
		case Out:
			parts[i] = "-" + string(h.Type) + "->"
		default:
			parts[i] = "-" + string(h.Type) + "-"
		}
	}
	return strings.Join(parts, " () ")
}

func kindOfLabel(l string) Kind {
	for _, k := range Kinds {
		if k.Label() == l {
			return k
		}
	}
	return ""
}

// Order says in which order a list's items come.
type Order string

// The orders of lists.
const (
	// ByPosition: by the relationship's position (author order), then its score (highest first),
	// then the item's label. For lists of one relationship.
	ByPosition Order = "POSITION"
	// Newest: the newest works first, then by id. Pages are cut by keyset cursors.
	Newest Order = "NEWEST"
	// MostShared: the items reached by the most paths first (co-authors by shared works), then by
	// label.
	MostShared Order = "MOST_SHARED"
)

// Valid reports whether o is a known order.
func (o Order) Valid() bool { return o == ByPosition || o == Newest || o == MostShared }

// Page sizes and caps that the API and the store share.
const (
	// DefaultPageSize is the page size of a connection when `first` is not given.
	DefaultPageSize = 10
	// MaxPageSize is the largest `first` of any connection, and the most ids of one nodes(ids:).
	MaxPageSize = 100
	// DefaultListCap is the most items an unpaged list returns when its declaration sets no cap.
	DefaultListCap = 1000
	// DefaultRelations and MaxRelations are the default and the largest number of entities of a
	// graph of relations.
	DefaultRelations = 200
	MaxRelations     = 2000
	// MaxRelationsDepth is the deepest graph of relations.
	MaxRelationsDepth = 3
)
