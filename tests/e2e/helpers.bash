# Shared set-up for the end-to-end tests: every test gets its own HOME and XDG directories
# under BATS_TEST_TMPDIR, so no test ever touches a real journal, and "today" is pinned.
bats_require_minimum_version 1.5.0

setup_niggle() {
  : "${NIGGLE_BIN:?set NIGGLE_BIN to the niggle binary (ctest does)}"
  export HOME="$BATS_TEST_TMPDIR/home"
  export XDG_DATA_HOME="$BATS_TEST_TMPDIR/data"
  export XDG_CONFIG_HOME="$BATS_TEST_TMPDIR/config"
  export XDG_STATE_HOME="$BATS_TEST_TMPDIR/state"
  export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
  mkdir -p "$HOME"
  unset NIGGLE_DB NIGGLE_CONFIG NIGGLE_UNITS NO_COLOR
  export NIGGLE_TODAY=2026-11-24 # a Tuesday
  JOURNAL="$XDG_DATA_HOME/niggle/journal.db"
  CONFIG="$XDG_CONFIG_HOME/niggle/config.toml"
}

niggle() { "$NIGGLE_BIN" "$@"; }

# Tests of what niggle does on a terminal run it under script(1) or zsh's zpty, which need
# pseudo-terminals. A machine without them (a bare chroot with no /dev/pts) cannot run such
# a test at all: it is skipped there, saying why, rather than failing for the machine.
require_pseudo_terminal() {
  script -qec true /dev/null </dev/null >/dev/null 2>&1 ||
    skip "this machine cannot open a pseudo-terminal (is /dev/pts mounted?)"
}

# The number of entries in a journal, read with the sqlite3 shell.
entry_count() { sqlite3 "${1:-$JOURNAL}" "SELECT count(*) FROM entry"; }

# Asserts that a failed command printed exactly one "niggle: error:" line and nothing on stdout.
assert_one_error_line() {
  [ -z "$output" ] || { echo "stdout was: $output"; return 1; }
  [ "${#stderr_lines[@]}" -eq 1 ] || { echo "stderr had ${#stderr_lines[@]} lines: $stderr"; return 1; }
  [[ "$stderr" == "niggle: error: "* ]] || { echo "stderr: $stderr"; return 1; }
}

file_mode() { stat -c '%a' "$1"; }

# Runs a command without root's power to override file permissions, so that a read-only or
# unreadable file means the same in CI (root) as for a user. Needs setpriv (util-linux).
unprivileged() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --bounding-set=-dac_override,-dac_read_search,-fowner -- "$@"
  else
    "$@"
  fi
}

# A digest of everything a journal holds, to show that a failed command changed nothing.
journal_digest() { sqlite3 "${1:-$JOURNAL}" .dump | sha256sum; }
