package ident

import "fmt"

// ORCID normalises an ORCID iD to its hyphenated form, such as
// "0000-0002-1825-0097".
//
// It accepts the iD with or without an https://orcid.org/ prefix, with or
// without hyphens, and with a lower-case "x" as check character. The last
// character must be the ISO 7064 MOD 11-2 check digit of the other fifteen.
func ORCID(s string) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", invalid("ORCID", s, format, args...)
	}
	t, problem := prepare(s)
	if problem != "" {
		return fail("%s", problem)
	}
	t, _, problem = trimURL(t, "orcid.org", "www.orcid.org")
	if problem != "" {
		return fail("%s", problem)
	}
	d, problem := ungroup(t, 4, 4)
	if problem != "" {
		return fail("%s", problem)
	}
	got, want := d[15], orcidCheck(d[:15])
	if got != want {
		return fail("check digit is %c, want %c", got, want)
	}
	return d[0:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:16], nil
}

// orcidCheck returns the ISO 7064 MOD 11-2 check character of the digits d.
func orcidCheck(d string) byte {
	total := 0
	for i := 0; i < len(d); i++ {
		total = (total + int(d[i]-'0')) * 2
	}
	return checkChar((12 - total%11) % 11)
}

// checkChar returns the character for a mod-11 check value: a digit, or X for 10.
func checkChar(v int) byte {
	if v == 10 {
		return 'X'
	}
	return byte('0' + v)
}

// ungroup reads groups×size characters, either run together or split into
// groups by hyphens. All must be ASCII digits except the last, which may also
// be X in either case. It returns the characters without hyphens and with an
// upper-case X, or a reason for rejecting t.
func ungroup(t string, groups, size int) (string, string) {
	for _, r := range t {
		if !('0' <= r && r <= '9' || r == '-' || r == 'x' || r == 'X') {
			return "", fmt.Sprintf("%q is not a digit", r)
		}
	}
	n := groups * size
	withHyphens := n + groups - 1
	var d []byte
	switch len(t) {
	case n:
		d = []byte(t)
	case withHyphens:
		for g := range groups {
			at := g * (size + 1)
			if g > 0 && t[at-1] != '-' {
				return "", fmt.Sprintf("hyphens must separate groups of %d characters", size)
			}
			d = append(d, t[at:at+size]...)
		}
	default:
		return "", fmt.Sprintf("has %d characters, want %d (or %d with hyphens)", len(t), n, withHyphens)
	}
	for i, c := range d {
		switch {
		case isDigit(c):
		case i == n-1:
			d[i] = 'X'
		case c == '-':
			return "", "has a misplaced hyphen"
		default:
			return "", fmt.Sprintf("%q before the check character is not a digit", c)
		}
	}
	return string(d), ""
}

// CompleteORCID returns the hyphenated ORCID iD made of the fifteen digits d and their check
// character, for generating valid test and benchmark identifiers. It panics when d is not fifteen
// ASCII digits.
func CompleteORCID(d string) string {
	if len(d) != 15 || !allDigits(d) {
		panic("ident.CompleteORCID: want 15 digits, got " + d)
	}
	d += string(orcidCheck(d))
	return d[0:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:16]
}
