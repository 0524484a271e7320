package ident

// ISSN normalises an International Standard Serial Number to its hyphenated
// form with an upper-case check character, such as "1369-183X".
//
// It accepts the number with or without the hyphen, with a lower-case "x", and
// with an "issn:" or "ISSN " label. The last character must be the mod-11
// check digit of the other seven.
func ISSN(s string) (string, error) {
	fail := func(format string, args ...any) (string, error) {
		return "", invalid("ISSN", s, format, args...)
	}
	t, problem := prepare(s)
	if problem != "" {
		return fail("%s", problem)
	}
	t = trimLabel(t, "issn")
	d, problem := ungroup(t, 2, 4)
	if problem != "" {
		return fail("%s", problem)
	}
	got, want := d[7], issnCheck(d[:7])
	if got != want {
		return fail("check digit is %c, want %c", got, want)
	}
	return d[:4] + "-" + d[4:], nil
}

// issnCheck returns the mod-11 check character of the seven digits d,
// weighted 8 down to 2.
func issnCheck(d string) byte {
	sum := 0
	for i := 0; i < len(d); i++ {
		sum += int(d[i]-'0') * (8 - i)
	}
	return checkChar((11 - sum%11) % 11)
}

// CompleteISSN returns the hyphenated ISSN made of the seven digits d and their check character,
// for generating valid test and benchmark identifiers. It panics when d is not seven ASCII digits.
func CompleteISSN(d string) string {
	if len(d) != 7 || !allDigits(d) {
		panic("ident.CompleteISSN: want 7 digits, got " + d)
	}
	return d[:4] + "-" + d[4:] + string(issnCheck(d))
}
