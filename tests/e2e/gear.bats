#!/usr/bin/env bats
# niggle gear: items, their distances, retirement, log and edit --gear, imports, undo.
load helpers

setup() { setup_niggle; }

@test "gear add and list: distance, sessions, first and last use, as text and JSON" {
  run --separate-stderr niggle gear add "Pegasus 40" --retire-at 800km --default
  [ "$status" -eq 0 ]
  [[ "$output" == "Added gear Pegasus 40"*"(run, default, 800.00 km left of 800.00 km)" ]]
  [ "$(file_mode "$JOURNAL")" = 600 ]
  niggle gear add "Canyon Endurace" --type bike >/dev/null
  niggle log 10k 55:00 --date -9d >/dev/null                   # the default shoe
  niggle log 5k 27:00 --gear "pegasus 40" >/dev/null           # without regard to case
  niggle log 30k 1:05:00 --type bike --gear canyon\ endurace >/dev/null
  niggle log 3k --gear "" >/dev/null                           # none, despite the default
  run niggle gear
  [ "$status" -eq 0 ]
  [ "${#lines[@]}" -eq 2 ]
  # By name, without regard to case.
  [[ "${lines[0]}" == "Canyon Endurace"*"30.00 km"*"1 session   2026-11-24 to 2026-11-24  (bike)" ]]
  [[ "${lines[1]}" == "Pegasus 40"*"15.00 km"*"2 sessions  2026-11-15 to 2026-11-24  (run, default, 785.00 km left of 800.00 km)" ]]
  run --separate-stderr niggle gear --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e 'length == 2 and .[1].name == "Pegasus 40" and .[1].distance_km == 15 and .[1].sessions == 2
    and .[1].first_use == "2026-11-15" and .[1].last_use == "2026-11-24" and .[1].retire_at_km == 800
    and .[1].km_to_retirement == 785 and .[1].retired == false and .[1]["default"] == true and .[0].type == "bike"'
  run niggle gear --names
  [ "$output" = "Canyon Endurace
Pegasus 40" ]
  run niggle list --json
  echo "$output" | jq -e '[.[] | .gear] == [null, "Canyon Endurace", "Pegasus 40", "Pegasus 40"]'
}

@test "gear: the retirement warning when a session takes a shoe past it, and advise within 50 km" {
  niggle gear add Pegasus --retire-at 20km --default >/dev/null
  run --separate-stderr niggle log 10k
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  run --separate-stderr niggle advise
  [[ "$output" == *"Gear: 'Pegasus' has 10.00 km left before its retirement at 20.00 km."* ]]
  run --separate-stderr niggle advise --json
  echo "$output" | jq -e '.gear_near_retirement == [{"name": "Pegasus", "distance_km": 10, "retire_at_km": 20, "km_to_retirement": 10}]'
  run --separate-stderr niggle log 9.999k --date yesterday  # another day: not a duplicate of the 10k
  [ -z "$stderr" ]
  run --separate-stderr niggle log 1m     # exactly at the distance
  [ "$status" -eq 0 ]
  [ "$stderr" = "niggle: warning: 'Pegasus' reaches its retirement distance with this session: 20.00 km of 20.00 km; \`niggle gear retire \"Pegasus\"\` when it is replaced" ]
  run --separate-stderr niggle log 2k
  [ "$stderr" = "niggle: warning: 'Pegasus' is past its retirement distance: 22.00 km of 20.00 km" ]
  run --separate-stderr niggle advise
  [[ "$output" == *"Gear: 'Pegasus' has gone 22.00 km, past its retirement at 20.00 km"* ]]
  niggle gear retire pegasus >/dev/null
  run --separate-stderr niggle advise
  [[ "$output" != *"Gear:"* ]]
  # A retired item is no default: the next run names no gear.
  run niggle log 5k --json
  echo "$output" | jq -e '.gear == null'
}

@test "gear: more than 50 km left is not mentioned by advise" {
  niggle gear add Far --retire-at 100km --default >/dev/null
  niggle log 49.999k >/dev/null
  run niggle advise
  [[ "$output" != *"Gear:"* ]]
  niggle log 1m >/dev/null
  run niggle advise
  [[ "$output" == *"Gear: 'Far' has 50.00 km left"* ]]
}

@test "gear retire, rename, default and rm, each undone" {
  niggle gear add "Pegasus 40" --default >/dev/null
  niggle gear add "Old shoes" >/dev/null
  niggle log 10k >/dev/null
  run niggle gear retire "PEGASUS 40" --date yesterday
  [ "$status" -eq 0 ]
  [ "$output" = "Retired gear 'Pegasus 40' on 2026-11-23" ]
  run niggle gear --json
  echo "$output" | jq -e '.[1].retired == true and .[1].retired_on == "2026-11-23" and .[1]["default"] == false'
  run niggle gear
  [[ "${lines[1]}" == *"(run, retired 2026-11-23)" ]]
  run niggle undo
  [[ "${lines[0]}" == "Undid gear change of 'Pegasus 40' (made "* ]]
  [ "${lines[1]}" = "  restored gear 'Pegasus 40'" ]
  run niggle gear rename "pegasus 40" "Pegasus 40 (blue)"
  [ "$output" = "Renamed gear 'Pegasus 40' to 'Pegasus 40 (blue)'" ]
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == "Pegasus 40 (blue)"'
  run --separate-stderr niggle gear rename "Pegasus 40 (blue)" "old SHOES"
  [ "$status" -eq 3 ]
  assert_one_error_line
  niggle undo >/dev/null
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == "Pegasus 40"'
  run niggle gear default "old shoes"
  [ "$output" = "'Old shoes' is the default for run sessions" ]
  run niggle gear --json
  echo "$output" | jq -e '[.[] | .["default"]] == [true, false]'
  niggle undo >/dev/null
  run --separate-stderr niggle gear rm "Pegasus 40"
  [ "$status" -eq 3 ]
  [[ "$stderr" == "niggle: error: gear 'Pegasus 40' is named by 1 session;"*"--force"* ]]
  run niggle gear rm "old shoes"
  [ "$output" = "Removed gear 'Old shoes'" ]
  run niggle gear rm --force "pegasus 40"
  [ "$output" = "Removed gear 'Pegasus 40', taken off 1 session" ]
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == null'
  run niggle undo
  [[ "$output" == "Undid gear rm 'Pegasus 40'"* ]]
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == "Pegasus 40"'
  run niggle gear --json
  echo "$output" | jq -e 'length == 1'
  # redo takes the item off the session again, and undo brings both back once more.
  run niggle redo
  [ "$status" -eq 0 ]
  [[ "$output" == "Redid gear rm 'Pegasus 40'"* ]] || { echo "$output"; return 1; }
  [[ "$output" == *"  removed again gear 'Pegasus 40'"* ]]
  run niggle gear --json
  echo "$output" | jq -e 'length == 0'
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == null'
  niggle undo >/dev/null
  run niggle gear --names
  [ "$output" = "Pegasus 40" ]
}

@test "log and edit --gear: matched without case, a typo gets did-you-mean, nothing written" {
  niggle gear add "Pegasus 40" >/dev/null
  niggle log 5k >/dev/null
  local before; before=$(journal_digest)
  run --separate-stderr niggle log 5k --gear "pegasus 41"
  [ "$status" -eq 6 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: no gear is named 'pegasus 41' (did you mean 'Pegasus 40'?)" ]
  run --separate-stderr niggle edit 1 --gear pegasos
  [ "$status" -eq 6 ]
  assert_one_error_line
  [ "$(journal_digest)" = "$before" ]
  run niggle edit 1 --gear "PEGASUS 40"
  [ "$status" -eq 0 ]
  [[ "$output" == *"in Pegasus 40"* ]]
  run niggle edit 1 --gear ""
  [[ "$output" != *"Pegasus"* ]]
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == null'
  niggle undo >/dev/null
  run niggle list --json
  echo "$output" | jq -e '.[0].gear == "Pegasus 40"'
}

@test "gear: bad input is one error line with its exit code, and nothing is written" {
  niggle gear add Shoe >/dev/null
  local before; before=$(journal_digest)
  run --separate-stderr niggle gear add shoe
  [ "$status" -eq 3 ]
  assert_one_error_line
  run --separate-stderr niggle gear add Other --retire-at 5parsecs
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"'5parsecs'"*"800km"* ]]
  run --separate-stderr niggle gear add Other --retire-at 0
  [ "$status" -eq 3 ]
  run --separate-stderr niggle gear add Other --type boat
  [ "$status" -eq 3 ]
  assert_one_error_line
  run --separate-stderr niggle gear add "$(printf 'a%.0s' {1..61})"
  [ "$status" -eq 3 ]
  assert_one_error_line
  run --separate-stderr niggle gear retier Shoe
  [ "$status" -eq 2 ]
  assert_one_error_line
  [[ "$stderr" == *"(did you mean 'retire'?)" ]]
  run --separate-stderr niggle gear retire
  [ "$status" -eq 2 ]
  assert_one_error_line
  run --separate-stderr niggle gear retire Shoe --retire-at 5km
  [ "$status" -eq 2 ]
  run --separate-stderr niggle gear retire shoo
  [ "$status" -eq 6 ]
  [ "$stderr" = "niggle: error: no gear is named 'shoo' (did you mean 'Shoe'?)" ]
  run --separate-stderr niggle gear retire Shoe --date tomorrow
  [ "$status" -eq 3 ]
  assert_one_error_line
  [ "$(journal_digest)" = "$before" ]
  # No journal: an unknown name creates none.
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/none.db" log 5k --gear Shoe
  [ "$status" -eq 6 ]
  assert_one_error_line
  [ ! -e "$BATS_TEST_TMPDIR/none.db" ]
}

@test "gear survives export, import and merge; two journals' items of one name become one" {
  niggle gear add "Pegasus 40" --retire-at 800km --default >/dev/null
  niggle log 10k >/dev/null
  niggle export -o "$BATS_TEST_TMPDIR/e.json"
  jq -e '.gear | length == 1 and .[0].name == "Pegasus 40" and .[0].retire_at_km == 800' "$BATS_TEST_TMPDIR/e.json"
  niggle export --format csv >"$BATS_TEST_TMPDIR/e.csv"
  [ "$(head -1 "$BATS_TEST_TMPDIR/e.csv" | awk -F, '{print $NF}')" = "gear" ]
  # Another device that added the same shoe under its own case.
  other="$BATS_TEST_TMPDIR/other.db"
  niggle --db "$other" gear add "pegasus 40" >/dev/null
  niggle --db "$other" log 6k --date yesterday --gear "pegasus 40" >/dev/null
  run niggle --db "$other" import "$BATS_TEST_TMPDIR/e.json"
  [ "$status" -eq 0 ]
  run niggle --db "$other" gear --json
  echo "$output" | jq -e 'length == 1 and .[0].distance_km == 16 and .[0].sessions == 2'
  run niggle import "$other"
  [ "$status" -eq 0 ]
  run niggle gear --json
  echo "$output" | jq -e 'length == 1 and .[0].distance_km == 16'
  # CSV carries each session's gear; the item is created on import.
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" import "$BATS_TEST_TMPDIR/e.csv"
  [ "$status" -eq 0 ]
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" gear --json
  echo "$output" | jq -e 'length == 1 and .[0].name == "Pegasus 40" and .[0].distance_km == 10'
  # An import is undone with the items it created.
  niggle --db "$BATS_TEST_TMPDIR/csv.db" undo >/dev/null
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" gear --json
  [ "$output" = "[]" ]
}

@test "gear: a Strava export's Activity Gear becomes the sessions' gear, not their note" {
  run niggle import "$BATS_TEST_DIRNAME/../data/strava/activities.csv"
  [ "$status" -eq 0 ]
  run niggle gear --json
  echo "$output" | jq -e 'map(.name) | index("Saucony Endorphin Pro 3 Race shoes") != null'
  echo "$output" | jq -e 'all(.sessions > 0)'
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM entry WHERE note LIKE '%Gear: %'")" = 0 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session WHERE gear IS NOT NULL")" -gt 0 ]
}
