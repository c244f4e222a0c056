#!/usr/bin/env bats
# niggle killed with SIGKILL at random moments, as a power button, the OOM killer or a
# closed laptop lid would. After every kill the journal must pass SQLite's integrity check,
# open and take a new entry, hold no half-written entry, and still hold every entry that a
# killed process had reported as stored. The random delays are reproducible: the seed is
# printed, and NIGGLE_CRASH_SEED=<seed> repeats it (NIGGLE_CRASH_KILLS sets the count).
#
# The import's all-or-nothing check joins this file when `niggle import` exists.
load helpers

setup() { setup_niggle; }

# One writer: records entries until it is killed, each with two tags (so that an entry is
# four rows: entry, session or pain, and two tags), and appends what niggle printed (only
# printed after the commit) to $1. Anything on stderr goes to $2.
writer() {
  local out=$1 err=$2 round=$3 i=0
  while :; do
    i=$((i + 1))
    if ((i % 2)); then
      niggle log "$i"00m 5:00 --tag crash,"r$round" --note "round $round entry $i" >>"$out" 2>>"$err"
    else
      niggle pain $((i % 11)) --tag crash,"r$round" --note "round $round entry $i" >>"$out" 2>>"$err"
    fi
  done
}

# One line from SQLite: integrity, orphans in either direction, entries without both tags,
# foreign keys. "ok|0|0|0|0|0|0|0" is a whole journal. A process killed while it created
# the journal may leave a blank SQLite file, which niggle adopts: "blank ok".
consistency() {
  if [ "$(sqlite3 -cmd ".timeout 5000" "$1" "SELECT count(*) FROM sqlite_master WHERE name = 'entry'")" = 0 ]; then
    echo "blank $(sqlite3 "$1" "SELECT group_concat(integrity_check) FROM pragma_integrity_check() WHERE
      (SELECT count(*) FROM sqlite_master) = 0 AND (SELECT user_version FROM pragma_user_version()) = 0")"
    return
  fi
  sqlite3 -cmd ".timeout 5000" "$1" "SELECT (SELECT group_concat(integrity_check) FROM pragma_integrity_check()) || '|' ||
    (SELECT count(*) FROM entry e WHERE e.kind = 'session' AND NOT EXISTS (SELECT 1 FROM session s WHERE s.entry_id = e.id)) || '|' ||
    (SELECT count(*) FROM entry e WHERE e.kind = 'pain' AND NOT EXISTS (SELECT 1 FROM pain p WHERE p.entry_id = e.id)) || '|' ||
    (SELECT count(*) FROM session s WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.id = s.entry_id AND e.kind = 'session')) || '|' ||
    (SELECT count(*) FROM pain p WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.id = p.entry_id AND e.kind = 'pain')) || '|' ||
    (SELECT count(*) FROM entry e WHERE (SELECT count(*) FROM tag t WHERE t.entry_id = e.id) <> 2) || '|' ||
    (SELECT count(*) FROM tag t WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.id = t.entry_id)) || '|' ||
    (SELECT count(*) FROM pragma_foreign_key_check())"
}

@test "SIGKILL at random moments while writing: the journal always opens, whole, with every reported entry" {
  local seed=${NIGGLE_CRASH_SEED:-$(($(date +%s%N) % 32768))} kills=${NIGGLE_CRASH_KILLS:-120}
  echo "# crash test: $kills kills, seed $seed (NIGGLE_CRASH_SEED=$seed repeats the delays)" >&3
  RANDOM=$seed
  local round journal pgid before=0 after mid_command=0 fresh=0 blank=0 stored=0
  for ((round = 1; round <= kills; round++)); do
    # Every tenth round starts a new journal, so that kills also land in its creation.
    if ((round % 10 == 1)); then
      journal="$BATS_TEST_TMPDIR/journal-$round.db"
      export NIGGLE_DB=$journal
      before=0
      fresh=$((fresh + 1))
    fi
    local out="$BATS_TEST_TMPDIR/out-$round" err="$BATS_TEST_TMPDIR/err-$round"
    : >"$out"
    : >"$err"
    # Its own process group, so one kill takes the loop and the niggle it is running.
    setsid bash -c "$(declare -f niggle writer); NIGGLE_BIN='$NIGGLE_BIN'; writer '$out' '$err' $round" &
    pgid=$!
    disown "$pgid" # its death is expected: no "Killed" notice from bash
    sleep "$(printf '0.%03d' $((5 + RANDOM % 60)))"
    # Counts the kills that interrupted a niggle process rather than the loop between two.
    if [ "$(pgrep -g "$pgid" | wc -l)" -gt 1 ]; then mid_command=$((mid_command + 1)); fi
    kill -KILL -- "-$pgid"
    # A process inside fsync dies only when the disk has answered: wait until the whole
    # group is gone before looking at the journal.
    local tries=0
    while pgrep -g "$pgid" >/dev/null && ((tries++ < 500)); do sleep 0.01; done

    [ ! -s "$err" ] || { echo "round $round: a writer printed an error:"; cat "$err"; return 1; }
    if [ -s "$journal" ]; then
      local state
      state=$(consistency "$journal")
      if [ "$state" = "blank ok" ]; then blank=$((blank + 1)); fi
      [ "$state" = "ok|0|0|0|0|0|0|0" ] || [ "$state" = "blank ok" ] || { echo "round $round (seed $seed): $state"; return 1; }
    fi
    # Every entry reported as stored (a whole line of output) is in the journal.
    local ids reported
    ids=$(grep -E '^(Logged|Recorded) #[0-9]+ ' "$out" | sed -E 's/^[A-Za-z]+ #([0-9]+) .*/\1/' | paste -sd, -)
    if [ -n "$ids" ]; then
      reported=$(tr ',' '\n' <<<"$ids" | wc -l)
      [ "$(sqlite3 "$journal" "SELECT count(*) FROM entry WHERE id IN ($ids)")" = "$reported" ] || {
        echo "round $round (seed $seed): of the entries reported as stored ($ids), some are missing"
        return 1
      }
      stored=$((stored + reported))
    fi
    # The journal opens and takes a new entry, and nothing that was there has gone.
    run --separate-stderr niggle pain 0 --tag crash,check --note "after kill $round"
    [ "$status" -eq 0 ] || { echo "round $round (seed $seed): niggle failed after the kill: $stderr"; return 1; }
    after=$(sqlite3 "$journal" "SELECT count(*) FROM entry")
    [ "$after" -gt "$before" ] || { echo "round $round: $after entries after, $before before"; return 1; }
    before=$after
    [ "$(file_mode "$journal")" = 600 ]
  done
  echo "# crash test: $kills kills ($mid_command inside a niggle process), $fresh new journals ($blank of them left blank by a kill), $stored reported entries all found" >&3
}
