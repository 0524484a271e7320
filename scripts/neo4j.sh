#!/usr/bin/env bash
# Fetches, configures, starts and stops a local Neo4j Community server for relgraph.
#
#   scripts/neo4j.sh start  [instance]   fetch (once), configure, start, wait for Bolt; no-op when running
#   scripts/neo4j.sh stop   [instance]   stop it and wait until it has exited
#   scripts/neo4j.sh status [instance]   say whether it runs
#   scripts/neo4j.sh env    [instance]   print NEO4J_URI/USER/PASSWORD/DATABASE as shell assignments
#   scripts/neo4j.sh fetch               fetch the server jars from Maven Central into the cache
#   scripts/neo4j.sh admin  [instance] -- ARGS   run neo4j-admin (e.g. database import) on the instance
#
# The Neo4j version is pinned in scripts/neo4j/pom.xml and nowhere else. Instances ("dev" for make run,
# "test" for make test) live under $RELGRAPH_NEO4J_DIR (default .neo4j/, git-ignored), each with its own
# configuration, data, logs and a password generated on first start and kept beside the data.
# Environment: NEO4J_BOLT_PORT (default 7687 for dev, 7688 for test, 7689 otherwise), NEO4J_HEAP,
# NEO4J_PAGECACHE, JAVA_HOME, and NEO4J_APOC=1 to install the APOC core plugin (scripts/neo4j/apoc.xml)
# into the instance and allow its procedures.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
pom="$root/scripts/neo4j/pom.xml"
version=$(sed -n 's|.*<neo4j.version>\(.*\)</neo4j.version>.*|\1|p' "$pom")
base=${RELGRAPH_NEO4J_DIR:-$root/.neo4j}
cmd=${1:-status}
instance=${2:-dev}
case "$instance" in
  dev) default_port=7687 ;;
  test) default_port=7688 ;;
  *) default_port=7689 ;;
esac
port=${NEO4J_BOLT_PORT:-$default_port}
lib="$base/lib-$version"
home="$base/$instance"
pidfile="$home/run/neo4j.pid"

say() { printf 'neo4j(%s): %s\n' "$instance" "$*" >&2; }
die() { say "error: $*"; exit 1; }

java_bin() {
  local j=java
  [ -n "${JAVA_HOME:-}" ] && j="$JAVA_HOME/bin/java"
  command -v "$j" >/dev/null 2>&1 || die "no java found (install a JDK 17 or newer, or set JAVA_HOME)"
  local major
  major=$("$j" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
  [ "${major%%.*}" -ge 17 ] 2>/dev/null || die "Neo4j $version needs Java 17 or newer; $j is Java $major"
  echo "$j"
}

fetch() {
  [ -f "$lib/.complete" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven to fetch Neo4j from Maven Central"
  say "fetching Neo4j Community $version from Maven Central into $lib"
  rm -rf "$lib.tmp"
  mvn -B -q -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib.tmp" >&2 ||
    die "mvn could not fetch org.neo4j:neo4j:$version"
  rm -rf "$lib" && mv "$lib.tmp" "$lib" && touch "$lib/.complete"
}

apoc_pom="$root/scripts/neo4j/apoc.xml"
apoc_version=$(sed -n 's|.*<apoc.version>\(.*\)</apoc.version>.*|\1|p' "$apoc_pom")
apoc_lib="$base/apoc-$apoc_version"

fetch_apoc() {
  [ -f "$apoc_lib/.complete" ] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found: install Maven to fetch APOC from Maven Central"
  say "fetching APOC core $apoc_version from Maven Central into $apoc_lib"
  rm -rf "$apoc_lib.tmp"
  mvn -B -q -Dstyle.color=never -f "$apoc_pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$apoc_lib.tmp" >&2 ||
    die "mvn could not fetch org.neo4j.procedure:apoc-core:$apoc_version"
  rm -rf "$apoc_lib" && mv "$apoc_lib.tmp" "$apoc_lib" && touch "$apoc_lib/.complete"
}

running() {
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

# bolt_answers sends the Bolt handshake and checks that the server picks a protocol version.
bolt_answers() {
  local reply
  reply=$(timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port
    printf '\x60\x60\xb0\x17\x00\x00\x08\x05\x00\x00\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00' >&3
    head -c 4 <&3 | od -An -tx1" 2>/dev/null) || return 1
  [ -n "$reply" ] && [ "$(echo $reply)" != "00 00 00 00" ]
}

password() {
  local f="$home/password"
  if [ ! -s "$f" ]; then
    mkdir -p "$home"
    (umask 077; od -An -N18 -tx1 /dev/urandom | tr -d ' \n' >"$f")
  fi
  cat "$f"
}

configure() {
  mkdir -p "$home/conf" "$home/data" "$home/logs" "$home/run" "$home/import" "$home/plugins"
  local heap=${NEO4J_HEAP:-} cache=${NEO4J_PAGECACHE:-}
  if [ -z "$heap" ]; then [ "$instance" = dev ] && heap=2g || heap=1g; fi
  if [ -z "$cache" ]; then [ "$instance" = dev ] && cache=2g || cache=512m; fi
  cat >"$home/conf/neo4j.conf" <<CONF
# Written by scripts/neo4j.sh for the relgraph "$instance" instance; edits are overwritten on start.
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:$port
server.bolt.advertised_address=127.0.0.1:$port
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=true
server.directories.data=$home/data
server.directories.logs=$home/logs
server.directories.run=$home/run
server.directories.import=$home/import
server.directories.plugins=$home/plugins
# Sized for a 2-core, 24 GiB machine shared with the Go server, the browser and the build.
server.memory.heap.initial_size=$heap
server.memory.heap.max_size=$heap
server.memory.pagecache.size=$cache
db.memory.transaction.total.max=0
db.transaction.timeout=60s
# Check often for transactions past their timeout: requests pass their deadline on as one.
db.transaction.monitor.check.interval=100ms
db.logs.query.enabled=OFF
dbms.usage_report.enabled=false
CONF
  echo "$heap" >"$home/run/heap"
  rm -f "$home/plugins/"*.jar
  if [ "${NEO4J_APOC:-}" = 1 ]; then
    fetch_apoc
    cp "$apoc_lib/"*.jar "$home/plugins/"
    printf 'dbms.security.procedures.unrestricted=apoc.*\ndbms.security.procedures.allowlist=apoc.*\n' >>"$home/conf/neo4j.conf"
  fi
}

start() {
  mkdir -p "$base"
  # The jar cache is shared by the instances: fetch it under its own lock.
  (exec 8>"$base/fetch.lock"; flock -w 600 8; fetch)
  if running; then
    bolt_answers && { say "already running on bolt://127.0.0.1:$port"; return 0; }
  fi
  fetch
  local java; java=$(java_bin)
  configure
  export NEO4J_HOME="$home" NEO4J_CONF="$home/conf"
  if [ ! -f "$home/data/dbms/auth.ini" ]; then
    "$java" -cp "$lib/*" org.neo4j.cli.AdminTool dbms set-initial-password "$(password)" >/dev/null ||
      die "could not set the initial password"
  fi
  local heap; heap=$(cat "$home/run/heap")
  say "starting Neo4j $version on bolt://127.0.0.1:$port (logs: $home/logs)"
  nohup "$java" -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djdk.tls.ephemeralDHKeySize=2048 \
    -Dfile.encoding=UTF-8 -cp "$lib/*:$home/plugins/*" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$home" --config-dir="$home/conf" >"$home/logs/console.log" 2>&1 9>&- &
  echo $! >"$pidfile"
  local i
  for i in $(seq 1 240); do
    if bolt_answers; then say "ready on bolt://127.0.0.1:$port"; return 0; fi
    running || { tail -n 30 "$home/logs/console.log" >&2; die "Neo4j exited during start"; }
    sleep 0.5
  done
  tail -n 30 "$home/logs/console.log" >&2
  die "Bolt did not answer on port $port within 120 s"
}

# pids lists the servers of this instance: the one in the pid file and any other started on its
# home (after a lost pid file, say).
pids() {
  { [ -f "$pidfile" ] && cat "$pidfile"; pgrep -f -- "--home-dir=$home( |$)" || true; } | sort -u |
    while read -r p; do kill -0 "$p" 2>/dev/null && echo "$p"; done
}

stop() {
  local ps; ps=$(pids)
  if [ -z "$ps" ]; then say "not running"; rm -f "$pidfile"; return 0; fi
  kill $ps 2>/dev/null || true
  local i
  for i in $(seq 1 120); do
    [ -z "$(pids)" ] && { rm -f "$pidfile"; say "stopped"; return 0; }
    sleep 0.5
  done
  say "did not stop within 60 s; killing"
  kill -9 $(pids) 2>/dev/null || true
  rm -f "$pidfile"
}

# lock serialises start and stop of one instance, so that test packages starting it at once launch
# one server, not several.
lock() {
  mkdir -p "$home/run"
  exec 9>"$home/run/lock"
  flock -w 300 9 || die "could not lock $home/run/lock"
}

case "$cmd" in
  fetch) mkdir -p "$base"; exec 9>"$base/fetch.lock"; flock -w 600 9; fetch ;;
  start) lock; start ;;
  stop) lock; stop ;;
  status) if running && bolt_answers; then say "running on bolt://127.0.0.1:$port"; else say "not running"; exit 3; fi ;;
  env)
    printf "NEO4J_URI=bolt://127.0.0.1:%s\nNEO4J_USER=neo4j\nNEO4J_PASSWORD=%s\nNEO4J_DATABASE=neo4j\n" "$port" "$(password)" ;;
  admin)
    shift 2; [ "${1:-}" = "--" ] && shift
    fetch; NEO4J_HOME="$home" NEO4J_CONF="$home/conf" exec "$(java_bin)" -cp "$lib/*" org.neo4j.cli.AdminTool "$@" ;;
  *) die "unknown command $cmd (start, stop, status, env, fetch, admin)" ;;
esac
