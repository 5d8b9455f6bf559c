#!/usr/bin/env bash
# Prints throughput and latency figures for the public joint advert on SQLite (demo data):
#   - wrk at 64 connections against the public cohort page of the open demo cohort ("Kull 21")
#     as an anonymous visitor (the in-memory page cache answers), the same with If-None-Match
#     (304 revalidation), the programme page, the Atom feed and the JSON API, and the page for a
#     logged-in visitor, which is rendered on every request (the cost without the cache);
#   - /ping as the bare-HTTP ceiling for comparison.
# Target: the public cohort page at least 5 000 requests/s.
# Usage: bench/advert_bench.sh [seconds per run, default 10]. Needs wrk and a release build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${TP_BINARY:-$root/build/release/traineeportal}
duration=${1:-10}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="sqlite:$work/bench.db"

"$binary" seed-demo --database "$db" > /dev/null 2>&1
"$binary" serve --database "$db" --listen "127.0.0.1:$port" > "$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do sleep 0.005; done

# The open demo cohort: the highest cohort id the JSON API knows (Kull 21 is created last).
cohort=""
for id in $(seq 1 50); do
  code=$(curl -s -o "$work/advert.json" -w '%{http_code}' "http://127.0.0.1:$port/api/v1/advert/cohorts/$id")
  [ "$code" = 200 ] || break
  if grep -q '"cohort_name":"Kull 21"' "$work/advert.json"; then cohort=$id; fi
done
[ -n "$cohort" ] || { echo "open demo cohort not found"; exit 1; }
programme=$(curl -fsS "http://127.0.0.1:$port/api/v1/advert/cohorts/$cohort" | grep -o '"programme_id":[0-9]*' | grep -o '[0-9]*$')
page="/advert/cohorts/$cohort"
curl -fsS -D "$work/headers" -o "$work/page.html" "http://127.0.0.1:$port$page"
etag=$(awk 'tolower($1)=="etag:" {print $2}' "$work/headers" | tr -d '\r')
employers=$(grep -c 'class="advert-employer"' "$work/page.html" || true)
postings=$(grep -c 'application/ld+json' "$work/page.html" || true)
echo "public cohort page $page: $(wc -c < "$work/page.html") bytes, $employers employers, $postings JobPosting blocks"

run() {
  local label=$1 path=$2; shift 2
  local out
  out=$(wrk -t2 -c64 -d"${duration}s" --latency "$@" "http://127.0.0.1:$port$path")
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr '\n' ' ' || true)
  printf '%-40s %10s req/s   p50 %8s   p99 %8s   %s\n' "$label" "$rps" "$p50" "$p99" "$errors"
}
echo "wrk, 64 connections, ${duration}s each, $(nproc) cores:"
run "/ping (bare HTTP ceiling)" /ping
run "$page (anonymous, nb)" "$page" -H "Accept-Language: nb"
run "$page (If-None-Match, 304)" "$page" -H "If-None-Match: $etag"
run "/advert/programmes/$programme" "/advert/programmes/$programme"
run "$page/feed.atom" "$page/feed.atom"
run "/api/v1/advert/cohorts/$cohort (JSON)" "/api/v1/advert/cohorts/$cohort"

# A logged-in visitor's page carries their name, so it is rendered on every request: the cost of
# the page without the cache.
jar="$work/cookies"
curl -fsS -c "$jar" -b "$jar" -o "$work/login.html" "http://127.0.0.1:$port/login"
csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$work/login.html" | head -1 | sed 's/.*value="//;s/"$//')
curl -fsS -c "$jar" -b "$jar" -o /dev/null \
  --data-urlencode "_csrf=$csrf" --data-urlencode "email=koordinator@example.org" \
  --data-urlencode "password=demo-passord-2026" "http://127.0.0.1:$port/login"
session=$(awk '$6=="tp_session" {print $7}' "$jar")
run "$page (logged in, rendered each time)" "$page" -H "Cookie: tp_session=$session"
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
echo "resident memory after the runs: $(( rss_kb / 1024 )) MB"
