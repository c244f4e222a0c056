#!/usr/bin/env bats
# niggle log: record sessions, on a real journal file.
load helpers

setup() { setup_niggle; }

@test "log creates the journal privately and prints what it stored" {
  run --separate-stderr niggle log 5k 27:30 --kind easy
  [ "$status" -eq 0 ]
  [ "$output" = "Logged #1 Tue 2026-11-24 run (easy): 5.00 km in 27:30, 5:30 /km" ]
  [ "$stderr" = "niggle: created a new journal at '$JOURNAL'" ]   # said once, by the write that creates it
  [ "$(file_mode "$JOURNAL")" = 600 ]
  [ "$(file_mode "$(dirname "$JOURNAL")")" = 700 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT e.day, s.type, s.intensity, s.metres, s.seconds FROM entry e JOIN session s ON s.entry_id = e.id")" = "2026-11-24|run|easy|5000.0|1650" ]
}

@test "every documented distance and duration form is accepted" {
  for args in "5k" "5km" "5.2km" "3.1mi" "800m" "10" "45:30" "1:05:00" "1h5m" "45min" "2700s" "5 km 30 min" "27:30 5k"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle log $args
    [ "$status" -eq 0 ] || { echo "failed on: $args: $output"; return 1; }
  done
  [ "$(entry_count)" -eq 13 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT metres FROM session WHERE entry_id = 4")" = "4988.966" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT metres FROM session WHERE entry_id = 6")" = "10000.0" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT seconds FROM session WHERE entry_id = 9")" = "3900" ]
}

@test "log --json prints the stored record, distances in km whatever the unit" {
  run --separate-stderr niggle log 3.1mi 27:30 --units mi --kind long --rpe 6 --tag hot --tag trail --note "hot" --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.id == 1 and .kind == "session" and .type == "run" and .intensity == "long"'
  echo "$output" | jq -e '.distance_km == 4.988966 and .duration_s == 1650 and .rpe == 6'
  echo "$output" | jq -e '.tags == ["hot", "trail"] and .note == "hot" and .date == "2026-11-24"'
  echo "$output" | jq -e '(.uuid | test("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))'
  [ "$(echo "$output" | jq -r .created_at)" = "$(sqlite3 "$JOURNAL" "SELECT created_at FROM entry WHERE id = 1")" ]
}

@test "the runner's blog's planned-vs-actual run: 2.6 mi of 10 planned" {
  run --separate-stderr niggle log 2.6mi --planned 10mi --date wednesday --units mi --note "physio"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Logged #1 Wed 2026-11-18 run: 2.60 mi, of 10.00 mi planned" ]
  [ "${lines[1]}" = "  note: physio" ]
}

@test "other session types: strength takes a duration and no distance" {
  run --separate-stderr niggle log 40min --type strength --note "core and stretching"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Logged #1 Tue 2026-11-24 strength: 40:00" ]
  run --separate-stderr niggle log --type strength
  [ "$status" -eq 0 ]
  run --separate-stderr niggle log 5k --type strength
  [ "$status" -eq 3 ]
  assert_one_error_line
  run --separate-stderr niggle log 30k 1:05:00 --type bike
  [ "$output" = "Logged #3 Tue 2026-11-24 bike: 30.00 km in 1:05:00, 27.7 km/h" ]
}

@test "dates: ISO, words, weekdays and offsets" {
  niggle log 5k --date 2026-11-01
  niggle log 5k --date yesterday
  niggle log 5k --date mon
  niggle log 5k --date -3d
  niggle log 5k -d tue
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(day, ' ') FROM (SELECT day FROM entry ORDER BY id)")" = "2026-11-01 2026-11-23 2026-11-23 2026-11-21 2026-11-24" ]
}

@test "the configured unit applies to bare numbers and to output" {
  mkdir -p "$(dirname "$CONFIG")"
  echo 'units = "mi"' >"$CONFIG"
  run --separate-stderr niggle log 4
  [ "$output" = "Logged #1 Tue 2026-11-24 run: 4.00 mi" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT metres FROM session")" = "6437.376" ]
  NIGGLE_UNITS=km run --separate-stderr niggle log 4
  [ "$output" = "Logged #2 Tue 2026-11-24 run: 4.00 km" ]
}

@test "the journal location: --db beats NIGGLE_DB beats XDG_DATA_HOME beats HOME" {
  niggle log 1k
  [ -f "$JOURNAL" ]
  NIGGLE_DB="$BATS_TEST_TMPDIR/env.db" niggle log 2k
  NIGGLE_DB="$BATS_TEST_TMPDIR/env.db" niggle --db "$BATS_TEST_TMPDIR/flag.db" log 3k
  niggle log 4k --db "$BATS_TEST_TMPDIR/flag.db"
  unset XDG_DATA_HOME
  niggle log 5k
  [ "$(entry_count "$BATS_TEST_TMPDIR/env.db")" -eq 1 ]
  [ "$(entry_count "$BATS_TEST_TMPDIR/flag.db")" -eq 2 ]
  [ "$(entry_count "$JOURNAL")" -eq 1 ]
  [ "$(entry_count "$HOME/.local/share/niggle/journal.db")" -eq 1 ]
}

@test "notes are stored verbatim: quotes, SQL, shell metacharacters, newlines, emoji" {
  note=$'it\'s "fine"\'); DROP TABLE entry; -- $(rm -rf ~) `id` %s \\n\nsecond line 🏃'
  run --separate-stderr niggle log 5k --note "$note" --json
  [ "$status" -eq 0 ]
  [ "$(echo "$output" | jq -r .note)" = "$note" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT note FROM entry")" = "$note" ]
  [ "$(entry_count)" -eq 1 ]
}

@test "an empty note is no note" {
  run --separate-stderr niggle log 5k --note "" --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.note == null'
}

@test "--note - reads the note from standard input" {
  printf 'first line\nsecond line\n' | niggle log 5k --note - >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT note FROM entry")" = $'first line\nsecond line' ]
}
