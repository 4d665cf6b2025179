#!/usr/bin/env bash
# The chaos run of issue 18 (test/chaos/): the same players' imports and reverts run once
# undisturbed and once while workers, API instances, Redis and the database are SIGKILLed and
# restarted, then compared. It starts its own Redis (AOF) and FerretDB (on a throw-away PostgreSQL
# database of the project's cluster) on free ports, so nothing else running on the machine is touched.
#   npm run chaos                  # 20 players x 2,000 scores, 30 faults
#   npm run chaos -- --short       # the form npm test runs
#   npm run chaos -- --long        # 40 players x 5,000 scores, 100 faults
#   npm run chaos -- --help
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_node
ensure_deps
ensure_postgres
build_ferretdb
command -v redis-server >/dev/null 2>&1 || apt_install redis-server

export CHAOS_FERRETDB_BIN="$FERRETDB_BIN"
export CHAOS_PG_URL_BASE="$PG_URL_BASE"
# The run writes the process group of everything it starts and its PostgreSQL database here; the
# run cleans up after itself, and this clears whatever is left if it could not (it was SIGKILLed).
mkdir -p "$ROOT/.cache/run"
export CHAOS_MANIFEST="$ROOT/.cache/run/chaos-manifest-$$"
: >"$CHAOS_MANIFEST"
leftovers() {
  local kind value
  while read -r kind value; do
    case "$kind" in
      # only a group whose leader is still one of ours (redis-server, FerretDB, an API or a worker)
      group) grep -qsE 'redis-server|ferretdb|apps/(api|worker)/src/main' "/proc/$value/cmdline" && kill -KILL -- "-$value" 2>/dev/null || true ;;
      pgdb) drop_pg_database "$value" ;;
    esac
  done <"$CHAOS_MANIFEST"
  rm -f "$CHAOS_MANIFEST"
}
trap leftovers EXIT
# Ctrl-C reaches node (which stops the run) and this shell alike: the shell waits for node
trap ':' INT
status=0
node --import tsx test/chaos/run.ts "$@" || status=$?
exit "$status"
