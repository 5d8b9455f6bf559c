#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a while.
#   fuzz/run.sh [seconds per target, default 60]
# Not part of the test command: fuzzing finds new inputs, it does not check known ones. Crashing
# inputs are written to build/fuzz/crash-*; add each as a unit test after fixing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
out=$root/build/fuzz
mkdir -p "$out/corpus-multipart"
printf 'multipart/form-data; boundary=b\n--b\r\nContent-Disposition: form-data; name="a"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%%PDF-1.4\r\n--b--\r\n' \
  > "$out/corpus-multipart/seed1"
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I"$root/src" \
  "$root/fuzz/multipart_fuzz.cpp" "$root/src/http/message.cpp" -lboost_url \
  -o "$out/multipart_fuzz"
cd "$out"
./multipart_fuzz -max_total_time="$seconds" -max_len=65536 corpus-multipart
