#!/usr/bin/env bash
# Every test of a suite binary belongs to exactly one of the CTest entries' filters, so none is
# skipped and none runs twice. Usage: check-test-areas.sh BINARY FILTER...
set -euo pipefail
binary=$1; shift
count() { "$binary" --gtest_list_tests ${1:+--gtest_filter="$1"} | grep -c '^  ' || true; }
total=$(count "")
sum=0
for filter in "$@"; do sum=$((sum + $(count "$filter"))); done
echo "test areas: $total tests, $sum in the areas' filters"
[ "$total" -eq "$sum" ]
