// The GPX, TCX and Strava parsers against real files from other programs (tests/data,
// see tests/data/SOURCES.md for where each comes from and the reference figures).
#include <doctest/doctest.h>

#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <sstream>

#include "niggle/formats/activity.hpp"
#include "niggle/formats/archive.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"
#include "temp_dir.hpp"

using namespace niggle;

namespace {

std::string fixture(const std::string& name) {
  const auto path = std::filesystem::path(NIGGLE_TEST_DATA) / name;
  REQUIRE_MESSAGE(std::filesystem::exists(path), path.string());
  return niggle::test::read_file(path);
}

ActivityOptions options(int utc_offset_minutes = 0) {
  ActivityOptions o;
  o.to_local = fixed_offset(utc_offset_minutes);
  o.file_name = "test file";
  return o;
}

// Within 0.5% of a reference figure, as the import must be.
bool near(double value, double reference) { return std::abs(value - reference) <= reference * 0.005; }

bool has_warning(const ActivityFile& file, std::string_view text) {
  for (const auto& w : file.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("great_circle_metres") {
  // One minute of arc along a meridian is close to one nautical mile.
  CHECK(great_circle_metres(45.0, 14.0, 45.0 + 1.0 / 60, 14.0) == doctest::Approx(1853.3).epsilon(0.001));
  CHECK(great_circle_metres(50.0, 6.0, 50.0, 6.0) == 0.0);
  // Ljubljana to Cerknica, about 38 km.
  CHECK(great_circle_metres(46.0569, 14.5058, 45.7964, 14.3622) == doctest::Approx(30850).epsilon(0.02));
}

TEST_CASE("parse_iso_timestamp") {
  CHECK(*parse_iso_timestamp("1970-01-01T00:00:00Z") == 0.0);
  CHECK(*parse_iso_timestamp("2010-08-05T14:23:59Z") == 1281018239.0);
  CHECK(*parse_iso_timestamp("2010-08-05T16:23:59+02:00") == 1281018239.0);
  CHECK(*parse_iso_timestamp("2010-08-05T14:23:59.5Z") == 1281018239.5);
  CHECK(*parse_iso_timestamp("2010-08-05T14:23:59") == 1281018239.0);  // no zone: UTC, as GPX requires
  CHECK_FALSE(parse_iso_timestamp("2010-02-30T14:23:59Z"));
  CHECK_FALSE(parse_iso_timestamp("2010-08-05 25:00:00"));
  CHECK_FALSE(parse_iso_timestamp("yesterday"));
  CHECK_FALSE(parse_iso_timestamp("2010-08-05T14:23:59Q"));
  CHECK(format_utc(1281018239.9) == "2010-08-05T14:23:59Z");
  CHECK(format_utc(-1.0) == "1969-12-31T23:59:59Z");
}

TEST_CASE("fixed_offset and the local day of a UTC time") {
  const UnixTime late = *parse_iso_timestamp("2022-10-06T23:19:20Z");
  CHECK(fixed_offset(0)(late).date.iso() == "2022-10-06");
  CHECK(fixed_offset(60)(late).date.iso() == "2022-10-07");
  CHECK(fixed_offset(60)(late).time == "00:19:20");
  CHECK(fixed_offset(-240)(late).time == "19:19:20");
}

TEST_CASE("detect_activity_format recognises content, not names") {
  CHECK(detect_activity_format(fixture("gpx/cerknicko-jezero.gpx")) == ActivityFormat::gpx);
  CHECK(detect_activity_format(fixture("gpx/unicode_with_bom.gpx")) == ActivityFormat::gpx);
  CHECK(detect_activity_format(fixture("tcx/cerknicko-jezero.tcx")) == ActivityFormat::tcx);
  CHECK(detect_activity_format(fixture("strava/activities.csv")) == ActivityFormat::strava_csv);
  CHECK_FALSE(detect_activity_format("<html><body>no</body></html>"));
  CHECK_FALSE(detect_activity_format("id,date\n1,2\n"));
  CHECK_FALSE(detect_activity_format(""));
  CHECK_THROWS_AS(parse_activity_file("just text", options()), FileError);
}

TEST_CASE("parse_gpx: the reference files") {
  SUBCASE("cerknicko-jezero: 8 tracks as one activity") {
    const ActivityFile file = parse_gpx(fixture("gpx/cerknicko-jezero.gpx"), options(120));
    REQUIRE(file.sessions.size() == 1);
    const Session& s = file.sessions[0];
    CHECK(near(*s.metres, 4580.1));
    CHECK(*s.seconds == 4239);  // first to last point time
    CHECK(s.meta.date.iso() == "2010-08-05");
    CHECK(s.start_time == "16:23:59");  // 14:23:59 UTC at UTC+2
    CHECK(s.meta.source == "gpx:2010-08-05T14:23:59Z");
    CHECK(s.type == ActivityType::run);
    CHECK(s.meta.note->find("ACTIVE LOG #2") != std::string::npos);
    CHECK(file.warnings.empty());
  }
  SUBCASE("cerknicko-jezero, moving time") {
    ActivityOptions o = options();
    o.moving_time = true;
    const Session s = parse_gpx(fixture("gpx/cerknicko-jezero.gpx"), o).sessions.at(0);
    CHECK(*s.seconds > 2000);
    CHECK(*s.seconds < 4239);
  }
  SUBCASE("cerknicko-jezero, one session per track") {
    ActivityOptions o = options();
    o.split = true;
    const ActivityFile file = parse_gpx(fixture("gpx/cerknicko-jezero.gpx"), o);
    REQUIRE(file.sessions.size() == 7);  // the first track has no points
    double total = 0;
    for (const auto& s : file.sessions) total += *s.metres;
    CHECK(near(total, 4580.1));
    CHECK(near(*file.sessions[0].metres, 1914.5));
    CHECK(*file.sessions[0].seconds == 2469);
    CHECK(file.sessions[0].meta.source == "gpx-track:2010-08-05T14:23:59Z");
    CHECK(file.sessions[1].meta.source == "gpx-track:2010-08-05T15:11:36Z");
  }
  SUBCASE("korita-zbevnica: a track without times means no duration") {
    const ActivityFile file = parse_gpx(fixture("gpx/korita-zbevnica.gpx"), options());
    REQUIRE(file.sessions.size() == 1);
    const Session& s = file.sessions[0];
    CHECK(near(*s.metres, 14913.7));
    CHECK_FALSE(s.seconds);
    CHECK(s.meta.date.iso() == "2010-10-03");
    CHECK_FALSE(s.start_time);
    CHECK(s.meta.source->rfind("gpx:content-", 0) == 0);
    CHECK(has_warning(file, "only 513 of 871 points have a usable time"));
    // A type niggle does not know is never taken for the default run.
    CHECK(has_warning(file, "track type 'jkljkl' is not an activity niggle knows; recorded as other"));
    CHECK(s.type == ActivityType::other);
  }
  SUBCASE("track-with-empty-segment") {
    const Session s = parse_gpx(fixture("gpx/track-with-empty-segment.gpx"), options()).sessions.at(0);
    CHECK(near(*s.metres, 85.9));
    CHECK(*s.seconds == 76);
    CHECK(s.meta.date.iso() == "2013-07-06");
  }
  SUBCASE("Mojstrovka: broken 1901 point times; dated by the file's own time") {
    const ActivityFile file = parse_gpx(fixture("gpx/Mojstrovka.gpx"), options());
    const Session& s = file.sessions.at(0);
    CHECK(near(*s.metres, 2700.6));
    CHECK_FALSE(s.seconds);
    CHECK(s.meta.date.iso() == "2010-12-14");
    CHECK(has_warning(file, "184 of 184 point times are outside 1980-2100"));
    CHECK(has_warning(file, "dated 2010-12-14 by the file's own timestamp"));
  }
  SUBCASE("cerknicko-without-times") {
    const ActivityFile file = parse_gpx(fixture("gpx/cerknicko-without-times.gpx"), options());
    const Session& s = file.sessions.at(0);
    CHECK(near(*s.metres, 4580.1));
    CHECK_FALSE(s.seconds);
    CHECK(s.meta.date.iso() == "2010-08-05");
    CHECK(has_warning(file, "only 5 of 296 points"));
  }
  SUBCASE("files with no track points are refused with a reason") {
    CHECK_THROWS_WITH_AS(parse_gpx(fixture("gpx/gpx1.1_with_extensions.gpx"), options()),
                         doctest::Contains("1 waypoint, which record places, not a run"), FileError);
    CHECK_THROWS_WITH_AS(parse_gpx(fixture("gpx/unicode_with_bom.gpx"), options()), doctest::Contains("no track"),
                         FileError);
  }
}

TEST_CASE("parse_gpx: hostile and odd input") {
  CHECK_THROWS_WITH_AS(parse_gpx("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\">", options()),
                       doctest::Contains("not well-formed XML"), FileError);
  CHECK_THROWS_WITH_AS(parse_gpx("<kml></kml>", options()), doctest::Contains("not GPX"), FileError);
  // One point: no distance, never a silent zero-distance run.
  CHECK_THROWS_WITH_AS(
      parse_gpx("<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2020-01-01T00:00:00Z</time></trkpt></trkseg></trk></gpx>",
                options()),
      doctest::Contains("its 1 track point covers no distance"), FileError);
  // No time at all and no --date.
  const std::string untimed = "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/><trkpt lat=\"1.01\" lon=\"2\"/></trkseg></trk></gpx>";
  CHECK_THROWS_WITH_AS(parse_gpx(untimed, options()), doctest::Contains("give the day with --date"), FileError);
  ActivityOptions with_date = options();
  with_date.date = *Date::from_ymd(2026, 11, 20);
  const ActivityFile dated = parse_gpx(untimed, with_date);
  CHECK(dated.sessions.at(0).meta.date.iso() == "2026-11-20");
  CHECK(near(*dated.sessions.at(0).metres, 1111.95));
  // Bad coordinates are skipped and counted.
  const ActivityFile odd = parse_gpx(
      "<gpx><trk><type>Hiking</type><trkseg><trkpt lat=\"x\" lon=\"2\"/><trkpt lat=\"95\" lon=\"2\"/>"
      "<trkpt lat=\"1\" lon=\"2\"><time>2020-01-01T00:00:00Z</time></trkpt>"
      "<trkpt lat=\"1.01\" lon=\"2\"><time>2020-01-01T00:10:00Z</time></trkpt></trkseg></trk></gpx>",
      options());
  CHECK(odd.sessions.at(0).type == ActivityType::hike);
  CHECK(*odd.sessions.at(0).seconds == 600);
  CHECK(has_warning(odd, "2 track points without a valid latitude and longitude"));
  // Namespace prefixes read like plain names.
  const ActivityFile prefixed = parse_gpx(
      "<g:gpx xmlns:g=\"http://www.topografix.com/GPX/1/1\"><g:trk><g:trkseg>"
      "<g:trkpt lat=\"1\" lon=\"2\"><g:time>2020-01-01T00:00:00Z</g:time></g:trkpt>"
      "<g:trkpt lat=\"1.01\" lon=\"2\"><g:time>2020-01-01T00:10:00Z</g:time></g:trkpt></g:trkseg></g:trk></g:gpx>",
      options());
  CHECK(prefixed.sessions.size() == 1);
}

TEST_CASE("parse_gpx: a strength session keeps its time and never a distance") {
  // Found by the gpx fuzz target: with --type strength (or a track typed "Weight Training"),
  // the track's distance was stored, and the entry's own export and `undo` refused it.
  const std::string timed =
      "<gpx><trk><type>Weight Training</type><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2020-01-01T00:00:00Z</time></trkpt>"
      "<trkpt lat=\"1.001\" lon=\"2\"><time>2020-01-01T00:40:00Z</time></trkpt></trkseg></trk></gpx>";
  const Session s = parse_gpx(timed, options()).sessions.at(0);
  CHECK(s.type == ActivityType::strength);
  CHECK(!s.metres);
  CHECK(*s.seconds == 2400);
  ActivityOptions strength = options();
  strength.fallback_type = ActivityType::strength;
  strength.date = *Date::from_ymd(2026, 11, 20);
  const std::string untimed = "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"/><trkpt lat=\"1.01\" lon=\"2\"/></trkseg></trk></gpx>";
  CHECK_THROWS_WITH_AS(parse_gpx(untimed, strength), doctest::Contains("a strength session with no time"), FileError);
}

TEST_CASE("activity figures beyond what niggle log takes are rejected, never stored") {
  // Found by the gpx, tcx and strava fuzz targets: a year typed wrong in one point time gave
  // a GPX track of ten years; a TCX track crossing 2,500 km of latitude was stored as one
  // ride. Typed input refuses more than 100 hours or 1000 km, and so the entry's own
  // export could not be imported again.
  const std::string decade =
      "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2000-08-05T15:24:25Z</time></trkpt>"
      "<trkpt lat=\"1.001\" lon=\"2\"><time>2010-08-05T15:24:25Z</time></trkpt></trkseg></trk>"
      "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2010-08-06T10:00:00Z</time></trkpt>"
      "<trkpt lat=\"1.01\" lon=\"2\"><time>2010-08-06T10:10:00Z</time></trkpt></trkseg></trk></gpx>";
  CHECK_THROWS_WITH_AS(parse_gpx(decade, options()), doctest::Contains("a time of 87648 hours cannot be right"), FileError);
  ActivityOptions split = options();
  split.split = true;
  const ActivityFile tracks = parse_gpx(decade, split);
  REQUIRE(tracks.sessions.size() == 1);
  CHECK(*tracks.sessions[0].seconds == 600);
  REQUIRE(tracks.rejected.size() == 1);
  CHECK(tracks.rejected[0].where == "track 1");

  const std::string far =
      "<TrainingCenterDatabase><Activities><Activity Sport=\"Biking\"><Id>2020-01-01T00:00:00Z</Id><Lap>"
      "<TotalTimeSeconds>600.5</TotalTimeSeconds><Track>"
      "<Trackpoint><Position><LatitudeDegrees>23</LatitudeDegrees><LongitudeDegrees>14</LongitudeDegrees></Position></Trackpoint>"
      "<Trackpoint><Position><LatitudeDegrees>46.1</LatitudeDegrees><LongitudeDegrees>14</LongitudeDegrees></Position></Trackpoint>"
      "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  CHECK_THROWS_WITH_AS(parse_tcx(far, options()), doctest::Contains("a distance of 2568.6 km cannot be right"), FileError);

  const ActivityFile long_one = parse_strava_csv("Activity ID,Activity Date,Activity Type,Elapsed Time,Distance\n"
                                                 "1,2022-10-07 06:00:00,Run,360001,5\n",
                                                 options());
  CHECK(long_one.sessions.empty());
  REQUIRE(long_one.rejected.size() == 1);
  CHECK(long_one.rejected[0].reason == "a time of 100 hours cannot be right");
  // Less than a millimetre is no distance, rather than a distance of zero.
  const ActivityFile tiny = parse_strava_csv(
      "Activity ID,Activity Date,Activity Type,Elapsed Time,Distance\n1,2022-10-07 06:00:00,Run,600,0.0000001\n", options());
  CHECK(!tiny.sessions.at(0).metres);
  CHECK(*tiny.sessions.at(0).seconds == 600);
}

TEST_CASE("two activities of one file that start at the same moment are one activity twice") {
  // Found by the gpx and tcx fuzz targets: both sessions carried the same source key, and
  // the import merged the second into the first without a word.
  const std::string gpx =
      "<gpx><trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2020-01-01T00:00:00Z</time></trkpt>"
      "<trkpt lat=\"1.01\" lon=\"2\"><time>2020-01-01T00:10:00Z</time></trkpt></trkseg></trk>"
      "<trk><trkseg><trkpt lat=\"1\" lon=\"2\"><time>2020-01-01T00:00:00Z</time></trkpt>"
      "<trkpt lat=\"1.02\" lon=\"2\"><time>2020-01-01T00:20:00Z</time></trkpt></trkseg></trk></gpx>";
  ActivityOptions split = options();
  split.split = true;
  const ActivityFile tracks = parse_gpx(gpx, split);
  REQUIRE(tracks.sessions.size() == 1);
  CHECK(*tracks.sessions[0].seconds == 600);
  REQUIRE(tracks.rejected.size() == 1);
  CHECK(tracks.rejected[0].where == "track 2");
  CHECK(tracks.rejected[0].reason == "starts at the same moment as track 1: the same activity twice?");
  CHECK(parse_gpx(gpx, options()).sessions.size() == 1);  // taken whole, it is one session anyway

  const std::string activity =
      "<Activity Sport=\"Running\"><Id>2020-01-01T00:00:00Z</Id><Lap><TotalTimeSeconds>600</TotalTimeSeconds>"
      "<DistanceMeters>2000</DistanceMeters></Lap></Activity>";
  const ActivityFile tcx =
      parse_tcx("<TrainingCenterDatabase><Activities>" + activity + activity + "</Activities></TrainingCenterDatabase>",
                options());
  REQUIRE(tcx.sessions.size() == 1);
  REQUIRE(tcx.rejected.size() == 1);
  CHECK(tcx.rejected[0].where == "activity 2");
  CHECK(tcx.rejected[0].reason.find("same moment as activity 1") != std::string::npos);
}

TEST_CASE("parse_tcx: trackpoints south and west of zero count") {
  // The positions of a lap without DistanceMeters were read as unsigned numbers, so every
  // point in the southern or western hemisphere was skipped and its distance lost.
  const std::string tcx =
      "<TrainingCenterDatabase><Activities><Activity Sport=\"Running\"><Id>2020-01-01T00:00:00Z</Id><Lap><Track>"
      "<Trackpoint><Position><LatitudeDegrees>-33.9</LatitudeDegrees><LongitudeDegrees>-70.6</LongitudeDegrees></Position></Trackpoint>"
      "<Trackpoint><Position><LatitudeDegrees>-33.91</LatitudeDegrees><LongitudeDegrees>-70.6</LongitudeDegrees></Position></Trackpoint>"
      "<Trackpoint><Position><LatitudeDegrees>-95</LatitudeDegrees><LongitudeDegrees>-70.6</LongitudeDegrees></Position></Trackpoint>"
      "</Track></Lap></Activity></Activities></TrainingCenterDatabase>";
  const ActivityFile file = parse_tcx(tcx, options());
  REQUIRE(file.sessions.size() == 1);
  CHECK(near(*file.sessions[0].metres, 1111.95));
}

TEST_CASE("parse_tcx") {
  SUBCASE("gpsbabel's conversion of cerknicko-jezero: one activity per track") {
    const ActivityFile file = parse_tcx(fixture("tcx/cerknicko-jezero.tcx"), options());
    REQUIRE(file.sessions.size() == 7);
    CHECK(has_warning(file, "activity 1: no distance and no time recorded; skipped"));
    double total = 0;
    for (const auto& s : file.sessions) total += *s.metres;
    CHECK(near(total, 4580.1));
    CHECK(*file.sessions[0].metres == doctest::Approx(1914.5));
    CHECK(*file.sessions[0].seconds == 2469);
    CHECK(file.sessions[0].meta.source == "tcx:2010-08-05T14:23:59Z");
    CHECK(file.sessions[0].type == ActivityType::run);
  }
  SUBCASE("laps, sports, notes, midnight") {
    const ActivityFile file = parse_tcx(fixture("tcx/garmin-two-activities.tcx"), options(60));
    REQUIRE(file.sessions.size() == 2);
    const Session& run = file.sessions[0];
    CHECK(run.type == ActivityType::run);
    CHECK(*run.metres == doctest::Approx(6000.76).epsilon(0.0001));  // 5000 m stated + a lap measured from its points
    CHECK(*run.seconds == 2101);
    CHECK(run.meta.date.iso() == "2024-02-29");
    CHECK(run.meta.note == "Imported from test file: Leap-day tempo: back fine, calves tight 🏃");
    const Session& ride = file.sessions[1];
    CHECK(ride.type == ActivityType::bike);
    CHECK(*ride.metres == 30000);
    CHECK(ride.meta.date.iso() == "2024-03-02");  // 23:30 UTC is past midnight at UTC+1
    CHECK(ride.start_time == "00:30:00");
    CHECK(has_warning(file, "activity 3: no distance and no time"));
  }
  SUBCASE("a course is a plan, not an activity") {
    CHECK_THROWS_WITH_AS(parse_tcx(fixture("tcx/course-only.tcx"), options()),
                         doctest::Contains("1 course (planned routes) and no activities"), FileError);
  }
}

TEST_CASE("parse_strava_csv: the real bulk export") {
  const ActivityFile file = parse_strava_csv(fixture("strava/activities.csv"), options());
  CHECK(file.rejected.empty());
  REQUIRE(file.sessions.size() == 610);
  std::map<ActivityType, int> count;
  std::map<ActivityType, double> metres;
  std::map<ActivityType, std::int64_t> seconds;
  for (const auto& s : file.sessions) {
    count[s.type] += 1;
    metres[s.type] += s.metres.value_or(0);
    seconds[s.type] += s.seconds.value_or(0);
  }
  CHECK(count[ActivityType::run] == 439);
  CHECK(count[ActivityType::walk] == 64);
  CHECK(count[ActivityType::hike] == 4);
  CHECK(count[ActivityType::strength] == 44);  // Weight Training
  CHECK(count[ActivityType::other] == 59);     // Workout
  CHECK(metres[ActivityType::run] == doctest::Approx(4714129.073).epsilon(1e-9));
  CHECK(metres[ActivityType::walk] == doctest::Approx(120795.313).epsilon(1e-9));
  CHECK(metres[ActivityType::hike] == doctest::Approx(20844.37).epsilon(1e-9));
  CHECK(metres[ActivityType::strength] == 0);
  CHECK(seconds[ActivityType::run] == 1913316);
  CHECK(seconds[ActivityType::strength] == 145111);

  const Session& first = file.sessions.front();
  CHECK(first.meta.source == "strava:7926971219");
  CHECK(first.meta.date.iso() == "2022-10-06");  // "Oct 6, 2022, 11:19:20 PM" UTC
  CHECK(first.start_time == "23:19:20");
  CHECK(*first.metres == doctest::Approx(2432.77));
  CHECK(first.meta.note == "Evening Run");

  // The same export read in Ljubljana's winter time moves that late run to the next day.
  CHECK(parse_strava_csv(fixture("strava/activities.csv"), options(60)).sessions.front().meta.date.iso() == "2022-10-07");

  int with_gear = 0, with_newlines = 0, with_rpe = 0;
  for (const auto& s : file.sessions) {
    // Emoji, accents and curly quotes come through intact.
    if (s.meta.note) CHECK_FALSE(find_invalid_utf8(*s.meta.note));
    if (s.gear) ++with_gear;
    // The gear is the session's, no longer a line of the note.
    if (s.meta.note) CHECK(s.meta.note->find("Gear: ") == std::string::npos);
    if (s.meta.note && s.meta.note->find('\n') != std::string::npos) ++with_newlines;
    if (s.rpe) ++with_rpe;
  }
  CHECK(with_gear > 0);
  CHECK(with_newlines >= 290);
  CHECK(with_rpe > 0);
}

TEST_CASE("notes from other programs are cleaned, never mangled") {
  const std::string csv =
      "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Activity Description\n"
      "1,\"Oct 6, 2022, 11:19:20 PM\",Café run 🏃,Run,1800,\"bad \xff byte\r\nline two\x1b[31m\"\n";
  const ActivityFile file = parse_strava_csv(csv, options());
  REQUIRE(file.sessions.size() == 1);
  CHECK(file.sessions[0].meta.note == "Café run 🏃\nbad \xEF\xBF\xBD byte\nline two [31m");
}

TEST_CASE("parse_strava_csv: broken rows are rejected with their line, the rest kept") {
  const std::string csv =
      "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Moving Time,Distance\n"
      "1,\"Oct 6, 2022, 11:19:20 PM\",Easy,Run,1800,5.00,1700,5001.5\n"
      "2,\"not a date\",Bad,Run,1800,5.00,1700,5000\n"
      "1,\"Oct 7, 2022, 7:00:00 AM\",Dup,Run,1800,5.00,1700,5000\n"
      "3,\"7 Oct 2022, 19:00:00\",\"Kayak \"\"fun\"\"\",Zorbing,3600,10,3000,10000\n"
      "x,\"Oct 8, 2022, 7:00:00 AM\",NoId,Run,1800,5,1700,5000\n"
      "4,\"2022-10-09 06:00:00\",Nothing,Run,0,0,0,0\n";
  ActivityOptions moving = options();
  moving.moving_time = true;
  const ActivityFile file = parse_strava_csv(csv, moving);
  REQUIRE(file.sessions.size() == 2);
  CHECK(*file.sessions[0].metres == 5001.5);
  CHECK(*file.sessions[0].seconds == 1700);
  CHECK(file.sessions[1].type == ActivityType::other);
  CHECK(file.sessions[1].meta.date.iso() == "2022-10-07");
  CHECK(file.sessions[1].meta.note == "Kayak \"fun\"");
  CHECK(has_warning(file, "1 activity of Strava type 'Zorbing' recorded as other"));
  REQUIRE(file.rejected.size() == 4);
  CHECK(file.rejected[0].where == "line 3");
  CHECK(file.rejected[0].reason.find("'not a date'") != std::string::npos);
  CHECK(file.rejected[1].reason.find("appears twice") != std::string::npos);
  CHECK(file.rejected[2].reason.find("'x' is not a Strava id") != std::string::npos);
  CHECK(file.rejected[3].reason.find("neither a distance nor a time") != std::string::npos);

  // Found by the strava fuzz target: a day of "-1.51" was converted to an unsigned number
  // (undefined behaviour); a date's day, year and clock are now plain digits or nothing.
  const ActivityFile dates = parse_strava_csv(
      "Activity ID,Activity Date,Activity Type,Elapsed Time\n"
      "1,\"Oct -1.51, 2022, 7:00:00 AM\",Run,600\n"
      "2,\"Oct 6, 1e300, 7:00:00 AM\",Run,600\n"
      "3,\"Oct 6, 2022, 99999999999:00:00 AM\",Run,600\n"
      "4,\"Oct 6, 20220, 7:00:00 AM\",Run,600\n"
      "5,\"Oct 6, 2022, 7:00 PM\",Run,600\n",
      options());
  REQUIRE(dates.sessions.size() == 1);
  CHECK(dates.sessions[0].start_time == "19:00:00");
  CHECK(dates.rejected.size() == 4);
  CHECK_THROWS_WITH_AS(parse_strava_csv("Activity ID,Activity Date\n", options()),
                       doctest::Contains("no 'Activity Type' column"), FileError);
  CHECK_THROWS_WITH_AS(parse_strava_csv("Activity ID,Activity Date,Activity Type\n1,\"open", options()),
                       doctest::Contains("never closed"), FileError);
}

TEST_CASE("parse_strava_csv: the export before 2019 and the German export") {
  SUBCASE("before 2019: lower-case columns, one distance in metres, ISO dates") {
    const std::string csv =
        "id,date,name,type,description,elapsed_time,distance,commute,gear,filename\n"
        "1988225457,2018-11-27 19:11:32,Evening Ride,Ride,\"\",1468,6075.0,true,1x1x8,activities/2125648250.fit.gz\n"
        "1992478096,2018-11-29 10:02:58,Morning Run,Run,\"\",1449,5869.0,false,,activities/2130096306.gpx\n";
    CHECK(detect_activity_format(csv) == ActivityFormat::strava_csv);
    const ActivityFile file = parse_strava_csv(csv, options());
    REQUIRE(file.sessions.size() == 2);
    CHECK(file.sessions[0].type == ActivityType::bike);
    CHECK(*file.sessions[0].metres == 6075.0);
    CHECK(*file.sessions[0].seconds == 1468);
    CHECK(*file.sessions[0].start_time == "19:11:32");
    CHECK(*file.sessions[0].meta.source == "strava:1988225457");
    CHECK(file.sessions[0].meta.note == "Evening Ride");
    CHECK(file.sessions[0].gear == "1x1x8");
    CHECK(file.linked_files.at("strava:1988225457") == "activities/2125648250.fit.gz");
    CHECK(file.sessions[1].type == ActivityType::run);
    CHECK(*file.sessions[1].metres == 5869.0);
  }
  SUBCASE("German: German column names, dates, activity types and decimal commas") {
    const std::string csv =
        "Aktivitäts-ID,Aktivitätsdatum,Name der Aktivität,Aktivitätsart,Beschreibung der Aktivität,Verstrichene Zeit,"
        "Distanz,Dateiname,Verstrichene Zeit,Bewegungszeit,Distanz\n"
        "7926971219,\"6 Okt. 2022, 23:19:20\",Abendlauf,Lauf,,979,\"2,43\",activities/1.fit.gz,979.0,971.0,2431.5\n"
        "7926971220,\"07.10.2022, 06:05:00\",Zur Arbeit,Radfahrt,,1800,\"10,10\",,1800.0,1700.0,\n"
        "7926971221,\"3 Mär. 2023, 17:00:00\",Halle,Virtuelle Radfahrt,,3600,\"30,00\",,3600.0,3600.0,30000.0\n"
        "7926971222,\"3 Dez. 2023, 08:00:00\",Kraft,Krafttraining,,2400,,,2400.0,2400.0,\n";
    CHECK(detect_activity_format(csv) == ActivityFormat::strava_csv);
    const ActivityFile file = parse_strava_csv(csv, options());
    REQUIRE(file.rejected.empty());
    REQUIRE(file.sessions.size() == 4);
    CHECK(file.sessions[0].type == ActivityType::run);
    CHECK(*file.sessions[0].metres == 2431.5);
    CHECK(file.sessions[0].meta.date.iso() == "2022-10-06");
    CHECK(*file.sessions[0].start_time == "23:19:20");
    CHECK(file.sessions[1].type == ActivityType::bike);
    CHECK(*file.sessions[1].metres == 10100.0);  // from the km column, decimal comma
    CHECK(file.sessions[1].meta.date.iso() == "2022-10-07");
    CHECK(file.sessions[2].type == ActivityType::bike);
    CHECK(file.sessions[2].meta.date.iso() == "2023-03-03");
    CHECK(file.sessions[3].type == ActivityType::strength);
    CHECK(file.sessions[3].meta.date.iso() == "2023-12-03");
    CHECK(file.warnings.empty());
  }
}

namespace {

// One import of a GPX file as lines: each session's figures, then the warnings, the
// rejections, or the error that refused the file (tests/data/gpx-reference.txt).
using GpxParse = std::function<ActivityFile(const std::string& bytes, const ActivityOptions& options)>;

std::vector<std::string> gpx_summary(const std::string& prefix, const std::string& bytes, const ActivityOptions& o,
                                     const GpxParse& parse) {
  std::vector<std::string> lines;
  try {
    const ActivityFile file = parse(bytes, o);
    for (const Session& s : file.sessions) {
      lines.push_back(fmt::format("{} session {} {} {} {} {} {} {} | {}", prefix, to_string(s.type), s.meta.date.iso(),
                                  s.start_time.value_or("-"), s.metres ? fmt::format("{:.3f}", *s.metres) : "-",
                                  s.seconds ? std::to_string(*s.seconds) : "-",
                                  s.moving_seconds ? std::to_string(*s.moving_seconds) : "-", s.meta.source.value_or("-"),
                                  s.meta.note.value_or("")));
    }
    for (const std::string& w : file.warnings) lines.push_back(fmt::format("{} warning {}", prefix, w));
    for (const Rejection& r : file.rejected) lines.push_back(fmt::format("{} rejected {}: {}", prefix, r.where, r.reason));
  } catch (const FileError& e) {
    lines.push_back(fmt::format("{} error {}", prefix, e.what()));
  }
  return lines;
}

ActivityFile gpx_in_chunks(const std::string& bytes, const ActivityOptions& o, std::size_t chunk) {
  GpxReader reader(o);
  for (std::size_t at = 0; at < bytes.size(); at += chunk) reader.feed(std::string_view(bytes).substr(at, chunk));
  return reader.finish();
}

struct GpxMode {
  const char* name;
  bool split, moving;
  std::optional<Date> date;
};

}  // namespace

TEST_CASE("GPX read as a stream gives what the file read whole gave, in chunks of any size") {
  // The reference: what `niggle import --skip-invalid` made of each file (with TZ=UTC)
  // before GPX was read as a stream, when pugixml read the whole file into a DOM.
  std::map<std::string, std::vector<std::string>> reference;
  {
    std::istringstream in(fixture("gpx-reference.txt"));
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const std::size_t colon = line.find(':');
      reference[line.substr(0, colon)].push_back(line);
    }
  }
  const std::vector<std::string> files = {
      "gpx/Mojstrovka.gpx", "gpx/cerknicko-jezero.gpx", "gpx/cerknicko-without-times.gpx",
      "gpx/gpx1.1_with_extensions.gpx", "gpx/korita-zbevnica.gpx", "gpx/track-with-empty-segment.gpx",
      "gpx/unicode_with_bom.gpx", "gpx-devices/file.gpx", "gpx-devices/gpx11_with_speed_no_namespace.gpx",
      "gpx-devices/gpx11_without_speed.gpx", "gpx-devices/gpx_timezone.gpx", "gpx-devices/gpx_with_garmin_extension.gpx",
      "gpx-devices/iso8859-1encoded.gpx", "gpx-devices/legacy_gpx_pause_resume.gpx",
      "gpx-devices/legacy_gpx_trackpointextensions_incorrect.gpx", "gpx-devices/track_with_speed.gpx",
      "compressed/graphhopper.gpx.gz"};
  const GpxMode modes[] = {{"whole", false, false, std::nullopt},
                           {"moving", false, true, std::nullopt},
                           {"split", true, false, std::nullopt},
                           {"split-moving", true, true, std::nullopt},
                           {"dated", false, false, Date::from_ymd(2020, 2, 2)}};
  std::size_t compared = 0;
  for (const std::string& file : files) {
    std::string bytes = fixture(file);
    if (is_gzip(bytes)) bytes = gunzip(bytes, file);
    for (const GpxMode& mode : modes) {
      ActivityOptions o = options();
      o.file_name = std::filesystem::path(file).filename().string();
      o.split = mode.split;
      o.moving_time = mode.moving;
      o.date = mode.date;
      const std::string prefix = fmt::format("{} {}", file, mode.name);
      CAPTURE(prefix);
      const auto& expected = reference[prefix];
      REQUIRE_FALSE(expected.empty());
      CHECK(gpx_summary(prefix + ":", bytes, o, [](const std::string& b, const ActivityOptions& x) { return parse_gpx(b, x); }) ==
            expected);
      for (const std::size_t chunk : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{1000}}) {
        CAPTURE(chunk);
        CHECK(gpx_summary(prefix + ":", bytes, o, [chunk](const std::string& b, const ActivityOptions& x) {
                return gpx_in_chunks(b, x, chunk);
              }) == expected);
      }
      ++compared;
    }
  }
  CHECK(compared == files.size() * std::size(modes));
}

TEST_CASE("GPX read as a stream: malformed XML anywhere, hostile DTDs, odd encodings") {
  const std::string point =
      "<trkpt lat=\"46.1\" lon=\"14.2\"><time>2020-01-01T00:00:00Z</time></trkpt>"
      "<trkpt lat=\"46.11\" lon=\"14.2\"><time>2020-01-01T00:10:00Z</time></trkpt>";
  const std::string good = "<gpx><trk><name>A</name><trkseg>" + point + "</trkseg></trk></gpx>";
  REQUIRE(parse_gpx(good, options()).sessions.size() == 1);
  // Broken after thousands of good points: the same one-line error, however it is chunked.
  std::string many = "<gpx><trk><trkseg>";
  for (int i = 0; i < 2000; ++i) many += point;
  const std::string broken = many + "<trkpt lat=\"1\" lon=\"2\"></trkseg></trk></gpx>";
  std::string whole_error;
  try {
    parse_gpx(broken, options());
  } catch (const FileError& e) {
    whole_error = e.what();
  }
  CHECK(whole_error.rfind("is not well-formed XML (mismatched tag at line 1, byte ", 0) == 0);
  CHECK(whole_error.find('\n') == std::string::npos);
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{7}, std::size_t{65536}}) {
    CAPTURE(chunk);
    CHECK_THROWS_WITH_AS(gpx_in_chunks(broken, options(), chunk), whole_error.c_str(), FileError);
  }
  // Cut short: the end of the file is the error.
  CHECK_THROWS_WITH_AS(gpx_in_chunks(many, options(), 4096), doctest::Contains("is not well-formed XML (no element found"),
                       FileError);
  // Entities declared in a DTD (the "billion laughs" expand 3 lines into gigabytes) are
  // refused before any is expanded; an external DTD or entity is never fetched.
  const std::string laughs =
      "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
      "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><gpx><trk><name>&c;</name><trkseg>" +
      point + "</trkseg></trk></gpx>";
  CHECK_THROWS_WITH_AS(parse_gpx(laughs, options()), doctest::Contains("declares an XML entity (a) in a DTD"), FileError);
  const std::string external = "<?xml version=\"1.0\"?><!DOCTYPE gpx [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><gpx><trk>"
                               "<name>&x;</name><trkseg>" +
                               point + "</trkseg></trk></gpx>";
  CHECK_THROWS_WITH_AS(parse_gpx(external, options()), doctest::Contains("declares an XML entity (x)"), FileError);
  const std::string system_dtd = "<?xml version=\"1.0\"?><!DOCTYPE gpx SYSTEM \"http://example.invalid/gpx.dtd\">" + good;
  CHECK(parse_gpx(system_dtd, options()).sessions.size() == 1);
  // A document in UTF-8 with a byte that is not (a Latin-1 name written without saying
  // so): the byte is replaced, as the note would have had it, and the track is kept.
  for (const std::size_t chunk : {std::size_t{1}, std::size_t{5000}}) {
    const ActivityFile latin = gpx_in_chunks("<gpx><trk><name>Caf\xE9 \xE2\x82\xAC</name><trkseg>" + point + "</trkseg></trk></gpx>",
                                             options(), chunk);
    CHECK(latin.sessions.at(0).meta.note == "Imported from test file (Caf\xEF\xBF\xBD \xE2\x82\xAC)");
  }
  // Declared encodings are honoured: Latin-1, Windows-1252 (0x80 is the euro sign), UTF-16.
  const ActivityFile declared = parse_gpx(
      "<?xml version=\"1.0\" encoding=\"windows-1252\"?><gpx><trk><name>Caf\xE9 \x80</name><trkseg>" + point +
          "</trkseg></trk></gpx>",
      options());
  CHECK(declared.sessions.at(0).meta.note == "Imported from test file (Caf\xC3\xA9 \xE2\x82\xAC)");
  std::string utf16 = "\xFF\xFE";
  for (const char c : good) {
    utf16 += c;
    utf16 += '\0';
  }
  CHECK(gpx_in_chunks(utf16, options(), 1).sessions.at(0).meta.note == "Imported from test file (A)");
  // Text as a DOM gives it: the first run of text that is not blank, or a CDATA section.
  const ActivityFile texts = parse_gpx(
      "<gpx><trk><name>\n  <!-- a comment -->First<b>bold</b>Second</name><type><![CDATA[Hiking]]></type><trkseg>" +
          point + "</trkseg></trk></gpx>",
      options());
  CHECK(texts.sessions.at(0).meta.note == "Imported from test file (First)");
  CHECK(texts.sessions.at(0).type == ActivityType::hike);
}
