// Each rule of ADVICE-RULES.md at its thresholds and just past them. The day is Tuesday
// 2026-11-24 unless a test says otherwise; weeks start on Monday (2026-11-23).
#include <doctest/doctest.h>

#include "history_builder.hpp"

using namespace niggle;
using namespace niggle::rules;
using niggle::test::HistoryBuilder;
using niggle::test::kDay;
using niggle::test::PainSpec;
using niggle::test::ymd;

namespace {

const Date kMonday = ymd(2026, 11, 23);  // this week's first day

// Four baseline weeks of `km` a week (runs on Tuesday, Thursday and Saturday: 30%, 30%, 40%).
HistoryBuilder with_baseline(double km, int hard_per_week = 0) {
  HistoryBuilder h;
  h.starting(kMonday.minus_days(28));  // the journal covers every baseline week
  for (int w = 4; w >= 1; --w) {
    const Date monday = kMonday.minus_days(7 * w);
    h.run(monday.plus_days(1), km * 0.3, hard_per_week >= 1 ? std::optional{Intensity::tempo} : std::nullopt);
    h.run(monday.plus_days(3), km * 0.3, hard_per_week >= 2 ? std::optional{Intensity::hills} : std::nullopt);
    h.run(monday.plus_days(5), km * 0.4, Intensity::long_run);
  }
  return h;
}

Settings with(auto AdviceThresholds::*field, auto value) {
  Settings s;
  s.advice.*field = value;
  return s;
}

}  // namespace

TEST_CASE("days_covering") {
  CHECK(days_covering(72) == 3);
  CHECK(days_covering(48) == 2);
  CHECK(days_covering(36) == 2);
  CHECK(days_covering(24) == 1);
  CHECK(days_covering(25) == 2);
  CHECK(days_covering(1) == 1);
  CHECK(window_start(kDay, 72) == ymd(2026, 11, 22));
  CHECK(window_start(kDay, 48) == ymd(2026, 11, 23));
}

TEST_CASE("in_time_order") {
  HistoryBuilder h;
  SUBCASE("by when within a day, whatever the recording order") {
    h.pain({.day = kDay, .score = 6, .when = Timing::evening});
    h.pain({.day = kDay, .score = 2, .when = Timing::morning});
    h.pain({.day = kDay.minus_days(1), .score = 9, .when = Timing::evening});
    const auto sorted = in_time_order(h.history.pain);
    REQUIRE(sorted.size() == 3);
    CHECK(sorted[0].score == 9);
    CHECK(sorted[1].score == 2);
    CHECK(sorted.back().score == 6);
  }
  SUBCASE("an entry without when comes after those recorded before it") {
    h.pain({.day = kDay, .score = 5, .when = Timing::morning});
    h.pain({.day = kDay, .score = 3});
    CHECK(in_time_order(h.history.pain).back().score == 3);
  }
  SUBCASE("a later timed entry still orders by its when") {
    h.pain({.day = kDay, .score = 3});
    h.pain({.day = kDay, .score = 7, .when = Timing::after});
    h.pain({.day = kDay, .score = 1, .when = Timing::morning});
    const auto sorted = in_time_order(h.history.pain);
    CHECK(sorted.back().score == 7);
    CHECK(sorted.front().score == 3);  // recorded first, before any timed entry
  }
  SUBCASE("untimed entries of a day keep their id order") {
    h.pain(kDay, 4);
    h.pain(kDay, 2);
    CHECK(in_time_order(h.history.pain).back().score == 2);
  }
}

TEST_CASE("gather_facts") {
  HistoryBuilder h = with_baseline(20);
  h.run(kMonday, 5).run(kDay, 3).run(kDay, 2);
  h.run(kDay, 4, std::nullopt, ActivityType::walk);  // a walk: no load
  h.run(kDay.plus_days(1), 50);                       // after the day: ignored
  h.pain(kDay.plus_days(1), 9);
  const Facts facts = h.facts();
  const AdviceFigures& f = facts.figures;
  REQUIRE(f.weeks.size() == 5);
  CHECK(f.weeks.front().start == kMonday.minus_days(28));
  CHECK(f.baseline.weeks == 4);
  CHECK(f.baseline.weeks_with_running == 4);
  CHECK(f.baseline.mean_run_metres == doctest::Approx(20000));
  CHECK(f.week_so_far_metres == doctest::Approx(10000));
  CHECK(f.last_week_metres == doctest::Approx(20000));
  CHECK(f.ran_today_metres == doctest::Approx(5000));
  CHECK(*f.longest_recent_metres == doctest::Approx(8000));
  CHECK(*f.longest_recent_day == ymd(2026, 11, 21));
  CHECK(*f.last_run_before == kMonday);
  CHECK(f.run_streak_days == 1);
  CHECK(*f.last_rest_day == ymd(2026, 11, 22));
  CHECK_FALSE(f.latest_pain);  // the only entry is after the day
  CHECK(facts.runs.size() == 15);
}

// ---------------------------------------------------------------------------------------

TEST_CASE("p1_red_flags") {
  HistoryBuilder h;
  SUBCASE("bladder trouble today is urgent") {
    h.pain({.day = kDay, .score = 3, .symptoms = {Symptom::bladder}});
    const Reason r = p1_red_flags(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::urgent);
    CHECK(r.professional);
    CHECK(r.message.find("emergency") != std::string::npos);
  }
  // v2: 14 days (the day and the 13 before), not 72 h; changed from the v1 tests of 72 h.
  SUBCASE("13 days before is inside the 14 days") {
    h.pain({.day = kDay.minus_days(13), .score = 2, .symptoms = {Symptom::saddle_numbness}});
    CHECK(p1_red_flags(h.facts()).status == RuleStatus::fired);
  }
  SUBCASE("14 and 15 days before are outside it, and the window is configurable") {
    h.pain({.day = kDay.minus_days(14), .score = 2, .symptoms = {Symptom::bowel}});
    CHECK(p1_red_flags(h.facts()).status == RuleStatus::ok);
    CHECK(p1_red_flags(h.facts(kDay, with(&AdviceThresholds::red_flag_days, 15))).status == RuleStatus::fired);
    HistoryBuilder older;
    older.pain({.day = kDay.minus_days(15), .score = 2, .symptoms = {Symptom::bowel}});
    CHECK(p1_red_flags(older.facts()).status == RuleStatus::ok);
  }
  SUBCASE("three evenings ago followed by a good day is still urgent") {
    h.pain({.day = kDay.minus_days(3), .score = 3, .when = Timing::evening, .symptoms = {Symptom::bladder}});
    h.pain(kDay.minus_days(1), 1, Walking::better).pain(kDay, 0, Walking::better);
    const Advice a = h.advice();
    CHECK(a.verdict == Verdict::urgent);
    CHECK(a.deciding_rule == "P1");
    CHECK(a.headline.find("physio") == std::string::npos);
  }
  SUBCASE("weakness in both legs is a red flag, in one leg it is not") {
    h.pain({.day = kDay, .score = 4, .symptoms = {Symptom::weakness}, .side = Side::both});
    CHECK(p1_red_flags(h.facts()).status == RuleStatus::fired);
    HistoryBuilder one_side;
    one_side.pain({.day = kDay, .score = 4, .symptoms = {Symptom::weakness}, .side = Side::left});
    CHECK(p1_red_flags(one_side.facts()).status == RuleStatus::ok);
  }
  SUBCASE("pain worse with coughing is a nerve sign, not an emergency") {
    h.pain({.day = kDay, .score = 4, .symptoms = {Symptom::cough_worse, Symptom::leg_pain}});
    CHECK(p1_red_flags(h.facts()).status == RuleStatus::ok);
  }
}

TEST_CASE("p2_serious_cause") {
  HistoryBuilder h;
  SUBCASE("fever within 72 h: rest and see a doctor soon") {
    h.pain({.day = kDay.minus_days(2), .score = 4, .symptoms = {Symptom::fever}});
    const Reason r = p2_serious_cause(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::rest);
    REQUIRE(r.professional);
    CHECK(r.professional->find("doctor soon") != std::string::npos);
  }
  SUBCASE("each serious-cause symptom") {
    for (Symptom s : {Symptom::weight_loss, Symptom::night_pain, Symptom::trauma}) {
      HistoryBuilder one;
      one.pain({.day = kDay, .score = 3, .symptoms = {s}});
      CHECK(p2_serious_cause(one.facts()).verdict == Verdict::rest);
    }
  }
  // v2: after 72 h no more rest, but a doctor is still asked for, for 14 days.
  SUBCASE("older than 72 h: no rest, still see a doctor") {
    h.pain({.day = kDay.minus_days(3), .score = 4, .symptoms = {Symptom::trauma}});
    const Reason r = p2_serious_cause(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK_FALSE(r.verdict);
    CHECK(r.professional);
  }
  SUBCASE("13 days asks for a doctor, 14 no longer") {
    h.pain({.day = kDay.minus_days(13), .score = 4, .symptoms = {Symptom::fever}});
    CHECK(p2_serious_cause(h.facts()).professional);
    HistoryBuilder old;
    old.pain({.day = kDay.minus_days(14), .score = 4, .symptoms = {Symptom::fever}});
    CHECK(p2_serious_cause(old.facts()).status == RuleStatus::ok);
  }
  SUBCASE("a visit after it answers it, seen on that day") {
    h.pain({.day = kDay.minus_days(5), .score = 4, .symptoms = {Symptom::fever}});
    h.visit(kDay.minus_days(4), VisitKind::physio);
    const Reason r = p2_serious_cause(h.facts());
    CHECK(r.status == RuleStatus::info);
    CHECK_FALSE(r.professional);
    CHECK(r.message.find("seen on Fri 2026-11-20") != std::string::npos);
  }
  SUBCASE("a visit before it does not") {
    h.visit(kDay.minus_days(6), VisitKind::doctor);
    h.pain({.day = kDay.minus_days(5), .score = 4, .symptoms = {Symptom::fever}});
    CHECK(p2_serious_cause(h.facts()).professional);
  }
}

TEST_CASE("p3_severe_pain") {
  HistoryBuilder h;
  SUBCASE("8 and worse walking: rest") {
    h.pain(kDay, 8, Walking::worse);
    const Reason r = p3_severe_pain(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::rest);
  }
  SUBCASE("7 and worse walking is not severe") {
    h.pain(kDay, 7, Walking::worse);
    CHECK(p3_severe_pain(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("8 with walking not recorded counts as worse") {
    h.pain(kDay, 8);
    CHECK(p3_severe_pain(h.facts()).verdict == Verdict::rest);
  }
  SUBCASE("8 and better walking is P3b's") {
    h.pain(kDay, 8, Walking::better);
    CHECK(p3_severe_pain(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("the threshold comes from the settings") {
    h.pain(kDay, 8, Walking::worse);
    CHECK(p3_severe_pain(h.facts(kDay, with(&AdviceThresholds::severe_pain, 9))).status == RuleStatus::ok);
  }
  SUBCASE("walking from an earlier entry of the same day") {
    h.pain({.day = kDay, .score = 5, .walking = Walking::worse, .when = Timing::morning});
    h.pain({.day = kDay, .score = 9, .when = Timing::evening});
    CHECK(p3_severe_pain(h.facts()).verdict == Verdict::rest);
  }
  SUBCASE("a score older than 48 h cannot be judged by") {
    h.pain(kDay.minus_days(2), 9, Walking::worse);
    CHECK(p3_severe_pain(h.facts()).status == RuleStatus::no_data);
    HistoryBuilder yesterday;
    yesterday.pain(kDay.minus_days(1), 9, Walking::worse);
    CHECK(p3_severe_pain(yesterday.facts()).status == RuleStatus::fired);
  }
  // v2 reverses v1's "the latest entry decides": a later milder entry hides nothing.
  SUBCASE("the day's highest score decides, not a later milder entry") {
    h.pain({.day = kDay, .score = 9, .walking = Walking::worse, .when = Timing::morning});
    h.pain({.day = kDay, .score = 4, .walking = Walking::better, .when = Timing::evening});
    CHECK(p3_severe_pain(h.facts()).verdict == Verdict::rest);
  }
  SUBCASE("a back-filled milder entry hides nothing either") {
    h.pain({.day = kDay, .score = 8, .walking = Walking::worse});
    h.pain({.day = kDay, .score = 2, .walking = Walking::better, .when = Timing::evening});
    CHECK(p3_severe_pain(h.facts()).verdict == Verdict::rest);
  }
  SUBCASE("an entry's walking answer is its own, never another entry's") {
    h.pain({.day = kDay, .score = 2, .walking = Walking::better, .when = Timing::morning});
    h.pain({.day = kDay, .score = 8, .when = Timing::evening});  // says nothing about walking
    const Reason r = p3_severe_pain(h.facts());
    CHECK(r.verdict == Verdict::rest);
    CHECK(p3b_severe_not_worse_walking(h.facts()).status == RuleStatus::ok);
  }
}

TEST_CASE("p3b_severe_not_worse_walking") {
  HistoryBuilder h;
  SUBCASE("8 and the same walking: cross-train at most") {
    h.pain(kDay, 8, Walking::same);
    const Reason r = p3b_severe_not_worse_walking(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::cross_train);
  }
  SUBCASE("10 and better walking") {
    h.pain(kDay, 10, Walking::better);
    CHECK(p3b_severe_not_worse_walking(h.facts()).verdict == Verdict::cross_train);
  }
  SUBCASE("7 and the same walking is not severe") {
    h.pain(kDay, 7, Walking::same);
    CHECK(p3b_severe_not_worse_walking(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("8 and worse walking is P3's") {
    h.pain(kDay, 8, Walking::worse);
    CHECK(p3b_severe_not_worse_walking(h.facts()).status == RuleStatus::ok);
  }
}

TEST_CASE("p4_mild_pain") {
  HistoryBuilder h;
  SUBCASE("2 and better walking: may run, no cap") {
    h.pain(kDay, 2, Walking::better);
    const Reason r = p4_mild_pain(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::go);
    CHECK_FALSE(r.cap_metres);
  }
  SUBCASE("3 and better walking is not mild") {
    h.pain(kDay, 3, Walking::better);
    CHECK(p4_mild_pain(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("no pain needs no walking answer") {
    h.pain(kDay, 0);
    CHECK(p4_mild_pain(h.facts()).verdict == Verdict::go);
  }
  SUBCASE("mild pain that walking does not ease: easy") {
    h.pain(kDay, 2, Walking::same);
    CHECK(p4_mild_pain(h.facts()).verdict == Verdict::easy);
    HistoryBuilder unrecorded;
    unrecorded.pain(kDay, 1);
    CHECK(p4_mild_pain(unrecorded.facts()).verdict == Verdict::easy);
  }
  SUBCASE("the threshold comes from the settings") {
    h.pain(kDay, 3, Walking::better);
    CHECK(p4_mild_pain(h.facts(kDay, with(&AdviceThresholds::mild_pain, 3))).verdict == Verdict::go);
  }
}

TEST_CASE("p5_moderate_pain") {
  const auto verdict_for = [](int score, const Settings& settings = {}) {
    HistoryBuilder h;
    h.pain(kDay, score, Walking::same);
    return p5_moderate_pain(h.facts(kDay, settings));
  };
  SUBCASE("3 to 5: easy with the stop rule") {
    CHECK(verdict_for(3).verdict == Verdict::easy);
    CHECK(verdict_for(5).verdict == Verdict::easy);
    CHECK(verdict_for(5).message.find("above 5/10") != std::string::npos);
  }
  SUBCASE("6 and 7: cross-train") {
    CHECK(verdict_for(6).verdict == Verdict::cross_train);
    CHECK(verdict_for(7).verdict == Verdict::cross_train);
  }
  SUBCASE("outside 3-7 it is another rule's") {
    CHECK(verdict_for(2).status == RuleStatus::ok);
    CHECK(verdict_for(8).status == RuleStatus::ok);
  }
  SUBCASE("the easy limit comes from the settings") {
    CHECK(verdict_for(6, with(&AdviceThresholds::easy_pain_max, 6)).verdict == Verdict::easy);
    CHECK(verdict_for(5, with(&AdviceThresholds::easy_pain_max, 4)).verdict == Verdict::cross_train);
  }
}

TEST_CASE("p6_next_morning") {
  HistoryBuilder h;
  h.run(kDay.minus_days(1), 8);
  SUBCASE("2 points above the day before the run: cross-train") {
    h.pain(kDay.minus_days(2), 2);
    h.pain({.day = kDay, .score = 4, .when = Timing::morning});
    const Reason r = p6_next_morning(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::cross_train);
  }
  SUBCASE("1 point above: it settled") {
    h.pain(kDay.minus_days(2), 2);
    h.pain({.day = kDay, .score = 3, .when = Timing::morning});
    CHECK(p6_next_morning(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("above 5 fires without a day before to compare") {
    h.pain({.day = kDay, .score = 6, .when = Timing::morning});
    CHECK(p6_next_morning(h.facts()).verdict == Verdict::cross_train);
  }
  SUBCASE("5 is not above 5") {
    h.pain(kDay.minus_days(2), 4);
    h.pain({.day = kDay, .score = 5, .when = Timing::morning});
    CHECK(p6_next_morning(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("an untimed entry stands for the morning; an evening one does not") {
    h.pain(kDay, 6);
    CHECK(p6_next_morning(h.facts()).status == RuleStatus::fired);
    HistoryBuilder evening;
    evening.run(kDay.minus_days(1), 8);
    evening.pain({.day = kDay, .score = 6, .when = Timing::evening});
    CHECK(p6_next_morning(evening.facts()).status == RuleStatus::no_data);
  }
  SUBCASE("no run yesterday: nothing to check") {
    HistoryBuilder earlier;
    earlier.run(kDay.minus_days(2), 8);
    earlier.pain({.day = kDay, .score = 7, .when = Timing::morning});
    CHECK(p6_next_morning(earlier.facts()).status == RuleStatus::ok);
  }
}

TEST_CASE("p7_getting_worse") {
  SUBCASE("a rise of 1 point freezes the budget at last week's distance") {
    HistoryBuilder h = with_baseline(20);
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(7), 3);
    h.pain_daily(kDay.minus_days(6), kDay, 4);
    h.run(kMonday, 6);
    const Reason r = p7_getting_worse(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(*r.week_budget_metres == doctest::Approx(20000));
    CHECK(*r.cap_metres == doctest::Approx(14000));
    CHECK_FALSE(r.verdict);
  }
  SUBCASE("a rise just under 1 point does not") {
    HistoryBuilder h = with_baseline(20);
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(7), 3);  // mean 3
    h.pain_daily(kDay.minus_days(6), kDay.minus_days(1), 4);
    h.pain(kDay, 3);  // 6 x 4 + 3 = 27 over 7 days: 3.86
    CHECK(p7_getting_worse(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("the delta comes from the settings") {
    HistoryBuilder h;
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(7), 3);
    h.pain_daily(kDay.minus_days(6), kDay, 4);
    CHECK(p7_getting_worse(h.facts(kDay, with(&AdviceThresholds::worsening_delta, 1.5))).status == RuleStatus::ok);
  }
  SUBCASE("at last week's distance already: cross-train") {
    HistoryBuilder h = with_baseline(20);
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(7), 2);
    h.pain_daily(kDay.minus_days(6), kDay, 4);
    h.run(kMonday, 20);
    const Reason r = p7_getting_worse(h.facts());
    CHECK(r.verdict == Verdict::cross_train);
    CHECK(*r.cap_metres == 0);
  }
  SUBCASE("one day of entries in a week is not a trend") {
    HistoryBuilder h;
    h.pain(kDay.minus_days(8), 1);
    h.pain_daily(kDay.minus_days(6), kDay, 6);
    CHECK(p7_getting_worse(h.facts()).status == RuleStatus::no_data);
  }
}

TEST_CASE("p8_nerve_symptoms") {
  HistoryBuilder h;
  SUBCASE("tingling on the latest day: see a professional, cross-train") {
    h.pain({.day = kDay, .score = 3, .symptoms = {Symptom::tingling}});
    const Reason r = p8_nerve_symptoms(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::cross_train);
    CHECK(r.professional);
  }
  SUBCASE("each nerve symptom") {
    for (Symptom s : {Symptom::numbness, Symptom::burning, Symptom::leg_pain, Symptom::cough_worse}) {
      HistoryBuilder one;
      one.pain({.day = kDay, .score = 2, .symptoms = {s}});
      CHECK(p8_nerve_symptoms(one.facts()).verdict == Verdict::cross_train);
    }
  }
  SUBCASE("gone once a later day is recorded without them") {
    h.pain({.day = kDay.minus_days(1), .score = 4, .symptoms = {Symptom::leg_pain}});
    h.pain(kDay, 2);
    CHECK(p8_nerve_symptoms(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("still there on an earlier entry of the latest day") {
    h.pain({.day = kDay, .score = 4, .when = Timing::morning, .symptoms = {Symptom::numbness}});
    h.pain({.day = kDay, .score = 2, .when = Timing::evening});
    CHECK(p8_nerve_symptoms(h.facts()).status == RuleStatus::fired);
  }
  SUBCASE("weakness in one leg says when it becomes an emergency") {
    h.pain({.day = kDay, .score = 4, .symptoms = {Symptom::weakness}, .side = Side::right});
    const Reason r = p8_nerve_symptoms(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.message.find("both legs or getting worse, seek emergency care") != std::string::npos);
  }
  SUBCASE("a red flag older than P1's 14 days on the latest day is not forgotten") {
    h.pain({.day = kDay.minus_days(14), .score = 4, .symptoms = {Symptom::bladder}});
    const Reason r = p8_nerve_symptoms(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.message.find("if it is still there, seek emergency care now") != std::string::npos);
  }
}

TEST_CASE("p9_persistent_pain") {
  SUBCASE("pain of 3 or more on 10 of the last 14 days with entries") {
    HistoryBuilder h;
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(10), 1);  // 4 days of 1
    h.pain_daily(kDay.minus_days(9), kDay, 3);                  // 10 days of 3
    const Reason r = p9_persistent_pain(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.professional);
    CHECK_FALSE(r.verdict);
  }
  SUBCASE("9 of 14, improving, is not persistent") {
    HistoryBuilder h;
    h.pain_daily(kDay.minus_days(13), kDay.minus_days(5), 4);  // 9 days of 4
    h.pain_daily(kDay.minus_days(4), kDay, 1);                 // 5 days of 1
    CHECK(p9_persistent_pain(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("the days with entries, not calendar days") {
    HistoryBuilder h;
    for (int i = 0; i < 10; ++i) h.pain(kDay.minus_days(2 * i), 5);  // every other day, 19 days back
    h.pain(kDay.minus_days(1), 1);
    h.pain(kDay.minus_days(3), 1);
    h.pain(kDay.minus_days(5), 1);
    h.pain(kDay.minus_days(7), 1);
    const Facts facts = h.facts();
    CHECK(facts.figures.persistent_days_counted == 14);
    CHECK(facts.figures.persistent_painful_days == 10);
    CHECK(p9_persistent_pain(facts).status == RuleStatus::fired);
  }
  SUBCASE("no improvement over 14 days, with sparse entries") {
    HistoryBuilder h;
    h.pain(kDay.minus_days(12), 4).pain(kDay.minus_days(9), 4);
    h.pain(kDay.minus_days(4), 4).pain(kDay.minus_days(1), 5);
    CHECK(p9_persistent_pain(h.facts()).status == RuleStatus::fired);
  }
  SUBCASE("sparse entries that improve") {
    HistoryBuilder h;
    h.pain(kDay.minus_days(12), 5).pain(kDay.minus_days(9), 5);
    h.pain(kDay.minus_days(4), 4).pain(kDay.minus_days(1), 4);
    CHECK(p9_persistent_pain(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("too few entries") {
    HistoryBuilder h;
    h.pain(kDay, 6);
    CHECK(p9_persistent_pain(h.facts()).status == RuleStatus::no_data);
  }
}

// ---------------------------------------------------------------------------------------

TEST_CASE("l1_weekly_progression") {
  SUBCASE("caps today at what is left of 1.30 x the 4-week mean") {
    HistoryBuilder h = with_baseline(20);
    h.run(kMonday, 10);
    const Reason r = l1_weekly_progression(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(*r.week_budget_metres == doctest::Approx(26000));
    CHECK(*r.cap_metres == doctest::Approx(16000));
    CHECK_FALSE(r.verdict);
  }
  SUBCASE("1.29 x the mean so far: still under the budget") {
    HistoryBuilder h = with_baseline(20);
    h.run(kMonday, 25.8);
    const Reason r = l1_weekly_progression(h.facts());
    CHECK_FALSE(r.verdict);
    CHECK(*r.cap_metres == doctest::Approx(200));
  }
  SUBCASE("1.31 x the mean so far: cross-train for the rest of the week") {
    HistoryBuilder h = with_baseline(20);
    h.run(kMonday, 26.2);
    const Reason r = l1_weekly_progression(h.facts());
    CHECK(r.verdict == Verdict::cross_train);
    CHECK(*r.cap_metres == 0);
  }
  SUBCASE("runs already logged today count") {
    HistoryBuilder h = with_baseline(20);
    h.run(kMonday, 20).run(kDay, 6);
    CHECK(l1_weekly_progression(h.facts()).verdict == Verdict::cross_train);
  }
  SUBCASE("the ratio comes from the settings") {
    HistoryBuilder h = with_baseline(20);
    h.run(kMonday, 10);
    CHECK(*l1_weekly_progression(h.facts(kDay, with(&AdviceThresholds::weekly_ratio, 1.5))).cap_metres ==
          doctest::Approx(20000));
  }
  SUBCASE("fewer than 2 baseline weeks with running: cannot judge, no cap") {
    HistoryBuilder h;
    h.starting(kMonday.minus_days(28));
    h.run(kMonday.minus_days(5), 10);
    const Reason r = l1_weekly_progression(h.facts());
    CHECK(r.status == RuleStatus::no_data);
    CHECK_FALSE(r.cap_metres);
    h.run(kMonday.minus_days(12), 10);  // a second week with running
    const Reason judged = l1_weekly_progression(h.facts());
    CHECK(judged.status == RuleStatus::fired);
    CHECK(*judged.week_budget_metres == doctest::Approx(1.3 * 5000));
  }
}

TEST_CASE("l2_single_run_spike") {
  HistoryBuilder h;
  h.run(kDay.minus_days(10), 10);
  SUBCASE("caps today at 1.10 x the longest run of the previous 30 days") {
    const Reason r = l2_single_run_spike(h.facts());
    CHECK(r.status == RuleStatus::fired);
    const double cap = *r.cap_metres;
    CHECK(cap == doctest::Approx(11000));
    CHECK(11000.0 <= cap + 1e-6);  // 10% longer: within the cap
    CHECK(11100.0 > cap);          // 11% longer: past it
  }
  SUBCASE("what is run today already counts against the cap") {
    h.run(kDay, 7);
    CHECK(*l2_single_run_spike(h.facts()).cap_metres == doctest::Approx(4000));
    h.run(kDay, 4);
    const Reason r = l2_single_run_spike(h.facts());
    CHECK(r.verdict == Verdict::cross_train);
    CHECK(*r.cap_metres == 0);
  }
  SUBCASE("a run 30 days before counts, 31 days before does not") {
    HistoryBuilder edge;
    edge.run(kDay.minus_days(30), 12);
    CHECK(*l2_single_run_spike(edge.facts()).cap_metres == doctest::Approx(13200));
    HistoryBuilder past;
    past.run(kDay.minus_days(31), 12);
    CHECK(*l2_single_run_spike(past.facts()).cap_metres == doctest::Approx(5000));  // return to running
  }
  SUBCASE("no run in 30 days: the return-to-running cap") {
    HistoryBuilder none;
    none.starting(kDay.minus_days(30));
    const Reason r = l2_single_run_spike(none.facts(kDay, with(&AdviceThresholds::return_to_run_km, 3.0)));
    CHECK(*r.cap_metres == doctest::Approx(3000));
    CHECK(r.message.find("return to running") != std::string::npos);
    CHECK(r.name == "single-run spike: return to running");
  }
  SUBCASE("the ratio comes from the settings") {
    CHECK(*l2_single_run_spike(h.facts(kDay, with(&AdviceThresholds::spike_ratio, 1.2))).cap_metres ==
          doctest::Approx(12000));
  }
}

TEST_CASE("l3_rest_day") {
  SUBCASE("a run on each of the previous 6 days: rest") {
    HistoryBuilder h;
    h.run_daily(kDay.minus_days(6), kDay.minus_days(1), 5);  // the rest day was 7 days ago
    const Reason r = l3_rest_day(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::rest);
  }
  SUBCASE("a rest day 6 days ago is within the week") {
    HistoryBuilder h;
    h.run_daily(kDay.minus_days(5), kDay.minus_days(1), 5);
    h.run(kDay.minus_days(7), 5);
    CHECK(l3_rest_day(h.facts()).status == RuleStatus::ok);
    CHECK(*h.facts().figures.last_rest_day == kDay.minus_days(6));
  }
  SUBCASE("a walk, core work or stretching do not break a rest day") {
    HistoryBuilder h;
    h.run_daily(kDay.minus_days(6), kDay.minus_days(1), 5);
    h.history.sessions.erase(h.history.sessions.begin() + 2);  // no run 4 days ago...
    h.run(kDay.minus_days(4), 6, std::nullopt, ActivityType::walk);  // ...only a walk
    CHECK(l3_rest_day(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("the number of days comes from the settings") {
    HistoryBuilder h;
    h.run_daily(kDay.minus_days(5), kDay.minus_days(1), 5);
    CHECK(l3_rest_day(h.facts(kDay, with(&AdviceThresholds::max_days_without_rest, 5))).verdict == Verdict::rest);
  }
}

TEST_CASE("l4_one_variable") {
  // Baseline: 20 km a week with one tempo run.
  SUBCASE("11% more distance and more hard sessions: a warning") {
    HistoryBuilder h = with_baseline(20, 1);
    h.run(kMonday, 12.2, Intensity::intervals).run(kDay, 10, Intensity::hills);
    const Reason r = l4_one_variable(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.warning);
    CHECK_FALSE(r.verdict);
  }
  SUBCASE("10% more distance is not more than 10%") {
    HistoryBuilder h = with_baseline(20, 1);
    h.run(kMonday, 12, Intensity::intervals).run(kDay, 10, Intensity::hills);
    CHECK(l4_one_variable(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("more distance at the same intensity") {
    HistoryBuilder h = with_baseline(20, 1);
    h.run(kMonday, 15, Intensity::tempo).run(kDay, 10);
    CHECK(l4_one_variable(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("no baseline") {
    HistoryBuilder h;
    h.run(kMonday, 15, Intensity::tempo);
    CHECK(l4_one_variable(h.facts()).status == RuleStatus::no_data);
  }
}

TEST_CASE("l5_acute_chronic") {
  // 28 days before the last 7: one 20 km run a week, a 7-day mean of 20 km.
  HistoryBuilder h;
  h.starting(kDay.minus_days(34));  // the journal covers the 35 days
  for (int w = 1; w <= 4; ++w) h.run(kDay.minus_days(6 + 7 * w - 3), 20);
  SUBCASE("1.5: a warning, never a verdict") {
    h.run(kDay.minus_days(2), 30);
    const Reason r = l5_acute_chronic(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.warning);
    CHECK_FALSE(r.verdict);
    CHECK_FALSE(r.cap_metres);
    CHECK(*h.facts().figures.acwr == doctest::Approx(1.5));
  }
  SUBCASE("just under 1.5: shown for information") {
    h.run(kDay.minus_days(2), 29.9);
    CHECK(l5_acute_chronic(h.facts()).status == RuleStatus::info);
  }
  SUBCASE("nothing in the 28 days before") {
    HistoryBuilder recent;
    recent.run(kDay, 10);
    CHECK(l5_acute_chronic(recent.facts()).status == RuleStatus::no_data);
  }
}

TEST_CASE("t1_pain_unknown") {
  HistoryBuilder h;
  h.run(kDay.minus_days(3), 5);
  SUBCASE("no pain score in 48 h: at best easy") {
    h.pain(kDay.minus_days(2), 1, Walking::better);
    const Reason r = t1_pain_unknown(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::easy);
  }
  SUBCASE("yesterday's score is fresh") {
    h.pain(kDay.minus_days(1), 1, Walking::better);
    CHECK(t1_pain_unknown(h.facts()).status == RuleStatus::ok);
  }
}

TEST_CASE("t2_nothing_to_judge") {
  HistoryBuilder h;
  SUBCASE("an empty history: unknown") {
    const Reason r = t2_nothing_to_judge(h.facts());
    CHECK(r.status == RuleStatus::fired);
    CHECK(r.verdict == Verdict::unknown);
    CHECK(r.message.find("niggle pain") != std::string::npos);
  }
  SUBCASE("a run in the spike window is something to judge") {
    h.run(kDay.minus_days(30), 5);
    CHECK(t2_nothing_to_judge(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("a fresh pain score is something to judge") {
    h.pain(kDay, 2);
    CHECK(t2_nothing_to_judge(h.facts()).status == RuleStatus::ok);
  }
  SUBCASE("old entries only") {
    h.run(kDay.minus_days(31), 5).pain(kDay.minus_days(2), 2);
    CHECK(t2_nothing_to_judge(h.facts()).status == RuleStatus::fired);
  }
}

TEST_CASE("suggestions_for") {
  // Every suggestion that fits, the day's pick aside (v2: suggestions_for returns both lists).
  const auto contains = [](const Suggestions& s, std::string_view text) {
    std::vector<std::string> list = s.always;
    list.insert(list.end(), s.pool.begin(), s.pool.end());
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return x.find(text) != std::string::npos; });
  };
  SUBCASE("lower back on a run day") {
    HistoryBuilder h;
    h.pain({.day = kDay, .score = 1, .walking = Walking::better, .where = Location::lower_back});
    const auto list = suggestions_for(h.facts(), Verdict::go, "P4");
    CHECK(contains(list, "piriformis"));
    CHECK(contains(list, "deadlifts"));
    CHECK(contains(list, "air squats"));
    CHECK_FALSE(contains(list, "cat-cow"));
  }
  SUBCASE("upper back") {
    HistoryBuilder h;
    h.pain({.day = kDay, .score = 4, .walking = Walking::same, .where = Location::upper_back});
    const auto list = suggestions_for(h.facts(), Verdict::easy, "P5");
    CHECK(contains(list, "cat-cow"));
    CHECK(contains(list, "180"));
    CHECK_FALSE(contains(list, "piriformis"));
  }
  SUBCASE("deadlifts only once lifting is pain-free") {
    HistoryBuilder h;
    h.pain({.day = kDay, .score = 4, .walking = Walking::better, .where = Location::lower_back});
    const auto list = suggestions_for(h.facts(), Verdict::easy, "P5");
    CHECK(contains(list, "piriformis"));
    CHECK_FALSE(contains(list, "deadlifts"));
  }
  SUBCASE("cross-training without walking when walking makes it worse") {
    HistoryBuilder h;
    h.pain({.day = kDay, .score = 6, .walking = Walking::worse, .where = Location::lower_back});
    const auto list = suggestions_for(h.facts(), Verdict::cross_train, "P5");
    CHECK(contains(list, "the elliptical, swimming or easy spinning"));
    CHECK_FALSE(contains(list, "walking, the elliptical"));
    CHECK_FALSE(contains(list, "Keep walking"));
    CHECK_FALSE(contains(list, "air squats"));  // not a run day
  }
  SUBCASE("nothing but care for a red flag") {
    HistoryBuilder h;
    h.pain({.day = kDay, .score = 3, .symptoms = {Symptom::bladder}, .where = Location::lower_back});
    const Suggestions s = suggestions_for(h.facts(), Verdict::urgent, "P1");
    CHECK(s.always.empty());
    CHECK(s.pool.empty());
  }
  SUBCASE("a pain score asked for when there is none") {
    HistoryBuilder h;
    CHECK(contains(suggestions_for(h.facts(), Verdict::unknown, "T2"), "niggle pain"));
  }
}
