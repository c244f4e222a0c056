#!/usr/bin/env bats
# niggle advise: scenarios built with `log` and `pain` on a temporary journal, today pinned
# to Tuesday 2026-11-24 (weeks start on Monday 2026-11-23).
load helpers

setup() { setup_niggle; }

# Four weeks of 20 km before this week: 6, 6 and 8 km on Tuesday, Thursday and Saturday.
healthy_build_up() {
  local day
  for day in 2026-10-27 2026-10-29 2026-11-03 2026-11-05 2026-11-10 2026-11-12 2026-11-17 2026-11-19; do
    niggle log 6k 36:00 --date "$day" >/dev/null
  done
  for day in 2026-10-31 2026-11-07 2026-11-14 2026-11-21; do
    niggle log 8k 50:00 --kind long --date "$day" >/dev/null
  done
}

# The value of a jq filter over the last `run --separate-stderr niggle advise --json`.
field() { jq -r "$1" <<<"$output"; }

@test "no journal: exit 5, nothing created; an empty journal: not enough data, exit 12" {
  run --separate-stderr niggle advise
  [ "$status" -eq 5 ]
  [ "$stderr" = "niggle: error: no journal at '$JOURNAL' (niggle log or niggle pain creates it)" ]
  [ ! -e "$JOURNAL" ]
  niggle log 1k >/dev/null 2>&1 && niggle undo >/dev/null   # a journal with nothing in it
  run --separate-stderr niggle advise
  [ "$status" -eq 12 ]
  [ "${lines[0]}" = "Not enough data to judge: record today's pain score (niggle pain 0-10)." ]
  [[ "$output" == *"Nothing is recorded"* ]]
  [ "${lines[-1]}" = "niggle is a journal's aid, not a diagnosis." ]
  [ -z "$stderr" ]
}

@test "a healthy build-up: go, capped by the longest recent run" {
  healthy_build_up
  niggle pain 1 --where lower-back --walking better >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Good to run today: at most 8.8 km. Stop if pain passes 5/10." ]
  [[ "$output" == *"P4   Latest pain 1/10"* ]]
  [[ "$output" == *"L1   This week: 0.0 km run of a 26.0 km budget"* ]]
  # Plain advice shows three of the day's suggestions; the stretch is among them all.
  [ "$(echo "$output" | sed -n '/^Suggestions:/,/^$/p' | grep -c '^  - ')" -eq 3 ]
  COLUMNS=200 run --separate-stderr niggle advise --all-suggestions
  [[ "$output" == *"Suggestions:"*"piriformis"* ]]
  run --separate-stderr niggle advise --json
  [ "$status" -eq 0 ]
  [ "$(field .verdict)" = go ]
  [ "$(field .max_km_today)" = 8.8 ]
  [ "$(field .cap_rule)" = L2 ]
  [ "$(field .week_budget_km)" = 26 ]
  [ "$(field .budget_rule)" = L1 ]
  [ "$(field .see_professional)" = false ]
}

@test "a spike: a run past 1.10 x the longest of 30 days is today's cap, and more is cross-training" {
  healthy_build_up
  niggle pain 1 --walking better >/dev/null
  niggle log 10k >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 10 ]
  [ "$(field .verdict)" = cross-train ]
  [ "$(field .verdict_rule)" = L2 ]
  [ "$(field .max_km_today)" = 0 ]
  [ "$(field .ran_today_km)" = 10 ]
  field '.reasons[0].message' | grep -q "Already run today: 10.0 km; that is today's cap"
}

@test "runs already logged today are taken off today's cap, and the verdict says so" {
  healthy_build_up
  niggle pain 1 --walking better >/dev/null
  niggle log 5k >/dev/null
  COLUMNS=200 run --separate-stderr niggle advise  # the headline on one line
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Good to run today: at most 3.8 km more (5.0 km run already today). Stop if pain passes 5/10." ]
}

@test "a too-fast ramp: past 1.30 x the 4-week mean, cross-train for the rest of the week" {
  healthy_build_up
  niggle pain 2 --walking better >/dev/null
  niggle log 14k --date mon >/dev/null
  niggle log 13k >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 10 ]
  [ "$(field .verdict)" = cross-train ]
  [ "$(field .verdict_rule)" = L1 ]
  [ "$(field .week_so_far_km)" = 27 ]
  [ "$(field .week_left_km)" = 0 ]
  [ "$(field '[.reasons[].rule] | index("L5") != null')" = true ]  # the acute:chronic warning rides along
}

@test "a flare-up: pain 8 that walking makes worse means rest" {
  healthy_build_up
  niggle pain 8 --where lower-back --walking worse --when morning >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 10 ]
  [ "${lines[0]}" = "Rest today, no running: pain 8/10 that walking makes worse." ]
  [[ "$output" == *"P3   The highest pain of Tue 2026-11-24 is 8/10"* ]]
  [[ "$output" != *"air squats"* ]]
  run --separate-stderr niggle advise --json
  [ "$(field .verdict)" = rest ]
  [ "$(field .max_km_today)" = 0 ]
  [ "$(field .stop_pain)" = null ]
}

@test "pain 7 is not a flare-up: cross-train; and severe_pain from the config moves the line" {
  healthy_build_up
  niggle pain 7 --walking worse >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 10 ]
  [ "$(field .verdict)" = cross-train ]
  [ "$(field .verdict_rule)" = P5 ]
  niggle pain 8 --walking worse >/dev/null
  run --separate-stderr niggle advise --json
  [ "$(field .verdict)" = rest ]
  mkdir -p "$(dirname "$CONFIG")"
  printf '[advice]\nsevere_pain = 9\n' >"$CONFIG"
  run --separate-stderr niggle advise --json
  [ "$(field .verdict)" = cross-train ]
  [ "$(field .verdict_rule)" = P5 ]
}

@test "a red flag: get care now, exit 11, and nothing else" {
  healthy_build_up
  niggle pain 1 --walking better --date yesterday >/dev/null
  niggle pain 5 --where lower-back --symptom bladder 2>/dev/null >/dev/null
  COLUMNS=200 run --separate-stderr niggle advise  # the headline on one line
  [ "$status" -eq 11 ]
  [[ "${lines[0]}" == "Seek emergency care now: bladder trouble"*"Do not run." ]]
  [[ "$output" != *"Suggestions"* ]]
  [[ "$output" != *"Good to run"* ]]
  [[ "$output" != *"km"* ]]
  run --separate-stderr niggle advise --json
  [ "$status" -eq 11 ]
  [ "$(field .verdict)" = urgent ]
  [ "$(field .see_professional)" = true ]
  [ "$(field '.reasons | length')" = 1 ]
  [ "$(field '.reasons[0].rule')" = P1 ]
  [ "$(field '.suggestions | length')" = 0 ]
  [ "$(field .max_km_today)" = 0 ]
}

@test "a red flag counts for 14 days, whatever is recorded since, until a doctor assesses it" {
  niggle pain 3 --symptom saddle-numbness --date -13d 2>/dev/null >/dev/null
  niggle pain 0 --walking better --date -1d >/dev/null
  niggle pain 0 --walking better >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 11 ]
  run --separate-stderr niggle advise --date tomorrow
  [ "$status" -ne 11 ]
  niggle visit physio --date -12d >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 11 ]  # a physio does not assess a red flag
  niggle visit doctor --date -12d >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 0 ]
  [ "$(field '.reasons[] | select(.rule == "P1") | .status')" = info ]
}

@test "nerve symptoms: see a professional, and cross-train while they last" {
  healthy_build_up
  niggle pain 4 --where lower-back --symptom tingling,leg-pain 2>/dev/null >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 10 ]
  [ "${lines[0]}" = "Cross-train today, no running: nerve symptoms (tingling and pain down the leg)." ]
  [ "${lines[1]}" = "See a physiotherapist or doctor (tingling and pain down the leg)." ]
  niggle pain 2 --walking better --date today >/dev/null
  run --separate-stderr niggle advise --json
  [ "$(field '[.reasons[] | select(.rule == "P8")] | length')" = 1 ]  # the same day: still there
}

@test "persistent pain: an easy run, and see a professional" {
  healthy_build_up
  local d
  for d in 13 12 11 10 9 8 7 6 5 4 3 1; do niggle pain 4 --walking same --date "-${d}d" >/dev/null; done
  niggle pain 4 --walking same >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Easy run today: at most 6.0 km. Stop if pain passes 5/10." ]  # v2: the median run
  [[ "${lines[1]}" == "See a physiotherapist or doctor (pain at 3/10 or more on 13 of the last 13 days"* ]]
  run --separate-stderr niggle advise --json
  [ "$(field .verdict)" = easy ]
  [ "$(field .see_professional)" = true ]
  [ "$(field '[.reasons[] | select(.rule == "P9" and .status == "fired")] | length')" = 1 ]
}

@test "a runner who never rests: rest after 6 days in a row" {
  local d
  for d in 6 5 4 3 2 1; do niggle log 5k --date "-${d}d" >/dev/null; done
  niggle pain 1 --walking better >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 10 ]
  [ "${lines[0]}" = "Rest today, no running: you ran on each of the last 6 days." ]
  [[ "$output" == *"core work, stretching or an easy walk"* ]]
  niggle log 5k --date -6d --type walk >/dev/null  # a walk does not change it
  run --separate-stderr niggle advise --json
  [ "$(field .verdict_rule)" = L3 ]
}

@test "the morning after a run: pain up by 2 points means cross-train" {
  healthy_build_up
  niggle pain 2 --date -2d >/dev/null
  niggle log 6k --date yesterday >/dev/null
  niggle pain 4 --when morning --walking better >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 10 ]
  [ "$(field .verdict_rule)" = P6 ]
}

@test "no pain score for 48 h: the load rules still judge, at best an easy run" {
  healthy_build_up
  niggle pain 0 --date -2d >/dev/null
  run --separate-stderr niggle advise
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Easy run today: at most 6.0 km. Stop if pain passes 5/10." ]  # v2: the median run
  [[ "$output" == *"T1   No pain score in the last 48 h (Mon 2026-11-23 to Tue 2026-11-24)"* ]]
}

@test "a new journal: too little history for a weekly budget, L1 says so and does not cap" {
  niggle log 4k --date -3d >/dev/null
  niggle pain 1 --walking better >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 0 ]
  [ "$(field .week_budget_km)" = null ]
  [ "$(field '[.reasons[] | select(.rule == "L1")][0].status')" = no-data ]
  [ "$(field .max_km_today)" = 4.4 ]
}

@test "--date: a past day ignores what came after; a future day plans ahead" {
  healthy_build_up
  niggle pain 1 --walking better --date yesterday >/dev/null
  niggle pain 9 --walking worse >/dev/null
  niggle log 30k >/dev/null
  run --separate-stderr niggle advise --date yesterday
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Good to run on Mon 23 Nov: at most 8.8 km. Stop if pain passes 5/10." ]
  [ "${lines[1]}" = "As of Mon 2026-11-23: entries after that day are not counted." ]
  run --separate-stderr niggle advise --date tomorrow --json
  [ "$(field .date)" = 2026-11-25 ]
  [ "$(field .days_ahead)" = 1 ]
  [ "$(field .verdict)" = rest ]  # today's 9/10 is within 48 h of tomorrow
  run --separate-stderr niggle advise --date +3d
  [[ "$output" == *"Planning for Fri 2026-11-27, 3 days ahead"* ]]
}

@test "--date takes what log takes, and says what it accepts" {
  run --separate-stderr niggle advise --date 2026-02-30
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"2026-02-30"*"does not exist"* ]]
}

@test "miles: the human output in miles, the JSON in kilometres" {
  healthy_build_up
  niggle pain 1 --walking better >/dev/null
  run --separate-stderr niggle --units mi advise
  [ "${lines[0]}" = "Good to run today: at most 5.4 mi. Stop if pain passes 5/10." ]
  run --separate-stderr niggle advise --units mi --json
  [ "$(field .max_km_today)" = 8.8 ]
  [ "$(field .message_units)" = mi ]
}

@test "--json prints exactly one document with the documented keys" {
  healthy_build_up
  niggle pain 3 --where upper-back --walking same >/dev/null
  run --separate-stderr niggle advise --json
  [ "$status" -eq 0 ]
  [ "$(jq -s length <<<"$output")" = 1 ]
  jq -e 'has("date") and has("verdict") and has("see_professional") and has("professional_reason")
         and has("max_km_today") and has("week_budget_km") and (.reasons | type == "array")
         and (.suggestions | type == "array") and all(.reasons[]; has("rule") and has("message") and has("source"))' <<<"$output"
  [ "$(field 'has("figures")')" = false ]
  run --separate-stderr niggle advise --json --explain
  [ "$(field '.figures.baseline.mean_km')" = 20 ]
  [ "$(field '.checked | length > 0')" = true ]
}

@test "--explain adds the figures and the rules that found nothing" {
  healthy_build_up
  niggle pain 2 --walking better >/dev/null
  # Wide enough that no figure's line wraps.
  COLUMNS=200 run --separate-stderr niggle advise --explain
  [ "$status" -eq 0 ]
  [[ "$output" == *"Figures:"* ]]
  [[ "$output" == *"2026-11-16                20.0 km     3     0          4"* ]]
  [[ "$output" == *"The journal starts on Tue 2026-10-27 (its first entry)."* ]]
  [[ "$output" == *"2026-10-26             before the journal"* ]]
  [[ "$output" == *"Baseline: 20.0 km a week over 3 known weeks (3 with running; 1 before the journal, left out)"* ]]
  [[ "$output" == *"Reference run (L2), the longest single run of the 30 days before"* ]]
  [[ "$output" == *"Checked, nothing to report:"*"P1   No red-flag symptom"* ]]
}

@test "advise --help leads with examples and names the exit statuses" {
  run niggle advise --help
  [ "$status" -eq 0 ]
  [[ "$output" == *"Examples:"*"niggle advise --explain"* ]]
  [[ "$output" == *"10 rest or cross-train, 11 urgent, 12 unknown"* ]]
}

@test "advise never writes: a read-only look at the journal" {
  healthy_build_up
  local before
  before=$(sqlite3 "$JOURNAL" "SELECT count(*), max(modified_at) FROM entry")
  niggle advise >/dev/null || true
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*), max(modified_at) FROM entry")" = "$before" ]
}

@test "a day ahead is named in the headline, the caps and --short; today says today" {
  # Today is pinned (NIGGLE_TODAY, helpers.bash) to Tuesday 2026-11-24.
  [ "$NIGGLE_TODAY" = 2026-11-24 ]
  healthy_build_up
  niggle pain 3 --where lower-back --walking better >/dev/null
  COLUMNS=200 run --separate-stderr niggle advise
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Easy run today: at most 6.0 km. Stop if pain passes 5/10." ]
  [ "${lines[1]}" = "Caps: today at most 6.0 km (easy); this week 26.0 km of 26.0 km left (L1); stop if pain passes 5/10." ]
  [ "$(niggle advise --short)" = "easy: at most 6.0 km today (P5: pain 3/10)" ]
  COLUMNS=200 run --separate-stderr niggle advise --date tomorrow
  [ "${lines[0]}" = "Easy run tomorrow: at most 6.0 km. Stop if pain passes 5/10." ]
  [[ "${lines[2]}" == "Caps: tomorrow at most 6.0 km (easy); this week 26.0 km"* ]]
  [ "$(niggle advise --short --date tomorrow)" = "easy: at most 6.0 km tomorrow (P5: pain 3/10)" ]
  # A bare weekday is the next one: Monday 30 November, in next week.
  COLUMNS=200 run --separate-stderr niggle advise --date mon
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Easy run on Mon 30 Nov: at most 6.0 km. Stop if pain passes 5/10." ]
  [[ "${lines[1]}" == "Planning for Mon 2026-11-30, 6 days ahead:"* ]]
  [ "${lines[2]}" = "Caps: Mon 30 Nov at most 6.0 km (easy); next week 19.5 km of 19.5 km left (L1); stop if pain passes 5/10." ]
  [[ "$output" != *"today at most"* && "$output" != *"Easy run today"* ]]
  [ "$(niggle advise --short --date mon)" = "easy: at most 6.0 km on Mon 30 Nov (T1: no recent pain score)" ]
  run --separate-stderr niggle advise --date mon --json
  [ "$(field .headline)" = "Easy run on Mon 30 Nov: at most 6.0 km. Stop if pain passes 5/10." ]
  [ "$(field .days_ahead)" = 6 ]
  # Two weeks ahead: the week is named by its Monday.
  COLUMNS=200 run --separate-stderr niggle advise --date 2026-12-08
  [[ "${lines[2]}" == "Caps: Tue 8 Dec at most 6.0 km (easy); the week of Mon 7 Dec: "* ]]
}

@test "advise --json's suggestions are the ones the text shows; --all-suggestions and --explain give every one" {
  healthy_build_up
  niggle pain 3 --where lower-back --walking better >/dev/null
  shown() { sed -n '/^Suggestions:/,/^$/p' | grep '^  - ' | sed 's/^  - //'; }
  COLUMNS=1000 run --separate-stderr niggle advise
  text="$(shown <<<"$output")"
  [ "$(wc -l <<<"$text")" -eq 3 ]
  run --separate-stderr niggle advise --json
  [ "$(jq -r '.suggestions[]' <<<"$output")" = "$text" ]
  all="$(jq '.all_suggestions | length' <<<"$output")"
  [ "$all" -gt 3 ]
  COLUMNS=1000 run --separate-stderr niggle advise --all-suggestions
  every="$(shown <<<"$output")"
  [ "$(wc -l <<<"$every")" -eq "$all" ]
  [ "$(niggle advise --json --all-suggestions | jq -r '.suggestions[]')" = "$every" ]
  [ "$(niggle advise --json --explain | jq -r '.suggestions[]')" = "$every" ]
  # The day's pick changes with the day, and JSON follows it.
  [ "$(niggle advise --json --date tomorrow | jq -c .suggestions)" != "$(niggle advise --json | jq -c .suggestions)" ]
}
