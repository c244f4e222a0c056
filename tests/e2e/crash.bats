#!/usr/bin/env bats
# niggle killed with SIGKILL at random moments, as a power button, the OOM killer or a
# closed laptop lid would. After every kill the journal must pass SQLite's integrity check,
# open and take a new entry, hold no half-written entry, and still hold every entry that a
# killed process had reported as stored. The random delays are reproducible: the seed is
# printed, and NIGGLE_CRASH_SEED=<seed> repeats it (NIGGLE_CRASH_KILLS sets the count).
#
# The second test kills `niggle import` of 3,000 entries (NIGGLE_CRASH_IMPORT_ENTRIES) at
# random moments, 30 times (NIGGLE_CRASH_IMPORT_KILLS): the journal must then pass the
# integrity check, open, and hold all of the import or none of it, with its change log
# agreeing; the seed repeats these delays too.
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
      niggle log "$i"00m "$((i * 30))s" --tag crash,"r$round" --note "round $round entry $i" >>"$out" 2>>"$err"
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
  for i in 1 2 3 4; do niggle --db "$CRASH_DIR/timing.db" log "${i}0k" >/dev/null; done
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

    # The lines allowed: the writer that created a new journal says so, and a run like one an
    # earlier round of the same journal logged that day is said to look logged again.
    ! grep -v -e "^niggle: created a new journal at '$journal'\$" \
      -e '^niggle: warning: looks like #[0-9]* logged again (.*); niggle undo removes this one$' "$err" >/dev/null ||
      { echo "round $round: a writer printed an error:"; cat "$err"; return 1; }
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

# Journal $1 in one line: integrity, foreign keys, entries, change sets, logged changes, and
# entries of the big import (their notes start "import entry").
import_state() {
  sqlite3 -cmd ".timeout 5000" "$1" "SELECT (SELECT group_concat(integrity_check) FROM pragma_integrity_check()) || '|' ||
    (SELECT count(*) FROM pragma_foreign_key_check()) || '|' || (SELECT count(*) FROM entry) || '|' ||
    (SELECT count(*) FROM change_set) || '|' || (SELECT count(*) FROM change) || '|' ||
    (SELECT count(*) FROM entry WHERE note LIKE 'import entry %')"
}

@test "SIGKILL at random moments during a large import: the journal holds all of it or none of it" {
  local seed=${NIGGLE_CRASH_SEED:-$(($(date +%s%N) % 32768))} kills=${NIGGLE_CRASH_IMPORT_KILLS:-30}
  local entries=${NIGGLE_CRASH_IMPORT_ENTRIES:-3000}
  echo "# import crash test: $kills kills of an import of $entries entries, seed $seed (NIGGLE_CRASH_SEED=$seed repeats the delays)" >&3
  RANDOM=$seed
  # The files to import: $entries sessions and pain entries, exported by niggle itself as
  # JSON and as CSV (both with UUIDs, so that importing one again changes nothing).
  local source="$CRASH_DIR/source.db" json="$CRASH_DIR/import.json" csv="$CRASH_DIR/import.csv"
  awk -v n="$entries" 'BEGIN {
    print "kind,date,distance_km,duration_s,score,tags,note"
    for (i = 1; i <= n; i++) {
      day = sprintf("2025-%02d-%02d", i % 12 + 1, i % 28 + 1)
      if (i % 2) printf "session,%s,%d.%d,%d,,imported,\"import entry %d\"\n", day, 3 + i % 10, i % 10, 1200 + i, i
      else printf "pain,%s,,,%d,imported,\"import entry %d\"\n", day, i % 11, i
    }
  }' >"$CRASH_DIR/generated.csv"
  niggle --db "$source" import -q "$CRASH_DIR/generated.csv"
  niggle --db "$source" export -o "$json"
  niggle --db "$source" export --format csv -o "$csv"
  # The journal each round starts from: a few entries of its own, and their change sets.
  local base="$CRASH_DIR/base.db"
  niggle --db "$base" log 5k --note "before the import" >/dev/null
  niggle --db "$base" pain 3 --note "before the import" >/dev/null
  local none all
  none=$(import_state "$base")
  [ "$none" = "ok|0|2|2|2|0" ]
  all="ok|0|$((2 + entries))|3|$((2 + entries))|$entries"
  # Delays span the whole import and a little more, whatever the build's speed: the faster
  # of two imports, plus a tenth.
  local started took fastest=0 span
  for file in "$json" "$csv"; do
    cp "$base" "$CRASH_DIR/timing.db"
    started=$(date +%s%N)
    niggle --db "$CRASH_DIR/timing.db" import -q "$file"
    took=$((($(date +%s%N) - started) / 1000000))
    if ((fastest == 0 || took < fastest)); then fastest=$took; fi
    [ "$(import_state "$CRASH_DIR/timing.db")" = "$all" ]
    rm -f "$CRASH_DIR/timing.db"*
  done
  span=$((fastest * 11 / 10 + 10))
  echo "# import crash test: one import takes about $fastest ms here; delays of 5 to $((span + 5)) ms" >&3

  local round journal file pgid state mid_import=0 got_none=0 got_all=0 none_mid=0 all_mid=0 in_transaction=0 redone=0
  for ((round = 1; round <= kills; round++)); do
    journal="$CRASH_DIR/import-$round.db"
    cp "$base" "$journal"
    if ((round % 2)); then file=$json; else file=$csv; fi
    local out="$BATS_TEST_TMPDIR/import-out-$round" err="$BATS_TEST_TMPDIR/import-err-$round"
    local progress="$BATS_TEST_TMPDIR/import-progress-$round"
    : >"$out"
    : >"$err"
    : >"$progress"
    setsid bash -c "$(declare -f niggle); NIGGLE_BIN='$NIGGLE_BIN'
      echo start >>'$progress'; niggle --db '$journal' import -q '$file' >>'$out' 2>>'$err'; echo end >>'$progress'" 3>&- &
    pgid=$!
    WRITER_GROUP=$pgid
    disown "$pgid"
    local tries=0
    until kill -0 -- "-$pgid" 2>/dev/null || ((tries++ > 2000)); do sleep 0.005; done
    local delay=$((5 + RANDOM % span))
    sleep "$((delay / 1000)).$(printf '%03d' $((delay % 1000)))"
    kill -KILL -- "-$pgid" 2>/dev/null || true # a late kill finds the import done and gone
    tries=0
    while kill -0 -- "-$pgid" 2>/dev/null && ((tries++ < 2000)); do sleep 0.005; done
    local mid=0 wal
    if [ "$(tail -n 1 "$progress")" = start ]; then mid=1 mid_import=$((mid_import + 1)); fi
    # The base journal has no -wal: one with frames in it was written by the import, so a kill
    # that leaves it and none of the import landed inside the import's transaction.
    wal=$(stat -c %s "$journal-wal" 2>/dev/null || echo 0)

    [ ! -s "$err" ] || { echo "round $round: the import printed an error:"; cat "$err"; return 1; }
    state=$(import_state "$journal")
    if [ "$state" = "$none" ]; then
      got_none=$((got_none + 1)) none_mid=$((none_mid + mid))
      if ((wal > 0)); then in_transaction=$((in_transaction + 1)); fi
    elif [ "$state" = "$all" ]; then
      got_all=$((got_all + 1)) all_mid=$((all_mid + mid))
    else
      echo "round $round (seed $seed, delay $delay ms): $state; wanted none ($none) or all ($all) (integrity|keys|entries|change sets|changes|imported)"
      return 1
    fi
    # The journal opens and takes a new entry, stays private, and (every fifth round) the
    # import run again completes: all of it once, never twice.
    run --separate-stderr niggle --db "$journal" pain 0 --note "after kill $round"
    [ "$status" -eq 0 ] || { echo "round $round (seed $seed): niggle failed after the kill: $stderr"; return 1; }
    [ "$(file_mode "$journal")" = 600 ]
    if ((round % 5 == 0)); then
      niggle --db "$journal" import -q "$file"
      state=$(import_state "$journal")
      [[ "$state" == "ok|0|$((3 + entries))|"*"|$entries" ]] || { echo "round $round: after the import again: $state"; return 1; }
      redone=$((redone + 1))
    fi
    rm -f "$journal" "$journal-wal" "$journal-shm"
  done
  echo "# import crash test: $kills kills ($mid_import while niggle import ran): none of the import $got_none times ($none_mid of them mid-import, $in_transaction with the import's uncommitted pages in the WAL), all of it $got_all times ($all_mid of them mid-import), imported again to the end $redone times" >&3
}

# niggle sync (sync.bats has the rest): one device's journal and one folder per test.
on_device() { local device=$1; shift; "$NIGGLE_BIN" --db "$BATS_TEST_TMPDIR/$device.db" "$@"; }
sync_device() { mkdir -p "$BATS_TEST_TMPDIR/Sync"; on_device "$1" sync --name "$1" "$BATS_TEST_TMPDIR/Sync" "${@:2}"; }

@test "a sync killed at any moment leaves the journal and the folder whole" {
  # A journal large enough that a sync takes a while: 3,000 days of runs and pain.
  python3 - "$BATS_TEST_TMPDIR/big.json" <<'PY'
import json, sys, uuid, datetime
entries = []
day = datetime.date(2018, 1, 1)
for i in range(3000):
    d = (day + datetime.timedelta(days=i)).isoformat()
    t = f"{d}T07:00:00Z"
    entries.append({"kind": "session", "uuid": str(uuid.UUID(int=2 * i + 1, version=4)), "date": d, "type": "run",
                    "distance_km": 5.0 + i % 7, "duration_s": 1800, "created_at": t, "modified_at": t})
    entries.append({"kind": "pain", "uuid": str(uuid.UUID(int=2 * i + 2, version=4)), "date": d, "score": i % 6,
                    "created_at": t, "modified_at": t})
json.dump({"format": "niggle-journal", "version": 1, "entries": entries, "removed": []}, open(sys.argv[1], "w"))
PY
  on_device phone import "$BATS_TEST_TMPDIR/big.json" >/dev/null
  sync_device phone >/dev/null
  on_device laptop pain 2 >/dev/null
  local killed=0
  for delay in 0.005 0.01 0.02 0.03 0.05 0.08 0.12 0.2; do
    sync_device laptop >/dev/null 2>&1 &
    local pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
    wait "$pid" 2>/dev/null || true
    [ "$(sqlite3 "$BATS_TEST_TMPDIR/laptop.db" 'PRAGMA integrity_check')" = ok ]
    # the folder holds whole exports only
    for file in "$BATS_TEST_TMPDIR/Sync"/*.niggle.json; do jq -e '.format == "niggle-journal"' "$file" >/dev/null; done
    # either all of phone's entries arrived, or none did
    local n
    n=$(entry_count "$BATS_TEST_TMPDIR/laptop.db")
    [ "$n" -eq 1 ] || [ "$n" -eq 6001 ]
  done
  echo "killed $killed syncs mid-way"
  run sync_device laptop
  [ "$status" -eq 0 ]
  [ "$(entry_count "$BATS_TEST_TMPDIR/laptop.db")" -eq 6001 ]
  jq -e '.entries | length == 6001' "$BATS_TEST_TMPDIR/Sync/laptop.niggle.json"
}
