#include "niggle/core/settings.hpp"

namespace niggle {
namespace {

constexpr ThresholdKey kThresholds[] = {
    {"red_flag_days", &AdviceThresholds::red_flag_days, nullptr, 1, 90, "P1: days a red flag counts until assessed"},
    {"weakness_days", &AdviceThresholds::weakness_days, nullptr, 2, 14, "P1: days in a row of leg weakness, pain rising"},
    {"serious_cause_hours", &AdviceThresholds::serious_cause_hours, nullptr, 1, 24 * 14, "P2: hours a serious-cause flag means rest"},
    {"serious_cause_doctor_days", &AdviceThresholds::serious_cause_doctor_days, nullptr, 1, 90, "P2: days it asks for a doctor without a visit"},
    {"severe_pain", &AdviceThresholds::severe_pain, nullptr, 1, 10, "P3: pain from this score is severe"},
    {"mild_pain", &AdviceThresholds::mild_pain, nullptr, 0, 9, "P4: pain up to this score is mild"},
    {"easy_pain_max", &AdviceThresholds::easy_pain_max, nullptr, 0, 10, "P5: highest pain for an easy run"},
    {"stop_pain", &AdviceThresholds::stop_pain, nullptr, 0, 10, "P5: stop a run if pain passes this"},
    {"morning_rise", &AdviceThresholds::morning_rise, nullptr, 1, 10, "P6: morning-after rise that means cross-train"},
    {"morning_max", &AdviceThresholds::morning_max, nullptr, 0, 10, "P6: morning-after score that means cross-train"},
    {"worsening_delta", nullptr, &AdviceThresholds::worsening_delta, 0.1, 10, "P7: rise of the 7-day mean pain"},
    {"persistent_pain", &AdviceThresholds::persistent_pain, nullptr, 1, 10, "P9: a day counts as painful from this score"},
    {"persistent_days", &AdviceThresholds::persistent_days, nullptr, 1, 60, "P9: painful days that mean see a professional"},
    {"persistent_window_days", &AdviceThresholds::persistent_window_days, nullptr, 1, 60, "P9: days with entries looked at"},
    {"weekly_ratio", nullptr, &AdviceThresholds::weekly_ratio, 1.0, 3.0, "L1: weekly distance against the baseline mean"},
    {"baseline_weeks", &AdviceThresholds::baseline_weeks, nullptr, 1, 12, "L1: complete weeks in the baseline"},
    {"min_baseline_weeks", &AdviceThresholds::min_baseline_weeks, nullptr, 1, 12, "L1: weeks with running needed to judge"},
    {"spike_ratio", nullptr, &AdviceThresholds::spike_ratio, 1.0, 3.0, "L2: a run against the longest of the window"},
    {"spike_window_days", &AdviceThresholds::spike_window_days, nullptr, 7, 120, "L2: days looked back for the longest run"},
    {"return_to_run_km", nullptr, &AdviceThresholds::return_to_run_km, 0.5, 50, "L2: cap in km with no recent run"},
    {"max_days_without_rest", &AdviceThresholds::max_days_without_rest, nullptr, 1, 30, "L3: days in a row without rest"},
    {"variable_ratio", nullptr, &AdviceThresholds::variable_ratio, 1.0, 3.0, "L4: distance rise that, with more intensity, warns"},
    {"acwr_warning", nullptr, &AdviceThresholds::acwr_warning, 1.0, 5.0, "L5: acute:chronic ratio that warns"},
    {"pain_stale_hours", &AdviceThresholds::pain_stale_hours, nullptr, 12, 24 * 14, "hours after which pain is unknown"},
    {"long_run_ratio", nullptr, &AdviceThresholds::long_run_ratio, 1.0, 5.0, "insights: a long run against the median run"},
    {"long_run_window_days", &AdviceThresholds::long_run_window_days, nullptr, 14, 365, "insights: days of that median"},
    {"short_sleep_hours", nullptr, &AdviceThresholds::short_sleep_hours, 3.0, 12.0, "insights: a short night, in hours"},
    {"heavy_lift_reps", &AdviceThresholds::heavy_lift_reps, nullptr, 1, 30, "insights: most reps a set of a heavy lift"},
    {"insights_min_occasions", &AdviceThresholds::insights_min_occasions, nullptr, 2, 100, "insights: occasions needed each side"},
    {"insights_alpha", nullptr, &AdviceThresholds::insights_alpha, 0.001, 0.2, "insights: error rate across the factors"},
    {"min_run_km", nullptr, &AdviceThresholds::min_run_km, 0.1, 10, "caps: a cap below this many km means no run"},
    {"distance_tolerance_m", nullptr, &AdviceThresholds::distance_tolerance_m, 0, 100, "caps: metres within which distances are equal"},
    {"comeback_days", &AdviceThresholds::comeback_days, nullptr, 7, 365, "L1b: days without a run that make a comeback"},
    {"comeback_ratio", nullptr, &AdviceThresholds::comeback_ratio, 0.1, 1.0, "L1b: comeback budget against the weeks before"},
    {"comeback_weeks", &AdviceThresholds::comeback_weeks, nullptr, 1, 12, "L1b: weeks with running before the break"},
    {"comeback_lookback_weeks", &AdviceThresholds::comeback_lookback_weeks, nullptr, 4, 104, "L1b: weeks looked back for them"},
    {"race_min_km", nullptr, &AdviceThresholds::race_min_km, 1, 250, "L2b: races from this many km need easy days"},
    {"race_km_per_day", nullptr, &AdviceThresholds::race_km_per_day, 1, 100, "L2b: one easy day per this many km raced"},
    {"easy_median_days", &AdviceThresholds::easy_median_days, nullptr, 7, 120, "easy: cap at the median run of these days"},
    {"strength_gap_days", &AdviceThresholds::strength_gap_days, nullptr, 1, 60, "suggest strength after this many days"},
};

constexpr LimitKey kLogLimits[] = {
    {"fastest_run_pace", &LogLimits::fastest_run_pace, 1.0, 10.0, "min/km: a faster run is refused without --force"},
    {"slowest_run_pace", &LogLimits::slowest_run_pace, 10.0, 120.0, "min/km: a slower run is refused without --force"},
    {"fastest_walk_pace", &LogLimits::fastest_walk_pace, 2.0, 20.0, "min/km: a faster walk is refused without --force"},
    {"fastest_ride_kmh", &LogLimits::fastest_ride_kmh, 20.0, 200.0, "km/h: a faster ride is refused without --force"},
};

}  // namespace

std::span<const ThresholdKey> threshold_keys() { return kThresholds; }
std::span<const LimitKey> log_limit_keys() { return kLogLimits; }

}  // namespace niggle
