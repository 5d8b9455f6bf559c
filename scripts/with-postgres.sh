#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server.
#
#   scripts/with-postgres.sh CMD [ARGS...]
#
# Creates a new cluster in a temporary directory (initdb from Debian's postgresql package), starts
# it on a free port of 127.0.0.1 with trust authentication, exports
#   TP_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:PORT/postgres
# runs CMD, then stops the server and deletes the directory whatever happens. The exit code is
# CMD's. The cluster trades durability for speed (fsync off): it is for tests only.
#
# Environment: PG_BIN overrides the directory holding initdb/pg_ctl.
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN"
    return
  fi
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    echo /usr/lib/postgresql/15/bin
    return
  fi
  # Another Debian major version will do as well; take the newest.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [[ -n "$dir" && -x "$dir/initdb" ]]; then
    echo "$dir"
    return
  fi
  echo "with-postgres: initdb not found; install the postgresql package (scripts/install-deps.sh --test)" >&2
  exit 1
}
PG_BIN=$(find_pg_bin)

# PostgreSQL refuses to run as root, so as root the server runs as the postgres user.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
  echo "with-postgres: running as root but there is no postgres user to run the server" >&2
  exit 1
fi

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PY
}

workdir=$(mktemp -d "${TMPDIR:-/tmp}/tp-postgres.XXXXXX")
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$workdir"
fi
chmod 700 "$workdir"
datadir="$workdir/data"
started=0

cleanup() {
  if [[ $started -eq 1 ]]; then
    as_server_user "$PG_BIN/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! as_server_user "$PG_BIN/initdb" -D "$datadir" -U postgres --auth=trust --encoding=UTF8 \
  --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1; then
  echo "with-postgres: initdb failed:" >&2
  cat "$workdir/initdb.log" >&2
  exit 1
fi

# A port can be taken between choosing and binding it; try a few.
port=""
for attempt in 1 2 3 4 5; do
  candidate=$(free_port)
  if as_server_user "$PG_BIN/pg_ctl" -D "$datadir" -l "$workdir/server.log" -w -t 60 \
    -o "-p $candidate -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null; then
    port=$candidate
    started=1
    break
  fi
  echo "with-postgres: start on port $candidate failed (attempt $attempt)" >&2
done
if [[ -z "$port" ]]; then
  echo "with-postgres: could not start PostgreSQL; server log:" >&2
  cat "$workdir/server.log" >&2 || true
  exit 1
fi

export TP_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2

set +e
"$@"
status=$?
set -e
exit $status
