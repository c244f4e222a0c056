// `niggle insights`: what goes with a worse next morning in this runner's own journal. The
// arithmetic is the core's (insights.hpp); this reads the journal and prints the answer.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/views/insights.hpp"

namespace niggle::cli {
namespace {

struct InsightsOptions {
  std::optional<std::string> since;
  bool json = false;
};

}  // namespace

CommandRun setup_insights(CLI::App& command, Context& context) {
  command.description(help_text(
      "What goes with a worse next morning? For each factor (long runs, each --kind, a run over the L2\n"
      "reference, a week over the L1 budget, two run days in a row, strength work in the 7 days before,\n"
      "walking, short sleep, each tag and exercise used on 5 days or more), the next-morning pain after\n"
      "days with it against days without it, with a 95% interval and how sure it is.",
      {"niggle insights", "niggle insights --since 2026-06-01", "niggle insights --since -12w",
       "niggle insights --json | jq -r '.factors[] | select(.significant) | .factor'"},
      "Next-morning pain is the day after's first entry marked --when morning, or else its first entry;\n"
      "days whose next day has no pain entry are left out. The interval and p-value come from Welch's t test;\n"
      "Holm's adjustment across the factors tested keeps noise from passing as a pattern, and a finding needs\n"
      "5 occasions on each side (advice.insights_min_occasions). --since counts occasions from that day on;\n"
      "the weeks before it still set the medians and budgets. These are associations in one person's\n"
      "journal, not causes."));
  auto options = std::make_shared<InsightsOptions>();
  command.add_option("--since", options->since, "count days from this one on (a date, -12w, mon...)");
  command.add_flag("--json", options->json, "print one JSON document, an object per factor");

  return [options, &context]() {
    const Settings& settings = context.config();
    const Date today = context.today();
    std::optional<Date> since;
    if (options->since) {
      since = parse_date(*options->since, today);
      if (*since >= today) {
        throw ValueError(fmt::format("--since {} leaves no day with a next morning (today is {}); give an earlier day",
                                     since->iso(), today.iso()));
      }
    }
    const Journal& journal = context.journal(Journal::Access::read);
    const JournalEntries entries = read_all_entries(journal, today);
    const Insights insights = compute_insights(entries.input(since, today), settings);
    if (options->json) context.out << insights_json(insights).dump(2) << '\n';
    else context.out << insights_text(insights);
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
