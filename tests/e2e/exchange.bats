#!/usr/bin/env bats
# Export, import, merge and backup, on real files.
load helpers

setup() {
  setup_niggle
  niggle log 10k 55:00 --kind long --date yesterday --tag trail --note "$(printf 'hilly, "wet"\nsecond line')" >/dev/null
  niggle pain 4 --where lower-back --symptom tingling,numbness >/dev/null 2>&1
  niggle log 40min --type strength >/dev/null
  niggle rm 3 --force >/dev/null
}

@test "export is deterministic, private, and carries UUIDs, times and removals" {
  niggle export -o "$BATS_TEST_TMPDIR/a.json"
  niggle export -o "$BATS_TEST_TMPDIR/b.json"
  cmp "$BATS_TEST_TMPDIR/a.json" "$BATS_TEST_TMPDIR/b.json"
  [ "$(file_mode "$BATS_TEST_TMPDIR/a.json")" = 600 ]
  [ "$(niggle export)" = "$(cat "$BATS_TEST_TMPDIR/a.json")" ]
  jq -e '.format == "niggle-journal" and .version == 1' "$BATS_TEST_TMPDIR/a.json"
  jq -e '[.entries[].date] == ["2026-11-23", "2026-11-24"]' "$BATS_TEST_TMPDIR/a.json"
  jq -e '.entries | all(.uuid and .created_at and .modified_at)' "$BATS_TEST_TMPDIR/a.json"
  jq -e '.removed | length == 1 and (.[0].uuid | length == 36)' "$BATS_TEST_TMPDIR/a.json"
  # the records are those of --json
  [ "$(jq -c '.entries[1]' "$BATS_TEST_TMPDIR/a.json")" = "$(niggle list --pain --json | jq -c '.[0]')" ]
  # no time of export inside: the only times are the entries' and the removal's own
  jq -e 'keys_unsorted == ["format", "version", "entries", "removed", "gear"]' "$BATS_TEST_TMPDIR/a.json"
  jq -e '[.. | strings | select(test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T"))] | length == 5' "$BATS_TEST_TMPDIR/a.json"
}

@test "export, import into an empty journal, export again: the same bytes (JSON and CSV)" {
  niggle export -o "$BATS_TEST_TMPDIR/first.json"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/new.db" import "$BATS_TEST_TMPDIR/first.json"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/first.json' (niggle JSON): 2 added, 0 updated, 0 unchanged" ]
  niggle --db "$BATS_TEST_TMPDIR/new.db" export -o "$BATS_TEST_TMPDIR/second.json"
  cmp "$BATS_TEST_TMPDIR/first.json" "$BATS_TEST_TMPDIR/second.json"

  niggle export --format csv >"$BATS_TEST_TMPDIR/first.csv"
  niggle --db "$BATS_TEST_TMPDIR/csv.db" import "$BATS_TEST_TMPDIR/first.csv" >/dev/null
  niggle --db "$BATS_TEST_TMPDIR/csv.db" export -o "$BATS_TEST_TMPDIR/second.csv"   # .csv: CSV without --format
  cmp "$BATS_TEST_TMPDIR/first.csv" "$BATS_TEST_TMPDIR/second.csv"
  [ "$(head -1 "$BATS_TEST_TMPDIR/first.csv")" = "id,uuid,kind,date,type,intensity,distance_km,duration_s,pace_s_per_km,planned_km,rpe,start_time,moving_time_s,avg_heart_rate,max_heart_rate,ascent_m,avg_cadence,score,where,side,walking,when,symptoms,visit,tags,note,source,created_at,modified_at,lifts,sleep_hours,plan_uuid,gear" ]
}

@test "export gives the bytes it always gave (JSON and CSV, to standard output and to a file), a row at a time" {
  # tests/data/export: what niggle wrote for this journal before exports were streamed.
  local data="$BATS_TEST_DIRNAME/../data/export"
  niggle --db "$BATS_TEST_TMPDIR/g.db" import "$data/journal.json" >/dev/null
  niggle --db "$BATS_TEST_TMPDIR/g.db" export | cmp - "$data/journal.json"
  niggle --db "$BATS_TEST_TMPDIR/g.db" export --format csv | cmp - "$data/journal.csv"
  niggle --db "$BATS_TEST_TMPDIR/g.db" export -o "$BATS_TEST_TMPDIR/g.json"
  niggle --db "$BATS_TEST_TMPDIR/g.db" export -o "$BATS_TEST_TMPDIR/g.csv"
  cmp "$BATS_TEST_TMPDIR/g.json" "$data/journal.json"
  cmp "$BATS_TEST_TMPDIR/g.csv" "$data/journal.csv"
  [ "$(file_mode "$BATS_TEST_TMPDIR/g.json")" = 600 ]
  [ "$(file_mode "$BATS_TEST_TMPDIR/g.csv")" = 600 ]
  # every kind, removals and gear are in it
  jq -e '[.entries[].kind] | unique == ["pain", "plan", "session", "visit"]' "$data/journal.json"
  jq -e '(.removed | length) == 2 and (.gear | length) == 2' "$data/journal.json"
}

@test "importing the same file twice changes nothing" {
  niggle export -o "$BATS_TEST_TMPDIR/e.json"
  run niggle import "$BATS_TEST_TMPDIR/e.json"
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/e.json' (niggle JSON): 0 added, 0 updated, 2 unchanged" ]
  before=$(sqlite3 "$JOURNAL" "SELECT * FROM entry ORDER BY id")
  niggle import "$BATS_TEST_TMPDIR/e.json"
  [ "$(sqlite3 "$JOURNAL" "SELECT * FROM entry ORDER BY id")" = "$before" ]
  [ "$(entry_count)" -eq 2 ]
}

@test "import is all or nothing: rejections are listed with line and reason, and nothing is written (exit 3)" {
  printf 'kind,date,score,distance_km,duration_s\npain,2026-11-24,2,,\npain,2026-11-24,11,,\nsession,2026-11-30,,5,\nsession,2026-11-20,,,1800\n' >"$BATS_TEST_TMPDIR/bad.csv"
  BEFORE=$(sqlite3 "$JOURNAL" .dump | sha256sum)
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/bad.csv"
  [ "$status" -eq 3 ]
  [ -z "$output" ]
  [ "${stderr_lines[0]}" = "niggle: '$BATS_TEST_TMPDIR/bad.csv': line 3: pain score '11' is out of range; give a whole number from 0 to 10 (0 no pain, 10 the worst imaginable)" ]
  [[ "${stderr_lines[1]}" == "niggle: '$BATS_TEST_TMPDIR/bad.csv': line 4: date '2026-11-30' is 2026-11-30, in the future"* ]]
  [[ "${stderr_lines[2]}" == "niggle: error: '$BATS_TEST_TMPDIR/bad.csv': 2 of 4 records rejected (listed above); nothing was imported"* ]]
  [ "$(sqlite3 "$JOURNAL" .dump | sha256sum)" = "$BEFORE" ]

  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/bad.csv" --skip-invalid
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/bad.csv' (niggle CSV): 2 added, 0 updated, 0 unchanged, 2 rejected" ]
  [ "${#stderr_lines[@]}" -eq 2 ]
  [ "$(entry_count)" -eq 4 ]
}

@test "import: files that cannot be used (exit 7); a dry run writes nothing" {
  echo "just text" >"$BATS_TEST_TMPDIR/notes.txt"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/notes.txt"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"is in no format niggle reads; it reads: niggle journal, niggle JSON, niggle CSV, GPX, TCX, FIT, Strava CSV (activities.csv); any of them gzipped or in a zip archive; a Strava export (export_NNNN.zip or its folder)" ]]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/missing.json"
  [ "$status" -eq 7 ]
  run --separate-stderr niggle import "$JOURNAL"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"is the journal itself"* ]]
  sqlite3 "$BATS_TEST_TMPDIR/other.db" "CREATE TABLE t (x);"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/other.db"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"another application"* ]]

  niggle --db "$BATS_TEST_TMPDIR/o.db" pain 1 >/dev/null
  BEFORE=$(sqlite3 "$JOURNAL" .dump | sha256sum)
  run niggle import --dry-run "$BATS_TEST_TMPDIR/o.db"
  [ "${lines[0]}" = "Would import '$BATS_TEST_TMPDIR/o.db' (niggle journal): 1 added, 0 updated, 0 unchanged" ]
  [[ "${lines[1]}" == "  would add #"*" pain 1/10" ]]
  [ "${#lines[@]}" -eq 2 ]
  [ "$(sqlite3 "$JOURNAL" .dump | sha256sum)" = "$BEFORE" ]
}

@test "import - reads standard input, and the records of list --json" {
  niggle list --json | niggle --db "$BATS_TEST_TMPDIR/n.db" import - >"$BATS_TEST_TMPDIR/out"
  [ "$(cat "$BATS_TEST_TMPDIR/out")" = "Imported standard input (niggle JSON records): 2 added, 0 updated, 0 unchanged" ]
  [ "$(niggle --db "$BATS_TEST_TMPDIR/n.db" list)" = "$(niggle list)" ]
}

@test "two journals merged both ways converge: additions, edits, removals" {
  laptop="$BATS_TEST_TMPDIR/laptop.db"
  desktop="$BATS_TEST_TMPDIR/desktop.db"
  niggle --db "$laptop" log 5k 30:00 --date -3d >/dev/null
  niggle --db "$laptop" pain 2 --date -3d >/dev/null
  niggle --db "$desktop" import "$laptop" >/dev/null
  # Both go on separately: the desktop edits the run and logs; the laptop removes the pain entry and logs.
  niggle --db "$desktop" edit 1 28:00 >/dev/null
  niggle --db "$desktop" log 8k 45:00 >/dev/null
  niggle --db "$laptop" rm 2 --force >/dev/null
  niggle --db "$laptop" pain 3 --when evening >/dev/null
  laptop_before=$(sha256sum <"$laptop")

  run niggle --db "$desktop" import "$laptop"
  [ "${lines[0]}" = "Imported '$laptop' (niggle journal): 1 added, 0 updated, 1 unchanged, 1 removed" ]
  # the run differs: the desktop's edit is the later, and the report says it kept it
  [[ "${lines[1]}" == "  kept your edit of #1 from this journal (modified "*"); the copy in '$laptop' (modified "*") was left out" ]]
  [ "${#lines[@]}" -eq 2 ]
  [ "$(sha256sum <"$laptop")" = "$laptop_before" ]   # the other journal is only read
  run niggle --db "$laptop" import "$desktop"
  [ "${lines[0]}" = "Imported '$desktop' (niggle journal): 1 added, 1 updated, 1 unchanged" ]
  [[ "${lines[1]}" == "  took the later edit of #1 from '$desktop' (modified "*"); this journal's copy (modified "*") was replaced (\`niggle undo\` brings it back)" ]]

  same() { niggle --db "$1" export | jq -S 'del(.entries[].id)'; }
  [ "$(same "$laptop")" = "$(same "$desktop")" ]
  niggle --db "$laptop" export | jq -e '.entries | length == 3'
  niggle --db "$laptop" export | jq -e '.entries | map(select(.kind == "session" and .distance_km == 5)) | .[0].duration_s == 1680'
  niggle --db "$laptop" export | jq -e '.removed | length == 1'
  # merging again changes nothing, either way
  run niggle --db "$laptop" import "$desktop"
  [ "$output" = "Imported '$desktop' (niggle journal): 0 added, 0 updated, 3 unchanged" ]
}

@test "undo reverts a whole import" {
  niggle --db "$BATS_TEST_TMPDIR/o.db" log 3k >/dev/null
  niggle --db "$BATS_TEST_TMPDIR/o.db" log 4k >/dev/null
  niggle import "$BATS_TEST_TMPDIR/o.db" >/dev/null
  [ "$(entry_count)" -eq 4 ]
  run niggle undo --yes
  [[ "${lines[0]}" == "Undid the import of '$BATS_TEST_TMPDIR/o.db' (made "* ]]
  [ "$(entry_count)" -eq 2 ]
}

@test "backup: a consistent private copy while the journal is in use; never over a file without --force" {
  # Another connection holds an open read transaction during the backup.
  ( sqlite3 "$JOURNAL" "BEGIN; SELECT count(*) FROM entry;" ".shell sleep 2" "COMMIT;" >/dev/null ) &
  holder=$!
  run niggle backup "$BATS_TEST_TMPDIR/copy.db"
  wait "$holder"
  [ "$status" -eq 0 ]
  [ "$output" = "Backed up 2 entries to $BATS_TEST_TMPDIR/copy.db" ]
  [ "$(file_mode "$BATS_TEST_TMPDIR/copy.db")" = 600 ]
  [ "$(sqlite3 "$BATS_TEST_TMPDIR/copy.db" "PRAGMA integrity_check")" = ok ]
  [ "$(niggle --db "$BATS_TEST_TMPDIR/copy.db" export)" = "$(niggle export)" ]
  run --separate-stderr niggle backup "$BATS_TEST_TMPDIR/copy.db"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"exists; add --force"* ]]
  niggle log 1k >/dev/null
  run niggle backup --force --quiet "$BATS_TEST_TMPDIR/copy.db"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  [ "$(entry_count "$BATS_TEST_TMPDIR/copy.db")" -eq 3 ]
  run --separate-stderr niggle backup "$JOURNAL" --force
  [ "$status" -eq 7 ]
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/none.db" backup "$BATS_TEST_TMPDIR/x.db"
  [ "$status" -eq 5 ]
  [ ! -e "$BATS_TEST_TMPDIR/x.db" ]
  [ -z "$(find "$BATS_TEST_TMPDIR" -name '*.niggle-*')" ]
}
