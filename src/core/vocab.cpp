#include "niggle/core/vocab.hpp"

#include <algorithm>
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
    case Symptom::saddle_numbness:
    case Symptom::urine_difficulty:
    case Symptom::rectal_numbness:
    case Symptom::sexual_dysfunction: return SymptomClass::red_flag;
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

std::string_view symptom_meaning(Symptom symptom) {
  switch (symptom) {
    case Symptom::numbness: return "a patch of a leg or foot that feels dull or dead";
    case Symptom::tingling: return "pins and needles in a leg or foot";
    case Symptom::burning: return "a burning pain along a leg";
    case Symptom::leg_pain: return "pain that runs down a leg, often below the knee";
    case Symptom::cough_worse: return "pain made worse by coughing, sneezing or straining";
    case Symptom::weakness: return "a leg or foot that gives way, drags or cannot lift";
    case Symptom::bladder: return "new trouble passing or holding urine";
    case Symptom::bowel: return "new loss of control of the bowels";
    case Symptom::saddle_numbness: return "numbness between the legs or around the back passage (where a saddle sits)";
    case Symptom::fever: return "a temperature or shivers along with the pain";
    case Symptom::weight_loss: return "weight lost without trying";
    case Symptom::night_pain: return "pain at night that rest or turning over does not ease";
    case Symptom::trauma: return "the pain began with a fall, a crash or a blow";
    case Symptom::urine_difficulty: return "new difficulty starting to pass urine, or a weaker feeling of the flow";
    case Symptom::rectal_numbness: return "less feeling than usual in the back passage, or of a full bowel";
    case Symptom::sexual_dysfunction: return "new loss of sexual function or feeling";
  }
  return "";
}

std::string_view symptom_urgency(Symptom symptom) {
  if (symptom == Symptom::weakness) return "nerve sign; a red flag in both legs: emergency care now";
  switch (classify(symptom)) {
    case SymptomClass::red_flag: return "red flag: emergency care now";
    case SymptomClass::serious_cause: return "see a doctor soon";
    case SymptomClass::nerve: return "nerve sign: see a physio or doctor";
  }
  return "";
}

bool assesses_red_flags(VisitKind kind) { return kind == VisitKind::doctor || kind == VisitKind::urgent_care; }

std::string locations_text(std::vector<Location> where) {
  std::sort(where.begin(), where.end());
  where.erase(std::unique(where.begin(), where.end()), where.end());
  std::string text;
  for (Location location : where) {
    if (!text.empty()) text += ',';
    text += to_string(location);
  }
  return text;
}

std::optional<std::vector<Location>> try_parse_locations_text(std::string_view text) {
  std::vector<Location> where;
  if (trim(text).empty()) return where;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    const std::string_view name = trim(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    const auto location = try_parse<Location>(name);
    if (!location) return std::nullopt;
    where.push_back(*location);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::sort(where.begin(), where.end());
  where.erase(std::unique(where.begin(), where.end()), where.end());
  return where;
}

std::string locations_label(const std::vector<Location>& where) {
  std::string label;
  for (Location location : where) {
    if (!label.empty()) label += '+';
    label += to_string(location);
  }
  return label;
}

}  // namespace niggle
