#include "niggle/store/day_totals.hpp"
#include "niggle/views/report.hpp"
#include "niggle/views/insights.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "niggle/core/advice_rules.hpp"
#include "niggle/core/load.hpp"
#include "niggle/core/text.hpp"
#include "niggle/views/week_report.hpp"

namespace niggle {
namespace {

// Distances summed in different orders (SQL for the weeks, C++ for the advice) may differ in
// the last bits; a millimetre is far below anything a runner logs.
constexpr double kTolerance = 1e-3;

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string short_day_label(Date day) {
  return fmt::format("{} {} {}", weekday_short_name(day.weekday()), day.day(), kMonths[day.month() - 1]);
}

std::string distance_text(double metres, DistanceUnit unit) { return format_distance(metres, unit); }
// A distance in a sentence: one decimal reads better than the tables' two.
std::string distance_words(double metres, DistanceUnit unit) {
  return fmt::format("{:.1f} {}", metres_to(metres, unit), unit_name(unit));
}

std::string plural(long n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string listing(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  if (items.size() == 1) return items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return join(head, ", ") + " and " + items.back();
}

template <class T>
void sort_by_day_then_id(std::vector<T>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const T& a, const T& b) {
    return a.meta.date != b.meta.date ? a.meta.date < b.meta.date : a.meta.id < b.meta.id;
  });
}

// The entries of a sorted list whose day lies in [first, last].
template <class T>
std::span<const T> days_between(const std::vector<T>& sorted, Date first, Date last) {
  const auto begin = std::lower_bound(sorted.begin(), sorted.end(), first,
                                      [](const T& e, Date d) { return e.meta.date < d; });
  const auto end = std::upper_bound(begin, sorted.end(), last, [](Date d, const T& e) { return d < e.meta.date; });
  return {begin, end};
}

// The name a rule goes by, without the variant some days add ("single-run spike: return to
// running" is L2 all the same).
std::string base_name(const std::string& name) { return name.substr(0, name.find(": ")); }

bool counts_as_fired(const Reason& reason) {
  if (reason.status != RuleStatus::fired) return false;
  // L1 and L2 fire on every day they can judge, to set the day's caps; they stand out only
  // on the days they stop running.
  const bool standing_cap = reason.rule == "L1" || reason.rule == "L2";
  return !(standing_cap && !reason.verdict);
}

DayAdvice day_advice(const Advice& advice, std::map<std::string, std::string>& sources) {
  DayAdvice out;
  out.verdict = advice.verdict;
  out.deciding_rule = advice.deciding_rule;
  out.headline = advice.headline;
  out.professional_reason = advice.professional_reason;
  for (const Reason& r : advice.reasons)
    if (counts_as_fired(r)) {
      out.fired.push_back({r.rule, base_name(r.name)});
      sources.emplace(r.rule, r.source);
    }
  return out;
}

std::vector<std::string> symptom_list(const std::vector<Symptom>& symptoms, bool (*wanted)(Symptom, bool), bool both_legs) {
  std::vector<std::string> words;
  for (Symptom s : symptoms)
    if (wanted(s, both_legs)) words.push_back(s == Symptom::weakness && both_legs ? "weakness in both legs" : symptom_words(s));
  return words;
}

bool leg_symptom(Symptom s) {
  return s == Symptom::weakness || s == Symptom::leg_pain || s == Symptom::numbness || s == Symptom::tingling;
}
bool red_flag_symptom(Symptom s, bool both_legs) {
  return classify(s) == SymptomClass::red_flag || (leg_symptom(s) && both_legs);
}
bool serious_symptom(Symptom s, bool) { return classify(s) == SymptomClass::serious_cause; }
bool nerve_symptom(Symptom s, bool both_legs) {
  return classify(s) == SymptomClass::nerve && !(leg_symptom(s) && both_legs);
}

// The day's symptoms of one class, in words, over all its entries.
std::string flag_words(const ReportDay& day, bool (*wanted)(Symptom, bool)) {
  std::vector<std::string> words;
  for (const PainEntry& p : day.pain) {
    for (std::string& w : symptom_list(p.symptoms, wanted, p.side == Side::both))
      if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
  }
  return listing(words);
}

std::optional<Location> location_of_max(const ReportDay& day) {
  std::optional<Location> where;
  int best = -1;
  for (const PainEntry& p : day.pain)
    if (p.score >= best) best = p.score, where = p.where;  // the latest entry on a tie, as `week` does
  return where;
}

// Why a day stands out, in words, from its entries, the days before it, and its advice.
std::vector<std::string> notable_reasons(const ReportDay& day, const std::map<Date, int>& peaks, const Advice& advice,
                                         const Settings& settings) {
  const AdviceThresholds& t = settings.advice;
  const DistanceUnit unit = settings.units;
  std::vector<std::string> reasons;
  if (day.red_flag) reasons.push_back(fmt::format("red-flag symptom: {}", flag_words(day, red_flag_symptom)));
  if (day.serious_cause) reasons.push_back(fmt::format("sign of a serious cause: {}", flag_words(day, serious_symptom)));
  if (day.nerve) reasons.push_back(fmt::format("nerve symptoms: {}", flag_words(day, nerve_symptom)));
  if (day.pain_max) {
    const int peak = *day.pain_max;
    if (peak >= t.severe_pain) {
      reasons.push_back(fmt::format("severe pain: {}/10 ({})", peak, location_words(location_of_max(day))));
    }
    // The latest earlier day with a score, if it is recent enough to compare with.
    auto before = peaks.lower_bound(day.date);
    if (before != peaks.begin()) {
      --before;
      const int previous = before->second;
      const std::int64_t gap = before->first.days_until(day.date);
      // A rise that ends in mild pain (0 to 2 by P4) is not worth a physio's time.
      const bool big_rise = peak > t.mild_pain && peak - previous >= kPainJumpPoints &&
                            (previous == 0 || static_cast<double>(peak - previous) >= kPainJumpShare * previous);
      if (gap <= kPainJumpDays && big_rise) {
        reasons.push_back(gap == 1 ? fmt::format("pain up from {}/10 the day before to {}/10", previous, peak)
                                   : fmt::format("pain up from {}/10 on {} to {}/10", previous,
                                                 short_day_label(before->first), peak));
      }
    }
    if (peak > t.easy_pain_max) {
      const auto quiet_from = peaks.lower_bound(day.date.minus_days(kFlareQuietDays));
      bool quiet = true;
      for (auto it = quiet_from; it != peaks.end() && it->first < day.date; ++it) quiet = quiet && it->second <= t.easy_pain_max;
      if (quiet) {
        reasons.push_back(fmt::format("start of a flare-up: pain above {}/10, the first such day in {} days",
                                      t.easy_pain_max, kFlareQuietDays + 1));
      }
    }
  }
  // The advice is the morning's: the day's runs are not in its figures yet.
  AdviceFigures f = advice.figures;
  f.ran_today_metres = day.run_metres;
  f.week_so_far_metres += day.run_metres;
  if (day.runs > 0 && !may_run(advice.verdict) && advice.verdict != Verdict::unknown) {
    reasons.push_back(fmt::format("ran {} although that morning's advice was {}", distance_text(day.run_metres, unit),
                                  verdict_name(advice.verdict)));
  }
  if (f.ran_today_metres > 0) {
    if (f.longest_recent_metres) {
      const double cap = t.spike_ratio * *f.longest_recent_metres;
      if (f.ran_today_metres > cap + kTolerance) {
        reasons.push_back(fmt::format(
            "ran {}, over the single-run cap of {} ({:.2f} x the longest run of the {} days before: {} on {})",
            distance_text(f.ran_today_metres, unit), distance_text(cap, unit), t.spike_ratio, t.spike_window_days,
            distance_text(*f.longest_recent_metres, unit), short_day_label(*f.longest_recent_day)));
      }
    } else {
      const double cap = t.return_to_run_km * 1000.0;
      if (f.ran_today_metres > cap + kTolerance) {
        reasons.push_back(fmt::format("ran {} with no run in the {} days before, over the return-to-running cap of {}",
                                      distance_text(f.ran_today_metres, unit), t.spike_window_days,
                                      distance_text(cap, unit)));
      }
    }
    if (f.baseline.weeks_with_running >= t.min_baseline_weeks) {
      const double budget = t.weekly_ratio * f.baseline.mean_run_metres;
      const double before = f.week_so_far_metres - f.ran_today_metres;
      if (f.week_so_far_metres > budget + kTolerance && before <= budget + kTolerance) {
        reasons.push_back(fmt::format("the week's running passed its budget of {} ({:.2f} x the {}-week mean of {}): {} "
                                      "by this day",
                                      distance_text(budget, unit), t.weekly_ratio, f.baseline.weeks,
                                      distance_text(f.baseline.mean_run_metres, unit),
                                      distance_text(f.week_so_far_metres, unit)));
      }
    }
  }
  return reasons;
}

std::vector<GlanceLine> make_glance(const Report& report) {
  const Settings& settings = report.settings;
  const DistanceUnit unit = settings.units;
  std::vector<GlanceLine> lines;
  const auto days = static_cast<int>(report.days.size());

  double run_metres = 0, longest = 0;
  int runs = 0, rest_days = 0;
  std::optional<Date> longest_day;
  std::array<int, kActivityTypeCount> other{};
  std::array<double, kActivityTypeCount> other_km{};
  for (const ReportDay& day : report.days) {
    run_metres += day.run_metres;
    runs += day.runs;
    if (day.runs == 0) rest_days += 1;
    for (const Session& s : day.sessions) {
      if (counts_as_run(s)) {
        if (run_distance(s) > longest) longest = run_distance(s), longest_day = s.meta.date;
      } else {
        other[static_cast<std::size_t>(s.type)] += 1;
        other_km[static_cast<std::size_t>(s.type)] += s.metres.value_or(0);
      }
    }
  }
  std::string running = runs == 0 ? std::string{"no runs"}
                                   : fmt::format("{} in {}", distance_words(run_metres, unit), plural(runs, "run", "runs"));
  int complete = 0;
  double complete_metres = 0;
  for (const ReportWeek& w : report.weeks)
    if (w.summary.complete()) complete += 1, complete_metres += w.summary.load.run_metres;
  if (complete > 0 && runs > 0) {
    running += fmt::format("; {} a week on average over the {}", distance_words(complete_metres / complete, unit),
                           plural(complete, "complete week", "complete weeks"));
  }
  if (longest_day) running += fmt::format("; longest run {} on {}", distance_words(longest, unit), long_day_label(*longest_day));
  running += fmt::format("; no run on {} of {}.", rest_days, plural(days, "day", "days"));
  lines.push_back({"Running", running});

  std::vector<std::string> others;
  for (std::size_t t = 0; t < other.size(); ++t) {
    if (other[t] == 0) continue;
    std::string text = fmt::format("{} {}", to_string(static_cast<ActivityType>(t)), plural(other[t], "session", "sessions"));
    if (other_km[t] > 0) text += fmt::format(" ({})", distance_words(other_km[t], unit));
    others.push_back(std::move(text));
  }
  lines.push_back({"Other training", others.empty() ? std::string{"none logged."} : join(others, ", ") + "."});

  int pain_days = 0, pain_sum = 0;
  const ReportDay* worst = nullptr;
  for (const ReportDay& day : report.days) {
    if (!day.pain_max) continue;
    pain_days += 1;
    pain_sum += *day.pain_max;
    if (!worst || *day.pain_max >= *worst->pain_max) worst = &day;
  }
  if (pain_days == 0) {
    lines.push_back({"Pain", days == 1 ? std::string{"not recorded."} : fmt::format("not recorded on any of the {} days.", days)});
  } else {
    std::string pain = fmt::format("recorded on {} of {}; mean {:.1f} of each day's highest score (0-10); highest {}/10 "
                                   "on {} ({})",
                                   pain_days, plural(days, "day", "days"), static_cast<double>(pain_sum) / pain_days, *worst->pain_max,
                                   long_day_label(worst->date), location_words(location_of_max(*worst)));
    // The first and the last two weeks, when each has two days with a score: the direction.
    const auto mean_of = [&](Date from, Date to) -> std::optional<std::pair<double, int>> {
      int n = 0, sum = 0;
      for (const ReportDay& day : report.days)
        if (day.date >= from && day.date <= to && day.pain_max) n += 1, sum += *day.pain_max;
      if (n < 2) return std::nullopt;
      return std::make_pair(static_cast<double>(sum) / n, n);
    };
    if (days >= 28) {
      const auto early = mean_of(report.first, report.first.plus_days(13));
      const auto late = mean_of(report.last.minus_days(13), report.last);
      if (early && late) {
        pain += fmt::format("; mean {:.1f} in the first 14 days and {:.1f} in the last 14", early->first, late->first);
      }
    }
    lines.push_back({"Pain", pain + "."});
  }
  if (!report.locations.empty() && pain_days > 0) {
    std::vector<std::string> where;
    for (const LocationTally& l : report.locations)
      where.push_back(fmt::format("{} ({})", location_words(l.where), plural(l.days, "day", "days")));
    lines.push_back({"Where", join(where, ", ") + "."});
  }

  std::vector<std::string> over;
  int judged = 0;
  for (const ReportWeek& w : report.weeks) {
    if (!w.budget_metres) continue;
    judged += 1;
    if (w.over_budget()) {
      over.push_back(fmt::format("{} ({} of {}, {:+.0f}%)", w.summary.label, distance_words(w.summary.load.run_metres, unit),
                                 distance_words(*w.budget_metres, unit),
                                 (w.summary.load.run_metres / *w.budget_metres - 1.0) * 100.0));
    }
  }
  const std::string rule = fmt::format("{:.2f} x the mean of the {} weeks before", settings.advice.weekly_ratio,
                                       settings.advice.baseline_weeks);
  if (judged == 0) {
    lines.push_back({"Weekly budget", fmt::format("no week could be judged ({}; it needs running in {} of those weeks).",
                                                  rule, settings.advice.min_baseline_weeks)});
  } else if (over.empty()) {
    lines.push_back({"Weekly budget", fmt::format("no week ran over its budget ({}); {} of {} could be judged.", rule,
                                                  judged, report.weeks.size())});
  } else {
    lines.push_back({"Weekly budget", fmt::format("{} of the {} weeks that could be judged ran over the budget ({}): {}.",
                                                  over.size(), judged, rule, join(over, ", "))});
  }

  // Warning signs, each on its own line with its days and what was felt.
  const auto flagged = [&](bool ReportDay::*flag, std::string_view label, bool (*wanted)(Symptom, bool)) {
    std::vector<std::string> dates;
    for (const ReportDay& day : report.days)
      if (day.*flag) dates.push_back(fmt::format("{} ({})", short_day_label(day.date), flag_words(day, wanted)));
    GlanceLine line{std::string{label}, "none.", false};
    if (dates.empty()) return line;
    line.alarm = true;
    const std::size_t shown = std::min<std::size_t>(dates.size(), 6);
    line.text = fmt::format("{}: {}", plural(static_cast<long>(dates.size()), "day", "days"),
                            join(std::span<const std::string>(dates).first(shown), "; "));
    if (shown < dates.size()) line.text += fmt::format("; and {} more", dates.size() - shown);
    line.text += ".";
    return line;
  };
  std::vector<std::string> absent;
  for (GlanceLine line : {flagged(&ReportDay::red_flag, "Red-flag symptoms", red_flag_symptom),
                          flagged(&ReportDay::serious_cause, "Serious-cause signs", serious_symptom),
                          flagged(&ReportDay::nerve, "Nerve symptoms", nerve_symptom)}) {
    if (line.alarm) {
      lines.push_back(std::move(line));
    } else {
      absent.push_back(ascii_lower(line.label));
    }
  }
  if (absent.size() == 3) {
    lines.push_back({"Warning signs", "none recorded: no red-flag, serious-cause or nerve symptoms."});
  } else if (!absent.empty()) {
    lines.push_back({"Not recorded", listing(absent) + "."});
  }

  const ReportDay& end = report.days.back();
  lines.push_back({end.date == report.today ? "Advice today" : "Advice on the last day",
                   fmt::format("{}: {}", long_day_label(end.date), end.advice.headline), end.advice.verdict == Verdict::urgent});
  return lines;
}

}  // namespace

bool ReportWeek::over_budget() const {
  return budget_metres && summary.load.run_metres > *budget_metres + kTolerance;
}

int Report::notable_days() const {
  return static_cast<int>(std::count_if(days.begin(), days.end(), [](const ReportDay& d) { return !d.notable.empty(); }));
}

const ReportDay* Report::day(Date date) const {
  if (days.empty() || date < first || date > last) return nullptr;
  return &days[static_cast<std::size_t>(first.days_until(date))];
}

Date report_first_week(Date today, int weeks, Weekday week_start_day) {
  return week_start(today, week_start_day).minus_days(7 * static_cast<std::int64_t>(std::max(weeks, 1) - 1));
}

std::string symptom_words(Symptom symptom) {
  switch (symptom) {
    case Symptom::numbness: return "numbness";
    case Symptom::tingling: return "tingling";
    case Symptom::burning: return "burning";
    case Symptom::leg_pain: return "pain down the leg";
    case Symptom::cough_worse: return "pain worse on coughing or sneezing";
    case Symptom::weakness: return "weakness";
    case Symptom::bladder: return "bladder trouble";
    case Symptom::bowel: return "bowel trouble";
    case Symptom::saddle_numbness: return "saddle numbness";
    case Symptom::fever: return "fever";
    case Symptom::weight_loss: return "unexplained weight loss";
    case Symptom::night_pain: return "pain at night";
    case Symptom::trauma: return "a fall or an injury";
    case Symptom::urine_difficulty: return "difficulty passing urine";
    case Symptom::rectal_numbness: return "loss of rectal sensation";
    case Symptom::sexual_dysfunction: return "new sexual dysfunction";
  }
  return "a symptom";
}

std::string location_words(const std::optional<Location>& where) {
  if (!where) return "location not given";
  std::string words{to_string(*where)};
  std::replace(words.begin(), words.end(), '-', ' ');
  return words;
}

std::string long_day_label(Date day) { return fmt::format("{} {}", short_day_label(day), day.year()); }

std::string verdict_words(Verdict verdict) {
  switch (verdict) {
    case Verdict::go: return "run as planned";
    case Verdict::easy: return "easy run";
    case Verdict::unknown: return "not enough data";
    case Verdict::cross_train: return "cross-train";
    case Verdict::rest: return "rest";
    case Verdict::urgent: return "seek care now";
  }
  return "not enough data";
}

std::string rule_summary(std::string_view rule, const Settings& settings) {
  const AdviceThresholds& t = settings.advice;
  const std::string_view unit = unit_name(settings.units);
  if (rule == "P1") return "bladder or bowel trouble, saddle numbness or weakness in both legs: seek emergency care now";
  if (rule == "P2") return "fever, unexplained weight loss, pain at night or after a fall or injury: rest, see a doctor soon";
  if (rule == "P3") return fmt::format("severe pain ({}/10 or more) that walking makes worse: rest", t.severe_pain);
  if (rule == "P3b") return fmt::format("severe pain ({}/10 or more) that walking does not make worse: cross-train", t.severe_pain);
  if (rule == "P4") return fmt::format("mild pain (up to {}/10): running may go on", t.mild_pain);
  if (rule == "P5") {
    return fmt::format("moderate pain: up to {}/10 an easy run, stopping above {}/10; above {}/10 cross-train", t.easy_pain_max,
                       t.stop_pain, t.easy_pain_max);
  }
  if (rule == "P6") {
    return fmt::format("the morning after a run, pain {}+ points above the day before it or above {}/10: cross-train",
                       t.morning_rise, t.morning_max);
  }
  if (rule == "P7") {
    return fmt::format("mean pain of the last 7 days {:.1f}+ points above the 7 before: no more distance than last week",
                       t.worsening_delta);
  }
  if (rule == "P8") return "numbness, tingling, burning, pain down the leg or worse on coughing: no running, see a professional";
  if (rule == "P9") {
    return fmt::format("pain {}/10 or more on {} of the last {} days with a score, or no improvement: see a professional",
                       t.persistent_pain, t.persistent_days, t.persistent_window_days);
  }
  if (rule == "L1") {
    return fmt::format("the week's running reached {:.2f} x the mean of the {} weeks before: cross-train for the rest of "
                       "the week",
                       t.weekly_ratio, t.baseline_weeks);
  }
  if (rule == "L2") {
    return fmt::format("the day's running reached {:.2f} x the longest run of the {} days before ({:.1f} {} after a break): "
                       "no more running that day",
                       t.spike_ratio, t.spike_window_days, metres_to(t.return_to_run_km * 1000.0, settings.units), unit);
  }
  if (rule == "L3") return fmt::format("a run on each of the {} days before: a rest day", t.max_days_without_rest);
  if (rule == "L4") {
    return fmt::format("distance {:.0f}% over the mean and more hard sessions than the mean: a warning to add one at a time",
                       (t.variable_ratio - 1) * 100);
  }
  if (rule == "L5") return fmt::format("the last 7 days' distance {:.1f} x the weekly mean of the 28 before: a warning", t.acwr_warning);
  if (rule == "T1") return fmt::format("no pain score in the last {} hours: at best an easy run", t.pain_stale_hours);
  if (rule == "T2") return "no pain score and no recent run: not enough to judge";
  return {};
}

std::string pain_phrase(const PainEntry& pain) {
  std::vector<std::string> details;
  if (pain.where) details.push_back(location_words(pain.where));
  if (pain.side) details.push_back(fmt::format("{} side{}", to_string(*pain.side), *pain.side == Side::both ? "s" : ""));
  if (pain.walking) details.push_back(fmt::format("{} walking", to_string(*pain.walking)));
  if (pain.when) details.push_back(std::string{to_string(*pain.when)});
  std::string text = fmt::format("pain {}/10", pain.score);
  if (!details.empty()) text += ": " + join(details, ", ");
  if (!pain.symptoms.empty()) {
    std::vector<std::string> words;
    for (Symptom s : pain.symptoms)
      words.push_back(s == Symptom::weakness && pain.side == Side::both ? "weakness in both legs" : symptom_words(s));
    text += "; " + join(words, ", ");
  }
  return text;
}

Report make_report(std::vector<WeekSummary> weeks, const History& history_in, const ReportRequest& request,
                   const Settings& settings) {
  Report report;
  report.today = request.today;
  report.journal = request.journal;
  report.settings = settings;
  if (weeks.empty()) return report;
  report.first = weeks.front().start;
  report.last = std::min(weeks.back().end, request.today);
  // The report starts at the journal's first day: the days and weeks before it are unknown,
  // not days of rest (ADVICE-RULES.md v2).
  const std::optional<Date> start = settings.journal_start ? settings.journal_start : history_in.first_entry;
  if (start && *start > report.first) {
    report.first = *start;
    std::erase_if(weeks, [&](const WeekSummary& w) { return w.end < *start; });
    if (weeks.empty()) return report;
  }

  const AdviceThresholds& t = settings.advice;
  for (WeekSummary& summary : weeks) {
    ReportWeek week;
    if (summary.baseline.weeks_with_running >= t.min_baseline_weeks) {
      week.budget_metres = t.weekly_ratio * summary.baseline.mean_run_metres;
    }
    week.summary = std::move(summary);
    report.weeks.push_back(std::move(week));
  }
  if (report.last < report.first) return report;

  History history = history_in;
  sort_by_day_then_id(history.sessions);
  sort_by_day_then_id(history.pain);
  sort_by_day_then_id(history.visits);

  // Each day's highest pain over the whole history, for comparisons with the days before.
  std::map<Date, int> peaks;
  for (const PainEntry& p : history.pain) {
    auto [it, inserted] = peaks.emplace(p.meta.date, p.score);
    if (!inserted) it->second = std::max(it->second, p.score);
  }

  std::map<std::string, RuleTally> tallies;
  std::map<std::string, std::string> sources;
  std::map<std::optional<Location>, std::vector<std::pair<Date, int>>> by_location;
  for (Date date = report.first; date <= report.last; date = date.plus_days(1)) {
    ReportDay day;
    day.date = date;
    const auto sessions = days_between(history.sessions, date, date);
    day.sessions.assign(sessions.begin(), sessions.end());
    const auto pain = days_between(history.pain, date, date);
    day.pain = rules::in_time_order(pain);
    for (const Session& s : day.sessions) {
      if (!counts_as_run(s)) continue;
      day.runs += 1;
      day.run_metres += run_distance(s);
    }
    std::map<std::optional<Location>, int> highest;
    for (const PainEntry& p : day.pain) {
      day.pain_max = std::max(day.pain_max.value_or(0), p.score);
      auto [it, inserted] = highest.emplace(p.where, p.score);
      if (!inserted) it->second = std::max(it->second, p.score);
      day.symptoms.insert(day.symptoms.end(), p.symptoms.begin(), p.symptoms.end());
      day.red_flag = day.red_flag || has_red_flag(p);
      day.serious_cause = day.serious_cause || has_serious_cause_flag(p);
      day.nerve = day.nerve || has_nerve_symptom(p);
    }
    std::sort(day.symptoms.begin(), day.symptoms.end());
    day.symptoms.erase(std::unique(day.symptoms.begin(), day.symptoms.end()), day.symptoms.end());
    // std::optional orders "none" first; the page lists it last.
    for (const auto& [where, score] : highest)
      if (where) day.pain_by_location.push_back({where, score});
    if (auto none = highest.find(std::nullopt); none != highest.end()) day.pain_by_location.push_back({std::nullopt, none->second});
    for (const LocationScore& l : day.pain_by_location) by_location[l.where].emplace_back(date, l.score);

    const auto visits = days_between(history.visits, date, date);
    day.visits.assign(visits.begin(), visits.end());
    // The advice as it stood that morning, as `niggle advise` would have given it before the
    // day's runs: the history before the day, with the day's morning, before-run and untimed pain
    // entries; not the advice recomputed after the day's own runs.
    const DateRange window = history_window(date, settings);
    History slice;
    slice.first_entry = history.first_entry;
    const auto window_sessions = days_between(history.sessions, window.first, date.minus_days(1));
    const auto window_pain = days_between(history.pain, window.first, date);
    const auto window_visits = days_between(history.visits, window.first, date.minus_days(1));
    slice.sessions.assign(window_sessions.begin(), window_sessions.end());
    for (const PainEntry& p : window_pain)
      if (p.meta.date < date || !p.when || p.when == Timing::morning || p.when == Timing::before) slice.pain.push_back(p);
    slice.visits.assign(window_visits.begin(), window_visits.end());
    const Advice advice = advise(slice, date, settings);
    day.advice = day_advice(advice, sources);
    day.advice.cap_metres = advice.max_metres_today;
    day.advice.ran_past_cap = day.runs > 0 && ((!may_run(advice.verdict) && advice.verdict != Verdict::unknown) ||
                                               (advice.max_metres_today &&
                                                day.run_metres > *advice.max_metres_today + t.distance_tolerance_m));
    day.notable = notable_reasons(day, peaks, advice, settings);

    report.verdict_days[static_cast<std::size_t>(advice.verdict)] += 1;
    for (const RuleRef& r : day.advice.fired) {
      RuleTally& tally = tallies[r.rule];
      if (tally.rule.empty()) tally.rule = r.rule, tally.name = r.name;
      tally.days += 1;
      if (r.rule == advice.deciding_rule) tally.deciding_days += 1;
    }
    report.days.push_back(std::move(day));
  }

  for (auto& [rule, tally] : tallies) {
    tally.source = sources[rule];
    report.rules.push_back(std::move(tally));
  }
  // Most days first; the rules' own order (P before L before T, then by number) on a tie.
  const auto rule_order = [](const std::string& id) {
    const std::string_view families = "PLT";
    return std::make_pair(families.find(id.front()), id);
  };
  std::stable_sort(report.rules.begin(), report.rules.end(), [&](const RuleTally& a, const RuleTally& b) {
    if (a.days != b.days) return a.days > b.days;
    return rule_order(a.rule) < rule_order(b.rule);
  });

  for (const auto& [where, scores] : by_location) {
    LocationTally tally;
    tally.where = where;
    tally.days = static_cast<int>(scores.size());
    int sum = 0;
    for (const auto& [date, score] : scores) {
      sum += score;
      if (score >= tally.max) tally.max = score, tally.max_date = date;
    }
    tally.mean = static_cast<double>(sum) / tally.days;
    report.locations.push_back(tally);
  }
  std::stable_sort(report.locations.begin(), report.locations.end(), [](const LocationTally& a, const LocationTally& b) {
    if (a.days != b.days) return a.days > b.days;
    return a.where.has_value() && (!b.where || *a.where < *b.where);
  });

  for (const ReportDay& day : report.days) {
    std::vector<std::pair<std::int64_t, ReportNote>> notes;
    for (const Session& s : day.sessions)
      if (s.meta.note) notes.push_back({s.meta.id, {day.date, session_phrase(s, settings.units), s.meta.tags, *s.meta.note}});
    for (const PainEntry& p : day.pain)
      if (p.meta.note) notes.push_back({p.meta.id, {day.date, pain_phrase(p), p.meta.tags, *p.meta.note}});
    std::stable_sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [id, note] : notes) report.notes.push_back(std::move(note));
  }
  // Planned sessions whose day passed without one: the day table shows them.
  for (const ReportWeek& week : report.weeks)
    for (const DayTotals& totals : week.summary.days)
      for (const PlanOutcome& outcome : totals.plans) {
        if (outcome.state != PlanState::skipped) continue;
        for (ReportDay& day : report.days)
          if (day.date == outcome.date) day.skipped_plans.push_back(outcome);
      }
  report.glance = make_glance(report);
  return report;
}

Report load_report(const Journal& journal, const ReportRequest& request, const Settings& settings) {
  std::vector<WeekSummary> weeks =
      summarize_journal(journal, request.first_week, request.weeks, request.today, settings.advice.baseline_weeks,
                        settings.journal_start ? settings.journal_start : journal.first_entry_day());
  const Date last = std::min(request.first_week.plus_days(7 * static_cast<std::int64_t>(request.weeks) - 1), request.today);
  History history;
  if (last >= request.first_week) {
    const DateRange window = history_window(request.first_week, settings);
    history.sessions = journal.sessions_between(window.first, last);
    history.pain = journal.pain_between(window.first, last);
    history.visits = journal.visits_between(window.first, last);
  }
  history.first_entry = journal.first_entry_day();
  Report report = make_report(std::move(weeks), history, request, settings);
  const JournalEntries entries = read_all_entries(journal, last);
  report.insights = compute_insights(entries.input(std::nullopt, last.plus_days(1)), settings);
  return report;
}

}  // namespace niggle
