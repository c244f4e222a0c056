#!/usr/bin/env bats
# Merges that keep every edit, and merge sources checked before anything is read from them:
# docs/RELIABILITY.md "Merges".
load helpers

DATA="$BATS_TEST_DIRNAME/../data"
GPX="$DATA/gpx/cerknicko-jezero.gpx"

setup() {
  setup_niggle
  export TZ=UTC
  A="$BATS_TEST_TMPDIR/a.db"
  B="$BATS_TEST_TMPDIR/b.db"
}

note_of_run() { sqlite3 "$1" "SELECT coalesce(e.note, '') || '|' || coalesce(s.rpe, '') FROM entry e JOIN session s ON s.entry_id = e.id"; }

# The same GPX imported on two journals, then annotated on one: every merge, in either
# direction and whichever copy's UUID sorts first, keeps the annotation, and says so.
annotated_on() {
  local edited=$1 plain=$2
  niggle --db "$A" import "$GPX" >/dev/null
  niggle --db "$B" import "$GPX" >/dev/null
  # The plain copy is imported a second later than the edit, so that "the later import"
  # and "the later edit" disagree.
  sleep 1.1
  niggle --db "$edited" edit 1 --note "left calf tight at 3 km" --rpe 7 >/dev/null
  sqlite3 "$plain" "UPDATE entry SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+5 seconds'), modified_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '+5 seconds')"
}

@test "an annotated import survives a merge into the plain journal (the edit comes to it)" {
  for round in 1 2 3 4; do   # UUIDs are random: four rounds give both orders of the two UUIDs
    rm -f "$A" "$B"
    annotated_on "$A" "$B"
    run --separate-stderr niggle --db "$B" import "$A"
    [ "$status" -eq 0 ]
    [ "$(note_of_run "$B")" = "left calf tight at 3 km|7" ]
    [[ "$output" == *"1 updated"* ]]
    [[ "$output" == *"took the later edit of #1 from '$A'"* ]]
    [ "$(sqlite3 "$B" "SELECT count(*) FROM entry")" -eq 1 ]
    # and back: nothing left to change
    run niggle --db "$A" import "$B"
    [[ "$output" == *"0 added, 0 updated, 1 unchanged"* ]]
    [ "$(note_of_run "$A")" = "left calf tight at 3 km|7" ]
  done
}

@test "an annotated import survives a merge of the plain journal into it (the edit is kept)" {
  for round in 1 2 3 4; do
    rm -f "$A" "$B"
    annotated_on "$A" "$B"
    run --separate-stderr niggle --db "$A" import "$B"
    [ "$status" -eq 0 ]
    [ "$(note_of_run "$A")" = "left calf tight at 3 km|7" ]
    [[ "$output" == *"0 added, 0 updated, 1 unchanged"* ]]
    [[ "$output" == *"kept your edit of #1 from this journal"* ]]
    [[ "$output" != *removed* ]]
    # the plain journal then takes the edit, and both hold the same entry under one UUID
    niggle --db "$B" import "$A" >/dev/null
    [ "$(note_of_run "$B")" = "left calf tight at 3 km|7" ]
    same() { niggle --db "$1" export | jq -S 'del(.entries[].id)'; }
    [ "$(same "$A")" = "$(same "$B")" ]
  done
}

@test "entries with one UUID: the later edit wins both ways, and the merge says which it kept" {
  niggle --db "$A" log 5k 30:00 --date -1d >/dev/null
  niggle --db "$B" import "$A" >/dev/null
  sleep 1.1
  niggle --db "$B" edit 1 --note "from b" >/dev/null
  run niggle --db "$A" import "$B"
  [[ "$output" == *"1 updated"* ]]
  [[ "$output" == *"took the later edit of #1 from '$B'"* ]]
  sleep 1.1
  niggle --db "$A" edit 1 --note "from a, later" >/dev/null
  run niggle --db "$B" import "$A"
  [[ "$output" == *"took the later edit of #1 from '$A'"* ]]
  [ "$(sqlite3 "$B" "SELECT note FROM entry")" = "from a, later" ]
  sleep 1.1
  niggle --db "$B" edit 1 --rpe 6 >/dev/null   # B edits once more: now B's copy is the later
  run niggle --db "$B" import "$A"
  [[ "$output" == *"kept your edit of #1 from this journal"* ]]
  [ "$(sqlite3 "$B" "SELECT rpe FROM session")" = 6 ]
  # --dry-run says what it would do, and does nothing
  run niggle --db "$A" import "$B" --dry-run
  [[ "$output" == *"would take the later edit of #1 from '$B'"* ]]
  [ "$(sqlite3 "$A" "SELECT rpe FROM session")" = "" ]
}

# Damage a journal in place: entry 150's row (a garbled page of the entry table), or a tag
# that names an entry that does not exist (the foreign-key check).
fill_journal() {
  for i in $(seq 1 60); do echo "{\"kind\":\"session\",\"date\":\"2026-0$((i % 9 + 1))-1$((i % 9))\",\"type\":\"run\",\"distance_km\":$i,\"tags\":[\"t$i\"],\"note\":\"$(printf 'x%.0s' $(seq 1 200))\"}"; done |
    jq -s . >"$BATS_TEST_TMPDIR/records.json"
  niggle --db "$1" import "$BATS_TEST_TMPDIR/records.json" >/dev/null
}

@test "a merge source with a damaged page is refused whole, naming the file, and nothing is imported" {
  fill_journal "$B"
  # The second leaf page of the entry table says it holds 5 cells fewer than it does: a
  # scan of the table reads 55 of the 60 entries and sees nothing wrong.
  python3 - "$B" <<'EOF'
import sqlite3, sys
path = sys.argv[1]
db = sqlite3.connect(path)
page, = db.execute("SELECT pageno FROM dbstat WHERE name = 'entry' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 1").fetchone()
size, = db.execute("PRAGMA page_size").fetchone()
db.close()
with open(path, "r+b") as f:
    f.seek((page - 1) * size + 3)
    cells = int.from_bytes(f.read(2), "big")
    f.seek((page - 1) * size + 3)
    f.write((cells - 5).to_bytes(2, "big"))
EOF
  [ "$(sqlite3 "$B" "SELECT count(*) FROM entry NOT INDEXED")" -eq 55 ]
  niggle --db "$A" log 3k >/dev/null
  before=$(journal_digest "$A")
  run --separate-stderr niggle --db "$A" import "$B"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"cannot merge '$B': the journal '$B' is damaged ("*"); nothing was imported" ]]
  [ "$(journal_digest "$A")" = "$before" ]
  [ "$(entry_count "$A")" -eq 1 ]
}

@test "a merge source whose tag table names missing entries is refused whole" {
  fill_journal "$B"
  sqlite3 "$B" "PRAGMA foreign_keys = OFF; INSERT INTO tag (entry_id, name) VALUES (9999, 'orphan'); DELETE FROM entry WHERE id = 5"
  niggle --db "$A" log 3k >/dev/null
  before=$(journal_digest "$A")
  run --separate-stderr niggle --db "$A" import "$B"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"'$B'"*"damaged"*"tag"*"nothing was imported"* ]]
  [ "$(journal_digest "$A")" = "$before" ]
  # the same damage refused with --dry-run too
  run --separate-stderr niggle --db "$A" import "$B" --dry-run
  [ "$status" -eq 7 ]
}
