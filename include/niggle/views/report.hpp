#pragma once
// `niggle report`: the figures of a page for a physiotherapist or a doctor who asks how the
// last weeks went. Weeks come from the weekly summaries (summary.hpp), so the report's table
// shows what `niggle week --weeks N` shows; each day's advice comes from the advice engine
// (advice.hpp), called once per day on the window of history it needs, so it is what
// `niggle advise --date DAY` says. `make_report` is pure; `load_report` reads the journal.
// The renderings (report_render.hpp) only lay these figures out.
#include <array>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "niggle/core/advice.hpp"
#include "niggle/core/insights.hpp"
#include "niggle/core/settings.hpp"
#include "niggle/store/journal.hpp"
#include "niggle/core/summary.hpp"

namespace niggle {

// The most weeks one report covers: ten years, far more than any appointment needs.
inline constexpr int kMaxReportWeeks = 520;

struct ReportRequest {
  Date first_week;      // the first day of the first week (a configured week start)
  int weeks = 12;       // whole weeks from there; the last holds `today` or ends before it
  Date today;           // days after it are left out, as `niggle week` leaves them out
  std::string journal;  // the journal's path, as the page names it
};

// A rise of the day's highest pain over the latest earlier day with a score, within this
// many days, that counts as a jump: 2 points and 30% (Farrar et al., Pain 2001: the change on
// a 0-10 scale that patients call much better or much worse).
inline constexpr int kPainJumpPoints = 2;
inline constexpr double kPainJumpShare = 0.30;
inline constexpr int kPainJumpDays = 2;
// A flare-up starts on a day whose highest pain is above the easy-run band of P5
// (advice.easy_pain_max) when no day of this many before it was.
inline constexpr int kFlareQuietDays = 7;

// A location's highest score on a day; no location means none was given.
struct LocationScore {
  std::optional<Location> where;
  int score = 0;
};

struct RuleRef {
  std::string rule;  // "P8"
  std::string name;  // "nerve symptoms"
};

// What the advice engine says about a day from everything logged up to and including it.
struct DayAdvice {
  Verdict verdict = Verdict::unknown;
  std::string deciding_rule;
  std::string headline;
  std::optional<std::string> professional_reason;
  // The rules that fired, in the engine's order, leaving out L1's and L2's standing caps
  // (they cap every day they can judge; they count when they stop running for the day).
  std::vector<RuleRef> fired;
  // The cap of that morning's advice (0 on a day without running; none: no cap), and
  // whether the day's running went past it (or ran at all on a no-run day).
  std::optional<double> cap_metres;
  bool ran_past_cap = false;
};

struct ReportDay {
  Date date;
  std::vector<Session> sessions;  // every session of the day, in the journal's order
  std::vector<PainEntry> pain;    // the day's pain entries, in time order (advice.hpp)
  std::vector<Visit> visits;      // the day's visits to a physio, a doctor, urgent care
  std::vector<PlanOutcome> skipped_plans;  // sessions planned for the day that did not happen
  double run_metres = 0;          // running load, as counts_as_run counts it
  int runs = 0;
  std::optional<int> pain_max;                  // the day's highest score; none: not recorded
  std::vector<LocationScore> pain_by_location;  // each location's highest, in vocabulary order, none given last
  std::vector<Symptom> symptoms;                // every symptom recorded on the day, sorted, unique
  bool red_flag = false;                        // P1: an entry with a red-flag symptom
  bool serious_cause = false;                   // P2: fever, weight loss, night pain, trauma
  bool nerve = false;                           // P8: a nerve symptom without a red flag
  DayAdvice advice;
  std::vector<std::string> notable;  // why the day stands out, in words; empty for an ordinary day
};

struct ReportWeek {
  WeekSummary summary;
  // L1's weekly budget: advice.weekly_ratio x the mean of the baseline weeks before, when at
  // least advice.min_baseline_weeks of them had running (otherwise L1 cannot judge).
  std::optional<double> budget_metres;
  bool over_budget() const;  // running above the budget (a week so far: already above it)
};

// How often a rule fired over the days of the report.
struct RuleTally {
  std::string rule, name;
  std::string source;     // the rule's sources, as the advice cites them
  int days = 0;           // days it fired (as DayAdvice::fired counts)
  int deciding_days = 0;  // days it set the verdict
};

// Pain at one location over the report's days.
struct LocationTally {
  std::optional<Location> where;
  int days = 0;  // days with a score there
  double mean = 0;
  int max = 0;
  Date max_date;
};

struct ReportNote {
  Date date;
  std::string entry;  // "run easy 10.00 km 55:00", "pain 6/10: lower-back, worse walking"
  std::vector<std::string> tags;
  std::string text;  // as written: escape it for the page
};

// A line of "at a glance": a label and a sentence in plain text; `alarm` for a warning sign
// that was seen (red-flag, serious-cause or nerve symptoms), which the page makes stand out.
struct GlanceLine {
  std::string label, text;
  bool alarm = false;
};

struct Report {
  Date first, last;  // the first week's start; the last week's end or today, whichever is earlier
  Date today;
  std::string journal;
  Settings settings;
  std::vector<ReportWeek> weeks;
  std::vector<ReportDay> days;                  // every day from `first` to `last`
  std::vector<RuleTally> rules;                 // most days first
  std::array<int, 6> verdict_days{};            // by Verdict
  std::vector<LocationTally> locations;         // most days first; fixes each location's colour
  std::vector<ReportNote> notes;                // by date, then as recorded
  std::vector<GlanceLine> glance;
  Insights insights;  // over the whole journal up to the last day (load_report fills it)

  int notable_days() const;
  const ReportDay* day(Date date) const;  // nullptr outside the report
};

// The period `--weeks N` asks for: N weeks ending with the week holding `today`.
Date report_first_week(Date today, int weeks, Weekday week_start);

// The report from weekly summaries of the requested weeks (summarize_weeks with
// advice.baseline_weeks) and a history holding every entry from the start of the advice's
// window for the first day (history_window) to the last day, each list oldest first.
Report make_report(std::vector<WeekSummary> weeks, const History& history, const ReportRequest& request,
                   const Settings& settings);

// Reads what the report needs from the journal: the weekly summaries and the history.
Report load_report(const Journal& journal, const ReportRequest& request, const Settings& settings);

// "pain down the leg", "bladder trouble": a symptom in words a reader outside niggle knows.
std::string symptom_words(Symptom symptom);
// "lower back", or "no location given".
std::string location_words(const std::optional<Location>& where);
// "Tue 24 Nov 2026"
std::string long_day_label(Date day);
// "pain 6/10: lower back, left side, worse walking, morning; tingling"
std::string pain_phrase(const PainEntry& pain);
// "go", "easy run", "cross-train", "rest", "seek care now", "not enough data"
std::string verdict_words(Verdict verdict);
// What a rule checks and what it asks, in a line, with the thresholds in effect.
std::string rule_summary(std::string_view rule, const Settings& settings);

}  // namespace niggle
