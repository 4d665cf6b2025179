#!/usr/bin/env bash
# Runs the whole test suite against real Redis and a fresh FerretDB (MongoDB wire protocol) on a
# throw-away PostgreSQL database. Extra arguments go to tap (e.g. a test file).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_node
ensure_deps
ensure_redis 6379
ensure_postgres
build_ferretdb

PGDB="score_import_test_$$"
PORT="$(free_port)"
PIDFILE="$ROOT/.cache/run/ferretdb-test-$$.pid"
cleanup() { stop_ferretdb "$PIDFILE"; sleep 0.3; drop_pg_database "$PGDB"; }
trap cleanup EXIT
start_ferretdb "$PORT" "$PGDB" "$PIDFILE"

export TEST_MONGO_URL="mongodb://127.0.0.1:$PORT"
export TEST_REDIS_URL="redis://127.0.0.1:6379"
export TEST_FERRETDB_BIN="$FERRETDB_BIN"
export TEST_PG_URL_BASE="$PG_URL_BASE"
LOG="$ROOT/.cache/run/tap-$$.log"
status=0
npx tap "$@" 2>&1 | tee "$LOG" || status=$?
# a plain closing line for CI: "N passed, N failed"
summary="$(grep -E '^# \{ total' "$LOG" | tail -n1 || true)"
if [ -n "$summary" ]; then
  node -e 'const s=process.argv[1];const n=(k)=>Number((s.match(new RegExp(k+": (\\d+)"))||[0,0])[1]);console.log(`${n("pass")} passed, ${n("fail")} failed`+(n("skip")?`, ${n("skip")} skipped`:""))' "$summary"
fi
rm -f "$LOG"
exit "$status"
