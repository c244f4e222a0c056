#include "niggle/core/entry.hpp"

#include <algorithm>

namespace niggle {

bool has_watch_figures(const Session& s) {
  return s.moving_seconds || s.avg_heart_rate || s.max_heart_rate || s.ascent_metres || s.avg_cadence;
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

}  // namespace niggle

namespace niggle {

double load_kg(const Lift& lift) {
  if (!lift.load) return 0;
  // The international avoirdupois pound.
  return lift.load_unit == "lb" ? *lift.load * 0.45359237 : *lift.load;
}

}  // namespace niggle
