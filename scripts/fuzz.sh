#!/usr/bin/env bash
# Builds the libFuzzer targets (preset "fuzz": clang, ASan + UBSan) and runs each for a
# bounded time.
#   bash scripts/fuzz.sh                 every target for NIGGLE_FUZZ_SECONDS (default 25) s
#   bash scripts/fuzz.sh 600 csv config  the named targets for 10 minutes each
# Each run starts from the seed corpus (fuzz/corpus/<target>) and the past findings
# (fuzz/regressions/<target>); what it discovers goes to build-fuzz/corpus/<target>, not into
# the repository. A crash, failed check, sanitizer report, leak or timeout leaves its input in
# build-fuzz/findings/<target>/ and makes the script exit 1: fix it, and add the input to
# fuzz/regressions/<target>/ (CTest replays those in every test build).
# One line per target goes to stdout and to build-fuzz/fuzz-summary.txt: executions,
# seconds, corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-${NIGGLE_FUZZ_SECONDS:-25}}
if (($# > 0)); then shift; fi

bash scripts/install-deps.sh --fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

targets=("$@")
if ((${#targets[@]} == 0)); then
  for source in fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    targets+=("${name#fuzz_}")
  done
fi

summary=build-fuzz/fuzz-summary.txt
: >"$summary"
failed=0
for target in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$target findings=build-fuzz/findings/$target log=build-fuzz/fuzz-$target.log
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings"
  inputs=("$corpus" "fuzz/corpus/$target")
  if [[ -d fuzz/regressions/$target ]]; then inputs+=("fuzz/regressions/$target"); fi
  status=0
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$findings/" "${inputs[@]}" >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  elapsed=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
  found=$(find "$findings" -type f | wc -l)
  line=$(printf '%-9s %10s executions in %4s s, corpus %5s inputs, %s findings' "$target" "${runs:-?}" \
    "${elapsed:-?}" "$(find "$corpus" -type f | wc -l)" "$found")
  echo "fuzz: $line" | tee -a "$summary"
  if ((status != 0 || found > 0)); then
    failed=1
    echo "fuzz: $target found something (exit $status); the input is in $findings/, the report in $log:" >&2
    grep -m 20 -E 'ERROR|SUMMARY|fuzz check failed|==[0-9]+==' "$log" >&2 || tail -20 "$log" >&2
  fi
done
exit "$failed"
