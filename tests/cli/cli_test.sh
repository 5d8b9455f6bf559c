#!/usr/bin/env bash
# The traineeportal binary as an operator uses it: subcommands, settings, refusal to serve a
# database that is behind, graceful SIGTERM, healthcheck, create-admin, seed-demo and backup.
# Usage: cli_test.sh PATH/TO/traineeportal
set -uo pipefail
bin=$1
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -9 "$server" 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"

check "version prints the version" bash -c "'$bin' version | grep -q '^traineeportal [0-9]'"
check "--help lists every command" bash -c "'$bin' --help | grep -q create-admin && '$bin' --help | grep -q healthcheck"
for c in serve migrate create-admin seed-demo backup healthcheck version; do
  check "$c --help" bash -c "'$bin' $c --help | grep -q 'Usage: traineeportal $c'"
done
check "unknown command exits 2" bash -c "'$bin' frobnicate 2>/dev/null; [ \$? -eq 2 ]"

# A wrong setting stops start-up with one line that names it.
out=$("$bin" serve --listen nonsense 2>&1); rc=$?
check "bad --listen exits non-zero" test "$rc" -ne 0
check "bad --listen names the setting" bash -c "[ \$(printf '%s\n' \"\$0\" | wc -l) -eq 1 ] && grep -q listen <<<\"\$0\"" "$out"
out=$(TP_WORKER_THREADS=zero "$bin" serve 2>&1); rc=$?
check "bad TP_WORKER_THREADS names it" bash -c "[ $rc -ne 0 ] && grep -q TP_WORKER_THREADS <<<\"\$0\"" "$out"
printf 'database_url = sqlite:%s/x.db\nsmtp_port = 99999\n' "$work" > "$work/bad.conf"
out=$("$bin" serve --config "$work/bad.conf" 2>&1); rc=$?
check "bad config file line is named" bash -c "[ $rc -ne 0 ] && grep -q 'bad.conf:2' <<<\"\$0\" && grep -q smtp_port <<<\"\$0\"" "$out"
out=$("$bin" serve --database mysql://x 2>&1); rc=$?
check "unsupported database URL is refused" bash -c "[ $rc -ne 0 ] && grep -q database_url <<<\"\$0\"" "$out"

# serve refuses a database that is behind, unless told --migrate.
db="sqlite:$work/tp.db"
port=$(free_port)
out=$("$bin" serve --database "$db" --listen "127.0.0.1:$port" 2>&1); rc=$?
check "serve refuses an unmigrated database" bash -c "[ $rc -ne 0 ] && grep -q migrate <<<\"\$0\"" "$out"
check "migrate applies the migrations" bash -c "'$bin' migrate --database '$db' | grep -q 'schema version'"
check "migrate again applies nothing" bash -c "'$bin' migrate --database '$db' | grep -q 'applied 0'"
check "seed-demo loads the demo data" bash -c "'$bin' seed-demo --database '$db' | grep -q 'demo data loaded'"
check "seed-demo twice loads nothing" bash -c "'$bin' seed-demo --database '$db' | grep -q 'already holds data'"
check "create-admin reads the password from the environment" \
  bash -c "TP_ADMIN_PASSWORD='et-langt-passord-9' '$bin' create-admin --database '$db' --email drift@example.org --name 'Drift Ansvarlig' | grep -q created"
out=$(TP_ADMIN_PASSWORD='kort' "$bin" create-admin --database "$db" --email x@example.org --name X 2>&1); rc=$?
check "create-admin refuses a short password" test "$rc" -ne 0

# serve, healthcheck, and a graceful stop on SIGTERM.
"$bin" serve --database "$db" --listen "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null && break; sleep 0.1; done
check "healthcheck answers 0 while the server runs" "$bin" healthcheck --listen "127.0.0.1:$port"
check "the admin can log in" bash -c "
  curl -fsS -c '$work/jar' -o '$work/login.html' 'http://127.0.0.1:$port/login' &&
  csrf=\$(grep -o 'name=\"_csrf\" value=\"[^\"]*\"' '$work/login.html' | head -1 | sed 's/.*value=\"//;s/\"\$//') &&
  curl -s -b '$work/jar' -c '$work/jar' -o /dev/null -w '%{http_code}' --data-urlencode \"_csrf=\$csrf\" \
    --data-urlencode email=drift@example.org --data-urlencode password=et-langt-passord-9 \
    'http://127.0.0.1:$port/login' | grep -q 303 && grep -q tp_session '$work/jar'"
kill -TERM "$server"
wait "$server"; rc=$?
server=""
check "SIGTERM ends the server with exit code 0" test "$rc" -eq 0
check "every log line is JSON" bash -c "python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' '$work/serve.log'"
check "healthcheck answers non-zero when nothing runs" bash -c "! '$bin' healthcheck --listen 127.0.0.1:$port >/dev/null 2>&1"

# backup: a consistent SQLite copy that holds the data.
check "backup writes a copy" bash -c "'$bin' backup --database '$db' --output '$work/copy.db' | grep -q written"
check "the copy holds the demo operators" bash -c "[ \$(sqlite3 '$work/copy.db' 'SELECT COUNT(*) FROM operators') -eq 2 ]"
check "backup for PostgreSQL points to pg_dump" bash -c "'$bin' backup --database postgresql://u@127.0.0.1:1/x | grep -q pg_dump"

# Proxy and metrics settings are checked at start.
out=$(TP_TRUSTED_PROXIES='10.0.0.0/33' "$bin" serve --database "$db" 2>&1); rc=$?
check "bad TP_TRUSTED_PROXIES names it" bash -c "[ $rc -ne 0 ] && grep -q TP_TRUSTED_PROXIES <<<\"\$0\"" "$out"

# Demo mode on another port: e-mail links follow --listen, and e-mail is queued, not sent.
demo_db="sqlite:$work/demo.db"
demo_port=$(free_port)
"$bin" serve --demo --migrate --database "$demo_db" --listen "127.0.0.1:$demo_port" > "$work/demo.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$demo_port/readyz" 2>/dev/null && break; sleep 0.1; done
check "demo: a reset link points at the --listen port" bash -c "
  curl -fsS -c '$work/demo-jar' -o '$work/forgot.html' 'http://127.0.0.1:$demo_port/password/forgot' &&
  csrf=\$(grep -o 'name=\"_csrf\" value=\"[^\"]*\"' '$work/forgot.html' | head -1 | sed 's/.*value=\"//;s/\"\$//') &&
  curl -s -b '$work/demo-jar' -o /dev/null --data-urlencode \"_csrf=\$csrf\" \
    --data-urlencode email=admin@example.org 'http://127.0.0.1:$demo_port/password/forgot' &&
  sqlite3 '$work/demo.db' \"SELECT body_text FROM outbox WHERE kind = 'accounts/password_reset'\" |
    grep -q 'http://127.0.0.1:$demo_port/password/reset/'"
check "demo: /metrics answers loopback" bash -c "curl -fsS 'http://127.0.0.1:$demo_port/metrics' | grep -q tp_http_requests_total"
kill -TERM "$server"
wait "$server"
server=""
check "demo: no delivery is tried without smtp_host" bash -c "! grep -q 'not delivered' '$work/demo.log' && grep -q 'e-mails are queued' '$work/demo.log'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
