#!/usr/bin/env bash
# scripts/check-layers.sh must fail on a violation: this copies the sources, plants one
# upward include and one clock call in the core, and expects both to be reported.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
copy="$(mktemp -d)"
trap 'rm -rf "$copy"' EXIT
cp -r "$root/src" "$root/include" "$copy/"

bash "$root/scripts/check-layers.sh" >/dev/null || { echo "the real tree fails the check" >&2; exit 1; }
NIGGLE_SOURCE_DIR="$copy" bash "$root/scripts/check-layers.sh" >/dev/null || { echo "the copy fails before planting" >&2; exit 1; }

sed -i '0,/^#include "niggle\/core\/units.hpp"/s//#include "niggle\/core\/units.hpp"\n#include "niggle\/store\/journal.hpp"/' "$copy/src/core/units.cpp"
echo 'long niggle_planted_clock() { return static_cast<long>(std::time(nullptr)); }' >> "$copy/src/core/date.cpp"
if output="$(NIGGLE_SOURCE_DIR="$copy" bash "$root/scripts/check-layers.sh" 2>&1)"; then
  echo "check-layers passed a tree with planted violations" >&2
  exit 1
fi
grep -q 'src/core/units.cpp:.*the core layer includes a header of the store layer above it' <<<"$output" ||
  { echo "the upward include was not reported: $output" >&2; exit 1; }
grep -q 'src/core/date.cpp:.*reads no clock' <<<"$output" || { echo "the clock call was not reported: $output" >&2; exit 1; }
echo "check-layers reports both planted violations"
