#!/usr/bin/env bash
# The project's own PostgreSQL cluster (.cache/postgres, settings in scripts/postgresql.conf), which
# dev.sh, test.sh and bench.sh start when needed and leave running.
#   bash scripts/postgres.sh start | stop | restart | status | url | psql [database] [psql args...]
source "$(dirname "$0")/lib.sh"
case "${1:-status}" in
  start) ensure_postgres ;;
  stop) stop_postgres ;;
  restart) stop_postgres; ensure_postgres ;;
  status)
    if pg_isready -q -h 127.0.0.1 -p "$PG_PORT"; then
      echo "running on port $PG_PORT: $PG_URL_BASE"
      psql -qtAX "$PG_URL_BASE/postgres" -c "SELECT name || ' = ' || setting FROM pg_settings WHERE name IN ('data_directory', 'autovacuum', 'autovacuum_naptime', 'plan_cache_mode', 'max_connections') ORDER BY name"
    else
      echo "not running (port $PG_PORT)"; exit 1
    fi ;;
  url) echo "$PG_URL_BASE" ;;
  psql) shift; db="${1:-postgres}"; shift || true; exec psql "$PG_URL_BASE/$db" "$@" ;;
  *) echo "usage: $0 start|stop|restart|status|url|psql [database]" >&2; exit 2 ;;
esac
