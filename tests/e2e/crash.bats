#!/usr/bin/env bats
# niggle killed with SIGKILL at random moments, as a power button, the OOM killer or a
# closed laptop lid would. After every kill the journal must pass SQLite's integrity check,
# open and take a new entry, hold no half-written entry, and still hold every entry that a
# killed process had reported as stored. The random delays are reproducible: the seed is
# printed, and NIGGLE_CRASH_SEED=<seed> repeats it (NIGGLE_CRASH_KILLS sets the count).
#
# The import's all-or-nothing check joins this file when `niggle import` exists.
load helpers

# The journals live in memory (tmpfs, /dev/shm) where there is one: a killed process loses
# nothing from the page cache whatever the file system, and without disk flushes to wait
# for, the same time holds several times more kills. NIGGLE_CRASH_DIR=<dir> puts them on
# another file system (docs/RELIABILITY.md has a run on disk).
setup() {
  setup_niggle
  local base=${NIGGLE_CRASH_DIR:-/dev/shm}
  if [ -d "$base" ] && [ -w "$base" ]; then
    CRASH_DIR=$(mktemp -d "$base/niggle-crash.XXXXXX")
  else
    CRASH_DIR=$BATS_TEST_TMPDIR
  fi
}

teardown() {
  # Should the test fail half-way, its writer must not outlive it.
  if [ -n "${WRITER_GROUP:-}" ]; then kill -KILL -- "-$WRITER_GROUP" 2>/dev/null || true; fi
  if [ "$CRASH_DIR" != "$BATS_TEST_TMPDIR" ]; then rm -rf "$CRASH_DIR"; fi
}

# One writer: records entries until it is killed, each with two tags (so that an entry is
# four rows: entry, session or pain, and two tags), and appends what niggle printed (only
# printed after the commit) to $1. Anything on stderr goes to $2. $3 gets "start" before
# each niggle and "end" after it, so that a kill is known to have landed inside niggle.
writer() {
  local out=$1 err=$2 progress=$3 round=$4 i=0
  while :; do
    i=$((i + 1))
    echo start >>"$progress"
    if ((i % 2)); then
      niggle log "$i"00m 5:00 --tag crash,"r$round" --note "round $round entry $i" >>"$out" 2>>"$err"
    else
      niggle pain $((i % 11)) --tag crash,"r$round" --note "round $round entry $i" >>"$out" 2>>"$err"
    fi
    echo end >>"$progress"
  done
}

# One line from SQLite about journal $1: integrity, orphans in either direction, entries
# without both tags, foreign keys, and how many of the entries $2 (ids, comma-separated)
# are there. "ok|0|0|0|0|0|0|0|N" is a whole journal holding N of them. A process killed
# while it created the journal may leave a blank SQLite file, which niggle adopts: "blank ok".
consistency() {
  local found="0"
  if [ -n "$2" ]; then found="(SELECT count(*) FROM entry WHERE id IN ($2))"; fi
  sqlite3 -cmd ".timeout 5000" "$1" "SELECT (SELECT group_concat(integrity_check) FROM pragma_integrity_check()) || '|' ||
    (SELECT count(*) FROM entry e WHERE e.kind = 'session' AND NOT EXISTS (SELECT 1 FROM session s WHERE s.entry_id = e.id)) || '|' ||
    (SELECT count(*) FROM entry e WHERE e.kind = 'pain' AND NOT EXISTS (SELECT 1 FROM pain p WHERE p.entry_id = e.id)) || '|' ||
    (SELECT count(*) FROM session s WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.id = s.entry_id AND e.kind = 'session')) || '|' ||
    (SELECT count(*) FROM pain p WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.id = p.entry_id AND e.kind = 'pain')) || '|' ||
    (SELECT count(*) FROM entry e WHERE (SELECT count(*) FROM tag t WHERE t.entry_id = e.id) <> 2) || '|' ||
    (SELECT count(*) FROM tag t WHERE NOT EXISTS (SELECT 1 FROM entry e WHERE e.id = t.entry_id)) || '|' ||
    (SELECT count(*) FROM pragma_foreign_key_check()) || '|' || $found" 2>/dev/null && return
  # No entry table: only a blank database (no schema, version 0) is acceptable.
  echo "blank $(sqlite3 "$1" "SELECT group_concat(integrity_check) FROM pragma_integrity_check() WHERE
    (SELECT count(*) FROM sqlite_master) = 0 AND (SELECT user_version FROM pragma_user_version()) = 0")"
}

@test "SIGKILL at random moments while writing: the journal always opens, whole, with every reported entry" {
  local seed=${NIGGLE_CRASH_SEED:-$(($(date +%s%N) % 32768))} kills=${NIGGLE_CRASH_KILLS:-120}
  echo "# crash test: $kills kills, seed $seed (NIGGLE_CRASH_SEED=$seed repeats the delays), in $CRASH_DIR" >&3
  RANDOM=$seed
  # Delays span about three commands' time, whatever the build's speed (a sanitizer build is
  # several times slower), so kills land all through a command's life, not only its start.
  local started span
  started=$(date +%s%N)
  for i in 1 2 3 4; do niggle --db "$CRASH_DIR/timing.db" log 5k >/dev/null; done
  span=$((($(date +%s%N) - started) * 3 / 4 / 1000000 + 10))
  echo "# crash test: one command takes about $((span / 3)) ms here; delays of 5 to $((span + 5)) ms" >&3
  local round journal pgid before=0 after mid_command=0 fresh=0 blank=0 stored=0
  for ((round = 1; round <= kills; round++)); do
    # Every tenth round starts a new journal, so that kills also land in its creation.
    if ((round % 10 == 1)); then
      journal="$CRASH_DIR/journal-$round.db"
      export NIGGLE_DB=$journal
      before=0
      fresh=$((fresh + 1))
    fi
    local out="$BATS_TEST_TMPDIR/out-$round" err="$BATS_TEST_TMPDIR/err-$round" progress="$BATS_TEST_TMPDIR/progress-$round"
    : >"$out"
    : >"$err"
    : >"$progress"
    # Its own process group, so one kill takes the loop and the niggle it is running. (It
    # closes bats's file descriptor 3, which bats waits on.)
    setsid bash -c "$(declare -f niggle writer); NIGGLE_BIN='$NIGGLE_BIN'; writer '$out' '$err' '$progress' $round" 3>&- &
    pgid=$!
    WRITER_GROUP=$pgid
    disown "$pgid" # its death is expected: no "Killed" notice from bash
    # The random delay counts from the moment the group exists: on a loaded machine setsid
    # itself may take longer than the delay.
    local tries=0
    until kill -0 -- "-$pgid" 2>/dev/null || ((tries++ > 2000)); do sleep 0.005; done
    local delay=$((5 + RANDOM % span))
    sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
    kill -KILL -- "-$pgid"
    # A process inside fsync dies only when the disk has answered: wait until the whole
    # group is gone before looking at the journal.
    tries=0
    while kill -0 -- "-$pgid" 2>/dev/null && ((tries++ < 2000)); do sleep 0.005; done
    if [ "$(tail -n 1 "$progress")" = start ]; then mid_command=$((mid_command + 1)); fi

    [ ! -s "$err" ] || { echo "round $round: a writer printed an error:"; cat "$err"; return 1; }
    # The ids of the entries the killed writer reported as stored (whole lines only).
    local ids="" line reported=0
    while IFS= read -r line; do
      if [[ "$line" =~ ^(Logged|Recorded)\ \#([0-9]+)\  ]]; then
        ids+="${ids:+,}${BASH_REMATCH[2]}"
        reported=$((reported + 1))
      fi
    done <"$out"
    if [ -s "$journal" ]; then
      local state
      state=$(consistency "$journal" "$ids")
      if [ "$state" = "blank ok" ] && ((reported == 0)); then
        blank=$((blank + 1))
      elif [ "$state" != "ok|0|0|0|0|0|0|0|$reported" ]; then
        echo "round $round (seed $seed): $state (integrity|orphans x4|tags|keys|reported entries found: $reported wanted)"
        return 1
      fi
    else
      ((reported == 0)) || { echo "round $round: $reported entries reported, and no journal"; return 1; }
    fi
    stored=$((stored + reported))
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
