#!/usr/bin/env bats
# Hostile input: JSON nested without end, CSV cells that a spreadsheet would run, text that
# would change what a terminal shows, an export read while another command writes.
# docs/RELIABILITY.md "Hostile input".
load helpers

setup() {
  setup_niggle
}

@test "JSON nested 200,000 levels deep: one clear error naming the depth, no crash, nothing written" {
  niggle log 5k >/dev/null
  before=$(journal_digest)
  python3 -c 'import sys; n = 200000; sys.stdout.write("{\"a\":" * n + "1" + "}" * n)' >"$BATS_TEST_TMPDIR/deep.json"
  python3 -c 'import sys; n = 200000; sys.stdout.write("[" * n + "]" * n)' >"$BATS_TEST_TMPDIR/deep-list.json"
  for file in deep.json deep-list.json; do
    run --separate-stderr niggle import "$BATS_TEST_TMPDIR/$file"
    [ "$status" -eq 7 ] || { echo "status $status: $stderr"; false; }
    assert_one_error_line
    [[ "$stderr" == *"'$BATS_TEST_TMPDIR/$file' is nested more than 32 levels deep"* ]]
  done
  # through standard input as well
  run --separate-stderr niggle import - <"$BATS_TEST_TMPDIR/deep.json"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"standard input is nested more than 32 levels deep"* ]]
  [ "$(journal_digest)" = "$before" ]
  # an export, three levels deep, still reads back
  niggle export -o "$BATS_TEST_TMPDIR/ok.json"
  niggle --db "$BATS_TEST_TMPDIR/other.db" import "$BATS_TEST_TMPDIR/ok.json" >/dev/null
}

@test "CSV export: cells a spreadsheet would run get a leading apostrophe; the import reads them back unchanged" {
  notes=('=HYPERLINK("http://example.com","x")' '+SUM(A1:A9)' '-2+3' '@SUM(1)' $'\tindented' "'=already quoted" "''+twice" 'plain note' '- a list')
  for note in "${notes[@]}"; do niggle pain 2 --note="$note" >/dev/null; done
  niggle log 5k --tag=-minus --note=-5 >/dev/null   # (a note cannot hold a CR: the unit test covers it)
  niggle export --format csv -o "$BATS_TEST_TMPDIR/out.csv"
  # every note cell, as a spreadsheet reads it: formulas start with an apostrophe
  python3 - "$BATS_TEST_TMPDIR/out.csv" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
notes = [r["note"] for r in rows]
want = {'=HYPERLINK("http://example.com","x")': "'=HYPERLINK(\"http://example.com\",\"x\")", '+SUM(A1:A9)': "'+SUM(A1:A9)",
        '-2+3': "'-2+3", '@SUM(1)': "'@SUM(1)", '\tindented': "'\tindented",
        "'=already quoted": "''=already quoted", "''+twice": "'''+twice", 'plain note': 'plain note', '- a list': "'- a list",
        '-5': '-5'}
got = set(notes)
for original, cell in want.items():
    assert cell in got, (original, cell, notes)
for row in rows:
    for value in row.values():
        assert value[:1] not in ('=', '+', '@', '\t', '\r') or value.lstrip('-+').replace('.', '', 1).isdigit(), (value, row)
        assert not value.startswith('-') or value == '-5' or value.lstrip('-').replace('.', '', 1).isdigit(), (value, row)
tags = [r["tags"] for r in rows if r["tags"]]
assert tags == ["'-minus"], tags
EOF
  # round trip: the CSV import gives back the very notes and tags, and so does JSON
  niggle --db "$BATS_TEST_TMPDIR/csv.db" import "$BATS_TEST_TMPDIR/out.csv" >/dev/null
  niggle export | jq -S '[.entries[] | {note, tags}]' >"$BATS_TEST_TMPDIR/want"
  niggle --db "$BATS_TEST_TMPDIR/csv.db" export | jq -S '[.entries[] | {note, tags}]' >"$BATS_TEST_TMPDIR/got"
  diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
  niggle export | jq -e '[.entries[].note] | index("=HYPERLINK(\"http://example.com\",\"x\")") != null'
  # and the CSV export of the copy is byte for byte the first
  niggle --db "$BATS_TEST_TMPDIR/csv.db" export --format csv | cmp - "$BATS_TEST_TMPDIR/out.csv"
}

# Raw bytes that would reach the terminal: C1 controls (U+0080-U+009F; U+009B is CSI) and
# bidi overrides and isolates, in UTF-8.
has_hidden_controls() { grep -qP '\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xe2\x80[\x8e\x8f]|\xd8\x9c' <<<"$1"; }

@test "C1 controls and bidi overrides are shown escaped: notes, tags, file names, messages" {
  rlo=$'\u202e' lri=$'\u2066' csi=$'\u009b' nel=$'\u0085'
  niggle log 5k --note "calf ${rlo}thgir${lri} ok ${csi}31m red ${nel} end" --tag "t${rlo}ag" >/dev/null
  niggle pain 3 --note "knee ${rlo}fine" >/dev/null
  run --separate-stderr niggle list
  [ "$status" -eq 0 ]
  ! has_hidden_controls "$output"
  [[ "$output" == *'calf \u202ethgir\u2066 ok \u009b31m red \u0085 end'* ]]
  [[ "$output" == *'+t\u202eag'* ]]
  [[ "$output" == *'knee \u202efine'* ]]
  run --separate-stderr niggle week
  ! has_hidden_controls "$output$stderr"
  # a file name and a bad value in an error message
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/${rlo}nosj.json"
  [ "$status" -eq 7 ]
  ! has_hidden_controls "$stderr"
  [[ "$stderr" == *'\u202enosj.json'* ]]
  run --separate-stderr niggle log 5k --type "run${csi}"
  [ "$status" -eq 3 ]
  ! has_hidden_controls "$stderr"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/${rlo}x/${nel}.db" list
  [ "$status" -eq 5 ]
  ! has_hidden_controls "$stderr"
  # the data itself is kept as it was written: JSON has the very characters
  niggle export | jq -e --arg n "knee ${rlo}fine" '[.entries[].note] | index($n) != null'
}

@test "an export is one snapshot: exported during imports and undos, it holds all of an import or none" {
  python3 - "$BATS_TEST_TMPDIR/batch.json" <<'EOF'
import json, sys
records = []
for i in range(600):
    records.append({"kind": "session", "date": "2026-10-%02d" % (i % 28 + 1), "type": "run", "distance_km": 5 + i % 7})
    records.append({"kind": "pain", "date": "2026-10-%02d" % (i % 28 + 1), "score": i % 10})
json.dump(records, open(sys.argv[1], "w"))
EOF
  niggle log 5k >/dev/null
  # the writer: import the batch, undo it, again and again, until told to stop
  (
    while [ ! -e "$BATS_TEST_TMPDIR/stop" ]; do
      niggle import --quiet "$BATS_TEST_TMPDIR/batch.json" >/dev/null 2>&1
      niggle undo --yes >/dev/null 2>&1
    done
  ) &
  writer=$!
  halves=0 full=0 none=0
  for i in $(seq 1 60); do
    niggle export -o "$BATS_TEST_TMPDIR/e.json" --force 2>/dev/null || continue
    read -r sessions pains < <(jq -r '[([.entries[] | select(.kind == "session")] | length), ([.entries[] | select(.kind == "pain")] | length)] | @tsv' "$BATS_TEST_TMPDIR/e.json")
    if [ "$sessions" -eq 601 ] && [ "$pains" -eq 600 ]; then full=$((full + 1))
    elif [ "$sessions" -eq 1 ] && [ "$pains" -eq 0 ]; then none=$((none + 1))
    else halves=$((halves + 1)); echo "export $i: $sessions sessions, $pains pain entries"
    fi
  done
  touch "$BATS_TEST_TMPDIR/stop"
  wait "$writer"
  echo "all of an import: $full, none: $none, part: $halves"
  [ "$halves" -eq 0 ]
  [ $((full + none)) -ge 40 ]
}
