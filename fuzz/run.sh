#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each for a while.
#   fuzz/run.sh [seconds per target, default 60] [runs per target, default unlimited]
# Not part of the test command: fuzzing finds new inputs, it does not check known ones. Crashing
# inputs are written to build/fuzz/crash-*; add each as a unit test after fixing it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-60}
runs=${2:--1}
out=$root/build/fuzz
mkdir -p "$out/corpus-multipart" "$out/corpus-header" "$out/corpus-utf8"
printf 'multipart/form-data; boundary=b\n--b\r\nContent-Disposition: form-data; name="a"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n%%PDF-1.4\r\n--b--\r\n' \
  > "$out/corpus-multipart/seed1"
printf 'Location\001/lang/nb?next=/a\002Set-Cookie\001tp_lang=nb; Path=/' > "$out/corpus-header/seed1"
printf '/%%0d%%0aSet-Cookie:\r\n x' > "$out/corpus-header/seed2"
printf 'Bærum – Øst\r\n\x0b\xff\xc3\x28\xed\xa0\x80\xf4\x90\x80\x80' > "$out/corpus-utf8/seed1"

flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I"$root/src")
clang++ "${flags[@]}" "$root/fuzz/multipart_fuzz.cpp" "$root/src/http/message.cpp" -lboost_url \
  -o "$out/multipart_fuzz"
clang++ "${flags[@]}" "$root/fuzz/header_fuzz.cpp" "$root/src/http/message.cpp" -lboost_url \
  -o "$out/header_fuzz"
clang++ "${flags[@]}" "$root/fuzz/utf8_fuzz.cpp" "$root/src/http/text.cpp" -o "$out/utf8_fuzz"
cd "$out"
for target in multipart header utf8; do
  echo "== ${target}_fuzz"
  "./${target}_fuzz" -max_total_time="$seconds" -runs="$runs" -max_len=65536 "corpus-$target"
done
