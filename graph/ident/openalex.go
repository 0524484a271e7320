package ident

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// openAlexKinds maps each OpenAlex ID prefix letter to the entity type it
// names, which is also the API path segment for that type.
var openAlexKinds = map[byte]string{
	'W': "works",
	'A': "authors",
	'I': "institutions",
	'S': "sources",
	'P': "publishers",
	'F': "funders",
	'C': "concepts",
	'T': "topics",
}

// openAlexLetters lists the prefix letters OpenAlex accepts, for messages.
const openAlexLetters = "W, A, I, S, P, F, C or T"

// OpenAlex normalises an OpenAlex ID to an upper-case prefix letter followed
// by its number, such as "W2741809807", and returns the prefix letter as the
// kind of entity: W work, A author, I institution, S source, P publisher,
// F funder, C concept, T topic.
//
// It accepts the bare ID in either case, the https://openalex.org/… URL, and
// API URLs such as https://api.openalex.org/works/W2741809807, whose path
// must name the entity type the prefix letter stands for. Keyword IDs are not
// numeric and are not accepted.
func OpenAlex(s string) (byte, string, error) {
	fail := func(format string, args ...any) (byte, string, error) {
		return 0, "", invalid("OpenAlex ID", s, format, args...)
	}
	t, problem := prepare(s)
	if problem != "" {
		return fail("%s", problem)
	}
	t, isURL, problem := trimURL(t, "openalex.org", "api.openalex.org", "www.openalex.org")
	if problem != "" {
		return fail("%s", problem)
	}
	entity := ""
	if isURL {
		if e, rest, ok := strings.Cut(t, "/"); ok {
			entity, t = e, rest
		}
	}
	if entity != "" && !knownEntity(entity) {
		return fail("URL path %q is not an OpenAlex entity type", entity)
	}
	if t == "" {
		return fail("has no ID after the URL")
	}
	kind := upperByte(t[0])
	name, ok := openAlexKinds[kind]
	if !ok {
		r, _ := utf8.DecodeRuneInString(t)
		return fail("starts with %q, want %s", r, openAlexLetters)
	}
	number := t[1:]
	if number == "" {
		return fail("has no number after %c", kind)
	}
	if !allDigits(number) {
		return fail("%q after %c is not a digit", firstNonDigit(number), kind)
	}
	if number[0] == '0' {
		return fail("number after %c starts with 0", kind)
	}
	if entity != "" && lowerASCII(entity) != name {
		return fail("prefix %c (%s) does not match URL path %q", kind, name, entity)
	}
	return kind, fmt.Sprintf("%c%s", kind, number), nil
}

// knownEntity reports whether path, in any case, is the API path segment of
// one of the entity types in openAlexKinds.
func knownEntity(path string) bool {
	for _, name := range openAlexKinds {
		if lowerASCII(path) == name {
			return true
		}
	}
	return false
}
