#include <doctest/doctest.h>

#include "niggle/core/load.hpp"

using namespace niggle;

namespace {
const Date kMonday = *Date::from_ymd(2026, 11, 2);
Session session(Date day, double metres, ActivityType type = ActivityType::run,
                std::optional<Intensity> intensity = std::nullopt) {
  Session s;
  s.meta.date = day;
  s.metres = metres;
  s.type = type;
  s.intensity = intensity;
  return s;
}
}  // namespace

TEST_CASE("counts_as_run") {
  CHECK(counts_as_run(session(kMonday, 5000)));
  CHECK_FALSE(counts_as_run(session(kMonday, 5000, ActivityType::walk)));
  // v2: a run logged by time only is a run (it was not in v1), adding no distance.
  Session no_distance = session(kMonday, 1);
  no_distance.metres.reset();
  no_distance.seconds = 2700;
  CHECK(counts_as_run(no_distance));
  CHECK(run_distance(no_distance) == 0);
  const auto loads = weekly_loads(std::vector<Session>{no_distance}, kMonday, 1);
  CHECK(loads[0].runs == 1);
  CHECK(loads[0].runs_without_distance == 1);
  CHECK(loads[0].rest_days == 6);
}

TEST_CASE("weekly_loads") {
  const std::vector<Session> sessions = {
      session(kMonday.minus_days(1), 9000),                        // the week before: ignored
      session(kMonday, 5000),                                      // week 0
      session(kMonday, 3000, ActivityType::run, Intensity::tempo),  // same day: one day without rest
      session(kMonday.plus_days(2), 8000, ActivityType::walk),     // a walk: no load, no run day
      session(kMonday.plus_days(6), 12000, ActivityType::run, Intensity::long_run),
      session(kMonday.plus_days(7), 4000, ActivityType::run, Intensity::intervals),  // week 1
      session(kMonday.plus_days(14), 4000),                                          // past the range
  };
  const auto weeks = weekly_loads(sessions, kMonday, 2);
  REQUIRE(weeks.size() == 2);
  CHECK(weeks[0].start == kMonday);
  CHECK(weeks[0].run_metres == 20000);
  CHECK(weeks[0].runs == 3);
  CHECK(weeks[0].longest_run_metres == 12000);
  CHECK(weeks[0].hard_runs == 1);
  CHECK(weeks[0].rest_days == 5);
  CHECK(weeks[1].start == kMonday.plus_days(7));
  CHECK(weeks[1].run_metres == 4000);
  CHECK(weeks[1].hard_runs == 1);
  CHECK(weeks[1].rest_days == 6);
}

TEST_CASE("baseline_of") {
  std::vector<WeekLoad> weeks(4);
  weeks[0].run_metres = 20000;
  weeks[1].run_metres = 0;
  weeks[2].run_metres = 30000;
  weeks[2].hard_runs = 2;
  weeks[3].run_metres = 30000;
  const Baseline b = baseline_of(weeks);
  CHECK(b.weeks == 4);
  CHECK(b.weeks_with_running == 3);
  CHECK(b.mean_run_metres == doctest::Approx(20000));
  CHECK(b.mean_hard_runs == doctest::Approx(0.5));
  CHECK(baseline_of({}).weeks == 0);
}

TEST_CASE("percent_change") {
  CHECK(*percent_change(13000, 10000) == doctest::Approx(30.0));
  CHECK(*percent_change(5000, 10000) == doctest::Approx(-50.0));
  CHECK_FALSE(percent_change(5000, 0));
}
