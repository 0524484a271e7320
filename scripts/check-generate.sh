#!/usr/bin/env bash
# Checks that `make generate` (go generate ./...: gqlgen and whatever runs after it) reproduces the
# generated files byte for byte. It copies the source tree (the files git tracks, plus untracked files
# that are not ignored, so uncommitted work is checked too) into a temporary folder, runs the
# generators there, and fails when any file differs, appears or disappears; the real tree is never
# written. It knows no generator and no output by name: whatever `go generate` touches is compared.
# It needs no network when the module cache holds the modules (gqlgen is a `go tool` of go.mod).
#
#   scripts/check-generate.sh     exit 0 when generation reproduces the tree, 1 (with the files and a
#                                 short diff) when it does not
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/relgraph-check-generate.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tree="$tmp/tree"
mkdir "$tree"

# The source tree as a developer has it: tracked files that still exist, and new files not ignored.
(cd "$root" && git ls-files -z --cached --others --exclude-standard) |
  while IFS= read -r -d '' f; do
    [[ -e "$root/$f" || -L "$root/$f" ]] && printf '%s\0' "$f"
  done |
  (cd "$root" && tar --null --no-recursion -T - -cf -) |
  (cd "$tree" && tar -xf -)

# A throwaway repository records the copy, so that git can say what generation changed, added or removed.
g() { git --git-dir="$tmp/git" --work-tree="$tree" -c core.autocrlf=false -c core.pager=cat "$@"; }
g init -q
g add -A
g -c user.name=check -c user.email=check@localhost -c commit.gpgsign=false commit -q --no-verify -m before

if ! (cd "$tree" && go generate ./...) >"$tmp/generate.log" 2>&1; then
  cat "$tmp/generate.log" >&2
  echo "check-generate: go generate ./... failed in a copy of the tree" >&2
  exit 1
fi

g add -A
if g diff --cached --quiet; then
  echo "check-generate: go generate ./... reproduces the tree byte for byte"
  exit 0
fi
{
  echo "check-generate: the generated files differ from what go generate ./... writes:"
  g diff --cached --name-status | sed 's/^/  /'
  g diff --cached --stat=100 | tail -n 1
  echo "(- the tree as it is, + what go generate ./... writes)"
  g diff --cached --unified=1 | head -n 60 || true # git stops on a closed pipe when the diff is longer
  echo "run make generate (and commit what it writes); never edit generated files by hand"
} >&2
exit 1
