#!/usr/bin/env bats
# Files niggle writes besides the journal (backups, exports, reports): interrupted by a
# signal they leave nothing; errors name where they were going; the journal's own files and
# existing files are refused; a missing journal is an error, not an empty one.
# docs/RELIABILITY.md "Writing files".
load helpers

setup() {
  setup_niggle
  OUT="$BATS_TEST_TMPDIR/out"
  mkdir -p "$OUT"
}

# A journal big enough that writing an export of it takes a while: 4,000 entries with
# 4 KiB notes (about 16 MB).
big_journal() {
  python3 - "$BATS_TEST_TMPDIR/big.json" <<'EOF'
import json, sys
note = "x" * 4096
json.dump([{"kind": "session", "date": "2026-%02d-%02d" % (i % 10 + 1, i % 28 + 1), "type": "run",
            "distance_km": 3 + i % 9, "note": note} for i in range(4000)], open(sys.argv[1], "w"))
EOF
  niggle import --quiet "$BATS_TEST_TMPDIR/big.json"
}

leftovers() { ls -A "$OUT" | grep -- '.niggle-' || true; }

# Starts COMMAND, sends SIGNAL after a delay that grows from 3 ms (round 1) to 192 ms
# (round 8), so that the early rounds land inside even a fast command, and checks that no
# temporary file is left, whatever the moment.
interrupt_rounds() {
  local signal=$1 rounds=$2
  shift 2
  local landed=0
  for round in $(seq 1 "$rounds"); do
    rm -f "$OUT"/* "$OUT"/.[!.]* 2>/dev/null || true
    "$@" &
    local pid=$!
    sleep "0.$(printf '%03d' $(( round * round * 3 )))"
    kill -"$signal" "$pid" 2>/dev/null || true
    local status=0
    wait "$pid" || status=$?
    [ "$status" -ne 0 ] && landed=$((landed + 1))
    [ -z "$(leftovers)" ] || { echo "round $round ($signal, status $status) left: $(leftovers)"; return 1; }
  done
  echo "$signal: $landed of $rounds rounds interrupted"
  [ "$landed" -ge 1 ]
}

@test "SIGTERM, SIGINT and SIGHUP during an export, a backup or a report leave no temporary file" {
  big_journal
  interrupt_rounds TERM 8 "$NIGGLE_BIN" export -o "$OUT/e.json"
  interrupt_rounds HUP 6 "$NIGGLE_BIN" backup "$OUT/b.db"
  # (a background job starts with SIGINT ignored, which niggle respects: env gives it back)
  interrupt_rounds INT 6 env --default-signal=INT "$NIGGLE_BIN" report --weeks 52 -o "$OUT/r.html"
  # a signal ends niggle as it would have without the clean-up: status 128 + the signal
  "$NIGGLE_BIN" export -o "$OUT/e.json" & pid=$!
  sleep 0.05; kill -TERM "$pid"; status=0; wait "$pid" || status=$?
  [ "$status" -eq 143 ] || [ "$status" -eq 0 ]
}

@test "stale temporaries older than a day are removed by the next write there; fresh ones are left" {
  niggle log 5k >/dev/null
  printf 'old' >"$OUT/.e.json.niggle-AbC123"
  printf 'old' >"$OUT/.b.db.niggle-XyZ789-journal"
  printf 'new' >"$OUT/.e.json.niggle-Fresh1"
  printf 'mine' >"$OUT/notes.niggle-AbC123"   # no leading dot: not a niggle temporary, left alone
  printf 'mine' >"$OUT/.notes.niggle-old"      # nor this (not six characters after the marker)
  touch -d '2 days ago' "$OUT/.e.json.niggle-AbC123" "$OUT/.b.db.niggle-XyZ789-journal" "$OUT/notes.niggle-AbC123" "$OUT/.notes.niggle-old"
  niggle export -o "$OUT/other.json"
  [ ! -e "$OUT/.e.json.niggle-AbC123" ]
  [ ! -e "$OUT/.b.db.niggle-XyZ789-journal" ]
  [ -e "$OUT/.e.json.niggle-Fresh1" ]
  [ -e "$OUT/notes.niggle-AbC123" ]
  [ -e "$OUT/.notes.niggle-old" ]
}

@test "a failed backup names its destination, not the journal, and leaves nothing" {
  big_journal
  run --separate-stderr bash -c "ulimit -f 64; exec '$NIGGLE_BIN' backup '$OUT/b.db'"
  [ "$status" -eq 5 ]
  assert_one_error_line
  [[ "$stderr" == *"to '$OUT/b.db': the file size limit (ulimit -f) is reached; nothing was written"* ]]
  [ -z "$(ls -A "$OUT")" ]
  run --separate-stderr bash -c "ulimit -f 64; exec '$NIGGLE_BIN' export -o '$OUT/e.json'"
  [ "$status" -ne 0 ]
  [[ "$stderr" == *"'$OUT/e.json'"* ]]
  [ -z "$(ls -A "$OUT")" ]
}

@test "-o onto the journal's own files is refused, whether they exist or not" {
  niggle log 5k >/dev/null
  before=$(journal_digest)
  for target in "$JOURNAL" "$JOURNAL-wal" "$JOURNAL-shm" "$JOURNAL-journal"; do
    for command in "export -o" "export --force -o" "backup --force" "report -o"; do
      run --separate-stderr niggle $command "$target"
      [ "$status" -eq 7 ] || { echo "$command $target: status $status: $stderr"; false; }
      assert_one_error_line
      [[ "$stderr" == *"is the journal or one of its side files"* ]]
    done
  done
  [ "$(journal_digest)" = "$before" ]
  [ ! -e "$JOURNAL-journal" ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
}

@test "export -o refuses to replace a file without --force, as backup does" {
  niggle log 5k >/dev/null
  echo '{"precious": true}' >"$OUT/bk.json"
  run --separate-stderr niggle export -o "$OUT/bk.json"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"'$OUT/bk.json' exists; add --force to replace it"* ]]
  [ "$(cat "$OUT/bk.json")" = '{"precious": true}' ]
  niggle export --force -o "$OUT/bk.json"
  jq -e '.entries | length == 1' "$OUT/bk.json"
}

@test "a missing journal: reads exit 5 naming it; an export does not overwrite a good one; a write says it created one" {
  niggle log 5k >/dev/null
  niggle export -o "$OUT/bk.json"
  good=$(sha256sum <"$OUT/bk.json")
  missing="$BATS_TEST_TMPDIR/typo/journal.db"
  for command in list week advise remind "export" "export --force -o $OUT/bk.json" "report -o $OUT/r.html" "backup $OUT/b.db"; do
    run --separate-stderr niggle --db "$missing" $command
    [ "$status" -eq 5 ] || { echo "$command: status $status: $stderr"; false; }
    assert_one_error_line
    [ "$stderr" = "niggle: error: no journal at '$missing' (niggle log or niggle pain creates it)" ]
  done
  [ "$(sha256sum <"$OUT/bk.json")" = "$good" ]
  [ ! -e "$missing" ] && [ ! -e "$(dirname "$missing")" ]
  [ ! -e "$OUT/r.html" ] && [ ! -e "$OUT/b.db" ]
  # NIGGLE_DB too
  run --separate-stderr env NIGGLE_DB="$missing" "$NIGGLE_BIN" list
  [ "$status" -eq 5 ]
  # the first write creates it, and says so once
  run --separate-stderr niggle --db "$missing" log 3k
  [ "$status" -eq 0 ]
  [ "$stderr" = "niggle: created a new journal at '$missing'" ]
  run --separate-stderr niggle --db "$missing" log 4k
  [ -z "$stderr" ]
  # an import dry run into a journal that does not exist yet still counts
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/new.db" import --dry-run "$OUT/bk.json"
  [ "$status" -eq 0 ]
  [[ "$output" == *"1 added"* ]]
  [ ! -e "$BATS_TEST_TMPDIR/new.db" ]
}

@test "an export streamed into a file that fails part way leaves nothing, and the old file as it was" {
  big_journal
  echo '{"older": "export"}' >"$OUT/e.json"
  # 64 KiB: the first pieces go into the temporary file, a later one fails.
  run --separate-stderr bash -c "ulimit -f 64; exec '$NIGGLE_BIN' export --force -o '$OUT/e.json'"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == "niggle: error: cannot write '$OUT/e.json': File too large; nothing was written" ]]
  [ "$(cat "$OUT/e.json")" = '{"older": "export"}' ]
  [ "$(ls -A "$OUT")" = e.json ]
  # CSV the same
  run --separate-stderr bash -c "ulimit -f 64; exec '$NIGGLE_BIN' export --format csv -o '$OUT/e.csv'"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [ "$(ls -A "$OUT")" = e.json ]
}

@test "an export to a directory it may not write: exit 7, one line, nothing made" {
  niggle log 5k >/dev/null
  chmod 0500 "$OUT"
  run --separate-stderr unprivileged "$NIGGLE_BIN" export -o "$OUT/e.json"
  chmod 0700 "$OUT"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == "niggle: error: cannot write '$OUT/e.json': Permission denied" ]]
  [ -z "$(ls -A "$OUT")" ]
}

@test "an export to a full standard output (/dev/full): exit 7 and one line, JSON and CSV" {
  big_journal
  for format in json csv; do
    run --separate-stderr bash -c "exec '$NIGGLE_BIN' export --format $format >/dev/full"
    [ "$status" -eq 7 ] || { echo "$format: status $status: $stderr"; false; }
    [ "$stderr" = "niggle: error: cannot write the output" ]
  done
  # A small export, one piece that fails only when the output is flushed at the end, the same.
  niggle --db "$BATS_TEST_TMPDIR/small.db" log 5k >/dev/null 2>&1
  run --separate-stderr bash -c "exec '$NIGGLE_BIN' --db '$BATS_TEST_TMPDIR/small.db' export >/dev/full"
  [ "$status" -eq 7 ]
  [ "$stderr" = "niggle: error: cannot write the output" ]
}
