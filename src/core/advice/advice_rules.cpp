// The rules of ADVICE-RULES.md, one function each, and the figures they read.
#include "niggle/core/advice_rules.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>

#include "niggle/core/advice_sources.hpp"
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

// The sources of each rule, as ADVICE-RULES.md v2 cites them: the documents by title and
// kind (advice_sources.hpp), the studies by author, journal and year.
std::string source_p1() {
  return "GIRFT National Suspected Cauda Equina Syndrome Pathway (NHS England, 2023: symptoms new within 14 days or "
         "getting worse need same-day emergency assessment); BASS/SBNS standards 2018; NICE CKS sciatica (bilateral "
         "sciatica); Finucane et al., JOSPT 2020 (red flags are weak alone, so they prompt an assessment); " +
         cite(Document::coach, "poor bladder control among the signs of sciatica");
}
std::string source_p2() { return "AHCPR low back pain guideline 1994; NICE NG59 (rule out infection, cancer, fracture)"; }
std::string source_p3() {
  return cite(Document::coach, "a physical therapist: 8/10 and worse straight away with walking means don't run");
}
std::string source_p3b() {
  return cite(Document::coach) + ", read conservatively, and the pain-monitoring model (Silbernagel et al., AJSM 2007)";
}
std::string source_p3c() { return "niggle's own rule: a severe score does not expire by silence"; }
std::string source_p4() {
  return cite(Document::coach, "a physical therapist: 2/10 and better with walking means running may be safe");
}
std::string source_p5() {
  return "the pain-monitoring model (Silbernagel et al., AJSM 2007, in Achilles tendinopathy: pain up to 5/10 during "
         "activity acceptable; not validated in back pain); Smith et al., BJSM 2017 (exercising into some pain: a small "
         "short-term benefit); " +
         cite(Document::coach, "cut mileage or switch to walking or the elliptical");
}
std::string source_p6() {
  return "the pain-monitoring model (Silbernagel et al., AJSM 2007, Achilles tendinopathy: pain after activity must "
         "settle by the next morning)";
}
std::string source_p7() {
  return "the pain-monitoring model (Silbernagel et al., AJSM 2007: no week-to-week rise); " +
         cite(Document::forum, "knowing when it is getting worse");
}
std::string source_p8() {
  return cite(Document::coach, "sciatica: don't run while it flares") + "; " +
         cite(Document::upper_back, "numbness or tingling needs a medical evaluation");
}
std::string source_p9() {
  return cite(Document::coach) + "; " + cite(Document::upper_back, "pain that persists") + "; " +
         cite(Document::forum, "find the root cause and a care team");
}
std::string source_l1() {
  return cite(Document::coach, "no more than 30% more every 3-4 weeks") +
         "; Nielsen et al., JOSPT 2014 (novices: more than 30% a week over 2 weeks, HR 1.59, 0.96-2.66, not "
         "significant); Fredette et al., J Athl Train 2022 (36 studies: the evidence on progression conflicts). A "
         "cautious default";
}
std::string source_l1b() { return "niggle's own cautious default: no study sets this figure"; }
std::string source_l2() {
  return "Frandsen et al., BJSM 2025;59(17):1203-10 (Garmin-RUNSAFE, 5,205 runners, per session: HR 1.64 for a run "
         "10-30% longer than the longest of 30 days, 1.52 for 30-100%, 2.28 above 100%)";
}
std::string source_l2_return() { return "niggle's own default for a return to running: no study sets it"; }
std::string source_l2b() { return "a coaching rule of thumb (one easy day per 10 km raced): no study sets it"; }
std::string source_l3() {
  return cite(Document::coach, "at least one full rest day a week") +
         "; Ristolainen et al., J Sports Med Phys Fitness 2014 (retrospective: fewer than two rest days a week, OR 5.2 "
         "for overuse injury); against it, Abrahamson et al., Scand J Med Sci Sports 2025 (7,391 runners: those "
         "running 7 times a week had the fewest injuries). The evidence conflicts";
}
std::string source_l4() { return cite(Document::coach, "mileage, speed and hills: add one at a time"); }
std::string source_l5() {
  return "Gabbett, BJSM 2016; critiques: Impellizzeri et al., Sports Med 2021; Nakaoka et al., Sports Med 2021 (a "
         "higher ratio went with a lower injury risk in runners); Frandsen et al., BJSM 2025 (a negative "
         "dose-response). The evidence is weak and mixed";
}
std::string source_t() { return cite(Document::forum, "keep a daily 1-10 pain journal: advice can only judge what is recorded"); }
std::string source_easy() { return "niggle's own choice for an easy run: no study sets it"; }

Reason make_reason(std::string_view rule, std::string_view name, std::string source) {
  Reason reason;
  reason.rule = rule;
  reason.name = name;
  reason.source = std::move(source);
  return reason;
}

std::string day_label(Date day) { return fmt::format("{} {}", weekday_short_name(day.weekday()), day.iso()); }

// Caps and budgets, rounded down so that they are never overstated.
std::string distance(const Facts& facts, double metres) { return advice_distance(metres, facts.settings.units); }
// Distances already run, rounded to nearest as `week` shows them.
std::string done(const Facts& facts, double metres) { return run_distance_text(metres, facts.settings.units); }

// " (2 runs logged by time only, without a distance)".
std::string untimed_note(int count) {
  if (count == 0) return {};
  return fmt::format(" ({} logged by time only, without a distance)",
                     count == 1 ? std::string{"one run"} : fmt::format("{} runs", count));
}

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
    case Symptom::urine_difficulty: return "difficulty starting to pass urine or a reduced feeling of the flow";
    case Symptom::rectal_numbness: return "loss of the feeling of a full rectum";
    case Symptom::sexual_dysfunction: return "new sexual dysfunction";
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

// Symptoms felt in the leg: in both legs (`--side both`) they are a red flag (P1, bilateral
// sciatica); on one side a nerve sign (P8).
bool is_leg_symptom(Symptom symptom) {
  return symptom == Symptom::weakness || symptom == Symptom::leg_pain || symptom == Symptom::numbness ||
         symptom == Symptom::tingling;
}

bool is_red_flag(const PainEntry& entry, Symptom symptom) {
  return classify(symptom) == SymptomClass::red_flag || (is_leg_symptom(symptom) && entry.side == Side::both);
}

std::string red_flag_words(Symptom symptom) {
  if (symptom == Symptom::weakness) return "weakness in both legs";
  if (is_leg_symptom(symptom)) return fmt::format("{} in both legs", symptom == Symptom::leg_pain ? "leg pain" : symptom_words(symptom));
  return std::string{symptom_words(symptom)};
}

// True when entry `a` was recorded before entry or visit `b` of the same history: by day,
// then by id (ids follow recording order across every kind of entry).
bool before(const EntryMeta& a, const EntryMeta& b) {
  return a.date != b.date ? a.date < b.date : a.id < b.id;
}

// A visit that acknowledges a reason whose episode began with `first` (ADVICE-RULES.md
// "Visits"): the latest visit on or after it, unless the pain got worse after the visit (a
// higher score than any of the episode before it, or a symptom of `kinds` not recorded
// before it).
struct Acknowledgement {
  std::optional<Visit> visit;
  bool worse_after = false;
};
Acknowledgement acknowledgement(const Facts& facts, const EntryMeta& first, std::optional<SymptomClass> kinds,
                                bool (*assessing)(VisitKind) = nullptr) {
  Acknowledgement ack;
  for (const Visit& visit : facts.visits) {
    if (before(visit.meta, first) || visit.meta.date > facts.day) continue;
    if (assessing && !assessing(visit.kind)) continue;
    ack.visit = visit;  // sorted: the latest wins
  }
  if (!ack.visit) return ack;
  int peak_before = -1;
  std::vector<Symptom> seen;
  for (const PainEntry& entry : facts.pain) {
    if (before(entry.meta, first)) continue;
    if (before(entry.meta, ack.visit->meta)) {
      peak_before = std::max(peak_before, entry.score);
      seen.insert(seen.end(), entry.symptoms.begin(), entry.symptoms.end());
    }
  }
  for (const PainEntry& entry : facts.pain) {
    if (before(entry.meta, ack.visit->meta)) continue;
    if (peak_before >= 0 && entry.score > peak_before) ack.worse_after = true;
    for (Symptom symptom : entry.symptoms) {
      if (kinds && classify(symptom) != *kinds) continue;
      if (std::find(seen.begin(), seen.end(), symptom) == seen.end()) ack.worse_after = true;
    }
  }
  return ack;
}

std::string visit_words(VisitKind kind) {
  switch (kind) {
    case VisitKind::physio: return "a physiotherapist";
    case VisitKind::doctor: return "a doctor";
    case VisitKind::urgent_care: return "urgent or emergency care";
    case VisitKind::other: return "a professional";
  }
  return "a professional";
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

// ---------------------------------------------------------------------------------------
// Pain and symptoms

Reason p1_red_flags(const Facts& facts) {
  Reason r = make_reason("P1", "red flags", source_p1());
  const AdviceThresholds& t = facts.settings.advice;
  const Date first = facts.day.minus_days(t.red_flag_days - 1);
  // Every red-flag entry of the window, with the symptoms that make it one.
  struct Flag {
    const PainEntry* entry;
    std::vector<std::string> words;
  };
  std::vector<Flag> found;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date < first) continue;
    Flag flag{&entry, {}};
    for (Symptom symptom : entry.symptoms)
      if (is_red_flag(entry, symptom)) add_unique(flag.words, red_flag_words(symptom));
    if (!flag.words.empty()) found.push_back(std::move(flag));
  }
  // Leg weakness on `weakness_days` days in a row, the pain higher on the last than on the
  // first: a progressing deficit, whatever the side.
  std::vector<Date> weak_days;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date < first) continue;
    if (std::find(entry.symptoms.begin(), entry.symptoms.end(), Symptom::weakness) == entry.symptoms.end()) continue;
    if (weak_days.empty() || weak_days.back() != entry.meta.date) weak_days.push_back(entry.meta.date);
  }
  const auto peak_on = [&](Date d) {
    for (const DailyPain& daily : facts.figures.daily)
      if (daily.day == d) return daily.peak;
    return 0;
  };
  for (std::size_t i = 0; i < weak_days.size(); ++i) {
    const int need = t.weakness_days;
    if (i + 1 < static_cast<std::size_t>(need)) continue;
    const Date start = weak_days[i + 1 - static_cast<std::size_t>(need)];
    if (start.days_until(weak_days[i]) != need - 1) continue;  // not consecutive
    if (peak_on(weak_days[i]) <= peak_on(start)) continue;     // pain not rising
    // The flag belongs to the last entry of that day with weakness.
    const PainEntry* last = nullptr;
    for (const PainEntry& entry : facts.pain)
      if (entry.meta.date == weak_days[i] &&
          std::find(entry.symptoms.begin(), entry.symptoms.end(), Symptom::weakness) != entry.symptoms.end())
        last = &entry;
    found.push_back({last, {fmt::format("leg weakness on {} days in a row with pain rising ({}/10 to {}/10)", need,
                                        peak_on(start), peak_on(weak_days[i]))}});
  }
  // A doctor's or urgent-care visit recorded after a flag assesses it.
  std::vector<std::string> open, assessed;
  std::optional<Date> open_day, assessed_day, assessed_on;
  for (const Flag& flag : found) {
    std::optional<Visit> visit;
    for (const Visit& v : facts.visits)
      if (assesses_red_flags(v.kind) && before(flag.entry->meta, v.meta)) visit = v;
    for (const std::string& w : flag.words) add_unique(visit ? assessed : open, w);
    if (visit) {
      if (!assessed_day || flag.entry->meta.date > *assessed_day) assessed_day = flag.entry->meta.date;
      if (!assessed_on || visit->meta.date > *assessed_on) assessed_on = visit->meta.date;
    } else if (!open_day || flag.entry->meta.date > *open_day) {
      open_day = flag.entry->meta.date;
    }
  }
  if (open.empty() && assessed.empty()) {
    r.message = fmt::format(
        "No red-flag symptom (bladder, bowel or saddle-area trouble, new sexual dysfunction, leg symptoms in both legs, "
        "leg weakness getting worse) recorded in the last {} days ({} to {}).",
        t.red_flag_days, day_label(first), day_label(facts.day));
    return r;
  }
  if (open.empty()) {
    r.status = RuleStatus::info;
    r.message = fmt::format(
        "{} recorded on {} was assessed at a visit to a doctor or urgent care on {}: it no longer sets the advice. If "
        "it comes back or gets worse, seek emergency care now.",
        capitalised(listing(assessed)), day_label(*assessed_day), day_label(*assessed_on));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::urgent;
  r.summary = listing(open);
  r.professional = "emergency care now: an emergency department or your local emergency number";
  const std::int64_t ago = open_day->days_until(facts.day);
  r.message = fmt::format(
      "{} recorded on {}{}, and not yet assessed by a doctor: with back pain this can mean pressure on the nerves at "
      "the base of the spine (cauda equina syndrome), an emergency in which hours matter. Seek emergency care today: go "
      "to an emergency department or call your local emergency number. Do not run. Later entries do not clear this; "
      "once you have been seen, record it: niggle visit urgent-care (or doctor).",
      capitalised(listing(open)), day_label(*open_day),
      ago == 0 ? std::string{} : fmt::format(", {} ago", days_text(static_cast<int>(ago))));
  return r;
}

Reason p2_serious_cause(const Facts& facts) {
  Reason r = make_reason("P2", "serious-cause flags", source_p2());
  const AdviceThresholds& t = facts.settings.advice;
  const Date rest_first = window_start(facts.day, t.serious_cause_hours);
  const Date doctor_first = facts.day.minus_days(t.serious_cause_doctor_days - 1);
  std::vector<std::string> flags;
  std::optional<Date> seen;
  const PainEntry* first_entry = nullptr;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date < doctor_first) continue;
    for (Symptom symptom : entry.symptoms) {
      if (classify(symptom) != SymptomClass::serious_cause) continue;
      add_unique(flags, std::string{symptom_words(symptom)});
      seen = entry.meta.date;
      if (!first_entry) first_entry = &entry;
    }
  }
  if (flags.empty()) {
    r.message = fmt::format(
        "No fever, unexplained weight loss, night pain or injury recorded in the last {} days ({} to {}).",
        t.serious_cause_doctor_days, day_label(doctor_first), day_label(facts.day));
    return r;
  }
  const bool resting = *seen >= rest_first;
  const Acknowledgement ack = acknowledgement(facts, first_entry->meta, SymptomClass::serious_cause);
  const bool acknowledged = ack.visit && !ack.worse_after;
  r.status = resting || !acknowledged ? RuleStatus::fired : RuleStatus::info;
  if (resting) r.verdict = Verdict::rest;
  r.summary = fmt::format("{} with back pain", listing(flags));
  if (!acknowledged) r.professional = fmt::format("a doctor soon, within a day or two ({})", listing(flags));
  r.message = fmt::format("{} recorded on {}: with back pain this should be checked by a doctor", capitalised(listing(flags)),
                          day_label(*seen));
  if (acknowledged) {
    r.message += fmt::format(" (seen on {}, {}).", day_label(ack.visit->meta.date), visit_words(ack.visit->kind));
  } else {
    r.message += ", soon, within a day or two, to rule out infection, fracture or another serious cause.";
    if (ack.visit) r.message += fmt::format(" It got worse after the visit of {}: see a doctor again.", day_label(ack.visit->meta.date));
  }
  r.message += resting ? fmt::format(" Rest for {} h after it.", t.serious_cause_hours)
                       : std::string{" Running is not held back by it any more."};
  return r;
}

namespace {

// "8/10 (Tue 2026-11-24 morning, lower-back, walking: worse)", for the entry P3 reads.
std::string describe_entry(const PainEntry& pain) {
  std::vector<std::string> parts;
  std::string when = day_label(pain.meta.date);
  if (pain.when) when += fmt::format(" {}", to_string(*pain.when));
  parts.push_back(when);
  if (pain.where) parts.emplace_back(to_string(*pain.where));
  if (pain.walking) parts.push_back(fmt::format("walking: {}", to_string(*pain.walking)));
  return fmt::format("{}/10 ({})", pain.score, join(parts, ", "));
}

// The day's highest score when the latest day is fresh enough to judge today by.
const PainEntry* fresh_peak(const Facts& facts) {
  const AdviceFigures& f = facts.figures;
  return f.pain_fresh && f.peak_pain ? &*f.peak_pain : nullptr;
}

}  // namespace

Reason p3_severe_pain(const Facts& facts) {
  Reason r = make_reason("P3", "severe pain", source_p3());
  const int severe = facts.settings.advice.severe_pain;
  const PainEntry* pain = fresh_peak(facts);
  if (!pain) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot check severe pain: {}.", stale_message(facts));
    return r;
  }
  const auto walking = pain->walking;
  if (pain->score < severe) {
    r.message = fmt::format("The highest pain of {} is {}, below severe ({}/10).", day_label(pain->meta.date),
                            describe_entry(*pain), severe);
    return r;
  }
  if (walking == Walking::better || walking == Walking::same) {
    r.message = fmt::format("The highest pain of {} is {}: severe, but {}: see P3b.", day_label(pain->meta.date),
                            describe_entry(*pain), walking_words(walking));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::rest;
  if (walking == Walking::worse) {
    r.summary = fmt::format("pain {}/10 that walking makes worse", pain->score);
    r.message = fmt::format("The highest pain of {} is {}: severe, and walking makes it worse. Don't run today; rest.",
                            day_label(pain->meta.date), describe_entry(*pain));
  } else {
    r.summary = fmt::format("severe pain, {}/10", pain->score);
    r.message = fmt::format(
        "The highest pain of {} is {}: severe, and that entry does not say how walking changes it, so niggle assumes "
        "the worse. Don't run today; rest. Record it with --walking better, same or worse.",
        day_label(pain->meta.date), describe_entry(*pain));
  }
  return r;
}

Reason p3b_severe_not_worse_walking(const Facts& facts) {
  Reason r = make_reason("P3b", "severe pain, not worse walking", source_p3b());
  const int severe = facts.settings.advice.severe_pain;
  const PainEntry* pain = fresh_peak(facts);
  if (!pain) {
    r.status = RuleStatus::no_data;
    r.message = fmt::format("Cannot check severe pain: {}.", stale_message(facts));
    return r;
  }
  const auto walking = pain->walking;
  if (pain->score < severe || !(walking == Walking::better || walking == Walking::same)) {
    r.message = pain->score < severe
                    ? fmt::format("The highest pain of {} is {}, below severe ({}/10).", day_label(pain->meta.date),
                                  describe_entry(*pain), severe)
                    : fmt::format("The highest pain of {} is {}: severe and {}: see P3.", day_label(pain->meta.date),
                                  describe_entry(*pain), walking_words(walking));
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::cross_train;
  r.summary = fmt::format("severe pain, {}/10", pain->score);
  r.message = fmt::format(
      "The highest pain of {} is {}: severe, though {}. No running today; low-impact cross-training ({}) only if it "
      "stays comfortable.",
      day_label(pain->meta.date), describe_entry(*pain), walking_words(walking), alternatives(walking));
  return r;
}

Reason p3c_still_severe(const Facts& facts) {
  Reason r = make_reason("P3c", "still severe", source_p3c());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  if (!f.peak_pain) {
    r.message = "No pain score on record.";
    return r;
  }
  if (f.pain_fresh) {
    r.message = fmt::format("The latest pain scores are within the last {} h: P3 judges them.", t.pain_stale_hours);
    return r;
  }
  if (f.peak_pain->score < t.severe_pain) {
    r.message = fmt::format("The last pain on record, {}, is older than {} h and below severe ({}/10).",
                            describe_entry(*f.peak_pain), t.pain_stale_hours, t.severe_pain);
    return r;
  }
  r.status = RuleStatus::fired;
  r.verdict = Verdict::rest;
  r.summary = fmt::format("the last pain on record was {}/10, with nothing since", f.peak_pain->score);
  r.message = fmt::format(
      "The last pain on record is {}, severe, and nothing has been recorded in the {} h since: a severe score does "
      "not expire by silence. Rest until you record how it is now: niggle pain 0-10 --walking better|same|worse.",
      describe_entry(*f.peak_pain), t.pain_stale_hours);
  return r;
}

Reason p4_mild_pain(const Facts& facts) {
  Reason r = make_reason("P4", "mild pain", source_p4());
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
  Reason r = make_reason("P5", "moderate pain", source_p5());
  const AdviceThresholds& t = facts.settings.advice;
  const PainEntry* pain = fresh_pain(facts);
  if (!pain) {
    const auto& stale = facts.figures.latest_pain;
    // A stale 6-7 still means no running until a new score (v2): it does not expire by silence.
    if (stale && stale->score > t.easy_pain_max && stale->score < t.severe_pain) {
      r.status = RuleStatus::fired;
      r.verdict = Verdict::cross_train;
      r.summary = fmt::format("the last pain on record was {}/10, with nothing since", stale->score);
      r.message = fmt::format(
          "The last pain on record, {}, is above {}/10 and older than {} h: cross-train until you record how it is now "
          "(niggle pain 0-10 --walking better|same|worse).",
          describe_latest(facts), t.easy_pain_max, t.pain_stale_hours);
      return r;
    }
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
        "changes. (The 5/10 limit comes from Achilles tendon research and is not validated in back pain.)",
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
  Reason r = make_reason("P6", "next morning", source_p6());
  const AdviceThresholds& t = facts.settings.advice;
  const AdviceFigures& f = facts.figures;
  const Date yesterday = facts.day.minus_days(1);
  // During or after the last run (today's or yesterday's), an entry above the limit (v2).
  const std::optional<Date> last_run = f.ran_today_metres > 0 || std::any_of(facts.runs.begin(), facts.runs.end(), [&](const Session& s) { return s.meta.date == facts.day; })
                                           ? std::optional<Date>{facts.day}
                                           : f.last_run_before;
  if (last_run && *last_run >= yesterday) {
    const PainEntry* worst = nullptr;
    for (const PainEntry& entry : facts.pain) {
      if (entry.meta.date != *last_run || !(entry.when == Timing::during || entry.when == Timing::after)) continue;
      if (entry.score > t.morning_max && (!worst || entry.score > worst->score)) worst = &entry;
    }
    if (worst) {
      r.status = RuleStatus::fired;
      r.verdict = Verdict::cross_train;
      r.summary = fmt::format("pain {}/10 {} the run of {}", worst->score, to_string(*worst->when), day_label(*last_run));
      r.message = fmt::format(
          "Pain {}/10 recorded {} the run of {}: above {}/10. Pain from a run should stay moderate and settle by the "
          "next morning; cross-train today.",
          worst->score, to_string(*worst->when), day_label(*last_run), t.morning_max);
      return r;
    }
  }
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
  Reason r = make_reason("P7", "getting worse", source_p7());
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
      done(facts, f.last_week_metres), done(facts, f.week_so_far_metres));
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
  Reason r = make_reason("P8", "nerve symptoms", source_p8());
  const AdviceFigures& f = facts.figures;
  if (!f.latest_pain) {
    r.message = "No pain entries, so no nerve symptoms recorded.";
    return r;
  }
  // Symptoms last until a later day is recorded without them: the latest day with entries decides.
  const Date latest_day = f.latest_pain->meta.date;
  const Date p1_first = facts.day.minus_days(facts.settings.advice.red_flag_days - 1);
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
  // The episode: the days with nerve symptoms in a row of days with pain entries up to the
  // latest; a visit since its first entry acknowledges the need to see someone.
  const PainEntry* episode_first = nullptr;
  for (auto it = f.daily.rbegin(); it != f.daily.rend(); ++it) {
    const PainEntry* day_first = nullptr;
    for (const PainEntry& entry : facts.pain)
      if (entry.meta.date == it->day && has_nerve_symptom(entry) && !day_first) day_first = &entry;
    if (!day_first) break;
    episode_first = day_first;
  }
  const Acknowledgement ack = episode_first ? acknowledgement(facts, episode_first->meta, SymptomClass::nerve)
                                            : Acknowledgement{};
  const bool acknowledged = ack.visit && !ack.worse_after && old_flags.empty();
  r.status = RuleStatus::fired;
  r.verdict = Verdict::cross_train;
  r.summary = fmt::format("nerve symptoms ({})", listing(all));
  if (!acknowledged) r.professional = fmt::format("a physiotherapist or doctor ({})", listing(all));
  r.message = fmt::format(
      "{} recorded on {}, the latest day with pain entries, can mean an irritated nerve. {}Cross-train instead of "
      "running while it lasts; once it has gone, record a pain score without it.",
      capitalised(listing(all)), day_label(latest_day),
      acknowledged ? fmt::format("Seen on {} ({}). ", day_label(ack.visit->meta.date), visit_words(ack.visit->kind))
      : ack.visit  ? fmt::format("It got worse after the visit of {}: see a physiotherapist or doctor again. ",
                                 day_label(ack.visit->meta.date))
                   : std::string{"See a physiotherapist or doctor. "});
  if (weakness) r.message += " If the weakness is in both legs or getting worse, seek emergency care now.";
  if (!old_flags.empty()) {
    r.message += fmt::format(" {} was recorded more than {} days ago: if it is still there, seek emergency care now.",
                             capitalised(listing(old_flags)), facts.settings.advice.red_flag_days);
  }
  return r;
}

Reason p9_persistent_pain(const Facts& facts) {
  Reason r = make_reason("P9", "persistent pain", source_p9());
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
  // A visit since the first day counted acknowledges it, unless the pain rose after it.
  const PainEntry* episode_first = nullptr;
  const Date counted_first = facts.day.minus_days(2 * t.persistent_window_days - 1);
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date >= counted_first) {
      episode_first = &entry;
      break;
    }
  }
  const Acknowledgement ack =
      episode_first ? acknowledgement(facts, episode_first->meta, std::nullopt) : Acknowledgement{};
  if (ack.visit && !ack.worse_after) {
    r.message += fmt::format(" Seen on {} ({}).", day_label(ack.visit->meta.date), visit_words(ack.visit->kind));
    return r;
  }
  r.message += ack.visit ? fmt::format(" It got worse after the visit of {}: see a physiotherapist or doctor again.",
                                       day_label(ack.visit->meta.date))
                         : std::string{" Pain that lasts despite care at home deserves a professional: see a "
                                       "physiotherapist or doctor to find the cause."};
  r.professional = many_painful_days ? fmt::format("a physiotherapist or doctor ({})", counted)
                                     : fmt::format("a physiotherapist or doctor (no improvement over {} days)",
                                                   t.persistent_window_days);
  return r;
}

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
