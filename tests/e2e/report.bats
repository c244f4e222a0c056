#!/usr/bin/env bats
# niggle report: the page for a physio, written from a journal built with `log` and `pain`,
# checked as a file, as XML, as Markdown, and as a browser shows and prints it.
load helpers

setup() {
  setup_niggle
  OUT="$BATS_TEST_TMPDIR/out"
  mkdir -p "$OUT"
}

# Eight weeks of 20 km (8 km on Tuesday, 12 km on Saturday), 2026-W39 to W46; then W47 with
# 30 km (10 km on Tuesday, 20 km on Sunday: a spike, and the week over its 26 km budget),
# pain that jumps to 6 on Wednesday, tingling at the hip on Thursday, 8/10 on Saturday, a red
# flag on Monday of this week (W48), and notes with markup in them.
log_scenario() {
  local monday
  for monday in 2026-09-21 2026-09-28 2026-10-05 2026-10-12 2026-10-19 2026-10-26 2026-11-02 2026-11-09; do
    niggle log 8k 44:00 --date "$(date -d "$monday +1 day" +%F)"
    niggle log 12k 1:10:00 --kind long --date "$(date -d "$monday +5 days" +%F)"
  done
  local day
  for day in 09 10 11 12 13 14 15 16 17; do niggle pain 2 --where lower-back --date "2026-11-$day"; done
  niggle log 10k 52:00 --kind tempo --date 2026-11-17 --note 'tempo felt <b>easy</b>'
  niggle pain 6 --where lower-back --walking same --date 2026-11-18
  niggle pain 4 --where hip --symptom tingling --date 2026-11-19
  niggle pain 8 --where lower-back --walking worse --date 2026-11-21
  niggle log 20k 2:05:00 --kind long --date 2026-11-22 --note 'long run <script>alert(1)</script>'
  niggle pain 3 --symptom bladder --date 2026-11-23 --note "had to stop" --tag physio
  niggle log 3k --type walk --date 2026-11-24
} >/dev/null 2>&1

# A Python that can read PNG files (Pillow), and headless Chromium. Where either is missing
# the test says so and is skipped; in CI (CI set) it fails instead, since CI installs both.
missing() {
  if [[ -n "${CI:-}" ]]; then
    echo "$1 is missing in CI: scripts/install-deps.sh --test installs it" >&2
    return 1
  fi
  skip "$1 is not installed (bash scripts/install-deps.sh --test installs it)"
}

need_chromium() {
  CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
  [[ -n "$CHROMIUM" ]] || missing "chromium (Debian package chromium)"
}

need_pillow() {
  PYTHON=""
  local candidate
  for candidate in python3 /usr/bin/python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import PIL' 2>/dev/null; then
      PYTHON="$candidate"
      break
    fi
  done
  [[ -n "$PYTHON" ]] || missing "Pillow (Debian package python3-pil)"
}

need() { command -v "$1" >/dev/null || missing "$1 (Debian package $2)"; }

# Chromium as this closed machine and CI need it: headless, as root without a sandbox, a
# fresh profile, none of the background connections that would be refused anyway, no
# reliance on a large /dev/shm (containers have a small one), and a bound on its time so
# that a browser that hangs fails the test instead of holding up the run.
chromium_run() {
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage \
    --hide-scrollbars --user-data-dir="$BATS_TEST_TMPDIR/chromium-profile" "$@" 2>"$BATS_TEST_TMPDIR/chromium.log"
}

# The first N cells of each week's row of a Markdown table ("| 2026-W47 | ...").
week_rows() { grep -E '^\| 2026-W[0-9]+' | cut -d'|' -f2-"$(($1 + 1))"; }

@test "writes one self-contained page, private and whole, and says where it is" {
  log_scenario
  run --separate-stderr niggle report --weeks 4 -o "$OUT/report.html"
  [ "$status" -eq 0 ]
  [ -z "$stderr" ]
  [[ "${lines[0]}" == "Wrote the report of 4 weeks, Mon 2 Nov 2026 to Tue 24 Nov 2026 (2026-W45 to 2026-W48), to $OUT/report.html (HTML, "*" KB)." ]]
  [ "${lines[1]}" = "5 days stand out, 1 with a red-flag symptom." ]
  [ "$(file_mode "$OUT/report.html")" = 600 ]
  [ "$(ls -A "$OUT")" = report.html ]
  [ "$(head -n 1 "$OUT/report.html")" = "<!DOCTYPE html>" ]
  [ "$(grep -c '<svg xmlns' "$OUT/report.html")" -eq 2 ]
  # Self-contained: nothing fetched, nothing run.
  ! grep -qiE '<script|<link|<img|src=|url\(|@import' "$OUT/report.html"
  grep -q '@page { size: A4;' "$OUT/report.html"
  # The journal by its file name only: its folders are nothing the physio needs.
  grep -qF "From the journal <code>journal.db</code>" "$OUT/report.html"
  ! grep -qF "$JOURNAL" "$OUT/report.html"
  grep -qF "a journal&#39;s aid, not a diagnosis" "$OUT/report.html"
}

@test "the weeks table shows what week --weeks N shows, in km, in miles and in Sunday weeks" {
  log_scenario
  for units in km mi; do
    week="$(niggle week --weeks 6 --markdown --units "$units" | week_rows 11)"
    report="$(niggle report --weeks 6 --format markdown -o - --units "$units" | week_rows 11)"
    [ "$(wc -l <<<"$week")" -eq 6 ]
    [ "$report" = "$week" ] || { diff <(echo "$week") <(echo "$report"); return 1; }
  done
  # W47 ran over its budget of 1.30 x 20 km; the budget and the excess follow the 11 cells.
  niggle report --weeks 6 --format md -o - | grep -qF "| 2026-W47 | 2026-11-16 | 30.00 | 2 | 20.00 | 5 | 4.4 | 8 | 5/7 | +50% | +50% | - | 26.00 | +15% |" || { niggle report --weeks 6 --format md -o - | grep W47; return 1; }
  mkdir -p "$(dirname "$CONFIG")"
  echo 'week_start = "sunday"' >"$CONFIG"
  week="$(niggle week --weeks 6 --markdown | week_rows 11)"
  report="$(niggle report --weeks 6 --format markdown -o - | week_rows 11)"
  [ "$report" = "$week" ]
}

@test "the page is well-formed: XML and HTML parsers accept it" {
  need xmllint libxml2-utils
  log_scenario
  niggle report -o "$OUT/report.html" >/dev/null
  run xmllint --noout "$OUT/report.html"
  [ "$status" -eq 0 ]
  [ -z "$output" ]
  # libxml2's HTML parser knows HTML 4 only: it names HTML5 and SVG elements "invalid" and
  # reads on. Anything else it reports is a real fault.
  run xmllint --html --noout "$OUT/report.html"
  [ "$status" -eq 0 ]
  faults="$(grep 'error' <<<"$output" |
    grep -vE 'Tag (header|footer|section|figure|figcaption|svg|g|rect|line|polyline|polygon|circle|text|title|desc) invalid' || true)"
  [ -z "$faults" ] || { echo "$faults"; return 1; }
}

@test "headless Chromium shows the page: not blank, with its bars, the over-budget week and the red flag" {
  need_chromium
  need_pillow
  log_scenario
  niggle report --weeks 6 -o "$OUT/report.html" >/dev/null
  chromium_run --screenshot="$OUT/report.png" --window-size=1240,1754 "file://$OUT/report.html"
  [ -s "$OUT/report.png" ] || { cat "$BATS_TEST_TMPDIR/chromium.log"; return 1; }
  # Bars (#7ea6c8), the over-budget bar (#d55e00), the red-flag band (#d7191c at 28% on
  # white: #f4bfbf) and the advice strip's urgent days (#a50026).
  run "$PYTHON" "$BATS_TEST_DIRNAME/image_stats.py" "$OUT/report.png" '#7ea6c8' '#d55e00' '#f4bfbf' '#a50026'
  [ "$status" -eq 0 ]
  echo "$output"
  [ "${lines[0]}" = "size 1240 1754" ]
  read -r _ inked <<<"${lines[1]}"
  awk -v x="$inked" 'BEGIN { exit !(x > 0.05) }'  # a blank page is white
  read -r _ _ bars <<<"${lines[2]}"
  read -r _ _ over <<<"${lines[3]}"
  read -r _ _ band <<<"${lines[4]}"
  read -r _ _ urgent <<<"${lines[5]}"
  # About a third of what this page shows at 1240 x 1754: room for other fonts, not for a
  # missing bar or band.
  [ "$bars" -gt 6000 ]
  [ "$over" -gt 2000 ]
  [ "$band" -gt 800 ]
  [ "$urgent" -gt 120 ]
}

@test "the page prints on A4" {
  need_chromium
  need pdfinfo poppler-utils
  log_scenario
  niggle report --weeks 6 -o "$OUT/report.html" >/dev/null
  chromium_run --no-pdf-header-footer --print-to-pdf="$OUT/report.pdf" "file://$OUT/report.html"
  [ -s "$OUT/report.pdf" ] || { cat "$BATS_TEST_TMPDIR/chromium.log"; return 1; }
  run pdfinfo "$OUT/report.pdf"
  [[ "$output" == *"Page size:"*"(A4)"* ]]
  pages="$(awk '/^Pages:/ { print $2 }' <<<"$output")"
  [ "$pages" -ge 2 ]
  [ "$pages" -le 12 ]
  run pdftotext -layout "$OUT/report.pdf" -
  [[ "$output" == *"Running and pain per week"* ]]
  [[ "$output" == *"not a diagnosis"* ]]
  [[ "$output" == *"long run <script>alert(1)</script>"* ]]  # printed as the words it is
}

@test "Markdown: by file name, by --format, or to standard output" {
  log_scenario
  run --separate-stderr niggle report --weeks 4 -o "$OUT/notes.md"
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == *"to $OUT/notes.md (Markdown, "* ]]
  [ "$(head -n 1 "$OUT/notes.md")" = "# Running and pain: 4 weeks to Tue 24 Nov 2026" ]
  ! grep -q '<svg' "$OUT/notes.md"
  grep -q '^## At a glance$' "$OUT/notes.md"
  grep -q '^## The runner.s notes$' "$OUT/notes.md"
  run --separate-stderr niggle report --weeks 4 --format md -o -
  [ "$status" -eq 0 ]
  [ "$output" = "$(cat "$OUT/notes.md")" ]
  niggle report --weeks 4 --format markdown -o "$OUT/forced.html" >/dev/null
  [ "$(head -n 1 "$OUT/forced.html")" = "# Running and pain: 4 weeks to Tue 24 Nov 2026" ]
  run --separate-stderr niggle report --weeks 4 -o -
  [ "${lines[0]}" = "<!DOCTYPE html>" ]
}

@test "a note with markup stays text in both formats" {
  log_scenario
  niggle report -o "$OUT/report.html" >/dev/null
  niggle report -o "$OUT/report.md" >/dev/null
  ! grep -qi '<script' "$OUT/report.html"
  ! grep -q '<b>easy' "$OUT/report.html"
  grep -qF 'long run &lt;script&gt;alert(1)&lt;/script&gt;' "$OUT/report.html"
  grep -qF 'tempo felt &lt;b&gt;easy&lt;/b&gt;' "$OUT/report.html"
  grep -qF 'long run \<script\>alert(1)\</script\>' "$OUT/report.md"
  # Every '<' in the Markdown is escaped.
  ! grep -qP '(?<!\\)<' "$OUT/report.md"
}

@test "the days that stand out carry what advise --date says about them" {
  log_scenario
  niggle report --weeks 4 -o "$OUT/report.html" >/dev/null
  for day in 2026-11-18 2026-11-19 2026-11-21 2026-11-22 2026-11-23; do
    run --separate-stderr niggle advise --date "$day" --json
    verdict="$(jq -r .verdict <<<"$output")"
    row="$(grep -o "<tr data-date=\"$day\"><td class=\"date\">[^<]*</td><td><ul class=\"why\">.*</tr>" "$OUT/report.html")"
    [[ "$row" == *"class=\"verdict v-$verdict\""* ]] || { echo "$day: $verdict: $row"; return 1; }
  done
  grep -qF 'red-flag symptom: bladder trouble' "$OUT/report.html"
  grep -qF 'ran 20.00 km, over the single-run cap of 13.20 km' "$OUT/report.html"
  grep -qF 'start of a flare-up' "$OUT/report.html"
  # The rules that fired most: P1 on Monday and today (it looks back 72 hours).
  grep -qE '<tr><td>P1 red flags</td>.*<td class="n">2</td><td class="n">2</td></tr>' "$OUT/report.html"
  ! grep -q '<tr data-date="2026-11-17"><td class="date">[^<]*</td><td><ul class="why">' "$OUT/report.html"  # an ordinary day
}

@test "--since starts the report with the week holding that day" {
  log_scenario
  run --separate-stderr niggle report --since 2026-11-10 --format md -o -
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "# Running and pain: 3 weeks to Tue 24 Nov 2026" ]
  [[ "$output" == *"Mon 9 Nov 2026 to Tue 24 Nov 2026: 2026-W46 to 2026-W48"* ]]
  run --separate-stderr niggle report --since today --format md -o -
  [ "${lines[0]}" = "# Running and pain: 1 week to Tue 24 Nov 2026" ]
}

@test "--open hands the file to xdg-open when there is a display, and says where it is when not" {
  log_scenario
  mkdir -p "$BATS_TEST_TMPDIR/bin"
  printf '#!/bin/sh\necho "$@" >>"%s"\n' "$BATS_TEST_TMPDIR/opened" >"$BATS_TEST_TMPDIR/bin/xdg-open"
  chmod +x "$BATS_TEST_TMPDIR/bin/xdg-open"
  cd "$OUT"

  PATH="$BATS_TEST_TMPDIR/bin:$PATH" DISPLAY=:99 run --separate-stderr niggle report -o report.html --open
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "Opened it with xdg-open." ]
  [ "$(cat "$BATS_TEST_TMPDIR/opened")" = "$OUT/report.html" ]

  rm "$BATS_TEST_TMPDIR/opened"
  PATH="$BATS_TEST_TMPDIR/bin:$PATH" WAYLAND_DISPLAY=wayland-0 run --separate-stderr env -u DISPLAY "$NIGGLE_BIN" report -o report.html --open --force
  [ "$status" -eq 0 ]
  [ "$(cat "$BATS_TEST_TMPDIR/opened")" = "$OUT/report.html" ]

  rm "$BATS_TEST_TMPDIR/opened"
  PATH="$BATS_TEST_TMPDIR/bin:$PATH" run --separate-stderr env -u DISPLAY -u WAYLAND_DISPLAY "$NIGGLE_BIN" report -o report.html --open --force
  [ "$status" -eq 0 ]
  [ "${lines[-1]}" = "Not opened: there is no display (DISPLAY and WAYLAND_DISPLAY are not set). Open $OUT/report.html in a browser." ]
  [ ! -e "$BATS_TEST_TMPDIR/opened" ]

  PATH="/usr/bin:/bin" DISPLAY=:99 run --separate-stderr "$NIGGLE_BIN" report -o report.html --open --force
  [ "$status" -eq 0 ]
  if [ ! -x /usr/bin/xdg-open ]; then
    [[ "${lines[-1]}" == "Not opened: xdg-open is not installed (Debian package xdg-utils). Open $OUT/report.html in a browser." ]]
  fi

  printf '#!/bin/sh\nexit 4\n' >"$BATS_TEST_TMPDIR/bin/xdg-open"
  PATH="$BATS_TEST_TMPDIR/bin:$PATH" DISPLAY=:99 run --separate-stderr niggle report -o report.html --open --force
  [ "$status" -eq 0 ]
  [ "$stderr" = "niggle: warning: xdg-open could not open the report (exit status 4); it is at $OUT/report.html" ]
}

@test "bad values and places that cannot be written: one error line, the documented status, no file" {
  log_scenario
  for args in "--weeks 0" "--weeks 521" "--weeks twelve" "--format pdf" "--since tomorrow" "--since 2000-01-03"; do
    # shellcheck disable=SC2086
    run --separate-stderr niggle report $args -o "$OUT/r.html"
    [ "$status" -eq 3 ] || { echo "$args: $status $stderr"; return 1; }
    assert_one_error_line
  done
  run --separate-stderr niggle report --weeks 4 --since 2026-11-01 -o "$OUT/r.html"
  [ "$status" -eq 2 ]
  assert_one_error_line
  run --separate-stderr niggle report --open -o -
  [ "$status" -eq 2 ]
  [[ "$stderr" == *"--open needs a file to open"* ]]
  run --separate-stderr niggle report -o "$OUT/report.pdf"
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"not PDF; write a .html file and print it from a browser"* ]]
  run --separate-stderr niggle report -o "$OUT/no/such/dir/r.html"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [[ "$stderr" == *"does not exist"* ]]
  run --separate-stderr niggle report -o "$OUT"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [ -z "$(ls -A "$OUT")" ]
}

@test "an existing report is replaced whole, and made private" {
  log_scenario
  echo "an older report" >"$OUT/report.html"
  chmod 644 "$OUT/report.html"
  niggle report -o "$OUT/report.html" --force >/dev/null
  [ "$(head -n 1 "$OUT/report.html")" = "<!DOCTYPE html>" ]
  [ "$(file_mode "$OUT/report.html")" = 600 ]
  [ "$(ls -A "$OUT")" = report.html ]  # no temporary file left behind
}

@test "no journal: exit 5 and nothing written; an empty journal: a report that says so, and a warning" {
  run --separate-stderr niggle report -o "$OUT/report.html"
  [ "$status" -eq 5 ]
  [ "$stderr" = "niggle: error: no journal at '$JOURNAL' (niggle log or niggle pain creates it)" ]
  [ ! -e "$JOURNAL" ] && [ ! -e "$OUT/report.html" ]
  niggle log 1k >/dev/null 2>&1 && niggle undo >/dev/null   # a journal with nothing in it
  run --separate-stderr niggle report -o "$OUT/report.html"
  [ "$status" -eq 0 ]
  [ "$stderr" = "niggle: warning: the journal $JOURNAL has no entries from 2026-09-07 to 2026-11-24; the report says only that" ]
  grep -q 'Pain</dt><dd>not recorded on any of the 79 days.' "$OUT/report.html"
  grep -q 'No entry in this period has a note.' "$OUT/report.html"
}

@test "without -o: niggle-report-DAY.html in the current directory" {
  log_scenario
  cd "$OUT"
  run --separate-stderr niggle report
  [ "$status" -eq 0 ]
  [ -s "$OUT/niggle-report-2026-11-24.html" ]
  [[ "${lines[0]}" == *"to $OUT/niggle-report-2026-11-24.html (HTML, "* ]]
}

@test "report --help leads with examples" {
  run niggle report --help
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == "Write a report of the last weeks"* ]]
  [[ "$output" == *$'\n\nExamples:\n  niggle report -o report.html\n'* ]]
  [[ "$output" == *"--weeks"* && "$output" == *"--since"* && "$output" == *"--format"* && "$output" == *"--open"* ]]
}

@test "ten years: a report of 520 weeks, one of 521 refused" {
  python3 "$BATS_TEST_DIRNAME/../../bench/generate-journal.py" "$JOURNAL" --niggle "$NIGGLE_BIN" >/dev/null
  run --separate-stderr niggle report --weeks 520 -o "$OUT/decade.html"
  [ "$status" -eq 0 ]
  [[ "${lines[0]}" == *"520 weeks, Mon 12 Dec 2016 to Tue 24 Nov 2026 (2016-W50 to 2026-W48)"* ]]
  # Charts in panels: a weekly chart per 52 weeks, a daily timeline per 26.
  [ "$(grep -o '<svg [^>]* id="weekly-chart-[0-9]*"' "$OUT/decade.html" | wc -l)" -eq 10 ]
  [ "$(grep -o '<svg [^>]* id="timeline-[0-9]*"' "$OUT/decade.html" | wc -l)" -eq 20 ]
  run --separate-stderr niggle report --weeks 521 -o "$OUT/too-long.html"
  [ "$status" -eq 3 ]
}
