// `niggle remind`: for cron. Silent with status 0 when everything is recorded; otherwise
// a short reminder on stdout (which cron mails) and status 20.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/core/format.hpp"

namespace niggle::cli {
namespace {

struct RemindOptions {
  std::optional<int> run_days;
  bool quiet = false;
};

std::string day_label(Date day) { return fmt::format("{} {}", weekday_short_name(day.weekday()), day.iso()); }

}  // namespace

CommandRun setup_remind(CLI::App& command, Context& context) {
  command.description(help_text(
      "Remind when today's pain score is missing (and, with --run-days N, when no session was logged in\n"
      "the last N days). Prints nothing and exits 0 when all is recorded; otherwise prints the reminder\n"
      "and exits 20. Cron mails any output, so one crontab line is enough.",
      {"niggle remind", "niggle remind --run-days 3", "0 21 * * * niggle remind     (crontab: every evening at 9)",
       "msg=$(niggle remind) || notify-send niggle \"$msg\"     (a desktop notification)"},
      "Exit status: 0 all recorded, 20 something is missing, and the usual error codes."));
  auto options = std::make_shared<RemindOptions>();
  command.add_option("--run-days", options->run_days, "also remind when no session was logged in the last N days (today included)");
  command.add_flag("-q,--quiet", options->quiet, "print nothing; the exit status says it");

  return [options, &context]() {
    if (options->run_days && (*options->run_days < 1 || *options->run_days > 3650)) {
      throw ValueError(fmt::format("--run-days {} is out of range; give a number of days from 1 to 3650", *options->run_days));
    }
    const Date today = context.today();
    const Settings& settings = context.config();
    Journal& journal = context.journal(Journal::Access::read);
    std::vector<std::string> reminders;
    if (journal.pain_between(today, today).empty()) {
      reminders.push_back(fmt::format("No pain score recorded today ({}). Record one: niggle pain SCORE", day_label(today)));
    }
    if (options->run_days) {
      const int days = *options->run_days;
      if (journal.sessions_between(today.minus_days(days - 1), today).empty()) {
        EntryQuery last_query;
        last_query.kind = EntryKind::session;
        last_query.until = today;
        last_query.limit = 1;
        const auto last = journal.list(last_query);
        const std::string span = days == 1 ? "today" : fmt::format("in the last {} days", days);
        const std::string last_text =
            last.empty() ? "none yet" : fmt::format("the last: {}", describe(last.front(), settings.units));
        reminders.push_back(fmt::format("No session logged {} ({}). Log one: niggle log DISTANCE DURATION", span, last_text));
      }
    }
    if (reminders.empty()) return ExitCode::ok;
    if (!options->quiet)
      for (const std::string& line : reminders) context.out << line << '\n';
    return ExitCode::reminder_due;
  };
}

}  // namespace niggle::cli
