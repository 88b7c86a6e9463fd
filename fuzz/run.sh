#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs one fuzz target for a while: fuzz/run.sh BUILD_DIR NAME [SECONDS]
# (BUILD_DIR configured with -Dfuzz=true by clang; see fuzz/meson.build). The seed corpus
# fuzz/corpus/NAME/ is copied to a scratch folder first, so the repository's stays as it is;
# the dictionary fuzz/NAME.dict is used when there is one. Prints one line,
#   fuzz NAME: passed, N execs, cov C, ft F, corpus K
# or "fuzz NAME: FAILED (...)" followed by libFuzzer's report and the input that broke it (also
# kept in BUILD_DIR/fuzz-artifacts/), and exits non-zero on a crash, a leak, a timeout (5 s per input),
# memory above 512 MB or any sanitizer report.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: fuzz/run.sh BUILD_DIR NAME [SECONDS]}"
name="${2:?usage: fuzz/run.sh BUILD_DIR NAME [SECONDS]}"
seconds="${3:-60}"
exe="$build/fuzz/fuzz_$name"
if [ ! -x "$exe" ]; then
  echo "fuzz $name: FAILED ($exe is not built)"
  exit 1
fi

scratch="$(mktemp -d "${TMPDIR:-/tmp}/fuzz-$name-XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/corpus" "$scratch/artifacts"
if [ -d "$here/corpus/$name" ]; then
  cp -R "$here/corpus/$name/." "$scratch/corpus/"
fi
dict=()
if [ -f "$here/$name.dict" ]; then
  dict=("-dict=$here/$name.dict")
fi

# UBSan reports are fatal (libFuzzer then keeps the input); leaks are checked after each input.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}halt_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1"
export TMPDIR="$scratch"
log="$scratch/log"
"$exe" "${dict[@]}" -max_total_time="$seconds" -rss_limit_mb=512 -timeout=5 \
  -print_final_stats=1 -artifact_prefix="$scratch/artifacts/" "$scratch/corpus" >"$log" 2>&1
status=$?

execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
units=$(sed -n 's/.* corp: \([0-9]*\)\/.*/\1/p' <<<"$last")
if [ "$status" -eq 0 ] && [ -n "$execs" ] && ! grep -qE '^(==[0-9]+==ERROR|SUMMARY: )' "$log"; then
  echo "fuzz $name: passed, ${execs} execs, cov ${cov:-?}, ft ${ft:-?}, corpus ${units:-?}"
  exit 0
fi

echo "fuzz $name: FAILED (exit $status after ${execs:-?} execs); libFuzzer's report:"
# From the first report on, without the shadow-memory legend.
awk '/^==[0-9]+==|runtime error|ERROR: libFuzzer|^ALARM|^MS: / { on = 1 }
     /^Shadow byte/ { skip = 1 } /^==[0-9]+==ABORTING/ { skip = 0 }
     on && !skip' "$log" | head -n 80
mkdir -p "$build/fuzz-artifacts"
for a in "$scratch"/artifacts/*; do
  [ -f "$a" ] || continue
  kept="$build/fuzz-artifacts/$name-$(basename "$a")"
  cp "$a" "$kept"
  echo "input kept in $kept ($(wc -c <"$a") bytes):"
  od -A d -c "$a" | head -n 20
done
exit 1
