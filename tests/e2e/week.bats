#!/usr/bin/env bats
# niggle week: weekly summaries of real journals, in every format, as scripts use them.
load helpers

setup() {
  setup_niggle
  export LANG=C.UTF-8
  unset LC_ALL LC_CTYPE
  export TERM=xterm
}

# The runner's blog's "Training recap" week ("Ultra Training Diary: Running with Back Pain"), logged as it is written: Monday and
# Thursday core and stretching, runs on Tuesday, Wednesday (2.6 of 10 planned), Saturday and
# Sunday (both "as per plan"), nothing on Friday. It is the week before today (2026-W47).
log_seed_week() {
  niggle log --type strength --note "rest day; core and stretching" --date 2026-11-16
  niggle log 4mi --note "40 x lunges; back issues when I started doing squats" --date 2026-11-17
  niggle log 2.6mi --planned 10mi --note "physio" --date 2026-11-18
  niggle log --type strength --note "enforced day off; core and stretching (plan was for 4)" --date 2026-11-19
  niggle log 10mi --planned 10mi --note "AOK but very hot so a fair bit of walking. Hips hurting." --date 2026-11-21
  niggle log 8.1mi --planned 8.1mi --note "mainly walking through the woods" --date 2026-11-22
} >/dev/null

# Four weeks of 20 km (2026-W43 to W46), then 30 km in W47 with pain, and Monday of W48.
log_build_up() {
  for monday in 2026-10-19 2026-10-26 2026-11-02 2026-11-09; do
    niggle log 8k --date "$(date -d "$monday +1 day" +%F)"
    niggle log 12k --date "$(date -d "$monday +5 days" +%F)" --kind long
  done
  niggle log 10k 55:00 --date 2026-11-17
  niggle log 20k 2:00:00 --date 2026-11-22 --kind long
  niggle log 3k --type walk --date 2026-11-22
  niggle pain 2 --where lower-back --date 2026-11-17
  niggle pain 0 --date 2026-11-18
  niggle pain 3 --where hip --date 2026-11-22 --when morning
  niggle pain 6 --where lower-back --date 2026-11-22 --when after
  niggle log 6k 33:00 --date 2026-11-23
} >/dev/null

@test "the runner's blog's week in miles: 24.7 mi, 4 runs, longest 10 mi, 3 rest days" {
  log_seed_week
  run --separate-stderr niggle week --week 2026-W47 --units mi
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  expected="Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026

Day         Sessions                      Pain
Mon 16 Nov  rest; strength                not recorded
Tue 17 Nov  run 4.00 mi                   not recorded
Wed 18 Nov  run 2.60 mi (10.00 planned)   not recorded
Thu 19 Nov  rest; strength                not recorded
Fri 20 Nov  rest                          not recorded
Sat 21 Nov  run 10.00 mi (10.00 planned)  not recorded
Sun 22 Nov  run 8.10 mi (8.10 planned)    not recorded

Running     24.70 mi in 4 runs, longest 10.00 mi
Other       strength 2 sessions
Time        no session has a time
Rest days   3 (Mon, Thu, Fri)
Planned     20.70 mi of 28.10 mi planned (74%); 3 planned sessions: 3 done
Pain        not recorded this week
Change      no running the week before to compare with
            the weeks before are before the journal: nothing to compare with"
  diff <(echo "$expected") <(echo "$output")
}

@test "the runner's blog's week in kilometres, chosen by a day inside it" {
  log_seed_week
  run niggle week --date 2026-11-18
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026" ]
  [ "${lines[3]}" = "Tue 17 Nov  run 6.44 km                   not recorded" ]
  [ "${lines[4]}" = "Wed 18 Nov  run 4.18 km (16.09 planned)   not recorded" ]
  [ "${lines[9]}" = "Running     39.75 km in 4 runs, longest 16.09 km" ]
  [ "${lines[12]}" = "Rest days   3 (Mon, Thu, Fri)" ]
  # The same week from the config file's unit.
  mkdir -p "$(dirname "$CONFIG")"
  echo 'units = "mi"' >"$CONFIG"
  run niggle week --date 2026-11-18
  [ "${lines[9]}" = "Running     24.70 mi in 4 runs, longest 10.00 mi" ]
}

@test "the runner's blog's week as JSON: kilometres whatever the unit, rest days by name" {
  log_seed_week
  for units in km mi; do
    run --separate-stderr niggle week --week 2026-W47 --units "$units" --json
    [ "$status" -eq 0 ]
    echo "$output" | jq -e '.week == "2026-W47" and .start == "2026-11-16" and .end == "2026-11-22" and .complete'
    # 24.7 miles and 10 miles, in kilometres to the millimetre.
    echo "$output" | jq -e '(.run_km * 1000 / 1.609344 | round) == 24700 and (.longest_run_km * 1000 / 1.609344 | round) == 10000'
    echo "$output" | jq -e '.runs == 4 and .rest_days == 3 and .pain_max == null and .pain_mean == null and .pain_days == 0'
    echo "$output" | jq -e '[.days[] | select(.rest_day) | .weekday] == ["Mon", "Thu", "Fri"]'
    echo "$output" | jq -e '.days | length == 7 and all(.[]; .elapsed)'
    echo "$output" | jq -e '.days[2].sessions[0].planned_km == 16.09344 and .days[0].sessions[0].type == "strength"'
    echo "$output" | jq -e 'has("change_vs_prev_pct") and .change_vs_prev_pct == null and .change_vs_4wk_pct == null'
  done
}

@test "pain: the day's highest and its location; a day without an entry is not recorded, not 0" {
  log_build_up
  run niggle week --week 2026-W47
  [ "$status" -eq 0 ]
  [[ "${lines[3]}" == "Tue 17 Nov  run 10.00 km 55:00"*"2 lower-back" ]]
  [[ "${lines[4]}" == "Wed 18 Nov  rest"*"  0" ]]
  [[ "${lines[5]}" == "Thu 19 Nov  rest"*"  not recorded" ]]
  [[ "${lines[8]}" == "Sun 22 Nov  run long 20.00 km 2:00:00, walk 3.00 km"*"  6 lower-back" ]]
  [[ "$output" == *"Pain        highest 6 (lower-back, Sun), mean 2.7 of each day's highest, recorded on 3 of 7 days"* ]]
  run niggle week --week 2026-W47 --json
  echo "$output" | jq -e '.pain_days == 3 and .pain_max == 6 and .pain_max_location == "lower-back" and .pain_max_date == "2026-11-22"'
  echo "$output" | jq -e '.pain_mean == 2.67'
  echo "$output" | jq -e '[.days[].pain_max] == [null, 2, 0, null, null, null, 6]'
  echo "$output" | jq -e '.days[6].pain_entries == 2 and .days[2].pain_location == null'
}

@test "the change against the week before and the 4-week mean, as the advice computes it" {
  # The journal covers every baseline week (v2: the weeks before it are unknown, not empty).
  mkdir -p "$(dirname "$CONFIG")"
  echo 'journal_start = 2026-10-05' >"$CONFIG"
  log_build_up
  run niggle week --week 2026-W47 --json
  echo "$output" | jq -e '.run_km == 30 and .prev_run_km == 20 and .change_vs_prev_pct == 50'
  echo "$output" | jq -e '.baseline_weeks == 4 and .baseline_weeks_with_running == 4 and .baseline_run_km == 20 and .change_vs_4wk_pct == 50'
  echo "$output" | jq -e '.other_km == 3 and .by_type.walk.sessions == 1 and .hard_runs == 0'
  run niggle week --week 2026-W47
  [[ "$output" == *"Change      +50% on the week before (20.00 km)
            +50% on the 4-week mean (20.00 km)"* ]]
  # Each of the four weeks before counts, including a week without running.
  niggle log 20k --date 2026-10-13 >/dev/null  # W42: before the baseline of W47, inside that of W46
  run niggle week --week 2026-W46 --json
  echo "$output" | jq -e '.baseline_run_km == 20 and .change_vs_4wk_pct == 0'
  # The baseline follows advice.baseline_weeks, as the advice does.
  mkdir -p "$(dirname "$CONFIG")"
  printf '[advice]\nbaseline_weeks = 2\n' >"$CONFIG"
  run niggle week --week 2026-W47 --json
  echo "$output" | jq -e '.baseline_weeks == 2 and .baseline_run_km == 20'
}

@test "the week so far says so, and compares the same days of the week before too" {
  log_build_up
  run niggle week
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Week 2026-W48: Mon 23 Nov to Sun 29 Nov 2026, so far (2 of 7 days)" ]
  [ "${lines[4]}" = "Wed 25 Nov  to come" ]
  [[ "$output" == *"Running     so far 6.00 km in 1 run, longest 6.00 km"* ]]
  [[ "$output" == *"Rest days   1 (Tue) of 2 days so far"* ]]
  [[ "$output" == *"Change      so far 20% of the whole week before (30.00 km)"* ]]
  [[ "$output" == *"-40% on the same 2 days of the week before (10.00 km)"* ]]
  [[ "$output" == *"so far 27% of the 4-week mean (22.50 km)"* ]]
  run niggle week --json
  echo "$output" | jq -e '.complete == false and .days_elapsed == 2 and .rest_days == 1'
  echo "$output" | jq -e '.change_vs_prev_same_days_pct == -40 and .prev_same_days_run_km == 10'
  echo "$output" | jq -e '[.days[] | .rest_day] == [false, true, null, null, null, null, null]'
  echo "$output" | jq -e '[.days[] | .elapsed] == [true, true, false, false, false, false, false]'
}

@test "a report pinned to an earlier day leaves out what came later" {
  log_build_up
  NIGGLE_TODAY=2026-11-18 run niggle week --json
  echo "$output" | jq -e '.week == "2026-W47" and .days_elapsed == 3 and .run_km == 10 and .pain_days == 2'
}

@test "--weeks N: a row per week, newest last, and a chart with pain beside it" {
  log_build_up
  run --separate-stderr niggle week --weeks 12
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  [ "${lines[0]}" = "12 weeks, 2026-W37 to 2026-W48: Mon 7 Sep to Sun 29 Nov 2026" ]
  [[ "${lines[1]}" == "Week       Start             Running (km)  Runs  Longest (km)  Rest days  Mean pain  Max pain  Pain days  vs prev  vs 4-wk  Plan" ]]
  # v2: the weeks before the journal's first entry are unknown, not weeks of rest.
  [[ "${lines[2]}" == "2026-W37   2026-09-07  before the journal     -  "* ]]
  [[ "${lines[7]}" == "2026-W42   2026-10-12  before the journal     -  "* ]]
  [ "${lines[8]}" = "2026-W43   2026-10-19               20.00     2         12.00          4          -         -        0/7        -        -     -" ]
  [ "${lines[12]}" = "2026-W47   2026-11-16               30.00     2         20.00          5        2.7         6        3/7     +50%     +50%     -" ]
  [ "${lines[13]}" = "2026-W48*  2026-11-23                6.00     1          6.00          1          -         -        0/2     -80%     -73%     -" ]
  [[ "${lines[14]}" == "* 2026-W48 so far: 2 of 7 days"* ]]
  # The chart: one bar per week, the longest full width, pain beside it.
  [ "$(grep -c '^2026-W[0-9][0-9]\*\? *█' <<<"$output")" -eq 6 ]  # W43 to W48 have running
  [[ "$output" == *"2026-W47  ██████████████████████████████    30.0   ██▋"*"2.7 (max 6)"* ]]
  [[ "$output" == *"2026-W46  ████████████████████              20.0              not recorded"* ]]
  # v2: a week before the journal has no bar (a bar of 0.0 would read as a week of rest).
  [[ "$output" == *$'\n2026-W37  before the journal\n'* ]]
  [[ "$output" == *$'\n2026-W42  before the journal\n'* ]]
  [ "$(grep -c 'before the journal$' <<<"$output")" -eq 6 ]
  run niggle week --weeks 12 --json
  echo "$output" | jq -e 'length == 12 and .[0].week == "2026-W37" and .[11].week == "2026-W48" and .[11].complete == false'
  echo "$output" | jq -e '[.[].run_km] == [0, 0, 0, 0, 0, 0, 20, 20, 20, 20, 30, 6]'
  echo "$output" | jq -e 'all(.[]; (.days | length) == 7 and (.days[0] | has("sessions") | not))'
}

@test "--weeks over a year: the sparkline marks the weeks before the journal as unknown, not as rest" {
  log_build_up
  run --separate-stderr niggle week --weeks 60 --ascii
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "60 weeks, "* ]]
  # 54 of the 60 weeks are before the journal: the first line's 52 marks are all '?', the
  # second line's first two, then six weeks with running.
  km_lines=$(grep -E '^[0-9]{4}-W[0-9]+ +km ' <<<"$output")
  first=$(sed -n 1p <<<"$km_lines") second=$(sed -n 2p <<<"$km_lines")
  [ "${first:16}" = "$(printf '?%.0s' $(seq 52))" ] || { echo "[$first]"; return 1; }
  [[ "${second:16}" == "??"* ]] && [ "${#second}" -eq $((16 + 8)) ] || { echo "[$second]"; return 1; }
  [[ "${second:18:6}" != *"?"* && "${second:18:6}" != *" "* ]] || { echo "[$second]"; return 1; }
  [[ "$output" == *"no pain recorded, or before the journal"* ]]
  run niggle week --weeks 60 --json
  echo "$output" | jq -e '[.[] | select(.before_journal)] | length == 54'
}

@test "--weeks ends at the week chosen with --week or --date" {
  log_build_up
  run niggle week --weeks 3 --week 2026-W46 --json
  echo "$output" | jq -e '[.[].week] == ["2026-W44", "2026-W45", "2026-W46"] and all(.[]; .complete)'
  run niggle week --weeks 2 --date 2026-11-18 --csv
  [ "${#lines[@]}" -eq 3 ]
  [[ "${lines[2]}" == 2026-W47,* ]]
}

@test "--csv round-trips through a CSV parser, one row per day or per week" {
  log_build_up
  niggle log 5k 27:30 --date 2026-11-19 --kind tempo >/dev/null
  niggle log 40min --type strength --date 2026-11-19 >/dev/null
  run --separate-stderr niggle week --week 2026-W47 --csv
  [ "$status" -eq 0 ]
  echo "$output" >"$BATS_TEST_TMPDIR/days.csv"
  python3 - "$BATS_TEST_TMPDIR/days.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 7, rows
assert [r["date"] for r in rows][0] == "2026-11-16" and rows[6]["date"] == "2026-11-22"
assert [r["rest_day"] for r in rows] == ["true", "false", "true", "false", "true", "true", "false"], rows
assert rows[3]["sessions"] == "run tempo 5.00 km 27:30, strength 40:00", rows[3]
assert rows[3]["run_km"] == "5" and rows[3]["duration_s"] == "4050" and rows[3]["session_count"] == "2"
assert rows[2]["pain_max"] == "0" and rows[3]["pain_max"] == "", "not recorded is empty, 0 is 0"
assert rows[6]["pain_max"] == "6" and rows[6]["pain_location"] == "lower-back" and rows[6]["pain_entries"] == "2"
assert abs(sum(float(r["run_km"]) for r in rows) - 35) < 1e-9
EOF
  run niggle week --weeks 12 --csv
  echo "$output" >"$BATS_TEST_TMPDIR/weeks.csv"
  niggle week --weeks 12 --json >"$BATS_TEST_TMPDIR/weeks.json"
  python3 - "$BATS_TEST_TMPDIR/weeks.csv" "$BATS_TEST_TMPDIR/weeks.json" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
weeks = json.load(open(sys.argv[2]))
assert len(rows) == 12 == len(weeks)
for row, week in zip(rows, weeks):
    for key in ("week", "start", "end"):
        assert row[key] == week[key], (key, row, week)
    for key in ("run_km", "longest_run_km", "baseline_run_km", "prev_run_km"):
        assert float(row[key]) == week[key], (key, row[key], week[key])
    for key in ("runs", "rest_days", "pain_days"):
        assert int(row[key]) == week[key], key
    for key in ("pain_mean", "change_vs_prev_pct", "change_vs_4wk_pct"):
        assert (row[key] == "") == (week[key] is None), key
        assert row[key] == "" or float(row[key]) == week[key], key
assert rows[-1]["complete"] == "false" and rows[0]["complete"] == "true"
EOF
}

@test "--tsv: tab-separated, one header, no quoting" {
  log_build_up
  run niggle week --weeks 4 --tsv
  [ "$status" -eq 0 ]
  [ "${#lines[@]}" -eq 5 ]
  [[ "${lines[0]}" == week$'\t'start$'\t'end$'\t'complete$'\t'* ]]
  # Every row has as many fields as the header.
  [ "$(awk -F'\t' '{ print NF }' <<<"$output" | sort -u)" = "24" ]
  [ "$(cut -f1,6 <<<"${lines[4]}")" = $'2026-W48\t6' ]
  run niggle week --week 2026-W47 --tsv
  [ "${#lines[@]}" -eq 8 ]
  [ "$(cut -f1,16 <<<"${lines[7]}")" = $'2026-11-22\trun long 20.00 km 2:00:00, walk 3.00 km' ]
  [[ "$output" != *'"'* ]]
}

@test "--markdown: a table to paste into notes" {
  log_seed_week
  run niggle week --week 2026-W47 --markdown --units mi
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "## Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026" ]
  [ "${lines[1]}" = "| Day | Sessions | Pain |" ]
  [ "${lines[2]}" = "| --- | --- | --- |" ]
  [ "${lines[7]}" = "| Fri 20 Nov | rest | not recorded |" ]
  [[ "$output" == *"- **Running:** 24.70 mi in 4 runs, longest 10.00 mi"* ]]
  [[ "$output" == *"- **Rest days:** 3 (Mon, Thu, Fri)"* ]]
  run niggle week --weeks 3 --md
  [ "${lines[1]}" = "| Week | Start | Running (km) | Runs | Longest (km) | Rest days | Pain mean | Pain max | Pain days | vs prev | vs 4-wk mean | Plan |" ]
  [ "$(grep -c '^| 2026-W' <<<"$output")" -eq 3 ]
  [[ "$output" == *'| 2026-W48\* | 2026-11-23 |'* ]]
}

@test "colour only on a terminal, never with NO_COLOR" {
  require_pseudo_terminal
  log_build_up
  run niggle week
  [[ "$output" != *$'\e['* ]]
  run niggle week --color always
  [[ "$output" == *$'\e[1m'* ]]
  # A real terminal, through script(1).
  run script -qec "$NIGGLE_BIN week --weeks 3" /dev/null
  [[ "$output" == *$'\e[1m'* ]]
  NO_COLOR=1 run script -qec "$NIGGLE_BIN week --weeks 3" /dev/null
  [[ "$output" != *$'\e['* ]]
  [[ "$output" == *"2026-W47"* ]]
}

@test "plain ASCII with --ascii, a locale that is not UTF-8, or TERM=dumb" {
  log_build_up
  run niggle week --weeks 4
  [[ "$output" == *"█"* ]]
  for setting in "--ascii" "LANG=C" "LANG=en_US.ISO-8859-1" "TERM=dumb" "LC_ALL=C" "LC_CTYPE=POSIX"; do
    if [[ "$setting" == --* ]]; then
      output=$(niggle week --weeks 4 "$setting")
    else
      output=$(env "$setting" "$NIGGLE_BIN" week --weeks 4)
    fi
    if LC_ALL=C grep -q $'[\x80-\xff]' <<<"$output"; then
      echo "not ASCII with $setting: $output"
      return 1
    fi
    [[ "$output" == *"2026-W47  ##############################    30.0   ###"* ]] || { echo "$setting: $output"; return 1; }
  done
  # LC_ALL wins over LANG; LC_CTYPE over LANG.
  output=$(LANG=C LC_CTYPE=en_GB.UTF-8 "$NIGGLE_BIN" week --weeks 4)
  [[ "$output" == *"█"* ]]
}

@test "weeks that start on Sunday carry the ISO week of their Monday" {
  log_seed_week
  mkdir -p "$(dirname "$CONFIG")"
  echo 'week_start = "sunday"' >"$CONFIG"
  run niggle week --date 2026-11-18 --units mi
  [ "${lines[0]}" = "Week 2026-W47: Sun 15 Nov to Sat 21 Nov 2026" ]
  [ "${lines[2]}" = "Sun 15 Nov  before the journal            not recorded" ]  # v2: not a rest day
  [[ "$output" == *"Running     16.60 mi in 3 runs, longest 10.00 mi"* ]]
  run niggle week --week 2026-W48 --json
  echo "$output" | jq -e '.week == "2026-W48" and .start == "2026-11-22" and .end == "2026-11-28" and .week_start == "sunday"'
  echo "$output" | jq -e '.days[0].weekday == "Sun" and (.run_km * 1000 / 1.609344 | round) == 8100'
  run niggle week --json
  echo "$output" | jq -e '.week == "2026-W48" and .days_elapsed == 3'
}

@test "the year boundary: 2026 has a week 53, whichever day weeks start on" {
  export NIGGLE_TODAY=2027-01-10
  niggle log 5k --date 2026-12-31 >/dev/null  # Thursday
  niggle log 6k --date 2027-01-03 >/dev/null  # Sunday
  niggle log 7k --date 2027-01-04 >/dev/null  # Monday
  run niggle week --week 2026-W53
  [ "${lines[0]}" = "Week 2026-W53: Mon 28 Dec 2026 to Sun 3 Jan 2027" ]
  run niggle week --week 2026-W53 --json
  echo "$output" | jq -e '.start == "2026-12-28" and .end == "2027-01-03" and .run_km == 11 and .runs == 2'
  run niggle week --date 2027-01-04 --json
  echo "$output" | jq -e '.week == "2027-W01" and .run_km == 7'
  mkdir -p "$(dirname "$CONFIG")"
  echo 'week_start = "sunday"' >"$CONFIG"
  run niggle week --week 2026-W53 --json
  echo "$output" | jq -e '.start == "2026-12-27" and .end == "2027-01-02" and .run_km == 5'
  run niggle week --date 2027-01-03 --json
  echo "$output" | jq -e '.week == "2027-W01" and .start == "2027-01-03" and .run_km == 13'
  run --separate-stderr niggle week --week 2027-W53
  [ "$status" -eq 3 ]
  assert_one_error_line
}

@test "a week with a leap day" {
  export NIGGLE_TODAY=2028-03-10
  niggle log 10k --date 2028-02-29 >/dev/null
  run niggle week --date 2028-02-29 --json
  echo "$output" | jq -e '.week == "2028-W09" and .start == "2028-02-28" and .end == "2028-03-05"'
  echo "$output" | jq -e '.days[1].date == "2028-02-29" and .days[1].run_km == 10 and .days[2].date == "2028-03-01"'
  run niggle week --date 2028-02-29
  [ "${lines[0]}" = "Week 2028-W09: Mon 28 Feb to Sun 5 Mar 2028" ]
  [[ "${lines[3]}" == "Tue 29 Feb  run 10.00 km"* ]]
}

@test "a missing journal is an error (exit 5) and is not created; an empty one reads as empty" {
  run --separate-stderr niggle week
  [ "$status" -eq 5 ]
  [ "$stderr" = "niggle: error: no journal at '$JOURNAL' (niggle log or niggle pain creates it)" ]
  [ ! -e "$JOURNAL" ]
  niggle log 1k >/dev/null 2>&1 && niggle undo >/dev/null   # a journal with nothing in it
  run --separate-stderr niggle week
  [ "$status" -eq 0 ]
  [[ "$output" == *"Running     no runs so far"* ]]
  [[ "$output" == *"The journal is empty. Record a run with 'niggle log 5k 27:30'"* ]]
  run niggle week --weeks 2 --json
  echo "$output" | jq -e 'length == 2 and all(.[]; .run_km == 0 and .pain_mean == null)'
}

@test "wrong values and clashing options: one error line, the documented status" {
  for args in "--weeks 0" "--weeks 5201" "--weeks twelve" "--weeks -3" "--week 2026-W60" "--week last" \
              "--date 2026-02-30" "--week 2026-W49" "--date 2026-12-01"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle week $args
    [ "$status" -eq 3 ] || { echo "$args: status $status"; return 1; }
    assert_one_error_line
  done
  run --separate-stderr niggle week --week 2026-W49
  [[ "$stderr" == *"has not begun yet (today is 2026-11-24)"* ]]
  for args in "--date 2026-11-18 --week 2026-W47" "--json --csv" "--csv --tsv" "--markdown --json" "--weeks"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle week $args
    [ "$status" -eq 2 ] || { echo "$args: status $status"; return 1; }
    assert_one_error_line
  done
}

@test "week --help leads with examples" {
  run niggle week --help
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Summarise a week"* ]]
  [[ "$output" == *$'\n\nExamples:\n  niggle week\n  niggle week --date yesterday --units mi\n'* ]]
  [[ "$output" == *"--weeks"* && "$output" == *"--ascii"* && "$output" == *"--markdown"* ]]
}

@test "ten years: --weeks 520 sums to what the journal holds" {
  python3 "$BATS_TEST_DIRNAME/../../bench/generate-journal.py" "$JOURNAL" --niggle "$NIGGLE_BIN" >/dev/null
  run --separate-stderr niggle week --weeks 520 --json
  [ "$status" -eq 0 ]
  echo "$output" >"$BATS_TEST_TMPDIR/weeks.json"
  [ "$(jq length "$BATS_TEST_TMPDIR/weeks.json")" -eq 520 ]
  first=$(jq -r '.[0].start' "$BATS_TEST_TMPDIR/weeks.json")
  # Running distance and runs over the whole range, counted by SQL independently.
  expected=$(sqlite3 "$JOURNAL" "SELECT round(total(s.metres) / 1000, 3), count(*) FROM entry e JOIN session s ON s.entry_id = e.id
                                 WHERE s.type = 'run' AND s.metres > 0 AND e.day >= '$first' AND e.day <= '2026-11-24'")
  got=$(jq -r '"\((map(.run_km) | add * 1000 | round) / 1000)|\(map(.runs) | add)"' "$BATS_TEST_TMPDIR/weeks.json")
  [ "$got" = "$expected" ] || { echo "got $got, expected $expected"; return 1; }
  pain_days=$(sqlite3 "$JOURNAL" "SELECT count(DISTINCT day) FROM entry WHERE kind = 'pain' AND day >= '$first'")
  [ "$(jq 'map(.pain_days) | add' "$BATS_TEST_TMPDIR/weeks.json")" -eq "$pain_days" ]
  # The text view of that many weeks draws sparklines, a year to a line.
  run niggle week --weeks 520
  [ "$status" -eq 0 ]
  [ "$(grep -c '^          pain  ' <<<"$output")" -eq 10 ]
}
