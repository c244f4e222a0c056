#!/usr/bin/env bats
# History and corrections: list, edit, rm (with its question), undo.
load helpers

setup() {
  setup_niggle
  niggle log 20k 50:00 --type bike --date -2d --tag commute >/dev/null       # 1
  niggle log 5k 27:30 --kind easy --date yesterday --tag commute,hot >/dev/null  # 2
  niggle pain 3 --where lower-back --walking better --date yesterday >/dev/null  # 3
  niggle log 10k 55:00 --note "felt good" >/dev/null                          # 4
}

@test "list shows entries newest first, with notes" {
  run --separate-stderr niggle list
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "#4 Tue 2026-11-24 run: 10.00 km in 55:00, 5:30 /km" ]
  [ "${lines[1]}" = "  note: felt good" ]
  [ "${lines[2]}" = "#3 Mon 2026-11-23 pain 3/10: lower-back, better walking" ]
  [ "${lines[3]}" = "#2 Mon 2026-11-23 run (easy): 5.00 km in 27:30, 5:30 /km +commute +hot" ]
  [ "${lines[4]}" = "#1 Sun 2026-11-22 bike: 20.00 km in 50:00, 24.0 km/h +commute" ]
  [ "${#lines[@]}" -eq 5 ]
}

@test "list filters: dates, kinds, type, tags, limit; history is the same command" {
  ids() { niggle "$@" --json | jq -r 'map(.id) | join(" ")'; }
  [ "$(ids list --since yesterday)" = "4 3 2" ]
  [ "$(ids list --until 2026-11-23 --since 2026-11-23)" = "3 2" ]
  [ "$(ids list --pain)" = "3" ]
  [ "$(ids list --runs)" = "4 2 1" ]
  [ "$(ids list --type bike)" = "1" ]
  [ "$(ids list --tag commute)" = "2 1" ]
  [ "$(ids list --tag commute --tag hot)" = "2" ]
  [ "$(ids list --limit 2)" = "4 3" ]
  [ "$(ids history --runs -n 1)" = "4" ]
  [ "$(ids list --tag nothing)" = "" ]
}

@test "list --csv and --tsv use the export columns; notes with newlines stay one record" {
  niggle edit 4 --note "$(printf 'line one\nline\ttwo')" >/dev/null
  run niggle list --csv --limit 1
  [ "${lines[0]}" = "$(niggle export --format csv | head -1)" ]
  [[ "${lines[1]}" == 4,*,session,2026-11-24,run,,10.0,3300,330.0,* ]]
  [[ "$output" == *'"line one'* ]]
  run niggle list --tsv --limit 1
  [ "${#lines[@]}" -eq 2 ]
  [[ "${lines[1]}" == *'line one\nline\ttwo'* ]]
  [ "$(echo "${lines[0]}" | tr '\t' '\n' | wc -l)" -eq 33 ]  # the export's columns: visit, five watch figures, lifts, sleep, plan_uuid, gear
}

@test "list: bad filters are refused (exit 2 or 3)" {
  run --separate-stderr niggle list --pain --runs
  [ "$status" -eq 2 ]
  run --separate-stderr niggle list --json --csv
  [ "$status" -eq 2 ]
  run --separate-stderr niggle list --type jog
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"unknown --type 'jog'"* ]]
  run --separate-stderr niggle list --since today --until yesterday
  [ "$status" -eq 3 ]
  run --separate-stderr niggle list --limit 0
  [ "$status" -eq 3 ]
}

@test "list on a journal that does not exist: exit 5 naming it (a typo must not pass for an empty journal), nothing created" {
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/none.db" list
  [ "$status" -eq 5 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: no journal at '$BATS_TEST_TMPDIR/none.db' (niggle log or niggle pain creates it)" ]
  [ ! -e "$BATS_TEST_TMPDIR/none.db" ]
}

@test "edit a session with log's options: only what is given changes, modified_at moves" {
  before=$(niggle list --json | jq -c '.[] | select(.id == 2)')
  run --separate-stderr niggle edit 2 26:00 --rpe 5 --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.id == 2 and .distance_km == 5 and .duration_s == 1560 and .rpe == 5 and .intensity == "easy"'
  echo "$output" | jq -e --argjson b "$before" '.uuid == $b.uuid and .created_at == $b.created_at and .modified_at > $b.modified_at'
  run niggle edit 2 --kind "" --tag ""
  [ "$output" = "Edited #2 Mon 2026-11-23 run: 5.00 km in 26:00, 5:12 /km, RPE 5" ]
}

@test "edit a pain entry with pain's options; the other kind's options are refused" {
  run --separate-stderr niggle edit 3 6 --walking worse --symptom tingling
  [ "$status" -eq 0 ]
  [ "$output" = "Edited #3 Mon 2026-11-23 pain 6/10: lower-back, worse walking, symptoms: tingling" ]
  [[ "$stderr" == *"tingling can mean an irritated nerve"* ]]
  BEFORE=$(sqlite3 "$JOURNAL" .dump | sha256sum)
  run --separate-stderr niggle edit 3 --kind easy
  [ "$status" -eq 2 ]
  assert_one_error_line
  [[ "$stderr" == *"#3 is a pain entry; --kind is for sessions"* ]]
  run --separate-stderr niggle edit 4 --where knee --walking same
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"#4 is a session; --where, --walking are for pain entries"* ]]
  run --separate-stderr niggle edit 3 11
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"pain score '11' is out of range"* ]]
  run --separate-stderr niggle edit 4 --date tomorrow
  [ "$status" -eq 3 ]
  run --separate-stderr niggle edit 99 --note x
  [ "$status" -eq 6 ]
  run --separate-stderr niggle edit 4
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"nothing to change"* ]]
  [ "$(sqlite3 "$JOURNAL" .dump | sha256sum)" = "$BEFORE" ]
}

@test "rm without a terminal refuses without --force (exit 8) and removes nothing" {
  run --separate-stderr niggle rm 4 </dev/null
  [ "$status" -eq 8 ]
  assert_one_error_line
  [[ "$stderr" == *"standard input is not a terminal"*"--force"* ]]
  [ "$(entry_count)" -eq 4 ]
  run --separate-stderr niggle rm 4 99 --force
  [ "$status" -eq 6 ]
  [ "$(entry_count)" -eq 4 ]
  run --separate-stderr niggle rm 4 3 --force
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Removed #4 Tue 2026-11-24 run: 10.00 km in 55:00, 5:30 /km" ]
  [ "$(entry_count)" -eq 2 ]
}

@test "rm on a terminal asks y/N" {
  require_pseudo_terminal
  command -v script >/dev/null || skip "script (util-linux) is needed for a terminal"
  run bash -c "printf 'n\n' | script -qec '$NIGGLE_BIN rm 4' /dev/null"
  [ "$status" -eq 8 ]
  [[ "$output" == *"#4 Tue 2026-11-24 run"*"Remove this entry? [y/N]"*"cancelled; nothing was removed"* ]]
  [ "$(entry_count)" -eq 4 ]
  run bash -c "printf 'y\n' | script -qec '$NIGGLE_BIN rm 4 2' /dev/null"
  [ "$status" -eq 0 ]
  [[ "$output" == *"Remove these 2 entries? [y/N]"*"Removed #4"*"Removed #2"* ]]
  [ "$(entry_count)" -eq 2 ]
}

@test "undo reverts rm, edit and add in turn, restoring ids and UUIDs, then says nothing is left (exit 6)" {
  uuid4=$(sqlite3 "$JOURNAL" "SELECT uuid FROM entry WHERE id = 4")
  niggle edit 4 11k >/dev/null
  niggle rm 4 2 --force >/dev/null
  run niggle undo --yes
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Undid the removal of 2 entries (made 2026-"*" UTC)" ]]
  [ "${lines[1]}" = "  brought back #4 Tue 2026-11-24 run: 11.00 km in 55:00, 5:00 /km" ]
  [ "${lines[2]}" = "  brought back #2 Mon 2026-11-23 run (easy): 5.00 km in 27:30, 5:30 /km +commute +hot" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT uuid FROM entry WHERE id = 4")" = "$uuid4" ]
  run niggle undo
  [[ "${lines[0]}" == "Undid an edit"* ]]
  [ "${lines[1]}" = "  restored #4 Tue 2026-11-24 run: 10.00 km in 55:00, 5:30 /km" ]
  for i in 4 3 2 1; do
    run niggle undo
    [ "$status" -eq 0 ]
    [[ "${lines[0]}" == "Undid the addition of an entry"* ]]
    [[ "${lines[1]}" == "  removed #$i "* ]]
  done
  [ "$(entry_count)" -eq 0 ]
  run --separate-stderr niggle undo
  [ "$status" -eq 6 ]
  assert_one_error_line
  [[ "$stderr" == *"nothing to undo"* ]]
}

@test "undo with no journal says so and creates none" {
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/none.db" undo
  [ "$status" -eq 6 ]
  [ ! -e "$BATS_TEST_TMPDIR/none.db" ]
}
