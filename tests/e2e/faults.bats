#!/usr/bin/env bats
# Faults around the journal and the config: a full disk, a file size limit, read-only files,
# directories and file systems, a missing home directory, an unreadable config. Each must
# give one clear "niggle: error:" line and its documented exit status, and leave what was
# already stored exactly as it was.
#
# Root ignores permission bits, and CI runs as root: `unprivileged` (helpers.bash) drops
# that power for the one command. Tests that need a mount namespace (a small or read-only
# file system) skip, saying so, where the machine does not allow one.
load helpers

setup() {
  setup_niggle
  niggle log 5k 30:00 --note "run" --tag easy >/dev/null
  niggle pain 3 --where knee >/dev/null
  BEFORE=$(journal_digest)
}

# The journal holds exactly what setup stored, and passes the integrity check.
assert_journal_intact() {
  [ "$(journal_digest)" = "$BEFORE" ] || { echo "the journal changed"; return 1; }
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
  [ "$(entry_count)" -eq 2 ]
}

# Runs niggle and checks its status, one error line and its message.
expect_failure() {
  local want_status=$1 want_message=$2
  shift 2
  run --separate-stderr "$@"
  [ "$status" -eq "$want_status" ] || { echo "status $status, wanted $want_status; stderr: $stderr"; return 1; }
  assert_one_error_line
  [[ "$stderr" == *"$want_message"* ]] || { echo "stderr: $stderr"; return 1; }
}

can_mount() { unshare -m sh -c "mount -t tmpfs -o size=64k tmpfs '$BATS_TEST_TMPDIR'" 2>/dev/null; }

@test "the file size limit (ulimit -f) is reached: exit 5, said so, nothing stored changes" {
  # Without care the kernel kills the process with SIGXFSZ and no message at all.
  # A 60 KB note, so that at 40 and 48 KiB the limit is met in the middle of the commit. It
  # comes on stdin: valgrind (scripts/memcheck.sh) copies the command line into a file of its
  # own, which the limit would stop before niggle even starts.
  head -c 60000 /dev/zero | tr '\0' n >"$BATS_TEST_TMPDIR/note"
  # (From 1 KiB: the error message itself goes to a file that the limit applies to.)
  for limit in 1 8 40 48; do
    expect_failure 5 "the file size limit (ulimit -f) is reached; nothing was written" \
      bash -c 'ulimit -f "$1"; shift; exec "$@" <"$0"' "$BATS_TEST_TMPDIR/note" "$limit" "$NIGGLE_BIN" log 5k --note -
    assert_journal_intact
  done
  niggle pain 2 >/dev/null # and the journal takes entries again
}

# Runs inside a private mount namespace: a 512 KiB file system holding a journal, filled up.
full_disk_scenario() {
  set -e
  local dir=$1
  mount -t tmpfs -o size=512k tmpfs "$dir"
  export NIGGLE_DB=$dir/journal.db
  "$NIGGLE_BIN" log 5k --note "run 1" >/dev/null 2>&1 # "created a new journal at ..."
  for i in $(seq 2 20); do "$NIGGLE_BIN" log "$((i + 4))k" --note "run $i" >/dev/null; done
  local before
  before=$(sqlite3 "$NIGGLE_DB" .dump | sha256sum)
  dd if=/dev/zero of="$dir/filler" bs=4k 2>/dev/null || true
  set +e
  "$NIGGLE_BIN" log 50k --note "$(head -c 3000 /dev/zero | tr '\0' x)" 2>"$dir/../log.err"
  echo "log $? $(cat "$dir/../log.err")"
  "$NIGGLE_BIN" pain 4 2>"$dir/../pain.err"
  echo "pain $? $(cat "$dir/../pain.err")"
  "$NIGGLE_BIN" --db "$dir/new.db" log 5k 2>"$dir/../new.err"
  echo "new $? $(cat "$dir/../new.err")"
  rm -f "$dir/filler"
  echo "after $(sqlite3 "$NIGGLE_DB" "PRAGMA integrity_check") $(sqlite3 "$NIGGLE_DB" "SELECT count(*) FROM entry")" \
    "$([ "$(sqlite3 "$NIGGLE_DB" .dump | sha256sum)" = "$before" ] && echo same || echo changed)"
  "$NIGGLE_BIN" log 30k >/dev/null && echo "then ok" # a distance not logged yet: no duplicate warning
}

@test "a full disk: exit 5, 'the disk is full', and what was stored is intact" {
  can_mount || skip "this machine allows no mount namespace for a small file system; the ulimit -f test stands in"
  mkdir -p "$BATS_TEST_TMPDIR/small"
  run unshare -m bash -c "$(declare -f full_disk_scenario); full_disk_scenario '$BATS_TEST_TMPDIR/small'"
  echo "$output"
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "log 5 niggle: error: cannot "*": the disk is full; nothing was written" ]]
  [[ "${lines[1]}" == "pain 5 niggle: error: cannot "*": the disk is full; nothing was written" ]]
  [[ "${lines[2]}" == "new 5 niggle: error: cannot "*"new.db': the disk is full; nothing was written" ]]
  [ "${lines[3]}" = "after ok 20 same" ]
  [ "${lines[4]}" = "then ok" ]
}

@test "a read-only journal: exit 5, said so, no side files; writable again, it works" {
  chmod 0400 "$JOURNAL"
  expect_failure 5 "cannot write to '$JOURNAL': the journal is read-only (permission denied); nothing was written" \
    unprivileged "$NIGGLE_BIN" log 5k
  expect_failure 5 "the journal is read-only" unprivileged "$NIGGLE_BIN" pain 2
  # A read-only connection would have left -wal and -shm files as read-only as the journal,
  # and every write after `chmod u+w` would have failed too.
  [ ! -e "$JOURNAL-wal" ] && [ ! -e "$JOURNAL-shm" ]
  assert_journal_intact
  chmod 0600 "$JOURNAL"
  run unprivileged "$NIGGLE_BIN" log 5k
  [ "$status" -eq 0 ]
}

@test "a read-only directory: exit 5, said so, and the journal is intact" {
  chmod 0500 "$(dirname "$JOURNAL")"
  expect_failure 5 "read-only; nothing was written" unprivileged "$NIGGLE_BIN" log 5k
  chmod 0700 "$(dirname "$JOURNAL")"
  assert_journal_intact
}

@test "a journal that cannot be created (read-only parent directory): exit 5, nothing made" {
  mkdir -m 0500 "$BATS_TEST_TMPDIR/locked"
  expect_failure 5 "cannot create the journal's directory '$BATS_TEST_TMPDIR/locked/niggle': Permission denied" \
    unprivileged "$NIGGLE_BIN" --db "$BATS_TEST_TMPDIR/locked/niggle/journal.db" log 5k
  [ -z "$(ls -A "$BATS_TEST_TMPDIR/locked")" ]
}

@test "a read-only file system: exit 5, said so" {
  can_mount || skip "this machine allows no mount namespace for a read-only bind mount"
  local dir
  dir=$(dirname "$JOURNAL")
  expect_failure 5 "cannot write to '$JOURNAL': the file system is read-only; nothing was written" \
    unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' - "$dir" \
    "$NIGGLE_BIN" log 5k
  assert_journal_intact
}

@test "an immutable journal (chattr +i): exit 5, said so" {
  chattr +i "$JOURNAL" 2>/dev/null || skip "this file system does not take chattr +i"
  run --separate-stderr niggle log 5k
  chattr -i "$JOURNAL"
  [ "$status" -eq 5 ]
  assert_one_error_line
  [[ "$stderr" == *"writing to the journal is not permitted (is it immutable? see lsattr)"* ]]
  assert_journal_intact
}

@test "a missing home directory: exit 5, said so, and no home directory is made" {
  unset XDG_DATA_HOME
  expect_failure 5 "the home directory '$BATS_TEST_TMPDIR/gone' (HOME) does not exist, so the journal cannot be kept there" \
    env HOME="$BATS_TEST_TMPDIR/gone" "$NIGGLE_BIN" log 5k
  [ ! -e "$BATS_TEST_TMPDIR/gone" ]
  # The config alone needs no journal, and says where the journal would be.
  run env HOME="$BATS_TEST_TMPDIR/gone" "$NIGGLE_BIN" config
  [ "$status" -eq 0 ]
}

@test "a missing XDG_DATA_HOME is made, private, as the XDG spec asks" {
  export XDG_DATA_HOME="$BATS_TEST_TMPDIR/new-data"
  niggle log 5k >/dev/null
  [ "$(file_mode "$XDG_DATA_HOME")" = 700 ]
  [ "$(file_mode "$XDG_DATA_HOME/niggle")" = 700 ]
  [ "$(file_mode "$XDG_DATA_HOME/niggle/journal.db")" = 600 ]
}

@test "an unreadable config file: exit 4, said so, and the journal is intact" {
  mkdir -p "$(dirname "$CONFIG")"
  echo 'units = "mi"' >"$CONFIG"
  chmod 0000 "$CONFIG"
  expect_failure 4 "config file '$CONFIG' cannot be read: Permission denied" unprivileged "$NIGGLE_BIN" log 5
  assert_journal_intact
}

@test "a config file in an unreadable directory is an error, not a silent fall back to the defaults" {
  # Going on with the defaults here would have stored "5" as 5 km for a user of miles.
  mkdir -p "$(dirname "$CONFIG")"
  echo 'units = "mi"' >"$CONFIG"
  chmod 0000 "$(dirname "$CONFIG")"
  run --separate-stderr unprivileged "$NIGGLE_BIN" log 5
  chmod 0700 "$(dirname "$CONFIG")"
  [ "$status" -eq 4 ]
  assert_one_error_line
  [[ "$stderr" == *"config file '$CONFIG' cannot be read: Permission denied"* ]]
  assert_journal_intact
}

@test "a config that is a symbolic link loop: exit 4, said so" {
  ln -s loop.toml "$BATS_TEST_TMPDIR/loop.toml"
  expect_failure 4 "config file '$BATS_TEST_TMPDIR/loop.toml' cannot be read: Too many levels of symbolic links" \
    "$NIGGLE_BIN" --config "$BATS_TEST_TMPDIR/loop.toml" log 5k
  assert_journal_intact
}

# Side files beside the journal: none may be left by a read.
assert_no_side_files() {
  local dir=${1:-$(dirname "$JOURNAL")}
  [ -z "$(ls -A "$dir" | grep -E -- '-(wal|shm|journal)$' || true)" ] || { ls -la "$dir"; return 1; }
}

# Reads, an export and a merge from the journal where niggle may not write: each works and
# shows both entries, and nothing is created beside the journal.
expect_readable() {
  run --separate-stderr "$@" "$NIGGLE_BIN" list
  [ "$status" -eq 0 ] || { echo "list: $status: $stderr"; return 1; }
  [ "${#lines[@]}" -ge 2 ] && [[ "$output" == *"5.00 km"* ]] && [[ "$output" == *"pain 3"* ]]
  run --separate-stderr "$@" "$NIGGLE_BIN" week
  [ "$status" -eq 0 ] || { echo "week: $status: $stderr"; return 1; }
  run --separate-stderr "$@" "$NIGGLE_BIN" export -o "$OUT/export.json"
  [ "$status" -eq 0 ] || { echo "export: $status: $stderr"; return 1; }
  jq -e '.entries | length == 2' "$OUT/export.json"
  run --separate-stderr "$@" "$NIGGLE_BIN" --db "$OUT/other.db" import "$JOURNAL"
  [ "$status" -eq 0 ] || { echo "import: $status: $stderr"; return 1; }
  [ "$(entry_count "$OUT/other.db")" -eq 2 ]
  rm -f "$OUT/export.json" "$OUT/other.db"
}

@test "a read-only journal (0400) reads, exports and merges, leaves no side files, and takes writes after chmod u+w" {
  OUT="$BATS_TEST_TMPDIR/out"; mkdir -p "$OUT"
  chmod 0400 "$JOURNAL"
  expect_readable unprivileged
  assert_no_side_files
  chmod 0600 "$JOURNAL"
  run --separate-stderr unprivileged "$NIGGLE_BIN" log 6k
  [ "$status" -eq 0 ] || { echo "$stderr"; false; }
  [ "$(entry_count)" -eq 3 ]
}

@test "a journal in a read-only directory (0555) reads, exports and merges, and nothing is made there" {
  OUT="$BATS_TEST_TMPDIR/out"; mkdir -p "$OUT"
  chmod 0555 "$(dirname "$JOURNAL")"
  expect_readable unprivileged
  assert_no_side_files
  chmod 0700 "$(dirname "$JOURNAL")"
  assert_journal_intact
}

@test "a journal on a read-only file system reads, exports and merges" {
  can_mount || skip "this machine allows no mount namespace for a read-only bind mount"
  OUT="$BATS_TEST_TMPDIR/out"; mkdir -p "$OUT"
  local dir
  dir=$(dirname "$JOURNAL")
  ro() { unshare -m sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"' - "$dir" "$@"; }
  expect_readable ro
  assert_no_side_files
  assert_journal_intact
}

@test "a journal in another user's directory (readable, not writable) reads, exports and merges" {
  [ "$(id -u)" -eq 0 ] || skip "needs root to run niggle as another user (nobody)"
  command -v setpriv >/dev/null || skip "needs setpriv (util-linux)"
  local shared
  shared=$(mktemp -d /tmp/niggle-shared-XXXXXX)
  cp "$JOURNAL" "$shared/journal.db"
  chmod 0755 "$shared"; chmod 0644 "$shared/journal.db"
  OUT=$(mktemp -d /tmp/niggle-out-XXXXXX); chmod 0777 "$OUT"
  as_nobody() {
    setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$OUT" XDG_STATE_HOME="$OUT/state" \
      XDG_CONFIG_HOME="$OUT/config" XDG_DATA_HOME="$OUT/data" NIGGLE_DB="$shared/journal.db" "$@"
  }
  JOURNAL="$shared/journal.db" expect_readable as_nobody
  assert_no_side_files "$shared"
  rm -rf "$shared" "$OUT"
}
