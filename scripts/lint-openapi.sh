#!/usr/bin/env bash
# The OpenAPI document the server serves passes Redocly's recommended rules with no error and no
# warning. Usage: lint-openapi.sh TRAINEEPORTAL_BINARY
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
redocly=$root/e2e/node_modules/.bin/redocly
if [[ ! -x $redocly ]]; then
  echo "lint-openapi: $redocly is missing; run scripts/install-deps.sh --test" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$1" openapi > "$work/openapi.json"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
status=0
(cd "$work" && "$redocly" lint --config "$root/api/redocly.yaml" --format=stylish openapi.json) \
  > "$work/report.txt" 2>&1 || status=$?
cat "$work/report.txt"
if [[ $status -ne 0 ]] || grep -qiE '[0-9]+ warnings?\b' "$work/report.txt"; then
  echo "lint-openapi: the API description has problems (see above)" >&2
  exit 1
fi
