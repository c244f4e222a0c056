// `niggle week`: a week's runs, rest days and pain, or many weeks with a chart.
#include <algorithm>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/store/day_totals.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/summary.hpp"
#include "niggle/core/text.hpp"
#include "niggle/views/week_report.hpp"

namespace niggle::cli {
namespace {

// A hundred years of weeks: far more than any journal, small enough to stay instant.
constexpr int kMaxWeeks = 5200;

struct WeekOptions {
  std::optional<std::string> date, week, weeks;
  std::vector<std::string> tags;
  bool json = false, csv = false, tsv = false, markdown = false, ascii = false;
};

int parse_weeks(std::string_view text) {
  const std::string_view digits = trim(text);
  const auto fail = [&] {
    return ValueError(fmt::format("--weeks '{}' is not understood; give a whole number of weeks from 1 to {}, such as 12",
                                  printable(text), kMaxWeeks));
  };
  if (digits.empty() || digits.size() > 6) throw fail();
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') throw fail();
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > kMaxWeeks) throw fail();
  return value;
}

// The first day of the week asked for: --week, or the week holding --date, or this week.
Date chosen_week(const WeekOptions& options, Weekday first_day, Date today) {
  if (options.week) return week_from_label(*options.week, first_day);
  if (options.date) return week_start(parse_date(*options.date, today), first_day);
  return week_start(today, first_day);
}

}  // namespace

CommandRun setup_week(CLI::App& command, Context& context) {
  command.description(help_text(
      "Summarise a week: each day's sessions, rest days and highest pain, the totals, and the change against\n"
      "the week before and against the mean of the complete weeks before (4, advice.baseline_weeks).\n"
      "With --weeks N, a row per week and a chart of running per week with pain beside it.",
      {"niggle week", "niggle week --date yesterday --units mi", "niggle week --week 2026-W47",
       "niggle week --weeks 12", "niggle week --weeks 52 --csv > year.csv",
       "niggle week --json | jq '.run_km, .change_vs_4wk_pct'", "niggle week --weeks 8 --markdown", "niggle week --weeks 12 --tag treadmill"},
      "Weeks start on the configured week_start (monday: ISO weeks; or sunday, labelled with the ISO week\n"
      "of the Monday inside them). Running counts; a rest day is a day without a run. A day without a pain\n"
      "entry is not recorded, never 0. The week holding today is summarised so far, and said to be.\n"
      "With --tag, only the entries that carry the tag count (and baselines are of those entries).\n"
      "JSON, CSV and TSV give distances in kilometres whatever --units says."));
  auto options = std::make_shared<WeekOptions>();
  auto* date = command.add_option("-d,--date", options->date, "the week holding this day (default today)");
  auto* week = command.add_option("--week", options->week, "an ISO week label, such as 2026-W47");
  date->excludes(week);
  command.add_option("--weeks", options->weeks, "N weeks ending with that week: a row per week and a chart");
  auto* json = command.add_flag("--json", options->json, "print one JSON document (distances in km)");
  auto* csv = command.add_flag("--csv", options->csv, "print CSV: a header, then a row per day (per week with --weeks)");
  auto* tsv = command.add_flag("--tsv", options->tsv, "print TSV, as --csv");
  auto* markdown = command.add_flag("--markdown,--md", options->markdown, "print Markdown, for notes");
  json->excludes(csv)->excludes(tsv)->excludes(markdown);
  csv->excludes(tsv)->excludes(markdown);
  tsv->excludes(markdown);
  command.add_flag("--ascii", options->ascii, "draw the chart in plain ASCII");
  command.add_option("--tag", options->tags, "only entries with this tag; repeat for entries with all of them")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');

  return [options, &context]() {
    const Settings& settings = context.config();
    const Date today = context.today();
    const int count = options->weeks ? parse_weeks(*options->weeks) : 1;
    const Date last_start = chosen_week(*options, settings.week_start, today);
    if (last_start > today) {
      throw ValueError(fmt::format("week {} ({} to {}) has not begun yet (today is {}); niggle summarises what happened",
                                   week_label(last_start), last_start.iso(), last_start.plus_days(6).iso(), today.iso()));
    }
    const Date first_start = last_start.minus_days(7 * static_cast<std::int64_t>(count - 1));
    const Journal& journal = context.journal(Journal::Access::read);
    const std::vector<std::string> tags = parse_tags(options->tags);
    const std::vector<WeekSummary> weeks =
        summarize_journal(journal, first_start, count, today, settings.advice.baseline_weeks,
                          settings.journal_start ? settings.journal_start : journal.first_entry_day(), tags);

    ReportStyle style;
    style.unit = settings.units;
    style.week_start = settings.week_start;
    style.style = context.out_style();
    style.glyphs = options->ascii ? Glyphs::ascii : glyphs_for(context.env);
    style.mild_pain = settings.advice.mild_pain;
    style.moderate_pain = settings.advice.easy_pain_max;
    style.min_baseline_weeks = settings.advice.min_baseline_weeks;

    std::ostream& out = context.out;
    if (options->weeks) {
      if (options->json) out << weeks_json(weeks, settings.week_start).dump(2) << '\n';
      else if (options->csv) out << weeks_table(weeks, Delimited::csv);
      else if (options->tsv) out << weeks_table(weeks, Delimited::tsv);
      else if (options->markdown) out << weeks_markdown(weeks, style);
      else out << weeks_text(weeks, style);
    } else {
      const WeekSummary& summary = weeks.front();
      std::vector<Session> sessions = journal.sessions_between(summary.start, std::min(summary.end, today));
      std::erase_if(sessions, [&](const Session& session) { return !carries_tags(session.meta, tags); });
      if (options->json) out << week_json(summary, sessions, settings.week_start).dump(2) << '\n';
      else if (options->csv) out << week_days_table(summary, sessions, Delimited::csv);
      else if (options->tsv) out << week_days_table(summary, sessions, Delimited::tsv);
      else if (options->markdown) out << week_markdown(summary, sessions, style);
      else out << week_text(summary, sessions, style);
    }
    const bool text = !options->json && !options->csv && !options->tsv && !options->markdown;
    // empty(), not a count: counting a million entries tripled the time of `week` (BENCHMARKS.md).
    if (text && journal.empty()) {
      out << "\nThe journal is empty. Record a run with 'niggle log 5k 27:30' and a pain score with 'niggle pain 2'.\n";
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
