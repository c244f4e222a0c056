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
  [ "$(sqlite3 "$JOURNAL" "PRAGMA user_version")" = 8 ]  # schema 3 added visits, 4 lifts and sleep, 5 watch figures, 6 the order of undos, 7 plans, 8 gear
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

# A journal of 305 entries, checkpointed into the main file, for the damage tests: five
# written by niggle, the rest added in SQL (fewer processes, for the valgrind run).
make_journal_with_entries() {
  for i in 1 2 3 4 5; do niggle log "${i}k" "$((i * 5))"min --note "run $i" >/dev/null; done
  sqlite3 "$JOURNAL" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
    INSERT INTO entry (uuid, kind, day, note, created_at, modified_at)
    SELECT 'u' || i, 'pain', '2026-11-01', printf('pain note %d %.*c', i, 200, 'x'), 't', 't' FROM n;
    INSERT INTO pain (entry_id, score) SELECT id, 3 FROM entry WHERE kind = 'pain';
    PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  [ "$(sqlite3 "$JOURNAL" "PRAGMA page_count")" -gt 10 ]
}

# Runs a writing command on a damaged journal: exit 5, one line, and the file untouched.
expect_damage_refused() {
  local want=$1 before
  before=$(sha256sum <"$JOURNAL")
  run --separate-stderr niggle log 5k
  [ "$status" -eq 5 ] || { echo "status $status: $stderr $output"; return 1; }
  assert_one_error_line
  [[ "$stderr" == *"$want"* ]] || { echo "stderr: $stderr"; return 1; }
  [ "$(sha256sum <"$JOURNAL")" = "$before" ] || { echo "the damaged journal was changed"; return 1; }
}

@test "a truncated journal is refused as damaged and not changed (exit 5)" {
  make_journal_with_entries
  cp "$JOURNAL" "$BATS_TEST_TMPDIR/whole.db"
  for size in 100 4096 8192 20000 $(($(stat -c %s "$BATS_TEST_TMPDIR/whole.db") - 4096)); do
    head -c "$size" "$BATS_TEST_TMPDIR/whole.db" >"$JOURNAL"
    expect_damage_refused "the journal is damaged (database disk image is malformed); restore it from a backup with \`niggle restore BACKUP\`, or try \`sqlite3 $JOURNAL .recover\`"
  done
}

@test "a journal with a garbled page is refused before any write, and not changed (exit 5)" {
  make_journal_with_entries
  cp "$JOURNAL" "$BATS_TEST_TMPDIR/whole.db"
  local pages
  pages=$(sqlite3 "$BATS_TEST_TMPDIR/whole.db" "PRAGMA page_count")
  # Every page from the second to the last: SQLite alone would only notice damage on the
  # pages a write reads, and would write into the journal past most of them.
  for ((page = 2; page <= pages; page++)); do
    cp "$BATS_TEST_TMPDIR/whole.db" "$JOURNAL"
    python3 -c 'import sys
path, page = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    f.seek((page - 1) * 4096)
    f.write(bytes((i * 7 + page) & 255 for i in range(4096)))' "$JOURNAL" "$page"
    # A page of the schema itself (its tables span more than the first page) is found
    # damaged when the journal is opened; any other by the check before the first write.
    expect_damage_refused "is damaged (" || { echo "page $page of $pages"; return 1; }
    if [[ "$stderr" == "niggle: error: cannot open '$JOURNAL': the journal is damaged ("* ]]; then
      [[ "$stderr" == *"restore it from a backup with \`niggle restore BACKUP\`, or try \`sqlite3 $JOURNAL .recover\`" ]]
    else
      [[ "$stderr" == *"the journal '$JOURNAL' is damaged ("* ]]
      [[ "$stderr" == *"niggle will not write to it, and has not changed it. Restore it from a backup with \`niggle restore BACKUP\`, or try \`sqlite3 $JOURNAL .recover\`"* ]]
    fi
  done
}

@test "a symbolic link to a journal is followed: the entry lands in the target, the link stays" {
  niggle log 5k >/dev/null
  mv "$JOURNAL" "$BATS_TEST_TMPDIR/real.db"
  ln -s "$BATS_TEST_TMPDIR/real.db" "$JOURNAL"
  run niggle pain 2
  [ "$status" -eq 0 ]
  [ -L "$JOURNAL" ]
  [ "$(entry_count "$BATS_TEST_TMPDIR/real.db")" -eq 2 ]
  [ "$(file_mode "$BATS_TEST_TMPDIR/real.db")" = 600 ]
}

@test "a dangling symbolic link is refused, and nothing is created at its target (exit 5)" {
  ln -s "$BATS_TEST_TMPDIR/nowhere/journal.db" "$BATS_TEST_TMPDIR/link.db"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/link.db" log 5k
  [ "$status" -eq 5 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: the journal '$BATS_TEST_TMPDIR/link.db' is a symbolic link to '$BATS_TEST_TMPDIR/nowhere/journal.db', which does not exist; niggle will not create a journal through a dangling link" ]
  [ ! -e "$BATS_TEST_TMPDIR/nowhere" ]
}

@test "a symbolic link to a directory is refused (exit 5)" {
  mkdir "$BATS_TEST_TMPDIR/somedir"
  ln -s "$BATS_TEST_TMPDIR/somedir" "$BATS_TEST_TMPDIR/link.db"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/link.db" log 5k
  [ "$status" -eq 5 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: the journal '$BATS_TEST_TMPDIR/link.db' is a directory; give the path of a file, such as '$BATS_TEST_TMPDIR/link.db/journal.db'" ]
  [ -z "$(ls -A "$BATS_TEST_TMPDIR/somedir")" ]
}

@test "a device (/dev/null), directly or through a symbolic link, is refused (exit 5)" {
  ln -s /dev/null "$BATS_TEST_TMPDIR/null.db"
  for path in /dev/null "$BATS_TEST_TMPDIR/null.db"; do
    run --separate-stderr niggle --db "$path" pain 3
    [ "$status" -eq 5 ]
    assert_one_error_line
    [ "$stderr" = "niggle: error: the journal '$path' is not a regular file" ]
  done
  [ -c /dev/null ]
  [ ! -e /dev/null-wal ] && [ ! -e /dev/null-shm ]
}

@test "a symbolic link to a text file is refused, and the file is left as it was (exit 5)" {
  printf 'shopping list\n' >"$BATS_TEST_TMPDIR/list.txt"
  ln -s "$BATS_TEST_TMPDIR/list.txt" "$BATS_TEST_TMPDIR/link.db"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/link.db" log 5k
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"is not a niggle journal (it is not an SQLite database)"* ]]
  [ "$(cat "$BATS_TEST_TMPDIR/list.txt")" = "shopping list" ]
}

@test "a journal replaced between two commands is the new one: a text file is refused, a journal is used" {
  niggle log 5k >/dev/null
  printf 'not a journal\n' >"$JOURNAL.new" && mv "$JOURNAL.new" "$JOURNAL"
  run --separate-stderr niggle log 5k
  [ "$status" -eq 5 ]
  [ "$(cat "$JOURNAL")" = "not a journal" ]
  rm "$JOURNAL"
  niggle --db "$BATS_TEST_TMPDIR/other.db" pain 4 >/dev/null
  mv "$BATS_TEST_TMPDIR/other.db" "$JOURNAL"
  niggle log 5k >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(kind) FROM entry ORDER BY id")" = "pain,session" ]
}
