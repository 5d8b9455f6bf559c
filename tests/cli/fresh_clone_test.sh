#!/usr/bin/env bash
# The database path as a newcomer and a careless operator meet it: the README's run line works in
# an empty directory (it makes data/ itself), while the binary refuses a database file that does
# not exist and never creates a folder, so a mistyped path is never silently a new empty database.
# Usage: fresh_clone_test.sh PATH/TO/traineeportal PATH/TO/Makefile
set -uo pipefail
bin=$(realpath "$1")
makefile=$(realpath "$2")
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill -9 -- "-$server" 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/lib.sh"

# A typo in the path: one line naming it, exit non-zero, nothing created.
missing="$work/no/such/dir/tp.db"
out=$("$bin" serve --database "sqlite:$missing" --listen "127.0.0.1:$(free_port)" 2>&1); rc=$?
check "serve refuses a path whose folder is missing" test "$rc" -ne 0
# (JSON lines are the log; the refusal is the one line that is not.)
check "the refusal is one line naming the path" \
  bash -c "[ \$(grep -vc '^{' <<<\"\$0\") -eq 1 ] && grep -v '^{' <<<\"\$0\" | grep -qF '$work/no/such/dir'" "$out"
check "no folder was created" test ! -e "$work/no"
out=$("$bin" serve --database "sqlite:$work/typo.db" --listen "127.0.0.1:$(free_port)" 2>&1); rc=$?
check "serve refuses a database file that does not exist" \
  bash -c "[ $rc -ne 0 ] && grep -qF '$work/typo.db does not exist' <<<\"\$0\"" "$out"
check "no file was created" test ! -e "$work/typo.db"
out=$("$bin" migrate --database "sqlite:$missing" 2>&1); rc=$?
check "migrate does not create missing folders" bash -c "[ $rc -ne 0 ] && [ ! -e '$work/no' ]"
check "migrate creates the file in an existing folder" \
  bash -c "'$bin' migrate --database 'sqlite:$work/new.db' >/dev/null && [ -s '$work/new.db' ]"

# The README's run line (make run's last step), in an empty directory as on a fresh clone.
mkdir "$work/clone"
port=$(free_port)
(cd "$work/clone" && TP_LISTEN="127.0.0.1:$port" exec setsid make --no-print-directory -f "$makefile" serve BINARY="$bin" > "$work/serve.log" 2>&1) &
server=$!
ready=no
for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then ready=yes; break; fi
  sleep 0.1
done
check "make serve answers /readyz in an empty directory" test "$ready" = yes
check "it made data/ and the database in it" test -s "$work/clone/data/traineeportal.db"
check "the demo login page answers" bash -c "curl -fsS 'http://127.0.0.1:$port/login' | grep -q demo-passord-2026"
kill -TERM -- "-$server" 2>/dev/null
wait "$server" 2>/dev/null
server=""
[ "$failed" -eq 0 ] || cat "$work/serve.log"
echo "fresh_clone: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
