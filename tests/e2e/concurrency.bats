#!/usr/bin/env bats
# Several niggle processes writing to one journal at the same moment, as a cron job and a
# person (or two shells) do. Every entry must arrive, nobody may see "database is locked",
# and the file must pass SQLite's integrity check. The journal does not exist when the
# writers start, so they also race to create it.
load helpers

setup() { setup_niggle; }

# Starts $1 writers that each record $2 entries (runs and pain scores, alternating), waits
# for them all, and leaves each writer's failures and stderr in $BATS_TEST_TMPDIR/w<N>.*.
run_writers() {
  local writers=$1 entries=$2 w
  for ((w = 1; w <= writers; w++)); do
    (
      for ((i = 1; i <= entries; i++)); do
        if ((i % 2)); then
          niggle log "$i"00m "$((i * 30))s" --note "w$w e$i" >/dev/null 2>>"$BATS_TEST_TMPDIR/w$w.err" || echo "log $i: $?" >>"$BATS_TEST_TMPDIR/w$w.fail"
        else
          niggle pain $((i % 11)) --note "w$w e$i" >/dev/null 2>>"$BATS_TEST_TMPDIR/w$w.err" || echo "pain $i: $?" >>"$BATS_TEST_TMPDIR/w$w.fail"
        fi
      done
    ) &
  done
  wait
}

# Checks that each of $1 writers stored its $2 entries, complete, and that no process failed
# or printed anything on stderr but the one that created the journal (so no "database is
# locked" or "busy" reached anyone).
check_writers() {
  local writers=$1 entries=$2 w
  for ((w = 1; w <= writers; w++)); do
    [ ! -s "$BATS_TEST_TMPDIR/w$w.fail" ] || { echo "writer $w failed:"; head "$BATS_TEST_TMPDIR/w$w.fail"; return 1; }
  done
  # The one process that created the journal says so; no other line, from any writer.
  local said
  # Writers log the same distances on the same day, so a duplicate warning is expected; only that.
  said=$(cat "$BATS_TEST_TMPDIR"/w*.err 2>/dev/null | grep -vE "^niggle: warning: looks like #[0-9]+ logged again \(.*\); niggle undo removes this one$")
  [ "$said" = "niggle: created a new journal at '$JOURNAL'" ] || { echo "the writers' stderr: $said"; return 1; }
  ! grep -qiE "locked|busy" "$BATS_TEST_TMPDIR"/w*.err 2>/dev/null
  [ "$(entry_count)" -eq $((writers * entries)) ] || { echo "$(entry_count) entries, wanted $((writers * entries))"; return 1; }
  [ "$(sqlite3 "$JOURNAL" "SELECT count(DISTINCT note) FROM entry")" -eq $((writers * entries)) ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session")" -eq $((writers * ((entries + 1) / 2))) ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM pain")" -eq $((writers * (entries / 2))) ]
  for ((w = 1; w <= writers; w++)); do
    [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM entry WHERE note LIKE 'w$w e%'")" -eq "$entries" ]
  done
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA foreign_key_check")" = "" ]
}

@test "2 writers x 500 entries at once: all 1000 stored, none refused, integrity ok" {
  run_writers 2 500
  check_writers 2 500
}

# A longer soak, outside CI's time: NIGGLE_SOAK_WRITERS=12 NIGGLE_SOAK_ENTRIES=2000.
@test "8 writers x 500 entries at once (or NIGGLE_SOAK_WRITERS x NIGGLE_SOAK_ENTRIES): all stored, none refused, integrity ok" {
  local writers=${NIGGLE_SOAK_WRITERS:-8} entries=${NIGGLE_SOAK_ENTRIES:-500}
  run_writers "$writers" "$entries"
  check_writers "$writers" "$entries"
  echo "# concurrency: $writers writers x $entries entries, $((writers * entries)) stored" >&3
}
