// Package ident validates and normalises the identifiers that scholarly
// metadata uses to name works, people, organisations, journals and countries:
// DOIs, ORCID iDs, ISSNs, ROR IDs, OpenAlex IDs and ISO 3166-1 country codes.
//
// Each validator accepts the forms people paste (resolver URLs, labels such as
// "doi:", missing hyphens, either letter case) and returns one canonical form,
// so that two spellings of the same identifier compare equal. A rejected input
// yields an *Error that says which scheme was checked and what is wrong.
package ident

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error reports an input that is not a valid identifier of a scheme.
type Error struct {
	// Scheme names the identifier scheme the input was checked against,
	// such as "DOI" or "ORCID".
	Scheme string
	// Input is the string as it was passed in.
	Input string
	// Reason says what is wrong with the input.
	Reason string
}

// Error returns a message such as
// `invalid ORCID "0000-0002-1825-0098": check digit is 8, want 7`.
func (e *Error) Error() string {
	return fmt.Sprintf("invalid %s %q: %s", e.Scheme, e.Input, e.Reason)
}

// invalid builds the *Error for scheme and input with a formatted reason.
func invalid(scheme, input, format string, args ...any) *Error {
	return &Error{Scheme: scheme, Input: input, Reason: fmt.Sprintf(format, args...)}
}

// prepare does the checks every validator starts with: the input must be
// valid UTF-8 and not blank. It returns the input without surrounding space,
// or a reason for rejecting it.
func prepare(s string) (string, string) {
	if !utf8.ValidString(s) {
		return "", "is not valid UTF-8"
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return "", "is empty"
	}
	return t, ""
}

// trimURL removes a resolver URL from the front of s: an optional "http://"
// or "https://" followed by one of hosts and a slash. It reports whether it
// removed one, and returns a reason when s is a URL for some other host.
func trimURL(s string, hosts ...string) (rest string, isURL bool, problem string) {
	t, scheme := cutPrefixFold(s, "https://")
	if !scheme {
		t, scheme = cutPrefixFold(s, "http://")
	}
	for _, h := range hosts {
		if r, ok := cutPrefixFold(t, h+"/"); ok {
			return r, true, ""
		}
	}
	if scheme {
		host, _, _ := strings.Cut(t, "/")
		return s, false, fmt.Sprintf("URL host %q is not %s", host, orList(hosts))
	}
	return s, false, ""
}

// trimLabel removes a leading scheme label, such as "doi:" or "ISSN ", from s:
// the label in any case followed by a colon or a space.
func trimLabel(s, label string) string {
	for _, sep := range []string{":", " "} {
		if rest, ok := cutPrefixFold(s, label+sep); ok {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// cutPrefixFold is strings.CutPrefix with ASCII letters compared without
// regard to case. prefix must be ASCII.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) {
		return s, false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerByte(s[i]) != lowerByte(prefix[i]) {
			return s, false
		}
	}
	return s[len(prefix):], true
}

// lowerASCII lower-cases the ASCII letters of s and leaves every other byte alone.
func lowerASCII(s string) string {
	return mapBytes(s, lowerByte)
}

// upperASCII upper-cases the ASCII letters of s and leaves every other byte alone.
func upperASCII(s string) string {
	return mapBytes(s, upperByte)
}

func mapBytes(s string, f func(byte) byte) string {
	b := []byte(s)
	for i, c := range b {
		b[i] = f(c)
	}
	return string(b)
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func upperByte(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isLetter(c byte) bool { return 'A' <= upperByte(c) && upperByte(c) <= 'Z' }

// allDigits reports whether s is non-empty and made of ASCII digits only.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

// firstNonDigit returns the first rune of s that is not an ASCII digit.
func firstNonDigit(s string) rune {
	for _, r := range s {
		if r < '0' || r > '9' {
			return r
		}
	}
	return utf8.RuneError
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
