// `niggle plan`: sessions entered ahead of time (a race among them), listed from today on,
// changed and removed. Plans are entries of their own kind: exported, merged and undone like
// any other, never counted as load; `week` and `advise` weigh what happened against them.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct PlanOptions {
  // niggle plan (the list)
  std::optional<std::string> since, until;
  bool json = false;
  // plan add / plan edit
  PlanInput input, changes;  // plan add's values, plan edit's
  std::string id;
  std::optional<std::string> day;
  bool add_json = false, edit_json = false;
  // plan rm
  std::vector<std::string> ids;
};

const Plan& as_plan(const std::optional<Entry>& entry, std::int64_t id, DistanceUnit unit, std::string_view what) {
  if (!entry) throw NotFoundError(fmt::format("no entry has id #{}; `niggle plan` lists the planned sessions", id));
  if (const auto* plan = std::get_if<Plan>(&*entry)) return *plan;
  throw NotFoundError(fmt::format("#{} is not a planned session ({}); {}", id, describe(*entry, unit), what));
}

void print_plans(Context& context, const std::vector<Plan>& plans, bool json) {
  const Settings& settings = context.config();
  if (json) {
    Json array = Json::array();
    for (const Plan& plan : plans) array.push_back(to_json(plan));
    context.out << array.dump(2) << '\n';
    return;
  }
  for (const Plan& plan : plans) {
    context.out << describe(plan, settings.units) << '\n';
    print_note(context, plan.meta);
  }
}

ExitCode list_plans(Context& context, const PlanOptions& options) {
  const Date today = context.today();
  const Date since = options.since ? parse_date(*options.since, today) : today;
  const Date until = options.until ? parse_date(*options.until, today) : *Date::from_ymd(9999, 12, 31);
  if (since > until) {
    throw ValueError(fmt::format("--since {} is after --until {}; nothing could match", since.iso(), until.iso()));
  }
  Journal& journal = context.journal(Journal::Access::read);
  const std::vector<Plan> plans = journal.plans_between(since, until);
  if (plans.empty() && !options.json) {
    context.err << fmt::format("niggle: nothing is planned {}; add a session with: niggle plan add saturday 16k --kind long\n",
                               options.since || options.until ? "in those days" : "from today on");
  }
  print_plans(context, plans, options.json);
  return ExitCode::ok;
}

}  // namespace

CommandRun setup_plan(CLI::App& command, Context& context) {
  command.description(help_text(
      "Plan sessions ahead of time, races among them, and list what is planned from today on.",
      {"niggle plan add saturday 16k --kind long", "niggle plan add 2027-03-14 50k --kind race --note \"the 50k\"",
       "niggle plan add +1d 40min --type strength", "niggle plan", "niggle plan --since mon --until +6d --json",
       "niggle plan edit 31 18k", "niggle plan rm 31"},
      "A plan is carried out by a session of its type logged on its day (a planned run by a run, not by a walk);\n"
      "of two plans of one type on a day, the first made takes the first session logged. A planned day that passes\n"
      "without one is skipped. `niggle week` shows planned, done and skipped, `niggle advise` today's plan against\n"
      "today's cap, which a plan or a race never raises. Plans are never training load. A session's own --planned\n"
      "distance (niggle log --planned) is a plan made on the day; when a plan entry is matched to the session, the\n"
      "plan entry's distance counts and the session's --planned does not, so nothing is counted twice.\n"
      "`niggle undo` reverts plan add, edit and rm like any other change."));
  auto options = std::make_shared<PlanOptions>();
  command.add_option("--since", options->since, "list plans on or after this day (default today)");
  command.add_option("--until", options->until, "list plans on or before this day");
  command.add_flag("--json", options->json, "print a JSON array of the plans' records");

  CLI::App* add = command.add_subcommand("add", "plan a session on a day");
  add->add_option("day", options->input.day, "the day: 2026-12-05, saturday (the next one), tomorrow, +3d")->required();
  add->add_option("quantities", options->input.quantities, "a distance and/or a duration: 16k, 1:40:00, 10mi");
  add->add_option("-t,--type", options->input.type, "run (default), walk, hike, bike, swim, elliptical, strength, other");
  add->add_option("-k,--kind", options->input.kind, "easy, long, tempo, intervals, hills, race");
  add->add_option("-n,--note", options->input.note, "a note, up to 64 KiB of text; - reads it from standard input");
  add->add_option("--tag", options->input.tags, "a tag; repeat or separate with commas")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  add->add_flag("--json", options->add_json, "print the stored plan as JSON");

  CLI::App* edit = command.add_subcommand("edit", "change a planned session");
  edit->add_option("id", options->id, "the plan's number, as `niggle plan` shows it")->required();
  edit->add_option("quantities", options->changes.quantities, "a new distance and/or duration");
  edit->add_option("--day", options->day, "move it to this day");
  edit->add_option("-t,--type", options->changes.type, "a new type");
  edit->add_option("-k,--kind", options->changes.kind, "a new kind; \"\" clears it");
  edit->add_option("-n,--note", options->changes.note, "a new note; \"\" clears it");
  edit->add_option("--tag", options->changes.tags, "the tags, replacing the old ones; \"\" clears them")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  edit->add_flag("--json", options->edit_json, "print the plan as stored, as JSON");

  CLI::App* rm = command.add_subcommand("rm", "remove planned sessions (niggle undo brings them back)");
  rm->add_option("ids", options->ids, "the plans' numbers")->required();

  return [options, &context, add, edit, rm]() {
    const Settings& settings = context.config();
    if (add->parsed()) {
      read_note_from_stdin_if_asked(options->input.note);
      const Plan plan = make_plan(options->input, settings.units, settings.default_type, context.today());
      const Plan stored = context.journal(Journal::Access::write).add(plan);
      if (options->add_json) {
        context.out << to_json(stored).dump(2) << '\n';
      } else {
        context.out << "Planned " << describe(stored, settings.units) << '\n';
        print_note(context, stored.meta);
      }
      return ExitCode::ok;
    }
    if (edit->parsed()) {
      const std::int64_t id = parse_entry_id(options->id);
      if (options->day) {
        if (trim(*options->day).empty()) throw ValueError("--day cannot be empty; a planned session has a day");
        options->changes.day = *options->day;
      }
      read_note_from_stdin_if_asked(options->changes.note);
      Journal& journal = existing_journal(context, fmt::format("no entry has id #{}", id));
      const std::optional<Entry> found = journal.find(id);  // kept alive: `plan` refers into it
      const Plan& plan = as_plan(found, id, settings.units, "`niggle edit` changes it");
      const Plan changed = edit_plan(plan, options->changes, settings.units, context.today());
      const auto stored = journal.update(Entry{changed});
      const Plan& shown = stored ? std::get<Plan>(*stored) : plan;
      if (options->edit_json) {
        context.out << to_json(shown).dump(2) << '\n';
      } else {
        context.out << (stored ? "Changed " : "Unchanged ") << describe(shown, settings.units) << '\n';
        print_note(context, shown.meta);
      }
      return ExitCode::ok;
    }
    if (rm->parsed()) {
      std::vector<std::int64_t> ids;
      for (const std::string& text : options->ids) ids.push_back(parse_entry_id(text));
      Journal& journal = existing_journal(context, fmt::format("no entry has id #{}", ids.front()));
      for (const std::int64_t id : ids) as_plan(journal.find(id), id, settings.units, "`niggle rm` removes it");
      for (const Entry& entry : journal.remove(ids)) context.out << "Removed " << describe(entry, settings.units) << '\n';
      context.err << fmt::format("niggle: `niggle undo` puts {} back\n", ids.size() == 1 ? "it" : "them");
      return ExitCode::ok;
    }
    return list_plans(context, *options);
  };
}

}  // namespace niggle::cli
