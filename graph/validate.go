package graph

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Limits of the text the graph keeps, in characters. The API and every importer check text
// against them through CheckText, CheckValue and CheckProps.
const (
	MaxName     = 2000  // an entity's name or title
	MaxNote     = 2000  // a note, an evidence or a reason
	MaxAbstract = 50000 // an abstract (OpenAlex's run to 30,000)
	MaxText     = 20000 // any other text property
)

// TextLimit returns how many characters a property of that name may hold.
func TextLimit(prop string) int {
	switch prop {
	case "name", "title":
		return MaxName
	case "note", "evidence", "reason":
		return MaxNote
	case "abstract":
		return MaxAbstract
	}
	return MaxText
}

// CheckText checks text that field is to hold: valid UTF-8, no NUL or other C0 control character
// (tab, line feed and carriage return excepted) nor DEL, and at most max characters. C1 control
// characters (U+0080 to U+009F) pass: text that a source mis-decoded carries them, and they do no
// harm. Errors: INVALID, with a message that names field and never quotes the text.
func CheckText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return Errorf(EInvalid, "%s: is not valid UTF-8", field)
	}
	n := 0
	for _, r := range s {
		n++
		switch {
		case r == 0:
			return Errorf(EInvalid, "%s: contains a NUL character (character %d)", field, n)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0x7f:
			return Errorf(EInvalid, "%s: contains the control character U+%04X (character %d)", field, r, n)
		}
	}
	if n > max {
		return Errorf(EInvalid, "%s: is %d characters long, more than the %d allowed", field, n, max)
	}
	return nil
}

// CheckValue checks the text of the value of property name: a string, or the strings of a list,
// against the property's TextLimit. Values of other types pass.
func CheckValue(name string, v any) error {
	max := TextLimit(name)
	switch x := v.(type) {
	case string:
		return CheckText(name, x, max)
	case []string:
		for i, s := range x {
			if err := CheckText(fmt.Sprintf("%s[%d]", name, i), s, max); err != nil {
				return err
			}
		}
	case []any:
		for i, e := range x {
			if s, ok := e.(string); ok {
				if err := CheckText(fmt.Sprintf("%s[%d]", name, i), s, max); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// CheckProps checks every value of props with CheckValue, and reports the first at fault in the
// order of the properties' names.
func CheckProps(props map[string]any) error {
	if len(props) == 0 {
		return nil
	}
	names := make([]string, 0, len(props))
	for k := range props {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if err := CheckValue(k, props[k]); err != nil {
			return err
		}
	}
	return nil
}
