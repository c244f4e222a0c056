// `niggle log`: record a run or another session.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct LogOptions {
  SessionInput input;
  std::optional<std::string> gear;
  std::optional<std::int64_t> plan;
  bool json = false;
  bool force = false;
};

// The plan `log --plan ID` names; its day and type become the session's unless given.
Plan chosen_plan(Context& context, std::int64_t id, SessionInput& input) {
  Journal& journal = existing_journal(context, fmt::format("no plan #{}", id));
  const std::optional<Entry> entry = journal.find(id);
  const Plan* plan = entry ? std::get_if<Plan>(&*entry) : nullptr;
  if (!plan) {
    throw NotFoundError(fmt::format("#{} is {}; `niggle plan --since DAY` lists the planned sessions and their ids", id,
                                    entry ? "not a planned session" : "not in the journal"));
  }
  if (!input.date) input.date = plan->meta.date.iso();
  if (!input.type) input.type = std::string{to_string(plan->type)};
  return *plan;
}

// A session carries out the plan only on the plan's day and as its type.
void carry_out(Session& session, const Plan& plan) {
  if (session.meta.date != plan.meta.date) {
    throw ValueError(fmt::format("plan #{} is for {}, not {}; log the session on the plan's day (leave out --date), or "
                                 "move the plan with `niggle plan edit {} --day DAY`",
                                 plan.meta.id, plan.meta.date.iso(), session.meta.date.iso(), plan.meta.id));
  }
  if (session.type != plan.type) {
    throw ValueError(fmt::format("plan #{} is a {}, and a {} does not carry it out; leave out --type, or change the "
                                 "plan with `niggle plan edit {} --type {}`",
                                 plan.meta.id, to_string(plan.type), to_string(session.type), plan.meta.id,
                                 to_string(session.type)));
  }
  session.plan_uuid = plan.meta.uuid;
}

}  // namespace

CommandRun setup_log(CLI::App& command, Context& context) {
  command.description(help_text(
      "Record a run or another session: a distance, a duration, or both.",
      {"niggle log 5k 27:30", "niggle log 10mi 1:25:00 --kind long",
       "niggle log 2.6mi --planned 10mi --note \"stopped at 2.6: back\"",
       "niggle log 40min --type strength --note \"core and stretching\"",
       "niggle log 45min --type strength --lift deadlift:3x5@60kg --lift goblet-squat:3x10@16kg --lift plank:3x1",
       "niggle log 800m --date yesterday --kind intervals --rpe 8", "niggle log 8k 45:00 --date \"last sat\"",
       "niggle log 5 km 30 min --tag treadmill --json",
       "niggle log 10k 55:00 --gear \"pegasus 40\"     (gear named without regard to case)",
       "niggle log 12k --plan 31     (carries out plan #31, on its day; see niggle plan)"},
      "Distances: 5k, 5km, 5.2km, 3.1mi, 800m (a lone m is metres), 400yd, or a bare number in your unit.\n"
      "Durations: 45:30, 1:05:00, 1h5m, 1h30, 45min, 2700s.\n"
      "Dates: 2026-11-24, 2026-11-9, today, yesterday, \"2 days ago\", \"last mon\", a weekday (mon: the most\n"
      "recent one, today included), \"nov 9\", \"9 nov\", 2026-W47 (its Monday), -3d, -1w.\n"
      "A run faster than 2:30 /km or slower than 30:00 /km, a walk or hike faster than 5:00 /km and a ride\n"
      "over 80 km/h are refused as likely slips (1:05 is a minute and five seconds; an hour and five\n"
      "minutes is 1:05:00 or 1h05) unless --force; the limits are the config's [log] keys.\n"
      "A session like one already logged that day (same type, distance within 3%) is logged with a warning.\n"
      "Exercises (--lift, strength sessions): EXERCISE:SETSxREPS[@LOAD], the load in kg or lb, such as\n"
      "deadlift:3x5@60kg or row:4x8@45lb; repeat --lift for each exercise. `niggle insights` checks whether\n"
      "heavy deadlifts come at least once a week.\n"
      "Gear (--gear, `niggle gear`): a session names an item of the journal's gear; with no --gear it takes its\n"
      "type's default item, if one is set, and --gear \"\" records none. A session that takes an item past its\n"
      "retirement distance gets a warning.\n"
      "Plans (--plan, `niggle plan`): a session carries out a planned session of its type on its day; of two\n"
      "plans of one type that day, the first made is matched first. --plan ID chooses the plan: the session\n"
      "takes the plan's day and type unless --date or --type says otherwise, and must agree with them."));
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
  command.add_option("--lift", in.lifts, "a strength exercise, EXERCISE:SETSxREPS[@LOAD], e.g. deadlift:3x5@60kg; repeat")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command.add_option("-p,--plan", options->plan, "the planned session it carries out, by id (niggle plan lists them)")
      ->check(CLI::PositiveNumber);
  command.add_option("-g,--gear", options->gear, "the gear it was done in, as `niggle gear` lists it; \"\" for none");
  command.add_flag("--json", options->json, "print the stored entry as JSON");
  command.add_flag("-f,--force", options->force, "log a pace or speed beyond belief as typed (see below)");

  return [options, &context]() {
    const Settings& settings = context.config();
    read_note_from_stdin_if_asked(options->input.note);
    std::optional<Plan> plan;
    if (options->plan) plan = chosen_plan(context, *options->plan, options->input);
    Session session = make_session(options->input, settings.units, settings.default_type, context.today());
    if (plan) carry_out(session, *plan);
    if (!options->force) check_plausible(session, settings.log, options->input.quantities, settings.units);
    // A named item must exist: a journal is not created for a session that is refused.
    const bool names_gear = options->gear && !trim(*options->gear).empty();
    if (names_gear) parse_gear_name(*options->gear);
    Journal& journal = names_gear ? existing_journal(context, fmt::format("no gear is named '{}'", printable(*options->gear)))
                                  : context.journal(Journal::Access::write);
    choose_gear(journal, session, options->gear, true);
    const Session stored = journal.add(session);
    const std::vector<Session> same_day = journal.sessions_between(stored.meta.date, stored.meta.date);
    if (const Session* earlier = likely_duplicate(stored, same_day)) {
      std::string what = describe(*earlier, settings.units);
      what.erase(0, what.find(' ') + 1);  // the id is said already
      context.warn(fmt::format("looks like #{} logged again ({}); niggle undo removes this one", earlier->meta.id, what));
    }
    if (options->json) {
      context.out << to_json(stored).dump(2) << '\n';
    } else {
      context.out << "Logged " << describe(stored, settings.units) << '\n';
      print_note(context, stored.meta);
    }
    if (stored.gear) warn_about_retirement(context, journal, stored, gear_metres(journal, *stored.gear) - stored.metres.value_or(0));
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
