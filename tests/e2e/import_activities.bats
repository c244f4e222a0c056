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
  [[ "$stderr" == *"track type 'jkljkl' is not an activity niggle knows; recorded as other"* ]]
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
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM entry WHERE note LIKE '%Gear: %'")" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM session WHERE gear = 'Saucony Endorphin Pro 3 Race shoes'")" -gt 0 ]
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

# --- FIT, gzip, zip and Strava's whole export (tests/data/fit, compressed, strava-export) ---

# Type, distance in metres (rounded), elapsed seconds and source of each session, by source.
figures() { sqlite3 "$JOURNAL" "SELECT e.source || ' ' || s.type || ' ' || ifnull(CAST(round(s.metres) AS INTEGER), '-') || ' ' || ifnull(s.seconds, '-') FROM entry e JOIN session s ON s.entry_id = e.id ORDER BY e.source" | tr '\n' ';'; }

@test "FIT: each real file imports with its reference sport, distance (0.5%) and times" {
  # Garmin's FIT SDK: sport, km, elapsed s, timer s (tests/data/SOURCES.md).
  while read -r file sport km elapsed timer; do
    rm -f "$JOURNAL"
    run --separate-stderr niggle import "$DATA/fit/$file"
    [ "$status" -eq 0 ] || { echo "$file: $stderr"; return 1; }
    [ "$output" = "Imported '$DATA/fit/$file' (FIT): 1 added, 0 updated, 0 unchanged" ]
    [ "$(sqlite3 "$JOURNAL" "SELECT type || ' ' || (abs(metres - $km * 1000) <= $km * 5) || ' ' || seconds FROM session")" = "$sport 1 $elapsed" ] ||
      { echo "$file: $(sqlite3 "$JOURNAL" "SELECT type, metres, seconds FROM session")"; return 1; }
    rm -f "$JOURNAL"
    niggle import --moving-time "$DATA/fit/$file" >/dev/null 2>&1
    [ "$(sqlite3 "$JOURNAL" "SELECT seconds FROM session")" = "$timer" ] || { echo "$file: moving"; return 1; }
  done <<'LIST'
2019-02-17-062644-ELEMNT-297E-195-0.fit bike 78.941 23595 13471
activity-small-fenix2-run.fit run 9.008 2832 2832
coros-pace-2-cycling-misaligned-fields.fit bike 32.146 12719 11287
garmin-fenix-5-bike.fit bike 0.460 60 60
garmin-fenix-5-run.fit run 0.158 57 57
garmin-fenix-5-walk.fit walk 0.068 45 45
strava-android-app-201.10-b1218918.fit run 11.274 3558 3558
LIST
}

@test "FIT: the start is the session's, in the local time zone; a second import adds nothing" {
  TZ=Europe/Berlin niggle import "$DATA/fit/2019-02-17-062644-ELEMNT-297E-195-0.fit" >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT day || ' ' || start_time || ' ' || source FROM entry JOIN session ON id = entry_id")" = "2019-02-17 07:26:44 fit:2019-02-17T06:26:44Z" ]
  TZ=Europe/Berlin run --separate-stderr niggle import "$DATA/fit/2019-02-17-062644-ELEMNT-297E-195-0.fit"
  [ "$output" = "Imported '$DATA/fit/2019-02-17-062644-ELEMNT-297E-195-0.fit' (FIT): 0 added, 0 updated, 1 unchanged" ]
}

@test "FIT: a file cut short keeps the session read before the cut, and says so" {
  run --separate-stderr niggle import "$DATA/fit/strava-android-app-201.10-b1218918.fit"
  [ "$status" -eq 0 ]
  [ "${stderr_lines[0]}" = "niggle: warning: '$DATA/fit/strava-android-app-201.10-b1218918.fit': is cut short: its FIT header announces 78236 bytes of records and a CRC, and 78219 bytes follow it, and at byte 7457 of its records a data message of local type 11 comes before its definition; the sessions read before the cut are imported" ]
  [ "${stderr_lines[1]}" = "niggle: created a new journal at '$JOURNAL'" ]
  [ "${#stderr_lines[@]}" -eq 2 ]
}

@test "FIT: a damaged file is refused whole, saying why (exit 7), and nothing is written" {
  cp "$DATA/fit/garmin-fenix-5-run.fit" "$BATS_TEST_TMPDIR/bad.fit"
  printf '\x55' | dd of="$BATS_TEST_TMPDIR/bad.fit" bs=1 seek=2000 conv=notrunc status=none
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/bad.fit"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: '$BATS_TEST_TMPDIR/bad.fit' is damaged: its FIT CRC does not match (changed or damaged after it was written)" ]
  [ ! -e "$JOURNAL" ] || [ "$(entry_count)" -eq 0 ]
}

@test "gzip: .gpx.gz, .fit.gz and .tcx.gz are read by content, whatever their names" {
  gzip -c "$DATA/fit/garmin-fenix-5-bike.fit" >"$BATS_TEST_TMPDIR/ride.fit.gz"
  gzip -c "$DATA/tcx/garmin-two-activities.tcx" >"$BATS_TEST_TMPDIR/no-extension"
  run --separate-stderr niggle import "$DATA/compressed/graphhopper.gpx.gz" "$BATS_TEST_TMPDIR/ride.fit.gz" "$BATS_TEST_TMPDIR/no-extension"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Imported '$DATA/compressed/graphhopper.gpx.gz' (GPX (gzip)): 1 added, 0 updated, 0 unchanged" ]
  [ "${lines[1]}" = "Imported '$BATS_TEST_TMPDIR/ride.fit.gz' (FIT (gzip)): 1 added, 0 updated, 0 unchanged" ]
  [ "${lines[2]}" = "Imported '$BATS_TEST_TMPDIR/no-extension' (TCX (gzip)): 2 added, 0 updated, 0 unchanged" ]
  [ "$(figures)" = "fit:2017-06-12T16:09:22Z bike 460 60;gpx:content-c375bd8bd0f734f9 run 7371 -;tcx:2024-02-29T06:30:00Z run 6001 2101;tcx:2024-03-01T23:30:00Z bike 30000 3600;" ]
  run niggle import "$DATA/compressed/graphhopper.gpx.gz" "$BATS_TEST_TMPDIR/ride.fit.gz" "$BATS_TEST_TMPDIR/no-extension"
  [[ "$output" != *"1 added"* && "$output" != *"2 added"* ]]
  [ "$(sessions)" -eq 4 ]
}

@test "gzip and zip bombs are refused before they fill memory (exit 7)" {
  # 300 MiB of zeros gzip to about 300 KiB.
  head -c 314572800 /dev/zero | gzip -1 >"$BATS_TEST_TMPDIR/bomb.gpx.gz"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/bomb.gpx.gz"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: '$BATS_TEST_TMPDIR/bomb.gpx.gz' (gzip) inflates to more than 256 MiB, past what niggle reads from one file; refused as a likely zip bomb" ]
  head -c 314572800 /dev/zero >"$BATS_TEST_TMPDIR/zeros.gpx"
  (cd "$BATS_TEST_TMPDIR" && zip -q -1 bomb.zip zeros.gpx && rm zeros.gpx)
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/bomb.zip"
  [ "$status" -eq 7 ]
  [ "$stderr" = "niggle: error: zeros.gpx in '$BATS_TEST_TMPDIR/bomb.zip' inflates to more than 256 MiB, past what niggle reads from one file; refused as a likely zip bomb" ]
}

@test "a zip of activity files: each read as if given alone, all or nothing" {
  cp "$DATA/fit/garmin-fenix-5-run.fit" "$DATA/gpx/cerknicko-jezero.gpx" "$BATS_TEST_TMPDIR/"
  gzip -c "$DATA/fit/garmin-fenix-5-walk.fit" >"$BATS_TEST_TMPDIR/walk.fit.gz"
  echo "not an activity" >"$BATS_TEST_TMPDIR/readme.md"
  (cd "$BATS_TEST_TMPDIR" && zip -q tracks.zip garmin-fenix-5-run.fit cerknicko-jezero.gpx walk.fit.gz readme.md)
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/tracks.zip"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/tracks.zip' (zip of 3 files): 3 added, 0 updated, 0 unchanged" ]
  [ "$(figures)" = "fit:2017-06-11T14:32:51Z walk 68 45;fit:2017-06-11T14:34:09Z run 158 57;gpx:2010-08-05T14:23:59Z run 4575 4239;" ]
  # A broken member leaves the whole archive out.
  rm -f "$JOURNAL"
  head -c 3000 "$DATA/fit/garmin-fenix-5-bike.fit" >"$BATS_TEST_TMPDIR/cut.fit"
  (cd "$BATS_TEST_TMPDIR" && zip -q tracks.zip cut.fit)
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/tracks.zip"
  [ "$status" -eq 7 ]
  [[ "$stderr" == "niggle: error: cut.fit in '$BATS_TEST_TMPDIR/tracks.zip' is cut short"* ]]
  [ ! -e "$JOURNAL" ] || [ "$(entry_count)" -eq 0 ]
}

# A small Strava export in the real layout, built from the real files: activities.csv
# (tests/data/strava-export, in the columns of a real export) and activities/ with each file
# as Strava stores it (most gzipped), plus a folder niggle has no use for.
make_export() {
  local dir=$1
  mkdir -p "$dir/activities" "$dir/media"
  cp "$DATA/strava-export/activities.csv" "$dir/"
  gzip -c "$DATA/fit/2019-02-17-062644-ELEMNT-297E-195-0.fit" >"$dir/activities/101.fit.gz"
  cp "$DATA/fit/coros-pace-2-cycling-misaligned-fields.fit" "$dir/activities/102.fit"
  gzip -c "$DATA/fit/activity-small-fenix2-run.fit" >"$dir/activities/103.fit.gz"
  gzip -c "$DATA/fit/garmin-fenix-5-run.fit" >"$dir/activities/104.fit.gz"
  gzip -c "$DATA/fit/garmin-fenix-5-walk.fit" >"$dir/activities/105.fit.gz"
  gzip -c "$DATA/fit/garmin-fenix-5-bike.fit" >"$dir/activities/106.fit.gz"
  cp "$DATA/compressed/graphhopper.gpx.gz" "$dir/activities/107.gpx.gz"
  cp "$DATA/gpx/cerknicko-jezero.gpx" "$dir/activities/108.gpx"
  gzip -c "$DATA/tcx/garmin-two-activities.tcx" >"$dir/activities/109.tcx.gz"
  gzip -c "$DATA/fit/strava-android-app-201.10-b1218918.fit" >"$dir/activities/112.fit.gz"
  printf '\xff\xd8\xff\xe0 not really a photo' >"$dir/media/1.jpg"
}

EXPORT_FIGURES="strava:101 bike 78941 23595;strava:102 bike 32146 12719;strava:103 run 9008 2832;strava:104 run 158 57;strava:105 walk 68 45;strava:106 bike 460 60;strava:107 run 7371 1700;strava:108 run 4575 4239;strava:109 bike 30000 3600;strava:110 strength - 2700;strava:111 run 5000 1800;strava:112 run 11274 3558;"

@test "a Strava export zip: each activity once, the file's figures, the CSV's name and type; a second import adds nothing" {
  make_export "$BATS_TEST_TMPDIR/export"
  (cd "$BATS_TEST_TMPDIR/export" && zip -q -r ../export_1234.zip .)
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/export_1234.zip"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Imported '$BATS_TEST_TMPDIR/export_1234.zip' (Strava export): 12 added, 0 updated, 0 unchanged" ]
  [ "${lines[1]}" = "  12 activities: 6 runs, 4 rides, 1 walk, 1 strength session; 10 with the figures of their recorded file; 1 file could not be read: activities/111.fit.gz" ]
  [[ "$stderr" == *"niggle: warning: '$BATS_TEST_TMPDIR/export_1234.zip': activities/111.fit.gz is not in the export; the activity keeps the figures of activities.csv"* ]]
  [ "$(figures)" = "$EXPORT_FIGURES" ]
  # Every ride a ride (the virtual one too), and no activity twice.
  [ "$(sqlite3 "$JOURNAL" "SELECT count(*) FROM entry JOIN session ON id = entry_id WHERE type = 'bike'")" -eq 4 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT count(DISTINCT source) = count(*) FROM entry")" -eq 1 ]
  # The CSV's name, description and gear; the file's start to the second.
  [ "$(sqlite3 "$JOURNAL" "SELECT note || '|' || gear || '|' || day || ' ' || start_time FROM entry JOIN session ON id = entry_id WHERE source = 'strava:101'")" = "Morning Ride
Long loop, windy|Canyon Endurace|2019-02-17 06:26:44" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT name || ' ' || type FROM gear")" = "Canyon Endurace bike" ]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/export_1234.zip"
  [ "${lines[0]}" = "Imported '$BATS_TEST_TMPDIR/export_1234.zip' (Strava export): 0 added, 0 updated, 12 unchanged" ]
  [ "$(sessions)" -eq 12 ]
}

@test "a Strava export folder imports as its zip does; a dry run writes nothing" {
  make_export "$BATS_TEST_TMPDIR/export"
  run --separate-stderr niggle import --dry-run "$BATS_TEST_TMPDIR/export"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Would import '$BATS_TEST_TMPDIR/export' (Strava export): 12 added, 0 updated, 0 unchanged" ]
  [ ! -e "$JOURNAL" ] || [ "$(entry_count)" -eq 0 ]
  niggle import "$BATS_TEST_TMPDIR/export" >/dev/null 2>&1
  [ "$(figures)" = "$EXPORT_FIGURES" ]
  # The folder and its zip are one export: importing the other adds nothing.
  (cd "$BATS_TEST_TMPDIR/export" && zip -q -r ../export.zip .)
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/export.zip"
  [ "${lines[0]}" = "Imported '$BATS_TEST_TMPDIR/export.zip' (Strava export): 0 added, 0 updated, 12 unchanged" ]
}

@test "a folder without activities.csv is refused saying what to do" {
  mkdir "$BATS_TEST_TMPDIR/tracks"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/tracks"
  [ "$status" -eq 7 ]
  assert_one_error_line
  [ "$stderr" = "niggle: error: '$BATS_TEST_TMPDIR/tracks' is a directory without an activities.csv, so not a Strava export; to import the files in it, name them (niggle import DIR/*.gpx)" ]
}

@test "files niggle does not read are named, with what to do" {
  printf '[Params]\nVersion=106\nMonitor=44\n[HRData]\n91\n92\n' >"$BATS_TEST_TMPDIR/session.hrm"
  printf '\xff\xd8\xff\xe0\x00\x10JFIF' >"$BATS_TEST_TMPDIR/photo.jpg"
  printf '\x89PNG\r\n\x1a\n' >"$BATS_TEST_TMPDIR/map.png"
  printf '%%PDF-1.4\n' >"$BATS_TEST_TMPDIR/plan.pdf"
  printf '<?xml version="1.0"?>\n<sml xmlns="http://www.suunto.com/schemas/sml"><DeviceLog/></sml>\n' >"$BATS_TEST_TMPDIR/move.sml"
  printf '<?xml version="1.0"?>\n<pwx xmlns="http://www.peaksware.com/PWX/1/0"><workout/></pwx>\n' >"$BATS_TEST_TMPDIR/w.pwx"
  for f in session.hrm photo.jpg map.png plan.pdf move.sml w.pwx; do
    run --separate-stderr niggle import "$BATS_TEST_TMPDIR/$f"
    [ "$status" -eq 7 ] || { echo "$f: $status"; return 1; }
    assert_one_error_line
  done
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/session.hrm"
  [ "$stderr" = "niggle: error: '$BATS_TEST_TMPDIR/session.hrm' is a Polar HRM file (heart rate only, no route or sport), which niggle does not read; export the session from Polar Flow as TCX, GPX or FIT and import that" ]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/photo.jpg"
  [ "$stderr" = "niggle: error: '$BATS_TEST_TMPDIR/photo.jpg' is a JPEG image, which niggle does not read; it reads: niggle journal, niggle JSON, niggle CSV, GPX, TCX, FIT, Strava CSV (activities.csv); any of them gzipped or in a zip archive; a Strava export (export_NNNN.zip or its folder)" ]
}

# --- One activity, one entry; what the watch measured; multisport; pauses; other layouts ---

@test "a multisport TCX (bike, run, bike) gives one session per activity, each with its sport and watch figures" {
  run --separate-stderr niggle import "$DATA/tcx/multisport-bike-run-bike.tcx"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$DATA/tcx/multisport-bike-run-bike.tcx' (TCX): 3 added, 0 updated, 0 unchanged" ]
  # Elapsed time to the last trackpoint (31:00), moving time the lap's (30:00); cadence per
  # minute in steps on foot (85 strides), in pedal turns on a bike.
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(type || ' ' || CAST(metres AS INTEGER) || ' ' || seconds || ' ' || moving_seconds || ' ' || ifnull(avg_heart_rate, '-') || '/' || ifnull(max_heart_rate, '-') || ' ' || ifnull(avg_cadence, '-'), ';') FROM (SELECT * FROM session ORDER BY entry_id)")" = "bike 15000 1860 1800 140/158 88;run 5000 1500 1500 160/175 170;bike 7500 900 900 -/- -" ]
  niggle import --moving-time "$DATA/tcx/multisport-bike-run-bike.tcx" --dry-run >/dev/null
  rm -f "$JOURNAL"
  niggle import --moving-time "$DATA/tcx/multisport-bike-run-bike.tcx" >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT group_concat(seconds, ' ') FROM (SELECT seconds FROM session ORDER BY entry_id)")" = "1800 1500 900" ]
}

@test "watch figures are kept: list --json, the export, and back through an import" {
  niggle import "$DATA/tcx/multisport-bike-run-bike.tcx" >/dev/null
  run niggle list --json
  [ "$status" -eq 0 ]
  [ "$(jq -c '[.[] | [.type, .moving_time_s, .avg_heart_rate, .max_heart_rate, .ascent_m, .avg_cadence]] | sort' <<<"$output")" = '[["bike",900,null,null,null,null],["bike",1800,140,158,null,88],["run",1500,160,175,null,170]]' ]
  niggle export -f json -o "$BATS_TEST_TMPDIR/all.json"
  niggle export -f csv -o "$BATS_TEST_TMPDIR/all.csv"
  [[ "$(head -1 "$BATS_TEST_TMPDIR/all.csv")" == *",start_time,moving_time_s,avg_heart_rate,max_heart_rate,ascent_m,avg_cadence,score,"* ]]
  for format in json csv; do
    niggle --db "$BATS_TEST_TMPDIR/$format.db" import "$BATS_TEST_TMPDIR/all.$format" >/dev/null
    [ "$(niggle --db "$BATS_TEST_TMPDIR/$format.db" export -f json)" = "$(cat "$BATS_TEST_TMPDIR/all.json")" ]
  done
  # A heart rate no heart beats at is refused, as typed input would be.
  jq '.entries[0].avg_heart_rate = 400' "$BATS_TEST_TMPDIR/all.json" >"$BATS_TEST_TMPDIR/bad.json"
  run --separate-stderr niggle --db "$BATS_TEST_TMPDIR/bad.db" import "$BATS_TEST_TMPDIR/bad.json"
  [ "$status" -eq 3 ]
  [[ "$stderr" == *"record 1: avg_heart_rate '400' is not a whole number from 20 to 250"* ]]
}

@test "FIT: heart rate, ascent and cadence from the session" {
  niggle import "$DATA/fit/2019-02-17-062644-ELEMNT-297E-195-0.fit" >/dev/null
  # A 6:33 ride: a moving time below the elapsed time, a heart rate and a climb a ride has.
  [ "$(sqlite3 "$JOURNAL" "SELECT moving_seconds, avg_heart_rate BETWEEN 60 AND 200, max_heart_rate >= avg_heart_rate, ascent_metres > 0 FROM session")" = "13471|1|1|1" ]
}

@test "a corrected file imported again updates its entry; the same file again changes nothing" {
  cp "$DATA/tcx/garmin-two-activities.tcx" "$BATS_TEST_TMPDIR/two.tcx"
  niggle import "$BATS_TEST_TMPDIR/two.tcx" >/dev/null
  sed -i 's|<DistanceMeters>30000</DistanceMeters>|<DistanceMeters>30500</DistanceMeters>|' "$BATS_TEST_TMPDIR/two.tcx"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/two.tcx"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/two.tcx' (TCX): 0 added, 1 updated, 1 unchanged" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT metres FROM session JOIN entry ON id = entry_id WHERE source = 'tcx:2024-03-01T23:30:00Z'")" = "30500.0" ]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/two.tcx"
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/two.tcx' (TCX): 0 added, 0 updated, 2 unchanged" ]
  # undo takes the correction back.
  niggle undo >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT metres FROM session JOIN entry ON id = entry_id WHERE source = 'tcx:2024-03-01T23:30:00Z'")" = "30000.0" ]
}

@test "the same activity in another format is one entry: the watch's FIT, then Strava's row of it" {
  niggle import "$DATA/fit/activity-small-fenix2-run.fit" >/dev/null
  run --separate-stderr niggle import --dry-run "$DATA/strava-export/activities.csv"
  [ "$status" -eq 0 ]
  [ "${lines[0]}" = "Would import '$DATA/strava-export/activities.csv' (Strava CSV): 11 added, 0 updated, 0 unchanged, 1 already here from another file (merged)" ]
  [[ "$output" == *"  would merge #0 Sat 2015-08-15 run: 9.01 km in 47:12, 5:14 /km (strava:103) into #1 Sat 2015-08-15 run: 9.01 km in 47:12, 5:14 /km"* ]]
  niggle import "$DATA/strava-export/activities.csv" >/dev/null 2>&1
  [ "$(sessions)" -eq 12 ]
  # The FIT's entry stays, with its figures (it holds more than the row).
  [ "$(sqlite3 "$JOURNAL" "SELECT source, moving_seconds FROM entry JOIN session ON id = entry_id WHERE day = '2015-08-15'")" = "fit:2015-08-15T14:45:08Z|2832" ]
  # And the other way round: the row first, then the richer FIT, which takes its place.
  rm -f "$JOURNAL"
  niggle import "$DATA/strava-export/activities.csv" >/dev/null 2>&1
  run --separate-stderr niggle import "$DATA/fit/activity-small-fenix2-run.fit"
  [ "$output" = "Imported '$DATA/fit/activity-small-fenix2-run.fit' (FIT): 0 added, 0 updated, 0 unchanged, 1 already here from another file (merged)" ]
  [ "$(sqlite3 "$JOURNAL" "SELECT source, metres, moving_seconds FROM entry JOIN session ON id = entry_id WHERE day = '2015-08-15'")" = "strava:103|9008.22|2832" ]
}

@test "a Strava CSV imported after its export changes nothing; the export after the CSV brings the files' figures" {
  make_export "$BATS_TEST_TMPDIR/export"
  niggle import "$BATS_TEST_TMPDIR/export/activities.csv" >/dev/null 2>&1
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/export"
  [ "${lines[0]}" = "Imported '$BATS_TEST_TMPDIR/export' (Strava export): 0 added, 7 updated, 5 unchanged" ]
  # The files' figures where they hold more than the row: the watch's heart rate and climb.
  [ "$(sqlite3 "$JOURNAL" "SELECT moving_seconds, avg_heart_rate, ascent_metres FROM session JOIN entry ON id = entry_id WHERE source = 'strava:101'")" = "13471|124|185.0" ]
  [ "$(figures)" = "$EXPORT_FIGURES" ]
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/export/activities.csv"
  [ "${lines[0]}" = "Imported '$BATS_TEST_TMPDIR/export/activities.csv' (Strava CSV): 0 added, 0 updated, 12 unchanged" ]
  [ "$(figures)" = "$EXPORT_FIGURES" ]
}

@test "GPX: minutes without a point inside a segment are a pause for the moving time" {
  # Points every 10 s at 3 m/s, then 10 minutes without a point, then 10 s more.
  {
    echo '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
    for i in 0 1 2 3 4 5 6; do printf '<trkpt lat="%s" lon="14.0"><time>2024-05-01T07:00:%02dZ</time></trkpt>\n' "$(echo "46 + $i * 0.00027" | bc -l)" $((i * 5)); done
    printf '<trkpt lat="%s" lon="14.0"><time>2024-05-01T07:10:30Z</time></trkpt>\n' "$(echo "46 + 7 * 0.00027 + 0.0005" | bc -l)"
    printf '<trkpt lat="%s" lon="14.0"><time>2024-05-01T07:10:40Z</time></trkpt>\n' "$(echo "46 + 8 * 0.00027 + 0.0005" | bc -l)"
    echo '</trkseg></trk></gpx>'
  } >"$BATS_TEST_TMPDIR/pause.gpx"
  niggle import --moving-time "$BATS_TEST_TMPDIR/pause.gpx" >/dev/null
  # 6 stretches of 5 s and one of 10 s: 40 s moving, though 10:40 elapsed.
  [ "$(sqlite3 "$JOURNAL" "SELECT seconds, moving_seconds FROM session")" = "40|40" ]
  rm -f "$JOURNAL"
  niggle import "$BATS_TEST_TMPDIR/pause.gpx" >/dev/null
  [ "$(sqlite3 "$JOURNAL" "SELECT seconds, moving_seconds FROM session")" = "640|40" ]
}

@test "Strava's numeric GPX types and Garmin's names give their sports; an unknown one is other, never a run" {
  for type in 1:bike 4:hike 9:run 16:swim 17:bike road_biking:bike "mountain biking:bike" trail_running:run lap_swimming:swim; do
    rm -f "$JOURNAL"
    sed "s|<type>jkljkl</type>|<type>${type%:*}</type>|" "$DATA/gpx/korita-zbevnica.gpx" >"$BATS_TEST_TMPDIR/typed.gpx"
    niggle import "$BATS_TEST_TMPDIR/typed.gpx" >/dev/null 2>&1
    [ "$(sqlite3 "$JOURNAL" "SELECT type FROM session")" = "${type#*:}" ] || { echo "$type: $(sqlite3 "$JOURNAL" "SELECT type FROM session")"; return 1; }
  done
  rm -f "$JOURNAL"
  run --separate-stderr niggle import "$DATA/gpx/korita-zbevnica.gpx" --type bike
  [[ "$stderr" == *"track type 'jkljkl' is not an activity niggle knows; recorded as bike"* ]]
  [ "$(sqlite3 "$JOURNAL" "SELECT type FROM session")" = "bike" ]
}

@test "a German Strava export's activities.csv and the one before 2019" {
  printf '%s\n' 'Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Verstrichene Zeit,Distanz,Bewegungszeit,Distanz' \
    '101,"6 Okt. 2022, 23:19:20",Abendlauf,Lauf,979,"2,43",971.0,2431.5' \
    '102,"07.10.2022, 06:05:00",Zur Arbeit,Radfahrt,1800,"10,10",1700.0,10100.0' >"$BATS_TEST_TMPDIR/de.csv"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/de.csv"
  [ "$status" -eq 0 ]
  [ "$output" = "Imported '$BATS_TEST_TMPDIR/de.csv' (Strava CSV): 2 added, 0 updated, 0 unchanged" ]
  [ "$(figures)" = "strava:101 run 2432 979;strava:102 bike 10100 1800;" ]
  printf '%s\n' 'id,date,name,type,description,elapsed_time,distance,commute,gear,filename' \
    '1988225457,2018-11-27 19:11:32,Evening Ride,Ride,"",1468,6075.0,true,1x1x8,activities/2125648250.fit.gz' >"$BATS_TEST_TMPDIR/old.csv"
  run --separate-stderr niggle import "$BATS_TEST_TMPDIR/old.csv"
  [ "$status" -eq 0 ]
  [ "$(sqlite3 "$JOURNAL" "SELECT type, metres, seconds, day, start_time FROM session JOIN entry ON id = entry_id WHERE source = 'strava:1988225457'")" = "bike|6075.0|1468|2018-11-27|19:11:32" ]
}

# Peak memory in kB of one niggle command, from GNU time (its %M, on the last line: a failing
# command has a line before it).
peak_kb() { /usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/peak" "$NIGGLE_BIN" "$@" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err"; tail -n 1 "$BATS_TEST_TMPDIR/peak"; }
listed() { niggle list --json | jq -c '[.[] | del(.id, .uuid, .created_at, .modified_at)]'; }

@test "a large GPX, plain, gzipped or on standard input, imports in bounded memory with the same figures" {
  [ -x /usr/bin/time ] || skip "GNU time is not installed"
  # 40 MB by default (a few seconds); NIGGLE_LARGE_GPX_MB=120 for the size of BENCHMARKS.md.
  local megabytes=${NIGGLE_LARGE_GPX_MB:-40}
  python3 "$BATS_TEST_DIRNAME/../../bench/make-large-gpx.py" "$megabytes" "$BATS_TEST_TMPDIR/ride.gpx"
  gzip -1 -c "$BATS_TEST_TMPDIR/ride.gpx" >"$BATS_TEST_TMPDIR/ride.gpx.gz"
  local plain gzipped piped
  plain=$(NIGGLE_DB="$BATS_TEST_TMPDIR/plain.db" peak_kb import "$BATS_TEST_TMPDIR/ride.gpx")
  [ "$(<"$BATS_TEST_TMPDIR/out")" = "Imported '$BATS_TEST_TMPDIR/ride.gpx' (GPX): 1 added, 0 updated, 0 unchanged" ]
  gzipped=$(NIGGLE_DB="$BATS_TEST_TMPDIR/gzipped.db" peak_kb import "$BATS_TEST_TMPDIR/ride.gpx.gz")
  [ "$(<"$BATS_TEST_TMPDIR/out")" = "Imported '$BATS_TEST_TMPDIR/ride.gpx.gz' (GPX (gzip)): 1 added, 0 updated, 0 unchanged" ]
  piped=$(NIGGLE_DB="$BATS_TEST_TMPDIR/piped.db" peak_kb import - <"$BATS_TEST_TMPDIR/ride.gpx")
  [ "$(<"$BATS_TEST_TMPDIR/out")" = "Imported standard input (GPX): 1 added, 0 updated, 0 unchanged" ]
  echo "peak RSS in kB: plain $plain, gzipped $gzipped, standard input $piped" >&3
  # Under 32 MB each, whatever the size of the file (the file itself is far larger).
  [ "$plain" -lt 32768 ] && [ "$gzipped" -lt 32768 ] && [ "$piped" -lt 32768 ]
  # The same session each way: a ride of the file's start, distance and times.
  local first
  first=$(NIGGLE_DB="$BATS_TEST_TMPDIR/plain.db" listed)
  [ "$(jq -r '.[0] | "\(.type) \(.date) \(.start_time) \(.source) \(.note)"' <<<"$first")" = \
    "bike 2026-06-01 06:00:00 gpx:2026-06-01T06:00:00Z Imported from ride.gpx (Long ride)" ]
  [ "$(jq -r '.[0].distance_km > 100 and .[0].duration_s > .[0].moving_time_s' <<<"$first")" = true ]
  [ "$(NIGGLE_DB="$BATS_TEST_TMPDIR/gzipped.db" listed | sed 's/ride.gpx.gz/ride.gpx/')" = "$first" ]
  [ "$(NIGGLE_DB="$BATS_TEST_TMPDIR/piped.db" listed | sed 's/standard input/ride.gpx/')" = "$first" ]
}

@test "a large GPX broken near its end is refused whole with one line, and nothing is written" {
  python3 "$BATS_TEST_DIRNAME/../../bench/make-large-gpx.py" 2 "$BATS_TEST_TMPDIR/ride.gpx"
  # A point left open before the segment closes: mismatched tags, 2 MB into the file (expat
  # names the byte of the closing tag's name, after its "</").
  sed -i '$d' "$BATS_TEST_TMPDIR/ride.gpx"
  sed -i '$d' "$BATS_TEST_TMPDIR/ride.gpx"
  sed -i '$d' "$BATS_TEST_TMPDIR/ride.gpx"
  printf '      <trkpt lat="1" lon="2">\n    </trkseg>\n  </trk>\n</gpx>\n' >>"$BATS_TEST_TMPDIR/ride.gpx"
  local count
  count=$(wc -l <"$BATS_TEST_TMPDIR/ride.gpx")
  gzip -1 -c "$BATS_TEST_TMPDIR/ride.gpx" >"$BATS_TEST_TMPDIR/ride.gpx.gz"
  for file in ride.gpx ride.gpx.gz; do
    run --separate-stderr niggle import "$BATS_TEST_TMPDIR/$file"
    [ "$status" -eq 7 ]
    [ "$output" = "" ]
    [ "$stderr" = "niggle: error: '$BATS_TEST_TMPDIR/$file' is not well-formed XML (mismatched tag at line $((count - 2)), byte $(($(head -n $((count - 3)) "$BATS_TEST_TMPDIR/ride.gpx" | wc -c) + 6)))" ]
  done
  [ ! -e "$JOURNAL" ]
}

@test "a gzipped GPX that inflates past 1 GiB is refused as a bomb, in bounded memory (NIGGLE_LARGE_TESTS=1)" {
  [ "${NIGGLE_LARGE_TESTS:-0}" = 1 ] || skip "inflates 1 GiB: set NIGGLE_LARGE_TESTS=1"
  { printf '<?xml version="1.0"?>\n<gpx><trk><trkseg>'; head -c 1200000000 /dev/zero | tr '\0' ' '; printf '</trkseg></trk></gpx>\n'; } |
    gzip -1 >"$BATS_TEST_TMPDIR/bomb.gpx.gz"
  local peak
  peak=$(peak_kb import "$BATS_TEST_TMPDIR/bomb.gpx.gz") || true
  [ "$(<"$BATS_TEST_TMPDIR/err")" = "niggle: error: '$BATS_TEST_TMPDIR/bomb.gpx.gz' (gzip) inflates to more than 1024 MiB, past what niggle reads from one GPX file; refused as a likely zip bomb" ]
  [ "$peak" -lt 32768 ]
}
