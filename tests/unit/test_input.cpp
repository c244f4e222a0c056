#include <doctest/doctest.h>

#include "niggle/core/error.hpp"
#include "niggle/core/input.hpp"

using namespace niggle;

namespace {
const Date kToday = *Date::from_ymd(2026, 11, 24);
Session log(std::vector<std::string> quantities, SessionInput input = {}) {
  input.quantities = std::move(quantities);
  return make_session(input, DistanceUnit::km, ActivityType::run, kToday);
}
}  // namespace

TEST_CASE("make_session") {
  SUBCASE("a distance and a duration, in either order") {
    const Session a = log({"5k", "27:30"});
    CHECK(a.type == ActivityType::run);
    CHECK(*a.metres == doctest::Approx(5000));
    CHECK(*a.seconds == 1650);
    CHECK(a.meta.date == kToday);
    const Session b = log({"27:30", "5k"});
    CHECK(*b.metres == doctest::Approx(5000));
    CHECK(*b.seconds == 1650);
  }
  SUBCASE("number and unit as separate words") {
    const Session s = log({"5", "km", "30", "min"});
    CHECK(*s.metres == doctest::Approx(5000));
    CHECK(*s.seconds == 1800);
  }
  SUBCASE("two distances: an error that suggests minutes") {
    CHECK_THROWS_WITH(log({"5k", "45m"}), doctest::Contains("45min"));
    CHECK_THROWS_WITH(log({"5k", "10k"}), doctest::Contains("both distances"));
    CHECK_THROWS_WITH(log({"30:00", "45min"}), doctest::Contains("second duration"));
  }
  SUBCASE("too many values is a usage error") { CHECK_THROWS_AS(log({"5k", "30:00", "7"}), UsageError); }
  SUBCASE("a run needs a distance or a duration") { CHECK_THROWS_AS(log({}), UsageError); }
  SUBCASE("strength: a duration, never a distance") {
    SessionInput input;
    input.type = "strength";
    const Session s = log({"40min"}, input);
    CHECK(s.type == ActivityType::strength);
    CHECK_FALSE(s.metres);
    CHECK(log({}, input).type == ActivityType::strength);  // "core and stretching", no figures
    CHECK_THROWS_WITH(log({"5k"}, input), doctest::Contains("no distance"));
  }
  SUBCASE("options") {
    SessionInput input;
    input.type = "walk";
    input.kind = "long";
    input.rpe = "4";
    input.date = "yesterday";
    input.note = "hot; lots of walking";
    input.planned = "10mi";
    input.tags = {"ultra", "b", "ultra"};
    const Session s = log({"2.6mi"}, input);
    CHECK(s.type == ActivityType::walk);
    CHECK(s.intensity == Intensity::long_run);
    CHECK(s.rpe == 4);
    CHECK(s.meta.date == kToday.minus_days(1));
    CHECK(s.meta.note == "hot; lots of walking");
    CHECK(*s.planned_metres == doctest::Approx(16093.44));
    CHECK(s.meta.tags == std::vector<std::string>{"b", "ultra"});
  }
  SUBCASE("bad values") {
    SessionInput input;
    input.rpe = "11";
    CHECK_THROWS_WITH(log({"5k"}, input), doctest::Contains("RPE '11' is out of range"));
    input = {};
    input.date = "2026-12-01";
    CHECK_THROWS_WITH(log({"5k"}, input), doctest::Contains("in the future"));
    input = {};
    input.type = "jog";
    CHECK_THROWS_WITH(log({"5k"}, input), doctest::Contains("unknown --type 'jog'"));
    input = {};
    input.kind = "interval";
    CHECK_THROWS_WITH(log({"5k"}, input), doctest::Contains("did you mean 'intervals'"));
  }
  SUBCASE("the configured unit applies to bare numbers") {
    SessionInput input;
    input.quantities = {"4"};
    CHECK(*make_session(input, DistanceUnit::mi, ActivityType::run, kToday).metres == doctest::Approx(6437.376));
  }
  SUBCASE("the configured default type") {
    SessionInput input;
    input.quantities = {"3k"};
    CHECK(make_session(input, DistanceUnit::km, ActivityType::walk, kToday).type == ActivityType::walk);
  }
}

TEST_CASE("parse_pain_score") {
  CHECK(parse_pain_score("0") == 0);
  CHECK(parse_pain_score("10") == 10);
  CHECK(parse_pain_score(" 7 ") == 7);
  CHECK(parse_pain_score("6/10") == 6);
  CHECK_THROWS_WITH(parse_pain_score("11"), doctest::Contains("out of range"));
  CHECK_THROWS_WITH(parse_pain_score("-1"), doctest::Contains("out of range"));
  CHECK_THROWS_WITH(parse_pain_score("abc"), doctest::Contains("not a number"));
  CHECK_THROWS_WITH(parse_pain_score("7.5"), doctest::Contains("not a whole number"));
  CHECK_THROWS_AS(parse_pain_score(""), ValueError);
  CHECK_THROWS_AS(parse_pain_score("99999999999999999999"), ValueError);
}

TEST_CASE("parse_note") {
  CHECK(parse_note("ran with Sam") == "ran with Sam");
  CHECK(parse_note("line one\nline two\ttab") == "line one\nline two\ttab");
  CHECK_FALSE(parse_note(""));
  CHECK_FALSE(parse_note("   "));
  CHECK(parse_note("it's \"fine\"'); DROP TABLE entry; --") == "it's \"fine\"'); DROP TABLE entry; --");
  CHECK_THROWS_WITH(parse_note("bad \xff byte"), doctest::Contains("not valid UTF-8"));
  CHECK_THROWS_WITH(parse_note("esc \x1b[31m"), doctest::Contains("control character"));
  CHECK(parse_note(std::string(kMaxNoteBytes, 'a')));
  CHECK_THROWS_WITH(parse_note(std::string(1024 * 1024, 'a')), doctest::Contains("64 KiB"));
}

TEST_CASE("parse_tag") {
  CHECK(parse_tag("race-prep") == "race-prep");
  CHECK(parse_tag("trail🏔") == "trail🏔");
  CHECK_THROWS_AS(parse_tag(""), ValueError);
  CHECK_THROWS_AS(parse_tag("two words"), ValueError);
  CHECK_THROWS_AS(parse_tag(std::string(65, 'x')), ValueError);
}

TEST_CASE("make_pain: several locations, sorted and unique; an unknown one named") {
  PainInput input;
  input.score = "5";
  input.where = {"hip", " lower-back", "hip", "knee"};
  const PainEntry pain = make_pain(input, kToday);
  CHECK(pain.where == std::vector{Location::lower_back, Location::hip, Location::knee});
  input.where = {"hip", "elbow"};
  CHECK_THROWS_WITH_AS(make_pain(input, kToday), doctest::Contains("unknown --where 'elbow'"), ValueError);
  input.where = {};
  CHECK(make_pain(input, kToday).where.empty());
}

TEST_CASE("make_pain") {
  PainInput input;
  input.score = "6";
  input.where = {"lower-back"};
  input.side = "left";
  input.walking = "worse";
  input.when = "morning";
  input.symptoms = {"tingling", "numbness", "tingling"};
  const PainEntry pain = make_pain(input, kToday);
  CHECK(pain.score == 6);
  CHECK(pain.where == std::vector{Location::lower_back});
  CHECK(pain.side == Side::left);
  CHECK(pain.walking == Walking::worse);
  CHECK(pain.when == Timing::morning);
  CHECK(pain.symptoms == std::vector<Symptom>{Symptom::numbness, Symptom::tingling});
  CHECK(has_nerve_symptom(pain));
  CHECK_FALSE(has_red_flag(pain));

  input.symptoms = {"numbnes"};
  CHECK_THROWS_WITH(make_pain(input, kToday), doctest::Contains("did you mean 'numbness'"));
  input.symptoms = {};
  input.walking = "worser";
  CHECK_THROWS_AS(make_pain(input, kToday), ValueError);
}

TEST_CASE("symptom classes (ADVICE-RULES.md P1, P2, P8)") {
  PainEntry pain;
  pain.symptoms = {Symptom::bladder};
  CHECK(has_red_flag(pain));
  pain.symptoms = {Symptom::saddle_numbness};
  CHECK(has_red_flag(pain));
  pain.symptoms = {Symptom::cough_worse};  // a nerve-root sign, not an emergency
  CHECK_FALSE(has_red_flag(pain));
  CHECK(has_nerve_symptom(pain));
  pain.symptoms = {Symptom::weakness};
  CHECK_FALSE(has_red_flag(pain));
  CHECK(has_nerve_symptom(pain));
  pain.side = Side::both;  // weakness in both legs
  CHECK(has_red_flag(pain));
  CHECK_FALSE(has_nerve_symptom(pain));
  pain.side.reset();
  pain.symptoms = {Symptom::fever};
  CHECK(has_serious_cause_flag(pain));
  CHECK_FALSE(has_red_flag(pain));
}

TEST_CASE("edit_session and edit_pain") {
  const Date today = *Date::from_ymd(2026, 11, 24);
  SessionInput typed;
  typed.quantities = {"10k", "55:00"};
  typed.kind = "long";
  typed.rpe = "6";
  typed.planned = "12k";
  typed.tags = {"trail"};
  Session entry = make_session(typed, DistanceUnit::km, ActivityType::run, today);
  entry.meta.id = 7;
  entry.meta.uuid = "6f1c2a8e-1111-4222-8333-444455556666";

  SUBCASE("a duration replaces the duration and keeps the distance") {
    SessionInput changes;
    changes.quantities = {"50:00"};
    const Session edited = edit_session(entry, changes, DistanceUnit::km, today);
    CHECK(*edited.metres == 10000);
    CHECK(*edited.seconds == 3000);
    CHECK(edited.intensity == Intensity::long_run);
    CHECK(edited.meta.id == 7);
    CHECK(edited.meta.uuid == entry.meta.uuid);
  }
  SUBCASE("a distance in the display unit replaces the distance") {
    SessionInput changes;
    changes.quantities = {"5"};
    CHECK(*edit_session(entry, changes, DistanceUnit::mi, today).metres == doctest::Approx(8046.72));
  }
  SUBCASE("empty values clear optional fields") {
    SessionInput changes;
    changes.kind = "";
    changes.rpe = "";
    changes.tags = {""};
    const Session edited = edit_session(entry, changes, DistanceUnit::km, today);
    CHECK_FALSE(edited.intensity);
    CHECK_FALSE(edited.rpe);
    CHECK(edited.meta.tags.empty());
    CHECK(*edited.planned_metres == 12000);
  }
  SUBCASE("the rules of log apply") {
    SessionInput changes;
    changes.rpe = "11";
    CHECK_THROWS_WITH_AS(edit_session(entry, changes, DistanceUnit::km, today), doctest::Contains("RPE '11'"), ValueError);
    changes = {};
    changes.date = "tomorrow";
    CHECK_THROWS_WITH_AS(edit_session(entry, changes, DistanceUnit::km, today), doctest::Contains("future"), ValueError);
    changes = {};
    changes.quantities = {"5k", "6k"};
    CHECK_THROWS_AS(edit_session(entry, changes, DistanceUnit::km, today), ValueError);
  }
  SUBCASE("a type without distance drops the distance") {
    SessionInput changes;
    changes.type = "strength";
    const Session edited = edit_session(entry, changes, DistanceUnit::km, today);
    CHECK(edited.type == ActivityType::strength);
    CHECK_FALSE(edited.metres);
    CHECK_FALSE(edited.planned_metres);
    CHECK(*edited.seconds == 3300);
  }
  SUBCASE("pain") {
    PainInput typed_pain;
    typed_pain.score = "5";
    typed_pain.where = {"knee"};
    typed_pain.symptoms = {"tingling"};
    const PainEntry pain = make_pain(typed_pain, today);
    PainInput changes;
    changes.walking = "worse";
    const PainEntry edited = edit_pain(pain, changes, today);
    CHECK(edited.score == 5);
    CHECK(edited.where == std::vector{Location::knee});
    CHECK(edited.walking == Walking::worse);
    CHECK(edited.symptoms == std::vector<Symptom>{Symptom::tingling});
    changes = {};
    changes.score = "2";
    changes.symptoms = {""};
    changes.where = {""};
    const PainEntry cleared = edit_pain(pain, changes, today);
    CHECK(cleared.score == 2);
    CHECK(cleared.symptoms.empty());
    CHECK(cleared.where.empty());
    // --where repeated replaces the list, sorted and unique.
    changes = {};
    changes.where = {"hip", "lower-back", "hip"};
    CHECK(edit_pain(pain, changes, today).where == std::vector{Location::lower_back, Location::hip});
    changes = {};
    changes.score = "12";
    CHECK_THROWS_AS(edit_pain(pain, changes, today), ValueError);
  }
}

TEST_CASE("check_plausible: what a person can run, walk and ride") {
  const LogLimits limits;
  const auto session = [](ActivityType type, double metres, std::int64_t seconds) {
    Session s;
    s.type = type;
    s.metres = metres;
    s.seconds = seconds;
    return s;
  };
  const std::vector<std::string> none;
  SUBCASE("runs: 2:30 /km and 30:00 /km are the edges, both allowed") {
    CHECK_NOTHROW(check_plausible(session(ActivityType::run, 10000, 1500), limits, none, DistanceUnit::km));
    CHECK_THROWS_WITH_AS(check_plausible(session(ActivityType::run, 10000, 1499), limits, none, DistanceUnit::km),
                         doctest::Contains("faster than a run can be (2:30 /km)"), ValueError);
    CHECK_NOTHROW(check_plausible(session(ActivityType::run, 2000, 3600), limits, none, DistanceUnit::km));
    CHECK_THROWS_WITH_AS(check_plausible(session(ActivityType::run, 2000, 3601), limits, none, DistanceUnit::km),
                         doctest::Contains("slower than a run (30:00 /km)"), ValueError);
  }
  SUBCASE("the likely reading of M:SS typed for H:MM") {
    const std::vector<std::string> typed = {"5mi", "1:05"};
    CHECK_THROWS_WITH(check_plausible(session(ActivityType::run, 8046.72, 65), limits, typed, DistanceUnit::mi),
                      "5.00 mi in 1:05 is 0:08 /km, faster than a run can be (2:30 /km); 1:05 was read as 1 min 05 s; "
                      "for 1 h 05 min write 1:05:00 or 1h05; --force logs it as typed");
    // No reading that fits: only the refusal.
    const std::vector<std::string> far = {"500k", "20:00"};
    CHECK_THROWS_WITH(check_plausible(session(ActivityType::run, 500000, 1200), limits, far, DistanceUnit::km),
                      "500.00 km in 20:00 is 0:02 /km, faster than a run can be (2:30 /km); --force logs it as typed");
    // "800k" typed for 800 metres.
    const std::vector<std::string> metres = {"800k", "3:00"};
    CHECK_THROWS_WITH(check_plausible(session(ActivityType::run, 800000, 180), limits, metres, DistanceUnit::km),
                      doctest::Contains("800k was read as 800 km; for 800 metres write 800m"));
    // A small number of km is never read as metres.
    const std::vector<std::string> small = {"2k", "4:00"};
    try {
      check_plausible(session(ActivityType::walk, 2000, 240), limits, small, DistanceUnit::km);
      FAIL("accepted");
    } catch (const ValueError& e) {
      CHECK(std::string_view(e.what()).find("metres") == std::string_view::npos);
      CHECK(std::string_view(e.what()).find("faster than a walk can be (5:00 /km)") != std::string_view::npos);
    }
  }
  SUBCASE("walks, hikes and rides") {
    CHECK_NOTHROW(check_plausible(session(ActivityType::walk, 4000, 1200), limits, none, DistanceUnit::km));
    CHECK_THROWS_AS(check_plausible(session(ActivityType::hike, 4000, 1199), limits, none, DistanceUnit::km), ValueError);
    CHECK_NOTHROW(check_plausible(session(ActivityType::walk, 1000, 36000), limits, none, DistanceUnit::km));  // slow is fine
    CHECK_NOTHROW(check_plausible(session(ActivityType::bike, 80000, 3600), limits, none, DistanceUnit::km));
    CHECK_THROWS_WITH(check_plausible(session(ActivityType::bike, 81000, 3600), limits, none, DistanceUnit::km),
                      doctest::Contains("81.0 km/h, faster than a ride can be (80 km/h)"));
    CHECK_NOTHROW(check_plausible(session(ActivityType::swim, 1000, 60), limits, none, DistanceUnit::km));
  }
  SUBCASE("the limits are settings") {
    LogLimits strict;
    strict.fastest_run_pace = 3.0;
    CHECK_THROWS_AS(check_plausible(session(ActivityType::run, 10000, 1790), strict, none, DistanceUnit::km), ValueError);
    CHECK_NOTHROW(check_plausible(session(ActivityType::run, 10000, 1800), strict, none, DistanceUnit::km));
  }
  SUBCASE("a session without both a distance and a duration is never refused") {
    Session s;
    s.metres = 100000;
    CHECK_NOTHROW(check_plausible(s, limits, none, DistanceUnit::km));
  }
}

TEST_CASE("likely_duplicate: same day, same type, within 3%") {
  const auto make = [](std::int64_t id, int day, ActivityType type, std::optional<double> metres,
                       std::optional<std::int64_t> seconds = std::nullopt) {
    Session s;
    s.meta.id = id;
    s.meta.date = *Date::from_ymd(2026, 11, day);
    s.type = type;
    s.metres = metres;
    s.seconds = seconds;
    return s;
  };
  const Session fresh = make(9, 24, ActivityType::run, 10000);
  CHECK(likely_duplicate(fresh, {fresh}) == nullptr);  // not its own duplicate
  const std::vector<Session> others = {make(3, 24, ActivityType::run, 10300), make(2, 24, ActivityType::run, 9700),
                                       make(1, 23, ActivityType::run, 10000), make(4, 24, ActivityType::walk, 10000),
                                       make(5, 24, ActivityType::run, 10400)};
  const Session* found = likely_duplicate(fresh, others);
  REQUIRE(found);
  CHECK(found->meta.id == 2);  // the oldest of the two within 3%
  CHECK(likely_duplicate(fresh, {make(5, 24, ActivityType::run, 10310)}) == nullptr);
  // Without distances, the durations.
  const Session strength = make(9, 24, ActivityType::strength, std::nullopt, 2400);
  CHECK(likely_duplicate(strength, {make(1, 24, ActivityType::strength, std::nullopt, 2460)}) != nullptr);
  CHECK(likely_duplicate(strength, {make(1, 24, ActivityType::strength, std::nullopt, 2500)}) == nullptr);
  CHECK(likely_duplicate(strength, {make(1, 24, ActivityType::strength, 3000, 2400)}) == nullptr);
}

TEST_CASE("parse_lift: EXERCISE:SETSxREPS[@LOAD]") {
  const Lift lift = parse_lift(" Deadlift:3x5@60kg ");
  CHECK(lift.exercise == "deadlift");
  CHECK(lift.sets == 3);
  CHECK(lift.reps == 5);
  CHECK(lift.load == 60.0);
  CHECK(lift.load_unit == "kg");
  CHECK(load_kg(lift) == 60.0);
  const Lift pounds = parse_lift("trap-bar-deadlift:5X3@225LB");
  CHECK(pounds.load_unit == "lb");
  CHECK(load_kg(pounds) == doctest::Approx(102.0582));
  CHECK(lift_text(pounds) == "trap-bar-deadlift:5x3@225lb");
  CHECK(lift_text(parse_lift("row:4x8@22.5kg")) == "row:4x8@22.5kg");
  CHECK_FALSE(parse_lift("plank:3x1").load);
  // At the edges of each range: 1 and 100 sets, 1 and 1000 reps, 1000 kg.
  CHECK(parse_lift("a:1x1").sets == 1);
  CHECK(parse_lift("a:100x1000").reps == 1000);
  CHECK(parse_lift("a:1x1@1000kg").load == 1000.0);
  for (const char* bad : {"deadlift", "deadlift:", ":3x5", "dead lift:3x5", "dead_lift:3x5", "deadlift:3", "deadlift:x5",
                          "deadlift:0x5", "deadlift:101x5", "deadlift:3x0", "deadlift:3x1001", "deadlift:3x5@",
                          "deadlift:3x5@60", "deadlift:3x5@60st", "deadlift:3x5@0kg", "deadlift:3x5@-1kg",
                          "deadlift:3x5@1000.1kg", "deadlift:3x5@2205lb", "deadlift:3.5x5"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parse_lift(bad), doctest::Contains("deadlift:3x5@60kg"), ValueError);
  }
  CHECK_THROWS_WITH_AS(parse_lift(std::string(41, 'a') + ":1x1"), doctest::Contains("longer than 40"), ValueError);
}

TEST_CASE("parse_sleep_hours") {
  CHECK(parse_sleep_hours("7") == 7.0);
  CHECK(parse_sleep_hours("6.5") == 6.5);
  CHECK(parse_sleep_hours("6:30") == 6.5);
  CHECK(parse_sleep_hours("7h") == 7.0);
  CHECK(parse_sleep_hours("0") == 0.0);
  CHECK(parse_sleep_hours("24") == 24.0);
  for (const char* bad : {"", "-1", "24.5", "25", "abc", "6:75", "6:3", "7 hours", "1e1"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parse_sleep_hours(bad), doctest::Contains("0 to 24"), ValueError);
  }
}
