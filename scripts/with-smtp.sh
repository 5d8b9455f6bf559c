#!/usr/bin/env bash
# Runs a command with a local SMTP server that keeps every message it receives.
#
#   scripts/with-smtp.sh CMD [ARGS...]
#
# Starts scripts/smtp-test-server.py (Debian's python3-aiosmtpd) on a free port of 127.0.0.1
# writing messages into a new temporary directory, exports
#   TP_TEST_SMTP_PORT=PORT  TP_TEST_SMTP_DIR=DIR
# runs CMD, then stops the server and deletes the directory whatever happens. The exit code is
# CMD's. Environment: PYTHON overrides the interpreter (default /usr/bin/python3). Tests that deliver e-mail read the arrived messages (DIR/<n>.eml, DIR/<n>.json).
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

# Debian's interpreter, where python3-aiosmtpd is installed (a python3 earlier on PATH, such as
# pyenv's, would not find it). PYTHON overrides.
PYTHON=${PYTHON:-/usr/bin/python3}
[[ -x "$PYTHON" ]] || PYTHON=python3

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
workdir=$(mktemp -d "${TMPDIR:-/tmp}/tp-smtp.XXXXXX")
server_pid=""

cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir "$workdir/mail"
"$PYTHON" "$here/smtp-test-server.py" --dir "$workdir/mail" --port-file "$workdir/port" \
  2>"$workdir/server.log" &
server_pid=$!

for _ in $(seq 1 100); do
  [[ -s "$workdir/port" ]] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "with-smtp: the SMTP test server did not start:" >&2
    cat "$workdir/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
if [[ ! -s "$workdir/port" ]]; then
  echo "with-smtp: the SMTP test server did not start within 10 s" >&2
  cat "$workdir/server.log" >&2
  exit 1
fi

export TP_TEST_SMTP_PORT=$(cat "$workdir/port")
export TP_TEST_SMTP_DIR="$workdir/mail"
echo "with-smtp: SMTP test server on 127.0.0.1:$TP_TEST_SMTP_PORT" >&2

set +e
"$@"
status=$?
set -e
exit $status
