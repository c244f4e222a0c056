#!/usr/bin/env bats
# Bad input, as a new user would type it: one "niggle: error:" line naming the value and
# what is accepted, a documented exit status, and the journal exactly as it was.
load helpers

setup() {
  setup_niggle
  niggle log 5k 27:30 >/dev/null
  niggle pain 3 >/dev/null
  BEFORE=$(sqlite3 "$JOURNAL" .dump | sha256sum)
}

# Runs niggle and checks status, message, one error line and an unchanged journal.
expect_error() {
  local want_status=$1 want_message=$2
  shift 2
  run --separate-stderr niggle "$@"
  [ "$status" -eq "$want_status" ] || { echo "status $status, wanted $want_status: $stderr"; return 1; }
  assert_one_error_line
  [[ "$stderr" == *"$want_message"* ]] || { echo "message: $stderr"; return 1; }
  [ "$(sqlite3 "$JOURNAL" .dump | sha256sum)" = "$BEFORE" ] || { echo "the journal changed"; return 1; }
}

@test "pain scores out of range or not numbers (exit 3)" {
  expect_error 3 "pain score '11' is out of range; give a whole number from 0 to 10" pain 11
  expect_error 3 "pain score '-1' is out of range" pain -1
  expect_error 3 "pain score 'abc' is not a number" pain abc
  expect_error 3 "pain score '7.5' is not a whole number" pain 7.5
  expect_error 3 "the pain score is empty" pain ""
}

@test "a missing pain score is a usage error (exit 2)" {
  expect_error 2 "needs a score from 0" pain
}

@test "distances and durations that are not (exit 3)" {
  expect_error 3 "'-5km' is negative" log -5km
  expect_error 3 "unknown unit 'parsecs'" log 5 parsecs
  expect_error 3 "unknown unit 'parsecs'" log "5 parsecs"
  expect_error 3 "'99:99' is not a clock time: minutes and seconds must be below 60" log 99:99
  expect_error 3 "'5k' and '45m' are both distances" log 5k 45m
  expect_error 3 "for minutes write 45min" log 5k 45m
  expect_error 3 "'0k' is zero" log 0k
  expect_error 3 "'0.0000001km' is zero" log 0.0000001km
  expect_error 3 "write decimals with a dot, as in 5.2km" log 5,2km
  expect_error 3 "over 1000 km" log 5000k
}

@test "dates that do not exist or lie ahead (exit 3)" {
  expect_error 3 "date '2026-02-30' does not exist" log 5k --date 2026-02-30
  expect_error 3 "date 'someday' is not understood; accepted: 2026-11-24 (or 2026-11-9), 2026-W47 (its Monday), today, yesterday" log 5k --date someday
  expect_error 3 "in the future (today is 2026-11-24)" pain 3 --date tomorrow
}

@test "unknown vocabulary names the accepted values and the likely one (exit 3)" {
  expect_error 3 "unknown --type 'jog'; accepted: run, walk, hike, bike, swim, elliptical, strength, other" log 5k --type jog
  expect_error 3 "did you mean 'intervals'?" log 5k --kind interval
  expect_error 3 "did you mean 'lower-back'?" pain 3 --where lowerback
  expect_error 3 "unknown --symptom 'dizzy'" pain 3 --symptom dizzy
  expect_error 3 "RPE '0' is out of range" log 5k --rpe 0
}

@test "notes: invalid UTF-8, control characters, 1 MB (exit 3)" {
  expect_error 3 "the note is not valid UTF-8 (byte 0xff at offset 4)" log 5k --note "$(printf 'bad \xff')"
  expect_error 3 "control character (0x1b)" log 5k --note "$(printf 'red \033[31m')"
  expect_error 3 "the note is 100000 bytes; the most a note can hold is 65536 bytes" log 5k --note "$(head -c 100000 /dev/zero | tr '\0' x)"
  # 1 MB is past what one command-line argument can carry, so it comes on stdin.
  head -c 1048576 /dev/zero | tr '\0' x >"$BATS_TEST_TMPDIR/note"
  run --separate-stderr niggle log 5k --note - <"$BATS_TEST_TMPDIR/note"
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"the note is 1048576 bytes"* ]]
}

@test "command-line mistakes are usage errors (exit 2) with a suggestion" {
  expect_error 2 "unknown command 'lgo' (did you mean 'log'?)" lgo 5k
  expect_error 2 "unknown option '--wher' (did you mean '--where'?)" pain 3 --wher knee
  expect_error 2 "unexpected argument '4'" pain 3 4
  expect_error 2 "too many values" log 5k 30:00 7
  expect_error 2 "--color 'purple' is not understood" log 5k --color purple
}

@test "a bad environment variable is named (exit 3)" {
  NIGGLE_TODAY=24/11/2026 expect_error 3 "NIGGLE_TODAY '24/11/2026' is not a date" log 5k
  NIGGLE_UNITS=leagues expect_error 3 "NIGGLE_UNITS 'leagues' is not a unit; accepted: km, mi" log 5k
}

@test "a broken config file gets path:line:col (exit 4) and nothing is written" {
  mkdir -p "$(dirname "$CONFIG")"
  printf 'units = "km"\nweek_start = \n' >"$CONFIG"
  expect_error 4 "$CONFIG:2:" log 5k
  printf '[advice]\nweekly_ratio = 7\n' >"$CONFIG"
  expect_error 4 "$CONFIG:2:16: 'advice.weekly_ratio' is 7; accepted: 1 to 3" log 5k
  NIGGLE_CONFIG="$BATS_TEST_TMPDIR/missing.toml" expect_error 4 "missing.toml' does not exist" log 5k
}

@test "errors go to stderr in colour only when asked, and never with NO_COLOR" {
  run --separate-stderr niggle pain 11
  [[ "$stderr" != *$'\033['* ]]
  run --separate-stderr niggle pain 11 --color always
  [[ "$stderr" == *$'\033['* ]]
  NO_COLOR=1 run --separate-stderr niggle pain 11 --color never
  [[ "$stderr" != *$'\033['* ]]
}
