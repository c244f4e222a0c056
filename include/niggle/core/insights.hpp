#pragma once
// What goes with a worse next morning: for each factor (a long run, a hard kind of run, a
// spike over L2, a week over L1, two run days in a row, strength work, walking, short sleep,
// each tag and exercise used often), the next-morning pain after days with it against days
// without it, with Welch's t interval and test, and Holm's adjustment across the factors
// tested. Pure arithmetic over the journal's entries: no clock, no I/O.
//
// Next-morning pain of a day D: the score of the first entry of day D+1 marked `--when
// morning`; when none is marked so, the score of D+1's first recorded entry (lowest id).
// Days whose next day has no pain entry are left out: a day without an entry is not a 0.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "niggle/core/entry.hpp"
#include "niggle/core/settings.hpp"

namespace niggle {

// ---- The statistics (exposed for their unit tests) ----

// The regularised incomplete beta function I_x(a, b), for a, b > 0 and x in [0, 1].
double incomplete_beta(double a, double b, double x);
// Student's t distribution with `df` degrees of freedom (df > 0, not necessarily whole).
double t_cdf(double t, double df);
// The t value below which lies the fraction p of the distribution, 0 < p < 1.
double t_quantile(double p, double df);

struct SampleSummary {
  std::size_t n = 0;
  double mean = 0;
  double variance = 0;  // the sample variance (n - 1 in the denominator); 0 when n < 2
};
SampleSummary summarize(std::span<const double> values);

// Welch's unequal-variances t test of mean(with) - mean(without), two-sided, with its
// (1 - alpha) interval. Needs at least 2 values on each side.
struct WelchResult {
  double difference = 0;
  double std_error = 0;
  double df = 0;  // Welch-Satterthwaite
  double t = 0;
  double p_value = 1;  // two-sided
  double ci_low = 0, ci_high = 0;
};
WelchResult welch_test(std::span<const double> with, std::span<const double> without, double alpha = 0.05);

// Holm's step-down adjustment: each p-value multiplied by the number of hypotheses not yet
// rejected before it, kept monotone and at most 1. Same order as given.
std::vector<double> holm_adjust(std::span<const double> p_values);

// ---- Insights over a journal ----

struct FactorResult {
  std::string id;       // "long-run", "kind:tempo", "tag:hot", "lift:deadlift", "short-sleep"...
  std::string label;    // "long runs" (for "After long runs your next-morning pain was ...")
  std::string without;  // "other days"
  std::string short_label;  // "long runs", for one line in `advise`
  std::size_t n_with = 0, n_without = 0;
  std::optional<double> mean_with, mean_without;
  bool enough = false;  // both sides have at least min_occasions
  // Filled when enough:
  std::optional<double> difference, ci_low, ci_high, p_value, p_adjusted, df;
  // The interval at Holm's level for this factor's rank, 1 - alpha / (m - rank + 1).
  std::optional<double> adjusted_ci_low, adjusted_ci_high;
  bool significant = false;  // enough, and the Holm-adjusted p-value is below alpha
};

// Whether heavy deadlifts came at least once a week (the trainer's post): over the complete
// weeks of the journal before the current one (at most the last `weeks_looked`).
struct DeadliftCheck {
  int weeks = 0;               // complete, known weeks looked at
  int weeks_with_heavy = 0;    // of those, weeks with at least one heavy deadlift
  int sessions_with_lifts = 0; // strength sessions in the journal that recorded any --lift
  std::optional<Date> last_heavy;
};

struct InsightsInput {
  std::span<const Session> sessions;  // every session of the journal
  std::span<const PainEntry> pain;    // every pain entry of the journal
  std::optional<Date> since;          // only days from this one count as occasions
  Date today;
};

struct Insights {
  std::optional<Date> journal_start;  // the first entry's day
  std::optional<Date> first_day, last_day;  // the days counted (with a next-morning score)
  std::size_t days = 0;               // days with a next-morning score
  std::size_t tested = 0;             // factors with enough occasions on both sides
  double alpha = 0.05;
  int min_occasions = 5;
  std::vector<FactorResult> factors;  // tested ones by difference, largest first; then the rest
  DeadliftCheck deadlifts;
};

Insights compute_insights(const InsightsInput& input, const Settings& settings);
// The ids of the factors present on `day` (for `advise`: does the last run match a finding?).
std::vector<std::string> factors_on(const InsightsInput& input, const Settings& settings, Date day);

// The words: "After long runs your next-morning pain was 1.8 higher (0.9 to 2.7; 12
// occasions against 64)", or "... not enough occasions yet (3 against 64)".
std::string insight_sentence(const FactorResult& factor);
inline constexpr std::string_view kInsightsMethod =
    "Welch's t test and its 95% interval; Holm's adjustment across the factors tested";
inline constexpr std::string_view kInsightsCaution =
    "These are associations in one person's journal, not causes: a factor that goes with worse mornings may "
    "travel with something else (a hard week, a poor night, the weather).";

}  // namespace niggle
