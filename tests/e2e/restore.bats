#!/usr/bin/env bats
# niggle restore: a backup put back safely, whatever -wal and -shm lie beside the journal;
# and entries removed by mistake brought back from a backup or an export.
# docs/RELIABILITY.md "Restoring".
load helpers

setup() {
  setup_niggle
  BACKUP="$BATS_TEST_TMPDIR/backup.db"
  mkdir -p "$(dirname "$JOURNAL")"
}

# Leaves committed entries in the journal's -wal, as a process killed after its commit (or
# still running) does: SQLite would replay that WAL over any file copied in place.
write_into_wal() {
  python3 - "$JOURNAL" "$1" <<'EOF'
import os, sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA journal_mode = WAL")
db.execute("PRAGMA wal_autocheckpoint = 0")
for i in range(int(sys.argv[2])):
    cur = db.execute("INSERT INTO entry (uuid, kind, day, note, created_at, modified_at) VALUES (?, 'pain', '2026-11-23', ?, '2026-11-23T08:00:00Z', '2026-11-23T08:00:00Z')", (str(uuid.uuid4()), "in the wal %d" % i))
    db.execute("INSERT INTO pain (entry_id, score) VALUES (?, 4)", (cur.lastrowid,))
db.commit()
os._exit(0)  # no close: the WAL stays, with its frames, as a killed process leaves it
EOF
  [ -s "$JOURNAL-wal" ]
}

@test "cp over a journal with a stale -wal damages it (the finding); niggle restore does not" {
  for i in 1 2 3; do niggle log "${i}k" --date -$((i + 1))d >/dev/null; done
  niggle backup --quiet "$BACKUP"
  # the journal grows well past the backup (its pages split and move), then a process
  # leaves 5 committed entries in its -wal
  python3 -c 'import json; json.dump([{"kind": "session", "date": "2026-10-%02d" % (i % 28 + 1), "type": "run", "distance_km": 3, "note": "x" * 300} for i in range(300)], open("'"$BATS_TEST_TMPDIR"'/many.json", "w"))'
  niggle import --quiet "$BATS_TEST_TMPDIR/many.json"
  write_into_wal 5
  # the same state in a copy (anything that opens the journal would checkpoint its WAL)
  cp "$JOURNAL" "$BATS_TEST_TMPDIR/j.db"; cp "$JOURNAL-wal" "$BATS_TEST_TMPDIR/j.db-wal"

  # what the old error text led to: a copy over the journal, its WAL left beside it
  cp "$BACKUP" "$BATS_TEST_TMPDIR/j.db"
  run sqlite3 "$BATS_TEST_TMPDIR/j.db" "PRAGMA integrity_check"
  [ "$output" != ok ]

  run --separate-stderr niggle restore --yes "$BACKUP"
  [ "$status" -eq 0 ]
  [[ "$output" == "Restored 3 entries, the last on 2026-11-22 "*" from '$BACKUP' to '$JOURNAL'"* ]]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA foreign_key_check" | wc -l)" -eq 0 ]
  [ "$(entry_count)" -eq 3 ]
  # the journal as it was, WAL entries included, is kept beside it and is itself a journal
  kept=$(ls "$(dirname "$JOURNAL")"/journal.before-restore-*.db)
  [[ "$output" == *"The journal as it was is kept in '$kept'"* ]]
  [ "$(entry_count "$kept")" -eq 308 ]
  [ ! -e "$kept-wal" ]
  [ "$(file_mode "$kept")" = 600 ]
  [ "$(file_mode "$JOURNAL")" = 600 ]
  # the restored journal takes new entries, and the kept one can be restored in turn
  niggle pain 2 >/dev/null
  [ "$(entry_count)" -eq 4 ]
  niggle restore --yes --quiet "$kept"
  [ "$(entry_count)" -eq 308 ]
}

@test "restore over a damaged journal: it is moved aside whole, with its -wal and -shm" {
  for i in 1 2 3; do niggle log "${i}k" >/dev/null; done
  niggle backup --quiet "$BACKUP"
  # a page the WAL below does not hold (the change log's), garbled in the journal itself
  page=$(sqlite3 "$JOURNAL" "SELECT max(pageno) FROM dbstat WHERE name = 'change'")
  write_into_wal 2
  printf 'garbage-garbage-garbage-garbage-' | dd of="$JOURNAL" bs=1 seek=$(( (page - 1) * 4096 )) conv=notrunc status=none
  wal_digest=$(sha256sum <"$JOURNAL-wal")
  journal_bytes=$(sha256sum <"$JOURNAL")
  # a write refuses it, pointing at restore, and leaves it and its WAL as they were
  run --separate-stderr niggle log 4k
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"niggle restore BACKUP"* ]]
  [ "$(sha256sum <"$JOURNAL-wal")" = "$wal_digest" ]
  [ "$(sha256sum <"$JOURNAL")" = "$journal_bytes" ]
  run --separate-stderr niggle restore --yes "$BACKUP"
  [ "$status" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
  [ "$(entry_count)" -eq 3 ]
  kept=$(ls "$(dirname "$JOURNAL")"/journal.before-restore-*.db)
  [ "$(sha256sum <"$kept-wal")" = "$wal_digest" ]   # moved with its journal, untouched
  [ "$(sha256sum <"$kept")" = "$journal_bytes" ]
  [[ "$output" == *"moved, with its side files, to '$kept'"* ]]
  [ ! -e "$JOURNAL-wal" ] || [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM entry")" -eq 3 ]
  niggle log 4k >/dev/null
  [ "$(entry_count)" -eq 4 ]
}

@test "restore checks the backup first: a damaged one, another file, a missing one; the journal is untouched" {
  niggle log 5k >/dev/null
  before=$(journal_digest)
  echo "not a journal" >"$BATS_TEST_TMPDIR/text.db"
  run --separate-stderr niggle restore --yes "$BATS_TEST_TMPDIR/text.db"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"not a niggle journal"*"the journal was not changed"* ]]
  run --separate-stderr niggle restore --yes "$BATS_TEST_TMPDIR/none.db"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"no such file"* ]]
  # a backup whose tag table names a missing entry
  niggle backup --quiet "$BACKUP"
  sqlite3 "$BACKUP" "PRAGMA foreign_keys = OFF; INSERT INTO tag (entry_id, name) VALUES (77, 'orphan')"
  run --separate-stderr niggle restore --yes "$BACKUP"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"damaged"*"tag"* ]]
  run --separate-stderr niggle restore --yes "$JOURNAL"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"the journal itself"* ]]
  [ "$(journal_digest)" = "$before" ]
  [ -z "$(ls "$(dirname "$JOURNAL")" | grep before-restore || true)" ]
}

@test "restore asks on a terminal, and refuses without --yes when standard input is not one" {
  niggle log 5k >/dev/null
  niggle backup --quiet "$BACKUP"
  niggle log 7k >/dev/null
  before=$(journal_digest)
  run --separate-stderr niggle restore "$BACKUP" </dev/null
  [ "$status" -eq 8 ]
  assert_one_error_line
  [[ "$stderr" == *"--yes"* ]]
  [ "$(journal_digest)" = "$before" ]
  require_pseudo_terminal
  run script -qec "$NIGGLE_BIN restore $BACKUP" /dev/null <<<"n"
  [[ "$output" == *"The backup '$BACKUP' holds 1 entry, the last on 2026-11-24"* ]]
  [[ "$output" == *"The journal '$JOURNAL' holds 2 entries"* ]]
  [[ "$output" == *"cancelled; nothing was changed"* ]]
  [ "$(journal_digest)" = "$before" ]
  run script -qec "$NIGGLE_BIN restore $BACKUP" /dev/null <<<"y"
  [[ "$output" == *"Restored 1 entry"* ]]
  [ "$(entry_count)" -eq 1 ]
}

@test "restore into a journal that does not exist creates it, and moves a stale -wal out of its way" {
  niggle log 5k >/dev/null
  niggle backup --quiet "$BACKUP"
  write_into_wal 3
  mv "$JOURNAL-wal" "$BATS_TEST_TMPDIR/stale-wal"; rm -f "$JOURNAL" "$JOURNAL-shm"; mv "$BATS_TEST_TMPDIR/stale-wal" "$JOURNAL-wal"
  run --separate-stderr niggle restore --yes "$BACKUP"
  [ "$status" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
  [ "$(entry_count)" -eq 1 ]
  [ "$(file_mode "$JOURNAL")" = 600 ]
  ls "$(dirname "$JOURNAL")"/journal.before-restore-*.db-wal
}

@test "entries removed by mistake come back from a backup or an export with import --restore-removed" {
  niggle log 5k --note "tempo, felt strong" >/dev/null
  niggle pain 4 --where knee >/dev/null
  niggle log 8k >/dev/null
  niggle backup --quiet "$BACKUP"
  niggle export -o "$BATS_TEST_TMPDIR/all.json"
  run --separate-stderr niggle rm --force 1 2
  [[ "$stderr" == *"niggle import --restore-removed"* ]]
  niggle log 3k >/dev/null   # life goes on: #4
  # a plain import leaves them out, and says how to bring them back
  run niggle import "$BACKUP"
  [[ "$output" == *"2 removed here before (not brought back; --restore-removed brings them back)"* ]]
  [ "$(entry_count)" -eq 2 ]
  run --separate-stderr niggle import --restore-removed "$BACKUP" --dry-run
  [[ "$output" == *"2 brought back"* ]]
  [ "$(entry_count)" -eq 2 ]
  run --separate-stderr niggle import --restore-removed "$BACKUP"
  [ "$status" -eq 0 ]
  [[ "$output" == *"2 added"*"2 brought back (removed here before)"* ]]
  [ "$(entry_count)" -eq 4 ]
  # with their numbers, notes and UUIDs, and no longer listed as removed
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(id) FROM (SELECT id FROM entry ORDER BY id)")" = "1,2,3,4" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT note FROM entry WHERE id = 1")" = "tempo, felt strong" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM removal")" -eq 0 ]
  jq -S '[.entries[] | select(.id <= 3) | del(.id)]' "$BATS_TEST_TMPDIR/all.json" >"$BATS_TEST_TMPDIR/want"
  niggle export | jq -S '[.entries[] | select(.id <= 3) | del(.id)]' >"$BATS_TEST_TMPDIR/got"
  diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
  # undo takes it back: removed again
  niggle undo --yes >/dev/null
  [ "$(entry_count)" -eq 2 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM removal")" -eq 2 ]
  # and from a JSON export
  run niggle import --restore-removed "$BATS_TEST_TMPDIR/all.json"
  [[ "$output" == *"2 brought back"* ]]
  [ "$(entry_count)" -eq 4 ]
}
