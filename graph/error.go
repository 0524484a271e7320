package graph

import (
	"errors"
	"fmt"
)

// Error codes, carried to API clients as extensions.code.
const (
	ENotFound        = "NOT_FOUND"       // no such entity
	EInvalid         = "INVALID"         // the input is malformed or breaks a rule
	EConflict        = "CONFLICT"        // a concurrent change got there first
	EUnauthenticated = "UNAUTHENTICATED" // no valid credentials
	EForbidden       = "FORBIDDEN"       // credentials lack the right
	EUnavailable     = "UNAVAILABLE"     // the database cannot be reached
	ETimeout         = "TIMEOUT"         // the request ran out of its time limit
	EInternal        = "INTERNAL"        // a bug or an unexpected failure
)

// Error is an error with a code and a message fit for the user. Internal detail belongs in a wrapped
// error, which is logged and never shown.
type Error struct {
	Code    string
	Message string
	Err     error // the underlying cause, for logs; may be nil
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with the code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first Error in err's chain, INTERNAL for any other error and ""
// for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err: the message of its Error, or a generic one
// that reveals nothing internal.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
