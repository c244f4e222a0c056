// Plans against what happened (core/plan.hpp): the matching of a day's plans to its sessions,
// the settling of days that passed, and the sums `week` shows.
#include <doctest/doctest.h>

#include "niggle/core/error.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/plan.hpp"
#include "niggle/core/summary.hpp"
#include "niggle/core/units.hpp"

using namespace niggle;

namespace {

Date day(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

Plan plan(std::int64_t id, Date date, std::optional<double> metres, ActivityType type = ActivityType::run) {
  Plan p;
  p.meta.id = id;
  p.meta.date = date;
  p.metres = metres;
  p.type = type;
  return p;
}

Session session(std::int64_t id, Date date, std::optional<double> metres, ActivityType type = ActivityType::run,
                std::optional<double> planned = std::nullopt) {
  Session s;
  s.meta.id = id;
  s.meta.date = date;
  s.metres = metres;
  s.type = type;
  s.planned_metres = planned;
  return s;
}

constexpr double kMile = 1609.344;

}  // namespace

TEST_CASE("match_day: a plan is carried out by the first session of its type, one session per plan") {
  const Date d = day(2026, 11, 18);
  const std::vector<Plan> plans{plan(2, d, 5000), plan(1, d, 10000)};
  const std::vector<Session> sessions{session(9, d, 3000, ActivityType::walk), session(8, d, 11000), session(12, d, 4000)};
  const auto outcomes = match_day(plans, sessions);
  REQUIRE(outcomes.size() == 2);
  // The first plan made (#1) takes the first run logged (#8); the walk carries out neither.
  CHECK(outcomes[0].plan_id == 1);
  CHECK(outcomes[0].session_id == 8);
  CHECK(outcomes[0].done_metres == 11000);
  CHECK(outcomes[0].state == PlanState::done);
  CHECK(outcomes[1].plan_id == 2);
  CHECK(outcomes[1].session_id == 12);
  CHECK(outcomes[1].done_metres == 4000);
}

TEST_CASE("match_day: a walk is not a planned run; a planned walk is carried out by a walk") {
  const Date d = day(2026, 11, 19);
  const std::vector<Plan> plans{plan(1, d, 6400), plan(2, d, std::nullopt, ActivityType::walk)};
  const std::vector<Session> sessions{session(3, d, 2000, ActivityType::walk)};
  const auto outcomes = match_day(plans, sessions);
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].state == PlanState::pending);
  CHECK_FALSE(outcomes[0].session_id);
  CHECK(outcomes[1].state == PlanState::done);
  CHECK(outcomes[1].session_id == 3);
}

TEST_CASE("match_day: a session's --planned never adds to the plan entry it carried out") {
  const Date d = day(2026, 11, 18);
  SUBCASE("the plan entry's distance counts") {
    const std::vector<Plan> plans{plan(1, d, 16000)};
    const std::vector<Session> sessions{session(2, d, 11000, ActivityType::run, 14000)};
    const auto outcomes = match_day(plans, sessions);
    REQUIRE(outcomes.size() == 1);
    CHECK(*outcomes[0].planned_metres == 16000);
    CHECK(tally(outcomes).planned_metres == 16000);
  }
  SUBCASE("a plan entry without a distance takes the session's --planned") {
    const std::vector<Plan> plans{plan(1, d, std::nullopt)};
    const std::vector<Session> sessions{session(2, d, 11000, ActivityType::run, 14000)};
    const auto outcomes = match_day(plans, sessions);
    REQUIRE(outcomes.size() == 1);
    CHECK(*outcomes[0].planned_metres == 14000);
  }
  SUBCASE("without a plan entry, --planned is a plan made on the day, done") {
    const std::vector<Session> sessions{session(2, d, 4185, ActivityType::run, 16093)};
    const auto outcomes = match_day({}, sessions);
    REQUIRE(outcomes.size() == 1);
    CHECK(outcomes[0].plan_id == 0);
    CHECK(outcomes[0].state == PlanState::done);
    CHECK(outcomes[0].session_id == 2);
    CHECK(*outcomes[0].planned_metres == 16093);
  }
  SUBCASE("a second run's --planned, with one plan entry taken by the first, is a plan of its own") {
    const std::vector<Plan> plans{plan(1, d, 8000)};
    const std::vector<Session> sessions{session(2, d, 8000), session(3, d, 3000, ActivityType::run, 5000)};
    const auto outcomes = match_day(plans, sessions);
    REQUIRE(outcomes.size() == 2);
    CHECK(tally(outcomes).planned_metres == 13000);
    CHECK(tally(outcomes).done_metres == 11000);
  }
}

TEST_CASE("settle: pending plans of days before today are skipped; today's and later stay pending") {
  std::vector<PlanOutcome> outcomes(3);
  outcomes[0].date = day(2026, 11, 23);
  outcomes[1].date = day(2026, 11, 24);
  outcomes[2].date = day(2026, 11, 23);
  outcomes[2].state = PlanState::done;
  settle(outcomes, day(2026, 11, 24));
  CHECK(outcomes[0].state == PlanState::skipped);
  CHECK(outcomes[1].state == PlanState::pending);
  CHECK(outcomes[2].state == PlanState::done);
}

TEST_CASE("tally: the diary's week is 24.7 of 36.1 mi, 68%, with one session skipped") {
  // Tue 4, Wed 10 (2.6 run), Thu 4 (no run: core work), Sat 10, Sun 8.1.
  const Date tue = day(2026, 11, 17), wed = day(2026, 11, 18), thu = day(2026, 11, 19), sat = day(2026, 11, 21),
             sun = day(2026, 11, 22);
  std::vector<PlanOutcome> week;
  const auto add_day = [&](std::vector<Plan> plans, std::vector<Session> sessions) {
    for (PlanOutcome& o : match_day(plans, sessions)) week.push_back(o);
  };
  add_day({plan(1, tue, 4 * kMile)}, {session(6, tue, 4 * kMile)});
  add_day({plan(2, wed, 10 * kMile)}, {session(7, wed, 2.6 * kMile)});
  add_day({plan(3, thu, 4 * kMile)}, {session(8, thu, std::nullopt, ActivityType::strength)});
  add_day({plan(4, sat, 10 * kMile)}, {session(9, sat, 10 * kMile)});
  add_day({plan(5, sun, 8.1 * kMile)}, {session(10, sun, 8.1 * kMile)});
  settle(week, day(2026, 11, 24));
  const PlanTally sum = tally(week);
  CHECK(sum.planned == 5);
  CHECK(sum.done == 4);
  CHECK(sum.skipped == 1);
  CHECK(sum.pending == 0);
  CHECK(metres_to(sum.planned_metres, DistanceUnit::mi) == doctest::Approx(36.1));
  CHECK(metres_to(sum.done_metres, DistanceUnit::mi) == doctest::Approx(24.7));
  CHECK(metres_to(sum.skipped_metres, DistanceUnit::mi) == doctest::Approx(4.0));
  REQUIRE(sum.percent());
  CHECK(*sum.percent() == doctest::Approx(68.42).epsilon(0.001));
  // Before the settling, on the Thursday itself, it was pending, not skipped.
  std::vector<PlanOutcome> thursday = match_day(std::vector<Plan>{plan(3, thu, 4 * kMile)}, {});
  settle(thursday, thu);
  CHECK(tally(thursday).pending == 1);
  CHECK(tally(thursday).skipped == 0);
}

TEST_CASE("tally: no plan with a distance has no percentage; done beyond the plan goes past 100") {
  std::vector<PlanOutcome> none(1);
  none[0].state = PlanState::skipped;
  CHECK_FALSE(tally(none).percent());
  const Date d = day(2026, 11, 18);
  const auto over = match_day(std::vector<Plan>{plan(1, d, 10000)}, std::vector<Session>{session(2, d, 12000)});
  CHECK(*tally(over).percent() == doctest::Approx(120));
}

TEST_CASE("summarize_weeks: a week's plans include later days' as pending, and past days' skipped") {
  const Date monday = day(2026, 11, 23), today = day(2026, 11, 25);
  std::vector<DayTotals> days(14);
  for (std::size_t i = 0; i < days.size(); ++i) days[i].date = monday.minus_days(7).plus_days(static_cast<std::int64_t>(i));
  const auto with_plan = [&](std::size_t index, std::int64_t id, double metres, std::optional<double> done) {
    DayTotals& d = days[7 + index];
    std::vector<Session> sessions;
    if (done) sessions.push_back(session(100 + id, d.date, *done));
    d.plans = match_day(std::vector<Plan>{plan(id, d.date, metres)}, sessions);
    d.planned_sessions = 1;
    d.planned_metres = metres;
    d.planned_done_metres = done.value_or(0);
  };
  with_plan(0, 1, 8000, 8000);          // Monday: done
  with_plan(1, 2, 6000, std::nullopt);  // Tuesday: skipped (today is Wednesday)
  with_plan(2, 3, 5000, std::nullopt);  // Wednesday: today, to come
  with_plan(5, 4, 16000, 1000);         // Saturday: a session logged ahead does not count as done
  const auto weeks = summarize_weeks(days, monday, 1, today, 1);
  REQUIRE(weeks.size() == 1);
  const PlanTally& sum = weeks[0].plan;
  CHECK(sum.planned == 4);
  CHECK(sum.done == 1);
  CHECK(sum.skipped == 1);
  CHECK(sum.pending == 2);
  CHECK(sum.planned_metres == 35000);
  CHECK(sum.done_metres == 8000);
}

TEST_CASE("make_plan: a day past or future, an optional distance and duration, a kind; bad values refused") {
  const Date today = day(2026, 11, 24);
  PlanInput input;
  input.day = "saturday";
  input.quantities = {"16k"};
  input.kind = "long";
  Plan p = make_plan(input, DistanceUnit::km, ActivityType::run, today);
  CHECK(p.meta.date == day(2026, 11, 28));  // the next Saturday, not the last
  CHECK(p.metres == 16000);
  CHECK(p.intensity == Intensity::long_run);
  input.day = "2027-03-14";
  input.quantities = {"50k", "5:30:00"};
  input.kind = "race";
  p = make_plan(input, DistanceUnit::km, ActivityType::run, today);
  CHECK(p.meta.date == day(2027, 3, 14));
  CHECK(p.seconds == 5 * 3600 + 30 * 60);
  input.day = "tuesday";
  CHECK(make_plan(input, DistanceUnit::km, ActivityType::run, today).meta.date == today);
  input.day = "yesterday";
  input.quantities = {};
  input.kind.reset();
  CHECK(make_plan(input, DistanceUnit::km, ActivityType::run, today).meta.date == day(2026, 11, 23));
  input.day = "someday";
  CHECK_THROWS_AS(make_plan(input, DistanceUnit::km, ActivityType::run, today), ValueError);
  input.day = "monday";
  input.quantities = {"10q"};
  CHECK_THROWS_AS(make_plan(input, DistanceUnit::km, ActivityType::run, today), ValueError);
  input.quantities = {"10k", "5k"};
  CHECK_THROWS_AS(make_plan(input, DistanceUnit::km, ActivityType::run, today), ValueError);
  input.quantities = {"10k"};
  input.kind = "sprint";
  CHECK_THROWS_AS(make_plan(input, DistanceUnit::km, ActivityType::run, today), ValueError);
  input.kind.reset();
  input.type = "strength";
  CHECK_THROWS_AS(make_plan(input, DistanceUnit::km, ActivityType::run, today), ValueError);
  input.day = "";
  CHECK_THROWS_AS(make_plan(input, DistanceUnit::km, ActivityType::run, today), UsageError);
}
