#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and run traineeportal; with --test also those
# needed to run every test suite (PostgreSQL, Chromium, Node.js for the browser tests, wrk).
# Idempotent: apt-get runs only when a package is missing.
#
#   scripts/install-deps.sh [--test]
set -euo pipefail

cd "$(dirname "$0")/.."

with_test=0
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    -h | --help)
      sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "install-deps: unknown argument $arg (expected --test)" >&2
      exit 2
      ;;
  esac
done

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-locale1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev
  libkainjow-mustache-dev libsodium-dev libspdlog-dev libhowardhinnant-date-dev libjemalloc-dev
  libcurl4-openssl-dev libxlsxwriter-dev libcairo2-dev libpango1.0-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev
  libgtest-dev libgmock-dev
  gettext sqlite3 tzdata clang-format curl ca-certificates
)
if [[ $with_test -eq 1 ]]; then
  packages+=(postgresql chromium nodejs npm wrk python3 python3-aiosmtpd)
fi

missing=()
for package in "${packages[@]}"; do
  # A nodejs from another source (e.g. NodeSource) bundles npm and conflicts with Debian's npm
  # package; a working npm command is all the tests need.
  if [[ $package == npm ]] && command -v npm >/dev/null 2>&1; then
    continue
  fi
  # "install ok installed" is the only state in which the package is really there.
  if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)" != "install ok installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "install-deps: installing ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: missing packages ${missing[*]}; run as root or install sudo" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all ${#packages[@]} packages present"
fi

if [[ $with_test -eq 1 && -f e2e/package-lock.json ]]; then
  # npm ci wipes and refills node_modules; skip it when the installed tree (recorded by npm in
  # node_modules/.package-lock.json) already matches the lock file.
  if node -e '
    const fs = require("fs");
    const want = JSON.parse(fs.readFileSync("e2e/package-lock.json")).packages;
    const have = JSON.parse(fs.readFileSync("e2e/node_modules/.package-lock.json")).packages;
    delete want[""];
    const key = (o) => JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k].version, o[k].integrity]));
    process.exit(key(want) === key(have) ? 0 : 1);
  ' 2>/dev/null; then
    echo "install-deps: e2e/node_modules is up to date"
  else
    echo "install-deps: npm ci in e2e/"
    (cd e2e && npm ci --no-audit --no-fund)
  fi
fi
