package ident

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rorRelease is a ROR data dump whose file names are ROR IDs.
const rorRelease = "../../../shared/data/ror/release_v2.9"

// check compares the result of a validator with the expected value, or, when
// reason is set, with the expected *Error.
func check(t *testing.T, scheme, in, got string, err error, want, reason string) {
	t.Helper()
	if reason == "" {
		if err != nil {
			t.Fatalf("got error %v, want %q", err, want)
		}
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got (%q, %v), want an *Error with reason %q", got, err, reason)
	}
	if got != "" {
		t.Errorf("got value %q alongside the error, want none", got)
	}
	want2 := Error{Scheme: scheme, Input: in, Reason: reason}
	if *e != want2 {
		t.Errorf("got error %#v, want %#v", *e, want2)
	}
}

func TestErrorMessage(t *testing.T) {
	_, err := ORCID("0000-0002-1825-0098")
	want := `invalid ORCID "0000-0002-1825-0098": check digit is 8, want 7`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestDOI(t *testing.T) {
	tests := []struct{ name, in, want, reason string }{
		{name: "a bare DOI is kept", in: "10.1068/d1509", want: "10.1068/d1509"},
		{name: "a DOI with dots in the suffix is kept", in: "10.1080/13621025.2011.534914", want: "10.1080/13621025.2011.534914"},
		{name: "a PeerJ DOI is kept", in: "10.7717/peerj.4375", want: "10.7717/peerj.4375"},
		{name: "upper case is lowered", in: "10.1068/D1509", want: "10.1068/d1509"},
		{name: "surrounding space is trimmed", in: " \t10.1068/d1509\n", want: "10.1068/d1509"},
		{name: "the https doi.org resolver is stripped", in: "https://doi.org/10.1068/d1509", want: "10.1068/d1509"},
		{name: "the http dx.doi.org resolver is stripped", in: "http://dx.doi.org/10.7717/peerj.4375", want: "10.7717/peerj.4375"},
		{name: "a resolver in capitals is stripped", in: "HTTPS://DOI.ORG/10.1068/D1509", want: "10.1068/d1509"},
		{name: "a resolver without scheme is stripped", in: "doi.org/10.1068/d1509", want: "10.1068/d1509"},
		{name: "percent-escapes in a resolver URL are decoded", in: "https://doi.org/10.1002/%28sici%291097", want: "10.1002/(sici)1097"},
		{name: "a doi: label is stripped", in: "doi:10.1068/d1509", want: "10.1068/d1509"},
		{name: "a DOI label with a space is stripped", in: "DOI 10.1068/d1509", want: "10.1068/d1509"},
		{name: "a doi: label followed by space is stripped", in: "doi: 10.1068/d1509", want: "10.1068/d1509"},
		{name: "a dotted registrant sub-code is allowed", in: "10.1000.10/abc", want: "10.1000.10/abc"},
		{name: "a nine-digit registrant is allowed", in: "10.123456789/x", want: "10.123456789/x"},
		{name: "slashes in the suffix are kept", in: "10.1000/a/b", want: "10.1000/a/b"},
		{name: "non-ASCII letters in the suffix are kept as they are", in: "10.1000/Ä", want: "10.1000/Ä"},

		{name: "an empty string is rejected", in: "", reason: "is empty"},
		{name: "blank space is rejected", in: "  ", reason: "is empty"},
		{name: "invalid UTF-8 is rejected", in: "10.1000/\xff", reason: "is not valid UTF-8"},
		{name: "a DOI not starting with 10. is rejected", in: "11.1068/d1509", reason: `does not start with "10."`},
		{name: "a URL of another host is rejected", in: "https://example.org/10.1068/d1509", reason: `URL host "example.org" is not doi.org, dx.doi.org or www.doi.org`},
		{name: "a DOI without slash is rejected", in: "10.1068", reason: `has no "/" between prefix and suffix`},
		{name: "a three-digit registrant is rejected", in: "10.123/x", reason: `registrant code "123" has 3 digits, want 4 to 9`},
		{name: "a ten-digit registrant is rejected", in: "10.1234567890/x", reason: `registrant code "1234567890" has 10 digits, want 4 to 9`},
		{name: "letters in the registrant are rejected", in: "10.10a8/x", reason: `registrant code "10a8" is not all digits`},
		{name: "an empty sub-code is rejected", in: "10.1000./x", reason: `registrant sub-code "" is not all digits`},
		{name: "an empty suffix is rejected", in: "10.1068/", reason: `suffix after "10.1068/" is empty`},
		{name: "a space in the suffix is rejected", in: "10.1068/d 1509", reason: `suffix contains whitespace ' '`},
		{name: "a control character in the suffix is rejected", in: "10.1068/d\x001509", reason: `suffix contains control character '\x00'`},
		{name: "a malformed percent-escape in a URL is rejected", in: "https://doi.org/10.1068/d%zz", reason: "URL path has a malformed percent-escape"},
		{name: "a doubled label is rejected", in: "doi:doi:10.1068/d1509", reason: `does not start with "10."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DOI(tt.in)
			check(t, "DOI", tt.in, got, err, tt.want, tt.reason)
		})
	}
}

func TestORCID(t *testing.T) {
	tests := []struct{ name, in, want, reason string }{
		{name: "the ORCID example iD is valid", in: "0000-0002-1825-0097", want: "0000-0002-1825-0097"},
		{name: "a real iD is valid", in: "0000-0001-5109-3700", want: "0000-0001-5109-3700"},
		{name: "an iD with check character X is valid", in: "0000-0002-1694-233X", want: "0000-0002-1694-233X"},
		{name: "a lower-case x is raised", in: "0000-0002-1694-233x", want: "0000-0002-1694-233X"},
		{name: "hyphens are added", in: "0000000218250097", want: "0000-0002-1825-0097"},
		{name: "hyphens are added with a lower-case x", in: "000000021694233x", want: "0000-0002-1694-233X"},
		{name: "the https orcid.org prefix is stripped", in: "https://orcid.org/0000-0002-1825-0097", want: "0000-0002-1825-0097"},
		{name: "the http orcid.org prefix is stripped", in: "http://orcid.org/0000-0001-5109-3700", want: "0000-0001-5109-3700"},
		{name: "the prefix without scheme is stripped", in: "orcid.org/0000000218250097", want: "0000-0002-1825-0097"},
		{name: "surrounding space is trimmed", in: " 0000-0002-1825-0097 ", want: "0000-0002-1825-0097"},

		{name: "an empty string is rejected", in: "", reason: "is empty"},
		{name: "a wrong check digit is rejected", in: "0000-0002-1825-0098", reason: "check digit is 8, want 7"},
		{name: "X where a digit is due is rejected", in: "0000-0002-1825-009X", reason: "check digit is X, want 7"},
		{name: "a digit where X is due is rejected", in: "0000-0002-1694-2330", reason: "check digit is 0, want X"},
		{name: "swapped digits are caught by the check digit", in: "0000-0002-1852-0097", reason: "check digit is 7, want 3"},
		{name: "a short iD is rejected", in: "0000-0002-1825-009", reason: "has 18 characters, want 16 (or 19 with hyphens)"},
		{name: "misplaced hyphens are rejected", in: "00000-002-1825-0097", reason: "hyphens must separate groups of 4 characters"},
		{name: "a hyphen among sixteen characters is rejected", in: "0000-00218250097", reason: "has a misplaced hyphen"},
		{name: "a letter is rejected", in: "0000-000A-1825-0097", reason: "'A' is not a digit"},
		{name: "an X before the end is rejected", in: "0000-000X-1825-0097", reason: "'X' before the check character is not a digit"},
		{name: "a URL of another host is rejected", in: "https://example.org/0000-0002-1825-0097", reason: `URL host "example.org" is not orcid.org or www.orcid.org`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ORCID(tt.in)
			check(t, "ORCID", tt.in, got, err, tt.want, tt.reason)
		})
	}
}

func TestISSN(t *testing.T) {
	tests := []struct{ name, in, want, reason string }{
		{name: "an ISSN with check character X is valid", in: "1369-183X", want: "1369-183X"},
		{name: "a real ISSN is valid", in: "1469-9451", want: "1469-9451"},
		{name: "the ISSN of Nature is valid", in: "0028-0836", want: "0028-0836"},
		{name: "the hyphen is added and x raised", in: "1369183x", want: "1369-183X"},
		{name: "an issn: label is stripped", in: "issn:1469-9451", want: "1469-9451"},
		{name: "an ISSN label with a space is stripped", in: "ISSN 0028-0836", want: "0028-0836"},
		{name: "surrounding space is trimmed", in: "\t00280836 ", want: "0028-0836"},

		{name: "an empty string is rejected", in: "", reason: "is empty"},
		{name: "a wrong check digit is rejected", in: "0028-0837", reason: "check digit is 7, want 6"},
		{name: "a digit where X is due is rejected", in: "1369-1830", reason: "check digit is 0, want X"},
		{name: "a long ISSN is rejected", in: "1369-1830X", reason: "has 10 characters, want 8 (or 9 with hyphens)"},
		{name: "a misplaced hyphen is rejected", in: "136-9183X", reason: "hyphens must separate groups of 4 characters"},
		{name: "a letter is rejected", in: "1369-18a3", reason: "'a' is not a digit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ISSN(tt.in)
			check(t, "ISSN", tt.in, got, err, tt.want, tt.reason)
		})
	}
}

func TestROR(t *testing.T) {
	tests := []struct{ name, in, want, reason string }{
		{name: "a bare ID is kept", in: "04m01e293", want: "04m01e293"},
		{name: "the https URL is stripped", in: "https://ror.org/04m01e293", want: "04m01e293"},
		{name: "the URL without scheme is stripped", in: "ror.org/04m01e293", want: "04m01e293"},
		{name: "upper case is lowered", in: "https://ror.org/04M01E293", want: "04m01e293"},
		{name: "surrounding space is trimmed", in: " 04m01e293\n", want: "04m01e293"},

		{name: "an empty string is rejected", in: "", reason: "is empty"},
		{name: "wrong check digits are rejected", in: "04m01e294", reason: "check digits are 94, want 93"},
		{name: "a changed character is caught by the check digits", in: "04m01f293", reason: "check digits are 93, want 94"},
		{name: "an ID not starting with 0 is rejected", in: "14m01e293", reason: "starts with '1', want '0'"},
		{name: "the letter l is rejected", in: "04l01e293", reason: "'l' is not a Crockford base32 character (which omits i, l, o and u)"},
		{name: "letters in the check digits are rejected", in: "04m01e2a3", reason: `ends in "a3", want two check digits`},
		{name: "a short ID is rejected", in: "04m01e29", reason: "has 8 characters, want 9"},
		{name: "punctuation is rejected", in: "04m01-293", reason: "'-' is not a digit or letter"},
		{name: "a URL of another host is rejected", in: "https://ror.com/04m01e293", reason: `URL host "ror.com" is not ror.org or www.ror.org`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ROR(tt.in)
			check(t, "ROR ID", tt.in, got, err, tt.want, tt.reason)
		})
	}
}

// TestRORRelease checks every ID of a real ROR release: its bare form and its
// URL validate, its record names it by that URL, and changing its check
// digits makes it invalid.
func TestRORRelease(t *testing.T) {
	entries, err := os.ReadDir(rorRelease)
	if err != nil {
		t.Fatalf("the ROR release that this test checks every ID of is missing: %v", err)
	}
	n := 0
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if !ok {
			continue
		}
		n++
		if got, err := ROR(id); err != nil || got != id {
			t.Errorf("ROR(%q) = %q, %v; want it unchanged", id, got, err)
		}
		if got, err := ROR(RORURL(id)); err != nil || got != id {
			t.Errorf("ROR(%q) = %q, %v; want %q", RORURL(id), got, err, id)
		}
		bad := id[:8] + string('0'+(id[8]-'0'+1)%10)
		if _, err := ROR(bad); err == nil {
			t.Errorf("ROR(%q) succeeded, want a check digit error", bad)
		}
		b, err := os.ReadFile(filepath.Join(rorRelease, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		var rec struct{ ID string }
		if err := json.Unmarshal(b, &rec); err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if rec.ID != RORURL(id) {
			t.Errorf("%s: record id is %q, want %q", e.Name(), rec.ID, RORURL(id))
		}
	}
	if n == 0 {
		t.Fatalf("found no ROR records in %s", rorRelease)
	}
	t.Logf("checked %d ROR IDs", n)
}

func TestCountry(t *testing.T) {
	tests := []struct {
		name   string
		f      func(string) (string, error)
		scheme string
		in     string
		want   string
		reason string
	}{
		{name: "an alpha-2 code is kept", f: CountryAlpha2, scheme: "ISO 3166-1 alpha-2 code", in: "GB", want: "GB"},
		{name: "an alpha-2 code is raised and trimmed", f: CountryAlpha2, scheme: "ISO 3166-1 alpha-2 code", in: " de ", want: "DE"},
		{name: "an alpha-3 code is kept", f: CountryAlpha3, scheme: "ISO 3166-1 alpha-3 code", in: "GBR", want: "GBR"},
		{name: "an alpha-3 code is raised", f: CountryAlpha3, scheme: "ISO 3166-1 alpha-3 code", in: "deu", want: "DEU"},

		{name: "three letters are not an alpha-2 code", f: CountryAlpha2, scheme: "ISO 3166-1 alpha-2 code", in: "GBR", reason: "has 3 letters, want 2"},
		{name: "two letters are not an alpha-3 code", f: CountryAlpha3, scheme: "ISO 3166-1 alpha-3 code", in: "GB", reason: "has 2 letters, want 3"},
		{name: "a digit is rejected", f: CountryAlpha2, scheme: "ISO 3166-1 alpha-2 code", in: "G8", reason: "'8' is not a letter A to Z"},
		{name: "a non-ASCII letter is rejected", f: CountryAlpha3, scheme: "ISO 3166-1 alpha-3 code", in: "ÅLA", reason: "'Å' is not a letter A to Z"},
		{name: "an empty code is rejected", f: CountryAlpha2, scheme: "ISO 3166-1 alpha-2 code", in: "", reason: "is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.f(tt.in)
			check(t, tt.scheme, tt.in, got, err, tt.want, tt.reason)
		})
	}
}

func TestOpenAlex(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		kind   byte
		want   string
		reason string
	}{
		{name: "a bare work ID is kept", in: "W2741809807", kind: 'W', want: "W2741809807"},
		{name: "a lower-case prefix is raised", in: "w2741809807", kind: 'W', want: "W2741809807"},
		{name: "the openalex.org URL is stripped", in: "https://openalex.org/W2741809807", kind: 'W', want: "W2741809807"},
		{name: "the API URL is stripped", in: "https://api.openalex.org/works/W2741809807", kind: 'W', want: "W2741809807"},
		{name: "an author ID is kind A", in: "https://openalex.org/A5023888391", kind: 'A', want: "A5023888391"},
		{name: "an institution API URL is kind I", in: "https://api.openalex.org/institutions/I27837315", kind: 'I', want: "I27837315"},
		{name: "a source ID is kind S", in: "S137773608", kind: 'S', want: "S137773608"},
		{name: "a publisher ID is kind P", in: "P4310320595", kind: 'P', want: "P4310320595"},
		{name: "a funder ID is kind F", in: "F4320332161", kind: 'F', want: "F4320332161"},
		{name: "a concept ID is kind C", in: "C41008148", kind: 'C', want: "C41008148"},
		{name: "a topic ID is kind T", in: "t10017", kind: 'T', want: "T10017"},

		{name: "an empty string is rejected", in: "", reason: "is empty"},
		{name: "an unknown prefix is rejected", in: "K2741809807", reason: "starts with 'K', want W, A, I, S, P, F, C or T"},
		{name: "a keyword ID is rejected", in: "https://openalex.org/keywords/machine-learning", reason: `URL path "keywords" is not an OpenAlex entity type`},
		{name: "a bare keyword ID is rejected", in: "machine-learning", reason: "starts with 'm', want W, A, I, S, P, F, C or T"},
		{name: "an API URL of an entity type in capitals is accepted", in: "https://api.openalex.org/Works/w2741809807", kind: 'W', want: "W2741809807"},
		{name: "a prefix without number is rejected", in: "W", reason: "has no number after W"},
		{name: "letters in the number are rejected", in: "W27418O9807", reason: "'O' after W is not a digit"},
		{name: "a leading zero is rejected", in: "W02741809807", reason: "number after W starts with 0"},
		{name: "an API path for another kind is rejected", in: "https://api.openalex.org/authors/W2741809807", reason: `prefix W (works) does not match URL path "authors"`},
		{name: "a URL without ID is rejected", in: "https://openalex.org/", reason: "has no ID after the URL"},
		{name: "a URL of another host is rejected", in: "https://example.org/W2741809807", reason: `URL host "example.org" is not openalex.org, api.openalex.org or www.openalex.org`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, got, err := OpenAlex(tt.in)
			check(t, "OpenAlex ID", tt.in, got, err, tt.want, tt.reason)
			if kind != tt.kind {
				t.Errorf("got kind %q, want %q", kind, tt.kind)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		scheme string
		value  string
		// errScheme and reason describe the expected *Error.
		errScheme string
		reason    string
	}{
		{name: "a doi.org URL is a DOI", in: "https://doi.org/10.1068/D1509", scheme: "doi", value: "10.1068/d1509"},
		{name: "a dx.doi.org URL is a DOI", in: "http://dx.doi.org/10.7717/peerj.4375", scheme: "doi", value: "10.7717/peerj.4375"},
		{name: "a doi: label marks a DOI", in: "doi:10.1080/13621025.2011.534914", scheme: "doi", value: "10.1080/13621025.2011.534914"},
		{name: "a bare DOI is a DOI", in: "10.1068/d1509", scheme: "doi", value: "10.1068/d1509"},
		{name: "an orcid.org URL is an ORCID iD", in: "https://orcid.org/0000-0002-1825-0097", scheme: "orcid", value: "0000-0002-1825-0097"},
		{name: "four groups of four are an ORCID iD", in: "0000-0002-1694-233x", scheme: "orcid", value: "0000-0002-1694-233X"},
		{name: "sixteen digits are an ORCID iD", in: "0000000151093700", scheme: "orcid", value: "0000-0001-5109-3700"},
		{name: "two groups of four are an ISSN", in: "1369-183X", scheme: "issn", value: "1369-183X"},
		{name: "eight digits are an ISSN", in: "00280836", scheme: "issn", value: "0028-0836"},
		{name: "an ISSN label marks an ISSN", in: "ISSN 1469-9451", scheme: "issn", value: "1469-9451"},
		{name: "a letter and digits are an OpenAlex ID", in: "w2741809807", scheme: "openalex", value: "W2741809807"},
		{name: "an OpenAlex API URL is an OpenAlex ID", in: "https://api.openalex.org/works/W2741809807", scheme: "openalex", value: "W2741809807"},
		{name: "a ror.org URL is a ROR ID", in: "https://ror.org/04m01e293", scheme: "ror", value: "04m01e293"},
		{name: "nine characters starting with 0 are a ROR ID", in: "04M01E293", scheme: "ror", value: "04m01e293"},
		{name: "two letters are an alpha-2 code", in: "gb", scheme: "iso2", value: "GB"},
		{name: "three letters are an alpha-3 code", in: "gbr", scheme: "iso3", value: "GBR"},

		{name: "an ORCID iD with a bad check digit is reported as an ORCID iD", in: "0000-0002-1825-0098", errScheme: "ORCID", reason: "check digit is 8, want 7"},
		{name: "an ISSN with a bad check digit is reported as an ISSN", in: "0028-0837", errScheme: "ISSN", reason: "check digit is 7, want 6"},
		{name: "a ROR ID with bad check digits is reported as a ROR ID", in: "04m01e294", errScheme: "ROR ID", reason: "check digits are 94, want 93"},
		{name: "a bad DOI is reported as a DOI", in: "10.12/x", errScheme: "DOI", reason: `registrant code "12" has 2 digits, want 4 to 9`},
		{name: "an empty string is rejected", in: " ", errScheme: "identifier", reason: "is empty"},
		{name: "a URL of an unknown host is rejected", in: "https://example.org/10.1068/d1509", errScheme: "identifier", reason: `URL host "example.org" is not one of doi.org, orcid.org, ror.org or openalex.org`},
		{name: "text of no known shape lists what was tried", in: "hello world", errScheme: "identifier", reason: "does not look like any of the identifiers tried: " +
			"DOI (10.…), ORCID iD (0000-0000-0000-0000), ISSN (0000-0000), " +
			"OpenAlex ID (W, A, I, S, P, F, C or T and digits), ROR ID (0 and 8 characters), " +
			"ISO 3166-1 alpha-2 or alpha-3 code (2 or 3 letters)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scheme, value, err := Detect(tt.in)
			if scheme != tt.scheme {
				t.Errorf("got scheme %q, want %q", scheme, tt.scheme)
			}
			check(t, tt.errScheme, tt.in, value, err, tt.value, tt.reason)
		})
	}
}

func TestComplete(t *testing.T) {
	// The iD of ORCID's own documentation and the ISSN of a real journal.
	if got := CompleteORCID("000000021825009"); got != "0000-0002-1825-0097" {
		t.Errorf("CompleteORCID = %q, want 0000-0002-1825-0097", got)
	}
	if got := CompleteISSN("1369183"); got != "1369-183X" {
		t.Errorf("CompleteISSN = %q, want 1369-183X", got)
	}
	for n := range 2000 {
		o := CompleteORCID(fmt.Sprintf("%015d", n*7919))
		if _, err := ORCID(o); err != nil {
			t.Fatalf("CompleteORCID made an invalid iD: %v", err)
		}
		s := CompleteISSN(fmt.Sprintf("%07d", n*104729%10000000))
		if _, err := ISSN(s); err != nil {
			t.Fatalf("CompleteISSN made an invalid ISSN: %v", err)
		}
	}
}
