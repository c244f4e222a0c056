#pragma once
// The rules of ADVICE-RULES.md, one function each. `gather_facts` computes every figure once
// from the history; each rule reads the facts, compares them with its thresholds and returns
// a Reason; `advise` (advice.hpp) puts them together. The rules are public so that each can
// be tested at its thresholds on its own.
#include <span>
#include <vector>

#include "niggle/core/advice.hpp"

namespace niggle::rules {

// The history up to the day, sorted, with the figures the rules need.
struct Facts {
  Date day;
  Settings settings;
  std::vector<Session> runs;    // sessions that count as running, up to the day, oldest first
  std::vector<PainEntry> pain;  // pain entries up to the day, in the order of "latest pain"
  std::vector<Visit> visits;    // visits up to the day, by day then id
  AdviceFigures figures;
};
Facts gather_facts(const History& history, Date day, const Settings& settings);

// The days that "the last `hours` hours" covers: the day and ceil(hours / 24) - 1 before it.
int days_covering(int hours);
// The first day of that window.
Date window_start(Date day, int hours);

// Pain entries in the order of "latest pain" (see advice.hpp): by day; within a day by
// `when`, an entry without one ranking with the entries recorded before it (by created_at,
// then id); then in recording order.
std::vector<PainEntry> in_time_order(std::span<const PainEntry> entries);

// Pain and symptoms.
Reason p1_red_flags(const Facts& facts);
Reason p2_serious_cause(const Facts& facts);
Reason p3_severe_pain(const Facts& facts);
Reason p3b_severe_not_worse_walking(const Facts& facts);
Reason p3c_still_severe(const Facts& facts);
Reason p4_mild_pain(const Facts& facts);
Reason p5_moderate_pain(const Facts& facts);
Reason p6_next_morning(const Facts& facts);
Reason p7_getting_worse(const Facts& facts);
Reason p8_nerve_symptoms(const Facts& facts);
Reason p9_persistent_pain(const Facts& facts);
// Training load.
Reason l1_weekly_progression(const Facts& facts);
Reason l1b_comeback(const Facts& facts);
Reason l2_single_run_spike(const Facts& facts);
Reason l2b_after_race(const Facts& facts);
Reason l3_rest_day(const Facts& facts);
Reason l4_one_variable(const Facts& facts);
Reason l5_acute_chronic(const Facts& facts);
// Thin data.
Reason t1_pain_unknown(const Facts& facts);
Reason t2_nothing_to_judge(const Facts& facts);

// The cap an easy verdict adds: the median run of the last `easy_median_days` days.
Reason easy_cap(const Facts& facts);

// Exercises and habits from the source documents that fit the pain's location, the verdict
// and the rule that set it, every one of them: `pick_suggestions` chooses the day's.
struct Suggestions {
  std::vector<std::string> always;  // shown every day they apply (what to record, what to do instead)
  std::vector<std::string> pool;    // varied from day to day
};
Suggestions suggestions_for(const Facts& facts, Verdict verdict, std::string_view deciding_rule,
                            bool serious_cause = false);
// The day's suggestions, `count` in all: every one of `always` (there are never more than
// three), then enough of the pool, starting at a place that the date sets, so they vary
// from day to day yet a test can pin them.
std::vector<std::string> pick_suggestions(const Suggestions& suggestions, Date day, std::size_t count = 3);

}  // namespace niggle::rules
