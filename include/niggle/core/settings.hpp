#pragma once
// What the engine and the views are told: units, the week's first day, the default type
// and the advice thresholds. Plain values; store/config.hpp fills them from flags, the
// environment and the config file, so nothing in the core reads a file or a variable.
#include <span>
#include <string_view>

#include "niggle/core/date.hpp"
#include "niggle/core/units.hpp"
#include "niggle/core/vocab.hpp"

namespace niggle {

// The advice engine's thresholds; the defaults are those of ADVICE-RULES.md.
struct AdviceThresholds {
  int red_flag_days = 14;              // P1: days a red flag counts, until assessed (GIRFT 2023)
  int weakness_days = 2;               // P1: consecutive days of leg weakness, pain rising, that are a red flag
  int serious_cause_hours = 72;        // P2: how long a serious-cause flag means rest
  int serious_cause_doctor_days = 14;  // P2: how long it asks for a doctor, unless a visit is recorded
  int severe_pain = 8;                 // P3, P3b: "severe" from this score
  int mild_pain = 2;                   // P4: "mild" up to this score
  int easy_pain_max = 5;               // P5: an easy run up to this score; cross-train above
  int stop_pain = 5;                   // P5: the stop rule during a run
  int morning_rise = 2;                // P6: morning-after rise that means cross-train
  int morning_max = 5;                 // P6: morning-after score that means cross-train
  double worsening_delta = 1.0;        // P7: 7-day mean rise that freezes the weekly budget
  int persistent_pain = 3;             // P9: a day counts as painful from this score
  int persistent_days = 10;            // P9: painful days out of the window
  int persistent_window_days = 14;     // P9: the window, in days with entries
  double weekly_ratio = 1.30;          // L1: this week against the 4-week mean
  int baseline_weeks = 4;              // L1, L4: complete weeks in the baseline
  int min_baseline_weeks = 2;          // L1: weeks with running needed to judge
  double spike_ratio = 1.10;           // L2: a run against the longest of the window
  int spike_window_days = 30;          // L2: the window
  double return_to_run_km = 5.0;       // L2: the cap with no run in the window
  int max_days_without_rest = 6;       // L3: days without rest before a rest day is due
  double variable_ratio = 1.10;        // L4: distance rise that, with more intensity, warns
  double acwr_warning = 1.5;           // L5: acute:chronic ratio that warns
  // `niggle insights`:
  double long_run_ratio = 1.5;         // a long run: over this times the median run before
  int long_run_window_days = 56;       // the window of that median (8 weeks)
  double short_sleep_hours = 7.0;      // a short night: under this many hours (7-9 advised)
  int heavy_lift_reps = 6;             // a heavy lift: a load, and at most this many reps a set
  int insights_min_occasions = 5;      // occasions needed on each side of a factor
  double insights_alpha = 0.05;        // the family-wise error rate of Holm's adjustment
  int pain_stale_hours = 48;           // thin data: a pain score older than this is missing; P3c, P5
  double min_run_km = 1.0;             // caps: a cap below this means no run
  double distance_tolerance_m = 1.0;   // caps: distances this close count as equal
  int comeback_days = 28;              // L1b: days without a run before this week that make a comeback
  double comeback_ratio = 0.5;         // L1b: share of the mean of the weeks with running before the break
  int comeback_weeks = 4;              // L1b: weeks with running before the break in that mean
  int comeback_lookback_weeks = 26;    // L1b: how far back those weeks are looked for
  double race_min_km = 21.0;           // L2b: races from this distance need easy days after
  double race_km_per_day = 10.0;       // L2b: one easy day per this many km raced, rounded up
  int easy_median_days = 30;           // easy: the cap is at most the median run of these days
  int strength_gap_days = 7;           // suggestions: a strength session is due after this many days
};

// What `niggle log` believes a person can do: a session outside these is refused as a
// likely typing slip (1:05 read as a minute) unless --force. Paces in minutes per km.
struct LogLimits {
  double fastest_run_pace = 2.5;    // a run faster than 2:30 /km
  double slowest_run_pace = 30.0;   // a run slower than 30:00 /km
  double fastest_walk_pace = 5.0;   // a walk or hike faster than 5:00 /km
  double fastest_ride_kmh = 80.0;   // a ride faster than 80 km/h
};

struct Settings {
  DistanceUnit units = DistanceUnit::km;
  Weekday week_start = Weekday::monday;
  ActivityType default_type = ActivityType::run;
  // The day the journal starts, for someone who back-fills; without it, the day of the first
  // entry of any kind. Weeks before it are unknown, not weeks without running (v2).
  std::optional<Date> journal_start;
  AdviceThresholds advice;
  LogLimits log;
};

// One [advice] key: its name, its field, its accepted range, and what it means.
struct ThresholdKey {
  std::string_view name;
  int AdviceThresholds::*int_field;
  double AdviceThresholds::*double_field;
  double min, max;
  std::string_view meaning;
};
std::span<const ThresholdKey> threshold_keys();

// One [log] key.
struct LimitKey {
  std::string_view name;
  double LogLimits::*field;
  double min, max;
  std::string_view meaning;
};
std::span<const LimitKey> log_limit_keys();

}  // namespace niggle
