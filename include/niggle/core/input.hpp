#pragma once
// Turning what a user typed into entries. Every check happens here, before the journal is
// opened, so a command that fails has written nothing.
#include <optional>
#include <string>
#include <vector>

#include "niggle/core/entry.hpp"
#include "niggle/core/settings.hpp"
#include "niggle/core/units.hpp"

namespace niggle {

inline constexpr std::size_t kMaxNoteBytes = 64 * 1024;
inline constexpr std::size_t kMaxTagBytes = 64;

// A note: valid UTF-8, no control characters but newline and tab, at most 64 KiB.
// Empty or blank means "no note", so scripts can pass "$NOTE" unconditionally.
std::optional<std::string> parse_note(std::string_view text);
// A tag: 1-64 bytes of UTF-8 without spaces, commas or control characters.
std::string parse_tag(std::string_view text);
std::vector<std::string> parse_tags(const std::vector<std::string>& texts);  // sorted, unique
int parse_pain_score(std::string_view text);  // a whole number 0-10
int parse_rpe(std::string_view text);         // a whole number 1-10
// A strength exercise, "deadlift:3x5@60kg": a name (letters, digits, hyphens; 1-40 bytes,
// folded to lower case), sets x reps (1-100 sets, 1-1000 reps), and an optional load in kg
// or lb (above 0, at most 1000 kg). Throws ValueError naming the value and the form.
Lift parse_lift(std::string_view text);
std::string lift_text(const Lift& lift);  // the canonical form, "deadlift:3x5@60kg"
// Hours slept, "7", "6.5" or "6:30": 0 to 24.
double parse_sleep_hours(std::string_view text);
// A date for a record of what happened: today or earlier.
Date parse_past_date(std::string_view text, Date today);

// `niggle log` arguments as typed.
struct SessionInput {
  std::vector<std::string> quantities;  // distance and/or duration: "5k" "27:30", or "5" "km"
  std::optional<std::string> type, kind, rpe, date, note, planned;
  std::vector<std::string> tags;
  std::vector<std::string> lifts;  // --lift, strength sessions only
};
Session make_session(const SessionInput& input, DistanceUnit unit, ActivityType default_type, Date today);

// Throws ValueError when a session's pace or speed is beyond `limits` (a run faster than
// 2:30 /km or slower than 30:00 /km, a walk or hike faster than 5:00 /km, a ride over
// 80 km/h by default), saying how it was read and what to type for the likely meaning:
// "1:05 was read as 1 min 05 s; for 1 h 05 min write 1:05:00 or 1h05". `typed` is what the
// user gave for the quantities, to quote it back.
void check_plausible(const Session& session, const LogLimits& limits, const std::vector<std::string>& typed,
                     DistanceUnit unit);

// `niggle pain` arguments as typed.
struct PainInput {
  std::string score;
  std::optional<std::string> where, side, walking, when, date, note, sleep;
  std::vector<std::string> symptoms, tags;
};
PainEntry make_pain(const PainInput& input, Date today);

// `niggle visit` arguments as typed: physio, doctor, urgent-care or other.
struct VisitInput {
  std::string kind;
  std::optional<std::string> date, note;
  std::vector<std::string> tags;
};
Visit make_visit(const VisitInput& input, Date today);

// `niggle plan add` arguments as typed: a day (any day, past or future), then an optional
// distance and duration, as `niggle log` takes them.
struct PlanInput {
  std::string day;
  std::vector<std::string> quantities;
  std::optional<std::string> type, kind, note;
  std::vector<std::string> tags;
};
Plan make_plan(const PlanInput& input, DistanceUnit unit, ActivityType default_type, Date today);

// `niggle edit`: the values given replace the entry's, and the result is checked by
// make_session / make_pain exactly as a new entry would be. Quantities replace what
// they are (a distance the distance, a duration the duration); an empty value clears an
// optional field (--kind "", --note "", --tag "", --symptom "", --lift "", --sleep ""); changing to a type
// without distance drops the distance. Identity (id, uuid, times, source) is kept.
Session edit_session(const Session& entry, const SessionInput& changes, DistanceUnit unit, Date today);
// `changes.score` empty: the score stays.
PainEntry edit_pain(const PainEntry& entry, const PainInput& changes, Date today);
// `changes.kind` empty: the kind of visit stays.
Visit edit_visit(const Visit& entry, const VisitInput& changes, Date today);
// `niggle plan edit`: `changes.day` empty keeps the day; quantities replace what they are.
Plan edit_plan(const Plan& entry, const PlanInput& changes, DistanceUnit unit, Date today);

}  // namespace niggle
