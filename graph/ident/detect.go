package ident

import "strings"

// Scheme names returned by Detect.
const (
	schemeDOI      = "doi"
	schemeORCID    = "orcid"
	schemeROR      = "ror"
	schemeISSN     = "issn"
	schemeOpenAlex = "openalex"
	schemeISO2     = "iso2"
	schemeISO3     = "iso3"
)

// urlSchemes maps the hosts of resolver URLs to the scheme of the identifiers
// they resolve.
var urlSchemes = map[string]string{
	"doi.org":          schemeDOI,
	"dx.doi.org":       schemeDOI,
	"www.doi.org":      schemeDOI,
	"orcid.org":        schemeORCID,
	"www.orcid.org":    schemeORCID,
	"ror.org":          schemeROR,
	"www.ror.org":      schemeROR,
	"openalex.org":     schemeOpenAlex,
	"api.openalex.org": schemeOpenAlex,
	"www.openalex.org": schemeOpenAlex,
}

// Detect guesses the scheme of a free-form identifier and normalises it. It
// returns the scheme, one of "doi", "orcid", "ror", "issn", "openalex", "iso2"
// and "iso3", and the value in the canonical form that scheme's validator
// returns (for "openalex", the ID with its prefix letter).
//
// The guess goes by shape, in this order: a resolver URL by its host; a "doi:"
// or "issn:" label; a DOI (starting "10."); an ORCID iD (16 characters, with or
// without hyphens); an ISSN (8 characters, with or without a hyphen); an
// OpenAlex ID (a prefix letter and digits); a ROR ID (9 characters starting
// with 0); two letters as an ISO 3166-1 alpha-2 country code; three letters as
// an alpha-3 code. Once the shape matches, the identifier must be valid in
// that scheme: an ORCID iD with a bad check digit is reported as such rather
// than tried against other schemes. An input of no known shape yields an error
// listing the shapes tried.
func Detect(s string) (scheme, value string, err error) {
	t, problem := prepare(s)
	if problem != "" {
		return "", "", invalid("identifier", s, "%s", problem)
	}
	scheme = guess(t)
	switch scheme {
	case schemeDOI:
		value, err = DOI(s)
	case schemeORCID:
		value, err = ORCID(s)
	case schemeISSN:
		value, err = ISSN(s)
	case schemeOpenAlex:
		_, value, err = OpenAlex(s)
	case schemeROR:
		value, err = ROR(s)
	case schemeISO2:
		value, err = CountryAlpha2(s)
	case schemeISO3:
		value, err = CountryAlpha3(s)
	default:
		if host, ok := urlHost(t); ok {
			return "", "", invalid("identifier", s,
				"URL host %q is not one of doi.org, orcid.org, ror.org or openalex.org", host)
		}
		return "", "", invalid("identifier", s,
			"does not look like any of the identifiers tried: "+
				"DOI (10.…), ORCID iD (0000-0000-0000-0000), ISSN (0000-0000), "+
				"OpenAlex ID (%s and digits), ROR ID (0 and 8 characters), "+
				"ISO 3166-1 alpha-2 or alpha-3 code (2 or 3 letters)", openAlexLetters)
	}
	if err != nil {
		return "", "", err
	}
	return scheme, value, nil
}

// guess returns the scheme whose shape t has, or "" when it has none.
// t has no surrounding space.
func guess(t string) string {
	if host, ok := urlHost(t); ok {
		return urlSchemes[host]
	}
	for host, scheme := range urlSchemes {
		if _, ok := cutPrefixFold(t, host+"/"); ok {
			return scheme
		}
	}
	switch {
	case trimLabel(t, "doi") != t, strings.HasPrefix(t, "10."):
		return schemeDOI
	case trimLabel(t, "issn") != t:
		return schemeISSN
	case looksGrouped(t, 4, 4):
		return schemeORCID
	case looksGrouped(t, 2, 4):
		return schemeISSN
	case looksOpenAlex(t):
		return schemeOpenAlex
	case len(t) == 9 && t[0] == '0' && isAlnum(t):
		return schemeROR
	case len(t) == 2 && isLetters(t):
		return schemeISO2
	case len(t) == 3 && isLetters(t):
		return schemeISO3
	}
	return ""
}

// urlHost returns the lower-cased host of t if t starts with "http://" or
// "https://".
func urlHost(t string) (string, bool) {
	rest, ok := cutPrefixFold(t, "https://")
	if !ok {
		rest, ok = cutPrefixFold(t, "http://")
	}
	if !ok {
		return "", false
	}
	host, _, _ := strings.Cut(rest, "/")
	return lowerASCII(host), true
}

// looksGrouped reports whether t has the shape ungroup accepts: groups×size
// digits, the last of which may be X, run together or split by hyphens.
func looksGrouped(t string, groups, size int) bool {
	n := groups * size
	if len(t) != n && len(t) != n+groups-1 {
		return false
	}
	hyphens := len(t) != n
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case hyphens && i%(size+1) == size:
			if c != '-' {
				return false
			}
		case i == len(t)-1:
			if !isDigit(c) && c != 'x' && c != 'X' {
				return false
			}
		case !isDigit(c):
			return false
		}
	}
	return true
}

// looksOpenAlex reports whether t is one of the OpenAlex prefix letters, in
// either case, followed by digits.
func looksOpenAlex(t string) bool {
	if t == "" {
		return false
	}
	_, ok := openAlexKinds[upperByte(t[0])]
	return ok && allDigits(t[1:])
}

// isAlnum reports whether t is made of ASCII letters and digits only.
func isAlnum(t string) bool {
	for _, r := range t {
		if !isASCIIAlnum(r) {
			return false
		}
	}
	return true
}

// isLetters reports whether t is made of ASCII letters only.
func isLetters(t string) bool {
	for i := 0; i < len(t); i++ {
		if !isLetter(t[i]) {
			return false
		}
	}
	return true
}
