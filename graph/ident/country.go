package ident

import (
	"fmt"
	"unicode/utf8"
)

// CountryAlpha2 normalises an ISO 3166-1 alpha-2 country code, such as "GB",
// to upper case. It checks only the syntax, two letters A to Z, not whether
// the code is assigned.
func CountryAlpha2(s string) (string, error) {
	return countryCode(s, 2)
}

// CountryAlpha3 normalises an ISO 3166-1 alpha-3 country code, such as "GBR",
// to upper case. It checks only the syntax, three letters A to Z, not whether
// the code is assigned.
func CountryAlpha3(s string) (string, error) {
	return countryCode(s, 3)
}

func countryCode(s string, n int) (string, error) {
	scheme := fmt.Sprintf("ISO 3166-1 alpha-%d code", n)
	t, problem := prepare(s)
	if problem != "" {
		return "", invalid(scheme, s, "%s", problem)
	}
	for _, r := range t {
		if r >= utf8.RuneSelf || !isLetter(byte(r)) {
			return "", invalid(scheme, s, "%q is not a letter A to Z", r)
		}
	}
	if len(t) != n {
		return "", invalid(scheme, s, "has %d letters, want %d", len(t), n)
	}
	return upperASCII(t), nil
}
