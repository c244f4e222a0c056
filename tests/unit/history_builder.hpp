#pragma once
// Builds advice histories in a few lines: runs and pain entries with ids in recording order.
#include <optional>
#include <string_view>
#include <vector>

#include "niggle/core/advice.hpp"
#include "niggle/core/advice_rules.hpp"

namespace niggle::test {

// Tuesday 2026-11-24, the day the end-to-end tests pin as today.
inline const Date kDay = *Date::from_ymd(2026, 11, 24);

inline Date ymd(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

struct PainSpec {
  Date day{};
  int score = 0;
  std::optional<Walking> walking{};
  std::optional<Timing> when{};
  std::vector<Symptom> symptoms{};
  std::optional<Location> where{};
  std::optional<Side> side{};
};

struct HistoryBuilder {
  History history;
  std::int64_t next_id = 1;

  HistoryBuilder& run(Date day, double km, std::optional<Intensity> intensity = std::nullopt,
                      ActivityType type = ActivityType::run) {
    Session s;
    s.meta.id = next_id++;
    s.meta.date = day;
    s.type = type;
    s.metres = km * 1000.0;
    s.intensity = intensity;
    history.sessions.push_back(s);
    return *this;
  }
  // A run logged by time only: a run day without a distance.
  HistoryBuilder& timed_run(Date day, std::int64_t seconds = 45 * 60) {
    Session s;
    s.meta.id = next_id++;
    s.meta.date = day;
    s.type = ActivityType::run;
    s.seconds = seconds;
    history.sessions.push_back(s);
    return *this;
  }
  HistoryBuilder& race(Date day, double km) { return run(day, km, Intensity::race); }
  HistoryBuilder& visit(Date day, VisitKind kind) {
    Visit v;
    v.meta.id = next_id++;
    v.meta.date = day;
    v.kind = kind;
    history.visits.push_back(v);
    return *this;
  }
  // The journal's first day, as the command line reads it from the whole journal.
  HistoryBuilder& starting(Date day) {
    history.first_entry = day;
    return *this;
  }
  // One run of `km` on each day of [first, last].
  HistoryBuilder& run_daily(Date first, Date last, double km) {
    for (Date d = first; d <= last; d = d.plus_days(1)) run(d, km);
    return *this;
  }
  HistoryBuilder& pain(const PainSpec& spec) {
    PainEntry p;
    p.meta.id = next_id++;
    p.meta.date = spec.day;
    p.score = spec.score;
    p.walking = spec.walking;
    p.when = spec.when;
    p.symptoms = spec.symptoms;
    if (spec.where) p.where = {*spec.where};
    p.side = spec.side;
    history.pain.push_back(p);
    return *this;
  }
  HistoryBuilder& pain(Date day, int score, std::optional<Walking> walking = std::nullopt) {
    return pain(PainSpec{.day = day, .score = score, .walking = walking});
  }
  // A pain score of `score` on each day of [first, last].
  HistoryBuilder& pain_daily(Date first, Date last, int score, std::optional<Walking> walking = std::nullopt) {
    for (Date d = first; d <= last; d = d.plus_days(1)) pain(d, score, walking);
    return *this;
  }

  rules::Facts facts(Date day = kDay, const Settings& settings = {}) const {
    return rules::gather_facts(history, day, settings);
  }
  Advice advice(Date day = kDay, const Settings& settings = {}) const { return advise(history, day, settings); }
};

// The reason a rule gave, whether it fired or found nothing.
inline const Reason* reason_of(const Advice& advice, std::string_view rule) {
  for (const auto* list : {&advice.reasons, &advice.checked})
    for (const Reason& r : *list)
      if (r.rule == rule) return &r;
  return nullptr;
}

inline bool fired(const Advice& advice, std::string_view rule) {
  const Reason* r = reason_of(advice, rule);
  return r && r->status == RuleStatus::fired;
}

}  // namespace niggle::test
