#!/usr/bin/env bats
# niggle plan: sessions planned ahead, matched to what was logged, weighed by week and advise.
load helpers

setup() { setup_niggle; }

# The training diary's week before the 50k (the Ultra Training Diary: Running with Back Pain),
# Mon 2026-11-16 to Sun 2026-11-22, entered as it was planned and then as it was lived. Its
# plan: 4 on Tuesday, 10 on Wednesday, 4 on Thursday, 10 on Saturday, 8.1 on Sunday (36.1 mi,
# the total the diary measures itself against). Lived: 4, then 2.6 of 10 and a physio, an
# enforced day off with core work on Thursday, then 10 and 8.1 as planned: 24.7 mi.
enter_diary_week() {
  niggle --units mi plan add 2026-11-17 4 >/dev/null
  niggle --units mi plan add 2026-11-18 10 >/dev/null
  niggle --units mi plan add 2026-11-19 4 >/dev/null
  niggle --units mi plan add 2026-11-21 10 --kind long >/dev/null
  niggle --units mi plan add 2026-11-22 8.1 --kind long >/dev/null
  niggle --units mi log 4 --date 2026-11-17 >/dev/null
  niggle --units mi log 2.6 --date 2026-11-18 --note "back went; physio" >/dev/null
  niggle visit physio --date 2026-11-18 >/dev/null
  niggle log 30min --type strength --date 2026-11-19 --note "core and stretching" >/dev/null
  niggle --units mi log 10 --date 2026-11-21 --kind long >/dev/null
  niggle --units mi log 8.1 --date 2026-11-22 --kind long >/dev/null
}

@test "plan: the diary's week, planned and lived, is 24.7 of 36.1 mi with Thursday skipped" {
  enter_diary_week
  run --separate-stderr niggle --units mi week --date 2026-11-18
  [ "$status" -eq 0 ]
  [[ "$output" == *"24.70 mi of 36.10 mi planned (68%); 5 planned sessions: 4 done, 1 skipped"* ]] || { echo "$output"; return 1; }
  [[ "$output" == *"skipped Thu run 4.00 mi (#3)"* ]]
  # The journal begins on Tuesday (a plan does not begin it): Monday is unknown, not a rest day.
  [[ "$output" == *"Rest days   2 (Thu, Fri); 1 day before the journal"* ]] || { echo "$output"; return 1; }
  # Thursday's row says what was skipped beside what was done instead (a strength session is not a run).
  echo "$output" | grep -E '^ *Thu .*strength.*skipped: run 4.00 mi \(#3\)'
  run niggle week --date 2026-11-18 --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.planned_sessions == 5 and .done_sessions == 4 and .skipped_sessions == 1 and .pending_sessions == 0'
  echo "$output" | jq -e '(.planned_km * 1000 | round) == 58097 and (.planned_done_km * 1000 | round) == 39751'
  echo "$output" | jq -e '.planned_pct == 68.4'
  echo "$output" | jq -e '[.plans[] | select(.state == "skipped") | .plan_id] == [3]'
  echo "$output" | jq -e '.days[3].plans[0].state == "skipped" and .days[3].plans[0].session_id == null'
  echo "$output" | jq -e '.days[2].plans[0].state == "done" and .days[2].plans[0].session_id == 7'
  # Plans are not load: the week's running is the five sessions' four runs.
  echo "$output" | jq -e '.runs == 4 and (.run_km * 1000 | round) == 39751'
}

@test "plan: the old --planned on a run and a plan entry on its day are one plan, never two" {
  niggle plan add 2026-11-18 16k --kind long >/dev/null
  niggle log 11k --planned 14k --date 2026-11-18 >/dev/null
  run niggle week --date 2026-11-18 --json
  echo "$output" | jq -e '.planned_sessions == 1 and .planned_km == 16 and .planned_done_km == 11'
  # Without a plan entry, a session's --planned is a plan made on the day, done.
  niggle log 5k --planned 8k --date 2026-11-20 >/dev/null
  run niggle week --date 2026-11-18 --json
  echo "$output" | jq -e '.planned_sessions == 2 and .planned_km == 24 and .planned_done_km == 16 and .skipped_sessions == 0'
  echo "$output" | jq -e '.days[4].plans[0].plan_id == null and .days[4].plans[0].state == "done"'
}

@test "plan: a plan is carried out only by a session of its type, one session per plan" {
  niggle plan add 2026-11-23 5k >/dev/null
  niggle plan add 2026-11-23 3k >/dev/null
  niggle log 40min --type walk --date 2026-11-23 >/dev/null
  run niggle week --date 2026-11-23 --json
  echo "$output" | jq -e '.skipped_sessions == 0 and .days[0].plans[0].state == "skipped" and .days[0].plans[1].state == "skipped" | not'
  # Monday is before today (Tuesday): with a walk only, both planned runs were skipped.
  echo "$output" | jq -e '[.days[0].plans[].state] == ["skipped", "skipped"]'
  niggle log 5k --date 2026-11-23 >/dev/null
  run niggle week --date 2026-11-23 --json
  echo "$output" | jq -e '[.days[0].plans[].state] == ["done", "skipped"] and .days[0].plans[0].plan_id == 1'
}

@test "log --plan: the session carries out the plan chosen, on its day and as its type" {
  niggle plan add 2026-11-23 5k --kind easy >/dev/null   # #1
  niggle plan add 2026-11-23 16k --kind long >/dev/null  # #2
  # Without --plan, the first plan made would take the run; with it, the long run is done.
  run --separate-stderr niggle log 15k --plan 2
  [ "$status" -eq 0 ]
  [[ "$output" == "Logged #3 Mon 2026-11-23 run: 15.00 km"* ]] || { echo "$output"; return 1; }
  run niggle week --date 2026-11-23 --json
  echo "$output" | jq -e '[.days[0].plans[] | [.plan_id, .state, .session_id]] == [[1, "skipped", null], [2, "done", 3]]' \
    || { echo "$output" | jq '.days[0].plans'; return 1; }
  uuid=$(niggle plan --since 2026-11-23 --json | jq -r '.[] | select(.id == 2) | .uuid')
  run niggle list --json
  [ "$(echo "$output" | jq -r '.[] | select(.id == 3) | .plan_uuid')" = "$uuid" ]
  # A second run that day takes the plan left.
  niggle log 5k --date 2026-11-23 >/dev/null
  run niggle week --date 2026-11-23 --json
  echo "$output" | jq -e '[.days[0].plans[] | .session_id] == [4, 3]'
  # The choice survives an export and an import into a new journal.
  niggle export --format json -o "$BATS_TEST_TMPDIR/e.json"
  niggle --db "$BATS_TEST_TMPDIR/copy.db" import "$BATS_TEST_TMPDIR/e.json" >/dev/null 2>&1
  run niggle --db "$BATS_TEST_TMPDIR/copy.db" week --date 2026-11-23 --json
  echo "$output" | jq -e '[.days[0].plans[] | .session_id] == [4, 3]'
  # Refused, with nothing written: another day, another type, an id that is not a plan.
  before=$(niggle export --format json -o - | jq -S '.entries')
  run --separate-stderr niggle log 5k --plan 1 --date 2026-11-24
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"plan #1 is for 2026-11-23, not 2026-11-24"* ]]
  run --separate-stderr niggle log 5k --plan 1 --type walk
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"plan #1 is a run, and a walk does not carry it out"* ]]
  run --separate-stderr niggle log 5k --plan 3
  [ "$status" -eq 6 ]
  assert_one_error_line
  [[ "$stderr" == *"#3 is not a planned session"* ]]
  run --separate-stderr niggle log 5k --plan 99
  [ "$status" -eq 6 ]
  [[ "$stderr" == *"#99 is not in the journal"* ]]
  run --separate-stderr niggle log 5k --plan 0
  [ "$status" -ne 0 ]
  [ "$(niggle export --format json -o - | jq -S '.entries')" = "$before" ]
}

@test "plan: today's and later plans are to come, shown in the week and counted in its plan" {
  niggle plan add today 8k >/dev/null
  niggle plan add saturday 16k --kind long >/dev/null
  run --separate-stderr niggle week
  [[ "$output" == *"0.00 km of 24.00 km planned (0%); 2 planned sessions: 0 done, 2 to come"* ]] || { echo "$output"; return 1; }
  echo "$output" | grep -E '^ *Sat .*planned: run long 16.00 km \(#2\)'
  niggle log 8k >/dev/null
  run niggle week --json
  echo "$output" | jq -e '.done_sessions == 1 and .pending_sessions == 1 and .planned_pct == 33.3'
  echo "$output" | jq -e '.load.runs == null and .runs == 1'
}

@test "plan add, list, edit and rm; plans listed from today on" {
  run --separate-stderr niggle plan add saturday 16k --kind long --note "with the club" --tag ultra
  [ "$status" -eq 0 ]
  [ "$output" = "Planned #1 Sat 2026-11-28 plan: run (long) 16.00 km +ultra"$'\n'"  note: with the club" ]
  [ "$(file_mode "$JOURNAL")" = 600 ]
  niggle plan add yesterday 5k >/dev/null
  run --separate-stderr niggle plan add 2027-03-14 50k --kind race --json
  echo "$output" | jq -e '.kind == "plan" and .intensity == "race" and .distance_km == 50 and .date == "2027-03-14"'
  run --separate-stderr niggle plan
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "#1 Sat 2026-11-28 plan: run (long) 16.00 km +ultra" ]
  [ "${lines[2]}" = "#3 Sun 2027-03-14 plan: run (race) 50.00 km" ]
  [[ "$output" != *"#2 "* ]]
  run niggle plan --since -1w --until 2026-12-31 --json
  echo "$output" | jq -e 'map(.id) == [2, 1]'
  run --separate-stderr niggle plan edit 1 18k --day sunday
  [ "$status" -eq 0 ]
  [[ "$output" == "Changed #1 Sun 2026-11-29 plan: run (long) 18.00 km +ultra"* ]]
  run niggle plan edit 1 --kind ""  --json
  echo "$output" | jq -e '.intensity == null and .distance_km == 18 and .note == "with the club"'
  run --separate-stderr niggle plan rm 1 3
  [ "$status" -eq 0 ]
  [[ "$output" == "Removed #1 "*$'\n'"Removed #3 "* ]]
  [[ "$stderr" == *"niggle undo"* ]]
  run niggle plan --json
  echo "$output" | jq -e 'length == 0'
  niggle undo --yes >/dev/null
  run niggle plan --json
  echo "$output" | jq -e 'map(.id) == [1, 3]'
  # Plans are not in `niggle list`, which shows what happened, unless asked for.
  run niggle list --json
  echo "$output" | jq -e 'length == 0'
}

@test "plan: bad input is one error line with the exit code of every command, and nothing is written" {
  niggle plan add saturday 10k >/dev/null
  before=$(journal_digest)
  run --separate-stderr niggle plan add someday 10k
  [ "$status" -eq 3 ]; assert_one_error_line
  [[ "$stderr" == *"someday"* ]]
  run --separate-stderr niggle plan add saturday 10q
  [ "$status" -eq 3 ]; assert_one_error_line
  [[ "$stderr" == *"10q"* ]]
  run --separate-stderr niggle plan add saturday 10k --kind sprint
  [ "$status" -eq 3 ]; assert_one_error_line
  [[ "$stderr" == *"'sprint'"*"accepted: easy, long, tempo, intervals, hills, race"* ]]
  run --separate-stderr niggle plan add saturday 10k 5k
  [ "$status" -eq 3 ]; assert_one_error_line
  run --separate-stderr niggle plan add
  [ "$status" -eq 2 ]
  run --separate-stderr niggle plan add saturday 10k --type strength
  [ "$status" -eq 3 ]; assert_one_error_line
  run --separate-stderr niggle plan rm 99
  [ "$status" -eq 6 ]; assert_one_error_line
  [[ "$stderr" == *"#99"* ]]
  run --separate-stderr niggle plan edit 99 5k
  [ "$status" -eq 6 ]; assert_one_error_line
  niggle log 5k >/dev/null
  before=$(journal_digest)
  run --separate-stderr niggle plan rm 1 2
  [ "$status" -eq 6 ]; assert_one_error_line
  [[ "$stderr" == *"#2 is not a planned session"* ]]
  run --separate-stderr niggle plan edit 1 --day nonsense
  [ "$status" -eq 3 ]; assert_one_error_line
  run --separate-stderr niggle plan --since 2026-12-01 --until 2026-11-01
  [ "$status" -eq 3 ]; assert_one_error_line
  [ "$(journal_digest)" = "$before" ]
  # A read on a missing journal exits 5, like every read command.
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/missing.db" plan
  [ "$status" -eq 5 ]
}

@test "plan: plans survive export, import (JSON and CSV), merge of journals and undo" {
  niggle plan add saturday 16k --kind long --tag ultra >/dev/null
  niggle plan add 2027-03-14 50k --kind race >/dev/null
  niggle export -o "$BATS_TEST_TMPDIR/e.json"
  niggle export --format csv >"$BATS_TEST_TMPDIR/e.csv"
  run niggle --db "$BATS_TEST_TMPDIR/json.db" import "$BATS_TEST_TMPDIR/e.json"
  [ "$status" -eq 0 ]
  run niggle --db "$BATS_TEST_TMPDIR/json.db" plan --json
  echo "$output" | jq -e 'length == 2 and .[0].intensity == "long" and .[0].tags == ["ultra"] and .[1].distance_km == 50'
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" import "$BATS_TEST_TMPDIR/e.csv"
  [ "$status" -eq 0 ]
  run niggle --db "$BATS_TEST_TMPDIR/csv.db" plan --json
  echo "$output" | jq -e 'length == 2 and .[1].intensity == "race"'
  # An edit on one side wins a merge by its later modified_at, and a removal stays removed.
  sleep 1
  niggle --db "$BATS_TEST_TMPDIR/json.db" plan edit 1 20k >/dev/null
  niggle --db "$BATS_TEST_TMPDIR/json.db" plan rm 2 >/dev/null
  run niggle import "$BATS_TEST_TMPDIR/json.db"
  [ "$status" -eq 0 ]
  run niggle plan --json
  echo "$output" | jq -e 'length == 1 and .[0].distance_km == 20'
  niggle undo --yes >/dev/null
  run niggle plan --json
  echo "$output" | jq -e 'length == 2 and .[0].distance_km == 16'
  # The same import again adds nothing.
  run niggle import "$BATS_TEST_TMPDIR/e.json"
  run niggle plan --json
  echo "$output" | jq -e 'length == 2'
}

@test "plan: advise names today's plan against the cap, and a race with the weeks left" {
  # Pain 4 after yesterday's run: L2 caps today's run below the long run's 16 km.
  niggle log 8k --date -7d >/dev/null
  niggle log 8k --date -5d >/dev/null
  niggle log 10k --date -3d >/dev/null
  niggle log 10k --date yesterday >/dev/null
  niggle pain 4 --where lower-back --walking better --date yesterday >/dev/null
  niggle pain 4 --where lower-back --walking better >/dev/null
  niggle plan add today 16k --kind long >/dev/null
  niggle plan add 2026-12-20 50k --kind race >/dev/null
  COLUMNS=200 run --separate-stderr niggle advise  # each line whole
  [[ "$output" == *"Plan: 16.0 km long run (#7). Today's cap is 9.0 km (easy): run 9.0 km, or move the long run."* ]] || { echo "$output"; return 1; }
  [[ "$output" == *"Race: 50.0 km race on Sun 2026-12-20, in 3 weeks and 5 days (#8)."* ]] || { echo "$output"; return 1; }
  run niggle advise --json
  echo "$output" | jq -e '.plan.id == 7 and .plan_id == 7 and .plan.planned_km == 16 and .planned_km == 16 and .plan.done == false'
  echo "$output" | jq -e '.race.id == 8 and .race.weeks_left == 3 and .race.days_left == 26'
  echo "$output" | jq -e '.max_km_today == 9 and .cap_rule == "easy"'
  cap=$(echo "$output" | jq '.max_km_today')
  # The cap is what it is without a plan: a plan never raises it.
  niggle plan rm 7 8 >/dev/null
  run niggle advise --json
  [ "$(echo "$output" | jq '.max_km_today')" = "$cap" ]
  echo "$output" | jq -e '.plan == null and .planned_km == null'
}
