package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The extensions.code of problems with the request itself, found before GraphQL parses it. Each
// answers HTTP 400.
const (
	// CodeBadRequest: the request is not a GraphQL-over-HTTP request (the body is not one JSON
	// object, a parameter has the wrong JSON type, the query is missing); the message says why.
	CodeBadRequest = "BAD_REQUEST"
	// CodePersistedQueryMismatch: the query sent with a persisted-query hash does not have that hash.
	CodePersistedQueryMismatch = "PERSISTED_QUERY_MISMATCH"
	// CodePersistedQueryNotSupported: a persisted-query version other than 1 (automatic persisted
	// queries) was asked for.
	CodePersistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED"
)

// codePersistedQueryNotFound is gqlgen's code for a persisted query it does not hold yet: the usual
// first step of an automatic persisted query, not a problem.
const codePersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"

// The media types of GraphQL responses (GraphQL over HTTP).
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// maxJSONDepth is how deeply the JSON of a request may nest; GraphQL inputs of this schema nest a
// few levels, so this only refuses abuse before a decoder spends its time on it.
const maxJSONDepth = 64

// httpTransport is relgraph's GraphQL-over-HTTP transport, for GET and POST: it decodes a request
// strictly (one JSON object of the right types, nothing after it), answers the problems it finds
// with their own codes, and answers in the media type the client accepts, with the status codes
// of the GraphQL-over-HTTP specification:
//
//   - a request that is not a GraphQL request (bad JSON, wrong types, no query): 400 for both;
//   - a request that GraphQL refuses before running it (parse, validation, variable coercion, the
//     limits): 200 with application/json, 400 with application/graphql-response+json, and in both
//     cases no `data` entry;
//   - a mutation sent with GET: 405 with Allow: POST.
type httpTransport struct {
	s *Server
}

var _ graphql.Transport = httpTransport{}

// Supports takes GETs and JSON POSTs (requireJSON refuses other POSTs before they get here).
func (t httpTransport) Supports(r *http.Request) bool {
	if r.Header.Get("Upgrade") != "" {
		return false
	}
	switch r.Method {
	case http.MethodGet:
		return true
	case http.MethodPost:
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		return err == nil && mt == mediaJSON
	}
	return false
}

// Do answers one request.
func (t httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := negotiate(r.Header.Get("Accept"))
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	start := graphql.Now()

	var raw []byte // what the request sent, for the size and hash in the log
	var params *graphql.RawParams
	var problem *requestProblem
	if r.Method == http.MethodGet {
		raw = []byte(r.URL.RawQuery)
		params, problem = decodeQueryString(r.URL.RawQuery)
	} else {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			problem = badRequest("the request body could not be read")
		} else {
			raw = body
			params, problem = decodeBody(body)
		}
	}
	if problem == nil {
		problem = checkPersisted(params)
	}
	if problem != nil {
		t.s.problems.log(r, raw, problem.code, problem.message)
		writeErrors(w, http.StatusBadRequest, &graphql.Response{Errors: gqlerror.List{problem.gqlError()}, Extensions: requestExtensions(ctx)})
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		errs = t.explain(oc, params, errs)
		status := http.StatusOK
		if media == mediaGraphQLResponse {
			status = http.StatusBadRequest
		}
		if hasCode(errs, CodeGETMutation) {
			status = http.StatusMethodNotAllowed
			w.Header().Set("Allow", http.MethodPost)
		}
		if !hasCode(errs, codePersistedQueryNotFound) { // the usual first step of a persisted query

			t.s.problems.log(r, raw, errorCode(errs[0]), errs[0].Message)
		}
		resp := exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs)
		writeErrors(w, status, resp)
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, oc)
	writeResponse(w, http.StatusOK, responses(ctx))
}

// explain replaces gqlgen's terse messages for an operation that cannot be picked or variables that
// cannot be coerced by messages that name what is wrong.
func (t httpTransport) explain(oc *graphql.OperationContext, p *graphql.RawParams, errs gqlerror.List) gqlerror.List {
	if oc == nil || oc.Doc == nil || len(errs) != 1 {
		return errs
	}
	if oc.Operation == nil {
		e := errs[0]
		if p.OperationName == "" {
			e.Message = fmt.Sprintf("the document has %d operations; name the one to run in operationName", len(oc.Doc.Operations))
		} else {
			e.Message = fmt.Sprintf("the document has no operation named %s", quote(p.OperationName))
		}
		return errs
	}
	if len(errs[0].Path) > 0 && errs[0].Path[0] == ast.PathName("variable") {
		if e := checkVariables(t.s.opt.Schema.Schema(), oc.Operation, p.Variables); e != nil {
			return gqlerror.List{e}
		}
		// Not found again: say at least which variable.
		e := errs[0]
		e.Message = "variable $" + strings.TrimPrefix(pathString(e.Path[1:]), ".") + ": " + e.Message
		e.Path = nil
	}
	return errs
}

// pathString renders a path inside a variable: .field[0].other.
func pathString(p ast.Path) string {
	var b strings.Builder
	for _, e := range p {
		switch e := e.(type) {
		case ast.PathName:
			b.WriteString("." + string(e))
		case ast.PathIndex:
			fmt.Fprintf(&b, "[%d]", int(e))
		}
	}
	return b.String()
}

func hasCode(errs gqlerror.List, code string) bool {
	for _, e := range errs {
		if errorCode(e) == code {
			return true
		}
	}
	return false
}

func errorCode(e *gqlerror.Error) string {
	if e == nil || e.Extensions == nil {
		return ""
	}
	c, _ := e.Extensions["code"].(string)
	return c
}

// negotiate picks the media type of the answer from the Accept header: the first of the two
// GraphQL JSON types it names, application/json for */*, application/* or no header, and
// application/json too when it names neither (the spec allows answering it rather than 406).
func negotiate(accept string) string {
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			return mediaJSON
		}
	}
	return mediaJSON
}

// requestProblem is what is wrong with a request that is not a GraphQL request.
type requestProblem struct {
	code, message string
}

func badRequest(format string, args ...any) *requestProblem {
	return &requestProblem{code: CodeBadRequest, message: fmt.Sprintf(format, args...)}
}

func (p *requestProblem) gqlError() *gqlerror.Error {
	return &gqlerror.Error{Message: p.message, Extensions: map[string]any{"code": p.code}}
}

// decodeBody reads a POST body: one JSON object with a string query, an optional string
// operationName, and optional objects variables and extensions.
func decodeBody(body []byte) (*graphql.RawParams, *requestProblem) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badRequest(`the request body is empty; send a JSON object such as {"query": "{ __typename }"}`)
	}
	m, problem := decodeObject(body, "the request body")
	if problem != nil {
		return nil, problem
	}
	p := &graphql.RawParams{}
	var ok bool
	if v := m["query"]; v != nil {
		if p.Query, ok = v.(string); !ok {
			return nil, badRequest("`query` must be a string, not %s", jsonKind(v))
		}
	}
	if v := m["operationName"]; v != nil {
		if p.OperationName, ok = v.(string); !ok {
			return nil, badRequest("`operationName` must be a string, not %s", jsonKind(v))
		}
	}
	for _, f := range []struct {
		name string
		dst  *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		if v := m[f.name]; v != nil {
			if *f.dst, ok = v.(map[string]any); !ok {
				return nil, badRequest("`%s` must be an object, not %s", f.name, jsonKind(v))
			}
		}
	}
	return p, requireQuery(p)
}

// decodeQueryString reads the parameters of a GET: query and operationName as they are, variables
// and extensions as JSON objects.
func decodeQueryString(rawQuery string) (*graphql.RawParams, *requestProblem) {
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, badRequest("the URL's query string could not be decoded: %v", err)
	}
	p := &graphql.RawParams{Query: q.Get("query"), OperationName: q.Get("operationName")}
	for _, f := range []struct {
		name string
		dst  *map[string]any
	}{{"variables", &p.Variables}, {"extensions", &p.Extensions}} {
		if s := q.Get(f.name); s != "" && s != "null" {
			m, problem := decodeObject([]byte(s), "`"+f.name+"`")
			if problem != nil {
				return nil, problem
			}
			*f.dst = m
		}
	}
	return p, requireQuery(p)
}

// requireQuery refuses a request without a query, unless it names a persisted one.
func requireQuery(p *graphql.RawParams) *requestProblem {
	if p.Query == "" && p.Extensions["persistedQuery"] == nil {
		return badRequest("the request has no `query`")
	}
	return nil
}

// decodeObject decodes b, which what names in messages, as exactly one JSON object (numbers kept
// as json.Number), nested at most maxJSONDepth deep.
func decodeObject(b []byte, what string) (map[string]any, *requestProblem) {
	if d := jsonDepth(b); d > maxJSONDepth {
		return nil, badRequest("%s nests JSON more than %d levels deep", what, maxJSONDepth)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, badRequest("%s is not valid JSON: it ends before the JSON does", what)
		}
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, badRequest("%s is not valid JSON: %v at byte %d", what, se, se.Offset)
		}
		return nil, badRequest("%s is not valid JSON: %v", what, err)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, badRequest("%s must be a JSON object, not %s", what, jsonKind(v))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, badRequest("%s has more after its JSON object, at byte %d; send one object", what, dec.InputOffset())
	}
	return m, nil
}

// jsonDepth is the deepest nesting of arrays and objects in b, counted without decoding it.
func jsonDepth(b []byte) int {
	depth, max := 0, 0
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case escaped:
			escaped = false
		case inString && c == '\\':
			escaped = true
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
			if depth > max {
				max = depth
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return max
}

// jsonKind names the JSON type of a decoded value, for messages.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// checkPersisted checks an automatic persisted query's extension before gqlgen's extension looks
// it up: version 1, a string hash, and the query's own hash when the query comes with it.
func checkPersisted(p *graphql.RawParams) *requestProblem {
	v, ok := p.Extensions["persistedQuery"]
	if !ok || v == nil {
		return nil
	}
	pq, ok := v.(map[string]any)
	if !ok {
		return badRequest("`extensions.persistedQuery` must be an object, not %s", jsonKind(v))
	}
	if n, ok := pq["version"].(json.Number); !ok || n.String() != "1" {
		return &requestProblem{code: CodePersistedQueryNotSupported,
			message: fmt.Sprintf("persisted query version %s is not supported; this server supports version 1 (automatic persisted queries)", shorten(fmt.Sprint(pq["version"])))}
	}
	hash, ok := pq["sha256Hash"].(string)
	if !ok {
		return badRequest("`extensions.persistedQuery.sha256Hash` must be a string, not %s", jsonKind(pq["sha256Hash"]))
	}
	if p.Query != "" {
		sum := sha256.Sum256([]byte(p.Query))
		if !strings.EqualFold(hex.EncodeToString(sum[:]), hash) {
			return &requestProblem{code: CodePersistedQueryMismatch, message: "the query's SHA-256 hash is not the sha256Hash sent with it"}
		}
	}
	return nil
}

// requestErrors is the answer to a request refused before it ran: its errors and extensions, and
// no data entry (GraphQL: "If an error was raised before execution begins, the data entry should
// not be present").
type requestErrors struct {
	Errors     gqlerror.List  `json:"errors"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

func writeErrors(w http.ResponseWriter, status int, resp *graphql.Response) {
	b, err := json.Marshal(requestErrors{Errors: resp.Errors, Extensions: resp.Extensions})
	if err != nil {
		b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
		status = http.StatusInternalServerError
	}
	w.WriteHeader(status)
	w.Write(b)
}

func writeResponse(w http.ResponseWriter, status int, resp *graphql.Response) {
	if resp == nil { // the client went away
		return
	}
	b, err := json.Marshal(resp)
	if err != nil {
		b = []byte(`{"errors":[{"message":"internal error","extensions":{"code":"INTERNAL"}}]}`)
		status = http.StatusInternalServerError
	}
	w.WriteHeader(status)
	w.Write(b)
}
