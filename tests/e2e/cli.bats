#!/usr/bin/env bats
# The command line itself: help, version, config.
load helpers

setup() { setup_niggle; }

@test "--version prints the version of CMakeLists.txt, and the commit when there is one" {
  run --separate-stderr niggle --version
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  [[ "$output" =~ ^niggle\ ([0-9]+\.[0-9]+\.[0-9]+)(\ \(commit\ ([0-9a-f]{7,40})(-dirty)?\))?$ ]] ||
    { echo "--version: $output"; return 1; }
  source_dir=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
  project_version=$(sed -n 's/^project(niggle VERSION \([0-9.]*\) .*/\1/p' "$source_dir/CMakeLists.txt")
  [ "${BASH_REMATCH[1]}" = "$project_version" ]
  # A named commit is one of this repository's (tests/e2e/version.bats tests the lookup).
  if [ -n "${BASH_REMATCH[3]}" ]; then
    git -C "$source_dir" cat-file -e "${BASH_REMATCH[3]}^{commit}"
  fi
}

@test "--help on every command leads with examples" {
  for command in log pain config; do
    run niggle "$command" --help
    [ "$status" -eq 0 ]
    examples=$(echo "$output" | grep -n '^Examples:' | cut -d: -f1)
    options=$(echo "$output" | grep -n '^Options:' | cut -d: -f1)
    [ -n "$examples" ] && [ "$examples" -lt "$options" ] || { echo "$command: $output"; return 1; }
  done
}

@test "the overview gives each command one line" {
  run niggle --help
  [ "$status" -eq 0 ]
  overview=$(echo "$output" | sed -n '/^Subcommands:/,$p')
  for command in log pain advise week list edit rm undo remind export import backup config; do
    echo "$overview" | grep -qE "^  $command(,| )" || { echo "no line for $command"; return 1; }
  done
  # Summaries only: the examples belong to each command's own --help.
  [[ "$overview" != *"Examples:"* ]]
}

@test "niggle alone prints the overview" {
  run niggle
  [ "$status" -eq 0 ]
  [[ "$output" == *"log"*"pain"*"config"* ]]
}

@test "config shows each setting and where it came from" {
  mkdir -p "$(dirname "$CONFIG")"
  printf 'week_start = "sunday"\n[advice]\nweekly_ratio = 1.2\n' >"$CONFIG"
  run --separate-stderr env NIGGLE_UNITS=mi "$NIGGLE_BIN" config
  [ "$status" -eq 0 ]
  [[ "$output" == *"units"*"mi"*"NIGGLE_UNITS"* ]]
  echo "$output" | grep -E "^week_start +sunday +config file $CONFIG$"
  echo "$output" | grep -E "^advice.weekly_ratio +1.2 +config file"
  echo "$output" | grep -E "^advice.spike_ratio +1.1 +default$"
  run niggle config --units km --json
  echo "$output" | jq -e '.settings.units == {"value": "km", "origin": "--units"}'
  echo "$output" | jq -e '.settings."advice.weekly_ratio".value == 1.2'
  echo "$output" | jq -e --arg j "$JOURNAL" '.journal.path == $j and .journal.exists == false'
  [ ! -e "$JOURNAL" ]
}

@test "config --defaults is a config file that parses back to the defaults" {
  mkdir -p "$(dirname "$CONFIG")"
  niggle config --defaults >"$CONFIG"
  run --separate-stderr niggle config --json
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  # Every key with a default is set by the file; journal_start, sync_dir and sync_name have
  # none (they are commented out in it) and stay unset: the host name names the device.
  echo "$output" | jq -e '[.settings | to_entries[] | select((.key | startswith("sync_")) or .key == "journal_start" | not) | .value.origin] | all(. == "config file")'
  echo "$output" | jq -e '.settings.sync_dir == {"value": "", "origin": "default"} and .settings.sync_name.origin == "host name"'
  echo "$output" | jq -e '.settings.journal_start.origin == "default"'
}

@test "unknown config keys warn on stderr but do not stop the command" {
  mkdir -p "$(dirname "$CONFIG")"
  printf 'unts = "mi"\n' >"$CONFIG"
  run --separate-stderr niggle log 5k
  [ "$status" -eq 0 ]
  [ "${stderr_lines[0]}" = "niggle: warning: $CONFIG:1:1: unknown key 'unts' is ignored" ]
  [ "${stderr_lines[1]}" = "niggle: created a new journal at '$JOURNAL'" ]
  [ "${#stderr_lines[@]}" -eq 2 ]
}

@test "--help on every command leads with examples, and every command is in niggle --help" {
  for command in list history edit rm undo remind export import backup; do
    run niggle "$command" --help
    [ "$status" -eq 0 ]
    examples=$(echo "$output" | grep -n '^Examples:' | cut -d: -f1)
    options=$(echo "$output" | grep -n '^Options:' | cut -d: -f1)
    [ -n "$examples" ] && [ "$examples" -lt "$options" ] || { echo "$command: $output"; return 1; }
  done
  run --separate-stderr niggle hsitory
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"unknown command 'hsitory' (did you mean 'history'?)"* ]]
  run --separate-stderr niggle remidn
  [[ "$stderr" == *"(did you mean 'remind'?)"* ]]
}

@test "man niggle shows the page, with every command and exit status 20" {
  command -v man >/dev/null || { [ -z "${CI:-}" ] || return 1; skip "man-db is not installed"; }
  mkdir -p "$BATS_TEST_TMPDIR/man/man1"
  cp "$BATS_TEST_DIRNAME/../../man/niggle.1" "$BATS_TEST_TMPDIR/man/man1/"
  run env MANPATH="$BATS_TEST_TMPDIR/man" MANWIDTH=100 man -P cat niggle
  [ "$status" -eq 0 ]
  [[ "$output" == *"NIGGLE(1)"* ]]
  for command in log pain list edit rm undo remind export import backup config; do
    echo "$output" | grep -qE "^ {3}$command\$" || { echo "no section for $command"; return 1; }
  done
  [[ "$output" == *"0 21 * * * niggle remind"* ]]
  [[ "$output" == *"notify-send"* ]]
}
