#pragma once
// The advice engine: "should I run today, and how far?". `advise` is a pure function of a
// history window, a day and the settings: no clock, no database, no I/O. The command line
// loads the window (`history_window`) with indexed range queries and renders the answer;
// a report can load a longer history once and call `advise` for every day in it, since
// entries after the day being advised are ignored.
//
// Every verdict traces to a rule of ADVICE-RULES.md (P1-P9 for pain and symptoms, L1-L5 for
// training load, T1-T2 for thin data), each implemented and tested on its own in
// advice_rules.hpp.
//
// Time is counted in days, because entries carry a day (and an optional moment, `when`) but
// no clock time:
// - "the last N hours" is the day being advised and the ceil(N/24) - 1 days before it:
//   72 h (P2) is the day and the two before; 48 h (pain freshness) the day and the one
//   before. "The last N days" (P1's 14) is the day and the N - 1 before.
// - "the latest pain" is the last entry of the latest day with pain entries. Within a day,
//   entries are ordered by `when` (morning < before < during < after < evening); an entry
//   without a `when` counts as written when it was recorded (created_at, then id), so it
//   comes after every entry of that day recorded before it. Each entry's walking answer is
//   its own. P3 reads the day's highest score, with that entry's walking answer.
// - the journal starts with its first entry of any kind (History::first_entry, or the
//   earliest entry of the history when the caller does not say), or `journal_start` in the
//   settings. Weeks and days before it are unknown, not weeks of no running.
// - visits (doctor, urgent care) assess red flags recorded before them; any visit
//   acknowledges a see-a-professional reason (P2, P8, P9) until the symptom gets worse.
// - a day's pain, for means and counts (P6, P7, P9), is the highest score of that day: how
//   bad it got. A day without entries is not recorded, never a pain of 0. P6's "morning
//   after" score is the day's `morning` entries, or, without any, its entries without a
//   `when` (a journal kept once a day).
// - runs already logged on the day being advised count toward this week so far and toward
//   the day's caps, so `max_metres_today` is what is left to run today.
// - for a day in the future (planning), the history is what is logged up to it: the days
//   in between count as rest days and as days without a pain score.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/settings.hpp"
#include "niggle/core/entry.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/load.hpp"

namespace niggle {

// From the least to the most severe. `unknown` sits between `easy` and `cross-train`: thin
// data can keep a runner from `go` or `easy`, but never overrules a rule that says not to run.
enum class Verdict { go, easy, unknown, cross_train, rest, urgent };
std::string_view verdict_name(Verdict verdict);  // "go", "easy", "unknown", "cross-train", "rest", "urgent"
// True for the verdicts under which running is allowed today (go, easy).
bool may_run(Verdict verdict);

// What a rule found: `fired` (its condition held: it gives a verdict, a cap, a warning or
// sends to a professional), `info` (a figure that is shown but asks nothing, as L5 below its
// warning), `no_data` (it could not be checked), or `ok` (checked; nothing to say).
enum class RuleStatus { fired, info, no_data, ok };
std::string_view status_name(RuleStatus status);  // "fired", "info", "no-data", "ok"

struct Reason {
  std::string rule;  // "P3", "L2", "T1"
  std::string name;  // "severe pain"
  RuleStatus status = RuleStatus::ok;
  std::optional<Verdict> verdict;          // the best verdict this rule allows, when it limits it
  std::optional<double> cap_metres;        // the most this rule lets you run today, beyond what is run already
  std::optional<double> week_budget_metres;  // this week's running budget, by this rule
  bool warning = false;                    // asks for care, not for a different verdict (L4, L5)
  std::optional<std::string> professional;  // whom to see and why, when the rule says so
  std::string summary;                     // a few words for the verdict line: "pain 8/10 that walking makes worse"
  std::string message;                     // a sentence with the numbers that led to it
  std::string source;                      // "Frandsen et al., BJSM 2025 (Garmin-RUNSAFE)"
};

// A day with pain entries and its worst score.
struct DailyPain {
  Date day;
  int peak = 0;
};

// The figures behind the rules, for `--explain` and for the rules themselves.
struct AdviceFigures {
  // Load. Weeks start on the configured week start; `weeks` holds the baseline weeks, oldest
  // first, then the current week up to and including the day.
  std::vector<WeekLoad> weeks;
  Baseline baseline;
  double week_so_far_metres = 0;      // this week, the day included
  double last_week_metres = 0;        // the complete week before this one (P7)
  double ran_today_metres = 0;        // already logged on the day
  std::optional<double> longest_recent_metres;  // L2: longest run of the spike window before the day
  std::optional<Date> longest_recent_day;
  std::optional<Date> last_run_before;          // the latest day before the day with a run
  int run_streak_days = 0;                      // days in a row before the day with a run (L3)
  std::optional<Date> last_rest_day;            // the latest day before the day without a run
  double acute_metres = 0;            // L5: the last 7 days, the day included
  double chronic_metres = 0;          // L5: the 28 days before those
  std::optional<double> acwr;         // acute / (chronic / 4)
  // v2 figures.
  std::optional<Date> journal_start;            // the first day the journal covers
  int runs_without_distance_week = 0;           // this week, runs logged by time only
  int runs_without_distance_spike = 0;          // L2's window, runs logged by time only
  int run_streak_without_distance = 0;          // L3's streak, runs logged by time only
  int races_left_out = 0;                       // L2: races of the window left out of the reference
  std::optional<double> longest_day_metres;     // L2: the longest day's running of the window (races left out)
  std::optional<Date> longest_day;
  bool spike_window_known = true;               // L2: the journal covers the whole window
  std::optional<Date> last_run_any;             // the latest day before the day with any run (L1b)
  std::optional<double> comeback_budget_metres; // L1b
  int comeback_weeks_found = 0;                 // L1b: weeks with running before the break
  std::optional<Date> race_day;                 // L2b: the race that asks for easy days
  std::optional<double> race_metres;
  int race_easy_days = 0;
  std::optional<double> median_run_metres;      // easy: the median run of the window
  std::optional<Date> last_strength;            // suggestions: the latest strength session
  int acwr_known_days = 0;                      // L5: days of the 28 the journal covers

  // Pain.
  std::optional<PainEntry> latest_pain;         // the latest entry up to the day
  std::optional<Walking> latest_walking;        // that entry's own walking answer
  std::optional<PainEntry> peak_pain;           // P3: the highest score of the latest day (the worst walking on a tie)
  bool pain_fresh = false;                      // the latest entry is within the freshness window
  std::vector<DailyPain> daily;                 // days with entries in the history, oldest first
  std::optional<double> pain_mean_last7, pain_mean_previous7;  // P7: means of the daily peaks
  int pain_days_last7 = 0, pain_days_previous7 = 0;
  int persistent_days_counted = 0;              // P9: days with entries looked at
  int persistent_painful_days = 0;              // P9: of those, days at or above the threshold
  std::optional<double> persistent_mean_recent, persistent_mean_earlier;  // P9: halves of the window
};

// How far ahead `advise` looks for a race.
inline constexpr int kRaceHorizonDays = 16 * 7;

// The day's planned session against the day's cap, or a race ahead: "Plan: 16.0 km long run
// (#4). Today's cap is 11.0 km (L2): run 11.0 km, or move the long run."
struct PlanNote {
  std::int64_t id = 0;
  Date date;
  ActivityType type = ActivityType::run;
  std::optional<Intensity> intensity;
  std::optional<double> metres;
  std::optional<std::int64_t> seconds;
  bool done = false;       // a session of its type is logged on the day
  int days_left = 0;       // from the day advised to the plan's day
  std::string message;
};

struct Advice {
  Date day;
  Verdict verdict = Verdict::unknown;
  std::string deciding_rule;  // the rule that set the verdict ("" for a plain go)
  std::string headline;       // one line a tired runner understands
  bool see_professional = false;
  std::optional<std::string> professional_reason;
  // Caps. `max_metres_today` is what is left to run today (0 when the verdict says not to
  // run), set by `cap_rule`; `week_budget_metres` is this week's running budget, set by
  // `budget_rule`, of which `week_left_metres` is left.
  std::optional<double> max_metres_today;
  std::string cap_rule;       // "" on a day without running
  std::optional<double> week_budget_metres;
  std::optional<double> week_left_metres;
  std::string budget_rule;
  double ran_today_metres = 0;
  double week_so_far_metres = 0;
  std::optional<int> stop_pain;  // on a run day: stop if pain passes this
  // Rules that fired, gave information or could not be checked, the verdict's rule first
  // and the rest in severity, then rule, order; with `checked`, the rules that found nothing.
  std::vector<Reason> reasons;
  std::vector<Reason> checked;
  std::vector<std::string> suggestions;      // today's pick: they vary with the day
  std::vector<std::string> all_suggestions;  // every suggestion that fits (advise --all-suggestions)
  // The day's planned session (the first made, of the day's plans not carried out yet, or the
  // first when all are), and the next race after the day within kRaceHorizonDays.
  std::optional<PlanNote> plan;
  std::optional<PlanNote> race;
  AdviceFigures figures;
};

// The history `advise` looks at: sessions and pain entries, each oldest first. Entries after
// the day being advised are ignored, so one long history serves many days.
struct History {
  std::vector<Session> sessions;
  std::vector<PainEntry> pain;
  std::vector<Visit> visits;
  // Planned sessions: the day's, and the races of the weeks after it (kRaceHorizonDays).
  // They are weighed against the caps and never change them.
  std::vector<Plan> plans;
  // The day of the journal's first entry of any kind, which a window of history may not hold;
  // nullopt: the earliest entry of this history.
  std::optional<Date> first_entry;
};

// The days a history needs for advice on `day`: every rule's window, and the baseline weeks.
struct DateRange {
  Date first, last;
};
DateRange history_window(Date day, const Settings& settings);

// The advice for `day`. Distances in the messages are in `settings.units`.
Advice advise(const History& history, Date day, const Settings& settings);

// One JSON document: distances in kilometres, the verdict's name, every reason. With
// `explain`, also the rules that found nothing and the figures.
Json advice_json(const Advice& advice, bool explain);

// A distance for advice: rounded down to a tenth of the unit, so a cap is never overstated
// ("6.6 km").
std::string advice_distance(double metres, DistanceUnit unit);
// A distance already run: rounded to the nearest tenth, as `week` shows it (6.6 mi reads
// back as 6.6 mi).
std::string run_distance_text(double metres, DistanceUnit unit);

}  // namespace niggle
