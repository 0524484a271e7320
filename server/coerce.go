package server

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// checkVariables checks the variables of a request against the operation's declarations as
// GraphQL's input coercion does (CoerceVariableValues): an Int is a whole number that fits 32 bits,
// never a string; a Float a number; a String or an enum a string (an enum value spelt exactly); an
// ID a string or a whole number; an input object only its own fields, each required one present. The
// first problem is returned, its message naming the variable and the place inside it; nil when all
// are good. vars are as the request decoded them (numbers as json.Number) or as gqlgen coerced them.
func checkVariables(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) *gqlerror.Error {
	for _, def := range op.VariableDefinitions {
		name := "variable $" + def.Variable
		v, present := vars[def.Variable]
		var msg string
		switch {
		case !present && def.DefaultValue == nil && def.Type.NonNull:
			msg = fmt.Sprintf("%s of type %s is required but was not given", name, def.Type)
		case !present:
			continue
		case v == nil && def.Type.NonNull:
			msg = fmt.Sprintf("%s of type %s cannot be null", name, def.Type)
		default:
			msg = checkValue(schema, def.Type, v, name)
		}
		if msg != "" {
			err := gqlerror.Errorf("%s", msg)
			errcode.Set(err, errcode.ValidationFailed)
			return err
		}
	}
	return nil
}

// checkValue says what is wrong with v as a value of typ at where, or "".
func checkValue(schema *ast.Schema, typ *ast.Type, v any, where string) string {
	if v == nil {
		if typ.NonNull {
			return where + " cannot be null"
		}
		return ""
	}
	if typ.Elem != nil {
		list, ok := v.([]any)
		if !ok {
			return checkValue(schema, typ.Elem, v, where) // a single value stands for a list of one
		}
		for i, item := range list {
			if why := checkValue(schema, typ.Elem, item, fmt.Sprintf("%s[%d]", where, i)); why != "" {
				return why
			}
		}
		return ""
	}
	def := schema.Types[typ.NamedType]
	if def == nil {
		return ""
	}
	switch def.Kind {
	case ast.Scalar:
		return checkScalar(def.Name, v, where)
	case ast.Enum:
		s, ok := v.(string)
		if ok && def.EnumValues.ForName(s) != nil {
			return ""
		}
		return fmt.Sprintf("%s is %s, not a value of %s", where, describe(v), def.Name)
	case ast.InputObject:
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Sprintf("%s is %s, not a %s object", where, describe(v), def.Name)
		}
		for k := range m {
			if def.Fields.ForName(k) == nil {
				return fmt.Sprintf("%s has a field %s, which %s does not have", where, quote(k), def.Name)
			}
		}
		for _, f := range def.Fields {
			fv, present := m[f.Name]
			at := where + "." + f.Name
			if !present {
				if f.Type.NonNull && f.DefaultValue == nil {
					return at + " is required but was not given"
				}
				continue
			}
			if why := checkValue(schema, f.Type, fv, at); why != "" {
				return why
			}
		}
	}
	return ""
}

// checkScalar checks the built-in scalars; custom scalars check their own values.
func checkScalar(name string, v any, where string) string {
	switch name {
	case "Int":
		if f, ok := number(v); ok && f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32 {
			return ""
		}
		return fmt.Sprintf("%s is %s, not an Int (a whole number from -2147483648 to 2147483647)", where, describe(v))
	case "Float":
		if _, ok := number(v); ok {
			return ""
		}
		return fmt.Sprintf("%s is %s, not a Float", where, describe(v))
	case "String":
		if _, ok := v.(string); ok {
			return ""
		}
		return fmt.Sprintf("%s is %s, not a String", where, describe(v))
	case "Boolean":
		if _, ok := v.(bool); ok {
			return ""
		}
		return fmt.Sprintf("%s is %s, not a Boolean", where, describe(v))
	case "ID":
		if _, ok := v.(string); ok {
			return ""
		}
		if f, ok := number(v); ok && f == math.Trunc(f) {
			return ""
		}
		return fmt.Sprintf("%s is %s, not an ID (a string or a whole number)", where, describe(v))
	}
	return ""
}

// number reads a JSON number as decoded or as gqlgen coerced it.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		return f, err == nil
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int32:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

// describe says what a variable's value is, for messages, quoting strings cut short.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return "the string " + quote(v)
	case json.Number:
		return shorten(v.String())
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case int64:
		return strconv.FormatInt(v, 10)
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	if f, ok := number(v); ok {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return fmt.Sprintf("a %T", v)
}
