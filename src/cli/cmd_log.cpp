// `niggle log`: record a run or another session.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"

namespace niggle::cli {
namespace {

struct LogOptions {
  SessionInput input;
  bool json = false;
};

}  // namespace

CommandRun setup_log(CLI::App& command, Context& context) {
  command.description(help_text(
      "Record a run or another session: a distance, a duration, or both.",
      {"niggle log 5k 27:30", "niggle log 10mi 1:25:00 --kind long",
       "niggle log 2.6mi --planned 10mi --note \"stopped at 2.6: back\"",
       "niggle log 40min --type strength --note \"core and stretching\"",
       "niggle log 800m --date yesterday --kind intervals --rpe 8", "niggle log 5 km 30 min --tag treadmill --json"},
      "Distances: 5k, 5km, 5.2km, 3.1mi, 800m (a lone m is metres), 400yd, or a bare number in your unit.\n"
      "Durations: 45:30, 1:05:00, 1h5m, 1h30, 45min, 2700s.\n"
      "Dates: 2026-11-24, today, yesterday, a weekday (mon: the most recent one), -3d, -1w."));
  auto options = std::make_shared<LogOptions>();
  SessionInput& in = options->input;
  command.add_option("quantity", in.quantities, "distance and/or duration: 5k, 3.1mi, 800m, 45:30, 1h5m, 45min");
  command.add_option("-t,--type", in.type, "run (default), walk, hike, bike, swim, elliptical, strength, other");
  command.add_option("-k,--kind", in.kind, "intensity: easy, long, tempo, intervals, hills, race");
  command.add_option("--rpe", in.rpe, "perceived effort, 1 (very easy) to 10 (maximal)");
  command.add_option("-d,--date", in.date, "the day of the session (default today)");
  command.add_option("-n,--note", in.note, "a note, up to 64 KiB of text; - reads it from standard input");
  command.add_option("--tag", in.tags, "a tag; repeat or separate with commas")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_option("--planned", in.planned, "the distance that was planned, e.g. 10mi");
  command.add_flag("--json", options->json, "print the stored entry as JSON");

  return [options, &context]() {
    const Settings& settings = context.config();
    read_note_from_stdin_if_asked(options->input.note);
    const Session session = make_session(options->input, settings.units, settings.default_type, context.today());
    const Session stored = context.journal(Journal::Access::write).add(session);
    if (options->json) {
      context.out << to_json(stored).dump(2) << '\n';
    } else {
      context.out << "Logged " << describe(stored, settings.units) << '\n';
      print_note(context, stored.meta);
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
