#pragma once
// Weekly summaries: the weeks built from totals per day (store/day_totals.hpp sums those by
// SQL over the entry (kind, day) index, so ten years of weeks never mean loading ten years
// of entries).
// Running load, rest days and the baseline follow load.hpp (counts_as_run, baseline_of,
// percent_change), so `niggle week` and `niggle advise` cannot disagree about a change.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/date.hpp"
#include "niggle/core/load.hpp"
#include "niggle/core/plan.hpp"
#include "niggle/core/vocab.hpp"

namespace niggle {

inline constexpr std::size_t kActivityTypeCount = Vocabulary<ActivityType>::names.size();

// Sessions of one activity type.
struct TypeTotals {
  int sessions = 0;
  double metres = 0;         // of the sessions that have a distance
  std::int64_t seconds = 0;  // of the sessions that have a duration
  int timed = 0;             // sessions that have a duration
};
using TotalsByType = std::array<TypeTotals, kActivityTypeCount>;

// One day. A day without a pain entry has no pain_max: "not recorded", never 0.
struct DayTotals {
  Date date;
  TotalsByType by_type{};  // every session, runs included
  // Running load as counts_as_run counts it: every run, a run by time only adding no distance.
  double run_metres = 0;
  int runs = 0;
  double longest_run_metres = 0;
  int hard_runs = 0;
  int runs_without_distance = 0;  // runs logged by time only
  // The day's plans (plan entries, and sessions logged with --planned) and what became of
  // them (match_day); the three sums are theirs.
  std::vector<PlanOutcome> plans;
  int planned_sessions = 0;
  double planned_metres = 0;
  double planned_done_metres = 0;
  // Pain: the day's highest score, and the locations of that entry (the latest, on a tie).
  int pain_entries = 0;
  std::optional<int> pain_max;
  std::vector<Location> pain_location;  // sorted; empty: none given

  // A rest day is a day without a run; core work, stretching or a walk do not break it.
  bool rest_day() const { return runs == 0; }
  int sessions() const;
};

// Week labels. ISO 8601 weeks start on Monday; a week that starts on Sunday is labelled with
// the ISO week of the Monday inside it, so Sun 2026-11-22 to Sat 2026-11-28 is 2026-W48 and
// every label names exactly one week whichever day weeks start on.
std::string week_label(Date start);
// The first day of the week that `label` ("2026-W47") names; throws ValueError.
Date week_from_label(std::string_view label, Weekday first_day);

struct WeekSummary {
  Date start, end;
  std::string label;
  int days_elapsed = 7;  // days up to and including today; 7 once the week is over
  WeekLoad load;         // rest_days counts the elapsed days only
  TotalsByType by_type{};
  // The week's plans, later days' included, settled against today: done, skipped, pending.
  std::vector<PlanOutcome> plans;
  PlanTally plan;
  int planned_sessions = 0;
  double planned_metres = 0;
  double planned_done_metres = 0;
  // Pain over the days that have an entry: the mean of each day's highest score, the highest.
  int pain_days = 0;
  std::optional<double> pain_mean;
  std::optional<int> pain_max;
  std::vector<Location> pain_max_location;  // that day's pain_location
  std::optional<Date> pain_max_date;  // the latest day with the highest score
  // Change of running distance. Against the whole week before and the baseline weeks, as the
  // advice rules compare; an unfinished week is also compared with the same days of the week
  // before, which is the fair comparison while it lasts.
  double prev_run_metres = 0;
  double prev_same_days_run_metres = 0;
  std::optional<double> change_vs_prev_pct;
  std::optional<double> change_vs_prev_same_days_pct;
  Baseline baseline;  // baseline_of the complete weeks before this one
  std::optional<double> change_vs_baseline_pct;
  std::vector<DayTotals> days;  // seven, from `start`

  // The week ends before the journal's first day: nothing about it is known.
  bool before_journal = false;
  std::optional<Date> journal_start;  // days before it are unknown, not rest days

  bool complete() const { return days_elapsed >= 7; }
  int sessions() const;
  std::int64_t seconds() const;  // of the sessions with a duration
  int timed_sessions() const;
};

// Summaries of `count` consecutive weeks, the first starting on `first_start`, oldest first.
// `days` must cover the weeks and the `baseline_weeks` weeks before the first (day_totals
// gives that); days it lacks count as empty. `today` tells which days have happened; what
// the journal holds for later days is left out.
// Weeks that start before `journal_start` are unknown (WeekLoad::known, before_journal):
// left out of baselines, and shown as "before the journal", not as weeks of rest.
std::vector<WeekSummary> summarize_weeks(std::span<const DayTotals> days, Date first_start, int count, Date today,
                                         int baseline_weeks, std::optional<Date> journal_start = std::nullopt);

// Months and years: `niggle summary --by month|year`.
enum class Period { month, year };
Date period_start(Date day, Period period);  // the 1st of its month, or January 1st
Date period_end(Date day, Period period);    // the last day of its month, or December 31st
std::string period_label(Date day, Period period);  // "2026-11", "2026"

struct PeriodSummary {
  std::string label;
  Date first, last;     // the whole period
  int days_elapsed = 0;  // days of the period up to today (and in the range asked for), in the journal
  // Days of the period (up to today, in the range) before the journal began: unknown, so
  // counted neither as rest nor as anything else.
  int days_before_journal = 0;
  TotalsByType by_type{};
  double run_metres = 0;  // running load, as counts_as_run counts it
  int running_days = 0;   // days with a run
  int rest_days = 0;      // elapsed days without one
  int pain_days = 0;      // days with a pain entry
  std::optional<double> pain_mean;  // the mean of each such day's highest score
  int sessions() const;
};

// One summary per period holding a day of [first, last], oldest first; only the days in
// that range, up to `today` and from `journal_start` on count. `days` must cover them
// (day_totals gives that).
std::vector<PeriodSummary> summarize_periods(std::span<const DayTotals> days, Period period, Date first, Date last,
                                             Date today, std::optional<Date> journal_start = std::nullopt);

}  // namespace niggle
