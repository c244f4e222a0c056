// The rules on pain and symptoms, P1 to P9 of ADVICE-RULES.md: red flags and serious causes,
// the latest score and how walking changes it, the next morning, trends and nerve signs.
#include <algorithm>
#include <fmt/format.h>

#include "advice_rules_shared.hpp"
#include "niggle/core/text.hpp"

namespace niggle::rules {

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
  if (!pain.where.empty()) parts.push_back(locations_label(pain.where));
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

}  // namespace niggle::rules
