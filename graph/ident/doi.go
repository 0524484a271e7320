package ident

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// doiHosts are the resolver hosts whose URLs DOI accepts.
var doiHosts = []string{"doi.org", "dx.doi.org", "www.doi.org"}

// DOI normalises a Digital Object Identifier to its bare lower-case form,
// such as "10.1068/d1509".
//
// It accepts the bare DOI and the forms it is usually cited in: a resolver URL
// (https://doi.org/…, http://dx.doi.org/…, with percent-escapes decoded) or a
// "doi:" or "DOI " label. DOIs are case-insensitive, so ASCII letters are
// lower-cased. The DOI must be "10." followed by a registrant code of 4 to 9
// digits (optionally with dotted sub-codes, as in 10.1000.10), a slash and a
// non-empty suffix without whitespace or control characters.
func DOI(s string) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", invalid("DOI", s, format, args...)
	}
	t, problem := prepare(s)
	if problem != "" {
		return fail("%s", problem)
	}
	t, isURL, problem := trimURL(t, doiHosts...)
	if problem != "" {
		return fail("%s", problem)
	}
	if isURL {
		u, err := url.PathUnescape(t)
		if err != nil {
			return fail("URL path has a malformed percent-escape")
		}
		if !utf8.ValidString(u) {
			return fail("URL path decodes to invalid UTF-8")
		}
		t = u
	} else {
		t = trimLabel(t, "doi")
	}
	t = lowerASCII(t)

	prefix, suffix, found := strings.Cut(t, "/")
	registrant, ok := strings.CutPrefix(prefix, "10.")
	if !ok {
		return fail(`does not start with "10."`)
	}
	if !found {
		return fail(`has no "/" between prefix and suffix`)
	}
	codes := strings.Split(registrant, ".")
	if !allDigits(codes[0]) {
		return fail("registrant code %q is not all digits", codes[0])
	}
	if n := len(codes[0]); n < 4 || n > 9 {
		return fail("registrant code %q has %d digits, want 4 to 9", codes[0], n)
	}
	for _, sub := range codes[1:] {
		if !allDigits(sub) {
			return fail("registrant sub-code %q is not all digits", sub)
		}
	}
	if suffix == "" {
		return fail("suffix after %q is empty", prefix+"/")
	}
	for _, r := range suffix {
		if unicode.IsSpace(r) {
			return fail("suffix contains whitespace %q", r)
		}
		if unicode.IsControl(r) {
			return fail("suffix contains control character %q", r)
		}
	}
	return t, nil
}
