#include "niggle/core/summary.hpp"
#include <fmt/format.h>

#include <algorithm>

namespace niggle {
namespace {

int days_elapsed(Date start, Date today) {
  return static_cast<int>(std::clamp<std::int64_t>(start.days_until(today) + 1, 0, 7));
}

}  // namespace

int DayTotals::sessions() const {
  int n = 0;
  for (const TypeTotals& type : by_type) n += type.sessions;
  return n;
}

int WeekSummary::sessions() const {
  int n = 0;
  for (const TypeTotals& type : by_type) n += type.sessions;
  return n;
}

std::int64_t WeekSummary::seconds() const {
  std::int64_t n = 0;
  for (const TypeTotals& type : by_type) n += type.seconds;
  return n;
}

int WeekSummary::timed_sessions() const {
  int n = 0;
  for (const TypeTotals& type : by_type) n += type.timed;
  return n;
}

std::string week_label(Date start) {
  // The Monday inside the seven days from `start`: the start itself for ISO weeks.
  return iso_week_label(week_start(start.plus_days(6), Weekday::monday));
}

Date week_from_label(std::string_view label, Weekday first_day) {
  const Date monday = parse_iso_week(label);
  return week_start(monday, first_day);
}

std::vector<WeekSummary> summarize_weeks(std::span<const DayTotals> days, Date first_start, int count, Date today,
                                         int baseline_weeks, std::optional<Date> journal_start) {
  count = std::max(count, 0);
  baseline_weeks = std::max(baseline_weeks, 0);
  // At least one week before the first, for the change against the week before.
  const int lead = std::max(baseline_weeks, 1);
  const Date origin = first_start.minus_days(7 * static_cast<std::int64_t>(lead));
  const auto total_weeks = static_cast<std::size_t>(count + lead);

  std::vector<DayTotals> all(total_weeks * 7);
  for (std::size_t i = 0; i < all.size(); ++i) all[i].date = origin.plus_days(static_cast<std::int64_t>(i));
  for (const DayTotals& day : days) {
    // A day after today has not happened, whatever the journal holds (an import, a clock
    // that was wrong): leaving it out keeps a report pinned with NIGGLE_TODAY reproducible.
    const std::int64_t offset = origin.days_until(day.date);
    if (offset < 0 || offset >= static_cast<std::int64_t>(all.size())) continue;
    DayTotals& slot = all[static_cast<std::size_t>(offset)];
    if (day.date > today) {
      // ...but the plans made for those days are the rest of the week's plan, not done yet.
      for (PlanOutcome outcome : day.plans) {
        if (outcome.plan_id == 0) continue;  // a session's own --planned: that session has not happened
        outcome.state = PlanState::pending;
        outcome.session_id.reset();
        outcome.done_metres = 0;
        slot.planned_sessions += 1;
        slot.planned_metres += outcome.planned_metres.value_or(0);
        slot.plans.push_back(outcome);
      }
      continue;
    }
    slot = day;
    settle(slot.plans, today);
  }

  // The load of every week, counting only the days that have happened as rest days.
  std::vector<WeekLoad> loads(total_weeks);
  for (std::size_t w = 0; w < total_weeks; ++w) {
    WeekLoad& load = loads[w];
    load.start = origin.plus_days(static_cast<std::int64_t>(w) * 7);
    load.known = !journal_start || week_known(load.start, journal_start);
    const int elapsed = days_elapsed(load.start, today);
    load.rest_days = 0;
    for (std::size_t d = 0; d < 7; ++d) {
      const DayTotals& day = all[w * 7 + d];
      load.run_metres += day.run_metres;
      load.runs += day.runs;
      load.longest_run_metres = std::max(load.longest_run_metres, day.longest_run_metres);
      load.hard_runs += day.hard_runs;
      load.runs_without_distance += day.runs_without_distance;
      // Days before the journal are not rest days: nothing is known of them.
      const bool covered = !journal_start || day.date >= *journal_start;
      if (static_cast<int>(d) < elapsed && day.rest_day() && covered) load.rest_days += 1;
    }
  }

  std::vector<WeekSummary> weeks;
  weeks.reserve(static_cast<std::size_t>(count));
  for (std::size_t w = static_cast<std::size_t>(lead); w < total_weeks; ++w) {
    WeekSummary week;
    week.start = loads[w].start;
    week.end = week.start.plus_days(6);
    week.label = week_label(week.start);
    week.days_elapsed = days_elapsed(week.start, today);
    week.load = loads[w];
    week.before_journal = journal_start && week.end < *journal_start;
    week.journal_start = journal_start;
    week.days.assign(all.begin() + static_cast<std::ptrdiff_t>(w * 7), all.begin() + static_cast<std::ptrdiff_t>(w * 7 + 7));

    int pain_sum = 0;
    for (const DayTotals& day : week.days) {
      for (std::size_t t = 0; t < kActivityTypeCount; ++t) {
        week.by_type[t].sessions += day.by_type[t].sessions;
        week.by_type[t].metres += day.by_type[t].metres;
        week.by_type[t].seconds += day.by_type[t].seconds;
        week.by_type[t].timed += day.by_type[t].timed;
      }
      week.plans.insert(week.plans.end(), day.plans.begin(), day.plans.end());
      week.planned_sessions += day.planned_sessions;
      week.planned_metres += day.planned_metres;
      week.planned_done_metres += day.planned_done_metres;
      if (day.pain_max) {
        week.pain_days += 1;
        pain_sum += *day.pain_max;
        if (!week.pain_max || *day.pain_max >= *week.pain_max) {
          week.pain_max = day.pain_max;
          week.pain_max_location = day.pain_location;
          week.pain_max_date = day.date;
        }
      }
    }
    week.plan = tally(week.plans);
    if (week.pain_days > 0) week.pain_mean = static_cast<double>(pain_sum) / week.pain_days;

    week.prev_run_metres = loads[w - 1].run_metres;
    for (std::size_t d = 0; d < static_cast<std::size_t>(week.days_elapsed); ++d)
      week.prev_same_days_run_metres += all[(w - 1) * 7 + d].run_metres;
    week.change_vs_prev_pct = percent_change(week.load.run_metres, week.prev_run_metres);
    week.change_vs_prev_same_days_pct = percent_change(week.load.run_metres, week.prev_same_days_run_metres);
    week.baseline = baseline_of(std::span<const WeekLoad>(loads).subspan(w - static_cast<std::size_t>(baseline_weeks),
                                                                          static_cast<std::size_t>(baseline_weeks)));
    week.change_vs_baseline_pct = percent_change(week.load.run_metres, week.baseline.mean_run_metres);
    weeks.push_back(std::move(week));
  }
  return weeks;
}

Date period_start(Date day, Period period) {
  return *Date::from_ymd(day.year(), period == Period::year ? 1 : day.month(), 1);
}

Date period_end(Date day, Period period) {
  if (period == Period::year) return *Date::from_ymd(day.year(), 12, 31);
  const Date first_of_next = day.month() == 12 ? *Date::from_ymd(day.year() + 1, 1, 1)
                                               : *Date::from_ymd(day.year(), day.month() + 1, 1);
  return first_of_next.minus_days(1);
}

std::string period_label(Date day, Period period) {
  return period == Period::year ? fmt::format("{:04}", day.year()) : fmt::format("{:04}-{:02}", day.year(), day.month());
}

int PeriodSummary::sessions() const {
  int total = 0;
  for (const TypeTotals& t : by_type) total += t.sessions;
  return total;
}

std::vector<PeriodSummary> summarize_periods(std::span<const DayTotals> days, Period period, Date first, Date last,
                                             Date today, std::optional<Date> journal_start) {
  std::vector<PeriodSummary> periods;
  if (first > last) return periods;
  for (Date start = period_start(first, period); start <= last; start = period_end(start, period).plus_days(1)) {
    PeriodSummary summary;
    summary.label = period_label(start, period);
    summary.first = start;
    summary.last = period_end(start, period);
    periods.push_back(summary);
  }
  std::vector<double> pain_sums(periods.size(), 0);
  for (const DayTotals& day : days) {
    if (day.date < first || day.date > last || day.date > today) continue;
    const auto index = static_cast<std::size_t>(std::distance(
        periods.begin(), std::find_if(periods.begin(), periods.end(),
                                      [&](const PeriodSummary& p) { return day.date >= p.first && day.date <= p.last; })));
    if (index >= periods.size()) continue;
    PeriodSummary& p = periods[index];
    // A day before the journal is unknown, not a rest day (ADVICE-RULES.md v2).
    if (journal_start && day.date < *journal_start) {
      ++p.days_before_journal;
      continue;
    }
    ++p.days_elapsed;
    for (std::size_t t = 0; t < kActivityTypeCount; ++t) {
      p.by_type[t].sessions += day.by_type[t].sessions;
      p.by_type[t].metres += day.by_type[t].metres;
      p.by_type[t].seconds += day.by_type[t].seconds;
      p.by_type[t].timed += day.by_type[t].timed;
    }
    p.run_metres += day.run_metres;
    if (day.rest_day()) ++p.rest_days; else ++p.running_days;
    if (day.pain_max) {
      ++p.pain_days;
      pain_sums[index] += *day.pain_max;
    }
  }
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (periods[i].pain_days > 0) periods[i].pain_mean = pain_sums[i] / periods[i].pain_days;
  }
  return periods;
}

}  // namespace niggle
