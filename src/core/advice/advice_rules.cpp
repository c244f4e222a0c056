// The rules of ADVICE-RULES.md, one function each, and the figures they read.
#include "niggle/core/advice_rules.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <numeric>

#include "niggle/core/text.hpp"

namespace niggle::rules {
namespace {

// Means and ratios are compared with a little slack for floating-point noise, so that a mean
// of 4.0 against 3.0 is exactly one point more and 22 km is not "more than 1.10 x 20 km".
constexpr double kEpsilon = 1e-9;

// L5 uses the windows of the acute:chronic literature (Gabbett 2016): the last 7 days
// against the 28 days before them. They are conventions of the ratio, not tunable thresholds.
constexpr int kAcuteDays = 7;
constexpr int kChronicDays = 28;

// P7 compares the last 7 days with the 7 before.
constexpr int kTrendDays = 7;

// P7 and P9 compare means of daily pain: one day's score is not a trend, so each side of a
// comparison needs at least two days with entries.
constexpr int kMinDaysForMean = 2;

constexpr std::string_view kSourceP1 =
    "seed 001 (poor bladder control among sciatica signs); cauda equina standards (BASS/SBNS 2018) and NICE CKS "
    "sciatica treat these signs as emergencies";
constexpr std::string_view kSourceP2 = "AHCPR low back pain guideline 1994; NICE NG59 (rule out infection, cancer, fracture)";
constexpr std::string_view kSourceP3 = "seed 001 (a physical therapist: 8/10 and worse with walking means don't run)";
constexpr std::string_view kSourceP3b = "seed 001 and Silbernagel et al., AJSM 2007, read conservatively";
constexpr std::string_view kSourceP4 =
    "seed 001 (a physical therapist: 2/10 and better with walking means running may be safe)";
constexpr std::string_view kSourceP5 =
    "Silbernagel et al., AJSM 2007 (pain up to 5/10 during activity is acceptable); seed 001 (cut mileage or switch "
    "to walking or the elliptical)";
constexpr std::string_view kSourceP6 = "Silbernagel et al., AJSM 2007 (pain after activity must settle by the next morning)";
constexpr std::string_view kSourceP7 =
    "Silbernagel et al., AJSM 2007 (no week-to-week rise); seed 002 (know when it is getting worse; don't push through)";
constexpr std::string_view kSourceP8 =
    "seed 001 (sciatica signs; don't run while it flares); seed 003 (numbness or tingling needs a medical evaluation)";
constexpr std::string_view kSourceP9 =
    "seed 001 (no relief after steps at home); seed 003 (pain that persists); seed 002 (find the cause and a care team)";
constexpr std::string_view kSourceL1 =
    "seed 001 (at most 30% more every 3-4 weeks); Nielsen et al. 2014; Gabbett, BJSM 2016 (the 1.3 upper bound)";
constexpr std::string_view kSourceL2 =
    "Frandsen et al., BJSM 2025 (Garmin-RUNSAFE: runs over 10% longer than the longest of 30 days raised injury risk)";
constexpr std::string_view kSourceL3 =
    "seed 001 (at least one full day of rest a week); Ristolainen et al. 2014 (few rest days, more overuse injuries)";
constexpr std::string_view kSourceL4 = "seed 001 (mileage, speed and hills: add one at a time)";
constexpr std::string_view kSourceL5 =
    "Gabbett, BJSM 2016; the ratio is a weak predictor (Impellizzeri et al., Sports Med 2021)";
constexpr std::string_view kSourceT = "seed 002 (keep a daily pain journal: advice can only judge what is recorded)";

Reason make_reason(std::string_view rule, std::string_view name, std::string_view source) {
  Reason reason;
  reason.rule = rule;
  reason.name = name;
  reason.source = source;
  return reason;
}

std::string day_label(Date day) { return fmt::format("{} {}", weekday_short_name(day.weekday()), day.iso()); }

std::string distance(const Facts& facts, double metres) { return advice_distance(metres, facts.settings.units); }

// "1 day", "3 days".
std::string days_text(int count) { return fmt::format("{} day{}", count, count == 1 ? "" : "s"); }

std::string number(double value) { return fmt::format("{:.2f}", value); }
std::string mean_text(double value) { return fmt::format("{:.1f}", value); }

// Symptoms in plain words, for messages.
std::string_view symptom_words(Symptom symptom) {
  switch (symptom) {
    case Symptom::numbness: return "numbness";
    case Symptom::tingling: return "tingling";
    case Symptom::burning: return "burning";
    case Symptom::leg_pain: return "pain down the leg";
    case Symptom::cough_worse: return "pain worse with coughing or sneezing";
    case Symptom::weakness: return "leg weakness";
    case Symptom::bladder: return "bladder trouble (loss of control or trouble passing urine)";
    case Symptom::bowel: return "loss of bowel control";
    case Symptom::saddle_numbness: return "numbness in the saddle area";
    case Symptom::fever: return "fever or chills";
    case Symptom::weight_loss: return "unexplained weight loss";
    case Symptom::night_pain: return "severe pain at night";
    case Symptom::trauma: return "pain after a fall or injury";
  }
  return "a symptom";
}

void add_unique(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

// "a, b and c".
std::string listing(const std::vector<std::string>& items) {
  if (items.empty()) return {};
  if (items.size() == 1) return items.front();
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return fmt::format("{} and {}", join(head, ", "), items.back());
}

// Weakness in both legs is a red flag (P1); on one side it is a nerve sign (P8).
bool is_red_flag(const PainEntry& entry, Symptom symptom) {
  return classify(symptom) == SymptomClass::red_flag || (symptom == Symptom::weakness && entry.side == Side::both);
}

std::string red_flag_words(Symptom symptom) {
  if (symptom == Symptom::weakness) return "weakness in both legs";
  return std::string{symptom_words(symptom)};
}

struct Mean {
  std::optional<double> value;
  int days = 0;
};

// The mean of the daily peaks on days in [first, last] with entries.
Mean mean_pain(std::span<const DailyPain> daily, Date first, Date last) {
  Mean mean;
  int total = 0;
  for (const DailyPain& d : daily) {
    if (d.day < first || d.day > last) continue;
    total += d.peak;
    mean.days += 1;
  }
  if (mean.days > 0) mean.value = static_cast<double>(total) / mean.days;
  return mean;
}

// The latest pain when it is fresh enough to judge today by.
const PainEntry* fresh_pain(const Facts& facts) {
  const AdviceFigures& f = facts.figures;
  return f.pain_fresh && f.latest_pain ? &*f.latest_pain : nullptr;
}

// "4/10 (Tue 2026-11-24 morning, lower-back, better walking)".
std::string describe_latest(const Facts& facts) {
  const PainEntry& pain = *facts.figures.latest_pain;
  std::vector<std::string> parts;
  std::string when = day_label(pain.meta.date);
  if (pain.when) when += fmt::format(" {}", to_string(*pain.when));
  parts.push_back(when);
  if (pain.where) parts.emplace_back(to_string(*pain.where));
  if (facts.figures.latest_walking) parts.push_back(fmt::format("walking: {}", to_string(*facts.figures.latest_walking)));
  return fmt::format("{}/10 ({})", pain.score, join(parts, ", "));
}

std::string walking_words(std::optional<Walking> walking) {
  if (!walking) return "how walking changes it is not recorded";
  switch (*walking) {
    case Walking::better: return "walking makes it better";
    case Walking::same: return "walking does not change it";
    case Walking::worse: return "walking makes it worse";
  }
  return {};
}

std::string stale_message(const Facts& facts) {
  return fmt::format("no pain score in the last {} h ({} to {}); see T1", facts.settings.advice.pain_stale_hours,
                     day_label(window_start(facts.day, facts.settings.advice.pain_stale_hours)), day_label(facts.day));
}

std::string alternatives(std::optional<Walking> walking) {
  return walking == Walking::worse ? "the elliptical, swimming or easy spinning"
                                   : "walking, the elliptical, swimming or easy spinning";
}

}  // namespace

int days_covering(int hours) { return std::max(1, (hours + 23) / 24); }

Date window_start(Date day, int hours) { return day.minus_days(days_covering(hours) - 1); }

std::vector<PainEntry> in_time_order(std::span<const PainEntry> entries) {
  std::vector<PainEntry> by_id(entries.begin(), entries.end());
  std::stable_sort(by_id.begin(), by_id.end(), [](const PainEntry& a, const PainEntry& b) {
    return a.meta.date != b.meta.date ? a.meta.date < b.meta.date : a.meta.id < b.meta.id;
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

Facts gather_facts(const History& history, Date day, const Settings& settings) {
  Facts facts;
  facts.day = day;
  facts.settings = settings;
  const AdviceThresholds& t = settings.advice;
  for (const Session& session : history.sessions)
    if (session.meta.date <= day && counts_as_run(session)) facts.runs.push_back(session);
  std::stable_sort(facts.runs.begin(), facts.runs.end(), [](const Session& a, const Session& b) {
    return a.meta.date != b.meta.date ? a.meta.date < b.meta.date : a.meta.id < b.meta.id;
  });
  std::vector<PainEntry> pain;
  for (const PainEntry& entry : history.pain)
    if (entry.meta.date <= day) pain.push_back(entry);
  facts.pain = in_time_order(pain);

  AdviceFigures& f = facts.figures;
  // Load: the baseline weeks and this week, from the shared load module so that `advise`
  // and the weekly summaries agree.
  const int baseline_weeks = std::max(1, t.baseline_weeks);
  const Date this_week = week_start(day, settings.week_start);
  f.weeks = weekly_loads(facts.runs, this_week.minus_days(7 * static_cast<std::int64_t>(baseline_weeks)), baseline_weeks + 1);
  f.baseline = baseline_of(std::span<const WeekLoad>(f.weeks).first(static_cast<std::size_t>(baseline_weeks)));
  f.week_so_far_metres = f.weeks.back().run_metres;
  f.last_week_metres = f.weeks[static_cast<std::size_t>(baseline_weeks - 1)].run_metres;

  std::map<Date, double> per_day;
  for (const Session& run : facts.runs) per_day[run.meta.date] += *run.metres;
  if (auto it = per_day.find(day); it != per_day.end()) f.ran_today_metres = it->second;
  const Date spike_first = day.minus_days(t.spike_window_days);
  for (const Session& run : facts.runs) {
    if (run.meta.date < spike_first || run.meta.date >= day) continue;
    if (!f.longest_recent_metres || *run.metres >= *f.longest_recent_metres) {  // ties: the latest
      f.longest_recent_metres = *run.metres;
      f.longest_recent_day = run.meta.date;
    }
  }
  for (auto it = per_day.rbegin(); it != per_day.rend(); ++it) {
    if (it->first < day) {
      f.last_run_before = it->first;
      break;
    }
  }
  Date cursor = day.minus_days(1);
  while (per_day.count(cursor)) {
    f.run_streak_days += 1;
    cursor = cursor.minus_days(1);
  }
  f.last_rest_day = cursor;
  const Date acute_first = day.minus_days(kAcuteDays - 1);
  const Date chronic_first = acute_first.minus_days(kChronicDays);
  for (const auto& [date, metres] : per_day) {
    if (date >= acute_first) {
      f.acute_metres += metres;
    } else if (date >= chronic_first) {
      f.chronic_metres += metres;
    }
  }
  if (f.chronic_metres > 0) f.acwr = f.acute_metres / (f.chronic_metres / (kChronicDays / kAcuteDays));

  // Pain.
  if (!facts.pain.empty()) {
    f.latest_pain = facts.pain.back();
    for (auto it = facts.pain.rbegin(); it != facts.pain.rend() && it->meta.date == f.latest_pain->meta.date; ++it) {
      if (it->walking) {
        f.latest_walking = it->walking;
        break;
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

// ---------------------------------------------------------------------------------------
// Pain and symptoms

Reason p1_red_flags(const Facts& facts) {
  Reason r = make_reason("P1", "red flags", kSourceP1);
  const int hours = facts.settings.advice.red_flag_hours;
  const Date first = window_start(facts.day, hours);
  std::vector<std::string> flags;
  std::optional<Date> seen;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date < first) continue;
    for (Symptom symptom : entry.symptoms) {
      if (!is_red_flag(entry, symptom)) continue;
      add_unique(flags, red_flag_words(symptom));
      seen = entry.meta.date;
    }
  }
  if (flags.empty()) {
    r.message = fmt::format(
        "No red-flag symptom (bladder or bowel trouble, saddle numbness, weakness in both legs) recorded in the last "
        "{} h ({} to {}).",
        hours, day_label(first), day_label(facts.day));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::urgent;
  r.summary = listing(flags);
  r.professional = "emergency care now: an emergency department or your local emergency number, not a physio appointment";
  r.message = fmt::format(
      "{} recorded on {}: with back pain this can mean pressure on the nerves at the base of the spine (cauda equina "
      "syndrome), an emergency in which hours matter. Seek emergency care now: go to an emergency department or call "
      "your local emergency number. Do not run.",
      capitalised(listing(flags)), day_label(*seen));
  return r;
}

Reason p2_serious_cause(const Facts& facts) {
  Reason r = make_reason("P2", "serious-cause flags", kSourceP2);
  const int hours = facts.settings.advice.red_flag_hours;
  const Date first = window_start(facts.day, hours);
  std::vector<std::string> flags;
  std::optional<Date> seen;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date < first) continue;
    for (Symptom symptom : entry.symptoms) {
      if (classify(symptom) != SymptomClass::serious_cause) continue;
      add_unique(flags, std::string{symptom_words(symptom)});
      seen = entry.meta.date;
    }
  }
  if (flags.empty()) {
    r.message = fmt::format(
        "No fever, unexplained weight loss, night pain or injury recorded in the last {} h ({} to {}).", hours,
        day_label(first), day_label(facts.day));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::rest;
  r.summary = fmt::format("{} with back pain", listing(flags));
  r.professional = fmt::format("a doctor soon, within a day or two ({})", listing(flags));
  r.message = fmt::format(
      "{} recorded on {}: with back pain this should be checked by a doctor soon, within a day or two, to rule out "
      "infection, fracture or another serious cause. Rest until then.",
      capitalised(listing(flags)), day_label(*seen));
  return r;
}

Reason p3_severe_pain(const Facts& facts) {
  Reason r = make_reason("P3", "severe pain", kSourceP3);
  const int severe = facts.settings.advice.severe_pain;
  const PainEntry* pain = fresh_pain(facts);
  if (!pain) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot check severe pain: {}.", stale_message(facts));
    return r;
  }
  const auto walking = facts.figures.latest_walking;
  if (pain->score < severe) {
    r.message = fmt::format("Latest pain {} is below severe ({}/10).", describe_latest(facts), severe);
    return r;
  }
  if (walking == Walking::better || walking == Walking::same) {
    r.message = fmt::format("Latest pain {} is severe, but {}: see P3b.", describe_latest(facts), walking_words(walking));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::rest;
  if (walking == Walking::worse) {
    r.summary = fmt::format("pain {}/10 that walking makes worse", pain->score);
    r.message = fmt::format("Latest pain {}: severe, and walking makes it worse. Don't run today; rest.",
                            describe_latest(facts));
  } else {
    r.summary = fmt::format("severe pain, {}/10", pain->score);
    r.message = fmt::format(
        "Latest pain {}: severe, and how walking changes it is not recorded, so niggle assumes the worse. Don't run "
        "today; rest. Record it with --walking better, same or worse.",
        describe_latest(facts));
  }
  return r;
}

Reason p3b_severe_not_worse_walking(const Facts& facts) {
  Reason r = make_reason("P3b", "severe pain, not worse walking", kSourceP3b);
  const int severe = facts.settings.advice.severe_pain;
  const PainEntry* pain = fresh_pain(facts);
  if (!pain) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot check severe pain: {}.", stale_message(facts));
    return r;
  }
  const auto walking = facts.figures.latest_walking;
  if (pain->score < severe || !(walking == Walking::better || walking == Walking::same)) {
    r.message = pain->score < severe
                    ? fmt::format("Latest pain {} is below severe ({}/10).", describe_latest(facts), severe)
                    : fmt::format("Latest pain {} is severe and {}: see P3.", describe_latest(facts), walking_words(walking));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::cross_train;
  r.summary = fmt::format("severe pain, {}/10", pain->score);
  r.message = fmt::format(
      "Latest pain {}: severe, though {}. No running today; low-impact cross-training ({}) only if it stays "
      "comfortable.",
      describe_latest(facts), walking_words(walking), alternatives(walking));
  return r;
}

Reason p4_mild_pain(const Facts& facts) {
  Reason r = make_reason("P4", "mild pain", kSourceP4);
  const int mild = facts.settings.advice.mild_pain;
  const PainEntry* pain = fresh_pain(facts);
  if (!pain) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot check mild pain: {}.", stale_message(facts));
    return r;
  }
  if (pain->score > mild) {
    r.message = fmt::format("Latest pain {} is above mild ({}/10).", describe_latest(facts), mild);
    return r;
  }
  const auto walking = facts.figures.latest_walking;
  r.status = RuleStatus::fired;
  if (pain->score == 0) {
    r.verdict = Verdict::go;
    r.message = fmt::format("Latest pain {}: no pain. Running may be safe; this rule sets no cap.", describe_latest(facts));
  } else if (walking == Walking::better) {
    r.verdict = Verdict::go;
    r.message = fmt::format("Latest pain {}: mild, and walking makes it better. Running may be safe; this rule sets no cap.",
                            describe_latest(facts));
  } else {
    // Mild pain that walking does not ease falls short of the all-clear; the easy run of
    // P5 with its stop rule is the conservative reading.
    r.verdict = Verdict::easy;
    r.summary = fmt::format("pain {}/10 that walking does not ease", pain->score);
    r.message = fmt::format(
        "Latest pain {}: mild, but {}, and the all-clear needs pain that eases with walking. Keep it to an easy run.",
        describe_latest(facts), walking_words(walking));
  }
  return r;
}

Reason p5_moderate_pain(const Facts& facts) {
  Reason r = make_reason("P5", "moderate pain", kSourceP5);
  const AdviceThresholds& t = facts.settings.advice;
  const PainEntry* pain = fresh_pain(facts);
  if (!pain) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot check moderate pain: {}.", stale_message(facts));
    return r;
  }
  if (pain->score <= t.mild_pain || pain->score >= t.severe_pain) {
    r.message = fmt::format("Latest pain {} is not moderate ({}-{}/10).", describe_latest(facts), t.mild_pain + 1,
                            t.severe_pain - 1);
    return r;
  }
  r.status = RuleStatus::fired;
  if (pain->score <= t.easy_pain_max) {
    r.verdict = Verdict::easy;
    r.summary = fmt::format("pain {}/10", pain->score);
    r.message = fmt::format(
        "Latest pain {}: moderate. An easy run is fine; stop if pain during the run goes above {}/10 or your stride "
        "changes.",
        describe_latest(facts), t.stop_pain);
  } else {
    r.verdict = Verdict::cross_train;
    r.summary = fmt::format("pain {}/10", pain->score);
    r.message = fmt::format("Latest pain {}: above {}/10, so no running today; cut the load with {} instead.",
                            describe_latest(facts), t.easy_pain_max, alternatives(facts.figures.latest_walking));
  }
  return r;
}

Reason p6_next_morning(const Facts& facts) {
  Reason r = make_reason("P6", "next morning", kSourceP6);
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const Date yesterday = facts.day.minus_days(1);
  if (!f.last_run_before || *f.last_run_before != yesterday) {
    r.message = f.last_run_before
                    ? fmt::format("The last run before today was on {}, not yesterday: no morning-after check today.",
                                  day_label(*f.last_run_before))
                    : "No run before today in the history: no morning-after check today.";
    return r;
  }
  // The morning score: entries marked morning, else entries without a `when` (a daily
  // journal that never says when).
  std::optional<int> morning, untimed;
  std::optional<int> before;
  const Date day_before_run = yesterday.minus_days(1);
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date == facts.day && entry.when == Timing::morning) morning = std::max(morning.value_or(0), entry.score);
    if (entry.meta.date == facts.day && !entry.when) untimed = std::max(untimed.value_or(0), entry.score);
  }
  for (const DailyPain& d : f.daily)
    if (d.day == day_before_run) before = d.peak;
  if (!morning) morning = untimed;
  if (!morning) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format(
        "You ran yesterday ({}), and this morning's pain is not recorded, so whether it settled cannot be checked. "
        "Record it: niggle pain N --when morning.",
        day_label(yesterday));
    return r;
  }
  const bool too_high = *morning > t.morning_max;
  const bool rose = before && *morning - *before >= t.morning_rise;
  const std::string before_text =
      before ? fmt::format("{}/10 on {}, the day before the run", *before, day_label(day_before_run))
             : fmt::format("no pain recorded on {}, the day before the run, so the rise cannot be checked",
                           day_label(day_before_run));
  if (!too_high && !rose) {
    r.message = fmt::format("The morning after yesterday's run, pain is {}/10 ({}): it settled.", *morning, before_text);
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::cross_train;
  r.summary = fmt::format("pain {}/10 the morning after yesterday's run", *morning);
  r.message = fmt::format(
      "The morning after yesterday's run, pain is {}/10 ({}): {}. Pain after a run should settle by the next "
      "morning; cross-train today.",
      *morning, before_text,
      too_high ? fmt::format("above {}/10", t.morning_max)
               : fmt::format("{} points or more above the day before", t.morning_rise));
  return r;
}

Reason p7_getting_worse(const Facts& facts) {
  Reason r = make_reason("P7", "getting worse", kSourceP7);
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  if (f.pain_days_last7 < kMinDaysForMean || f.pain_days_previous7 < kMinDaysForMean) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format(
        "Cannot tell whether pain is getting worse: {} with pain entries in the last 7 days and {} in the 7 "
        "before ({} each needed).",
        days_text(f.pain_days_last7), f.pain_days_previous7, kMinDaysForMean);
    return r;
  }
  const double rise = *f.pain_mean_last7 - *f.pain_mean_previous7;
  const std::string means = fmt::format("mean daily pain {} over the last 7 days against {} over the 7 before",
                                        mean_text(*f.pain_mean_last7), mean_text(*f.pain_mean_previous7));
  if (rise < t.worsening_delta - kEpsilon) {
    r.message = fmt::format("Not getting worse: {} (a rise of {} points would freeze the weekly budget).",
                            means, mean_text(t.worsening_delta));
    return r;
  }
  r.status = RuleStatus::fired;
  r.week_budget_metres = f.last_week_metres;
  const double left = f.last_week_metres - f.week_so_far_metres;
  r.message = fmt::format(
      "Pain is getting worse: {}. No increase this week: the budget is last week's {}; {} run so far.", means,
      distance(facts, f.last_week_metres), distance(facts, f.week_so_far_metres));
  if (left <= 0) {
    r.verdict = Verdict::cross_train;
    r.cap_metres = 0;
    r.summary = "pain is rising and this week already matches last week";
    r.message += " Cross-train for the rest of the week.";
  } else {
    r.cap_metres = left;
    r.message += fmt::format(" {} left.", distance(facts, left));
  }
  return r;
}

Reason p8_nerve_symptoms(const Facts& facts) {
  Reason r = make_reason("P8", "nerve symptoms", kSourceP8);
  const AdviceFigures& f = facts.figures;
  if (!f.latest_pain) {
    r.message = "No pain entries, so no nerve symptoms recorded.";
    return r;
  }
  // Symptoms last until a later day is recorded without them: the latest day with entries decides.
  const Date latest_day = f.latest_pain->meta.date;
  const Date p1_first = window_start(facts.day, facts.settings.advice.red_flag_hours);
  std::vector<std::string> nerve, old_flags;
  bool weakness = false;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date != latest_day) continue;
    for (Symptom symptom : entry.symptoms) {
      if (is_red_flag(entry, symptom)) {
        // Within P1's window a red flag is P1's; older, it may still be there.
        if (entry.meta.date < p1_first) add_unique(old_flags, red_flag_words(symptom));
      } else if (classify(symptom) == SymptomClass::nerve) {
        add_unique(nerve, std::string{symptom_words(symptom)});
        weakness = weakness || symptom == Symptom::weakness;
      }
    }
  }
  if (nerve.empty() && old_flags.empty()) {
    r.message = fmt::format("No nerve symptoms recorded on {}, the latest day with pain entries.", day_label(latest_day));
    return r;
  }
  std::vector<std::string> all = nerve;
  all.insert(all.end(), old_flags.begin(), old_flags.end());
  r.status = RuleStatus::fired;
  r.verdict = Verdict::cross_train;
  r.summary = fmt::format("nerve symptoms ({})", listing(all));
  r.professional = fmt::format("a physiotherapist or doctor ({})", listing(all));
  r.message = fmt::format(
      "{} recorded on {}, the latest day with pain entries, can mean an irritated nerve. See a physiotherapist or "
      "doctor, and cross-train instead of running while it lasts; once it has gone, record a pain score without it.",
      capitalised(listing(all)), day_label(latest_day));
  if (weakness) r.message += " If the weakness is in both legs or getting worse, seek emergency care now.";
  if (!old_flags.empty()) {
    r.message += fmt::format(" {} was recorded more than {} h ago: if it is still there, seek emergency care now.",
                             capitalised(listing(old_flags)), facts.settings.advice.red_flag_hours);
  }
  return r;
}

Reason p9_persistent_pain(const Facts& facts) {
  Reason r = make_reason("P9", "persistent pain", kSourceP9);
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const bool can_count = f.persistent_days_counted >= t.persistent_days;
  const bool can_compare = f.persistent_mean_recent && f.persistent_mean_earlier;
  const bool many_painful_days = can_count && f.persistent_painful_days >= t.persistent_days;
  const int half = t.persistent_window_days / 2;
  const bool no_improvement = can_compare && *f.persistent_mean_recent >= t.persistent_pain - kEpsilon &&
                              *f.persistent_mean_recent >= *f.persistent_mean_earlier - kEpsilon;
  const std::string counted =
      fmt::format("pain at {}/10 or more on {} of the last {} with entries", t.persistent_pain,
                  f.persistent_painful_days, days_text(f.persistent_days_counted));
  const std::string compared =
      can_compare ? fmt::format("mean daily pain {} over the last {} days against {} over the {} before",
                                mean_text(*f.persistent_mean_recent), half, mean_text(*f.persistent_mean_earlier),
                                t.persistent_window_days - half)
                  : std::string{};
  if (!can_count && !can_compare) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format(
        "Cannot tell whether pain persists: {} with pain entries in the last {} days ({} needed), and too few "
        "in each half of the last {} days to compare.",
        days_text(f.persistent_days_counted), 2 * t.persistent_window_days, t.persistent_days, t.persistent_window_days);
    return r;
  }
  if (!many_painful_days && !no_improvement) {
    std::vector<std::string> parts;
    if (can_count) parts.push_back(counted);
    if (can_compare) parts.push_back(compared);
    r.message = fmt::format("Pain is not persistent: {}.", join(parts, "; "));
    return r;
  }
  r.status = RuleStatus::fired;
  r.summary = "persistent pain";
  r.message = many_painful_days
                  ? fmt::format("Persistent pain: {}.", counted)
                  : fmt::format("No improvement over {} days: {}.", t.persistent_window_days, compared);
  r.message += " Pain that lasts despite care at home deserves a professional: see a physiotherapist or doctor to find "
               "the cause.";
  r.professional = many_painful_days ? fmt::format("a physiotherapist or doctor ({})", counted)
                                     : fmt::format("a physiotherapist or doctor (no improvement over {} days)",
                                                   t.persistent_window_days);
  return r;
}

// ---------------------------------------------------------------------------------------
// Training load

Reason l1_weekly_progression(const Facts& facts) {
  Reason r = make_reason("L1", "weekly progression", kSourceL1);
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  if (f.baseline.weeks_with_running < t.min_baseline_weeks) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format(
        "Only {} of the {} weeks before this one have running ({} needed): the weekly budget cannot be judged yet, so "
        "it sets no cap.",
        f.baseline.weeks_with_running, f.baseline.weeks, t.min_baseline_weeks);
    return r;
  }
  const double budget = t.weekly_ratio * f.baseline.mean_run_metres;
  const double left = budget - f.week_so_far_metres;
  r.status = RuleStatus::fired;
  r.week_budget_metres = budget;
  const std::string figures = fmt::format("{} x the {} weekly mean of the {} weeks before", number(t.weekly_ratio),
                                          distance(facts, f.baseline.mean_run_metres), f.baseline.weeks);
  if (left <= kEpsilon) {
    r.verdict = Verdict::cross_train;
    r.cap_metres = 0;
    r.summary = fmt::format("this week's {} budget is used up", distance(facts, budget));
    r.message = fmt::format("This week's {} already reaches its {} budget ({}): cross-train for the rest of the week.",
                            distance(facts, f.week_so_far_metres), distance(facts, budget), figures);
  } else {
    r.cap_metres = left;
    r.message = fmt::format("This week: {} run of a {} budget ({}); {} left.", distance(facts, f.week_so_far_metres),
                            distance(facts, budget), figures, distance(facts, left));
  }
  return r;
}

Reason l2_single_run_spike(const Facts& facts) {
  Reason r = make_reason("L2", "single-run spike", kSourceL2);
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  r.status = RuleStatus::fired;
  double day_cap = 0;
  if (!f.longest_recent_metres) {
    r.name = "single-run spike: return to running";
    day_cap = t.return_to_run_km * 1000.0;
    r.message = fmt::format("No run in the {} days before today: a return to running starts with at most {}.",
                            t.spike_window_days, distance(facts, day_cap));
  } else {
    day_cap = t.spike_ratio * *f.longest_recent_metres;
    r.message = fmt::format(
        "Longest run of the {} days before today: {} on {}. Today's running stays within {} x that, {}.",
        t.spike_window_days, distance(facts, *f.longest_recent_metres), day_label(*f.longest_recent_day),
        number(t.spike_ratio), distance(facts, day_cap));
  }
  const double left = day_cap - f.ran_today_metres;
  if (f.ran_today_metres > 0) {
    r.message += fmt::format(" Already run today: {}; ", distance(facts, f.ran_today_metres));
    r.message += left > kEpsilon ? fmt::format("{} more at most.", distance(facts, left)) : "that is today's cap.";
  }
  if (left <= kEpsilon) {
    r.verdict = Verdict::cross_train;
    r.cap_metres = 0;
    r.summary = fmt::format("today's {} cap is run already", distance(facts, day_cap));
  } else {
    r.cap_metres = left;
  }
  return r;
}

Reason l3_rest_day(const Facts& facts) {
  Reason r = make_reason("L3", "rest day", kSourceL3);
  const int days = facts.settings.advice.max_days_without_rest;
  const AdviceFigures& f = facts.figures;
  if (f.run_streak_days < days) {
    r.message = fmt::format("Last rest day (no run): {}; a rest day is due after {} days in a row with a run.",
                            day_label(*f.last_rest_day), days);
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::rest;
  r.summary = fmt::format("you ran on each of the last {} days", f.run_streak_days);
  r.message = fmt::format(
      "You ran on each of the {} days before today (the last rest day was {}): take a full rest day today. Core work, "
      "stretching or an easy walk do not break it.",
      f.run_streak_days, day_label(*f.last_rest_day));
  return r;
}

Reason l4_one_variable(const Facts& facts) {
  Reason r = make_reason("L4", "one variable at a time", kSourceL4);
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
      distance(facts, f.week_so_far_metres), f.baseline.weeks, distance(facts, f.baseline.mean_run_metres), rise,
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
  Reason r = make_reason("L5", "acute:chronic ratio", kSourceL5);
  const AdviceFigures& f = facts.figures;
  if (!f.acwr) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("No running in the {} days before the last {}: no acute:chronic ratio.", kChronicDays,
                            kAcuteDays);
    return r;
  }
  const std::string figures = fmt::format("last {} days {} against a {}-day mean of {} from the {} days before: {}",
                                          kAcuteDays, distance(facts, f.acute_metres), kAcuteDays,
                                          distance(facts, f.chronic_metres / (kChronicDays / kAcuteDays)),
                                          kChronicDays, number(*f.acwr));
  if (*f.acwr >= facts.settings.advice.acwr_warning - kEpsilon) {
    r.status = RuleStatus::fired;
    r.warning = true;
    r.message = fmt::format(
        "Acute:chronic ratio {}, at or above {}: a sharp rise in load. The ratio is a weak predictor, so this is a "
        "warning, not a verdict.",
        figures, number(facts.settings.advice.acwr_warning));
  } else {
    r.status = RuleStatus::info;
    r.message = fmt::format("Acute:chronic ratio {} (a warning from {}; a weak predictor, shown for information).",
                            figures, number(facts.settings.advice.acwr_warning));
  }
  return r;
}

// ---------------------------------------------------------------------------------------
// Thin data

Reason t1_pain_unknown(const Facts& facts) {
  Reason r = make_reason("T1", "pain unknown", kSourceT);
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
      "No pain score in the last {} h ({} to {}){}: the pain rules (P3-P6) cannot judge, so the verdict is at best an "
      "easy run. Record one: niggle pain 0-10 --walking better|same|worse.",
      hours, day_label(first), day_label(facts.day),
      f.latest_pain ? fmt::format("; the latest was {}/10 on {}", f.latest_pain->score, day_label(f.latest_pain->meta.date))
                    : std::string{});
  return r;
}

Reason t2_nothing_to_judge(const Facts& facts) {
  Reason r = make_reason("T2", "nothing to judge", kSourceT);
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const bool recent_run = f.longest_recent_metres.has_value() || f.ran_today_metres > 0;
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
      rules::window_start(day, t.red_flag_hours),                                 // P1, P2
      rules::window_start(day, t.pain_stale_hours),                               // freshness
  };
  return {*std::min_element(starts.begin(), starts.end()), day};
}

}  // namespace niggle
