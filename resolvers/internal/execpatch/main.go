// Command execpatch adjusts the executor gqlgen generates (resolvers/generated/exec.go) so that
// answers read ahead are written without a goroutine per field and per list element.
//
// gqlgen resolves every resolver field of an object in a goroutine of its own, marshals every list
// of objects with a goroutine per element, and builds a @defer group (with the field's full path)
// for every object, whether or not the operation defers anything. That concurrency is what lets the
// per-operation loaders batch the fields of many objects, but for fields whose lists were read
// ahead in the root field's one Cypher statement there is nothing to wait for: the goroutines, the
// growth of their stacks and the paths were a fifth of the server's CPU for a nested query.
//
// It rewrites three call sites, to functions of package resolvers/sequential that fall back to
// gqlgen's own code whenever waiting is possible:
//   - graphql.NewDeferredGroup(ctx) becomes sequential.NewDeferredGroup(ctx, fields): the group is
//     built only when a field of the object is deferred;
//   - out.ResolveConcurrently(...) becomes sequential.ResolveField(ctx, out, field, obj, ...): the
//     field is resolved at once when its object says it was read ahead (model.Entity.Ready);
//   - graphql.MarshalSliceConcurrently(...) becomes sequential.MarshalSlice(ctx, sel, ...): the
//     elements are marshalled in turn when the selection asks no field that could wait.
//
// It also writes resolvers/generated/concurrent_gen.go, the fields gqlgen resolves concurrently
// (resolvers and methods taking a context), which MarshalSlice checks selections against. It fails
// when a pattern is not found, so that a gqlgen upgrade that changes them is noticed. Running it
// twice changes nothing.
package main

import (
	"bytes"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/tools/imports"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: execpatch DIR (the folder of the generated exec.go)")
		os.Exit(2)
	}
	if err := patch(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "execpatch:", err)
		os.Exit(1)
	}
}

var (
	objectFunc = regexp.MustCompile(`^func \(ec \*executionContext\) _(\w+)\(ctx context\.Context, sel ast\.SelectionSet, obj (\*?)`)
	caseLine   = regexp.MustCompile(`^\s*case "(\w+)":\s*$`)
)

// rewrite is one call-site replacement of old by new; objectsOnly limits it to the marshal
// functions of objects whose obj is a pointer (converting a value to any would allocate). marker
// is what a line rewritten earlier holds, for running twice.
type rewrite struct {
	old, new, marker string
	objectsOnly      bool
	done             int
}

func patch(dir string) error {
	path := filepath.Join(dir, "exec.go")
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	deferredGroup := &rewrite{old: "deferred := graphql.NewDeferredGroup(ctx)", new: "deferred := sequential.NewDeferredGroup(ctx, fields)",
		marker: "sequential.NewDeferredGroup(ctx, fields)"}
	resolve := &rewrite{old: "out.ResolveConcurrently(ec.OperationContext, &deferred, i,", new: "sequential.ResolveField(ctx, out, field, obj, ec.OperationContext, &deferred, i,",
		marker: "sequential.ResolveField(ctx, out, field, obj,", objectsOnly: true}
	slice := &rewrite{old: "graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func(", new: "sequential.MarshalSlice(ctx, sel, &ConcurrentFields, len(v), func(",
		marker: "sequential.MarshalSlice(ctx, sel,"}
	rewrites := []*rewrite{deferredGroup, resolve, slice}
	graphqlImport := "\t\"github.com/99designs/gqlgen/graphql\""
	importLine := &rewrite{old: graphqlImport, new: graphqlImport + "\n\t\"" + sequentialPkg + "\"", marker: sequentialPkg}
	concurrent := map[string]bool{}
	lines := strings.Split(string(src), "\n")
	object, pointer, field := "", false, ""
	for i, line := range lines {
		if m := objectFunc.FindStringSubmatch(line); m != nil {
			object, pointer, field = m[1], m[2] == "*", ""
		} else if strings.HasPrefix(line, "func ") {
			object, field = "", ""
		}
		if m := caseLine.FindStringSubmatch(line); m != nil {
			field = m[1]
		}
		if object != "" && field != "" && (strings.Contains(line, "Concurrently(") || strings.Contains(line, resolve.marker)) {
			concurrent[object+"."+field] = true
		}
		if importLine.done == 0 && line == importLine.old && !strings.Contains(string(src), importLine.marker) {
			lines[i] = importLine.new
			importLine.done++
		}
		for _, r := range rewrites {
			if !strings.Contains(line, r.old) || (r.objectsOnly && (object == "" || !pointer)) {
				continue
			}
			lines[i] = strings.Replace(line, r.old, r.new, 1)
			r.done++
		}
	}
	out := strings.Join(lines, "\n")
	for _, r := range append(rewrites, importLine) {
		if r.done == 0 && !strings.Contains(out, r.marker) {
			return fmt.Errorf("%s: found no %q to rewrite: has gqlgen's generated code changed?", path, r.old)
		}
	}
	// Every field an object schedules must go through resolveField, or its Ready is never asked;
	// any other way of scheduling is unknown here.
	object, pointer = "", false
	for n, line := range strings.Split(out, "\n") {
		if m := objectFunc.FindStringSubmatch(line); m != nil {
			object, pointer = m[1], m[2] == "*"
		} else if strings.HasPrefix(line, "func ") {
			object = ""
		}
		if object != "" && pointer && strings.Contains(line, "Concurrently(") {
			return fmt.Errorf("%s:%d: _%s schedules a field in a way execpatch does not know: %s", path, n+1, object, strings.TrimSpace(line))
		}
	}
	if len(concurrent) == 0 {
		return fmt.Errorf("%s: found no concurrently resolved field: has gqlgen's generated code changed?", path)
	}
	formatted, err := imports.Process("exec.go", []byte(out), nil)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.WriteFile(path, formatted, 0o644); err != nil {
		return err
	}
	return writeFields(filepath.Join(dir, "concurrent_gen.go"), concurrent)
}

// sequentialPkg is the package of the functions the patched executor calls.
const sequentialPkg = "github.com/relgraph/relgraph/resolvers/sequential"

func writeFields(path string, fields map[string]bool) error {
	keys := make([]string, 0, len(fields))
	names := map[string]bool{}
	for k := range fields {
		keys = append(keys, k)
		names[k[strings.LastIndex(k, ".")+1:]] = true
	}
	sort.Strings(keys)
	nameList := make([]string, 0, len(names))
	for n := range names {
		nameList = append(nameList, n)
	}
	sort.Strings(nameList)
	var b bytes.Buffer
	b.WriteString("// Code generated by resolvers/internal/execpatch. DO NOT EDIT.\n\npackage generated\n\n")
	b.WriteString("import \"" + sequentialPkg + "\"\n\n")
	b.WriteString("// ConcurrentFields are the fields that gqlgen resolves concurrently: those with a resolver or a\n")
	b.WriteString("// method taking a context. Resolving them may wait on a loader.\n")
	b.WriteString("var ConcurrentFields = sequential.Fields{\n\tByType: map[string]bool{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "\t\t%q: true,\n", k)
	}
	b.WriteString("\t},\n\tByName: map[string]bool{\n")
	for _, n := range nameList {
		fmt.Fprintf(&b, "\t\t%q: true,\n", n)
	}
	b.WriteString("\t},\n}\n")
	formatted, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(path, formatted, 0o644)
}
