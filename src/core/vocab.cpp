#include "niggle/core/vocab.hpp"

#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {

void throw_unknown_name(std::string_view option, std::string_view text, std::span<const std::string_view> names) {
  std::string message = fmt::format("unknown --{} '{}'; accepted: {}", option, printable(text), join(names, ", "));
  if (auto guess = closest_match(text, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
  throw ValueError(message);
}

bool has_distance(ActivityType type) { return type != ActivityType::strength; }

bool is_hard(Intensity intensity) {
  return intensity == Intensity::tempo || intensity == Intensity::intervals || intensity == Intensity::hills ||
         intensity == Intensity::race;
}

SymptomClass classify(Symptom symptom) {
  switch (symptom) {
    case Symptom::bladder:
    case Symptom::bowel:
    case Symptom::saddle_numbness: return SymptomClass::red_flag;
    case Symptom::fever:
    case Symptom::weight_loss:
    case Symptom::night_pain:
    case Symptom::trauma: return SymptomClass::serious_cause;
    case Symptom::numbness:
    case Symptom::tingling:
    case Symptom::burning:
    case Symptom::leg_pain:
    case Symptom::cough_worse:
    case Symptom::weakness: return SymptomClass::nerve;
  }
  return SymptomClass::nerve;
}

}  // namespace niggle
