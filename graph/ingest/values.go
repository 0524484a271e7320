package ingest

import "strings"

// Str returns s without surrounding space, or nil when that is empty. The store ignores nil
// property values, so an empty value never clears one that another record set.
func Str(s string) any {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	return s
}

// StrPtr is Str of *s, nil when s is nil.
func StrPtr(s *string) any {
	if s == nil {
		return nil
	}
	return Str(*s)
}

// List returns the non-blank strings of ss, trimmed and without repeats, or nil when none is left.
func List(ss []string) any {
	var out []string
	seen := map[string]bool{}
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
