#include "niggle/core/load.hpp"

#include <algorithm>

namespace niggle {

bool counts_as_run(const Session& session) { return session.type == ActivityType::run; }

double run_distance(const Session& session) {
  return session.metres && *session.metres > 0 ? *session.metres : 0.0;
}

bool week_known(Date start, std::optional<Date> journal_start) { return journal_start && *journal_start <= start; }

std::vector<WeekLoad> weekly_loads(std::span<const Session> sessions, Date first_start, int weeks,
                                   std::optional<Date> journal_start) {
  std::vector<WeekLoad> loads(static_cast<std::size_t>(std::max(weeks, 0)));
  for (std::size_t i = 0; i < loads.size(); ++i) {
    loads[i].start = first_start.plus_days(static_cast<std::int64_t>(i) * 7);
    // Without a journal start (an empty journal), every week counts as known and empty.
    loads[i].known = !journal_start || week_known(loads[i].start, journal_start);
  }
  // Days with a run, per week, so that two runs on one day make one day without rest.
  std::vector<std::vector<bool>> ran(loads.size(), std::vector<bool>(7, false));
  for (const Session& session : sessions) {
    if (!counts_as_run(session)) continue;
    const std::int64_t offset = first_start.days_until(session.meta.date);
    if (offset < 0 || offset >= static_cast<std::int64_t>(loads.size()) * 7) continue;
    WeekLoad& week = loads[static_cast<std::size_t>(offset / 7)];
    week.run_metres += run_distance(session);
    week.runs += 1;
    if (run_distance(session) <= 0) week.runs_without_distance += 1;
    week.longest_run_metres = std::max(week.longest_run_metres, run_distance(session));
    if (session.intensity && is_hard(*session.intensity)) week.hard_runs += 1;
    ran[static_cast<std::size_t>(offset / 7)][static_cast<std::size_t>(offset % 7)] = true;
  }
  for (std::size_t i = 0; i < loads.size(); ++i) {
    loads[i].rest_days = static_cast<int>(std::count(ran[i].begin(), ran[i].end(), false));
  }
  return loads;
}

Baseline baseline_of(std::span<const WeekLoad> weeks_before) {
  Baseline baseline;
  double metres = 0, hard = 0;
  for (const WeekLoad& week : weeks_before) {
    if (!week.known) {
      baseline.unknown_weeks += 1;
      continue;
    }
    baseline.weeks += 1;
    metres += week.run_metres;
    hard += week.hard_runs;
    baseline.runs_without_distance += week.runs_without_distance;
    if (week.run_metres > 0) baseline.weeks_with_running += 1;
  }
  if (baseline.weeks == 0) return baseline;
  baseline.mean_run_metres = metres / static_cast<double>(baseline.weeks);
  baseline.mean_hard_runs = hard / static_cast<double>(baseline.weeks);
  return baseline;
}

std::optional<double> percent_change(double now, double before) {
  if (!(before > 0)) return std::nullopt;
  return (now - before) / before * 100.0;
}

}  // namespace niggle
