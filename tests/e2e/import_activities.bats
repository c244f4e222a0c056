#!/usr/bin/env bats
# niggle import with other programs' activity files: the real GPX files, gpsbabel's and
# Garmin-layout TCX files, and a real Strava bulk export (tests/data/SOURCES.md).
load helpers

DATA="$BATS_TEST_DIRNAME/../data"

setup() {
  setup_niggle
  export TZ=UTC
}

sessions() { sqlite3 "$JOURNAL" "SELECT count(*) FROM session"; }
# Metres of the sessions, rounded to the metre, in the order they were stored.
metres() { sqlite3 "$JOURNAL" "SELECT group_concat(CAST(round(metres) AS INTEGER), ' ') FROM (SELECT metres FROM session ORDER BY entry_id)"; }

@test "cerknicko-jezero.gpx: 8 tracks, one run of 4.58 km in 1:10:39; a second import adds nothing" {
  run --separate-stderr niggle import "$DATA/gpx/cerknicko-jezero.gpx"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$DATA/gpx/cerknicko-jezero.gpx' (GPX): 1 added, 0 updated, 0 unchanged" ]
  [ "$stderr" = "niggle: created a new journal at '$JOURNAL'" ]
  # gpxpy's reference is 4580.1 m; within 0.5%.
  [ "$(sqlite3 "$JOURNAL" "SELECT abs(metres - 4580.1) / 4580.1 < 0.005, seconds, type, start_time, day FROM session JOIN entry ON id = entry_id")" = "1|4239|run|14:23:59|2010-08-05" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT source FROM entry")" = "gpx:2010-08-05T14:23:59Z" ]
  run niggle import "$DATA/gpx/cerknicko-jezero.gpx"
  [ "$output" = "Imported '$DATA/gpx/cerknicko-jezero.gpx' (GPX): 0 added, 0 updated, 1 unchanged" ]
  [ "$(sessions)" -eq 1 ]
}

@test "the local day follows the time zone: 14:23 UTC is 16:23 in Ljubljana" {
  TZ=Europe/Ljubljana niggle import "$DATA/gpx/cerknicko-jezero.gpx" >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT start_time FROM session")" = "16:23:59" ]
}

@test "--split: one session per track with points, summing to the same distance" {
  run niggle import --split "$DATA/gpx/cerknicko-jezero.gpx"
  [ "$status" -eq 0 ]
  [ "$(sessions)" -eq 7 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT abs(sum(metres) - 4580.1) / 4580.1 < 0.005 FROM session")" = 1 ]
}

@test "--moving-time counts only the time in motion" {
  niggle import --moving-time "$DATA/gpx/cerknicko-jezero.gpx" >/dev/null
  seconds=$(sqlite3 "$JOURNAL" "SELECT seconds FROM session")
  [ "$seconds" -gt 2000 ] && [ "$seconds" -lt 4239 ]
}

@test "korita-zbevnica.gpx: 14.91 km, no duration, and a warning that says why" {
  run --separate-stderr niggle import "$DATA/gpx/korita-zbevnica.gpx"
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"niggle: warning: '$DATA/gpx/korita-zbevnica.gpx': only 513 of 871 points have a usable time, so no duration is recorded"* ]]
  [[ "$stderr" == *"track type 'jkljkl' is not an activity niggle knows; recorded as run"* ]]
  [ "$(sqlite3 "$JOURNAL" "SELECT abs(metres - 14913.7) / 14913.7 < 0.005, seconds IS NULL, day FROM session JOIN entry ON id = entry_id")" = "1|1|2010-10-03" ]
}

@test "Mojstrovka.gpx: point times from 1901 are refused; the file's own time dates it" {
  run --separate-stderr niggle import "$DATA/gpx/Mojstrovka.gpx"
  [ "$status" -eq 0 ]
  [[ "$stderr" == *"184 of 184 point times are outside 1980-2100"* ]]
  [ "$(sqlite3 "$JOURNAL" "SELECT abs(metres - 2700.6) / 2700.6 < 0.005, seconds IS NULL, day FROM session JOIN entry ON id = entry_id")" = "1|1|2010-12-14" ]
}

@test "cerknicko-without-times.gpx and track-with-empty-segment.gpx" {
  niggle import "$DATA/gpx/cerknicko-without-times.gpx" "$DATA/gpx/track-with-empty-segment.gpx" 2>/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(round(metres, 1) || '/' || ifnull(seconds, '-'), ' ') FROM (SELECT metres, seconds FROM session ORDER BY entry_id)")" = "4575.0/- 85.9/76" ]
}

@test "files with no track points are refused with a reason (exit 7) and write nothing" {
  for f in gpx1.1_with_extensions.gpx unicode_with_bom.gpx; do
    run --separate-stderr niggle import "$DATA/gpx/$f"
    [ "$status" -eq 7 ]
    assert_one_error_line
    [[ "$stderr" == *"has no track"*"nothing to import"* ]]
  done
  [ ! -e "$JOURNAL" ] || [ "$(sessions)" -eq 0 ]
}

@test "every GPX file at once: the good ones import, the bad ones are named, exit 7" {
  run --separate-stderr niggle import "$DATA"/gpx/*.gpx
  [ "$status" -eq 7 ]
  [ "$(sessions)" -eq 5 ]
  [[ "$stderr" == *"gpx1.1_with_extensions.gpx' has no track"*"it was not imported"* ]]
  [[ "$stderr" == *"unicode_with_bom.gpx' has no track"*"it was not imported"* ]]
  [ "${stderr_lines[-1]}" = "niggle: error: 2 of 7 files were not imported (see above); the other 5 were" ]
  [ "$(sqlite3 "$JOURNAL" "PRAGMA integrity_check")" = ok ]
}

@test "formats are recognised by content, whatever the file is called" {
  cp "$DATA/gpx/track-with-empty-segment.gpx" "$BATS_TEST_TMPDIR/run.txt"
  run niggle import "$BATS_TEST_TMPDIR/run.txt"
  [ "$status" -eq 0 ]
  [[ "$output" == *"(GPX): 1 added"* ]]
}

@test "TCX: gpsbabel's conversion and a Garmin-layout file" {
  run --separate-stderr niggle import "$DATA/tcx/cerknicko-jezero.tcx" "$DATA/tcx/garmin-two-activities.tcx"
  [ "$status" -eq 0 ]
  [[ "$output" == *"cerknicko-jezero.tcx' (TCX): 7 added"* ]]
  [[ "$output" == *"garmin-two-activities.tcx' (TCX): 2 added"* ]]
  [[ "$stderr" == *"activity 1: no distance and no time recorded; skipped"* ]]
  [ "$(sqlite3 "$JOURNAL" "SELECT type, round(metres), seconds, day FROM session JOIN entry ON id = entry_id WHERE type = 'bike'")" = "bike|30000.0|3600|2024-03-01" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT day FROM entry JOIN session ON id = entry_id WHERE seconds = 2101")" = "2024-02-29" ]
  run --separate-stderr niggle import "$DATA/tcx/course-only.tcx"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"holds 1 course (planned routes) and no activities"* ]]
}

@test "Strava's export: 610 activities with the right totals per type; a second import adds nothing" {
  run --separate-stderr niggle import "$DATA/strava/activities.csv"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$DATA/strava/activities.csv' (Strava CSV): 610 added, 0 updated, 0 unchanged" ]
  # Reference totals from Python's csv module over the metres column (tests/data/SOURCES.md).
  # Each distance is kept to the millimetre, so totals agree to within a centimetre.
  [ "$(sqlite3 "$JOURNAL" "SELECT type || ' ' || count(*) || ' ' || round(ifnull(sum(metres), 0), 2) FROM session GROUP BY type ORDER BY type" | tr '\n' ';')" = "hike 4 20844.37;other 59 0.0;run 439 4714129.08;strength 44 0.0;walk 64 120795.31;" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT abs(sum(metres) - 4714129.073) < 0.01 FROM session WHERE type = 'run'")" = 1 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT day, start_time, note FROM entry JOIN session ON id = entry_id WHERE source = 'strava:7926971219'")" = "2022-10-06|23:19:20|Evening Run" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM entry WHERE note LIKE '%Gear: %'")" -gt 0 ]
  run niggle import "$DATA/strava/activities.csv"
  [ "$output" = "Imported '$DATA/strava/activities.csv' (Strava CSV): 0 added, 0 updated, 610 unchanged" ]
  [ "$(sessions)" -eq 610 ]
  # The same export read an hour east of UTC moves that late-evening run to the next day.
  TZ=Europe/Ljubljana niggle --db "$BATS_TEST_TMPDIR/lj.db" import "$DATA/strava/activities.csv" >/dev/null
  [ "$(sqlite3 "$BATS_TEST_TMPDIR/lj.db" "SELECT day FROM entry WHERE source = 'strava:7926971219'")" = "2022-10-07" ]
}

@test "undo takes back a whole import" {
  niggle log 5k >/dev/null
  niggle import "$DATA/strava/activities.csv" >/dev/null
  run niggle undo --yes
  [ "$status" -eq 0 ]
  [ "$(sessions)" -eq 1 ]
}

@test "--dry-run lists what would be added and writes nothing" {
  niggle log 5k >/dev/null
  BEFORE=$(sqlite3 "$JOURNAL" .dump | sha256sum)
  run --separate-stderr niggle import --dry-run "$DATA/gpx/track-with-empty-segment.gpx" "$DATA/tcx/garmin-two-activities.tcx"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Would import '$DATA/gpx/track-with-empty-segment.gpx' (GPX): 1 added, 0 updated, 0 unchanged" ]
  [[ "${lines[1]}" == "  would add #"*" Sat 2013-07-06 run: 0.09 km in 1:16, "* ]]
  [[ "${lines[3]}" == "  would add #"*" Thu 2024-02-29 run: 6.00 km in 35:01, "* ]]
  [[ "${lines[4]}" == "  would add #"*" Fri 2024-03-01 bike: 30.00 km in 1:00:00, 30.0 km/h" ]]
  [ "$(sqlite3 "$JOURNAL" .dump | sha256sum)" = "$BEFORE" ]
}

@test "--type for a file that does not say; --date for a file with no usable time" {
  printf '<gpx><trk><trkseg><trkpt lat="46.0" lon="14.5"/><trkpt lat="46.01" lon="14.5"/></trkseg></trk></gpx>\n' >"$BATS_TEST_TMPDIR/untimed.gpx"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/untimed.gpx"
  [ "$status" -eq 7 ]
  [[ "$stderr" == *"has no usable time to date the activity by; give the day with --date"* ]]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/untimed.gpx" --date 2026-11-20 --type hike
  [ "$status" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT type, day FROM session JOIN entry ON id = entry_id")" = "hike|2026-11-20" ]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/untimed.gpx" --type jog
  [ "$status" -eq 3 ]
}

@test "an activity dated after today is refused, like typed input" {
  NIGGLE_TODAY=2010-08-01 run --separate-stderr niggle import "$DATA/gpx/cerknicko-jezero.gpx"
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"dated 2010-08-05, after today (2010-08-01)"* ]]
  [ ! -e "$JOURNAL" ] || [ "$(sessions)" -eq 0 ]
}

@test "malformed files: a clear message, never a crash" {
  printf '<gpx><trk><trkseg><trkpt lat="1" lon="2">' >"$BATS_TEST_TMPDIR/cut.gpx"
  printf 'Activity ID,Activity Date,Activity Type\n1,"open\n' >"$BATS_TEST_TMPDIR/cut.csv"
  for f in cut.gpx cut.csv; do
    run --separate-stderr niggle import "$BATS_TEST_TMPDIR/$f"
    [ "$status" -eq 7 ]
    assert_one_error_line
  done
}

@test "a progress bar on a terminal for a large import, and none when stderr is not one" {
  require_pseudo_terminal
  command -v script >/dev/null || skip "script(1) is not installed"
  script -qec "'$NIGGLE_BIN' import '$DATA/strava/activities.csv'" /dev/null >"$BATS_TEST_TMPDIR/tty" </dev/null
  grep -q 'Importing \[' "$BATS_TEST_TMPDIR/tty"
  grep -q "610 added" "$BATS_TEST_TMPDIR/tty"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/p.db" import "$DATA/strava/activities.csv"
  [ "$stderr" = "niggle: created a new journal at '$BATS_TEST_TMPDIR/p.db'" ]   # and no bar
}
