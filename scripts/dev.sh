#!/usr/bin/env bash
# Starts the whole system locally: Redis, FerretDB on PostgreSQL, the bundled game data, a demo
# user with a token, one worker and one API instance. Ctrl-C stops the API and worker.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
ensure_node
ensure_deps
ensure_redis 6379
ensure_postgres
build_ferretdb
start_ferretdb 27017 score_import "$ROOT/.cache/run/ferretdb-dev.pid"

export MONGO_URL="${MONGO_URL:-mongodb://127.0.0.1:27017/score-import}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export PORT="${PORT:-8080}" HOST="${HOST:-127.0.0.1}"

npm run -s cli -- seed >/dev/null
DEMO="$(npm run -s cli -- user:create demo 2>/dev/null || npm run -s cli -- token:create demo --permissions submit_score,delete_score)"
TOKEN="$(node -e 'console.log(JSON.parse(process.argv[1]).token)' "$DEMO")"

npm run -s start:worker &
WORKER=$!
npm run -s start:api &
API=$!
trap 'kill $API $WORKER 2>/dev/null; wait' INT TERM EXIT

for _ in $(seq 1 300); do
  curl -sf -o /dev/null "http://$HOST:$PORT/readyz" && break
  kill -0 "$API" 2>/dev/null || { echo "the API did not start (see above)" >&2; exit 1; }
  sleep 0.2
done
cat <<MSG

  Score-import service running at http://$HOST:$PORT (worker pid $WORKER, API pid $API)
  Demo user: demo    token: $TOKEN

  Docs: http://$HOST:$PORT/docs    Metrics: http://$HOST:$PORT/metrics    Worker health: http://$HOST:9100/readyz

  Try it:
    curl -s -H "Authorization: Bearer $TOKEN" -F importType=file/batch-manual \\
         -F scoreData=@examples/sdvx.json http://$HOST:$PORT/api/v1/import/file
    curl -s http://$HOST:$PORT/api/v1/imports/<importID>/poll-status
  or with the reference client (progress bar and summary):
    npm run cli -- import examples/sdvx.json --url http://$HOST:$PORT --token $TOKEN

MSG
wait
