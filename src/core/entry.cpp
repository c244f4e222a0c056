#include "niggle/core/entry.hpp"

#include <algorithm>
#include <cmath>

namespace niggle {

bool has_watch_figures(const Session& s) {
  return s.moving_seconds || s.avg_heart_rate || s.max_heart_rate || s.ascent_metres || s.avg_cadence;
}

bool carries_tags(const EntryMeta& meta, const std::vector<std::string>& tags) {
  return std::includes(meta.tags.begin(), meta.tags.end(), tags.begin(), tags.end());
}

const EntryMeta& meta_of(const Entry& entry) {
  return std::visit([](const auto& e) -> const EntryMeta& { return e.meta; }, entry);
}

bool has_red_flag(const PainEntry& entry) {
  return std::any_of(entry.symptoms.begin(), entry.symptoms.end(), [&](Symptom s) {
    // Leg symptoms in both legs are bilateral sciatica or a bilateral deficit (ADVICE-RULES.md P1).
    const bool leg = s == Symptom::weakness || s == Symptom::leg_pain || s == Symptom::numbness || s == Symptom::tingling;
    return classify(s) == SymptomClass::red_flag || (leg && entry.side == Side::both);
  });
}

bool has_serious_cause_flag(const PainEntry& entry) {
  return std::any_of(entry.symptoms.begin(), entry.symptoms.end(),
                     [](Symptom s) { return classify(s) == SymptomClass::serious_cause; });
}

bool has_nerve_symptom(const PainEntry& entry) {
  return !has_red_flag(entry) && std::any_of(entry.symptoms.begin(), entry.symptoms.end(), [](Symptom s) {
    return classify(s) == SymptomClass::nerve;
  });
}

namespace {
bool within_three_percent(double a, double b) { return std::abs(a - b) <= 0.03 * std::max(a, b); }
}  // namespace

const Session* likely_duplicate(const Session& session, const std::vector<Session>& others) {
  const Session* found = nullptr;
  for (const Session& other : others) {
    if (other.meta.id == session.meta.id || other.meta.date != session.meta.date || other.type != session.type) continue;
    bool same = false;
    if (session.metres && other.metres) {
      same = within_three_percent(*session.metres, *other.metres);
    } else if (!session.metres && !other.metres && session.seconds && other.seconds) {
      same = within_three_percent(static_cast<double>(*session.seconds), static_cast<double>(*other.seconds));
    }
    if (same && (!found || other.meta.id < found->meta.id)) found = &other;
  }
  return found;
}

}  // namespace niggle

namespace niggle {

double load_kg(const Lift& lift) {
  if (!lift.load) return 0;
  // The international avoirdupois pound.
  return lift.load_unit == "lb" ? *lift.load * 0.45359237 : *lift.load;
}

}  // namespace niggle
