#!/usr/bin/env bash
# Browser journeys: starts the release server in demo mode on a fresh SQLite database and a free
# port, runs the node:test suites in e2e/ against it in Debian's Chromium, then stops the server.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary=${TP_BINARY:-$root/build/release/traineeportal}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$binary" serve --demo --migrate --database "sqlite:$work/e2e.db" --listen "127.0.0.1:$port" \
  > "$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
if ! curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null; then
  echo "server did not become ready:"; cat "$work/server.log"; exit 1
fi
cd "$root/e2e"
[ -d node_modules ] || npm ci --no-audit --no-fund
if ! BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1; then
  echo "--- server log (last 50 lines) ---"; tail -50 "$work/server.log"; exit 1
fi
