// The rules on training load, L1 to L5 of ADVICE-RULES.md, with the easy-run cap, and the rules
// on thin data, T1 and T2: what to say when too little is recorded to judge by.
#include <algorithm>
#include <fmt/format.h>

#include "advice_rules_shared.hpp"

namespace niggle::rules {

// ---------------------------------------------------------------------------------------
// Training load

Reason l1_weekly_progression(const Facts& facts) {
  Reason r = make_reason("L1", "weekly progression", source_l1());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const std::string unknown =
      f.baseline.unknown_weeks > 0
          ? fmt::format("; {} of the {} weeks before this one {} before the journal (it starts on {}) and {} left out",
                        f.baseline.unknown_weeks, t.baseline_weeks, f.baseline.unknown_weeks == 1 ? "is" : "are",
                        f.journal_start ? day_label(*f.journal_start) : std::string{"no day yet"},
                        f.baseline.unknown_weeks == 1 ? "is" : "are")
          : std::string{};
  if (f.baseline.weeks_with_running < t.min_baseline_weeks) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format(
        "Only {} of the {} known weeks before this one have running ({} needed){}: the weekly budget cannot be judged "
        "yet, so it sets no cap.",
        f.baseline.weeks_with_running, f.baseline.weeks, t.min_baseline_weeks, unknown);
    return r;
  }
  const double budget = t.weekly_ratio * f.baseline.mean_run_metres;
  const double left = budget - f.week_so_far_metres;
  r.status = RuleStatus::fired;
  r.week_budget_metres = budget;
  const std::string figures =
      fmt::format("{} x the {} weekly mean of the {} known weeks before{}{}; a cautious default, as the evidence on "
                  "weekly progression conflicts",
                  number(t.weekly_ratio), done(facts, f.baseline.mean_run_metres), f.baseline.weeks, unknown,
                  untimed_note(f.baseline.runs_without_distance));
  if (left <= t.distance_tolerance_m) {
    r.verdict = Verdict::cross_train;
    r.cap_metres = 0;
    r.summary = fmt::format("this week's {} budget is used up", distance(facts, budget));
    r.message = fmt::format("This week's {}{} already reaches its {} budget ({}): cross-train for the rest of the week.",
                            done(facts, f.week_so_far_metres), untimed_note(f.runs_without_distance_week),
                            distance(facts, budget), figures);
  } else {
    r.cap_metres = left;
    r.message = fmt::format("This week: {} run{} of a {} budget ({}); {} left.", done(facts, f.week_so_far_metres),
                            untimed_note(f.runs_without_distance_week), distance(facts, budget), figures,
                            distance(facts, left));
  }
  return r;
}

Reason l1b_comeback(const Facts& facts) {
  Reason r = make_reason("L1b", "comeback", source_l1b());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const Date this_week = week_start(facts.day, facts.settings.week_start);
  if (!f.comeback_budget_metres) {
    r.message = f.last_run_any && *f.last_run_any >= this_week.minus_days(t.comeback_days)
                    ? fmt::format("Last run before this week: {}, within {} days: not a comeback.",
                                  day_label(*f.last_run_any), t.comeback_days)
                    : fmt::format("No run with a distance known before a break of {} days: no comeback budget.",
                                  t.comeback_days);
    return r;
  }
  const double budget = *f.comeback_budget_metres;
  const double left = budget - f.week_so_far_metres;
  r.status = RuleStatus::fired;
  r.week_budget_metres = budget;
  const std::string figures = fmt::format(
      "the last run before this week was on {}, more than {} days before it; the budget is {} x the {} weekly mean of "
      "the {} weeks with running before the break, niggle's own cautious figure",
      day_label(*f.last_run_any), t.comeback_days, number(t.comeback_ratio),
      done(facts, budget / t.comeback_ratio), f.comeback_weeks_found);
  if (left <= t.distance_tolerance_m) {
    r.verdict = Verdict::cross_train;
    r.cap_metres = 0;
    r.summary = fmt::format("this comeback week's {} budget is used up", distance(facts, budget));
    r.message = fmt::format("Comeback week: {} run reaches its {} budget ({}). Cross-train for the rest of the week.",
                            done(facts, f.week_so_far_metres), distance(facts, budget), figures);
  } else {
    r.cap_metres = left;
    r.message = fmt::format("Comeback week: {} run of a {} budget ({}); {} left.", done(facts, f.week_so_far_metres),
                            distance(facts, budget), figures, distance(facts, left));
  }
  return r;
}

Reason l2_single_run_spike(const Facts& facts) {
  Reason r = make_reason("L2", "single-run spike", source_l2());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const std::string races = f.races_left_out > 0
                                ? fmt::format(" ({} left out)", f.races_left_out == 1 ? std::string{"one race"}
                                                                                      : fmt::format("{} races", f.races_left_out))
                                : std::string{};
  const std::string untimed = untimed_note(f.runs_without_distance_spike);
  double run_cap = 0, day_cap = 0;
  if (!f.longest_recent_metres) {
    if (!f.spike_window_known) {
      // The days before the journal are unknown: a runner who starts a journal is not
      // returning from a break.
      r.status = RuleStatus::no_data;
      r.message = fmt::format(
          "No run with a distance since the journal began on {}{}{}, and the {} days before today are not all in the "
          "journal: the longest recent run is unknown, so this rule sets no cap. Log your recent runs (niggle log 8k "
          "--date -3d), or set journal_start in the config.",
          f.journal_start ? day_label(*f.journal_start) : std::string{"today"}, races, untimed, t.spike_window_days);
      return r;
    }
    r.status = RuleStatus::fired;
    r.name = "single-run spike: return to running";
    r.source = source_l2_return();
    run_cap = day_cap = t.return_to_run_km * 1000.0;
    r.message = fmt::format("No run with a distance in the {} days before today{}{}: a return to running starts with at "
                            "most {}, niggle's own default (no study sets it).",
                            t.spike_window_days, races, untimed, distance(facts, day_cap));
  } else {
    r.status = RuleStatus::fired;
    run_cap = t.spike_ratio * *f.longest_recent_metres;
    day_cap = t.spike_ratio * f.longest_day_metres.value_or(*f.longest_recent_metres);
    r.message = fmt::format(
        "Longest single run of the {} days before today{}{}{}: {} on {}. Each run today stays within {} x that, {}",
        t.spike_window_days, races, untimed,
        f.spike_window_known ? std::string{}
                             : fmt::format(" (the journal began on {})", day_label(*f.journal_start)),
        done(facts, *f.longest_recent_metres), day_label(*f.longest_recent_day), number(t.spike_ratio),
        distance(facts, run_cap));
    if (f.longest_day_metres && f.longest_day_metres > *f.longest_recent_metres + t.distance_tolerance_m) {
      r.message += fmt::format("; the day's running within {} x the longest day, {} on {}: {}", number(t.spike_ratio),
                               done(facts, *f.longest_day_metres), day_label(*f.longest_day), distance(facts, day_cap));
    }
    r.message += ".";
  }
  const double left = std::min(run_cap, day_cap - f.ran_today_metres);
  if (f.ran_today_metres > 0) {
    r.message += fmt::format(" Already run today: {}; ", done(facts, f.ran_today_metres));
    r.message += left > t.distance_tolerance_m ? fmt::format("{} more at most.", distance(facts, left))
                                               : "that is today's cap.";
  }
  if (left <= t.distance_tolerance_m) {
    r.verdict = Verdict::cross_train;
    r.cap_metres = 0;
    r.summary = fmt::format("today's {} cap is run already", distance(facts, day_cap));
  } else {
    r.cap_metres = left;
  }
  return r;
}

Reason l2b_after_race(const Facts& facts) {
  Reason r = make_reason("L2b", "after a race", source_l2b());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  if (!f.race_day) {
    r.message = fmt::format("No race of {} or more whose easy days include today.", distance(facts, t.race_min_km * 1000.0));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::easy;
  const std::int64_t since = f.race_day->days_until(facts.day);
  r.summary = fmt::format("{} days after a {} race", since, done(facts, *f.race_metres));
  r.message = fmt::format(
      "A {} race on {}: one easy day per {} raced, rounded up, makes {} easy days after it; today is day {}. Easy "
      "running only, no run longer than L2's cap (races left out). A coaching rule of thumb; no study sets it.",
      done(facts, *f.race_metres), day_label(*f.race_day), distance(facts, t.race_km_per_day * 1000.0),
      f.race_easy_days, since);
  return r;
}

Reason l3_rest_day(const Facts& facts) {
  Reason r = make_reason("L3", "rest day", source_l3());
  const int days = facts.settings.advice.max_days_without_rest;
  const AdviceFigures& f = facts.figures;
  const std::string last_rest = f.last_rest_day ? day_label(*f.last_rest_day)
                                                : fmt::format("before the journal began on {}", day_label(*f.journal_start));
  if (f.run_streak_days < days) {
    r.message = fmt::format("Last rest day (no run): {}; a rest day is due after {} days in a row with a run.",
                            f.run_streak_days == 0 ? day_label(facts.day.minus_days(1)) : last_rest, days);
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::rest;
  r.summary = fmt::format("you ran on each of the last {} days", f.run_streak_days);
  r.message = fmt::format(
      "You ran on each of the {} days before today{} (the last rest day was {}): take a full rest day today. Core work, "
      "stretching or an easy walk do not break it. The evidence on rest days conflicts; this is a cautious default.",
      f.run_streak_days, untimed_note(f.run_streak_without_distance), last_rest);
  return r;
}

Reason l4_one_variable(const Facts& facts) {
  Reason r = make_reason("L4", "one variable at a time", source_l4());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  if (f.baseline.weeks_with_running < t.min_baseline_weeks || f.baseline.mean_run_metres <= 0) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot compare this week with the {} before: only {} of them have running ({} needed).",
                            f.baseline.weeks, f.baseline.weeks_with_running, t.min_baseline_weeks);
    return r;
  }
  const WeekLoad& week = f.weeks.back();
  const double rise = *percent_change(f.week_so_far_metres, f.baseline.mean_run_metres);
  const bool more_distance = f.week_so_far_metres > t.variable_ratio * f.baseline.mean_run_metres + kEpsilon;
  const bool more_intensity = week.hard_runs > f.baseline.mean_hard_runs + kEpsilon;
  const std::string figures = fmt::format(
      "{} so far against a {}-week mean of {} ({:+.0f}%), and {} hard sessions (tempo, intervals, hills, race) against "
      "{} a week",
      done(facts, f.week_so_far_metres), f.baseline.weeks, done(facts, f.baseline.mean_run_metres), rise,
      week.hard_runs, mean_text(f.baseline.mean_hard_runs));
  if (!(more_distance && more_intensity)) {
    r.message = fmt::format("Not raising distance and intensity together: {}.", figures);
    return r;
  }
  r.status = RuleStatus::fired;
  r.warning = true;
  r.message = fmt::format(
      "This week raises distance by more than {:.0f}% and adds intensity: {}. Add one variable at a time: hold the "
      "distance before adding speed or hills.",
      (t.variable_ratio - 1.0) * 100.0, figures);
  return r;
}

Reason l5_acute_chronic(const Facts& facts) {
  Reason r = make_reason("L5", "acute:chronic ratio", source_l5());
  const AdviceFigures& f = facts.figures;
  if (!f.acwr) {
    r.status = RuleStatus::no_data;
    r.message = f.acwr_known_days < kChronicDays
                    ? fmt::format("The journal covers {} of the {} days before the last {}: no acute:chronic ratio yet.",
                                  f.acwr_known_days, kChronicDays, kAcuteDays)
                    : fmt::format("No running in the {} days before the last {}: no acute:chronic ratio.", kChronicDays,
                                  kAcuteDays);
    return r;
  }
  const std::string figures = fmt::format("last {} days {} against a {}-day mean of {} from the {} days before: {}",
                                          kAcuteDays, done(facts, f.acute_metres), kAcuteDays,
                                          done(facts, f.chronic_metres / (kChronicDays / kAcuteDays)),
                                          kChronicDays, number(*f.acwr));
  if (*f.acwr >= facts.settings.advice.acwr_warning - kEpsilon) {
    r.status = RuleStatus::fired;
    r.warning = true;
    r.message = fmt::format(
        "Acute:chronic ratio {}, at or above {}: a sharp rise in load. The evidence for the ratio is weak and mixed, "
        "so this is a warning, not a verdict.",
        figures, number(facts.settings.advice.acwr_warning));
  } else {
    r.status = RuleStatus::info;
    r.message = fmt::format("Acute:chronic ratio {} (a warning from {}; the evidence is weak and mixed, so it is shown "
                            "for information).",
                            figures, number(facts.settings.advice.acwr_warning));
  }
  return r;
}

Reason easy_cap(const Facts& facts) {
  Reason r = make_reason("easy", "easy-run cap", source_easy());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  if (!f.median_run_metres) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("No run with a distance in the {} days before today: no median run to keep an easy run to.",
                            t.easy_median_days);
    return r;
  }
  r.status = RuleStatus::fired;
  r.cap_metres = *f.median_run_metres - f.ran_today_metres;
  r.message = fmt::format(
      "An easy run is at most your median run of the {} days before today, {} (races left out): niggle's own choice.",
      t.easy_median_days, done(facts, *f.median_run_metres));
  if (f.ran_today_metres > 0) {
    r.message += fmt::format(" Already run today: {}.", done(facts, f.ran_today_metres));
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// Thin data

Reason t1_pain_unknown(const Facts& facts) {
  Reason r = make_reason("T1", "pain unknown", source_t());
  const int hours = facts.settings.advice.pain_stale_hours;
  const Date first = window_start(facts.day, hours);
  const AdviceFigures& f = facts.figures;
  if (f.pain_fresh) {
    r.message = fmt::format("Latest pain {} is within the last {} h.", describe_latest(facts), hours);
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::easy;
  r.summary = "no recent pain score";
  r.message = fmt::format(
      "No pain score in the last {} h ({} to {}){}: the pain rules (P3-P5) cannot judge today's pain, so the verdict is "
      "at best an easy run. Record one: niggle pain 0-10 --walking better|same|worse.",
      hours, day_label(first), day_label(facts.day),
      f.latest_pain ? fmt::format("; the latest was {}/10 on {}", f.latest_pain->score, day_label(f.latest_pain->meta.date))
                    : std::string{});
  return r;
}

Reason t2_nothing_to_judge(const Facts& facts) {
  Reason r = make_reason("T2", "nothing to judge", source_t());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const bool recent_run = f.longest_recent_metres.has_value() || f.ran_today_metres > 0 ||
                          (f.last_run_before && *f.last_run_before >= facts.day.minus_days(t.spike_window_days)) ||
                          std::any_of(facts.runs.begin(), facts.runs.end(), [&](const Session& s) { return s.meta.date == facts.day; });
  if (f.pain_fresh || recent_run) {
    r.message = f.pain_fresh ? fmt::format("A pain score within the last {} h to judge by.", t.pain_stale_hours)
                             : fmt::format("A run within the last {} days to judge by.", t.spike_window_days);
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::unknown;
  const bool empty = facts.runs.empty() && facts.pain.empty();
  r.summary = "record today's pain score (niggle pain 0-10)";
  r.message = fmt::format(
      "{}: no pain score in the last {} h and no run in the last {} days. Record today's pain first (niggle pain 0-10 "
      "--walking better|same|worse), and the runs of the last weeks (niggle log 5k --date -3d).",
      empty ? fmt::format("Nothing is recorded in the weeks up to {}", day_label(facts.day)) : "Nothing recent to judge by", t.pain_stale_hours, t.spike_window_days);
  return r;
}

}  // namespace niggle::rules
