// `niggle advise`: should I run today, and how far? Loads the window of history the rules
// need, asks the engine (advice.hpp), and prints the answer; the exit status carries the
// verdict so that scripts need not parse.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/core/advice.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"
#include "niggle/views/insights.hpp"

namespace niggle::cli {
namespace {

struct AdviseOptions {
  std::optional<std::string> date;
  bool json = false;
  bool explain = false;
  bool short_answer = false;
  bool all_suggestions = false;
};

// The columns every paragraph wraps to, set once per command from the terminal (Context::width).
std::size_t line_width = 80;

// A clear finding of `niggle insights` that the last run matches, and its line.
struct InsightLine {
  FactorResult factor;
  std::string message;
};


// Words of `text` in lines of at most line_width columns, each after `indent`.
std::string wrapped(std::string_view text, std::string_view indent) {
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && indent.size() + line.size() + 1 + word.size() > line_width) {
      out += fmt::format("{}{}\n", indent, line);
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    start = end + 1;
  }
  if (!line.empty()) out += fmt::format("{}{}\n", indent, line);
  return out;
}

std::string day_label(Date day) { return fmt::format("{} {}", weekday_short_name(day.weekday()), day.iso()); }

// Each line of `lines` through `colour`, so that no colour spans a line end.
template <typename Colour>
std::string coloured_lines(const std::string& lines, Colour&& colour) {
  std::string out;
  std::size_t start = 0;
  while (start < lines.size()) {
    const std::size_t end = lines.find('\n', start);
    out += colour(lines.substr(start, end == std::string::npos ? std::string::npos : end - start));
    out += '\n';
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// The headline's wrapped lines, each in the verdict's colour (a colour never spans a line end).
std::string coloured_headline(const Advice& advice, const Style& style, const std::string& lines) {
  std::string out;
  std::size_t start = 0;
  while (start < lines.size()) {
    const std::size_t end = lines.find('\n', start);
    const std::string line = lines.substr(start, end - start);
    switch (advice.verdict) {
      case Verdict::urgent: out += style.red(line); break;
      case Verdict::rest:
      case Verdict::cross_train:
      case Verdict::unknown: out += style.bold(style.yellow(line)); break;
      case Verdict::easy:
      case Verdict::go: out += style.bold(style.green(line)); break;
    }
    out += '\n';
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

void print_reasons(std::ostream& out, const Style& style, std::string_view title, const std::vector<Reason>& reasons,
                   bool with_sources) {
  if (reasons.empty()) return;
  out << '\n' << style.bold(std::string{title}) << '\n';
  for (const Reason& r : reasons) {
    out << fmt::format("  {:<4} ", r.rule) << wrapped(r.message, std::string(7, ' ')).substr(7);
    if (with_sources) out << style.dim(wrapped(fmt::format("Source: {}.", r.source), std::string(7, ' ')));
  }
}

std::string km_or_dash(double metres, DistanceUnit unit) { return run_distance_text(metres, unit); }

void print_figures(std::ostream& out, const Style& style, const Advice& advice, const Settings& settings) {
  const AdviceFigures& f = advice.figures;
  const DistanceUnit unit = settings.units;
  out << '\n' << style.bold("Figures:") << '\n';
  out << fmt::format("  {:<22} {:>10} {:>5} {:>5} {:>10}\n", fmt::format("week from {}", weekday_short_name(settings.week_start)),
                     "running", "runs", "hard", "rest days");
  for (std::size_t i = 0; i < f.weeks.size(); ++i) {
    const WeekLoad& w = f.weeks[i];
    const bool current = i + 1 == f.weeks.size();
    const int rest_days = current ? w.rest_days - static_cast<int>(6 - w.start.days_until(advice.day)) : w.rest_days;
    if (!w.known) {
      out << fmt::format("  {:<22} {:>10}\n", w.start.iso(), "before the journal");
      continue;
    }
    out << fmt::format("  {:<22} {:>10} {:>5} {:>5} {:>10}\n",
                       current ? fmt::format("{} (to {})", w.start.iso(), weekday_short_name(advice.day.weekday()))
                               : w.start.iso(),
                       km_or_dash(w.run_metres, unit), w.runs, w.hard_runs, rest_days);
  }
  std::vector<std::string> lines;
  lines.push_back(f.journal_start ? fmt::format("The journal starts on {}{}.", day_label(*f.journal_start),
                                                settings.journal_start ? " (journal_start in the config)" : " (its first entry)")
                                  : std::string{"The journal holds no entry yet."});
  lines.push_back(fmt::format("Baseline: {} a week over {} known weeks ({} with running; {} before the journal, left "
                              "out), {:.1f} hard sessions a week.",
                              run_distance_text(f.baseline.mean_run_metres, unit), f.baseline.weeks,
                              f.baseline.weeks_with_running, f.baseline.unknown_weeks, f.baseline.mean_hard_runs));
  if (f.runs_without_distance_week + f.runs_without_distance_spike + f.baseline.runs_without_distance > 0) {
    lines.push_back(fmt::format("Runs logged by time only, without a distance: {} this week, {} in the {} days before, "
                                "{} in the baseline weeks.",
                                f.runs_without_distance_week, f.runs_without_distance_spike,
                                settings.advice.spike_window_days, f.baseline.runs_without_distance));
  }
  lines.push_back(fmt::format("This week so far: {}; last week: {}; run already today: {}.",
                              run_distance_text(f.week_so_far_metres, unit), run_distance_text(f.last_week_metres, unit),
                              run_distance_text(f.ran_today_metres, unit)));
  if (advice.week_budget_metres) {
    lines.push_back(fmt::format("Week budget: {} ({}), {} left.", advice_distance(*advice.week_budget_metres, unit),
                                advice.budget_rule, advice_distance(advice.week_left_metres.value_or(0), unit)));
  }
  lines.push_back(
      (f.longest_recent_metres
           ? fmt::format("Reference run (L2), the longest single run of the {} days before: {} on {}", settings.advice.spike_window_days,
                         run_distance_text(*f.longest_recent_metres, unit), day_label(*f.longest_recent_day))
           : fmt::format("No run with a distance in the {} days before", settings.advice.spike_window_days)) +
      (f.races_left_out > 0 ? fmt::format("; {} race{} left out", f.races_left_out, f.races_left_out == 1 ? "" : "s")
                            : std::string{"; no race left out"}) +
      (f.longest_day_metres ? fmt::format("; longest day {} on {}", run_distance_text(*f.longest_day_metres, unit),
                                          day_label(*f.longest_day))
                            : std::string{}) +
      (f.spike_window_known ? std::string{"."} : std::string{"; the window reaches before the journal."}));
  if (f.race_day) {
    lines.push_back(fmt::format("Race (L2b): {} on {}, {} easy days after it.", run_distance_text(*f.race_metres, unit),
                                day_label(*f.race_day), f.race_easy_days));
  }
  if (f.comeback_budget_metres) {
    lines.push_back(fmt::format("Comeback (L1b): last run {}; budget {} from {} weeks with running before the break.",
                                day_label(*f.last_run_any), advice_distance(*f.comeback_budget_metres, unit),
                                f.comeback_weeks_found));
  }
  lines.push_back(f.median_run_metres ? fmt::format("Median run of the {} days before (the easy cap): {}.",
                                                    settings.advice.easy_median_days, run_distance_text(*f.median_run_metres, unit))
                                      : fmt::format("No run with a distance in the {} days before: no median run.",
                                                    settings.advice.easy_median_days));
  lines.push_back(fmt::format("Last 7 days: {}; the 28 days before: {} ({} of them in the journal); acute:chronic ratio: {}.",
                              run_distance_text(f.acute_metres, unit), run_distance_text(f.chronic_metres, unit),
                              f.acwr_known_days, f.acwr ? fmt::format("{:.2f}", *f.acwr) : std::string{"none"}));
  lines.push_back(fmt::format("Days in a row with a run before the day: {}; last rest day: {}.", f.run_streak_days,
                              f.last_rest_day ? day_label(*f.last_rest_day) : std::string{"before the journal"}));
  if (f.latest_pain) {
    lines.push_back(fmt::format("Latest pain: {}/10 on {}{}{}.", f.latest_pain->score, day_label(f.latest_pain->meta.date),
                                f.latest_pain->when ? fmt::format(" {}", to_string(*f.latest_pain->when)) : "",
                                f.pain_fresh ? "" : " (too old to judge today by)"));
  } else {
    lines.push_back("Latest pain: none recorded.");
  }
  const auto mean = [](const std::optional<double>& value, int days) {
    return value ? fmt::format("{:.1f} ({} days)", *value, days) : fmt::format("none ({} days)", days);
  };
  lines.push_back(fmt::format("Mean daily pain (each day's highest): last 7 days {}, the 7 before {}.",
                              mean(f.pain_mean_last7, f.pain_days_last7), mean(f.pain_mean_previous7, f.pain_days_previous7)));
  lines.push_back(fmt::format("Days with pain at {}/10 or more: {} of the last {} days with entries.",
                              settings.advice.persistent_pain, f.persistent_painful_days, f.persistent_days_counted));
  for (const std::string& line : lines) out << wrapped(line, "  ");
}

// The day's cap and its week's budget, each with the rule that set it. For another day the
// cap is that day's ("Mon 30 Nov at most 6.2 mi"), and its week "this week" only when it is
// today's week too ("next week", "last week", "the week of Mon 7 Dec:").
void print_caps(std::ostream& out, const Advice& advice, const Settings& settings) {
  const DistanceUnit unit = settings.units;
  const Date today = advice.day.minus_days(advice.days_from_today);
  const Date week = week_start(advice.day, settings.week_start);
  const std::int64_t weeks_away = week_start(today, settings.week_start).days_until(week) / 7;
  const std::string week_name = weeks_away == 0    ? std::string{"this week"}
                                : weeks_away == 1  ? std::string{"next week"}
                                : weeks_away == -1 ? std::string{"last week"}
                                                   : fmt::format("the week of {}:", weekday_day_month(week));
  std::vector<std::string> caps;
  if (advice.max_metres_today && may_run(advice.verdict)) {
    caps.push_back(fmt::format("{} at most {}{}", advice_day_name(advice.day, advice.days_from_today),
                               advice_distance(*advice.max_metres_today, unit),
                               advice.cap_rule.empty() ? "" : fmt::format(" ({})", advice.cap_rule)));
  }
  if (advice.week_budget_metres) {
    caps.push_back(fmt::format("{} {} of {} left{}", week_name, advice_distance(advice.week_left_metres.value_or(0), unit),
                               advice_distance(*advice.week_budget_metres, unit),
                               advice.budget_rule.empty() ? "" : fmt::format(" ({})", advice.budget_rule)));
  }
  if (advice.stop_pain && may_run(advice.verdict)) caps.push_back(fmt::format("stop if pain passes {}/10", *advice.stop_pain));
  if (!caps.empty()) out << wrapped(fmt::format("Caps: {}.", join(caps, "; ")), "");
}

// One line for a prompt, a status bar or a notification: the verdict, the day's cap and the
// rule that decided. The day is named as the headline names it ("today", "on Mon 30 Nov").
std::string short_line(const Advice& advice, DistanceUnit unit) {
  const std::string day_name = advice_day_name(advice.day, advice.days_from_today);
  const std::string when = advice.days_from_today == 0 || advice.days_from_today == 1 ? day_name : "on " + day_name;
  std::string line{verdict_name(advice.verdict)};
  if (!may_run(advice.verdict)) {
    line += advice.verdict == Verdict::unknown ? ": too little data to judge" : ": no running " + when;
  } else if (advice.max_metres_today) {
    line += fmt::format(": at most {} {}", advice_distance(*advice.max_metres_today, unit), when);
  } else {
    line += ": no cap " + when;
  }
  const std::string& rule = !advice.deciding_rule.empty() ? advice.deciding_rule : advice.cap_rule;
  if (!rule.empty()) {
    std::string name;
    for (const Reason& r : advice.reasons)
      if (r.rule == rule) name = r.summary.empty() ? r.name : r.summary;
    line += name.empty() ? fmt::format(" ({})", rule) : fmt::format(" ({}: {})", rule, name);
  }
  return line;
}

void print_human(Context& context, const Advice& advice, const Settings& settings, Date today, bool explain,
                 const std::vector<InsightLine>& insights, bool all_suggestions, const std::vector<GearNotice>& gear) {
  std::ostream& out = context.out;
  const Style style = context.out_style();
  out << coloured_headline(advice, style, wrapped(advice.headline, ""));
  if (advice.verdict != Verdict::urgent && advice.professional_reason) {
    std::string line = *advice.professional_reason;
    line[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(line[0])));
    out << wrapped(line + ".", "");
  }
  if (advice.day > today) {
    const std::int64_t ahead = today.days_until(advice.day);
    out << wrapped(fmt::format("Planning for {}, {} day{} ahead: the history is what is logged up to today; the days "
                               "between count as rest days without pain scores.",
                               day_label(advice.day), ahead, ahead == 1 ? "" : "s"),
                   "");
  } else if (advice.day < today) {
    out << wrapped(fmt::format("As of {}: entries after that day are not counted.", day_label(advice.day)), "");
  }
  // The day's plan against its cap, and a race ahead: what the runner meant to do, weighed.
  if (advice.plan) out << wrapped(advice.plan->message, "");
  if (advice.race) out << wrapped(advice.race->message, "");
  // On a day without running, caps and load figures answer a question nobody asked today:
  // they follow the reasons, under their own heading.
  const bool running_day = may_run(advice.verdict) || advice.verdict == Verdict::unknown;
  std::vector<Reason> why, load, no_data;
  for (const Reason& r : advice.reasons) {
    if (r.status == RuleStatus::no_data) {
      no_data.push_back(r);
    } else if (!running_day && !r.verdict && !r.warning && !r.professional) {
      load.push_back(r);
    } else {
      why.push_back(r);
    }
  }
  if (!explain) {
    // Plain advice keeps to what decides today: a figure that asks nothing waits for --explain.
    std::erase_if(why, [](const Reason& r) { return r.status == RuleStatus::info; });
  }
  print_caps(out, advice, settings);
  print_reasons(out, style, "Why:", why, true);
  if (explain) print_reasons(out, style, "Load, for when you run again:", load, true);
  print_reasons(out, style, "Not checked, for lack of data:", no_data, explain);
  if (explain) print_reasons(out, style, "Checked, nothing to report:", advice.checked, true);
  const bool every = explain || all_suggestions;
  // The engine picks the day's few (three at most), which --json's "suggestions" holds too.
  const std::vector<std::string>& suggestions = every ? advice.all_suggestions : advice.suggestions;
  if (!suggestions.empty()) {
    out << '\n' << style.bold("Suggestions:") << '\n';
    const std::size_t shown = suggestions.size();
    for (const std::string& suggestion : suggestions) out << "  - " << wrapped(suggestion, "    ").substr(4);
    if (!every && advice.all_suggestions.size() > shown) {
      out << style.dim(fmt::format("  ({} more: niggle advise --all-suggestions)\n", advice.all_suggestions.size() - shown));
    }
  }
  if (explain) print_figures(out, style, advice, settings);
  if (!insights.empty()) {
    out << '\n' << style.bold("From your journal:") << '\n';
    for (const InsightLine& line : insights) out << "  - " << wrapped(line.message, "    ").substr(4);
  }
  if (!gear.empty()) out << '\n';
  for (const GearNotice& notice : gear) out << wrapped(describe(notice, settings.units), "");
  out << '\n'
      << coloured_lines(wrapped(advice.verdict == Verdict::urgent
                                    ? "niggle is a journal's aid, not a diagnosis: do not wait to see whether this passes."
                                    : "niggle is a journal's aid, not a diagnosis.",
                                ""),
                        [&](const std::string& line) { return style.dim(line); });
}

// `niggle insights`' clear findings that the last run (on or before the day) matches: one
// line each, "After your long runs, next-morning pain has been 1.8 higher on average (...)".
//
// Only the last 12 months count as occasions: a finding about how this back answers now, and
// a cost that stays the same however many years the journal holds (over the whole of a
// ten-year journal the analysis took longer than the rest of advise together). The entries
// read start earlier by more than any factor looks back (8 weeks for the median run and the
// deadlift weeks, 5 weeks for the L1 budget), so the first occasions are judged in full.
constexpr int kInsightsDays = 365;
constexpr int kInsightsLookbackDays = 120;

std::vector<InsightLine> matching_insights(const Journal& journal, Date day, Date today, const Settings& settings) {
  const Date last = std::min(day, today);
  const Date since = last.minus_days(kInsightsDays - 1);
  JournalEntries entries;
  entries.sessions = journal.sessions_between(since.minus_days(kInsightsLookbackDays), last);
  entries.pain = journal.pain_between(since.minus_days(kInsightsLookbackDays), last);
  const InsightsInput input = entries.input(since, today);
  std::optional<Date> last_run;
  for (const Session& s : entries.sessions)
    if (s.type == ActivityType::run && s.meta.date <= day) last_run = std::max(last_run.value_or(s.meta.date), s.meta.date);
  std::vector<InsightLine> lines;
  if (!last_run) return lines;
  const Insights insights = compute_insights(input, settings);
  const std::vector<std::string> present = factors_on(input, settings, *last_run);
  for (const FactorResult& f : insights.factors) {
    if (!f.significant || *f.difference <= 0) continue;
    if (std::find(present.begin(), present.end(), f.id) == present.end()) continue;
    lines.push_back({f, fmt::format("After your {}, next-morning pain has been {:.1f} higher on average ({:.1f} to {:.1f}; "
                                    "{} occasions in the last 12 months): see `niggle insights --since {}`.",
                                    f.short_label, *f.difference, *f.ci_low, *f.ci_high, f.n_with, since.iso())});
  }
  return lines;
}

ExitCode exit_code_of(Verdict verdict) {
  switch (verdict) {
    case Verdict::go:
    case Verdict::easy: return ExitCode::ok;
    case Verdict::cross_train:
    case Verdict::rest: return ExitCode::advise_no_run;
    case Verdict::urgent: return ExitCode::advise_urgent;
    case Verdict::unknown: return ExitCode::advise_unknown;
  }
  return ExitCode::advise_unknown;
}

}  // namespace

CommandRun setup_advise(CLI::App& command, Context& context) {
  command.description(help_text(
      "Should you run today, and how far? A verdict from your journal's pain scores and running load,\n"
      "today's caps, the rules that decide and at most three suggestions, which vary from day to day;\n"
      "--explain adds every rule, the figures behind them and every suggestion. Text wraps to COLUMNS,\n"
      "else the terminal, else 80.",
      {"niggle advise", "niggle advise --short     (one line, for a prompt or a status bar)", "niggle advise --explain",
       "niggle advise --date tomorrow", "niggle advise --date fri     (the coming Friday)",
       "niggle advise --all-suggestions", "niggle advise --json | jq -r '.verdict, .max_km_today'",
       "niggle advise >/dev/null; case $? in 0) echo run;; 10) echo no run;; 11) echo get care;; esac"},
      "Verdicts: urgent (seek care now), rest, cross-train, easy (within the cap, with a stop rule), go,\n"
      "unknown (too little data). Exit status: 0 go or easy, 10 rest or cross-train, 11 urgent, 12 unknown.\n"
      "--date takes what `log` takes and may be in the future, to plan: a bare weekday (fri) or day of a\n"
      "month (dec 1) is the next one, today included. The history is then what is logged up to today.\n"
      "Weeks before the journal's first entry (or journal_start in the config) are unknown, not weeks\n"
      "without running. Visits (niggle visit) answer the rules that ask for one.\n"
      "A session planned for the day (niggle plan) is named against the day's cap in one line (\"Plan: 16.0 km\n"
      "long run (#4). Today's cap is 11.0 km (L2): run 11.0 km, or move the long run.\"), and a race in the next\n"
      "16 weeks with the weeks left; a plan or a race never raises a cap. --json: planned_km, plan_id, plan, race.\n"
      "niggle is a journal's aid, not a diagnosis."));
  auto options = std::make_shared<AdviseOptions>();
  command.add_option("-d,--date", options->date, "the day to advise on (default today; may be in the future)");
  command.add_flag("--json", options->json, "print one JSON document (distances in km)");
  command.add_flag("--explain", options->explain,
                   "add the figures behind every rule, the rules that found nothing, and every suggestion");
  auto* short_flag = command.add_flag("-s,--short", options->short_answer,
                                      "one line: the verdict, today's cap and the rule that decided");
  short_flag->excludes("--explain");
  command.add_flag("--all-suggestions", options->all_suggestions,
                   "every suggestion that fits today, not only today's few (they vary from day to day)");

  return [options, &context]() {
    const Settings& settings = context.config();
    const Date today = context.today();
    const Date day = options->date ? parse_date(*options->date, today, DateDirection::future) : today;
    const DateRange window = history_window(day, settings);
    Journal& journal = context.journal(Journal::Access::read);
    History history;
    history.sessions = journal.sessions_between(window.first, window.last);
    history.pain = journal.pain_between(window.first, window.last);
    history.visits = journal.visits_between(window.first, window.last);
    history.plans = journal.plans_between(day, day.plus_days(kRaceHorizonDays));
    history.first_entry = journal.first_entry_day();
    // A severe or high score does not expire by silence (P3c, P5): without a pain entry in
    // the window, the last day with one is read too, however long ago.
    if (history.pain.empty()) {
      if (const auto last = journal.last_pain_day(window.first.minus_days(1))) history.pain = journal.pain_between(*last, *last);
    }
    const Advice advice = advise(history, day, settings, today.days_until(day));
    line_width = context.width();
    // With a red flag, the advice says only to get care now (ADVICE-RULES.md P1).
    const std::vector<InsightLine> insights =
        advice.verdict == Verdict::urgent ? std::vector<InsightLine>{} : matching_insights(journal, day, today, settings);
    // Shoes near the end of their life: one line each, beside the advice and not part of it.
    std::vector<GearNotice> gear;
    if (advice.verdict != Verdict::urgent && journal.exists()) {
      // Only for an item with a retirement distance: the sums read every session with gear.
      const std::vector<GearItem> items = journal.gear();
      if (watches_retirement(items)) gear = gear_near_retirement(items, gear_usage(items, journal.gear_totals()));
    }
    if (options->short_answer && !options->json) {
      context.out << short_line(advice, settings.units) << '\n';
    } else if (options->json) {
      Json json = advice_json(advice, options->explain);
      Json notices = Json::array();
      for (const GearNotice& notice : gear) {
        Json item = json_object(4);
        item["name"] = notice.item.name;
        item["distance_km"] = json_km(notice.usage.metres);
        item["retire_at_km"] = json_km(*notice.item.retire_at_metres);
        item["km_to_retirement"] = json_km(notice.metres_left);
        notices.push_back(std::move(item));
      }
      json["gear_near_retirement"] = std::move(notices);
      // As the text: every suggestion with --all-suggestions too, not only with --explain.
      if (options->all_suggestions) json["suggestions"] = advice.all_suggestions;
      Json found = Json::array();
      for (const InsightLine& line : insights) {
        Json item = json_object(5);
        item["factor"] = line.factor.id;
        item["difference"] = std::round(*line.factor.difference * 100) / 100;
        item["ci_low"] = std::round(*line.factor.ci_low * 100) / 100;
        item["ci_high"] = std::round(*line.factor.ci_high * 100) / 100;
        item["message"] = line.message;
        found.push_back(std::move(item));
      }
      json["insights"] = std::move(found);
      json["days_ahead"] = today.days_until(day);
      json["message_units"] = std::string{unit_name(settings.units)};
      context.out << json.dump(2) << '\n';
    } else {
      print_human(context, advice, settings, today, options->explain, insights, options->all_suggestions, gear);
    }
    return exit_code_of(advice.verdict);
  };
}

}  // namespace niggle::cli
