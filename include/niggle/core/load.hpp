#pragma once
// Training load: the figures that the load rules (ADVICE-RULES.md L1-L5) and the weekly
// summaries share, so that `advise` and `week` can never disagree about a baseline.
// Running distance counts; walking, cycling and the rest are shown but do not raise it.
// A rest day is a day without a run (core work, stretching or a walk do not break it).
#include <optional>
#include <span>
#include <vector>

#include "niggle/core/entry.hpp"

namespace niggle {

// A session that counts as a run: any session of type run, with or without a distance
// (ADVICE-RULES.md v2). A run logged by time only is a run day and breaks a rest day; its
// distance is unknown and adds nothing to the distances.
bool counts_as_run(const Session& session);
// The distance a run adds: its metres, or 0 when it was logged by time only.
double run_distance(const Session& session);

// One week's running, from its first day (the configured week start).
struct WeekLoad {
  Date start;
  double run_metres = 0;
  int runs = 0;
  double longest_run_metres = 0;
  int hard_runs = 0;  // tempo, intervals, hills or race (L4)
  int rest_days = 7;  // days of the week without a run
  int runs_without_distance = 0;  // runs logged by time only
  // False for a week that starts before the journal does: its running is unknown, not zero.
  bool known = true;
};

// Totals of `weeks` consecutive weeks, the first starting on `first_start`, from the given
// sessions (others are ignored). Oldest first. Weeks starting before `journal_start` are
// marked unknown.
std::vector<WeekLoad> weekly_loads(std::span<const Session> sessions, Date first_start, int weeks,
                                   std::optional<Date> journal_start = std::nullopt);

// True when the journal covers the whole week starting on `start`.
bool week_known(Date start, std::optional<Date> journal_start);

// The baseline of L1 and L4: the mean of the known complete weeks before the current one.
struct Baseline {
  int weeks = 0;               // how many known weeks it covers
  int unknown_weeks = 0;       // weeks before the journal, left out of the mean
  int runs_without_distance = 0;  // in the known weeks
  int weeks_with_running = 0;  // of those, weeks with any running
  double mean_run_metres = 0;  // mean weekly running distance of the known weeks
  double mean_hard_runs = 0;   // mean weekly hard sessions of the known weeks
};
Baseline baseline_of(std::span<const WeekLoad> weeks_before);

// (now - before) / before in percent; nullopt when there is nothing to compare with.
std::optional<double> percent_change(double now, double before);

}  // namespace niggle
