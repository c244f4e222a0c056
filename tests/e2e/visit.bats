#!/usr/bin/env bats
# niggle visit, and advise's exit codes over the histories of the advice v2 note.
load helpers

setup() { setup_niggle; }

@test "visit: recorded, listed, edited, removed, undone, exported and imported like any entry" {
  run --separate-stderr niggle visit doctor --date yesterday --note "MRI booked" --tag back
  [ "$status" -eq 0 ]
  [[ "$output" == "Recorded #1 Mon 2026-11-23 visit: doctor"*"MRI booked"* ]]
  [ "$(file_mode "$JOURNAL")" = 600 ]
  run niggle list --visits
  [[ "$output" == "#1 Mon 2026-11-23 visit: doctor"* ]]
  run niggle list --json
  echo "$output" | jq -e '.[0].kind == "visit" and .[0].visit == "doctor" and .[0].note == "MRI booked"'
  run niggle edit 1 urgent-care
  [ "$status" -eq 0 ]
  [[ "$output" == "Edited #1 Mon 2026-11-23 visit: urgent-care"* ]]
  run niggle edit 1 --walking worse
  [ "$status" -eq 2 ]
  niggle undo >/dev/null
  run niggle list --visits --json
  echo "$output" | jq -e '.[0].visit == "doctor"'
  niggle export -o "$BATS_TEST_TMPDIR/e.json"
  niggle export --format csv >"$BATS_TEST_TMPDIR/e.csv"
  run niggle --db "$BATS_TEST_TMPDIR/other.db" import "$BATS_TEST_TMPDIR/e.json"
  [ "$status" -eq 0 ]
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" import "$BATS_TEST_TMPDIR/e.csv"
  [ "$status" -eq 0 ]
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" list --json
  echo "$output" | jq -e '.[0].kind == "visit" and .[0].visit == "doctor"'
  run niggle rm --force 1
  [ "$status" -eq 0 ]
  [ "$(entry_count)" = 0 ]
  niggle undo >/dev/null
  [ "$(entry_count)" = 1 ]
}

@test "visit: a bad kind or a future date is one error line, and nothing is written" {
  run --separate-stderr niggle visit dentist
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"'dentist'; accepted: physio, doctor, urgent-care, other"* ]]
  run --separate-stderr niggle visit
  [ "$status" -eq 2 ]
  assert_one_error_line
  run --separate-stderr niggle visit doctor --date tomorrow
  [ "$status" -eq 3 ]
  assert_one_error_line
  [ ! -e "$JOURNAL" ]
}

@test "visit: shown in week, never counted as training" {
  niggle log 5k --date 2026-11-23 >/dev/null
  niggle visit physio >/dev/null
  run niggle week --json
  echo "$output" | jq -e '.runs == 1 and .run_km == 5 and .session_count == 1'
  run niggle advise --json
  [ "$(jq -r .ran_today_km <<<"$output")" = 0 ]
}

@test "advise exit codes over the five histories: 11 until a doctor, then 0; 0; 10 after a marathon; 10 after six timed runs" {
  run "$BATS_TEST_DIRNAME/advice_histories.sh" "$NIGGLE_BIN"
  [ "$status" -eq 0 ]
  [[ "$output" == *"== red-flag: niggle advise"$'\n'"Seek emergency care now: bladder trouble"*"(exit 11)"* ]]
  [[ "$output" == *"== red-flag-seen: niggle advise"$'\n'"Good to run today: at most 13.2 km."*"(exit 0)"* ]]
  [[ "$output" == *"== new-journal: niggle advise"$'\n'"Good to run today: at most 15.4 km."*"(exit 0)"* ]]
  [[ "$output" == *"== after-marathon: niggle advise"$'\n'"Cross-train today, no running"*"L2b  A 42.2 km race"*"(exit 10)"* ]]
  [[ "$output" == *"== time-only: niggle advise"$'\n'"Rest today, no running: you ran on each of the last 6 days."*"6 runs logged by time only"*"(exit 10)"* ]]
}

@test "advise: a cap below 1 km is cross-train, exit 10, not go with 0.0 km" {
  niggle log 10k --date -3d >/dev/null
  niggle log 10.2k >/dev/null
  niggle pain 0 --walking better >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 10 ]
  [ "$(jq -r .verdict <<<"$output")" = cross-train ]
  [ "$(jq -r .cap_rule <<<"$output")" = null ]
  niggle rm --force 2 >/dev/null
  niggle log 10k >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 0 ]
  [ "$(jq -r .max_km_today <<<"$output")" = 1 ]
}
