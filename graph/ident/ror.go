package ident

import (
	"fmt"
	"strings"
)

// crockford is the Crockford base32 alphabet in lower case, indexed by value.
const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// ROR normalises a Research Organization Registry ID to its bare lower-case
// form, such as "04m01e293".
//
// It accepts the bare ID and the https://ror.org/… URL, in either case. An ID
// is "0", six Crockford base32 characters (digits and letters without i, l, o
// and u) and two check digits: 98 minus the remainder, modulo 97, of 100 times
// the number the first seven characters spell in base32 (ISO 7064 MOD 97-10).
func ROR(s string) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", invalid("ROR ID", s, format, args...)
	}
	t, problem := prepare(s)
	if problem != "" {
		return fail("%s", problem)
	}
	t, _, problem = trimURL(t, "ror.org", "www.ror.org")
	if problem != "" {
		return fail("%s", problem)
	}
	for _, r := range t {
		if !isASCIIAlnum(r) {
			return fail("%q is not a digit or letter", r)
		}
	}
	t = lowerASCII(t)
	if len(t) != 9 {
		return fail("has %d characters, want 9", len(t))
	}
	if t[0] != '0' {
		return fail("starts with %q, want '0'", t[0])
	}
	n := 0
	for i := 1; i < 7; i++ {
		v := strings.IndexByte(crockford, t[i])
		if v < 0 {
			return fail("%q is not a Crockford base32 character (which omits i, l, o and u)", t[i])
		}
		n = n*32 + v
	}
	if !isDigit(t[7]) || !isDigit(t[8]) {
		return fail("ends in %q, want two check digits", t[7:])
	}
	if got, want := t[7:], fmt.Sprintf("%02d", 98-n*100%97); got != want {
		return fail("check digits are %s, want %s", got, want)
	}
	return t, nil
}

// RORURL returns the https://ror.org/ URL of a bare ROR ID, the form ROR
// records use as their "id".
func RORURL(id string) string {
	return "https://ror.org/" + id
}

func isASCIIAlnum(r rune) bool {
	return r < 0x80 && (isDigit(byte(r)) || isLetter(byte(r)))
}
