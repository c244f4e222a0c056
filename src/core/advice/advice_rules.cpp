// What the rules of ADVICE-RULES.md share: the sources they cite, the wording of their
// messages, and the figures several of them read (a visit's acknowledgement, means of pain).
// The rules themselves are in advice_rules_pain.cpp and advice_rules_load.cpp; the facts they
// read in advice_facts.cpp.
#include <algorithm>
#include <fmt/format.h>

#include "advice_rules_shared.hpp"
#include "niggle/core/advice_sources.hpp"
#include "niggle/core/text.hpp"

namespace niggle::rules {

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
Acknowledgement acknowledgement(const Facts& facts, const EntryMeta& first, std::optional<SymptomClass> kinds,
                                bool (*assessing)(VisitKind)) {
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
  if (!pain.where.empty()) parts.push_back(locations_label(pain.where));
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

}  // namespace niggle::rules
