#!/usr/bin/env bats
# niggle remind, as cron runs it: silent and 0 when all is recorded, a reminder and 20 when not.
load helpers

setup() { setup_niggle; }

# The crontab lines of README.md, whose command is run as cron runs it: /bin/sh, a bare
# environment with HOME, LOGNAME, SHELL and PATH, plus the variables a crontab may set.
crontab_command() {
  grep -E "^[0-9*][0-9*/,-]* [0-9*/,-]+ [0-9*/,-]+ [0-9*/,-]+ [0-9*/,-]+ .*niggle $1" "$BATS_TEST_DIRNAME/../../README.md" |
    head -1 | cut -d' ' -f6-
}
run_as_cron() {
  env -i HOME="$HOME" LOGNAME=runner SHELL=/bin/sh PATH="$BIN_DIR:/usr/bin:/bin" NIGGLE_TODAY="$NIGGLE_TODAY" \
    /bin/sh -c "$1"
}

# An empty journal: made by a write, which is then undone.
empty_journal() { niggle ${1:+--db "$1"} log 1k >/dev/null 2>&1 && niggle ${1:+--db "$1"} undo >/dev/null; }

@test "remind: a missing pain score prints a reminder and exits 20; recorded, silent and 0" {
  # no journal at all: a mistyped path or a cron job without NIGGLE_DB is an error, not a reminder
  run --separate-stderr niggle remind
  [ "$status" -eq 5 ]
  [ "$stderr" = "niggle: error: no journal at '$JOURNAL' (niggle log or niggle pain creates it)" ]
  [ ! -e "$JOURNAL" ]   # reminding creates no journal
  empty_journal
  run --separate-stderr niggle remind
  [ "$status" -eq 20 ]
  [ "$output" = "No pain score recorded today (Tue 2026-11-24). Record one: niggle pain SCORE" ]
  [ -z "$stderr" ]
  niggle pain 2 --date yesterday >/dev/null
  run niggle remind
  [ "$status" -eq 20 ]
  niggle pain 2 >/dev/null
  run --separate-stderr niggle remind
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  [ -z "$stderr" ]
}

@test "remind --run-days N: no session in the last N days, today included" {
  niggle pain 1 >/dev/null
  niggle log 5k --date -3d >/dev/null
  run niggle remind --run-days 4
  [ "$status" -eq 0 ]
  run niggle remind --run-days 3
  [ "$status" -eq 20 ]
  [ "$output" = "No session logged in the last 3 days (the last: #2 Sat 2026-11-21 run: 5.00 km). Log one: niggle log DISTANCE DURATION" ]
  empty_journal "$BATS_TEST_TMPDIR/empty.db"
  run niggle --db "$BATS_TEST_TMPDIR/empty.db" remind --run-days 1
  [ "${#lines[@]}" -eq 2 ]
  [ "${lines[1]}" = "No session logged today (none yet). Log one: niggle log DISTANCE DURATION" ]
  run --separate-stderr niggle remind --run-days 0
  [ "$status" -eq 3 ]
}

@test "remind --quiet: the exit status only" {
  empty_journal
  run niggle remind --quiet
  [ "$status" -eq 20 ]
  [ -z "$output" ]
}

@test "the README's crontab line works as cron runs it" {
  BIN_DIR="$BATS_TEST_TMPDIR/bin"
  mkdir -p "$BIN_DIR"
  ln -s "$NIGGLE_BIN" "$BIN_DIR/niggle"
  line=$(crontab_command "remind$")
  [ "$line" = "niggle remind" ]
  unset XDG_DATA_HOME XDG_CONFIG_HOME
  # before the first entry there is no journal, and cron mails that
  run run_as_cron "$line"
  [ "$status" -eq 5 ]
  [ "$output" = "niggle: error: no journal at '$HOME/.local/share/niggle/journal.db' (niggle log or niggle pain creates it)" ]
  run_as_cron "niggle pain 3 --date yesterday" >/dev/null 2>&1
  run run_as_cron "$line"
  [ "$status" -eq 20 ]
  [[ "$output" == "No pain score recorded today"* ]]
  run_as_cron "niggle pain 3" >/dev/null
  [ -f "$HOME/.local/share/niggle/journal.db" ]
  run run_as_cron "$line"
  [ "$status" -eq 0 ]
  [ -z "$output" ]   # cron mails nothing
}

@test "the README's notify-send line sends the reminder, and nothing when all is recorded" {
  BIN_DIR="$BATS_TEST_TMPDIR/bin"
  mkdir -p "$BIN_DIR"
  ln -s "$NIGGLE_BIN" "$BIN_DIR/niggle"
  # a stand-in notify-send that records what it was asked to show
  printf '#!/bin/sh\nprintf "%%s|" "$@" >>"$HOME/notified"\n' >"$BIN_DIR/notify-send"
  chmod +x "$BIN_DIR/notify-send"
  line=$(crontab_command "remind.*notify-send")
  [[ "$line" == *notify-send* ]]
  unset XDG_DATA_HOME XDG_CONFIG_HOME
  run_as_cron "niggle log 5k" >/dev/null
  run_as_cron "$line" || true
  [ "$(cat "$HOME/notified")" = "niggle|No pain score recorded today (Tue 2026-11-24). Record one: niggle pain SCORE|" ]
  rm "$HOME/notified"
  run_as_cron "niggle pain 3" >/dev/null
  run_as_cron "$line" || true
  [ ! -e "$HOME/notified" ]
}
