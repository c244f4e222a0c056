// The figures of `niggle report`, from a real journal file: weeks and budgets, each day's
// flags, why a day stands out, the advice per day (checked against `advise` itself), the
// tallies and the notes.
#include <doctest/doctest.h>

#include <algorithm>

#include "niggle/store/day_totals.hpp"
#include "niggle/views/report.hpp"
#include "report_scenario.hpp"

using namespace niggle;

namespace {

using namespace niggle::test;

const ReportWeek& week(const Report& report, std::string_view label) {
  const auto it = std::find_if(report.weeks.begin(), report.weeks.end(),
                               [&](const ReportWeek& w) { return w.summary.label == label; });
  REQUIRE(it != report.weeks.end());
  return *it;
}

bool mentions(const ReportDay& d, std::string_view text) {
  return std::any_of(d.notable.begin(), d.notable.end(), [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("report_first_week") {
  CHECK(report_first_week(kToday, 1, Weekday::monday) == day(2026, 11, 23));
  CHECK(report_first_week(kToday, 12, Weekday::monday) == day(2026, 9, 7));
  CHECK(report_first_week(kToday, 2, Weekday::sunday) == day(2026, 11, 15));
}

TEST_CASE("load_report: the period and the weeks") {
  Scenario s;
  const Report report = s.report();
  CHECK(report.first == day(2026, 11, 2));
  CHECK(report.last == kToday);  // the week so far ends today
  REQUIRE(report.weeks.size() == 4);
  CHECK(report.weeks.front().summary.label == "2026-W45");
  CHECK(report.days.size() == 23);
  CHECK(report.days.front().date == report.first);
  CHECK(report.days.back().date == kToday);

  SUBCASE("the weeks are the weekly summaries of `niggle week`") {
    const std::vector<WeekSummary> expected =
        summarize_journal(s.journal, report.first, 4, kToday, s.settings.advice.baseline_weeks);
    for (std::size_t i = 0; i < expected.size(); ++i) {
      CHECK(report.weeks[i].summary.label == expected[i].label);
      CHECK(report.weeks[i].summary.load.run_metres == doctest::Approx(expected[i].load.run_metres));
      CHECK(report.weeks[i].summary.pain_mean == expected[i].pain_mean);
    }
  }
  SUBCASE("the budget is 1.30 x the mean of the 4 weeks before; only W47 runs over it") {
    CHECK(week(report, "2026-W46").budget_metres.value() == doctest::Approx(26000));
    CHECK_FALSE(week(report, "2026-W46").over_budget());
    CHECK(week(report, "2026-W47").summary.load.run_metres == doctest::Approx(30000));
    CHECK(week(report, "2026-W47").over_budget());
    CHECK_FALSE(week(report, "2026-W48").over_budget());
  }
  SUBCASE("a thin baseline gives no budget, as L1 cannot judge") {
    Settings strict = s.settings;
    strict.advice.min_baseline_weeks = 5;  // more than the 4 baseline weeks
    ReportRequest request{report.first, 4, kToday, "j", {}};
    const Report thin = load_report(s.journal, request, strict);
    for (const ReportWeek& w : thin.weeks) CHECK_FALSE(w.budget_metres);
  }
  SUBCASE("another ratio moves the budget") {
    Settings loose = s.settings;
    loose.advice.weekly_ratio = 1.6;
    ReportRequest request{report.first, 4, kToday, "j", {}};
    const Report other = load_report(s.journal, request, loose);
    CHECK(week(other, "2026-W47").budget_metres.value() == doctest::Approx(32000));
    CHECK_FALSE(week(other, "2026-W47").over_budget());
  }
}

TEST_CASE("load_report: each day's entries and flags") {
  Scenario s;
  const Report report = s.report();
  const ReportDay* tuesday = report.day(day(2026, 11, 17));
  REQUIRE(tuesday);
  CHECK(tuesday->runs == 1);
  CHECK(tuesday->run_metres == doctest::Approx(10000));
  CHECK(tuesday->pain_max == 2);
  const ReportDay* thursday = report.day(day(2026, 11, 19));
  REQUIRE(thursday);
  CHECK(thursday->nerve);
  CHECK_FALSE(thursday->red_flag);
  REQUIRE(thursday->pain_by_location.size() == 1);
  CHECK(thursday->pain_by_location[0].where == Location::hip);
  const ReportDay* friday = report.day(day(2026, 11, 20));
  REQUIRE(friday);
  CHECK_FALSE(friday->pain_max);  // not recorded, never 0
  const ReportDay* monday = report.day(day(2026, 11, 23));
  REQUIRE(monday);
  CHECK(monday->red_flag);
  CHECK_FALSE(monday->nerve);
  REQUIRE(monday->pain_by_location.size() == 1);
  CHECK_FALSE(monday->pain_by_location[0].where);
  CHECK(report.day(day(2026, 11, 25)) == nullptr);
  CHECK(report.day(day(2026, 11, 1)) == nullptr);
}

TEST_CASE("load_report: the days that stand out, and why") {
  Scenario s;
  const Report report = s.report();
  const auto at = [&](unsigned d) { return *report.day(day(2026, 11, d)); };

  CHECK(mentions(at(18), "pain up from 2/10 the day before to 6/10"));
  CHECK(mentions(at(18), "start of a flare-up"));
  CHECK(mentions(at(19), "nerve symptoms: tingling"));
  CHECK(mentions(at(21), "severe pain: 8/10 (lower back)"));
  CHECK_FALSE(mentions(at(21), "flare-up"));  // the 18th was above 5/10 within the week
  CHECK(mentions(at(22), "ran 20.00 km, over the single-run cap of 13.20 km"));
  CHECK(mentions(at(22), "the week's running passed its budget of 26.00 km"));
  CHECK(mentions(at(23), "red-flag symptom: bladder trouble"));
  CHECK(at(17).notable.empty());  // a 10 km run under its cap, pain steady at 2
  CHECK(at(20).notable.empty());  // nothing logged
  CHECK(at(24).notable.empty());  // a walk: the advice is still urgent, but nothing new happened
  CHECK(report.notable_days() == 5);

  SUBCASE("a rise to mild pain is not a jump; a rise within two days is") {
    TempDir dir;
    Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
    journal.add(pain(day(2026, 11, 16), 0));
    journal.add(pain(day(2026, 11, 17), 2));  // 0 to 2: mild all the same
    journal.add(pain(day(2026, 11, 19), 4));  // 2 to 4 over two days: 2 points and 100%
    journal.add(pain(day(2026, 11, 20), 5));  // one point
    journal.add(pain(day(2026, 11, 23), 7));  // three days after the 20th: too far to compare
    ReportRequest request{day(2026, 11, 16), 2, kToday, "j", {}};
    const Report r = load_report(journal, request, Settings{});
    CHECK_FALSE(mentions(*r.day(day(2026, 11, 17)), "pain up"));
    CHECK(mentions(*r.day(day(2026, 11, 19)), "pain up from 2/10 on Tue 17 Nov to 4/10"));
    CHECK_FALSE(mentions(*r.day(day(2026, 11, 20)), "pain up"));
    CHECK_FALSE(mentions(*r.day(day(2026, 11, 23)), "pain up"));
    CHECK(mentions(*r.day(day(2026, 11, 23)), "start of a flare-up"));
  }
}

TEST_CASE("load_report: the advice per day is what advise says on its window") {
  Scenario s;
  const Report report = s.report();
  for (const ReportDay& d : report.days) {
    const DateRange window = history_window(d.date, s.settings);
    // v2: the advice as it stood that morning: the runs before the day, the pain entries
    // before it and the day's morning, before-run and untimed ones (v1 took the whole day).
    History history;
    history.first_entry = s.journal.first_entry_day();
    history.sessions = s.journal.sessions_between(window.first, d.date.minus_days(1));
    for (const PainEntry& p : s.journal.pain_between(window.first, window.last))
      if (p.meta.date < d.date || !p.when || p.when == Timing::morning || p.when == Timing::before) history.pain.push_back(p);
    const Advice advice = advise(history, d.date, s.settings);
    CAPTURE(d.date.iso());
    CHECK(d.advice.verdict == advice.verdict);
    CHECK(d.advice.deciding_rule == advice.deciding_rule);
    CHECK(d.advice.headline == advice.headline);
  }
  CHECK(report.day(day(2026, 11, 23))->advice.verdict == Verdict::urgent);
  CHECK(report.day(day(2026, 11, 24))->advice.verdict == Verdict::urgent);  // P1 looks back 14 days
  CHECK(report.day(day(2026, 11, 19))->advice.verdict == Verdict::cross_train);
  const auto& fired = report.day(day(2026, 11, 19))->advice.fired;
  CHECK(std::any_of(fired.begin(), fired.end(), [](const RuleRef& r) { return r.rule == "P8"; }));
}

TEST_CASE("load_report: the tallies") {
  Scenario s;
  const Report report = s.report();
  const auto tally = [&](std::string_view rule) -> const RuleTally* {
    for (const RuleTally& t : report.rules)
      if (t.rule == rule) return &t;
    return nullptr;
  };
  REQUIRE(tally("P1"));
  CHECK(tally("P1")->days == 2);
  CHECK(tally("P1")->deciding_days == 2);
  CHECK(tally("P1")->name == "red flags");
  CHECK_FALSE(tally("P1")->source.empty());
  // L1 and L2 cap every day; they count only where they stopped running.
  CHECK((tally("L2") == nullptr || tally("L2")->days < 5));
  for (std::size_t i = 1; i < report.rules.size(); ++i) CHECK(report.rules[i - 1].days >= report.rules[i].days);
  int days = 0;
  for (int n : report.verdict_days) days += n;
  CHECK(days == static_cast<int>(report.days.size()));

  REQUIRE(report.locations.size() == 3);
  CHECK(report.locations[0].where == Location::lower_back);
  CHECK(report.locations[0].max == 8);
  CHECK(report.locations[0].max_date == day(2026, 11, 21));
  CHECK_FALSE(report.locations.back().where);  // no location given comes last
}

TEST_CASE("load_report: notes by date, and the glance") {
  Scenario s;
  const Report report = s.report();
  REQUIRE(report.notes.size() == 3);
  CHECK(report.notes[0].date == day(2026, 11, 17));
  CHECK(report.notes[0].entry == "run 10.00 km");
  CHECK(report.notes[0].text == "tempo felt <b>easy</b>");  // as written; the pages escape it
  CHECK(report.notes[2].entry == "pain 3/10; bladder trouble");
  CHECK(report.notes[2].tags == std::vector<std::string>{"physio"});

  const auto line = [&](std::string_view label) -> const GlanceLine* {
    for (const GlanceLine& l : report.glance)
      if (l.label == label) return &l;
    return nullptr;
  };
  REQUIRE(line("Red-flag symptoms"));
  CHECK(line("Red-flag symptoms")->alarm);
  CHECK(line("Red-flag symptoms")->text == "1 day: Mon 23 Nov (bladder trouble).");
  REQUIRE(line("Nerve symptoms"));
  CHECK(line("Nerve symptoms")->text == "1 day: Thu 19 Nov (tingling).");
  REQUIRE(line("Not recorded"));
  CHECK(line("Not recorded")->text == "serious-cause signs.");
  REQUIRE(line("Weekly budget"));
  CHECK(line("Weekly budget")->text.find("2026-W47 (30.0 km of 26.0 km, +15%)") != std::string::npos);
  REQUIRE(line("Advice today"));
  CHECK(line("Advice today")->text.rfind("Tue 24 Nov 2026: Seek emergency care now", 0) == 0);
  REQUIRE(line("Other training"));
  CHECK(line("Other training")->text == "walk 1 session (3.0 km).");
}

TEST_CASE("load_report: an empty journal") {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  ReportRequest request{report_first_week(kToday, 2, Weekday::monday), 2, kToday, "j", {}};
  const Report report = load_report(journal, request, Settings{});
  CHECK(report.days.size() == 9);
  CHECK(report.notable_days() == 0);
  CHECK(report.rules.size() == 1);  // T2: nothing to judge, every day
  CHECK(report.rules[0].rule == "T2");
  CHECK(report.verdict_days[static_cast<std::size_t>(Verdict::unknown)] == 9);
}

TEST_CASE("pain_phrase and the words for a reader") {
  PainEntry p = pain(kToday, 6, Location::lower_back, {Symptom::tingling, Symptom::weakness}, Walking::worse);
  p.side = Side::both;
  p.when = Timing::morning;
  CHECK(pain_phrase(p) == "pain 6/10: lower back, both sides, worse walking, morning; tingling, weakness in both legs");
  CHECK(location_words(std::nullopt) == "location not given");
  CHECK(symptom_words(Symptom::leg_pain) == "pain down the leg");
  CHECK(verdict_words(Verdict::urgent) == "seek care now");
  CHECK(long_day_label(kToday) == "Tue 24 Nov 2026");
  CHECK(rule_summary("L1", Settings{}).find("1.30 x the mean of the 4 weeks before") != std::string::npos);
}

TEST_CASE("make_report: an entry with two locations counts under each") {
  Scenario s;
  PainEntry both = pain(day(2026, 11, 20), 7, Location::lower_back);
  both.where = {Location::lower_back, Location::knee};
  s.journal.add(both);
  const Report report = s.report();
  const ReportDay* friday = report.day(day(2026, 11, 20));
  REQUIRE(friday);
  REQUIRE(friday->pain_by_location.size() == 2);
  CHECK(friday->pain_by_location[0].where == Location::lower_back);
  CHECK(friday->pain_by_location[1].where == Location::knee);
  CHECK(friday->pain_by_location[1].score == 7);
  const auto knee = std::find_if(report.locations.begin(), report.locations.end(),
                                 [](const LocationTally& l) { return l.where == Location::knee; });
  REQUIRE(knee != report.locations.end());
  CHECK(knee->days == 1);
  CHECK(knee->max == 7);
  CHECK(pain_phrase(both) == "pain 7/10: lower back and knee");
  CHECK(location_words(std::vector<Location>{}) == "location not given");
}

TEST_CASE("make_report with tags: only the tagged entries, and what is left out said") {
  Scenario s;
  Session tagged = run(day(2026, 11, 19), 5);
  tagged.meta.tags = {"treadmill"};
  s.journal.add(tagged);
  PainEntry tagged_pain = pain(day(2026, 11, 20), 3, Location::knee);
  tagged_pain.meta.tags = {"treadmill"};
  s.journal.add(tagged_pain);
  ReportRequest request;
  request.today = kToday;
  request.weeks = 4;
  request.first_week = report_first_week(kToday, 4, s.settings.week_start);
  request.journal = "journal.db";
  request.tags = {"treadmill"};
  const Report report = load_report(s.journal, request, s.settings);
  int sessions = 0, pains = 0;
  for (const ReportDay& d : report.days) sessions += static_cast<int>(d.sessions.size()), pains += static_cast<int>(d.pain.size());
  CHECK(sessions == 1);
  CHECK(pains == 1);
  CHECK(report.day(day(2026, 11, 19))->run_metres == doctest::Approx(5000));
  CHECK(week(report, "2026-W47").summary.load.run_metres == doctest::Approx(5000));  // summarize_journal's tags
  // The untagged pain of the period: 9 days of 2/10 from 9 Nov, then 6, 4, 8 and the red flag of 23 Nov.
  CHECK(report.left_out.pain_entries == 13);
  CHECK(report.left_out.pain_days == 13);
  CHECK(report.left_out.pain_max == 8);
  CHECK(report.left_out.red_flag_days == std::vector{day(2026, 11, 23)});
  CHECK(report.left_out.sessions > 0);
  const std::string line = filter_line(report);
  CHECK(line.find("only the entries tagged 'treadmill'") != std::string::npos);
  CHECK(line.find("13 pain entries on 13 days, the highest 8/10") != std::string::npos);
  CHECK(line.find("red-flag symptom (Mon 23 Nov 2026)") != std::string::npos);
  // The advice of each day is still what advise said from every entry: the red flag's day.
  CHECK(report.day(day(2026, 11, 23))->advice.verdict == Verdict::urgent);
  CHECK(tags_words({"a", "b", "c"}) == "tagged 'a', 'b' and 'c'");
}
