#!/usr/bin/env bats
# niggle insights, log --lift and pain --sleep: generated journals (tests/insights/
# generate-journal.py) where long runs really raise next-morning pain, and of noise.
load helpers

setup() {
  setup_niggle
  GENERATE="$BATS_TEST_DIRNAME/../insights/generate-journal.py"
}

import_generated() {
  python3 "$GENERATE" "$@" > "$BATS_TEST_TMPDIR/generated.json"
  niggle import "$BATS_TEST_TMPDIR/generated.json" >/dev/null
}

@test "insights finds that long runs raise next-morning pain, with its interval" {
  import_generated --seed 7 --effect 2
  run --separate-stderr niggle insights
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  [[ "${lines[0]}" == "Next-morning pain after 181 days, 2026-05-04 to 2026-10-31:" ]]
  # The largest effect first, as a clear finding, in words with its interval and occasions.
  [[ "${lines[1]}" =~ ^\ \ \*\ After\ long\ runs\ .*\ your\ next-morning\ pain\ was\ 2\.[0-9]\ higher\ \(1\.[0-9]\ to\ 2\.[0-9]\;\ 21\ occasions\ against\ 157\)\.$ ]]
  [[ "$output" == *"not enough occasions yet"* ]]
  [[ "$output" == *"Holm's adjustment"* ]]
  [[ "$output" == *"associations in one person's journal, not causes"* ]]
  [[ "$output" == *"Heavy deadlifts"* ]]
}

@test "insights on a journal of noise reports no finding" {
  import_generated --seed 11 --effect 0
  run --separate-stderr niggle insights
  [ "$status" -eq 0 ]
  [[ "$output" != *"clear finding;"* ]]
  [[ "$output" == *"could be chance"* ]]
  run niggle insights --json
  [ "$(jq '[.factors[] | select(.significant)] | length' <<<"$output")" -eq 0 ]
}

@test "insights --json is one document with an object per factor" {
  import_generated --seed 7 --effect 2
  run --separate-stderr niggle insights --json
  [ "$status" -eq 0 ]
  [ "$(jq -s length <<<"$output")" -eq 1 ]
  [ "$(jq -r '.adjustment, .method' <<<"$output")" = $'holm\nwelch-t' ]
  [ "$(jq -r '.factors[0].factor' <<<"$output")" = "long-run" ]
  [ "$(jq '.factors[0] | .significant and .n_with == 21 and .n_without == 157 and .ci_low > 1 and .ci_high < 3 and .p_adjusted < 0.05' <<<"$output")" = true ]
  [ "$(jq '[.factors[] | has("factor", "n_with", "n_without", "difference", "ci_low", "ci_high", "significant", "p_value", "p_adjusted")] | all' <<<"$output")" = true ]
  # Too few occasions is never a finding.
  [ "$(jq '[.factors[] | select(.n_with < 5 or .n_without < 5) | select(.significant or .difference != null)] | length' <<<"$output")" -eq 0 ]
}

@test "insights --since counts only the days from then on" {
  import_generated --seed 7 --effect 2
  run niggle insights --since 2026-09-01 --json
  [ "$status" -eq 0 ]
  [ "$(jq -r '.first_day' <<<"$output")" = "2026-09-01" ]
  [ "$(jq '.days' <<<"$output")" -eq 61 ]
}

@test "insights on an empty journal says what to record" {
  # No journal at all: a read command says so (exit 5) and creates nothing.
  run --separate-stderr niggle insights
  [ "$status" -eq 5 ]
  [[ "$stderr" == *"no journal at"* ]]
  [ ! -e "$JOURNAL" ]
  # A journal without entries: what to record.
  niggle log 5k 30:00 >/dev/null 2>&1
  niggle rm 1 --force >/dev/null 2>&1
  run --separate-stderr niggle insights
  [ "$status" -eq 0 ]
  [[ "$output" == *"niggle pain 3 --when morning"* ]]
}

@test "insights refuses a bad --since" {
  run --separate-stderr niggle insights --since someday
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"someday"* ]]
  run --separate-stderr niggle insights --since today
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"no day with a next morning"* ]]
}

@test "log --lift records a strength session's exercises; list, export and import keep them" {
  run --separate-stderr niggle log 45min --type strength --lift deadlift:3x5@60kg --lift Row:4x8@45lb --lift plank:3x1
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Logged #1 Tue 2026-11-24 strength: 45:00, deadlift:3x5@60kg row:4x8@45lb plank:3x1" ]
  run niggle list --json
  [ "$(jq -c '.[0].lifts[0]' <<<"$output")" = '{"exercise":"deadlift","sets":3,"reps":5,"load":60,"load_unit":"kg"}' ]
  [ "$(jq -c '.[0].lifts[2].load' <<<"$output")" = null ]
  niggle export -o "$BATS_TEST_TMPDIR/out.json" >/dev/null
  niggle export -o "$BATS_TEST_TMPDIR/out.csv" >/dev/null
  grep -q 'deadlift:3x5@60kg,row:4x8@45lb,plank:3x1' "$BATS_TEST_TMPDIR/out.csv"
  for file in out.json out.csv; do
    NIGGLE_DB="$BATS_TEST_TMPDIR/$file.db" niggle import "$BATS_TEST_TMPDIR/$file" >/dev/null
    [ "$(NIGGLE_DB="$BATS_TEST_TMPDIR/$file.db" niggle list --json | jq -c '[.[0].lifts[] | .exercise]')" = '["deadlift","row","plank"]' ]
  done
  # Edited, then undone, like any other field.
  niggle edit 1 --lift squat:5x5@80kg >/dev/null
  [ "$(niggle list --json | jq -c '[.[0].lifts[] | .exercise]')" = '["squat"]' ]
  niggle undo >/dev/null
  [ "$(niggle list --json | jq -c '[.[0].lifts[] | .exercise]')" = '["deadlift","row","plank"]' ]
}

@test "log --lift refuses a bad exercise, and a lift on a run, writing nothing" {
  for bad in "deadlift" "deadlift:3x" "dead lift:3x5" "deadlift:0x5" "deadlift:3x5@60" "deadlift:3x5@-5kg" "deadlift:3x5@2000kg"; do
    run --separate-stderr niggle log 40min --type strength --lift "$bad"
    [ "$status" -eq 3 ]
    assert_one_error_line
    [[ "$stderr" == *"--lift '$bad'"*"deadlift:3x5@60kg"* ]]
  done
  run --separate-stderr niggle log 5k --lift deadlift:3x5@60kg
  [ "$status" -eq 3 ]
  assert_one_error_line
  [[ "$stderr" == *"for strength sessions"* ]]
  [ ! -e "$JOURNAL" ]
}

@test "pain --sleep records the night's hours; list, export and edit keep them" {
  run --separate-stderr niggle pain 4 --when morning --sleep 6:30
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Recorded #1 Tue 2026-11-24 pain 4/10: morning, slept 6.5 h" ]
  [ "$(niggle list --json | jq '.[0].sleep_hours')" = "6.5" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT sleep_hours FROM pain")" = "6.5" ]
  niggle export -o "$BATS_TEST_TMPDIR/out.json" >/dev/null
  NIGGLE_DB="$BATS_TEST_TMPDIR/copy.db" niggle import "$BATS_TEST_TMPDIR/out.json" >/dev/null
  [ "$(NIGGLE_DB="$BATS_TEST_TMPDIR/copy.db" niggle list --json | jq '.[0].sleep_hours')" = "6.5" ]
  niggle edit 1 --sleep 8 >/dev/null
  [ "$(niggle list --json | jq '.[0].sleep_hours')" = "8" ]
  niggle edit 1 --sleep "" >/dev/null
  [ "$(niggle list --json | jq '.[0].sleep_hours')" = "null" ]
}

@test "pain --sleep refuses hours outside 0-24, writing nothing" {
  for bad in 25 -1 abc 6:75 "7 hours"; do
    run --separate-stderr niggle pain 3 --sleep "$bad"
    [ "$status" -eq 3 ]
    assert_one_error_line
    [[ "$stderr" == *"--sleep '$bad'"*"0 to 24"* ]]
  done
  [ ! -e "$JOURNAL" ]
}

@test "advise names a clear finding that the last run matches" {
  import_generated --seed 7 --effect 2
  export NIGGLE_TODAY=2026-11-01 # the day a Sunday long run is in the journal: 2026-10-25 was the latest
  niggle log 18k --kind long >/dev/null
  COLUMNS=200 run --separate-stderr niggle advise  # wide enough that the finding's line does not wrap
  [[ "$output" == *"From your journal:"* ]]
  [[ "$output" == *"After your long runs, next-morning pain has been 2."*" higher on average"* ]]
  [[ "$output" == *"occasions in the last 12 months): see \`niggle insights --since 2025-11-02\`."* ]]
  run niggle advise --json
  [ "$(jq -r '.insights[0].factor' <<<"$output")" = "long-run" ]
  # Only the last 12 months count: two years on, the same journal and a new long run give
  # no finding to match (every occasion is older).
  export NIGGLE_TODAY=2028-11-05
  niggle log 18k --kind long >/dev/null
  run --separate-stderr niggle advise --json
  [ "$(jq '.insights | length' <<<"$output")" -eq 0 ]
  run --separate-stderr niggle insights --json
  [ "$(jq '[.factors[] | select(.significant)] | length' <<<"$output")" -ge 1 ]
}

@test "the report has the insights table in HTML and Markdown" {
  import_generated --seed 7 --effect 2
  export NIGGLE_TODAY=2026-11-01
  niggle report --weeks 4 --output "$BATS_TEST_TMPDIR/r.html" >/dev/null
  grep -q '<section id="insights">' "$BATS_TEST_TMPDIR/r.html"
  grep -q '<tr class="finding"><td>long runs' "$BATS_TEST_TMPDIR/r.html"
  niggle report --weeks 4 --format markdown --output "$BATS_TEST_TMPDIR/r.md" >/dev/null
  grep -q '^## What goes with a worse next morning' "$BATS_TEST_TMPDIR/r.md"
  grep -q '| clear finding |' "$BATS_TEST_TMPDIR/r.md"
}
