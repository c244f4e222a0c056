#!/usr/bin/env bats
# niggle pain: record pain scores, with warnings for symptoms that need care.
load helpers

setup() { setup_niggle; }

@test "pain records a score with its details" {
  run --separate-stderr niggle pain 6 --where lower-back --side left --walking worse --when morning --note "stiff"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Recorded #1 Tue 2026-11-24 pain 6/10: lower-back, left side, worse walking, morning" ]
  [ "$stderr" = "niggle: created a new journal at '$JOURNAL'" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT score, location, side, walking, timing FROM pain")" = "6|lower-back|left|worse|morning" ]
}

@test "several entries a day are normal" {
  niggle pain 3 --when morning
  niggle pain 5 --when after
  niggle pain 2 --when evening
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM pain JOIN entry ON entry.id = pain.entry_id WHERE day = '2026-11-24'")" -eq 3 ]
}

@test "pain --json prints the stored record" {
  run --separate-stderr niggle pain 4 --where hip --symptom tingling,numbness --symptom tingling --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.kind == "pain" and .score == 4 and .where == "hip" and .symptoms == ["numbness", "tingling"]'
}

@test "a red flag is warned about at once, on stderr, and still recorded" {
  run --separate-stderr niggle pain 7 --where lower-back --symptom bladder
  [ "$status" -eq 0 ]
  [[ "$output" == "Recorded #1 "* ]]
  [[ "$stderr" == *"niggle: URGENT:"* ]]
  [[ "$stderr" == *"emergency"* ]]
  [[ "$stderr" != *"physio appointment."*"book"* ]]
  [ "$(entry_count)" -eq 1 ]
}

@test "every red flag of P1 is urgent: bowel, saddle numbness, weakness in both legs" {
  for args in "--symptom bowel" "--symptom saddle-numbness" "--symptom weakness --side both"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle pain 5 $args
    [[ "$stderr" == *"URGENT"* ]] || { echo "no urgent warning for $args: $stderr"; return 1; }
  done
}

@test "nerve symptoms say see a professional, not emergency; cough-worse is not a red flag" {
  run --separate-stderr niggle pain 4 --symptom cough-worse
  [[ "$stderr" == *"niggle: warning:"*"physiotherapist or doctor"* ]]
  [[ "$stderr" != *"URGENT"* ]]
  run --separate-stderr niggle pain 4 --symptom weakness --side left
  [[ "$stderr" != *"URGENT"* ]]
  [[ "$stderr" == *"both legs or getting worse, seek emergency care"* ]]
}

@test "serious-cause flags say see a doctor soon" {
  run --separate-stderr niggle pain 5 --symptom fever
  [[ "$stderr" == *"doctor soon"* ]]
  [[ "$stderr" != *"URGENT"* ]]
}

@test "no warning for plain pain" {
  niggle pain 1 2>/dev/null >/dev/null   # the journal exists: no "created a new journal" either
  run --separate-stderr niggle pain 2 --walking better
  [ -z "$stderr" ]
}

@test "--where repeats: one pain felt in several places, stored once each, in the vocabulary's order" {
  run --separate-stderr niggle pain 5 --where lower-back --where hip --where lower-back --side left
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Recorded #1 Tue 2026-11-24 pain 5/10: lower-back+hip, left side" ]
  # In the location column, as symptoms are in theirs: no schema change.
  [ "$(sqlite3 "$JOURNAL" "SELECT location FROM pain")" = "lower-back,hip" ]
  niggle pain 3 --where knee,hip --json | jq -e '.where == "hip,knee"'
  niggle pain 2 --where neck --json | jq -e '.where == "neck"'   # one location: as it always was
  run niggle list --pain
  [[ "$output" == *"pain 3/10: hip+knee"* ]]
  run niggle week
  [[ "$output" == *"5 lower-back+hip"* ]]
  [ "$(niggle week --json | jq -r '.days[1].pain_location')" = "lower-back,hip" ]
  # A wrong name among right ones: one error line naming it and the accepted names, nothing written.
  run --separate-stderr niggle pain 4 --where hip --where elbow
  [ "$status" -eq 3 ]
  [[ "$stderr" == "niggle: error: unknown --where 'elbow'; accepted: lower-back, upper-back, neck, hip,"* ]]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM pain")" -eq 3 ]
}

@test "edit --where replaces the list; --where \"\" clears it" {
  niggle pain 5 --where knee >/dev/null
  run --separate-stderr niggle edit 1 --where lower-back --where hip
  [ "$status" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT location FROM pain")" = "lower-back,hip" ]
  niggle edit 1 --where "" >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT location IS NULL FROM pain")" = 1 ]
  niggle undo --yes >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT location FROM pain")" = "lower-back,hip" ]
}

@test "two locations survive export and import, in JSON and CSV; an old single-location export still imports" {
  niggle pain 6 --where hip --where lower-back --tag flare >/dev/null
  niggle export -o "$BATS_TEST_TMPDIR/out.json"
  niggle export --format csv -o "$BATS_TEST_TMPDIR/out.csv"
  [ "$(jq -r '.entries[0].where' "$BATS_TEST_TMPDIR/out.json")" = "lower-back,hip" ]
  grep -q ',"lower-back,hip",' "$BATS_TEST_TMPDIR/out.csv"
  niggle --db "$BATS_TEST_TMPDIR/j.db" import "$BATS_TEST_TMPDIR/out.json" >/dev/null 2>&1
  niggle --db "$BATS_TEST_TMPDIR/c.db" import "$BATS_TEST_TMPDIR/out.csv" >/dev/null 2>&1
  [ "$(sqlite3 "$BATS_TEST_TMPDIR/j.db" "SELECT location FROM pain")" = "lower-back,hip" ]
  [ "$(sqlite3 "$BATS_TEST_TMPDIR/c.db" "SELECT location FROM pain")" = "lower-back,hip" ]
  [ "$(niggle --db "$BATS_TEST_TMPDIR/j.db" export)" = "$(cat "$BATS_TEST_TMPDIR/out.json")" ]
  # An export from before several locations: "where" one name; and a JSON list, too.
  cat > "$BATS_TEST_TMPDIR/old.json" <<'JSON'
{"format": "niggle-journal", "version": 1, "entries": [
 {"kind": "pain", "date": "2026-11-20", "score": 3, "where": "knee"},
 {"kind": "pain", "date": "2026-11-21", "score": 4, "where": ["calf", "knee"]}], "removed": []}
JSON
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/old.db" import "$BATS_TEST_TMPDIR/old.json"
  [ "$status" -eq 0 ]
  [ "$(sqlite3 "$BATS_TEST_TMPDIR/old.db" "SELECT group_concat(location, '|') FROM (SELECT location FROM pain ORDER BY entry_id)")" = "knee|knee,calf" ]
}
