#!/usr/bin/env bats
# Everyday use: dates as people say them, help, config set, plausibility and duplicates,
# undo that shows and asks, redo, monthly and yearly summaries, advise --short.
load helpers

setup() { setup_niggle; }

day_of() { sqlite3 "$JOURNAL" "SELECT day FROM entry WHERE id = $1"; }

# --- dates ------------------------------------------------------------------------------

@test "every --date form people say is read as the day it names (today is Tue 2026-11-24)" {
  declare -A expected=(
    ["2 days ago"]=2026-11-22 ["1 week ago"]=2026-11-17 ["last monday"]=2026-11-23 ["last tue"]=2026-11-17
    ["nov 9"]=2026-11-09 ["9 nov"]=2026-11-09 ["9 november"]=2026-11-09 ["2026-11-9"]=2026-11-09
    ["2026-W47"]=2026-11-16 ["tue"]=2026-11-24 ["dec 1"]=2025-12-01 ["31 oct"]=2026-10-31
  )
  id=0
  for form in "${!expected[@]}"; do
    run --separate-stderr niggle pain 2 --date "$form"
    [ "$status" -eq 0 ] || { echo "$form: $stderr"; return 1; }
    id=$((id + 1))
    [ "$(day_of "$id")" = "${expected[$form]}" ] || { echo "$form -> $(day_of "$id"), not ${expected[$form]}"; return 1; }
  done
}

@test "list --since and --until take the same forms" {
  niggle pain 1 --date 2026-11-02
  niggle pain 2 --date "last monday"
  niggle pain 3
  run --separate-stderr niggle list --since "2026-W48" --until "1 day ago" --csv
  [ "$status" -eq 0 ]
  [ "$(echo "$output" | tail -n +2 | wc -l)" -eq 1 ]
  [[ "$output" == *"2026-11-23"* ]]
}

@test "a date that is not understood lists the forms, and a future date is refused for log" {
  run --separate-stderr niggle log 5k 30:00 --date "someday soon"
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"'someday soon' is not understood"*"2026-W47"*"'3 days ago'"*"'last mon'"*"'nov 9'"* ]]
  run --separate-stderr niggle log 5k 30:00 --date "next monday"
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"2026-11-30, in the future"* ]]
  run --separate-stderr niggle log 5k 30:00 --date "30 feb"
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"does not exist in the calendar"* ]]
  [ ! -e "$JOURNAL" ]
}

@test "advise --date: a bare weekday is the next one, and one day ahead is singular" {
  niggle log 5k 30:00 --date -2d
  run --separate-stderr niggle advise --date mon --json
  [ "$(echo "$output" | jq -r .date)" = 2026-11-30 ]
  [ "$(echo "$output" | jq -r .days_ahead)" = 6 ]
  run --separate-stderr niggle advise --date tue --json
  [ "$(echo "$output" | jq -r .days_ahead)" = 0 ]
  run --separate-stderr niggle advise --date wed
  [[ "$output" == *"1 day ahead"* ]]
  [[ "$output" != *"1 days ahead"* ]]
}

# --- help and version -------------------------------------------------------------------

@test "niggle help CMD is CMD --help, -V is --version" {
  run --separate-stderr niggle help log
  [ "$status" -eq 0 ]
  [ "$output" = "$(niggle log --help)" ]
  run --separate-stderr niggle help
  [ "$status" -eq 0 ]
  [ "$output" = "$(niggle --help)" ]
  [[ "$output" == *"help"*"show a command's help"* ]]
  run --separate-stderr niggle help lgo
  [ "$status" -eq 2 ]
  assert_one_error_line
  [[ "$stderr" == *"there is no command 'lgo' (did you mean 'log'?)"* ]]
  run --separate-stderr niggle -V
  [ "$status" -eq 0 ]
  [ "$output" = "$(niggle --version)" ]
  [[ "$output" == "niggle "[0-9]* ]]
}

# --- config set -------------------------------------------------------------------------

@test "config set on a fresh machine creates the folders and the file privately" {
  [ ! -e "$XDG_CONFIG_HOME" ]
  run --separate-stderr niggle config set units mi
  [ "$status" -eq 0 ]
  [ "$output" = "units = mi  (in $CONFIG)" ]
  [ "$(file_mode "$CONFIG")" = 600 ]
  [ "$(file_mode "$XDG_CONFIG_HOME/niggle")" = 700 ]
  [ "$(cat "$CONFIG")" = 'units = "mi"' ]
  [ "$(niggle config --json | jq -r '.settings.units.value')" = mi ]
  run --separate-stderr niggle config set advice.weekly_ratio 1.2
  [ "$status" -eq 0 ]
  [ "$(printf 'units = "mi"\n\n[advice]\nweekly_ratio = 1.2')" = "$(cat "$CONFIG")" ]
}

@test "config set keeps comments and order, and config unset removes one key" {
  mkdir -p "$(dirname "$CONFIG")"
  niggle config --defaults > "$CONFIG"
  before=$(wc -l < "$CONFIG")
  run --separate-stderr niggle config set advice.stop_pain 4
  [ "$status" -eq 0 ]
  [ "$(wc -l < "$CONFIG")" -eq "$before" ]
  grep -q '^stop_pain *= 4 *# P5: stop a run if pain passes this$' "$CONFIG"
  grep -q '^# niggle configuration' "$CONFIG"
  [ "$(grep -n '^stop_pain' "$CONFIG" | cut -d: -f1)" = "$(niggle config --defaults | grep -n '^stop_pain' | cut -d: -f1)" ]
  run --separate-stderr niggle config unset week_start
  [ "$status" -eq 0 ]
  [ "$output" = "week_start = monday  (the default; removed from $CONFIG)" ]
  ! grep -q '^week_start' "$CONFIG"
  [ "$(wc -l < "$CONFIG")" -eq $((before - 1)) ]
  [ "$(niggle config --json | jq -r '.settings["advice.stop_pain"].value')" = 4 ]
}

@test "config set refuses what the config loader refuses, and writes nothing" {
  for args in "units furlongs" "advice.stop_pain 11" "advice.stop_pain 4.5" "advice.weekly_ratio lots" "advice.mild_pain 9" "colour red" "log.fastest_ride_kmh 500"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle config set $args
    [ "$status" -eq 3 ] || { echo "$args: $status $stderr"; return 1; }
    assert_one_error_line
  done
  [ ! -e "$CONFIG" ]
  run --separate-stderr niggle config set units furlongs
  [[ "$stderr" == *"'units' is 'furlongs'; accepted: km, mi"* ]]
  run --separate-stderr niggle config set advice.stop_pain 11
  [[ "$stderr" == *"accepted: 0 to 10"* ]]
  run --separate-stderr niggle config set untis mi
  [[ "$stderr" == *"'untis' is not a setting (did you mean 'units'?)"* ]]
  run --separate-stderr niggle config set units
  [ "$status" -eq 2 ]
}

# --- plausibility and duplicates ---------------------------------------------------------

@test "a run at an impossible pace is refused with the likely reading, unless --force" {
  run --separate-stderr niggle log 5mi 1:05
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"faster than a run can be (2:30 /km)"* ]]
  [[ "$stderr" == *"1:05 was read as 1 min 05 s; for 1 h 05 min write 1:05:00 or 1h05"*"--force"* ]]
  [ ! -e "$JOURNAL" ]
  run --separate-stderr niggle log 500k 20:00
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"500.00 km in 20:00"* ]]
  run --separate-stderr niggle log 5mi 1:05 --force
  [ "$status" -eq 0 ]
  [ "$(entry_count)" -eq 1 ]
}

@test "plausibility at each threshold: 2:30 /km and 30:00 /km runs, 5:00 /km walks, 80 km/h rides" {
  run niggle log 10k 25:00; [ "$status" -eq 0 ]            # exactly 2:30 /km
  run niggle log 10k 24:59; [ "$status" -eq 3 ]
  run niggle log 2k 1:00:00; [ "$status" -eq 0 ]           # exactly 30:00 /km
  run niggle log 2k 1:00:01; [ "$status" -eq 3 ]
  [[ "$output" == *"slower than a run (30:00 /km)"* ]]
  run niggle log 4k 20:00 --type walk; [ "$status" -eq 0 ]  # 5:00 /km
  run niggle log 4k 19:59 --type walk; [ "$status" -eq 3 ]
  run niggle log 80k 1:00:00 --type bike; [ "$status" -eq 0 ]
  run niggle log 81k 1:00:00 --type bike; [ "$status" -eq 3 ]
  [[ "$output" == *"81.0 km/h, faster than a ride can be (80 km/h)"* ]]
  run niggle log 40min --type strength; [ "$status" -eq 0 ]
  [ "$(entry_count)" -eq 5 ]
}

@test "the plausibility limits come from the config" {
  niggle config set log.fastest_run_pace 3
  run --separate-stderr niggle log 10k 29:00
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"faster than a run can be (3:00 /km)"* ]]
}

@test "a session like one already logged that day warns on stderr, naming it" {
  niggle log 10k 50:00
  run --separate-stderr niggle log 10.2k 51:00
  [ "$status" -eq 0 ]
  [[ "$output" == "Logged #2 "* ]]
  [[ "$stderr" == "niggle: warning: looks like #1 logged again ("*"); niggle undo removes this one" ]]
  run --separate-stderr niggle log 10.6k 53:00     # 6% more than #1, 4% more than #2: another run
  [ -z "$stderr" ]
  run --separate-stderr niggle log 10k 50:00 --type walk
  [ -z "$stderr" ]
  run --separate-stderr niggle log 10k 50:00 --date yesterday
  [ -z "$stderr" ]
}

# --- undo and redo ----------------------------------------------------------------------

@test "undo --dry-run says what would be undone and changes nothing" {
  niggle log 5k 30:00
  niggle pain 3 --where knee
  digest=$(journal_digest)
  run --separate-stderr niggle undo --dry-run
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Would undo the addition of an entry (made "* ]]
  [[ "${lines[1]}" == "  would remove #2 "*"pain 3/10"* ]]
  [ "$(journal_digest)" = "$digest" ]
}

@test "undo without a terminal: one entry goes, an import needs --yes" {
  cat > "$BATS_TEST_TMPDIR/runs.csv" <<'CSV'
id,kind,date,type,distance_km,duration_s
,session,2026-11-20,run,8,2700
,session,2026-11-21,run,6,2000
CSV
  niggle import "$BATS_TEST_TMPDIR/runs.csv"
  digest=$(journal_digest)
  run --separate-stderr niggle undo </dev/null
  [ "$status" -eq 8 ]
  assert_one_error_line
  [[ "$stderr" == *"(2 entries) and standard input is not a terminal"*"--yes"* ]]
  [ "$(journal_digest)" = "$digest" ]
  run --separate-stderr niggle undo --yes </dev/null
  [ "$status" -eq 0 ]
  [ "$(entry_count)" -eq 0 ]
}

@test "undo on a terminal shows the change and asks" {
  require_pseudo_terminal
  niggle log 5k 30:00
  run script -qec "printf 'n\n' | true; '$NIGGLE_BIN' undo" /dev/null <<<"n"
  [ "$(entry_count)" -eq 1 ]
  [[ "$output" == *"Last change: the addition of an entry"*"would remove #1"*"Undo it? [y/N]"* ]]
  run script -qec "'$NIGGLE_BIN' undo" /dev/null <<<"y"
  [[ "$output" == *"Undid the addition of an entry"* ]]
  [ "$(entry_count)" -eq 0 ]
}

@test "redo re-applies what undo took back, in order, until something is written" {
  niggle log 5k 30:00
  niggle log 8k 48:00 --date yesterday
  niggle edit 1 --note "felt fine"
  full=$(sqlite3 "$JOURNAL" "SELECT id, uuid, day, note FROM entry ORDER BY id")
  niggle undo --yes
  niggle undo --yes
  [ "$(entry_count)" -eq 1 ]
  run --separate-stderr niggle redo
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Redid the addition of an entry"* ]]
  [[ "${lines[1]}" == "  added back #2 "* ]]
  run --separate-stderr niggle redo
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Redid an edit"* ]]
  [ "$(sqlite3 "$JOURNAL" "SELECT id, uuid, day, note FROM entry ORDER BY id")" = "$full" ]
  run --separate-stderr niggle redo
  [ "$status" -eq 6 ]
  [[ "$stderr" == "niggle: error: nothing to redo"* ]]
  # A change made after an undo ends what can be redone.
  niggle undo --yes
  niggle pain 2
  run --separate-stderr niggle redo
  [ "$status" -eq 6 ]
  [ -z "$(sqlite3 "$JOURNAL" "SELECT note FROM entry WHERE id = 1")" ]
}

@test "redo of a removal removes again; redo --dry-run changes nothing" {
  niggle log 5k 30:00
  niggle rm --force 1
  niggle undo --yes
  [ "$(entry_count)" -eq 1 ]
  digest=$(journal_digest)
  run --separate-stderr niggle redo --dry-run
  [ "$status" -eq 0 ]
  [[ "$output" == "Would redo a removal"*"would remove again #1"* ]]
  [ "$(journal_digest)" = "$digest" ]
  niggle redo
  [ "$(entry_count)" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM removal")" -eq 1 ]
}

# --- summary ----------------------------------------------------------------------------

@test "summary --by month sums each month, with running days, rest days and pain" {
  niggle log 10k 55:00 --date 2026-10-03
  niggle log 5k 30:00 --date 2026-10-04
  niggle log 3k 20:00 --type walk --date 2026-10-04
  niggle pain 2 --date 2026-10-03
  niggle pain 5 --date 2026-10-03
  niggle pain 3 --date 2026-10-10
  niggle log 8k 45:00 --date 2026-11-24
  run --separate-stderr niggle summary --by month --since 2026-10-01 --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.periods | length == 2'
  # The journal begins on Oct 3: Oct 1 and 2 are unknown, not rest days.
  echo "$output" | jq -e '.periods[0] | .period == "2026-10" and .run_km == 15 and .running_days == 2 and .rest_days == 27'
  echo "$output" | jq -e '.periods[0] | .days_elapsed == 29 and .days_before_journal == 2'
  echo "$output" | jq -e '.periods[0] | .pain_days == 2 and .pain_mean == 4 and .by_type.walk.sessions == 1 and .by_type.run.seconds == 5100'
  echo "$output" | jq -e '.periods[1] | .period == "2026-11" and .days_elapsed == 24 and .rest_days == 23 and .pain_mean == null'
  run --separate-stderr niggle summary --since 2026-10-01 --csv
  [ "${lines[0]%%,first_day*}" = month ]
  [[ "${lines[1]}" == 2026-10,2026-10-01,2026-10-31,29,15.000,2,27,2,4.00,2,15.000,5100,1,3.000,1200* ]]
  run --separate-stderr niggle summary --since 2026-10-01 --ascii
  [[ "${lines[1]}" == "2026-10  ####################   15.00 km     2"* ]]
  [[ "$output" == *"2026-11 so far: 24 days of its 30 days"* ]]
  [[ "$output" == *"2026-10: the journal begins on 2026-10-03; the 2 days before are unknown, not rest days."* ]]
  # By default, the months before the journal's first are not shown at all.
  run --separate-stderr niggle summary --json
  [ "$(echo "$output" | jq -r '[.periods[].period] | join(" ")')" = "2026-10 2026-11" ]
}

@test "summary --by year, the default range, and bad values" {
  niggle log 10k 55:00 --date 2024-02-29
  niggle log 5k 30:00
  run --separate-stderr niggle summary --by year --json
  [ "$(echo "$output" | jq -r '[.periods[].period] | join(" ")')" = "2024 2025 2026" ]
  # 2024 from Feb 29, the journal's first day: the 59 days before it are unknown.
  echo "$output" | jq -e '.periods[0].days_elapsed == 307 and .periods[0].days_before_journal == 59 and .periods[1].run_km == 0'
  run --separate-stderr niggle summary --json
  [ "$(echo "$output" | jq -r '.periods[0].period, .periods[-1].period' | tr '\n' ' ')" = "2025-12 2026-11 " ]
  run --separate-stderr niggle summary --by week
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"accepted: month, year"* ]]
  run --separate-stderr niggle summary --since today --until "last week"
  [ "$status" -eq 3 ]
}

# --- advise --short and the width ----------------------------------------------------------

@test "advise --short is one line: verdict, today's cap, the rule" {
  for d in 28 27 26 24 21 20 19 17 14 13 12 10 7 6 5 3; do niggle log 6k 36:00 --date "$d days ago"; done
  niggle pain 1
  run --separate-stderr niggle advise --short
  [ "${#lines[@]}" -eq 1 ]
  [[ "$output" =~ ^(go|easy):\ at\ most\ [0-9.]+\ km\ today\ \([A-Z][0-9]: ]] || { echo "$output"; return 1; }
  niggle pain 9 --walking worse
  run --separate-stderr niggle advise --short
  [ "$status" -eq 10 ]
  [[ "$output" == "rest: no running today (P3"* ]]
  niggle pain 3 --symptom saddle-numbness
  run --separate-stderr niggle advise --short
  [ "$status" -eq 11 ]
  [[ "$output" == "urgent: no running today (P1"* ]]
}

@test "advise wraps to COLUMNS, shows at most three suggestions, all with --explain" {
  for d in 28 27 26 24 21 20 19 17 14 13 12 10 7 6 5 3; do niggle log 6k 36:00 --date "$d days ago"; done
  niggle pain 4 --where lower-back
  COLUMNS=50 run --separate-stderr niggle advise
  while IFS= read -r line; do [ "${#line}" -le 50 ] || { echo "too long: $line"; return 1; }; done <<<"$output"
  COLUMNS=160 run --separate-stderr niggle advise
  wide=$(echo "$output" | awk '{ if (length($0) > 100) print }' | wc -l)
  [ "$wide" -ge 1 ]
  shown=$(echo "$output" | sed -n '/^Suggestions:/,/^$/p' | grep -c '^  - ')
  [ "$shown" -le 3 ]
  COLUMNS=160 run --separate-stderr niggle advise --explain
  all=$(echo "$output" | sed -n '/^Suggestions:/,/^$/p' | grep -c '^  - ')
  [ "$all" -ge "$shown" ]
  [ "$(niggle advise --json | jq '.all_suggestions | length')" -eq "$all" ]
  COLUMNS=160 run --separate-stderr niggle advise --all-suggestions
  [ "$(echo "$output" | sed -n '/^Suggestions:/,/^$/p' | grep -c '^  - ')" -eq "$all" ]
}

# --- searching notes, tags ---------------------------------------------------------------

@test "list --grep finds text in the notes, in any case; tags lists each tag with its count" {
  niggle log 5k 30:00 --note "Saw the PHYSIO today" --tag treadmill,hot --date -2d
  niggle pain 3 --note "physio said: more bridges" --tag hot
  niggle log 6k 36:00 --note "nothing to say" --tag treadmill --date -1d
  niggle log 4k 24:00 --tag hot
  run --separate-stderr niggle list --grep physio
  [ "$status" -eq 0 ]
  [ "${#lines[@]}" -eq 4 ]   # two entries, each with its note line
  [[ "${lines[0]}" == "#2 "* ]]
  [[ "${lines[2]}" == "#1 "* ]]
  run --separate-stderr niggle list --grep "100%" --json
  [ "$output" = "[]" ]
  run --separate-stderr niggle list --grep "  "
  [ "$status" -eq 3 ]
  run --separate-stderr niggle tags
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "hot        3 entries" ]
  [ "${lines[1]}" = "treadmill  2 entries" ]
  [ "$(niggle tags --json | jq -c '.[1]')" = '{"tag":"treadmill","entries":2}' ]
}

# --- polish --------------------------------------------------------------------------------

@test "report keeps an existing file unless --force, and names the journal by its file name" {
  niggle log 5k 30:00
  niggle pain 3
  cd "$BATS_TEST_TMPDIR"
  run --separate-stderr niggle report -o r.md
  [ "$status" -eq 0 ]
  grep -q '`journal.db`' r.md
  ! grep -q "$XDG_DATA_HOME" r.md
  grep -q "location not given" r.md
  echo "mine" > r.md
  run --separate-stderr niggle report -o r.md
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"'r.md' exists; nothing was written. Add --force"* ]]
  [ "$(cat r.md)" = mine ]
  run --separate-stderr niggle report -o r.md --force
  [ "$status" -eq 0 ]
  [ "$(file_mode r.md)" = 600 ]
  grep -q "location not given" r.md
}

@test "--note - on a terminal says how to end the note" {
  require_pseudo_terminal
  run script -qec "'$NIGGLE_BIN' log 5k 30:00 --note -" /dev/null < <(printf 'easy one\n\004')
  [[ "$output" == *"Ctrl-D on a line of its own"* ]]
}

@test "--tag on week and summary counts only the entries with the tag" {
  niggle log 10k 55:00 --tag treadmill --date 2026-11-23
  niggle log 5k 30:00 --date 2026-11-23
  niggle pain 6 --tag treadmill --date 2026-11-23
  niggle pain 2 --date 2026-11-24
  [ "$(niggle week --json --tag treadmill | jq '.run_km, .pain_max' | tr '\n' ' ')" = "10 6 " ]
  [ "$(niggle week --json | jq '.run_km' )" = 15 ]
  [ "$(niggle summary --json --tag treadmill | jq '.periods[-1] | .run_km, .pain_days' | tr '\n' ' ')" = "10 1 " ]
  run --separate-stderr niggle week --tag treadmill
  [[ "$output" == *"10.00 km"* ]]
  [[ "$output" != *"5.00 km"* ]]
  run --separate-stderr niggle week --tag "bad tag"
  [ "$status" -eq 3 ]
}

@test "a week just begun is a share of the week before, never -100%" {
  niggle log 10k 55:00 --date 2026-11-17
  niggle log 10k 55:00 --date 2026-11-19
  NIGGLE_TODAY=2026-11-23 run --separate-stderr niggle week
  [ "$status" -eq 0 ]
  [[ "$output" == *"so far 0% of the whole week before (20.00 km)"* ]]
  [[ "$output" != *"-100%"* ]]
  NIGGLE_TODAY=2026-11-30 run --separate-stderr niggle week --date 2026-11-23
  [[ "$output" == *"-100% on the week before (20.00 km)"* ]]   # a whole week without running
}
