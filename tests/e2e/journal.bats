#!/usr/bin/env bats
# The journal file: what niggle refuses to touch, and what it keeps private.
load helpers

setup() { setup_niggle; }

@test "a text file given as the journal is refused and left as it was (exit 5)" {
  echo "my running notes" >"$BATS_TEST_TMPDIR/notes.txt"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/notes.txt" log 5k
  [ "$status" -eq 5 ]
  assert_one_error_line
  [[ "$stderr" == *"is not a niggle journal (it is not an SQLite database)"* ]]
  [ "$(cat "$BATS_TEST_TMPDIR/notes.txt")" = "my running notes" ]
}

@test "another application's SQLite file is refused and left as it was (exit 5)" {
  db="$BATS_TEST_TMPDIR/contacts.db"
  sqlite3 "$db" "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann');"
  before=$(sha256sum <"$db")
  run --separate-stderr niggle --db "$db" pain 3
  [ "$status" -eq 5 ]
  assert_one_error_line
  [[ "$stderr" == *"SQLite database of another application"* ]]
  [ "$(sha256sum <"$db")" = "$before" ]
}

@test "a journal from a newer niggle is refused, never modified (exit 5)" {
  niggle log 5k >/dev/null
  sqlite3 "$JOURNAL" "PRAGMA journal_mode = DELETE; PRAGMA user_version = 42;" >/dev/null
  before=$(sha256sum <"$JOURNAL")
  run --separate-stderr niggle log 5k
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"written by a newer niggle (schema 42"* ]]
  [ "$(sha256sum <"$JOURNAL")" = "$before" ]
}

@test "a directory as the journal is refused (exit 5)" {
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR" log 5k
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"is a directory"* ]]
}

@test "the journal is a WAL-mode niggle journal with its schema version" {
  niggle log 5k >/dev/null
  [ "$(sqlite3 "$JOURNAL" "PRAGMA journal_mode")" = wal ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA application_id")" = 1313425228 ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA user_version")" = 2 ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
}

@test "WAL side files are private too" {
  niggle log 5k >/dev/null
  # Hold a connection open so the -wal and -shm files exist, then write through niggle.
  sqlite3 "$JOURNAL" "BEGIN; SELECT count(*) FROM entry; SELECT 1;" >/dev/null
  niggle pain 2 >/dev/null
  for f in "$JOURNAL" "$JOURNAL-wal" "$JOURNAL-shm"; do
    [ ! -e "$f" ] || [ "$(file_mode "$f")" = 600 ] || { echo "$f is $(file_mode "$f")"; return 1; }
  done
}

@test "no HOME and no NIGGLE_DB: a clear journal error (exit 5)" {
  unset XDG_DATA_HOME
  run --separate-stderr env -u HOME "$NIGGLE_BIN" log 5k
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"HOME is not set; set NIGGLE_DB or pass --db PATH"* ]]
}

@test "a journal in a directory that cannot be created (exit 5)" {
  touch "$BATS_TEST_TMPDIR/file"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/file/sub/journal.db" log 5k
  [ "$status" -eq 5 ]
  assert_one_error_line
}
