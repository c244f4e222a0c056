#!/usr/bin/env bash
# Builds the five histories of the advice v2 closing note in journals under a temporary
# directory and prints `niggle advise` on each, today pinned to Tuesday 2026-11-24:
#   1. a red flag three evenings ago, followed by a good day;
#   2. the same after a doctor's visit;
#   3. a new journal of a runner of 35 km a week;
#   4. the day after a marathon;
#   5. a runner who logs by time only.
# Usage: tests/e2e/advice_histories.sh [path/to/niggle]; advice_histories.bats runs it.
set -euo pipefail
NIGGLE_BIN=${1:-${NIGGLE_BIN:-build-ci/niggle}}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" NIGGLE_TODAY=2026-11-24
mkdir -p "$HOME"
unset NIGGLE_CONFIG NIGGLE_UNITS

n() { "$NIGGLE_BIN" --db "$dir/$journal.db" "$@"; }
advise() {
  echo "== $journal: niggle advise"
  local status=0
  n advise || status=$?
  echo "(exit $status)"
  echo
}

# A steady month of 30 km a week before the red flag: 9, 9 and 12 km.
steady_month() {
  local monday
  for monday in 2026-10-26 2026-11-02 2026-11-09 2026-11-16; do
    n log 9k --date "$(date -d "$monday +1 day" +%F)"
    n log 9k --date "$(date -d "$monday +3 days" +%F)"
    n log 12k --kind long --date "$(date -d "$monday +5 days" +%F)"
  done >/dev/null
}

journal=red-flag
steady_month
n pain 5 --where lower-back --symptom bladder --when evening --date -3d >/dev/null 2>&1
n pain 1 --where lower-back --walking better --date -1d >/dev/null
n pain 1 --where lower-back --walking better >/dev/null
advise

journal=red-flag-seen
steady_month
n pain 5 --where lower-back --symptom bladder --when evening --date -3d >/dev/null 2>&1
n visit urgent-care --date -2d --note "seen the next morning; cauda equina ruled out" >/dev/null
n pain 1 --where lower-back --walking better --date -1d >/dev/null
n pain 1 --where lower-back --walking better >/dev/null
advise

journal=new-journal
# The journal starts on Saturday with that week's long run; the 35 km weeks before it are
# not in it.
n log 14k --kind long --date 2026-11-21 >/dev/null
n log 8k --date 2026-11-23 >/dev/null
n pain 1 --walking better >/dev/null
advise

journal=after-marathon
steady_month
n log 42.2k 3:45:00 --kind race --date -1d >/dev/null
n pain 2 --where lower-back --walking better >/dev/null
advise

journal=time-only
local_day=6
for local_day in 6 5 4 3 2 1; do n log 45min --date "-${local_day}d" >/dev/null; done
n pain 1 --walking better >/dev/null
advise
