#include <doctest/doctest.h>

#include "niggle/core/csv.hpp"
#include "niggle/views/week_report.hpp"

using namespace niggle;

namespace {

Date day(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

// A week with two runs (one planned, one hard), a strength session on a rest day, and pain on
// two days; and the four weeks before it at 10 km each.
struct Fixture {
  std::vector<Session> sessions;
  std::vector<DayTotals> days;
  Date monday = day(2026, 11, 16);

  void add(Session session) {
    sessions.push_back(session);
    DayTotals* totals = nullptr;
    for (auto& d : days)
      if (d.date == session.meta.date) totals = &d;
    if (!totals) {
      days.emplace_back();
      totals = &days.back();
      totals->date = session.meta.date;
    }
    TypeTotals& type = totals->by_type[static_cast<std::size_t>(session.type)];
    type.sessions += 1;
    type.metres += session.metres.value_or(0);
    type.seconds += session.seconds.value_or(0);
    type.timed += session.seconds ? 1 : 0;
    if (counts_as_run(session)) {
      totals->runs += 1;
      totals->run_metres += *session.metres;
      totals->longest_run_metres = std::max(totals->longest_run_metres, *session.metres);
      if (session.intensity && is_hard(*session.intensity)) totals->hard_runs += 1;
    }
    if (session.planned_metres) {
      totals->planned_sessions += 1;
      totals->planned_metres += *session.planned_metres;
      totals->planned_done_metres += session.metres.value_or(0);
      // As the journal's day totals do: a session's own --planned is a plan it carried out.
      for (const PlanOutcome& outcome : match_day({}, std::span<const Session>(&session, 1)))
        totals->plans.push_back(outcome);
    }
  }
  void add_pain(Date date, int score, Location where) {
    DayTotals d;
    d.date = date;
    d.pain_max = score;
    d.pain_location = where;
    d.pain_entries = 1;
    days.push_back(d);
  }

  Fixture() {
    for (int week = 1; week <= 4; ++week) {
      Session s;
      s.meta.date = monday.minus_days(7 * week - 2);
      s.metres = 10000;
      add(s);
    }
    Session strength;
    strength.meta.date = monday;
    strength.type = ActivityType::strength;
    strength.seconds = 1800;
    add(strength);
    Session tempo;
    tempo.meta.date = monday.plus_days(1);
    tempo.metres = 6000;
    tempo.seconds = 1650;
    tempo.intensity = Intensity::tempo;
    add(tempo);
    Session planned;
    planned.meta.date = monday.plus_days(2);
    planned.metres = 4184.294;
    planned.planned_metres = 16093.44;
    planned.meta.note = "physio, \"back\" went";
    add(planned);
    add_pain(monday.plus_days(4), 3, Location::hip);  // no session that day: a day of its own
    add_pain(monday.plus_days(6), 5, Location::lower_back);
  }

  std::vector<WeekSummary> weeks(Date today, int count = 1) const {
    return summarize_weeks(days, monday.minus_days(7 * (count - 1)), count, today, 4);
  }
  // The week's sessions up to today, as the command reads them.
  std::vector<Session> week_sessions(Date today = *Date::from_ymd(2026, 11, 24)) const {
    std::vector<Session> found;
    for (const Session& s : sessions)
      if (s.meta.date >= monday && s.meta.date <= today) found.push_back(s);
    return found;
  }
};

ReportStyle plain_style(DistanceUnit unit = DistanceUnit::km, Glyphs glyphs = Glyphs::unicode) {
  ReportStyle style;
  style.unit = unit;
  style.glyphs = glyphs;
  return style;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("session_phrase") {
  Session s;
  s.metres = 16093.44;
  s.planned_metres = 16093.44;
  s.intensity = Intensity::long_run;
  s.seconds = 6300;
  CHECK(session_phrase(s, DistanceUnit::mi) == "run long 10.00 mi (10.00 planned) 1:45:00");
  Session strength;
  strength.type = ActivityType::strength;
  CHECK(session_phrase(strength, DistanceUnit::km) == "strength");
}

TEST_CASE("week_text") {
  const Fixture f;
  SUBCASE("a complete week") {
    const auto weeks = f.weeks(day(2026, 11, 24));
    const std::string text = week_text(weeks[0], f.week_sessions(), plain_style());
    INFO(text);
    CHECK(text.rfind("Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026\n\n", 0) == 0);
    CHECK(contains(text, "\nMon 16 Nov  rest; strength 30:00"));
    CHECK(contains(text, "\nTue 17 Nov  run tempo 6.00 km 27:30"));
    CHECK(contains(text, "\nWed 18 Nov  run 4.18 km (16.09 planned)"));
    // The sessions column is as wide as its widest cell, "run 4.18 km (16.09 planned)".
    CHECK(contains(text, "\nFri 20 Nov  rest" + std::string(23 + 2, ' ') + "3 hip\n"));
    CHECK(contains(text, "\nRunning     10.18 km in 2 runs, longest 6.00 km, 1 hard (tempo, intervals, hills or race)\n"));
    CHECK(contains(text, "\nRest days   5 (Mon, Thu, Fri, Sat, Sun)\n"));
    CHECK(contains(text, "\nPlanned     4.18 km of 16.09 km planned (26%); 1 planned session: 1 done\n"));
    CHECK(contains(text, "\nPain        highest 5 (lower-back, Sun), mean 4.0 of each day's highest, recorded on 2 of 7 days\n"));
    CHECK(contains(text, "\nChange      +2% on the week before (10.00 km)\n            +2% on the 4-week mean (10.00 km)\n"));
    CHECK(contains(text, "not recorded"));
    CHECK_FALSE(contains(text, "so far"));
    CHECK_FALSE(contains(text, "\x1b["));
  }
  SUBCASE("the week so far says so and compares the same days too") {
    const auto weeks = f.weeks(day(2026, 11, 17));
    const std::string text = week_text(weeks[0], f.week_sessions(day(2026, 11, 17)), plain_style(DistanceUnit::mi));
    INFO(text);
    CHECK(contains(text, "Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026, so far (2 of 7 days)\n"));
    CHECK(contains(text, "\nWed 18 Nov  to come"));
    CHECK(contains(text, "\nRunning     so far 3.73 mi in 1 run"));
    CHECK(contains(text, "\nRest days   1 (Mon) of 2 days so far\n"));
    CHECK(contains(text, "so far 60% of the whole week before (6.21 mi)"));
    CHECK(contains(text, "no running on the same 2 days of the week before"));  // its run was on the Wednesday
    CHECK(contains(text, "so far 60% of the 4-week mean (6.21 mi)"));
    CHECK(contains(text, "Pain        not recorded so far"));
  }
  SUBCASE("colour only when asked, and never inside the padding") {
    ReportStyle style = plain_style();
    style.style = Style(true);
    const std::string text = week_text(f.weeks(day(2026, 11, 24))[0], f.week_sessions(), style);
    CHECK(contains(text, "\x1b[32mrest\x1b[0m; strength"));
    CHECK(contains(text, "\x1b[33m5 lower-back\x1b[0m"));
    CHECK(contains(text, "\x1b[2mnot recorded\x1b[0m"));
  }
}

TEST_CASE("weeks_text: a row per week and the chart") {
  const Fixture f;
  const auto weeks = f.weeks(day(2026, 11, 17), 5);
  REQUIRE(weeks.size() == 5);
  SUBCASE("unicode") {
    const std::string text = weeks_text(weeks, plain_style());
    INFO(text);
    CHECK(text.rfind("5 weeks, 2026-W43 to 2026-W47: Mon 19 Oct to Sun 22 Nov 2026\n", 0) == 0);
    CHECK(contains(text, "\n2026-W47*  2026-11-16          6.00     1          6.00          1          -         -        0/2"));
    CHECK(contains(text, "* 2026-W47 so far: 2 of 7 days"));
    CHECK(contains(text, "Running per week (km)"));
    CHECK(contains(text, "\n2026-W46  ██████████████████████████████    10.0"));
    CHECK(contains(text, "\n2026-W47* ██████████████████                 6.0"));
  }
  SUBCASE("ascii has no byte above 127") {
    const std::string text = weeks_text(weeks, plain_style(DistanceUnit::km, Glyphs::ascii));
    INFO(text);
    CHECK(std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 128; }));
    CHECK(contains(text, "\n2026-W46  ##############################    10.0"));
  }
  SUBCASE("more weeks than a screen: sparklines, a year to a line") {
    const auto many = f.weeks(day(2026, 11, 24), 60);
    const std::string text = weeks_text(many, plain_style());
    INFO(text);
    CHECK(contains(text, "52 weeks a line"));
    CHECK(contains(text, "\n2025-W40  km\n"));  // nothing run: blank marks, trimmed
    CHECK(contains(text, "\n          pain  ····················································\n"));
    CHECK(contains(text, "\n2026-W40  km       █████\n"));
    CHECK(contains(text, "\n          pain  ·······▄\n"));
    CHECK(contains(text, "\n2026-W44  2026-10-26         10.00     1         10.00          6          -         -        0/7       0%  (+300%)     -\n"));
    CHECK(contains(text, "\n(...): fewer than 2 of the 4 weeks before had running"));
  }
}

TEST_CASE("week_markdown and weeks_markdown") {
  const Fixture f;
  const std::string one = week_markdown(f.weeks(day(2026, 11, 24))[0], f.week_sessions(), plain_style());
  CHECK(one.rfind("## Week 2026-W47: Mon 16 Nov to Sun 22 Nov 2026\n\n| Day | Sessions | Pain |\n| --- | --- | --- |\n", 0) == 0);
  CHECK(contains(one, "| Fri 20 Nov | rest | 3 hip |\n"));
  CHECK(contains(one, "- **Running:** 10.18 km in 2 runs"));
  CHECK(contains(one, "- **Change:** +2% on the week before (10.00 km); +2% on the 4-week mean (10.00 km)\n"));
  const std::string many = weeks_markdown(f.weeks(day(2026, 11, 17), 2), plain_style(DistanceUnit::mi));
  INFO(many);
  CHECK(contains(many, "| Week | Start | Running (mi) |"));
  CHECK(contains(many, "| 2026-W47\\* | 2026-11-16 | 3.73 | 1 |"));
}

TEST_CASE("week_json") {
  const Fixture f;
  const auto weeks = f.weeks(day(2026, 11, 24));
  const Json json = week_json(weeks[0], f.week_sessions(), Weekday::monday);
  CHECK(json["week"] == "2026-W47");
  CHECK(json["start"] == "2026-11-16");
  CHECK(json["end"] == "2026-11-22");
  CHECK(json["complete"] == true);
  CHECK(json["run_km"] == 10.184294);
  CHECK(json["runs"] == 2);
  CHECK(json["longest_run_km"] == 6.0);
  CHECK(json["rest_days"] == 5);
  CHECK(json["pain_max"] == 5);
  CHECK(json["pain_mean"] == 4.0);
  CHECK(json["change_vs_prev_pct"] == 1.8);
  CHECK(json["change_vs_4wk_pct"] == 1.8);
  CHECK(json["by_type"]["strength"]["sessions"] == 1);
  REQUIRE(json["days"].size() == 7);
  CHECK(json["days"][0]["rest_day"] == true);
  CHECK(json["days"][0]["pain_max"].is_null());
  CHECK(json["days"][2]["sessions"][0]["planned_km"] == 16.09344);
  SUBCASE("without pain, the pain figures are null; the weeks view has no session lists") {
    const Json many = weeks_json(f.weeks(day(2026, 11, 24), 2), Weekday::monday);
    REQUIRE(many.is_array());
    CHECK(many[0]["pain_mean"].is_null());
    CHECK(many[0]["pain_max"].is_null());
    CHECK_FALSE(many[1]["days"][0].contains("sessions"));
  }
  SUBCASE("days to come: not elapsed, and not rest days") {
    const Json json2 = week_json(f.weeks(day(2026, 11, 17))[0], f.week_sessions(day(2026, 11, 17)), Weekday::monday);
    CHECK(json2["complete"] == false);
    CHECK(json2["days_elapsed"] == 2);
    CHECK(json2["days"][2]["elapsed"] == false);
    CHECK(json2["days"][2]["rest_day"].is_null());
  }
}

TEST_CASE("week_days_table and weeks_table round-trip through the CSV reader") {
  const Fixture f;
  const auto weeks = f.weeks(day(2026, 11, 24), 3);
  SUBCASE("days") {
    const auto rows = parse_csv(week_days_table(weeks.back(), f.week_sessions(), Delimited::csv));
    REQUIRE(rows.size() == 8);
    CHECK(rows[0][0] == "date");
    CHECK(rows[0].size() == rows[3].size());
    CHECK(rows[3][0] == "2026-11-18");
    CHECK(rows[3][4] == "4.184294");
    CHECK(rows[3].back() == "run 4.18 km (16.09 planned)");
    CHECK(rows[1][3] == "true");
    CHECK(rows[1][12].empty());  // pain not recorded: an empty field, not 0
  }
  SUBCASE("weeks") {
    const std::string csv = weeks_table(weeks, Delimited::csv);
    const auto rows = parse_csv(csv);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][0] == "week");
    CHECK(rows[3][0] == "2026-W47");
    CHECK(rows[3][5] == "10.184294");
    CHECK(rows[1][16].empty());
    const std::string tsv = weeks_table(weeks, Delimited::tsv);
    const auto tsv_rows = parse_csv(tsv, '\t');
    REQUIRE(tsv_rows.size() == rows.size());
    CHECK(tsv_rows[3] == rows[3]);
  }
}
