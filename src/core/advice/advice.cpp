// The advice engine: runs every rule over the facts, and puts their answers together. The
// verdict is the most severe any rule gives; the caps are the smallest that apply.
#include "niggle/core/advice.hpp"

#include <algorithm>
#include <tuple>
#include <cmath>
#include <fmt/format.h>

#include "niggle/core/advice_rules.hpp"
#include "niggle/core/plan.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

int severity(Verdict verdict) { return static_cast<int>(verdict); }

// Rules whose answer T1 ("pain unknown") already gives: without a fresh pain score they
// could not be checked, and one reason says so for all of them.
bool covered_by_t1(const Reason& reason) {
  return reason.status == RuleStatus::no_data &&
         (reason.rule == "P3" || reason.rule == "P3b" || reason.rule == "P4" || reason.rule == "P5");
}

std::string headline(const Advice& advice, const Reason* deciding, DistanceUnit unit) {
  const std::string why = deciding && !deciding->summary.empty() ? deciding->summary
                          : deciding                             ? deciding->name
                                                                 : std::string{};
  const auto cap = [&] {
    if (!advice.max_metres_today) return std::string{"no cap from your history yet"};
    const std::string most = advice_distance(*advice.max_metres_today, unit);
    if (advice.ran_today_metres > 0) {
      return fmt::format("at most {} more ({} run already today)", most, run_distance_text(advice.ran_today_metres, unit));
    }
    return fmt::format("at most {}", most);
  };
  switch (advice.verdict) {
    case Verdict::urgent:
      return fmt::format("Seek emergency care now: {} can mean a medical emergency. Do not run.", why);
    case Verdict::rest: return fmt::format("Rest today, no running: {}.", why);
    case Verdict::cross_train: return fmt::format("Cross-train today, no running: {}.", why);
    case Verdict::unknown: return fmt::format("Not enough data to judge: {}.", why);
    case Verdict::easy:
      return fmt::format("Easy run today: {}. Stop if pain passes {}/10.", cap(), advice.stop_pain.value_or(0));
    case Verdict::go:
      return fmt::format("Good to run today: {}. Stop if pain passes {}/10.", cap(), advice.stop_pain.value_or(0));
  }
  return {};
}

// Reasons in the order a reader needs them: the verdict's rule, then the other rules by the
// verdict they give, then caps, warnings and information; within each, the rules' own order.
void order_reasons(std::vector<Reason>& reasons, const std::string& deciding_rule) {
  const auto weight = [&](const Reason& r) {
    if (r.rule == deciding_rule) return 100;
    if (r.status == RuleStatus::no_data) return -3;
    if (r.status == RuleStatus::info) return -2;
    if (r.verdict) return severity(*r.verdict) + 10;
    if (r.cap_metres || r.week_budget_metres) return 5;
    if (r.professional) return 4;
    return 0;  // warnings
  };
  std::stable_sort(reasons.begin(), reasons.end(),
                   [&](const Reason& a, const Reason& b) { return weight(a) > weight(b); });
}

Json optional_km(const std::optional<double>& metres) { return metres ? Json(json_km(*metres)) : Json(nullptr); }
Json optional_text(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }
Json rounded(const std::optional<double>& value) {
  return value ? Json(std::round(*value * 100.0) / 100.0) : Json(nullptr);
}
Json optional_date(const std::optional<Date>& day) { return day ? Json(day->iso()) : Json(nullptr); }

Json reason_json(const Reason& r) {
  Json json;
  json["rule"] = r.rule;
  json["name"] = r.name;
  json["status"] = std::string{status_name(r.status)};
  json["verdict"] = r.verdict ? Json(std::string{verdict_name(*r.verdict)}) : Json(nullptr);
  json["cap_km"] = optional_km(r.cap_metres);
  json["week_budget_km"] = optional_km(r.week_budget_metres);
  json["warning"] = r.warning;
  json["professional"] = r.professional ? Json(*r.professional) : Json(nullptr);
  json["message"] = r.message;
  json["source"] = r.source;
  return json;
}

Json figures_json(const AdviceFigures& f, Date day) {
  Json json;
  Json weeks = Json::array();
  for (std::size_t i = 0; i < f.weeks.size(); ++i) {
    const WeekLoad& w = f.weeks[i];
    const bool current = i + 1 == f.weeks.size();
    // Days of the current week after the day are not rest days yet, only days to come.
    const int rest_days = current ? w.rest_days - static_cast<int>(6 - w.start.days_until(day)) : w.rest_days;
    weeks.push_back({{"start", w.start.iso()},
                     {"current", current},
                     {"run_km", json_km(w.run_metres)},
                     {"runs", w.runs},
                     {"longest_run_km", json_km(w.longest_run_metres)},
                     {"hard_runs", w.hard_runs},
                     {"rest_days", rest_days},
                     {"known", w.known},
                     {"runs_without_distance", w.runs_without_distance}});
  }
  json["weeks"] = weeks;
  json["baseline"] = {{"weeks", f.baseline.weeks},
                      {"weeks_with_running", f.baseline.weeks_with_running},
                      {"mean_km", json_km(f.baseline.mean_run_metres)},
                      {"mean_hard_runs", std::round(f.baseline.mean_hard_runs * 100.0) / 100.0}};
  json["week_so_far_km"] = json_km(f.week_so_far_metres);
  json["last_week_km"] = json_km(f.last_week_metres);
  json["ran_today_km"] = json_km(f.ran_today_metres);
  json["longest_recent_km"] = optional_km(f.longest_recent_metres);
  json["longest_recent_date"] = optional_date(f.longest_recent_day);
  json["last_run_before"] = optional_date(f.last_run_before);
  json["run_streak_days"] = f.run_streak_days;
  json["last_rest_day"] = optional_date(f.last_rest_day);
  json["acute_km"] = json_km(f.acute_metres);
  json["chronic_km"] = json_km(f.chronic_metres);
  json["acwr"] = rounded(f.acwr);
  json["acwr_known_days"] = f.acwr_known_days;
  json["journal_start"] = optional_date(f.journal_start);
  json["known_weeks"] = f.baseline.weeks;
  json["weeks_before_journal"] = f.baseline.unknown_weeks;
  json["runs_without_distance_week"] = f.runs_without_distance_week;
  json["runs_without_distance_spike"] = f.runs_without_distance_spike;
  json["races_left_out"] = f.races_left_out;
  json["longest_day_km"] = optional_km(f.longest_day_metres);
  json["longest_day_date"] = optional_date(f.longest_day);
  json["comeback_budget_km"] = optional_km(f.comeback_budget_metres);
  json["race_date"] = optional_date(f.race_day);
  json["race_km"] = optional_km(f.race_metres);
  json["race_easy_days"] = f.race_easy_days;
  json["median_run_km"] = optional_km(f.median_run_metres);
  json["last_strength"] = optional_date(f.last_strength);
  if (f.latest_pain) {
    const PainEntry& p = *f.latest_pain;
    json["latest_pain"] = {{"date", p.meta.date.iso()},
                           {"when", p.when ? Json(std::string{to_string(*p.when)}) : Json(nullptr)},
                           {"score", p.score},
                           {"where", p.where ? Json(std::string{to_string(*p.where)}) : Json(nullptr)},
                           {"walking", f.latest_walking ? Json(std::string{to_string(*f.latest_walking)}) : Json(nullptr)},
                           {"fresh", f.pain_fresh}};
  } else {
    json["latest_pain"] = nullptr;
  }
  json["pain_mean_last7"] = rounded(f.pain_mean_last7);
  json["pain_days_last7"] = f.pain_days_last7;
  json["pain_mean_previous7"] = rounded(f.pain_mean_previous7);
  json["pain_days_previous7"] = f.pain_days_previous7;
  json["persistent_days_counted"] = f.persistent_days_counted;
  json["persistent_painful_days"] = f.persistent_painful_days;
  json["persistent_mean_recent"] = rounded(f.persistent_mean_recent);
  json["persistent_mean_earlier"] = rounded(f.persistent_mean_earlier);
  return json;
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::go: return "go";
    case Verdict::easy: return "easy";
    case Verdict::unknown: return "unknown";
    case Verdict::cross_train: return "cross-train";
    case Verdict::rest: return "rest";
    case Verdict::urgent: return "urgent";
  }
  return "unknown";
}

bool may_run(Verdict verdict) { return verdict == Verdict::go || verdict == Verdict::easy; }

std::string_view status_name(RuleStatus status) {
  switch (status) {
    case RuleStatus::fired: return "fired";
    case RuleStatus::info: return "info";
    case RuleStatus::no_data: return "no-data";
    case RuleStatus::ok: return "ok";
  }
  return "ok";
}

std::string run_distance_text(double metres, DistanceUnit unit) {
  const double tenths = std::round(metres_to(std::max(metres, 0.0), unit) * 10.0);
  return fmt::format("{:.1f} {}", tenths / 10.0, unit_name(unit));
}

std::string advice_distance(double metres, DistanceUnit unit) {
  // Down to the tenth, with a hair of slack so that 6.6 km computed as 6599.9999 m stays 6.6.
  const double tenths = std::floor(metres_to(std::max(metres, 0.0), unit) * 10.0 + 1e-6);
  return fmt::format("{:.1f} {}", tenths / 10.0, unit_name(unit));
}

// The verdict and the caps, which no plan touches.
static Advice advise_without_plans(const History& history, Date day, const Settings& settings) {
  const rules::Facts facts = rules::gather_facts(history, day, settings);
  const AdviceThresholds& t = settings.advice;
  Advice advice;
  advice.day = day;
  advice.figures = facts.figures;
  advice.ran_today_metres = facts.figures.ran_today_metres;
  advice.week_so_far_metres = facts.figures.week_so_far_metres;

  // A red flag gets one answer and nothing else: no caps, no suggestions, no other rules
  // that could read as permission to run.
  Reason p1 = rules::p1_red_flags(facts);
  if (p1.status == RuleStatus::fired) {
    advice.verdict = Verdict::urgent;
    advice.deciding_rule = p1.rule;
    advice.see_professional = true;
    advice.professional_reason = fmt::format("seek {}", *p1.professional);
    advice.max_metres_today = 0;
    advice.headline = headline(advice, &p1, settings.units);
    advice.reasons.push_back(std::move(p1));
    return advice;
  }

  std::vector<Reason> all = {
      std::move(p1),
      rules::p2_serious_cause(facts),
      rules::p3_severe_pain(facts),
      rules::p3b_severe_not_worse_walking(facts),
      rules::p3c_still_severe(facts),
      rules::p4_mild_pain(facts),
      rules::p5_moderate_pain(facts),
      rules::p6_next_morning(facts),
      rules::p7_getting_worse(facts),
      rules::p8_nerve_symptoms(facts),
      rules::p9_persistent_pain(facts),
      rules::l1_weekly_progression(facts),
      rules::l1b_comeback(facts),
      rules::l2_single_run_spike(facts),
      rules::l2b_after_race(facts),
      rules::l3_rest_day(facts),
      rules::l4_one_variable(facts),
      rules::l5_acute_chronic(facts),
      rules::t1_pain_unknown(facts),
      rules::t2_nothing_to_judge(facts),
  };
  const bool t2_fired = all.back().status == RuleStatus::fired;

  const auto decide = [&](std::size_t& deciding, std::size_t& cap, std::size_t& budget) {
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    deciding = cap = budget = none;
    Verdict verdict = Verdict::go;
    for (std::size_t i = 0; i < all.size(); ++i) {
      const Reason& r = all[i];
      if (r.status != RuleStatus::fired) continue;
      if (r.verdict && (severity(*r.verdict) > severity(verdict) || (deciding == none && *r.verdict == verdict))) {
        verdict = *r.verdict;
        deciding = i;
      }
      if (r.cap_metres && (cap == none || *r.cap_metres < *all[cap].cap_metres)) cap = i;
      if (r.week_budget_metres && (budget == none || *r.week_budget_metres < *all[budget].week_budget_metres)) budget = i;
    }
    return verdict;
  };
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t deciding = none, cap = none, budget = none;
  Verdict verdict = decide(deciding, cap, budget);
  // An easy run is also no longer than the median run of the last weeks (v2).
  if (verdict == Verdict::easy) {
    all.push_back(rules::easy_cap(facts));
    verdict = decide(deciding, cap, budget);
  }
  // A cap below the shortest run worth the name means no run (v2): cross-train, not "go,
  // at most 0.0 km".
  const double min_run = t.min_run_km * 1000.0 - t.distance_tolerance_m;
  if ((may_run(verdict) || verdict == Verdict::unknown) && cap != none && *all[cap].cap_metres < min_run) {
    Reason& r = all[cap];
    const double left = std::max(0.0, *r.cap_metres);
    r.verdict = Verdict::cross_train;
    if (r.summary.empty()) {
      r.summary = fmt::format("{} {} is below the {} that makes a run", left > 0 ? "what is left of today's cap," : "today's cap,",
                              advice_distance(left, settings.units), advice_distance(t.min_run_km * 1000.0, settings.units));
    }
    r.message += fmt::format(" Below {}, a run is not worth its risk: cross-train instead.",
                             advice_distance(t.min_run_km * 1000.0, settings.units));
    r.cap_metres = 0;
    verdict = decide(deciding, cap, budget);
  }

  std::vector<std::string> professionals;
  for (const Reason& r : all)
    if (r.status == RuleStatus::fired && r.professional) professionals.push_back(*r.professional);
  advice.verdict = verdict;
  advice.deciding_rule = deciding != none ? all[deciding].rule : std::string{};
  advice.see_professional = !professionals.empty();
  if (!professionals.empty()) advice.professional_reason = fmt::format("see {}", join(professionals, "; and "));
  const bool running_day = may_run(verdict) || verdict == Verdict::unknown;
  if (cap != none && running_day) {
    advice.cap_rule = all[cap].rule;
    advice.max_metres_today = std::max(0.0, *all[cap].cap_metres);
  } else if (!running_day) {
    advice.max_metres_today = 0;  // cap_rule stays empty: on a day without running no rule caps it
  }
  if (budget != none) {
    advice.budget_rule = all[budget].rule;
    advice.week_budget_metres = *all[budget].week_budget_metres;
    advice.week_left_metres = std::max(0.0, *all[budget].week_budget_metres - advice.week_so_far_metres);
  }
  if (may_run(verdict)) advice.stop_pain = t.stop_pain;
  advice.headline = headline(advice, deciding != none ? &all[deciding] : nullptr, settings.units);
  const bool serious_cause = all[1].status == RuleStatus::fired && all[1].verdict == Verdict::rest;
  const bool trauma = std::any_of(facts.pain.begin(), facts.pain.end(), [&](const PainEntry& p) {
    return p.meta.date >= day.minus_days(t.serious_cause_doctor_days - 1) &&
           std::find(p.symptoms.begin(), p.symptoms.end(), Symptom::trauma) != p.symptoms.end();
  });
  const rules::Suggestions pool = rules::suggestions_for(facts, verdict, advice.deciding_rule,
                                                         serious_cause || (trauma && all[1].professional));
  advice.suggestions = rules::pick_suggestions(pool, day);
  advice.all_suggestions = pool.always;
  advice.all_suggestions.insert(advice.all_suggestions.end(), pool.pool.begin(), pool.pool.end());

  const bool t1_fired = std::any_of(all.begin(), all.end(), [](const Reason& r) {
    return r.rule == "T1" && r.status == RuleStatus::fired;
  });
  for (Reason& r : all) {
    const bool redundant = (t1_fired && covered_by_t1(r)) || (t2_fired && r.rule == "T1");
    if (r.status == RuleStatus::ok || redundant) {
      advice.checked.push_back(std::move(r));
    } else {
      advice.reasons.push_back(std::move(r));
    }
  }
  order_reasons(advice.reasons, advice.deciding_rule);
  return advice;
}

namespace {

// "16.0 km long run", "40:00 strength session", "run": what a plan asks for.
std::string planned_phrase(const PlanNote& plan, DistanceUnit unit) {
  std::string what;
  if (plan.intensity == Intensity::long_run) what = "long run";
  else if (plan.intensity == Intensity::race) what = "race";
  else if (plan.intensity) what = fmt::format("{} {}", to_string(*plan.intensity), to_string(plan.type));
  else what = std::string{to_string(plan.type)};
  if (plan.type != ActivityType::run && plan.intensity == Intensity::long_run) what = fmt::format("long {}", to_string(plan.type));
  std::vector<std::string> amounts;
  if (plan.metres) amounts.push_back(run_distance_text(*plan.metres, unit));
  if (plan.seconds) amounts.push_back(format_duration(*plan.seconds));
  return amounts.empty() ? what : fmt::format("{} {}", join(amounts, " in "), what);
}

PlanNote note_of(const Plan& plan, Date day) {
  PlanNote note;
  note.id = plan.meta.id;
  note.date = plan.meta.date;
  note.type = plan.type;
  note.intensity = plan.intensity;
  note.metres = plan.metres;
  note.seconds = plan.seconds;
  note.days_left = static_cast<int>(day.days_until(plan.meta.date));
  return note;
}

// What to do with the day's plan under the day's verdict and cap. The cap is the engine's
// own: the plan is weighed against it, never the other way round.
std::string plan_message(const PlanNote& plan, const Advice& advice, DistanceUnit unit) {
  const std::string head = fmt::format("Plan: {} (#{}).", planned_phrase(plan, unit), plan.id);
  if (plan.done) return fmt::format("{} Done: a {} is logged today.", head, to_string(plan.type));
  const std::string move = plan.intensity == Intensity::long_run ? "move the long run"
                           : plan.intensity == Intensity::race   ? "think again about the race"
                                                                  : "move it";
  if (plan.type != ActivityType::run) {
    if (advice.verdict == Verdict::urgent || advice.verdict == Verdict::rest) {
      return fmt::format("{} Today is a day off ({}): {}.", head, verdict_name(advice.verdict), move);
    }
    return fmt::format("{} It is not a run: the caps are for running.", head);
  }
  if (!may_run(advice.verdict) && advice.verdict != Verdict::unknown) {
    return fmt::format("{} Today is not a run day ({}{}): {}.", head, verdict_name(advice.verdict),
                       advice.deciding_rule.empty() ? "" : ", " + advice.deciding_rule, move);
  }
  if (advice.max_metres_today) {
    const double cap = *advice.max_metres_today;
    const std::string cap_text = fmt::format("Today's cap is {}{}", advice_distance(cap, unit),
                                             advice.cap_rule.empty() ? "" : fmt::format(" ({})", advice.cap_rule));
    if (cap <= 0) return fmt::format("{} {}: no run today; {}.", head, cap_text, move);
    if (plan.metres && *plan.metres > cap) {
      return fmt::format("{} {}: run {}, or {}.", head, cap_text, advice_distance(cap, unit), move);
    }
    return fmt::format("{} {}: the plan fits under it.", head, cap_text);
  }
  if (advice.verdict == Verdict::unknown) return fmt::format("{} Too little is known for a cap: go easy.", head);
  return fmt::format("{} No rule caps today: run it as planned.", head);
}

std::string race_message(const PlanNote& race, DistanceUnit unit) {
  const int weeks = race.days_left / 7, days = race.days_left % 7;
  std::string when;
  if (race.days_left == 0) when = "today";
  else if (weeks == 0) when = fmt::format("in {} day{}", days, days == 1 ? "" : "s");
  else if (days == 0) when = fmt::format("in {} week{}", weeks, weeks == 1 ? "" : "s");
  else when = fmt::format("in {} week{} and {} day{}", weeks, weeks == 1 ? "" : "s", days, days == 1 ? "" : "s");
  return fmt::format("Race: {} on {} {}, {} (#{}). The caps stand: a race ahead never raises them.",
                     planned_phrase(race, unit), weekday_short_name(race.date.weekday()), race.date.iso(), when, race.id);
}

}  // namespace

Advice advise(const History& history, Date day, const Settings& settings) {
  Advice advice = advise_without_plans(history, day, settings);
  std::vector<Plan> today_plans;
  const Plan* next_race = nullptr;
  for (const Plan& plan : history.plans) {
    if (plan.meta.date == day) today_plans.push_back(plan);
    if (plan.intensity == Intensity::race && plan.meta.date > day && day.days_until(plan.meta.date) <= kRaceHorizonDays) {
      if (!next_race || std::tie(plan.meta.date, plan.meta.id) < std::tie(next_race->meta.date, next_race->meta.id)) next_race = &plan;
    }
  }
  if (!today_plans.empty()) {
    std::vector<Session> today_sessions;
    for (const Session& s : history.sessions)
      if (s.meta.date == day) today_sessions.push_back(s);
    const std::vector<PlanOutcome> outcomes = match_day(today_plans, today_sessions);
    const PlanOutcome* chosen = nullptr;
    for (const PlanOutcome& o : outcomes)
      if (o.plan_id != 0 && !chosen && o.state != PlanState::done) chosen = &o;
    if (!chosen)
      for (const PlanOutcome& o : outcomes)
        if (o.plan_id != 0 && !chosen) chosen = &o;
    for (const Plan& plan : today_plans) {
      if (plan.meta.id != chosen->plan_id) continue;
      PlanNote note = note_of(plan, day);
      note.done = chosen->state == PlanState::done;
      note.message = plan_message(note, advice, settings.units);
      advice.plan = std::move(note);
      break;
    }
  }
  if (next_race && advice.verdict != Verdict::urgent) {
    PlanNote note = note_of(*next_race, day);
    note.message = race_message(note, settings.units);
    advice.race = std::move(note);
  }
  return advice;
}

namespace {
Json plan_note_json(const std::optional<PlanNote>& note) {
  if (!note) return nullptr;
  Json json;
  json["id"] = note->id;
  json["date"] = note->date.iso();
  json["type"] = std::string{to_string(note->type)};
  json["intensity"] = note->intensity ? Json(std::string{to_string(*note->intensity)}) : Json(nullptr);
  json["planned_km"] = note->metres ? Json(json_km(*note->metres)) : Json(nullptr);
  json["planned_duration_s"] = note->seconds ? Json(*note->seconds) : Json(nullptr);
  json["done"] = note->done;
  json["days_left"] = note->days_left;
  json["weeks_left"] = note->days_left / 7;
  json["message"] = note->message;
  return json;
}
}  // namespace

Json advice_json(const Advice& advice, bool explain) {
  Json json;
  json["date"] = advice.day.iso();
  json["verdict"] = std::string{verdict_name(advice.verdict)};
  json["headline"] = advice.headline;
  json["verdict_rule"] = optional_text(advice.deciding_rule);
  json["see_professional"] = advice.see_professional;
  json["professional_reason"] = advice.professional_reason ? Json(*advice.professional_reason) : Json(nullptr);
  json["max_km_today"] = optional_km(advice.max_metres_today);
  json["cap_rule"] = optional_text(advice.cap_rule);
  json["ran_today_km"] = json_km(advice.ran_today_metres);
  json["week_budget_km"] = optional_km(advice.week_budget_metres);
  json["week_left_km"] = optional_km(advice.week_left_metres);
  json["week_so_far_km"] = json_km(advice.week_so_far_metres);
  json["budget_rule"] = optional_text(advice.budget_rule);
  json["stop_pain"] = advice.stop_pain ? Json(*advice.stop_pain) : Json(nullptr);
  Json reasons = Json::array();
  for (const Reason& r : advice.reasons) reasons.push_back(reason_json(r));
  json["reasons"] = reasons;
  json["suggestions"] = advice.suggestions;
  json["all_suggestions"] = advice.all_suggestions;
  json["planned_km"] = advice.plan && advice.plan->metres ? Json(json_km(*advice.plan->metres)) : Json(nullptr);
  json["plan_id"] = advice.plan ? Json(advice.plan->id) : Json(nullptr);
  json["plan"] = plan_note_json(advice.plan);
  json["race"] = plan_note_json(advice.race);
  if (explain) {
    Json checked = Json::array();
    for (const Reason& r : advice.checked) checked.push_back(reason_json(r));
    json["checked"] = checked;
    json["figures"] = figures_json(advice.figures, advice.day);
  }
  return json;
}

}  // namespace niggle
