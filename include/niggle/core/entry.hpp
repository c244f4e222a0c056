#pragma once
// What the journal holds: sessions (a run, a walk, a strength session...) and pain entries.
// Distances are metres and durations seconds, whatever unit the user displays.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "niggle/core/date.hpp"
#include "niggle/core/vocab.hpp"

namespace niggle {

struct EntryMeta {
  std::int64_t id = 0;  // the short number users type; 0 until stored
  std::string uuid;     // stable across export, import and merge; assigned when stored
  Date date;            // the local day the entry is about
  std::optional<std::string> note;
  std::vector<std::string> tags;       // sorted, unique
  std::string created_at;              // UTC, "2026-11-24T18:03:12Z"; assigned when stored
  std::string modified_at;             // UTC; equals created_at until the entry is edited
  std::optional<std::string> source;   // where an imported entry came from, for idempotent imports
};

// One exercise of a strength session, as typed: "deadlift:3x5@60kg". The load keeps the unit
// it was given in (kg or lb), so the journal shows what the runner wrote.
struct Lift {
  std::string exercise;  // lower case: letters, digits and hyphens
  int sets = 1;
  int reps = 1;
  std::optional<double> load;    // in load_unit
  std::string load_unit = "kg";  // "kg" or "lb"
  friend bool operator==(const Lift&, const Lift&) = default;
};
double load_kg(const Lift& lift);  // 0 without a load

struct Session {
  EntryMeta meta;
  ActivityType type = ActivityType::run;
  std::optional<Intensity> intensity;
  std::optional<double> metres;
  std::optional<std::int64_t> seconds;
  std::optional<double> planned_metres;
  std::optional<int> rpe;                 // rate of perceived exertion, 1-10
  std::optional<std::string> start_time;  // local "HH:MM:SS", when known (imports)
  std::vector<Lift> lifts;                // strength sessions only, in the order given
  // What a watch or bike computer measured, kept from imported activity files; never typed.
  std::optional<std::int64_t> moving_seconds;      // timer time: the time less its pauses
  std::optional<int> avg_heart_rate, max_heart_rate;  // beats per minute
  std::optional<double> ascent_metres;             // total climb
  std::optional<int> avg_cadence;                  // per minute: steps on foot, pedal turns on a bike
  // Not stored: the figures are a summary of a recording (a row of Strava's activities.csv),
  // not the recording itself, so that they never replace a recorded file's as rich as them.
  bool summary_only = false;
};

// The ranges a measured figure must be in to be believed (a heart rate of 255 is a sensor's
// "no value", not a pulse).
inline constexpr int kMinHeartRate = 20, kMaxHeartRate = 250;
inline constexpr int kMaxCadence = 300;
inline constexpr double kMaxAscentMetres = 20'000;
bool has_watch_figures(const Session& session);

struct PainEntry {
  EntryMeta meta;
  int score = 0;  // 0-10
  std::optional<Location> where;
  std::optional<Side> side;
  std::optional<Walking> walking;
  std::optional<Timing> when;
  std::vector<Symptom> symptoms;  // sorted, unique
  std::optional<double> sleep_hours;  // the night before, 0-24, when recorded
};

// A consultation: a physiotherapist, a doctor, urgent or emergency care, someone else. Not
// training: it never counts as load; the advice reads it as an assessment (ADVICE-RULES.md
// "Visits").
struct Visit {
  EntryMeta meta;
  VisitKind kind = VisitKind::doctor;
};

// A session planned ahead (`niggle plan add`), a race among them. Not training: it never
// counts as load or as a run; it is what a week's sessions are measured against, and what
// the advice weighs today's cap against.
struct Plan {
  EntryMeta meta;
  ActivityType type = ActivityType::run;
  std::optional<Intensity> intensity;  // --kind: long, tempo, race...
  std::optional<double> metres;
  std::optional<std::int64_t> seconds;
};

using Entry = std::variant<Session, PainEntry, Visit, Plan>;

// A removed entry's UUID, kept so that a merge does not bring the entry back.
struct Removal {
  std::string uuid;
  std::string removed_at;  // UTC
  friend bool operator==(const Removal&, const Removal&) = default;
};

const EntryMeta& meta_of(const Entry& entry);

// ADVICE-RULES.md P1: a symptom that means emergency care. Weakness, leg pain, numbness or
// tingling count when in both legs (--side both); on one side they are nerve signs (P8) that
// need a professional soon.
bool has_red_flag(const PainEntry& entry);
bool has_serious_cause_flag(const PainEntry& entry);  // P2
bool has_nerve_symptom(const PainEntry& entry);       // P8 (without a red flag)

// The entry among `others` that `session` most likely repeats: the same day and type, and
// a distance within 3% (or, when neither has a distance, a duration within 3%); the
// oldest such one, or nullptr. `session` itself (by id) is never its own duplicate.
const Session* likely_duplicate(const Session& session, const std::vector<Session>& others);

}  // namespace niggle
