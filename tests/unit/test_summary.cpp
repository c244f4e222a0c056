// Weekly summaries on real journal files: the SQL day totals, and the weeks built from them,
// checked against the shared load code (weekly_loads, baseline_of) that `advise` uses.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "niggle/store/day_totals.hpp"
#include "niggle/core/error.hpp"
#include "niggle/store/journal.hpp"
#include "niggle/core/summary.hpp"
#include "niggle/core/units.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::TempDir;

namespace {

Date day(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

Session make(Date date, std::optional<double> metres, ActivityType type = ActivityType::run,
             std::optional<Intensity> intensity = std::nullopt, std::optional<std::int64_t> seconds = std::nullopt) {
  Session s;
  s.meta.date = date;
  s.type = type;
  s.metres = metres;
  s.intensity = intensity;
  s.seconds = seconds;
  return s;
}

PainEntry pain(Date date, int score, std::optional<Location> where = std::nullopt) {
  PainEntry p;
  p.meta.date = date;
  p.score = score;
  if (where) p.where = {*where};
  return p;
}

double miles(double n) { return round_to_millimetre(n * kMetresPerMile); }

struct TestJournal {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
};

// The runner's blog's "Training recap" week ("Ultra Training Diary: Running with Back Pain"), logged as it is written, in the week of
// Mon 2026-11-16: core and stretching on Monday and Thursday, runs on Tue, Wed, Sat and Sun.
void log_seed_week(Journal& journal) {
  const Date monday = day(2026, 11, 16);
  journal.add(make(monday, std::nullopt, ActivityType::strength));
  journal.add(make(monday.plus_days(1), miles(4)));
  Session wednesday = make(monday.plus_days(2), miles(2.6));
  wednesday.planned_metres = miles(10);
  journal.add(wednesday);
  journal.add(make(monday.plus_days(3), std::nullopt, ActivityType::strength));
  journal.add(make(monday.plus_days(5), miles(10)));
  journal.add(make(monday.plus_days(6), miles(8.1)));
}

}  // namespace

TEST_CASE("day_totals") {
  TestJournal t;
  const Date monday = day(2026, 11, 2);
  t.journal.add(make(monday, 5000, ActivityType::run, Intensity::tempo, 1500));
  t.journal.add(make(monday, 3000, ActivityType::run, std::nullopt, 1000));
  t.journal.add(make(monday, 4000, ActivityType::walk, std::nullopt, 2400));
  t.journal.add(make(monday, std::nullopt, ActivityType::run, std::nullopt, 1800));  // a run without a distance
  t.journal.add(make(monday.plus_days(1), std::nullopt, ActivityType::strength, std::nullopt, 1200));
  Session planned = make(monday.plus_days(2), 4184, ActivityType::run);
  planned.planned_metres = 16093;
  t.journal.add(planned);
  t.journal.add(pain(monday, 3, Location::hip));
  t.journal.add(pain(monday, 5, Location::knee));
  t.journal.add(pain(monday, 5, Location::lower_back));  // ties with the knee: the later entry wins
  t.journal.add(pain(monday, 1));
  t.journal.add(pain(monday.plus_days(2), 0));
  t.journal.add(pain(monday.plus_days(9), 7));  // outside the range

  const auto days = day_totals(t.journal, monday, monday.plus_days(6));
  REQUIRE(days.size() == 7);
  CHECK(days[0].date == monday);
  CHECK(days[6].date == monday.plus_days(6));

  SUBCASE("sessions by type, and running as counts_as_run counts it") {
    const DayTotals& d = days[0];
    CHECK(d.runs == 3);  // v2: the run without a distance is a run (v1 left it out)
    CHECK(d.runs_without_distance == 1);
    CHECK(d.run_metres == doctest::Approx(8000));
    CHECK(d.longest_run_metres == doctest::Approx(5000));
    CHECK(d.hard_runs == 1);
    CHECK(d.sessions() == 4);
    const TypeTotals& run = d.by_type[static_cast<std::size_t>(ActivityType::run)];
    CHECK(run.sessions == 3);
    CHECK(run.seconds == 4300);
    CHECK(run.timed == 3);
    const TypeTotals& walk = d.by_type[static_cast<std::size_t>(ActivityType::walk)];
    CHECK(walk.sessions == 1);
    CHECK(walk.metres == doctest::Approx(4000));
    CHECK_FALSE(d.rest_day());
  }
  SUBCASE("a strength session does not break a rest day") {
    CHECK(days[1].rest_day());
    CHECK(days[1].sessions() == 1);
    CHECK(days[1].by_type[static_cast<std::size_t>(ActivityType::strength)].seconds == 1200);
  }
  SUBCASE("planned against done") {
    CHECK(days[2].planned_sessions == 1);
    CHECK(days[2].planned_metres == doctest::Approx(16093));
    CHECK(days[2].planned_done_metres == doctest::Approx(4184));
    CHECK(days[0].planned_sessions == 0);
  }
  SUBCASE("pain: the highest, its location, and not recorded is not 0") {
    CHECK(days[0].pain_max == 5);
    CHECK(days[0].pain_location == std::vector{Location::lower_back});
    CHECK(days[0].pain_entries == 4);
    CHECK(days[2].pain_max == 0);
    CHECK(days[2].pain_location.empty());
    CHECK_FALSE(days[1].pain_max);
    CHECK(days[1].pain_entries == 0);
  }
  SUBCASE("an empty range and a missing journal") {
    CHECK(day_totals(t.journal, monday, monday.minus_days(1)).empty());
    const Journal missing = Journal::open(t.dir / "missing.db", Journal::Access::read);
    const auto none = day_totals(missing, monday, monday.plus_days(6));
    REQUIRE(none.size() == 7);
    CHECK(std::all_of(none.begin(), none.end(), [](const DayTotals& d) { return d.rest_day() && !d.pain_max; }));
  }
}

TEST_CASE("day_totals_query_plan searches the (kind, day) index") {
  TestJournal t;
  const auto plan = day_totals_query_plan(t.journal);
  const auto searches_index = [](const std::string& line) {
    return line.find("SEARCH") != std::string::npos && line.find("entry_by_kind_day (kind=? AND day>? AND day<?)") != std::string::npos;
  };
  CHECK(std::count_if(plan.begin(), plan.end(), searches_index) == 2);  // sessions and pain
  for (const std::string& line : plan) {
    INFO(line);
    CHECK(line.find("SCAN e") == std::string::npos);  // never the whole entry table
  }
}

TEST_CASE("week_label and week_from_label") {
  SUBCASE("Monday weeks are ISO weeks") {
    CHECK(week_label(day(2026, 11, 16)) == "2026-W47");
    CHECK(week_from_label("2026-W47", Weekday::monday) == day(2026, 11, 16));
  }
  SUBCASE("Sunday weeks take the ISO week of the Monday inside them") {
    CHECK(week_label(day(2026, 11, 22)) == "2026-W48");  // Sun 22 to Sat 28 holds Mon 23
    CHECK(week_from_label("2026-W48", Weekday::sunday) == day(2026, 11, 22));
    CHECK(week_from_label("2026-W47", Weekday::sunday) == day(2026, 11, 15));
  }
  SUBCASE("the year boundary: 2026 has a week 53") {
    CHECK(week_from_label("2026-W53", Weekday::monday) == day(2026, 12, 28));
    CHECK(week_label(day(2026, 12, 28)) == "2026-W53");
    CHECK(week_label(day(2027, 1, 4)) == "2027-W01");
    CHECK(week_from_label("2026-W53", Weekday::sunday) == day(2026, 12, 27));
    CHECK(week_label(day(2027, 1, 3)) == "2027-W01");  // Sun 3 Jan to Sat 9 Jan holds Mon 4 Jan
    CHECK_THROWS_AS(week_from_label("2027-W53", Weekday::monday), ValueError);
  }
  SUBCASE("a week holding a leap day") {
    const Date start = week_start(day(2028, 2, 29), Weekday::monday);
    CHECK(start == day(2028, 2, 28));
    CHECK(week_label(start) == "2028-W09");
    CHECK(start.plus_days(6) == day(2028, 3, 5));
  }
  SUBCASE("every label round-trips, whichever day weeks start on") {
    for (Weekday first : {Weekday::monday, Weekday::sunday}) {
      for (Date d = day(2024, 12, 1); d < day(2029, 2, 1); d = d.plus_days(1)) {
        const Date start = week_start(d, first);
        REQUIRE(week_from_label(week_label(start), first) == start);
      }
    }
  }
}

TEST_CASE("summarize_journal: the runner's blog's week") {
  TestJournal t;
  log_seed_week(t.journal);
  const auto weeks = summarize_journal(t.journal, day(2026, 11, 16), 1, day(2026, 11, 24), 4);
  REQUIRE(weeks.size() == 1);
  const WeekSummary& w = weeks[0];
  CHECK(w.label == "2026-W47");
  CHECK(w.start == day(2026, 11, 16));
  CHECK(w.end == day(2026, 11, 22));
  CHECK(w.complete());
  CHECK(metres_to(w.load.run_metres, DistanceUnit::mi) == doctest::Approx(24.7));
  CHECK(format_distance(w.load.run_metres, DistanceUnit::mi) == "24.70 mi");
  CHECK(format_distance(w.load.run_metres, DistanceUnit::km) == "39.75 km");
  CHECK(w.load.runs == 4);
  CHECK(format_distance(w.load.longest_run_metres, DistanceUnit::mi) == "10.00 mi");
  CHECK(w.load.rest_days == 3);
  CHECK(w.days[0].rest_day());  // Monday: core and stretching
  CHECK(w.days[3].rest_day());  // Thursday: the same
  CHECK(w.days[4].rest_day());  // Friday
  CHECK(w.by_type[static_cast<std::size_t>(ActivityType::strength)].sessions == 2);
  CHECK(w.planned_sessions == 1);
  CHECK(w.pain_days == 0);
  CHECK_FALSE(w.pain_mean);
  CHECK_FALSE(w.pain_max);
  CHECK_FALSE(w.change_vs_prev_pct);  // nothing before it
  CHECK_FALSE(w.change_vs_baseline_pct);
}

TEST_CASE("summarize_weeks agrees with weekly_loads and baseline_of") {
  // Random sessions over 14 weeks: runs with and without distance, walks, strength, hard
  // sessions, two runs on a day. The SQL path must give what the session path gives.
  TestJournal t;
  std::mt19937 random(20261124);
  const Date first = day(2026, 8, 17);  // a Monday
  std::vector<Session> added;
  for (int i = 0; i < 160; ++i) {
    const Date date = first.plus_days(std::uniform_int_distribution<int>(0, 14 * 7 - 1)(random));
    const auto type = static_cast<ActivityType>(std::uniform_int_distribution<int>(0, 3)(random) == 0 ? 1 : 0);
    std::optional<double> metres = std::uniform_real_distribution<double>(1000, 25000)(random);
    if (std::uniform_int_distribution<int>(0, 9)(random) == 0) metres.reset();
    const auto intensity = static_cast<Intensity>(std::uniform_int_distribution<int>(0, 5)(random));
    added.push_back(t.journal.add(make(date, metres ? std::optional(round_to_millimetre(*metres)) : std::nullopt, type,
                                       intensity, 1800)));
  }
  const Date today = first.plus_days(14 * 7 + 2);  // a Wednesday: the last weeks are complete
  const int shown = 10, baseline_weeks = 4;
  const Date first_shown = first.plus_days(7 * 4);
  const auto weeks = summarize_journal(t.journal, first_shown, shown, today, baseline_weeks);
  const auto loads = weekly_loads(t.journal.sessions_between(first, first.plus_days(14 * 7 - 1)), first, 14);
  REQUIRE(weeks.size() == static_cast<std::size_t>(shown));
  for (int i = 0; i < shown; ++i) {
    CAPTURE(i);
    const WeekSummary& w = weeks[static_cast<std::size_t>(i)];
    const WeekLoad& load = loads[static_cast<std::size_t>(i + 4)];
    CHECK(w.start == load.start);
    CHECK(w.load.run_metres == doctest::Approx(load.run_metres));
    CHECK(w.load.runs == load.runs);
    CHECK(w.load.longest_run_metres == doctest::Approx(load.longest_run_metres));
    CHECK(w.load.hard_runs == load.hard_runs);
    CHECK(w.load.rest_days == load.rest_days);
    const Baseline expected = baseline_of(std::span(loads).subspan(static_cast<std::size_t>(i), 4));
    CHECK(w.baseline.weeks == 4);
    CHECK(w.baseline.mean_run_metres == doctest::Approx(expected.mean_run_metres));
    CHECK(w.baseline.weeks_with_running == expected.weeks_with_running);
    const auto change = percent_change(load.run_metres, expected.mean_run_metres);
    REQUIRE(w.change_vs_baseline_pct.has_value() == change.has_value());
    if (change) CHECK(*w.change_vs_baseline_pct == doctest::Approx(*change));
    CHECK(w.prev_run_metres == doctest::Approx(loads[static_cast<std::size_t>(i + 3)].run_metres));
  }
}

TEST_CASE("summarize_weeks: changes, the week so far, and pain") {
  // Four weeks of 20 km, a week of 30 km, then the current week, two days in.
  std::vector<DayTotals> days;
  const Date first = day(2026, 10, 19);  // Monday of 2026-W43
  const auto add_run = [&](Date date, double metres) {
    DayTotals d;
    d.date = date;
    d.runs = 1;
    d.run_metres = metres;
    d.longest_run_metres = metres;
    d.by_type[0].sessions = 1;
    d.by_type[0].metres = metres;
    days.push_back(d);
  };
  for (int week = 0; week < 4; ++week) {
    add_run(first.plus_days(7 * week + 1), 8000);
    add_run(first.plus_days(7 * week + 5), 12000);
  }
  add_run(first.plus_days(28), 10000);  // Monday of the fifth week
  add_run(first.plus_days(34), 20000);
  add_run(first.plus_days(35), 6000);  // Monday of the current week
  DayTotals sore;
  sore.date = first.plus_days(29);
  sore.pain_max = 4;
  sore.pain_location = {Location::hip};
  days.push_back(sore);
  sore.date = first.plus_days(31);
  sore.pain_max = 6;
  sore.pain_location = {Location::lower_back};
  days.push_back(sore);
  sore.date = first.plus_days(32);
  sore.pain_max = 0;
  sore.pain_location.clear();
  days.push_back(sore);
  std::sort(days.begin(), days.end(), [](const DayTotals& a, const DayTotals& b) { return a.date < b.date; });

  const Date today = first.plus_days(36);  // the current week's Tuesday
  const auto weeks = summarize_weeks(days, first.plus_days(28), 2, today, 4);
  REQUIRE(weeks.size() == 2);

  SUBCASE("a complete week against the week before and the 4-week mean") {
    const WeekSummary& w = weeks[0];
    CHECK(w.complete());
    CHECK(w.load.run_metres == doctest::Approx(30000));
    CHECK(w.prev_run_metres == doctest::Approx(20000));
    CHECK(*w.change_vs_prev_pct == doctest::Approx(50));
    CHECK(w.baseline.mean_run_metres == doctest::Approx(20000));
    CHECK(w.baseline.weeks_with_running == 4);
    CHECK(*w.change_vs_baseline_pct == doctest::Approx(50));
    CHECK(w.load.rest_days == 5);
  }
  SUBCASE("pain: the mean of the days' highest, on days with a score; 0 counts, no entry does not") {
    const WeekSummary& w = weeks[0];
    CHECK(w.pain_days == 3);
    CHECK(*w.pain_mean == doctest::Approx(10.0 / 3));
    CHECK(w.pain_max == 6);
    CHECK(w.pain_max_location == std::vector{Location::lower_back});
    CHECK(w.pain_max_date == first.plus_days(31));
  }
  SUBCASE("the week so far") {
    const WeekSummary& w = weeks[1];
    CHECK_FALSE(w.complete());
    CHECK(w.days_elapsed == 2);
    CHECK(w.load.rest_days == 1);  // Tuesday, today, has no run yet; the days to come are not rest days
    CHECK(w.load.run_metres == doctest::Approx(6000));
    CHECK(w.prev_run_metres == doctest::Approx(30000));
    CHECK(*w.change_vs_prev_pct == doctest::Approx(-80));
    CHECK(w.prev_same_days_run_metres == doctest::Approx(10000));  // Mon and Tue of the week before
    CHECK(*w.change_vs_prev_same_days_pct == doctest::Approx(-40));
    // The baseline is the 4 complete weeks before: 20, 20, 20, 30 km.
    CHECK(w.baseline.mean_run_metres == doctest::Approx(22500));
    CHECK(w.pain_days == 0);
    CHECK_FALSE(w.pain_mean);
  }
}

TEST_CASE("summarize_periods: months and years from day totals") {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  journal.add(make(day(2024, 2, 29), 10000, ActivityType::run, std::nullopt, 3000));
  journal.add(make(day(2024, 3, 1), 5000));
  journal.add(make(day(2024, 3, 1), 3000, ActivityType::walk));
  journal.add(pain(day(2024, 3, 1), 2));
  journal.add(pain(day(2024, 3, 1), 6));
  journal.add(pain(day(2024, 3, 5), 3));
  journal.add(make(day(2024, 12, 31), 8000));
  journal.add(make(day(2025, 1, 1), 4000));
  const Date today = day(2025, 1, 10);
  CHECK(journal.first_entry_day() == day(2024, 2, 29));

  const auto days = day_totals(journal, day(2024, 2, 1), today);
  SUBCASE("months: the leap day in February, rest days up to today") {
    const auto months = summarize_periods(days, Period::month, day(2024, 2, 1), day(2025, 1, 31), today);
    REQUIRE(months.size() == 12);
    CHECK(months[0].label == "2024-02");
    CHECK(months[0].last == day(2024, 2, 29));
    CHECK(months[0].days_elapsed == 29);
    CHECK(months[0].run_metres == 10000);
    CHECK(months[0].running_days == 1);
    CHECK(months[0].rest_days == 28);
    CHECK(months[1].label == "2024-03");
    CHECK(months[1].by_type[static_cast<std::size_t>(ActivityType::walk)].sessions == 1);
    CHECK(months[1].pain_days == 2);
    CHECK(*months[1].pain_mean == doctest::Approx(4.5));  // (6 + 3) / 2: each day's highest
    CHECK(months[10].label == "2024-12");
    CHECK(months[10].run_metres == 8000);
    CHECK(months[11].label == "2025-01");
    CHECK(months[11].days_elapsed == 10);
    CHECK(months[11].rest_days == 9);
    CHECK_FALSE(months[11].pain_mean);
  }
  SUBCASE("years, and a range that starts mid-month") {
    const auto years = summarize_periods(days, Period::year, day(2024, 2, 1), today, today);
    REQUIRE(years.size() == 2);
    CHECK(years[0].label == "2024");
    CHECK(years[0].days_elapsed == 335);  // from February 1st
    CHECK(years[0].run_metres == 23000);
    CHECK(years[0].sessions() == 4);
    CHECK(years[1].run_metres == 4000);
    const auto part = summarize_periods(days, Period::month, day(2024, 3, 2), day(2024, 3, 31), today);
    REQUIRE(part.size() == 1);
    CHECK(part[0].days_elapsed == 30);
    CHECK(part[0].pain_days == 1);  // March 1st is outside the range
  }
  SUBCASE("days before the journal's start are unknown: neither rest nor elapsed") {
    const auto months = summarize_periods(days, Period::month, day(2024, 2, 1), day(2024, 3, 31), today, day(2024, 2, 29));
    REQUIRE(months.size() == 2);
    CHECK(months[0].days_before_journal == 28);
    CHECK(months[0].days_elapsed == 1);
    CHECK(months[0].rest_days == 0);
    CHECK(months[0].running_days == 1);
    CHECK(months[1].days_before_journal == 0);
    CHECK(months[1].days_elapsed == 31);
    // A start one day later leaves out the leap day's run as well.
    const auto later = summarize_periods(days, Period::month, day(2024, 2, 1), day(2024, 2, 29), today, day(2024, 3, 1));
    CHECK(later[0].days_before_journal == 29);
    CHECK(later[0].run_metres == 0);
  }
}
