# Shared shell functions: make sure Redis, PostgreSQL and FerretDB (our MongoDB-compatible dev/test
# database, see docs/development.md) are available. Sourced by dev.sh, test.sh and bench.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FERRETDB_BIN="$ROOT/.cache/bin/ferretdb"
PG_URL_BASE="postgres://postgres@127.0.0.1:5432"

log() { printf '[services] %s\n' "$*" >&2; }

apt_install() {
  log "installing $* with apt-get"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >/dev/null
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

ensure_postgres() {
  if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then return 0; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then apt_install postgresql; fi
  log "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  for _ in $(seq 1 100); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 0.1; done
  log "PostgreSQL did not start"; return 1
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
# so that several instances fit in PostgreSQL's 100 connections (the service sends FerretDB its single-document updates one per command,
# see docs/development.md rule 4).
start_ferretdb() {
  local port="$1" pgdb="$2" pidfile="$3" pool="${FERRETDB_POOL_MAX_CONNS:-40}"
  psql -q "$PG_URL_BASE/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname='$pgdb'" | grep -q 1 \
    || psql -q "$PG_URL_BASE/postgres" -c "CREATE DATABASE \"$pgdb\"" >/dev/null
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then return 0; fi
  mkdir -p "$(dirname "$pidfile")"
  "$FERRETDB_BIN" -listen "127.0.0.1:$port" -postgresql-url "$PG_URL_BASE/$pgdb?pool_max_conns=$pool" \
    >"${pidfile%.pid}.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  log "FerretDB did not start; see ${pidfile%.pid}.log"; return 1
}

stop_ferretdb() {
  local pidfile="$1"
  if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
}

drop_pg_database() {
  psql -q "$PG_URL_BASE/postgres" -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || true
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
