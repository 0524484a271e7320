# relgraph: `make run` starts the explorer on http://localhost:8080 with a local Neo4j and the demo
# data; `make test` runs every test against a real Neo4j. Both fetch what they need.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
NEO4J := scripts/neo4j.sh
BIN := bin/relgraph
BENCH_BIN := bin/relgraph-bench
DATA ?= $(abspath ../shared/data)
CHROMIUM ?= /usr/bin/chromium
GO_SOURCES := $(shell find . -name '*.go' -not -path './frontend/node_modules/*' 2>/dev/null) go.mod go.sum

.PHONY: run test build frontend frontend-deps neo4j neo4j-stop neo4j-test-stop generate check-generate vet go-test frontend-test e2e chromium jq bench-explorer clean bench-api bench-load bench-stop bench-import

## run: start Neo4j (fetched on first use), load the demo graph and serve the explorer on :8080
run: build neo4j
	set -a; eval "$$($(NEO4J) env dev)"; set +a; \
	$(BIN) load-demo -data "$(DATA)" && exec $(BIN) serve

## test: vet, the generation check, every Go test against the real Neo4j test instance, the frontend tests and the browser tests
test: build vet check-generate go-test frontend-test e2e

## build: the explorer bundle and the server binary that embeds it
build: frontend $(BIN)

$(BIN): $(GO_SOURCES) frontend/dist/index.html
	go build -o $(BIN) ./server/cmd/relgraph

# The benchmarks, a binary of their own; bench-api serves with $(BIN), which sits beside it.
$(BENCH_BIN): $(GO_SOURCES)
	go build -o $(BENCH_BIN) ./server/cmd/relgraph-bench

frontend/node_modules/.package-lock.json: frontend/package-lock.json frontend/package.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend-deps: frontend/node_modules/.package-lock.json

frontend: frontend-deps
	cd frontend && npm run build

frontend/dist/index.html: frontend-deps
	cd frontend && npm run build

## neo4j, neo4j-stop: the local Neo4j used by make run
neo4j:
	$(NEO4J) start dev
neo4j-stop:
	$(NEO4J) stop dev
neo4j-test-stop:
	$(NEO4J) stop test

vet:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt needed"; exit 1; }

go-test: jq
	$(NEO4J) start test
	RELGRAPH_DATA="$(DATA)" RELGRAPH_BIN="$(abspath $(BIN))" go test -count=1 -timeout 20m ./...

frontend-test: frontend-deps
	cd frontend && npm test

## bench-api: the API benchmark (slow, not part of make test): loads the demo, ROR and synthetic works into
## its own Neo4j (instance bench, Bolt 7732), installs @neo4j/graphql from npm, and prints one table
## comparing relgraph, @neo4j/graphql and plain Cypher. BENCH_FLAGS passes flags (relgraph-bench bench-api -h).
BENCH_FLAGS ?=
bench-api: $(BIN) $(BENCH_BIN)
	$(BENCH_BIN) bench-api -data "$(DATA)" $(BENCH_FLAGS)

## bench-load: 200 clients for 60 s on the benchmark's mix against relgraph: throughput, p99, errors, peak RSS
bench-load: $(BIN) $(BENCH_BIN)
	$(BENCH_BIN) bench-api -data "$(DATA)" -load $(BENCH_FLAGS)

bench-stop:
	$(NEO4J) stop bench
	$(NEO4J) stop bench-import

## bench-import: import speed (slow, not part of make test): the ROR dump and synthetic works imported by
## neo4j-admin (offline), relgraph import (online) and one transaction per record, on Neo4j instance
## bench-import (Bolt 7733); prints records/s and ratios. BENCH_FLAGS passes flags (relgraph-bench bench-import -h).
bench-import: $(BENCH_BIN)
	$(BENCH_BIN) bench-import -data "$(DATA)" $(BENCH_FLAGS)

## e2e: the browser tests (frontend/e2e: the explorer, the curator's flow), in headless Chromium
## against the real binary on a free port and the test Neo4j with the demo graph; screenshots go to
## test-artifacts/
e2e: build frontend-deps chromium
	$(NEO4J) start test
	set -a; eval "$$($(NEO4J) env test)"; set +a; \
	RELGRAPH_BIN="$(abspath $(BIN))" RELGRAPH_DATA="$(DATA)" ARTIFACTS="$(abspath test-artifacts)" CHROMIUM="$(CHROMIUM)" \
		node --test --test-concurrency=1 frontend/e2e/*.e2e.mjs

## chromium: Debian's Chromium for the browser tests, installed when missing
chromium:
	@command -v "$(CHROMIUM)" >/dev/null 2>&1 || { \
	  echo "Chromium is missing at $(CHROMIUM): installing Debian's chromium"; \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends chromium; }
	@test -x "$(CHROMIUM)" || { echo "Chromium is still missing at $(CHROMIUM)"; exit 1; }

## jq: for the README's curator walkthrough, which a Go test runs as printed
jq:
	@command -v jq >/dev/null 2>&1 || { \
	  sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update && $$sudo apt-get install -y --no-install-recommends jq; }

## bench-explorer: frame times of the explorer's canvas as a ratio to a bare sigma.js page drawing the
## same graphs (100, 1,000 and 10,000 nodes) in the same headless Chromium run; not part of make test
bench-explorer: frontend-deps chromium
	cd frontend && npx vite build --config vite.bench.config.ts && CHROMIUM="$(CHROMIUM)" node bench/run.mjs

## generate: recreate the generated GraphQL code from schema/
generate:
	go generate ./...

## check-generate: fails when go generate ./..., run in a temporary copy of the tree, would change any file
check-generate:
	scripts/check-generate.sh

clean:
	rm -rf bin frontend/dist/assets frontend/dist/index.html
