#!/usr/bin/env bash
# Prints throughput and latency figures for the release server on SQLite (demo data):
#   - cold start until /readyz answers 200, and resident memory after start;
#   - the default threads (1 I/O, 4 workers); wrk at 64 connections against /ping (the bare-HTTP ceiling: a constant string on the I/O
#     thread), /healthz, and a logged-in coordinator's cohort page.
# Usage: bench/http_bench.sh [seconds per run, default 10]. Needs wrk and a release build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${TP_BINARY:-$root/build/release/traineeportal}
duration=${1:-10}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="sqlite:$work/bench.db"

# Load demo data first so that the timed start is a plain start of a ready database.
"$binary" seed-demo --database "$db" > /dev/null
start_ns=$(date +%s%N)
"$binary" serve --database "$db" --listen "127.0.0.1:$port" \
  > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do sleep 0.005; done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo "cold start to /readyz=200: ${ready_ms} ms"
echo "resident memory after start: $(( rss_kb / 1024 )) MB (${rss_kb} kB)"

# Log in as the demo coordinator through the real form.
jar="$work/cookies"
curl -fsS -c "$jar" -b "$jar" -o "$work/login.html" "http://127.0.0.1:$port/login"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//;s/"$//')
curl -fsS -c "$jar" -b "$jar" -o /dev/null \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=koordinator@example.org" \
  --data-urlencode "password=demo-passord-2026" "http://127.0.0.1:$port/login"
session=$(awk '$6=="tp_session" {print $7}' "$jar")
cohort=$(curl -fsS -b "$jar" "http://127.0.0.1:$port/" | grep -o 'href="/cohorts/[0-9]*"' | head -1 | grep -o '[0-9]*')
[ -n "$session" ] && [ -n "$cohort" ] || { echo "login or cohort lookup failed"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -b "tp_session=$session" "http://127.0.0.1:$port/cohorts/$cohort")
[ "$status" = 200 ] || { echo "cohort page answered $status"; exit 1; }

run() {
  local label=$1 path=$2; shift 2
  local out
  out=$(wrk -t2 -c64 -d"${duration}s" --latency "$@" "http://127.0.0.1:$port$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '%-34s %10s req/s   p50 %8s   p99 %8s   %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
}
echo "wrk, 64 connections, ${duration}s each, $(nproc) cores:"
run "/ping (bare HTTP ceiling)" /ping
run "/healthz" /healthz
run "/cohorts/$cohort (logged in)" "/cohorts/$cohort" -H "Cookie: tp_session=$session"
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo "resident memory after the runs: $(( rss_kb / 1024 )) MB"
