#!/usr/bin/env bats
# niggle pain: record pain scores, with warnings for symptoms that need care.
load helpers

setup() { setup_niggle; }

@test "pain records a score with its details" {
  run --separate-stderr niggle pain 6 --where lower-back --side left --walking worse --when morning --note "stiff"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Recorded #1 Tue 2026-11-24 pain 6/10: lower-back, left side, worse walking, morning" ]
  [ "$stderr" = "niggle: created a new journal at '$JOURNAL'" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT score, location, side, walking, timing FROM pain")" = "6|lower-back|left|worse|morning" ]
}

@test "several entries a day are normal" {
  niggle pain 3 --when morning
  niggle pain 5 --when after
  niggle pain 2 --when evening
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM pain JOIN entry ON entry.id = pain.entry_id WHERE day = '2026-11-24'")" -eq 3 ]
}

@test "pain --json prints the stored record" {
  run --separate-stderr niggle pain 4 --where hip --symptom tingling,numbness --symptom tingling --json
  [ "$status" -eq 0 ]
  echo "$output" | jq -e '.kind == "pain" and .score == 4 and .where == "hip" and .symptoms == ["numbness", "tingling"]'
}

@test "a red flag is warned about at once, on stderr, and still recorded" {
  run --separate-stderr niggle pain 7 --where lower-back --symptom bladder
  [ "$status" -eq 0 ]
  [[ "$output" == "Recorded #1 "* ]]
  [[ "$stderr" == *"niggle: URGENT:"* ]]
  [[ "$stderr" == *"emergency"* ]]
  [[ "$stderr" != *"physio appointment."*"book"* ]]
  [ "$(entry_count)" -eq 1 ]
}

@test "every red flag of P1 is urgent: bowel, saddle numbness, weakness in both legs" {
  for args in "--symptom bowel" "--symptom saddle-numbness" "--symptom weakness --side both"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle pain 5 $args
    [[ "$stderr" == *"URGENT"* ]] || { echo "no urgent warning for $args: $stderr"; return 1; }
  done
}

@test "nerve symptoms say see a professional, not emergency; cough-worse is not a red flag" {
  run --separate-stderr niggle pain 4 --symptom cough-worse
  [[ "$stderr" == *"niggle: warning:"*"physiotherapist or doctor"* ]]
  [[ "$stderr" != *"URGENT"* ]]
  run --separate-stderr niggle pain 4 --symptom weakness --side left
  [[ "$stderr" != *"URGENT"* ]]
  [[ "$stderr" == *"both legs or getting worse, seek emergency care"* ]]
}

@test "serious-cause flags say see a doctor soon" {
  run --separate-stderr niggle pain 5 --symptom fever
  [[ "$stderr" == *"doctor soon"* ]]
  [[ "$stderr" != *"URGENT"* ]]
}

@test "no warning for plain pain" {
  niggle pain 1 2>/dev/null >/dev/null   # the journal exists: no "created a new journal" either
  run --separate-stderr niggle pain 2 --walking better
  [ -z "$stderr" ]
}
