#include "niggle/core/insights.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <set>

#include "niggle/core/load.hpp"

namespace niggle {

// ---- The statistics ----

namespace {

// The continued fraction of the incomplete beta function, evaluated by the modified Lentz
// method; converges quickly for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-15;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 1000; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front = std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

namespace {
// P(|T| > |t|) for T ~ t(df): I_x(df/2, 1/2) with x = df / (df + t^2), exact in the tails.
double t_two_sided_tail(double t, double df) {
  if (std::isinf(t)) return 0;
  return incomplete_beta(df / 2, 0.5, df / (df + t * t));
}
}  // namespace

double t_cdf(double t, double df) {
  const double tail = t_two_sided_tail(t, df) / 2;
  return t > 0 ? 1 - tail : tail;
}

double t_quantile(double p, double df) {
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  if (p == 0.5) return 0;
  // By symmetry, solve for the upper tail q = min(p, 1 - p) with the two-sided tail function,
  // which keeps full precision far out (q = 1e-6 and below).
  const double q = std::min(p, 1 - p);
  double low = 0, high = 1;
  while (t_two_sided_tail(high, df) / 2 > q && high < 1e12) high *= 2;
  for (int i = 0; i < 200 && high - low > 1e-13 * high; ++i) {
    const double mid = (low + high) / 2;
    if (t_two_sided_tail(mid, df) / 2 > q) low = mid;
    else high = mid;
  }
  const double t = (low + high) / 2;
  return p < 0.5 ? -t : t;
}

SampleSummary summarize(std::span<const double> values) {
  SampleSummary s;
  s.n = values.size();
  if (s.n == 0) return s;
  s.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(s.n);
  if (s.n < 2) return s;
  double squares = 0;
  for (double v : values) squares += (v - s.mean) * (v - s.mean);
  s.variance = squares / static_cast<double>(s.n - 1);
  return s;
}

WelchResult welch_test(std::span<const double> with, std::span<const double> without, double alpha) {
  const SampleSummary a = summarize(with), b = summarize(without);
  WelchResult r;
  r.difference = a.mean - b.mean;
  const double va = a.variance / static_cast<double>(a.n), vb = b.variance / static_cast<double>(b.n);
  r.std_error = std::sqrt(va + vb);
  const double denominator = va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1);
  r.df = denominator > 0 ? (va + vb) * (va + vb) / denominator : static_cast<double>(a.n + b.n - 2);
  if (r.std_error == 0) {
    // Both sides constant: no spread to measure; equal means are no difference, unequal
    // ones a difference that no amount of noise in these values explains.
    r.t = r.difference == 0 ? 0 : std::copysign(std::numeric_limits<double>::infinity(), r.difference);
    r.p_value = r.difference == 0 ? 1 : 0;
    r.ci_low = r.ci_high = r.difference;
    return r;
  }
  r.t = r.difference / r.std_error;
  r.p_value = std::min(1.0, t_two_sided_tail(r.t, r.df));
  const double half = t_quantile(1 - alpha / 2, r.df) * r.std_error;
  r.ci_low = r.difference - half;
  r.ci_high = r.difference + half;
  return r;
}

std::vector<double> holm_adjust(std::span<const double> p_values) {
  const std::size_t m = p_values.size();
  std::vector<std::size_t> order(m);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) { return p_values[i] < p_values[j]; });
  std::vector<double> adjusted(m);
  double running = 0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    const std::size_t i = order[rank];
    running = std::max(running, std::min(1.0, static_cast<double>(m - rank) * p_values[i]));
    adjusted[i] = running;
  }
  return adjusted;
}

// ---- Insights over a journal ----

namespace {

constexpr double kToleranceMetres = 1.0;  // distances compare with a 1 m tolerance (ADVICE-RULES.md)
constexpr int kDeadliftWeeks = 8;

// What happened on one day of the journal.
struct DayFacts {
  std::vector<const Session*> runs;
  bool strength = false;
  bool walk = false;
  std::set<std::string> tags;
  std::set<std::string> exercises;
  bool heavy_deadlift = false;
  std::optional<int> morning_pain;      // this day's next-morning score, as the day after's morning
  std::optional<double> sleep_hours;    // recorded on this day's entries (the night before)
};

bool is_deadlift(const Lift& lift) { return lift.exercise.find("deadlift") != std::string::npos; }

class DayTable {
 public:
  DayTable(const InsightsInput& input, const Settings& settings) {
    std::optional<Date> first, last;
    const auto see = [&](Date d) {
      if (!first || d < *first) first = d;
      if (!last || d > *last) last = d;
    };
    for (const Session& s : input.sessions) see(s.meta.date);
    for (const PainEntry& p : input.pain) see(p.meta.date);
    if (!first) return;
    start_ = *first;
    days_.resize(static_cast<std::size_t>(start_.days_until(*last)) + 1);
    for (const Session& s : input.sessions) {
      DayFacts& day = at(s.meta.date);
      if (s.type == ActivityType::run) day.runs.push_back(&s);
      if (s.type == ActivityType::strength) day.strength = true;
      if (s.type == ActivityType::walk || s.type == ActivityType::hike) day.walk = true;
      day.tags.insert(s.meta.tags.begin(), s.meta.tags.end());
      for (const Lift& lift : s.lifts) {
        day.exercises.insert(lift.exercise);
        if (is_deadlift(lift) && lift.load && lift.reps <= settings.advice.heavy_lift_reps) day.heavy_deadlift = true;
      }
    }
    // The first entry of each day, and its first entry marked morning, by id (recording order).
    std::vector<const PainEntry*> pain;
    for (const PainEntry& p : input.pain) pain.push_back(&p);
    std::stable_sort(pain.begin(), pain.end(), [](const PainEntry* a, const PainEntry* b) {
      return a->meta.date != b->meta.date ? a->meta.date < b->meta.date : a->meta.id < b->meta.id;
    });
    std::map<Date, const PainEntry*> first_entry, first_morning;
    for (const PainEntry* p : pain) {
      DayFacts& day = at(p->meta.date);
      day.tags.insert(p->meta.tags.begin(), p->meta.tags.end());
      first_entry.try_emplace(p->meta.date, p);
      if (p->when == Timing::morning) first_morning.try_emplace(p->meta.date, p);
      if (p->sleep_hours && (!day.sleep_hours || p->when == Timing::morning)) day.sleep_hours = p->sleep_hours;
    }
    for (const auto& [date, entry] : first_entry) {
      const auto morning = first_morning.find(date);
      const PainEntry* chosen = morning != first_morning.end() ? morning->second : entry;
      if (date > start_) at(date.minus_days(1)).morning_pain = chosen->score;
    }
  }

  bool empty() const { return days_.empty(); }
  Date start() const { return start_; }
  Date last() const { return start_.plus_days(static_cast<std::int64_t>(days_.size()) - 1); }
  bool known(Date d) const { return !days_.empty() && d >= start_ && d <= last(); }
  const DayFacts& at(Date d) const { return days_[static_cast<std::size_t>(start_.days_until(d))]; }
  DayFacts& at(Date d) { return days_[static_cast<std::size_t>(start_.days_until(d))]; }
  // Facts of a day outside the journal: nothing recorded (callers check known() first).
  const DayFacts& facts(Date d) const { return known(d) ? at(d) : empty_day_; }

  double running_metres(Date d) const {
    double sum = 0;
    for (const Session* r : facts(d).runs) sum += r->metres.value_or(0);
    return sum;
  }

 private:
  Date start_;
  std::vector<DayFacts> days_;
  DayFacts empty_day_;
};

using DayTest = std::function<std::optional<bool>(Date)>;

struct FactorSpec {
  std::string id, label, without;
  DayTest test;
};

std::optional<double> median_run_before(const DayTable& j, Date d, int window_days) {
  std::vector<double> distances;
  for (int back = 1; back <= window_days; ++back) {
    const Date day = d.minus_days(back);
    if (!j.known(day)) break;
    for (const Session* r : j.at(day).runs)
      if (r->metres) distances.push_back(*r->metres);
  }
  // Fewer than 3 runs make no median worth comparing with.
  if (distances.size() < 3) return std::nullopt;
  std::sort(distances.begin(), distances.end());
  const std::size_t n = distances.size();
  return n % 2 ? distances[n / 2] : (distances[n / 2 - 1] + distances[n / 2]) / 2;
}

std::vector<FactorSpec> factor_specs(const DayTable& j, const Settings& settings) {
  const AdviceThresholds& t = settings.advice;
  std::vector<FactorSpec> specs;

  specs.push_back({"long-run",
                   fmt::format("long runs (over {:g} x the median run of the {} days before, or --kind long)",
                               t.long_run_ratio, t.long_run_window_days),
                   "other days", [&j, &t](Date d) -> std::optional<bool> {
                     const auto& runs = j.at(d).runs;
                     if (runs.empty()) return false;
                     for (const Session* r : runs)
                       if (r->intensity == Intensity::long_run) return true;
                     const auto median = median_run_before(j, d, t.long_run_window_days);
                     bool all_measured = true;
                     for (const Session* r : runs) {
                       if (!r->metres) { all_measured = false; continue; }
                       if (median && *r->metres > t.long_run_ratio * *median + kToleranceMetres) return true;
                     }
                     if (!median || !all_measured) return std::nullopt;
                     return false;
                   }});
  for (Intensity kind : {Intensity::tempo, Intensity::intervals, Intensity::hills, Intensity::race}) {
    const std::string name{to_string(kind)};
    const std::string label = kind == Intensity::race ? "races" : kind == Intensity::hills ? "hill runs"
                              : kind == Intensity::tempo ? "tempo runs" : "interval sessions";
    specs.push_back({"kind:" + name, fmt::format("{} (--kind {})", label, name), "other days",
                     [&j, kind](Date d) -> std::optional<bool> {
                       for (const Session* r : j.at(d).runs)
                         if (r->intensity == kind) return true;
                       return false;
                     }});
  }
  specs.push_back({"spike",
                   fmt::format("runs over the L2 reference ({:g} x the longest run of the {} days before, races left out)",
                               t.spike_ratio, t.spike_window_days),
                   "other days", [&j, &t](Date d) -> std::optional<bool> {
                     const auto& runs = j.at(d).runs;
                     double longest_today = 0;
                     for (const Session* r : runs) longest_today = std::max(longest_today, r->metres.value_or(0));
                     if (runs.empty()) return false;
                     // The reference needs the whole window inside the journal: days before it are unknown.
                     if (!j.known(d.minus_days(t.spike_window_days))) return std::nullopt;
                     double reference = 0;
                     for (int back = 1; back <= t.spike_window_days; ++back)
                       for (const Session* r : j.at(d.minus_days(back)).runs)
                         if (r->metres && r->intensity != Intensity::race) reference = std::max(reference, *r->metres);
                     const double cap = reference > 0 ? t.spike_ratio * reference : t.return_to_run_km * 1000;
                     return longest_today > cap + kToleranceMetres;
                   }});
  specs.push_back({"week-over-budget",
                   fmt::format("days in a week over the L1 budget ({:g} x the mean of the known weeks before)",
                               t.weekly_ratio),
                   "other days", [&j, &t, &settings](Date d) -> std::optional<bool> {
                     const Date week = week_start(d, settings.week_start);
                     int known_weeks = 0, weeks_with_running = 0;
                     double total = 0;
                     for (int w = 1; w <= t.baseline_weeks; ++w) {
                       const Date first = week.minus_days(7 * w);
                       if (!j.known(first)) continue;  // a week before the journal is unknown, not zero
                       double metres = 0;
                       for (int i = 0; i < 7; ++i) metres += j.running_metres(first.plus_days(i));
                       ++known_weeks;
                       if (metres > 0) ++weeks_with_running;
                       total += metres;
                     }
                     if (weeks_with_running < t.min_baseline_weeks) return std::nullopt;
                     double so_far = 0;
                     for (Date day = week; day <= d; day = day.plus_days(1)) so_far += j.running_metres(day);
                     return so_far > t.weekly_ratio * total / known_weeks + kToleranceMetres;
                   }});
  specs.push_back({"back-to-back", "a second run day in a row", "other days", [&j](Date d) -> std::optional<bool> {
                     if (j.at(d).runs.empty()) return false;
                     if (!j.known(d.minus_days(1))) return std::nullopt;
                     return !j.at(d.minus_days(1)).runs.empty();
                   }});
  const auto within_week = [&j](Date d, const std::function<bool(const DayFacts&)>& has) -> std::optional<bool> {
    for (int back = 0; back < 7; ++back)
      if (j.known(d.minus_days(back)) && has(j.at(d.minus_days(back)))) return true;
    if (!j.known(d.minus_days(6))) return std::nullopt;
    return false;
  };
  specs.push_back({"strength-week", "days with a strength session in the 7 days up to them",
                   "days with none in those 7 days", [within_week](Date d) {
                     return within_week(d, [](const DayFacts& f) { return f.strength; });
                   }});
  specs.push_back({"walk", "walking days (a walk or a hike)", "other days", [&j](Date d) -> std::optional<bool> {
                     return j.at(d).walk;
                   }});
  specs.push_back({"short-sleep", fmt::format("nights under {:g} hours' sleep", t.short_sleep_hours),
                   "nights of more", [&j, &t](Date d) -> std::optional<bool> {
                     const Date next = d.plus_days(1);
                     if (!j.known(next) || !j.at(next).sleep_hours) return std::nullopt;
                     return *j.at(next).sleep_hours < t.short_sleep_hours;
                   }});
  specs.push_back({"heavy-deadlift",
                   fmt::format("days with heavy deadlifts (a load, {} reps or fewer) in the 7 days up to them",
                               t.heavy_lift_reps),
                   "days with none in those 7 days", [within_week](Date d) {
                     return within_week(d, [](const DayFacts& f) { return f.heavy_deadlift; });
                   }});

  // Tags and exercises the runner uses on enough days to be worth testing.
  std::map<std::string, int> tag_days, exercise_days;
  for (Date d = j.start(); d <= j.last(); d = d.plus_days(1)) {
    for (const std::string& tag : j.at(d).tags) ++tag_days[tag];
    for (const std::string& exercise : j.at(d).exercises) ++exercise_days[exercise];
  }
  // Named copies, not structured bindings, go into the lambdas: clang before 16 cannot
  // capture a structured binding.
  for (const auto& tag_count : tag_days) {
    const std::string tag = tag_count.first;
    if (tag_count.second < t.insights_min_occasions) continue;
    specs.push_back({"tag:" + tag, fmt::format("days tagged {}", tag), "other days",
                     [&j, tag](Date d) -> std::optional<bool> { return j.at(d).tags.count(tag) > 0; }});
  }
  for (const auto& exercise_count : exercise_days) {
    const std::string exercise = exercise_count.first;
    if (exercise_count.second < t.insights_min_occasions) continue;
    specs.push_back({"lift:" + exercise, fmt::format("days with {} in the 7 days up to them", exercise),
                     "days without", [within_week, exercise](Date d) {
                       return within_week(d, [&](const DayFacts& f) { return f.exercises.count(exercise) > 0; });
                     }});
  }
  return specs;
}

DeadliftCheck check_deadlifts(const DayTable& j, const InsightsInput& input, const Settings& settings) {
  DeadliftCheck check;
  for (const Session& s : input.sessions)
    if (s.type == ActivityType::strength && !s.lifts.empty()) ++check.sessions_with_lifts;
  for (Date d = j.start(); d <= j.last(); d = d.plus_days(1))
    if (j.at(d).heavy_deadlift) check.last_heavy = d;
  const Date this_week = week_start(input.today, settings.week_start);
  for (int w = 1; w <= kDeadliftWeeks; ++w) {
    const Date first = this_week.minus_days(7 * w);
    if (first < j.start()) break;
    ++check.weeks;
    for (int i = 0; i < 7; ++i) {
      if (j.known(first.plus_days(i)) && j.at(first.plus_days(i)).heavy_deadlift) {
        ++check.weeks_with_heavy;
        break;
      }
    }
  }
  return check;
}

std::string short_label_of(const std::string& id) {
  if (id == "long-run") return "long runs";
  if (id == "kind:tempo") return "tempo runs";
  if (id == "kind:intervals") return "interval sessions";
  if (id == "kind:hills") return "hill runs";
  if (id == "kind:race") return "races";
  if (id == "spike") return "runs over the L2 reference";
  if (id == "week-over-budget") return "weeks over the L1 budget";
  if (id == "back-to-back") return "second run days in a row";
  if (id == "strength-week") return "weeks with strength work";
  if (id == "walk") return "walking days";
  if (id == "short-sleep") return "short nights";
  if (id == "heavy-deadlift") return "weeks with heavy deadlifts";
  if (id.starts_with("tag:")) return fmt::format("days tagged {}", id.substr(4));
  if (id.starts_with("lift:")) return fmt::format("weeks with {}", id.substr(5));
  return id;
}

}  // namespace

std::vector<std::string> factors_on(const InsightsInput& input, const Settings& settings, Date day) {
  const DayTable journal(input, settings);
  std::vector<std::string> ids;
  if (journal.empty() || !journal.known(day)) return ids;
  for (const FactorSpec& spec : factor_specs(journal, settings))
    if (spec.test(day).value_or(false)) ids.push_back(spec.id);
  return ids;
}

Insights compute_insights(const InsightsInput& input, const Settings& settings) {
  const AdviceThresholds& t = settings.advice;
  Insights result;
  result.alpha = t.insights_alpha;
  result.min_occasions = std::max(2, t.insights_min_occasions);
  const DayTable journal(input, settings);
  if (journal.empty()) return result;
  result.journal_start = journal.start();

  const std::vector<FactorSpec> specs = factor_specs(journal, settings);
  std::vector<std::vector<double>> with(specs.size()), without(specs.size());
  Date first = input.since ? std::max(*input.since, journal.start()) : journal.start();
  for (Date d = first; d <= journal.last() && d < input.today; d = d.plus_days(1)) {
    const auto outcome = journal.at(d).morning_pain;
    if (!outcome) continue;
    ++result.days;
    if (!result.first_day) result.first_day = d;
    result.last_day = d;
    for (std::size_t i = 0; i < specs.size(); ++i) {
      const std::optional<bool> has = specs[i].test(d);
      if (!has) continue;
      (*has ? with[i] : without[i]).push_back(*outcome);
    }
  }

  std::vector<FactorResult> factors;
  std::vector<std::size_t> tested;
  std::vector<WelchResult> tests(specs.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    FactorResult f;
    f.id = specs[i].id;
    f.label = specs[i].label;
    f.without = specs[i].without;
    f.short_label = short_label_of(f.id);
    f.n_with = with[i].size();
    f.n_without = without[i].size();
    if (f.n_with) f.mean_with = summarize(with[i]).mean;
    if (f.n_without) f.mean_without = summarize(without[i]).mean;
    const auto needed = static_cast<std::size_t>(result.min_occasions);
    f.enough = f.n_with >= needed && f.n_without >= needed;
    if (f.enough) {
      tests[i] = welch_test(with[i], without[i], 0.05);
      f.difference = tests[i].difference;
      f.ci_low = tests[i].ci_low;
      f.ci_high = tests[i].ci_high;
      f.p_value = tests[i].p_value;
      f.df = tests[i].df;
      tested.push_back(i);
    }
    factors.push_back(std::move(f));
  }

  std::vector<double> p_values;
  for (std::size_t i : tested) p_values.push_back(*factors[i].p_value);
  const std::vector<double> adjusted = holm_adjust(p_values);
  std::vector<std::size_t> by_p(tested.size());
  std::iota(by_p.begin(), by_p.end(), std::size_t{0});
  std::stable_sort(by_p.begin(), by_p.end(), [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  const std::size_t m = tested.size();
  for (std::size_t rank = 0; rank < m; ++rank) {
    FactorResult& f = factors[tested[by_p[rank]]];
    const WelchResult& w = tests[tested[by_p[rank]]];
    f.p_adjusted = adjusted[by_p[rank]];
    f.significant = *f.p_adjusted < result.alpha;
    const double level = result.alpha / static_cast<double>(m - rank);
    const double half = w.std_error == 0 ? 0 : t_quantile(1 - level / 2, w.df) * w.std_error;
    f.adjusted_ci_low = w.difference - half;
    f.adjusted_ci_high = w.difference + half;
  }
  result.tested = m;

  std::stable_sort(factors.begin(), factors.end(), [](const FactorResult& a, const FactorResult& b) {
    if (a.enough != b.enough) return a.enough;
    if (a.enough) return std::fabs(*a.difference) > std::fabs(*b.difference);
    return a.n_with > b.n_with;
  });
  result.factors = std::move(factors);
  result.deadlifts = check_deadlifts(journal, input, settings);
  return result;
}

namespace {
std::string one_decimal(double value) {
  std::string text = fmt::format("{:.1f}", value);
  return text == "-0.0" ? "0.0" : text;
}
}  // namespace

std::string insight_sentence(const FactorResult& f) {
  if (!f.enough) {
    return fmt::format("After {}: not enough occasions yet ({} against {}).", f.label, f.n_with, f.n_without);
  }
  const double d = *f.difference;
  const std::string size = one_decimal(std::fabs(d));
  const std::string direction = size == "0.0" ? "no different" : d > 0 ? size + " higher" : size + " lower";
  return fmt::format("After {} your next-morning pain was {} ({} to {}; {} occasions against {}).", f.label, direction,
                     one_decimal(*f.ci_low), one_decimal(*f.ci_high), f.n_with, f.n_without);
}

}  // namespace niggle
