// The facts the rules read: the history up to the day, sorted, and every figure computed once
// (`gather_facts`); the windows they cover; and the span of history that advice needs to read.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "advice_rules_shared.hpp"

namespace niggle::rules {

int days_covering(int hours) { return std::max(1, (hours + 23) / 24); }

Date window_start(Date day, int hours) { return day.minus_days(days_covering(hours) - 1); }

std::vector<PainEntry> in_time_order(std::span<const PainEntry> entries) {
  std::vector<PainEntry> by_id(entries.begin(), entries.end());
  // Recording order: when each entry was written (an import or a merge can give an older
  // entry a higher id), then the id.
  std::stable_sort(by_id.begin(), by_id.end(), [](const PainEntry& a, const PainEntry& b) {
    if (a.meta.date != b.meta.date) return a.meta.date < b.meta.date;
    if (a.meta.created_at != b.meta.created_at) return a.meta.created_at < b.meta.created_at;
    return a.meta.id < b.meta.id;
  });
  // The rank of each entry within its day: its `when`, or for an entry without one the
  // highest rank recorded before it that day (-1 when it is the day's first).
  std::vector<int> rank(by_id.size());
  int running = -1;
  for (std::size_t i = 0; i < by_id.size(); ++i) {
    if (i == 0 || by_id[i].meta.date != by_id[i - 1].meta.date) running = -1;
    rank[i] = by_id[i].when ? static_cast<int>(*by_id[i].when) : running;
    running = std::max(running, rank[i]);
  }
  std::vector<std::size_t> order(by_id.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (by_id[a].meta.date != by_id[b].meta.date) return by_id[a].meta.date < by_id[b].meta.date;
    return rank[a] < rank[b];  // stable: ties keep id order
  });
  std::vector<PainEntry> sorted;
  sorted.reserve(by_id.size());
  for (std::size_t i : order) sorted.push_back(std::move(by_id[i]));
  return sorted;
}

namespace {

// The journal's first day: the setting, else the first entry of any kind.
std::optional<Date> journal_start_of(const History& history, const Settings& settings) {
  if (settings.journal_start) return settings.journal_start;
  if (history.first_entry) return history.first_entry;
  std::optional<Date> first;
  const auto consider = [&](Date d) {
    if (!first || d < *first) first = d;
  };
  for (const Session& s : history.sessions) consider(s.meta.date);
  for (const PainEntry& p : history.pain) consider(p.meta.date);
  for (const Visit& v : history.visits) consider(v.meta.date);
  return first;
}

bool is_race(const Session& run) { return run.intensity == Intensity::race; }

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

}  // namespace

Facts gather_facts(const History& history, Date day, const Settings& settings) {
  Facts facts;
  facts.day = day;
  facts.settings = settings;
  const AdviceThresholds& t = settings.advice;
  std::vector<Session> strength;
  for (const Session& session : history.sessions) {
    if (session.meta.date > day) continue;
    if (counts_as_run(session)) facts.runs.push_back(session);
    if (session.type == ActivityType::strength) strength.push_back(session);
  }
  std::stable_sort(facts.runs.begin(), facts.runs.end(), [](const Session& a, const Session& b) {
    return a.meta.date != b.meta.date ? a.meta.date < b.meta.date : a.meta.id < b.meta.id;
  });
  std::vector<PainEntry> pain;
  for (const PainEntry& entry : history.pain)
    if (entry.meta.date <= day) pain.push_back(entry);
  facts.pain = in_time_order(pain);
  for (const Visit& visit : history.visits)
    if (visit.meta.date <= day) facts.visits.push_back(visit);
  std::stable_sort(facts.visits.begin(), facts.visits.end(),
                   [](const Visit& a, const Visit& b) { return before(a.meta, b.meta); });

  AdviceFigures& f = facts.figures;
  f.journal_start = journal_start_of(history, settings);
  // A day the journal covers: on or after its start. Without any entry, nothing is covered.
  const auto covered = [&](Date d) { return f.journal_start && *f.journal_start <= d; };
  for (const Session& s : strength)
    if (!f.last_strength || s.meta.date > *f.last_strength) f.last_strength = s.meta.date;

  // Load: the baseline weeks and this week, from the shared load module so that `advise`
  // and the weekly summaries agree.
  const int baseline_weeks = std::max(1, t.baseline_weeks);
  const Date this_week = week_start(day, settings.week_start);
  f.weeks = weekly_loads(facts.runs, this_week.minus_days(7 * static_cast<std::int64_t>(baseline_weeks)),
                         baseline_weeks + 1, f.journal_start ? f.journal_start : std::optional<Date>{day.plus_days(1)});
  f.weeks.back().known = true;  // this week so far: what is logged, whatever came before
  f.baseline = baseline_of(std::span<const WeekLoad>(f.weeks).first(static_cast<std::size_t>(baseline_weeks)));
  f.week_so_far_metres = f.weeks.back().run_metres;
  f.runs_without_distance_week = f.weeks.back().runs_without_distance;
  f.last_week_metres = f.weeks[static_cast<std::size_t>(baseline_weeks - 1)].run_metres;

  // Days with a run, and each day's running with races left out (L2's day reference).
  std::map<Date, double> per_day, per_day_no_race;
  std::map<Date, int> untimed_per_day;
  for (const Session& run : facts.runs) {
    per_day[run.meta.date] += run_distance(run);
    if (!is_race(run)) per_day_no_race[run.meta.date] += run_distance(run);
    if (run_distance(run) <= 0) untimed_per_day[run.meta.date] += 1;
  }
  if (auto it = per_day.find(day); it != per_day.end()) f.ran_today_metres = it->second;
  const Date spike_first = day.minus_days(t.spike_window_days);
  f.spike_window_known = covered(spike_first);
  std::vector<double> median_runs;
  const Date median_first = day.minus_days(t.easy_median_days);
  for (const Session& run : facts.runs) {
    if (run.meta.date >= day) continue;
    if (run.meta.date >= median_first && run_distance(run) > 0 && !is_race(run)) median_runs.push_back(run_distance(run));
    if (run.meta.date < spike_first) continue;
    if (run_distance(run) <= 0) {
      f.runs_without_distance_spike += 1;
      continue;
    }
    if (is_race(run)) {
      f.races_left_out += 1;
      continue;
    }
    if (!f.longest_recent_metres || run_distance(run) >= *f.longest_recent_metres) {  // ties: the latest
      f.longest_recent_metres = run_distance(run);
      f.longest_recent_day = run.meta.date;
    }
  }
  f.median_run_metres = median(median_runs);
  for (const auto& [date, metres] : per_day_no_race) {
    if (date < spike_first || date >= day || metres <= 0) continue;
    if (!f.longest_day_metres || metres >= *f.longest_day_metres) {
      f.longest_day_metres = metres;
      f.longest_day = date;
    }
  }
  for (auto it = per_day.rbegin(); it != per_day.rend(); ++it) {
    if (it->first < day) {
      f.last_run_before = it->first;
      break;
    }
  }
  // L3: the days in a row before the day with a run; the days before the journal are not
  // rest days, so the streak stops at its start without a rest day to show.
  Date cursor = day.minus_days(1);
  while (per_day.count(cursor)) {
    f.run_streak_days += 1;
    if (auto u = untimed_per_day.find(cursor); u != untimed_per_day.end()) f.run_streak_without_distance += 1;
    cursor = cursor.minus_days(1);
  }
  if (covered(cursor)) f.last_rest_day = cursor;

  // L1b: the last run before this week, and the weeks with running before the break.
  for (auto it = per_day.rbegin(); it != per_day.rend(); ++it) {
    if (it->first < this_week) {
      f.last_run_any = it->first;
      break;
    }
  }
  const Date break_first = this_week.minus_days(t.comeback_days);
  const bool long_break = covered(break_first) && (!f.last_run_any || *f.last_run_any < break_first);
  if (long_break && f.last_run_any) {
    const Date last_run_week = week_start(*f.last_run_any, settings.week_start);
    const Date lookback = last_run_week.minus_days(7 * static_cast<std::int64_t>(t.comeback_lookback_weeks - 1));
    const int span_weeks = static_cast<int>(lookback.days_until(last_run_week) / 7) + 1;
    const std::vector<WeekLoad> before_break = weekly_loads(facts.runs, lookback, span_weeks, f.journal_start);
    double total = 0;
    for (auto it = before_break.rbegin(); it != before_break.rend() && f.comeback_weeks_found < t.comeback_weeks; ++it) {
      if (it->run_metres <= 0) continue;
      total += it->run_metres;
      f.comeback_weeks_found += 1;
    }
    if (f.comeback_weeks_found > 0) f.comeback_budget_metres = t.comeback_ratio * total / f.comeback_weeks_found;
  }

  // L2b: the latest race long enough to ask for easy days, if today is one of them.
  for (const Session& run : facts.runs) {
    if (!is_race(run) || run_distance(run) < t.race_min_km * 1000.0 - t.distance_tolerance_m) continue;
    const int easy_days = static_cast<int>(std::ceil(run_distance(run) / (t.race_km_per_day * 1000.0) - 1e-9));
    const std::int64_t since = run.meta.date.days_until(day);
    if (since < 0 || since > easy_days) continue;
    if (!f.race_day || run.meta.date >= *f.race_day) {
      f.race_day = run.meta.date;
      f.race_metres = run_distance(run);
      f.race_easy_days = easy_days;
    }
  }

  // L5: the ratio over days the journal covers only.
  const Date acute_first = day.minus_days(kAcuteDays - 1);
  const Date chronic_first = acute_first.minus_days(kChronicDays);
  for (const auto& [date, metres] : per_day) {
    if (date >= acute_first) {
      f.acute_metres += metres;
    } else if (date >= chronic_first) {
      f.chronic_metres += metres;
    }
  }
  for (Date d = chronic_first; d < acute_first; d = d.plus_days(1))
    if (covered(d)) f.acwr_known_days += 1;
  if (f.chronic_metres > 0 && f.acwr_known_days == kChronicDays) {
    f.acwr = f.acute_metres / (f.chronic_metres / (kChronicDays / kAcuteDays));
  }

  // Pain.
  if (!facts.pain.empty()) {
    f.latest_pain = facts.pain.back();
    f.latest_walking = f.latest_pain->walking;  // its own answer, never another entry's
    // P3: the day's highest score; on a tie the entry whose walking answer is the worse
    // (worse, then not recorded, then same, then better).
    const auto walking_rank = [](const std::optional<Walking>& w) {
      if (!w) return 2;
      return *w == Walking::worse ? 3 : *w == Walking::same ? 1 : 0;
    };
    for (auto it = facts.pain.rbegin(); it != facts.pain.rend() && it->meta.date == f.latest_pain->meta.date; ++it) {
      if (!f.peak_pain || it->score > f.peak_pain->score ||
          (it->score == f.peak_pain->score && walking_rank(it->walking) > walking_rank(f.peak_pain->walking))) {
        f.peak_pain = *it;
      }
    }
    f.pain_fresh = f.latest_pain->meta.date >= window_start(day, t.pain_stale_hours);
  }
  for (const PainEntry& entry : facts.pain) {
    if (f.daily.empty() || f.daily.back().day != entry.meta.date) f.daily.push_back({entry.meta.date, entry.score});
    f.daily.back().peak = std::max(f.daily.back().peak, entry.score);
  }
  const Mean last7 = mean_pain(f.daily, day.minus_days(kTrendDays - 1), day);
  const Mean previous7 = mean_pain(f.daily, day.minus_days(2 * kTrendDays - 1), day.minus_days(kTrendDays));
  f.pain_mean_last7 = last7.value;
  f.pain_days_last7 = last7.days;
  f.pain_mean_previous7 = previous7.value;
  f.pain_days_previous7 = previous7.days;

  // P9: the latest `window` days with entries, looking back at most twice that many days.
  const int window = t.persistent_window_days;
  const Date lookback = day.minus_days(2 * window - 1);
  std::vector<DailyPain> counted;
  for (const DailyPain& d : f.daily)
    if (d.day >= lookback) counted.push_back(d);
  if (counted.size() > static_cast<std::size_t>(window)) counted.erase(counted.begin(), counted.end() - window);
  f.persistent_days_counted = static_cast<int>(counted.size());
  f.persistent_painful_days = static_cast<int>(
      std::count_if(counted.begin(), counted.end(), [&](const DailyPain& d) { return d.peak >= t.persistent_pain; }));
  const int half = window / 2;
  const Mean recent = mean_pain(f.daily, day.minus_days(half - 1), day);
  const Mean earlier = mean_pain(f.daily, day.minus_days(window - 1), day.minus_days(half));
  if (recent.days >= kMinDaysForMean) f.persistent_mean_recent = recent.value;
  if (earlier.days >= kMinDaysForMean) f.persistent_mean_earlier = earlier.value;
  return facts;
}

}  // namespace niggle::rules

namespace niggle {

DateRange history_window(Date day, const Settings& settings) {
  const AdviceThresholds& t = settings.advice;
  std::vector<Date> starts = {
      week_start(day, settings.week_start).minus_days(7 * static_cast<std::int64_t>(std::max(1, t.baseline_weeks))),  // L1, L4
      day.minus_days(t.spike_window_days),                                        // L2
      day.minus_days(rules::kAcuteDays + rules::kChronicDays - 1),                // L5
      day.minus_days(t.max_days_without_rest),                                    // L3
      day.minus_days(2 * rules::kTrendDays - 1),                                  // P7
      day.minus_days(2 * t.persistent_window_days - 1),                           // P9
      day.minus_days(2),                                                          // P6: the day before yesterday's run
      day.minus_days(t.red_flag_days - 1),                                        // P1
      rules::window_start(day, t.serious_cause_hours),                            // P2: rest
      day.minus_days(t.serious_cause_doctor_days - 1),                            // P2: see a doctor
      rules::window_start(day, t.pain_stale_hours),                               // freshness
      day.minus_days(t.easy_median_days),                                         // easy cap
      day.minus_days(t.strength_gap_days),                                        // strength suggestion
      // L1b: the break, and the weeks with running before it.
      week_start(day, settings.week_start)
          .minus_days(t.comeback_days + 7 * static_cast<std::int64_t>(t.comeback_lookback_weeks + 1)),
      // L2b: the longest race whose easy days could reach the day (250 km, the key's maximum).
      day.minus_days(static_cast<std::int64_t>(std::ceil(250.0 / t.race_km_per_day))),
  };
  return {*std::min_element(starts.begin(), starts.end()), day};
}

}  // namespace niggle
