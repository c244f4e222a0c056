// `niggle summary`: months or years, each with its running, other sessions, rest and pain.
#include <algorithm>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/summary.hpp"
#include "niggle/core/text.hpp"
#include "niggle/store/day_totals.hpp"
#include "niggle/views/period_report.hpp"

namespace niggle::cli {
namespace {

struct SummaryOptions {
  std::string by = "month";
  std::optional<std::string> since, until;
  std::vector<std::string> tags;
  bool json = false, csv = false, tsv = false, markdown = false, ascii = false;
};

// A hundred years of days: more than any journal holds, and still instant to sum.
constexpr std::int64_t kMaxDays = 36525;

}  // namespace

CommandRun setup_summary(CLI::App& command, Context& context) {
  command.description(help_text(
      "Months or years at a glance: per period, the running (distance, sessions and time) with a bar, the\n"
      "running days and rest days, the days with a pain score and the mean of each such day's highest\n"
      "score, and the other sessions by type.",
      {"niggle summary", "niggle summary --by year", "niggle summary --since 2026-01-01 --until \"dec 31\"",
       "niggle summary --by month --csv > months.csv", "niggle summary --tag treadmill", "niggle summary --json | jq '.periods[-1].run_km'"},
      "By default the last 12 months from the journal's first (with --by year: every year since the first\n"
      "entry); days before the journal (its first entry, or journal_start in the config) are unknown, not\n"
      "rest days, and are not counted. --since and\n"
      "--until take the dates --date does and are inclusive; a period is counted over the days in that\n"
      "range up to today. A rest day is a day without a run. With --tag, only the entries that carry\n"
      "the tag count (a day without such a run is then a rest day). JSON, CSV and TSV give km."));
  auto options = std::make_shared<SummaryOptions>();
  command.add_option("--by", options->by, "month (default) or year");
  command.add_option("--since", options->since, "from this day (default: 12 months back, or the first entry)");
  command.add_option("--until", options->until, "up to this day (default today)");
  command.add_option("--tag", options->tags, "only entries with this tag; repeat for entries with all of them")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  auto* json = command.add_flag("--json", options->json, "print one JSON document (distances in km)");
  auto* csv = command.add_flag("--csv", options->csv, "print CSV: a header, then a row per period");
  auto* tsv = command.add_flag("--tsv", options->tsv, "print TSV, as --csv");
  auto* markdown = command.add_flag("--markdown,--md", options->markdown, "print a Markdown table, for notes");
  json->excludes(csv)->excludes(tsv)->excludes(markdown);
  csv->excludes(tsv)->excludes(markdown);
  tsv->excludes(markdown);
  command.add_flag("--ascii", options->ascii, "draw the bars in plain ASCII");

  return [options, &context]() {
    const std::string by = ascii_lower(trim(options->by));
    if (by != "month" && by != "year" && by != "months" && by != "years") {
      throw ValueError(fmt::format("--by '{}' is not understood; accepted: month, year", printable(options->by)));
    }
    const Period period = by.starts_with("month") ? Period::month : Period::year;
    const Settings& settings = context.config();
    const Date today = context.today();
    const Journal& journal = context.journal(Journal::Access::read);
    const Date until = options->until ? parse_date(*options->until, today) : today;
    const std::optional<Date> journal_start = settings.journal_start ? settings.journal_start : journal.first_entry_day();
    Date since;
    if (options->since) {
      since = parse_date(*options->since, today);
    } else if (period == Period::month) {
      const Date this_month = period_start(std::min(until, today), Period::month);
      const int months_back = 11;
      const int index = this_month.year() * 12 + static_cast<int>(this_month.month()) - 1 - months_back;
      since = *Date::from_ymd(index / 12, static_cast<unsigned>(index % 12) + 1, 1);
      // Months before the journal's are not shown: they are unknown, not months of rest.
      if (journal_start && period_start(*journal_start, Period::month) > since &&
          period_start(*journal_start, Period::month) <= until) {
        since = period_start(*journal_start, Period::month);
      }
    } else {
      since = period_start(journal.first_entry_day().value_or(std::min(until, today)), Period::year);
    }
    if (since > until) {
      throw ValueError(fmt::format("--since {} is after --until {}; nothing could match", since.iso(), until.iso()));
    }
    if (since.days_until(until) >= kMaxDays) {
      throw ValueError(fmt::format("{} to {} is more than a hundred years; give a later --since", since.iso(),
                                   until.iso()));
    }
    const Date last_counted = std::min(until, today);
    const std::vector<DayTotals> days =
        since <= last_counted ? day_totals(journal, since, last_counted, parse_tags(options->tags))
                              : std::vector<DayTotals>{};
    const std::vector<PeriodSummary> periods = summarize_periods(days, period, since, until, today, journal_start);

    ReportStyle style;
    style.unit = settings.units;
    style.week_start = settings.week_start;
    style.style = context.out_style();
    style.glyphs = options->ascii ? Glyphs::ascii : glyphs_for(context.env);
    std::ostream& out = context.out;
    if (options->json) out << periods_json(periods, period).dump(2) << '\n';
    else if (options->csv) out << periods_table(periods, period, Delimited::csv);
    else if (options->tsv) out << periods_table(periods, period, Delimited::tsv);
    else if (options->markdown) out << periods_markdown(periods, period, style);
    else out << periods_text(periods, period, style);
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
