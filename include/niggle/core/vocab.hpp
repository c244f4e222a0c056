#pragma once
// The closed vocabularies of the journal: activity types, intensities, pain locations and
// symptoms. Each is an enum with one canonical lower-case name per value; those names are
// what the command line accepts and what the journal and JSON store.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace niggle {

enum class ActivityType { run, walk, hike, bike, swim, elliptical, strength, other };
enum class Intensity { easy, long_run, tempo, intervals, hills, race };
enum class Location {
  lower_back, upper_back, neck, hip, glute, hamstring, knee, calf, shin, ankle, foot, leg, other
};
enum class Side { left, right, both };
enum class Walking { better, same, worse };  // how the pain responds to standing and walking
enum class Timing { morning, before, during, after, evening };
enum class Symptom {
  numbness, tingling, burning, leg_pain, cough_worse, weakness, bladder, bowel, saddle_numbness,
  fever, weight_loss, night_pain, trauma,
  // Added in schema 3 with the fuller list of red flags (ADVICE-RULES.md v2, P1). New names go
  // at the end: the journal stores names, and the enum's order is the vocabulary's order.
  urine_difficulty, rectal_numbness, sexual_dysfunction
};
// A consultation (ADVICE-RULES.md "Visits"): doctors and urgent care assess red flags; any
// visit acknowledges a reason to see a professional.
enum class VisitKind { physio, doctor, urgent_care, other };

template <class E>
struct Vocabulary;

#define NIGGLE_VOCABULARY(Enum, Option, ...)                                \
  template <>                                                               \
  struct Vocabulary<Enum> {                                                 \
    static constexpr std::string_view option = Option;                      \
    static constexpr auto names = std::to_array<std::string_view>({__VA_ARGS__}); \
  };

NIGGLE_VOCABULARY(ActivityType, "type", "run", "walk", "hike", "bike", "swim", "elliptical", "strength", "other")
NIGGLE_VOCABULARY(Intensity, "kind", "easy", "long", "tempo", "intervals", "hills", "race")
NIGGLE_VOCABULARY(Location, "where", "lower-back", "upper-back", "neck", "hip", "glute", "hamstring", "knee", "calf",
                  "shin", "ankle", "foot", "leg", "other")
NIGGLE_VOCABULARY(Side, "side", "left", "right", "both")
NIGGLE_VOCABULARY(Walking, "walking", "better", "same", "worse")
NIGGLE_VOCABULARY(Timing, "when", "morning", "before", "during", "after", "evening")
NIGGLE_VOCABULARY(Symptom, "symptom", "numbness", "tingling", "burning", "leg-pain", "cough-worse", "weakness",
                  "bladder", "bowel", "saddle-numbness", "fever", "weight-loss", "night-pain", "trauma",
                  "urine-difficulty", "rectal-numbness", "sexual-dysfunction")
NIGGLE_VOCABULARY(VisitKind, "visit", "physio", "doctor", "urgent-care", "other")
#undef NIGGLE_VOCABULARY

template <class E>
constexpr std::string_view to_string(E value) {
  return Vocabulary<E>::names[static_cast<std::size_t>(value)];
}

template <class E>
constexpr std::span<const std::string_view> names_of() {
  return Vocabulary<E>::names;
}

template <class E>
std::optional<E> try_parse(std::string_view text) {
  const auto& names = Vocabulary<E>::names;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  return std::nullopt;
}

// Throws ValueError: "unknown --type 'runn'; accepted: run, walk, ... (did you mean 'run'?)".
[[noreturn]] void throw_unknown_name(std::string_view option, std::string_view text,
                                     std::span<const std::string_view> names);

template <class E>
E parse_name(std::string_view text) {
  if (auto value = try_parse<E>(text)) return *value;
  throw_unknown_name(Vocabulary<E>::option, text, Vocabulary<E>::names);
}

// A pain entry's locations as one text: the names in vocabulary order, comma-separated
// ("lower-back,hip"), as the journal's location column, CSV and JSON hold them; "" for none.
std::string locations_text(std::vector<Location> where);
// That text read back, sorted and unique; nullopt when a name is not a location. A single
// name, as every journal and export before several locations holds, reads as one location.
std::optional<std::vector<Location>> try_parse_locations_text(std::string_view text);
// For people: "lower-back+hip" (list, week, the answer of `pain`); "" for none.
std::string locations_label(const std::vector<Location>& where);

// Activity types whose distance counts as a distance (strength sessions have none).
bool has_distance(ActivityType type);
// Intensities that count as "adding intensity" for the one-variable-at-a-time rule.
bool is_hard(Intensity intensity);

// How serious a symptom is on its own (ADVICE-RULES.md P1, P2, P8).
enum class SymptomClass {
  red_flag,       // P1: seek emergency care now
  serious_cause,  // P2: rest and see a doctor soon
  nerve,          // P8: see a professional; no running while it lasts
};
SymptomClass classify(Symptom symptom);

// What a symptom means, in a few plain words, for help texts and completions:
// "numbness between the legs or around the back passage (where a saddle sits)".
std::string_view symptom_meaning(Symptom symptom);
// What its class asks for: "red flag: emergency care now", "see a doctor soon",
// "nerve sign: see a physio or doctor"; weakness is a red flag in both legs.
std::string_view symptom_urgency(Symptom symptom);
// True for the visits that assess a red flag (a doctor, urgent or emergency care).
bool assesses_red_flags(VisitKind kind);

}  // namespace niggle
