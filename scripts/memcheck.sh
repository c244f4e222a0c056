#!/usr/bin/env bash
# The end-to-end tests with every niggle process under valgrind's memcheck: any invalid
# read or write, use of uninitialised memory, bad free, or leak (definite or indirect) fails.
#   bash scripts/memcheck.sh              the end-to-end files below
#   bash scripts/memcheck.sh log.bats     chosen files from tests/e2e/
# Uses the warnings-as-errors build (preset "ci", -O2 -g). Two files are left out by
# default: concurrency.bats (5,000 processes: over an hour under valgrind, and no code path
# the others miss) and crash.bats (its random SIGKILLs would land in valgrind's own start-up,
# not in niggle). Each process writes its report to build-ci/memcheck/; the script fails
# if any report shows an error, and says how many processes were checked.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test --memcheck
cmake --preset ci >/dev/null
cmake --build --preset ci

files=("$@")
if ((${#files[@]} == 0)); then
  for file in tests/e2e/*.bats; do
    case "$(basename "$file")" in concurrency.bats | crash.bats) continue ;; esac
    files+=("$(basename "$file")")
  done
fi

dir=$PWD/build-ci/memcheck
rm -rf "$dir"
mkdir -p "$dir/logs"
cat >"$dir/niggle" <<WRAPPER
#!/bin/sh
exec valgrind --tool=memcheck --quiet --error-exitcode=99 --leak-check=full \\
  --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \\
  --vgdb=no --log-file="$dir/logs/%p.log" "$PWD/build-ci/niggle" "\$@"
WRAPPER
chmod +x "$dir/niggle"

start=$(date +%s)
paths=()
for file in "${files[@]}"; do paths+=("tests/e2e/$file"); done
status=0
NIGGLE_BIN="$dir/niggle" NIGGLE_REAL_BIN="$PWD/build-ci/niggle" bats "${paths[@]}" || status=$?

processes=$(find "$dir/logs" -name '*.log' | wc -l)
reports=$(find "$dir/logs" -name '*.log' -size +0 | wc -l)
echo "memcheck: ${#files[@]} files, $processes niggle processes under valgrind, $reports with a report," \
  "$(($(date +%s) - start)) s"
if ((reports > 0)); then
  status=1
  find "$dir/logs" -name '*.log' -size +0 | head -3 | xargs cat >&2
fi
exit "$status"
