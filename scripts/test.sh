#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with warnings as errors, and runs
# the unit tests (doctest) and the end-to-end tests (bats) through CTest.
#   bash scripts/test.sh            warnings-as-errors build (preset "ci")
#   bash scripts/test.sh asan       AddressSanitizer + UndefinedBehaviorSanitizer (preset "asan")
#   bash scripts/test.sh asan -E X  the same, leaving out the CTest tests matching X (ctest -E)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-ci}"
shift || true

bash scripts/install-deps.sh --test
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
ctest --preset "$preset" "$@"
