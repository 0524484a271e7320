package ident

import (
	"errors"
	"strings"
	"testing"
)

// The fuzz targets check invariants that hold for any input: validators never
// panic; a rejection is an *Error naming the scheme and the input, with no
// value; an accepted value is a fixed point, validates again in the other
// forms the validator accepts, and has the canonical shape.
//
// Seed inputs live in testdata/fuzz/<target>.

// checkRejected fails unless err is an *Error for scheme and input with a reason.
func checkRejected(t *testing.T, err error, scheme, input string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not an *Error", err, err)
	}
	if e.Scheme != scheme || e.Input != input || e.Reason == "" {
		t.Fatalf("got %#v, want scheme %q, input %q and a reason", *e, scheme, input)
	}
}

// checkSame fails unless validating each of forms gives want.
func checkSame(t *testing.T, f func(string) (string, error), want string, forms ...string) {
	t.Helper()
	for _, in := range forms {
		if got, err := f(in); err != nil || got != want {
			t.Errorf("validating %q gave %q, %v; want %q", in, got, err, want)
		}
	}
}

func FuzzDOI(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		out, err := DOI(s)
		if err != nil {
			if out != "" {
				t.Errorf("got %q alongside error %v", out, err)
			}
			checkRejected(t, err, "DOI", s)
			return
		}
		if !strings.HasPrefix(out, "10.") || !strings.Contains(out, "/") || out != lowerASCII(out) {
			t.Errorf("DOI(%q) = %q, which is not a lower-case 10.…/… DOI", s, out)
		}
		checkSame(t, DOI, out, out, "doi:"+out, " DOI "+out+"\n", upperASCII(out))
	})
}

func FuzzORCID(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		out, err := ORCID(s)
		if err != nil {
			if out != "" {
				t.Errorf("got %q alongside error %v", out, err)
			}
			checkRejected(t, err, "ORCID", s)
			return
		}
		if !looksGrouped(out, 4, 4) || len(out) != 19 || strings.Contains(out, "x") {
			t.Errorf("ORCID(%q) = %q, which is not of the form 0000-0000-0000-000X", s, out)
		}
		checkSame(t, ORCID, out, out, strings.ReplaceAll(out, "-", ""), lowerASCII(out), "https://orcid.org/"+out)
	})
}

func FuzzISSN(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		out, err := ISSN(s)
		if err != nil {
			if out != "" {
				t.Errorf("got %q alongside error %v", out, err)
			}
			checkRejected(t, err, "ISSN", s)
			return
		}
		if !looksGrouped(out, 2, 4) || len(out) != 9 || strings.Contains(out, "x") {
			t.Errorf("ISSN(%q) = %q, which is not of the form 0000-000X", s, out)
		}
		checkSame(t, ISSN, out, out, strings.ReplaceAll(out, "-", ""), lowerASCII(out), "issn:"+out)
	})
}

func FuzzROR(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		out, err := ROR(s)
		if err != nil {
			if out != "" {
				t.Errorf("got %q alongside error %v", out, err)
			}
			checkRejected(t, err, "ROR ID", s)
			return
		}
		if len(out) != 9 || out[0] != '0' || out != lowerASCII(out) {
			t.Errorf("ROR(%q) = %q, which is not a lower-case nine-character ID", s, out)
		}
		checkSame(t, ROR, out, out, RORURL(out), upperASCII(out))
	})
}

func FuzzOpenAlex(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		kind, out, err := OpenAlex(s)
		if err != nil {
			if kind != 0 || out != "" {
				t.Errorf("got %q, %q alongside error %v", kind, out, err)
			}
			checkRejected(t, err, "OpenAlex ID", s)
			return
		}
		name, ok := openAlexKinds[kind]
		if !ok || out == "" || out[0] != kind || !allDigits(out[1:]) {
			t.Fatalf("OpenAlex(%q) = %q, %q, which is not a kind letter and its ID", s, kind, out)
		}
		for _, in := range []string{out, lowerASCII(out), "https://openalex.org/" + out, "https://api.openalex.org/" + name + "/" + out} {
			if k, got, err := OpenAlex(in); err != nil || k != kind || got != out {
				t.Errorf("OpenAlex(%q) = %q, %q, %v; want %q, %q", in, k, got, err, kind, out)
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	validators := map[string]func(string) (string, error){
		"doi":   DOI,
		"orcid": ORCID,
		"issn":  ISSN,
		"ror":   ROR,
		"iso2":  CountryAlpha2,
		"iso3":  CountryAlpha3,
		"openalex": func(s string) (string, error) {
			_, id, err := OpenAlex(s)
			return id, err
		},
	}
	f.Fuzz(func(t *testing.T, s string) {
		scheme, value, err := Detect(s)
		if err != nil {
			if scheme != "" || value != "" {
				t.Errorf("got %q, %q alongside error %v", scheme, value, err)
			}
			var e *Error
			if !errors.As(err, &e) || e.Input != s || e.Scheme == "" || e.Reason == "" {
				t.Fatalf("error %#v does not name a scheme, the input %q and a reason", err, s)
			}
			return
		}
		validate, ok := validators[scheme]
		if !ok {
			t.Fatalf("Detect(%q) returned unknown scheme %q", s, scheme)
		}
		checkSame(t, validate, value, s, value)
		if again, v, err := Detect(value); err != nil || again != scheme || v != value {
			t.Errorf("Detect(%q) = %q, %q, %v; want %q, %q", value, again, v, err, scheme, value)
		}
	})
}
