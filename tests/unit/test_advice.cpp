// The advice engine as a whole: the verdict ordering, the caps, thin data, calendar edges,
// the history window and the JSON document. The rules one by one are in test_advice_rules.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "history_builder.hpp"

using namespace niggle;
using niggle::test::fired;
using niggle::test::HistoryBuilder;
using niggle::test::kDay;
using niggle::test::PainSpec;
using niggle::test::reason_of;
using niggle::test::ymd;

namespace {

const Date kMonday = ymd(2026, 11, 23);

// Four weeks of 20 km (6, 6 and 8 km on Tuesday, Thursday and Saturday) before this week,
// in a journal that began on the Monday of the first of them.
HistoryBuilder healthy() {
  HistoryBuilder h;
  h.starting(kMonday.minus_days(28));
  for (int w = 4; w >= 1; --w) {
    const Date monday = kMonday.minus_days(7 * w);
    h.run(monday.plus_days(1), 6).run(monday.plus_days(3), 6).run(monday.plus_days(5), 8, Intensity::long_run);
  }
  return h;
}

bool has_rule(const std::vector<Reason>& reasons, std::string_view rule) {
  return std::any_of(reasons.begin(), reasons.end(), [&](const Reason& r) { return r.rule == rule; });
}

}  // namespace

TEST_CASE("verdict_name") {
  CHECK(verdict_name(Verdict::urgent) == "urgent");
  CHECK(verdict_name(Verdict::rest) == "rest");
  CHECK(verdict_name(Verdict::cross_train) == "cross-train");
  CHECK(verdict_name(Verdict::easy) == "easy");
  CHECK(verdict_name(Verdict::go) == "go");
  CHECK(verdict_name(Verdict::unknown) == "unknown");
  CHECK(may_run(Verdict::go));
  CHECK(may_run(Verdict::easy));
  CHECK_FALSE(may_run(Verdict::unknown));
  CHECK_FALSE(may_run(Verdict::cross_train));
}

TEST_CASE("advice_distance") {
  CHECK(advice_distance(6600, DistanceUnit::km) == "6.6 km");
  CHECK(advice_distance(1.1 * 6000, DistanceUnit::km) == "6.6 km");
  CHECK(advice_distance(6699, DistanceUnit::km) == "6.6 km");  // never overstates a cap
  CHECK(advice_distance(-5, DistanceUnit::km) == "0.0 km");
  CHECK(advice_distance(kMetresPerMile * 2.5, DistanceUnit::mi) == "2.5 mi");
}

TEST_CASE("advise: the verdict is the most severe") {
  SUBCASE("nothing holds a healthy runner back: go") {
    HistoryBuilder h = healthy();
    h.pain(kDay, 1, Walking::better);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::go);
    CHECK(a.deciding_rule == "P4");
    CHECK(a.stop_pain == 5);
    CHECK(a.headline == "Good to run today: at most 8.8 km. Stop if pain passes 5/10.");
  }
  SUBCASE("moderate pain: easy, within the median run (v2; was L2's 8.8 km)") {
    HistoryBuilder h = healthy();
    h.pain(kDay, 4, Walking::same);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::easy);
    CHECK(a.cap_rule == "easy");
    CHECK(a.headline == "Easy run today: at most 6.0 km. Stop if pain passes 5/10.");
  }
  SUBCASE("cross-train beats easy") {
    HistoryBuilder h = healthy();
    h.run(kMonday, 26.5);
    h.pain(kDay, 4, Walking::same);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::cross_train);
    CHECK(a.deciding_rule == "L1");
    CHECK(*a.max_metres_today == 0);
    CHECK_FALSE(a.stop_pain);
    CHECK(a.reasons.front().rule == "L1");
  }
  SUBCASE("rest beats cross-train") {
    HistoryBuilder h = healthy();
    h.run_daily(kDay.minus_days(6), kDay.minus_days(1), 3);
    h.pain(kDay, 6, Walking::same);
    const Advice a = h.advice();
    CHECK(fired(a, "P5"));
    CHECK(a.verdict == Verdict::rest);
    CHECK(a.deciding_rule == "L3");
    // The baseline's Tuesday run makes it 7 days in a row.
    CHECK(a.headline == "Rest today, no running: you ran on each of the last 7 days.");
  }
  SUBCASE("a serious-cause flag rests and sends to a doctor, with the nerve signs") {
    HistoryBuilder h;
    h.pain({.day = kDay, .score = 3, .symptoms = {Symptom::fever, Symptom::tingling}});
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::rest);
    CHECK(a.deciding_rule == "P2");
    CHECK(fired(a, "P8"));
    CHECK(a.see_professional);
    CHECK(a.professional_reason->find("doctor soon") != std::string::npos);
    CHECK(a.professional_reason->find("physiotherapist") != std::string::npos);
  }
  SUBCASE("thin data never overrules a rule that says not to run") {
    HistoryBuilder h;
    h.pain({.day = kDay.minus_days(5), .score = 3, .symptoms = {Symptom::leg_pain}});
    const Advice a = h.advice();
    CHECK(fired(a, "T2"));
    CHECK(a.verdict == Verdict::cross_train);
    CHECK(a.deciding_rule == "P8");
  }
}

TEST_CASE("advise: a red flag is get care now, and nothing else") {
  HistoryBuilder h = healthy();
  h.run_daily(kDay.minus_days(6), kDay, 5);
  h.pain({.day = kDay.minus_days(1), .score = 2, .walking = Walking::better, .symptoms = {Symptom::bladder}});
  h.pain(kDay, 1, Walking::better);
  const Advice a = h.advice();
  CHECK(a.verdict == Verdict::urgent);
  CHECK(a.see_professional);
  CHECK(*a.max_metres_today == 0);
  CHECK_FALSE(a.week_budget_metres);
  CHECK_FALSE(a.stop_pain);
  REQUIRE(a.reasons.size() == 1);
  CHECK(a.reasons.front().rule == "P1");
  CHECK(a.checked.empty());
  CHECK(a.suggestions.empty());
  CHECK(a.headline.rfind("Seek emergency care now:", 0) == 0);
  CHECK(a.headline.find("Do not run") != std::string::npos);
}

TEST_CASE("advise: see a professional is independent of the verdict") {
  HistoryBuilder h = healthy();
  h.pain_daily(kDay.minus_days(13), kDay.minus_days(1), 4, Walking::same);
  h.pain(kDay, 3, Walking::better);
  const Advice a = h.advice();
  CHECK(fired(a, "P9"));
  CHECK(a.verdict == Verdict::easy);  // P5: pain 3
  CHECK(a.see_professional);
  CHECK(a.professional_reason->find("physiotherapist or doctor") != std::string::npos);
}

TEST_CASE("advise: today's cap is the smallest that applies") {
  SUBCASE("L2 below L1") {
    HistoryBuilder h = healthy();
    h.run(kMonday, 8);
    h.pain(kDay, 1, Walking::better);
    const Advice a = h.advice();
    CHECK(a.cap_rule == "L2");
    CHECK(*a.max_metres_today == doctest::Approx(8800));
    CHECK(a.budget_rule == "L1");
    CHECK(*a.week_budget_metres == doctest::Approx(26000));
    CHECK(*a.week_left_metres == doctest::Approx(18000));
  }
  SUBCASE("L1 below L2") {
    HistoryBuilder h = healthy();
    h.run(kMonday, 20);
    h.pain(kDay, 1, Walking::better);
    const Advice a = h.advice();
    CHECK(a.cap_rule == "L1");
    CHECK(*a.max_metres_today == doctest::Approx(6000));
  }
  SUBCASE("P7 freezes the budget below L1's") {
    HistoryBuilder h = healthy();
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(7), 1, Walking::better);
    h.pain_daily(kDay.minus_days(6), kDay, 2, Walking::better);
    h.run(kMonday, 15);
    const Advice a = h.advice();
    CHECK(fired(a, "P7"));
    CHECK(a.budget_rule == "P7");
    CHECK(*a.week_budget_metres == doctest::Approx(20000));
    CHECK(a.cap_rule == "P7");
    CHECK(*a.max_metres_today == doctest::Approx(5000));
  }
  SUBCASE("what is run today already is taken off, and said") {
    HistoryBuilder h = healthy();
    h.run(kDay, 5);
    h.pain(kDay, 1, Walking::better);
    const Advice a = h.advice();
    CHECK(a.ran_today_metres == doctest::Approx(5000));
    CHECK(*a.max_metres_today == doctest::Approx(3800));
    CHECK(a.headline == "Good to run today: at most 3.8 km more (5.0 km run already today). Stop if pain passes 5/10.");
  }
  SUBCASE("a spike already run today: no more running") {
    HistoryBuilder h = healthy();
    h.run(kDay, 9);
    h.pain(kDay, 1, Walking::better);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::cross_train);
    CHECK(a.deciding_rule == "L2");
    CHECK(*a.max_metres_today == 0);
  }
  SUBCASE("the return-to-running cap, in a journal that covers the 30 days") {
    HistoryBuilder h;
    h.starting(kDay.minus_days(30)).pain(kDay, 0);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::go);
    CHECK(a.cap_rule == "L2");
    CHECK(*a.max_metres_today == doctest::Approx(5000));
  }
  SUBCASE("a new journal sets no return-to-running cap: the weeks before it are unknown") {
    HistoryBuilder h;
    h.starting(kDay.minus_days(29)).pain(kDay, 0);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::go);
    CHECK(a.cap_rule.empty());
    CHECK_FALSE(a.max_metres_today);
    CHECK(a.headline == "Good to run today: no cap from your history yet. Stop if pain passes 5/10.");
  }
}

TEST_CASE("advise: thin data") {
  SUBCASE("no pain score for 48 h: load rules still run, never better than easy") {
    HistoryBuilder h = healthy();
    h.pain(kDay.minus_days(2), 0);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::easy);
    CHECK(a.deciding_rule == "T1");
    CHECK(fired(a, "L1"));
    CHECK(a.cap_rule == "easy");  // v2: an easy verdict keeps to the median run (was L2's 8.8 km)
    CHECK(*a.max_metres_today == doctest::Approx(6000));
    CHECK(has_rule(a.reasons, "T1"));
    // One reason speaks for the pain rules it could not check.
    CHECK(reason_of(a, "P3")->status == RuleStatus::no_data);
    CHECK_FALSE(has_rule(a.reasons, "P3"));
    CHECK(has_rule(a.checked, "P5"));
  }
  SUBCASE("under 2 weeks of history: no weekly budget yet") {
    HistoryBuilder h;
    h.run(kDay.minus_days(3), 6).run(kDay.minus_days(2), 7);  // Saturday and Sunday of one week
    h.pain(kDay, 1, Walking::better);
    const Advice a = h.advice();
    CHECK(reason_of(a, "L1")->status == RuleStatus::no_data);
    CHECK(has_rule(a.reasons, "L1"));
    CHECK_FALSE(a.week_budget_metres);
    CHECK(a.cap_rule == "L2");
    CHECK(*a.max_metres_today == doctest::Approx(7700));
  }
  SUBCASE("an empty journal: unknown, and what to record first") {
    const Advice a = HistoryBuilder{}.advice();
    CHECK(a.verdict == Verdict::unknown);
    CHECK(a.deciding_rule == "T2");
    CHECK(has_rule(a.reasons, "T2"));
    CHECK_FALSE(has_rule(a.reasons, "T1"));
    CHECK(a.headline == "Not enough data to judge: record today's pain score (niggle pain 0-10).");
    CHECK_FALSE(a.max_metres_today);  // v2: nothing is known of the weeks before a journal
    CHECK(a.cap_rule.empty());
    CHECK_FALSE(a.see_professional);
  }
}

TEST_CASE("advise: calendar edges") {
  SUBCASE("week start Monday or Sunday") {
    HistoryBuilder h;
    h.starting(ymd(2026, 10, 25));  // a Sunday: every baseline week is known either way
    for (Date wed = ymd(2026, 10, 28); wed < kDay; wed = wed.plus_days(7)) h.run(wed, 10);
    h.run(ymd(2026, 11, 22), 10);  // Sunday
    h.pain(kDay, 0);
    Settings monday, sunday;
    sunday.week_start = Weekday::sunday;
    const Advice m = h.advice(kDay, monday);
    const Advice s = h.advice(kDay, sunday);
    CHECK(m.week_so_far_metres == 0);
    CHECK(s.week_so_far_metres == doctest::Approx(10000));
    CHECK(m.figures.weeks.back().start == kMonday);
    CHECK(s.figures.weeks.back().start == ymd(2026, 11, 22));
    CHECK(*m.week_budget_metres == doctest::Approx(1.3 * 12500));  // the Sunday run is in the last baseline week
    CHECK(*s.week_budget_metres == doctest::Approx(13000));
    CHECK(*s.week_left_metres == doctest::Approx(3000));
    CHECK(s.cap_rule == "L1");
    CHECK(*s.max_metres_today == doctest::Approx(3000));
  }
  SUBCASE("a year boundary") {
    const Date day = ymd(2027, 1, 2);  // Saturday; its week began Monday 2026-12-28
    HistoryBuilder h;
    h.starting(ymd(2026, 11, 30));
    for (Date wed = ymd(2026, 12, 2); wed < ymd(2026, 12, 28); wed = wed.plus_days(7)) h.run(wed, 10);
    h.run(ymd(2026, 12, 31), 5);
    h.pain(day, 0);
    const Advice a = h.advice(day);
    CHECK(a.figures.weeks.back().start == ymd(2026, 12, 28));
    CHECK(a.figures.baseline.weeks_with_running == 4);
    CHECK(a.week_so_far_metres == doctest::Approx(5000));
    CHECK(*a.week_left_metres == doctest::Approx(8000));

    HistoryBuilder streak;
    streak.run_daily(ymd(2026, 12, 27), ymd(2027, 1, 1), 5);
    streak.pain(day, 0);
    CHECK(fired(streak.advice(day), "L3"));
    CHECK_FALSE(fired(streak.advice(ymd(2027, 1, 1)), "L3"));
  }
  SUBCASE("a leap day") {
    const Date day = ymd(2028, 3, 1);
    HistoryBuilder h;
    h.run(ymd(2028, 1, 31), 10);  // 30 days before 1 March in a leap year
    h.pain(ymd(2028, 2, 29), 0);  // the day before: fresh
    const Advice a = h.advice(day);
    CHECK(*a.max_metres_today == doctest::Approx(11000));
    CHECK_FALSE(fired(a, "T1"));
    HistoryBuilder earlier;
    earlier.run(ymd(2028, 1, 30), 10);  // 31 days before
    earlier.pain(ymd(2028, 2, 29), 0);
    CHECK(*earlier.advice(day).max_metres_today == doctest::Approx(5000));
    // In a common year, 30 days before 1 March is 30 January.
    HistoryBuilder common;
    common.run(ymd(2027, 1, 30), 10);
    common.pain(ymd(2027, 2, 28), 0);
    const Advice c = common.advice(ymd(2027, 3, 1));
    CHECK(*reason_of(c, "L2")->cap_metres == doctest::Approx(11000));
    // v2: no run in the 28 days before this week (Monday 1 March) is a comeback: L1b's half
    // of that one week's 10 km caps the day below L2.
    CHECK(c.cap_rule == "L1b");
    CHECK(*c.max_metres_today == doctest::Approx(5000));
  }
}

TEST_CASE("history_window") {
  Settings settings;
  CHECK(history_window(kDay, settings).last == kDay);
  // v2: L1b's look-back is the longest: 28 days of break and 26 + 1 weeks before it.
  CHECK(history_window(kDay, settings).first == kMonday.minus_days(28 + 7 * 27));
  settings.advice.comeback_lookback_weeks = 4;
  CHECK(history_window(kDay, settings).first == kMonday.minus_days(28 + 7 * 5));
  settings.advice.baseline_weeks = 12;
  CHECK(history_window(kDay, settings).first == kMonday.minus_days(84));
  settings.week_start = Weekday::sunday;
  CHECK(history_window(kDay, settings).first == ymd(2026, 11, 22).minus_days(84));
}

TEST_CASE("advise: the window holds everything the rules read") {
  // A long, varied history: advice from only the window the command line loads must equal
  // advice from all of it, for every day.
  std::mt19937 random(20261124);
  HistoryBuilder h;
  const Date start = ymd(2026, 6, 1);
  for (Date d = start; d <= kDay; d = d.plus_days(1)) {
    if (random() % 3 != 0) h.run(d, 2.0 + static_cast<double>(random() % 120) / 10.0,
                                 random() % 4 == 0 ? std::optional{Intensity::tempo} : std::nullopt);
    if (random() % 4 != 0) {
      std::vector<Symptom> symptoms;
      if (random() % 25 == 0) symptoms.push_back(Symptom::tingling);
      h.pain({.day = d, .score = static_cast<int>(random() % 9), .walking = static_cast<Walking>(random() % 3),
              .when = static_cast<Timing>(random() % 5), .symptoms = symptoms});
    }
  }
  Settings settings;
  settings.week_start = Weekday::sunday;
  for (Date day = ymd(2026, 9, 1); day <= kDay; day = day.plus_days(3)) {
    const DateRange window = history_window(day, settings);
    History part;
    for (const Session& s : h.history.sessions)
      if (s.meta.date >= window.first && s.meta.date <= window.last) part.sessions.push_back(s);
    for (const PainEntry& p : h.history.pain)
      if (p.meta.date >= window.first && p.meta.date <= window.last) part.pain.push_back(p);
    const Advice whole = advise(h.history, day, settings);
    const Advice windowed = advise(part, day, settings);
    INFO(day.iso());
    CHECK(advice_json(whole, true).dump() == advice_json(windowed, true).dump());
  }
}

TEST_CASE("advise: entries after the day are ignored") {
  HistoryBuilder h = healthy();
  h.pain(kDay.minus_days(3), 1, Walking::better);
  HistoryBuilder later = h;
  later.run(kDay.minus_days(2), 30).pain(kDay.minus_days(2), 9, Walking::worse);
  const Date day = kDay.minus_days(3);
  CHECK(advice_json(h.advice(day), true).dump() == advice_json(later.advice(day), true).dump());
}

TEST_CASE("advice_json") {
  HistoryBuilder h = healthy();
  h.pain({.day = kDay, .score = 4, .walking = Walking::same, .where = Location::lower_back});
  Settings miles;
  miles.units = DistanceUnit::mi;
  const Advice in_km = h.advice();
  const Advice in_mi = h.advice(kDay, miles);
  const Json json = advice_json(in_mi, false);
  CHECK(json["date"] == "2026-11-24");
  CHECK(json["verdict"] == "easy");
  CHECK(json["see_professional"] == false);
  CHECK(json["professional_reason"].is_null());
  CHECK(json["max_km_today"] == 6.0);  // kilometres whatever the display unit; the easy cap (v2)
  CHECK(advice_json(in_km, false)["max_km_today"] == 6.0);
  CHECK(json["week_budget_km"] == 26.0);
  CHECK(json["cap_rule"] == "easy");
  CHECK(json["stop_pain"] == 5);
  REQUIRE(json["reasons"].is_array());
  const Json& first = json["reasons"][0];
  CHECK(first["rule"] == "P5");
  CHECK(first["status"] == "fired");
  CHECK(first["verdict"] == "easy");
  CHECK_FALSE(first["source"].get<std::string>().empty());
  CHECK(json["suggestions"].is_array());
  CHECK_FALSE(json.contains("figures"));
  // Messages use the display unit.
  const auto l2 = std::find_if(json["reasons"].begin(), json["reasons"].end(), [](const Json& r) { return r["rule"] == "L2"; });
  REQUIRE(l2 != json["reasons"].end());
  CHECK((*l2)["message"].get<std::string>().find(" mi") != std::string::npos);

  const Json explained = advice_json(in_km, true);
  REQUIRE(explained.contains("figures"));
  CHECK(explained["figures"]["baseline"]["mean_km"] == 20.0);
  CHECK(explained["figures"]["weeks"].size() == 5);
  CHECK(explained["figures"]["weeks"][4]["current"] == true);
  CHECK(explained["figures"]["weeks"][4]["rest_days"] == 2);  // Monday and Tuesday, no run
  CHECK(explained["checked"].is_array());
}
