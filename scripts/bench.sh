#!/usr/bin/env bash
# Runs the benchmark suite (bench/run.ts) against a private Redis and a private FerretDB (MongoDB
# wire protocol) on a throw-away PostgreSQL database, all on free ports, so nothing else running on
# the machine (npm run dev, npm test) shares them. Writes BENCHMARKS.md.
#   npm run bench                 # the full suite: about 25 minutes on the shared 2-core machine, plus 10–25
#                                 # the first time to build D1's populated database (203 players, 1,015,004
#                                 # scores; cached in the project's PostgreSQL cluster afterwards)
#   npm run bench -- --large      # the same with more rounds and longer budgets for every scenario but D1
#   npm run bench -- --quick      # smaller sizes and fewer rounds (about 8 minutes)
#   npm run bench -- --prepare-d1 # only build (or find) D1's cached database
#   npm run bench -- --only P1,I2 # some scenarios only (see bench/run.ts --help)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_node
ensure_deps
ensure_postgres
build_ferretdb
command -v redis-server >/dev/null 2>&1 || apt_install redis-server

PGDB="score_import_bench_$$"
MONGO_PORT="$(free_port)"
REDIS_PORT="$(free_port)"
RUN_DIR="$ROOT/.cache/run/bench-$$"
PIDFILE="$RUN_DIR/ferretdb.pid"
mkdir -p "$RUN_DIR"

stop_redis() {
  local pid
  pid="$(cat "$RUN_DIR/redis.pid" 2>/dev/null || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
}
cleanup() {
  stop_redis
  stop_ferretdb "$PIDFILE"
  sleep 0.3
  drop_pg_database "$PGDB"
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

log "starting a private redis-server on port $REDIS_PORT"
redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
  --dir "$RUN_DIR" --logfile "$RUN_DIR/redis.log" --pidfile "$RUN_DIR/redis.pid"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$REDIS_PORT" ping >/dev/null

log "starting FerretDB on port $MONGO_PORT (PostgreSQL database $PGDB)"
start_ferretdb "$MONGO_PORT" "$PGDB" "$PIDFILE"

export BENCH_MONGO_URL="mongodb://127.0.0.1:$MONGO_PORT"
export BENCH_REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export BENCH_PG_URL="$PG_URL_BASE/$PGDB"
# so the runner can restart FerretDB if the service gets it stuck (see bench/lib/ferretdb.ts)
export BENCH_FERRETDB_BIN="$FERRETDB_BIN" BENCH_FERRETDB_PIDFILE="$PIDFILE" BENCH_FERRETDB_LISTEN="127.0.0.1:$MONGO_PORT"
export BENCH_FERRETDB_VERSION="$(sed -n 's#^\(require \)\{0,1\}[[:space:]]*github.com/FerretDB/FerretDB \(v[0-9.]*\).*#\2#p' "$ROOT/tools/ferretdb/go.mod")"
export BENCH_POSTGRES_VERSION="$(psql -qtA "$PG_URL_BASE/postgres" -c 'SHOW server_version' 2>/dev/null | head -n1 || true)"
export BENCH_REDIS_VERSION="$(redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p')"
export BENCH_COMMAND="npm run bench${*:+ -- $*}"
node --import tsx bench/run.ts "$@"
