// `niggle edit ID`: change an entry with the options of `log` (sessions), `pain` (pain
// entries) or `visit` (visits), checked by the same code as a new entry.
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

struct EditOptions {
  std::string id;
  std::vector<std::string> values;  // a session's distance and duration, or a pain score
  SessionInput session;
  PainInput pain;
  std::optional<std::string> date, note;
  std::vector<std::string> tags;
  std::optional<std::string> gear;
  bool json = false;
};

// The options one kind of entry takes and the other does not.
struct KindOptions {
  std::vector<CLI::Option*> session_only, pain_only;
};

std::vector<std::string> given(const std::vector<CLI::Option*>& options) {
  std::vector<std::string> names;
  for (const CLI::Option* option : options)
    if (option->count() > 0) names.push_back("--" + option->get_lnames().front());
  return names;
}

}  // namespace

CommandRun setup_edit(CLI::App& command, Context& context) {
  command.description(help_text(
      "Change an entry. A session takes the options of `niggle log`, a pain entry those of `niggle pain`,\n"
      "a visit those of `niggle visit`; only the values given change, and they are checked as a new entry's\n"
      "would be.",
      {"niggle edit 12 10k 55:00", "niggle edit 12 --kind long --note \"felt fine\"", "niggle edit 13 4",
       "niggle edit 14 urgent-care      (a visit: its kind)",
       "niggle edit 13 --walking worse --symptom tingling", "niggle edit 13 --where lower-back --where hip",
       "niggle edit 12 --kind \"\"      (clears the kind)", "niggle edit 12 --date yesterday --json",
       "niggle edit 12 --gear \"Pegasus 40\"", "niggle edit 12 --gear \"\"      (no gear)"},
      "A distance replaces the distance and a duration the duration. An empty value clears an optional\n"
      "field: --kind, --rpe, --planned, --gear, --lift, --note, --tag, --where, --side, --walking, --when, --symptom,\n"
      "--sleep. --tag, --symptom and --lift replace the whole list. `niggle undo` reverts an edit."));
  auto options = std::make_shared<EditOptions>();
  auto kinds = std::make_shared<KindOptions>();
  command.add_option("id", options->id, "the entry's number, as `niggle list` shows it")->required();
  command.add_option("values", options->values,
                     "a session: distance and/or duration; a pain entry: the score; a visit: its kind");
  kinds->session_only = {
      command.add_option("-t,--type", options->session.type, "session type: run, walk, hike, bike, swim, elliptical, strength, other"),
      command.add_option("-k,--kind", options->session.kind, "intensity: easy, long, tempo, intervals, hills, race"),
      command.add_option("--rpe", options->session.rpe, "perceived effort, 1-10"),
      command.add_option("--planned", options->session.planned, "the distance that was planned"),
      command.add_option("-g,--gear", options->gear, "the gear, as `niggle gear` lists it; \"\" takes it off"),
      command.add_option("--lift", options->session.lifts, "a strength exercise, deadlift:3x5@60kg; repeat (replaces the list)")
          ->allow_extra_args(false)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll),
  };
  kinds->pain_only = {
      command.add_option("-w,--where", options->pain.where,
                         "a location: lower-back, upper-back, neck, hip, glute, hamstring, knee, calf, shin, ankle, foot, leg, "
                         "other; repeat or separate with commas (replaces the list)")
          ->allow_extra_args(false)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
          ->delimiter(','),
      command.add_option("--side", options->pain.side, "left, right, both"),
      command.add_option("--walking", options->pain.walking, "better, same, worse"),
      command.add_option("--when", options->pain.when, "morning, before, during, after, evening"),
      command.add_option("--sleep", options->pain.sleep, "hours slept the night before: 7, 6.5 or 6:30"),
      command.add_option("--symptom", options->pain.symptoms, "a symptom; repeat or separate with commas (replaces the list)")
          ->allow_extra_args(false)
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
          ->delimiter(','),
  };
  command.add_option("-d,--date", options->date, "the day");
  command.add_option("-n,--note", options->note, "the note; - reads it from standard input; \"\" removes it");
  command.add_option("--tag", options->tags, "a tag; repeat or separate with commas (replaces the list)")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_flag("--json", options->json, "print the entry as stored, as JSON");

  return [options, kinds, &context]() {
    const std::int64_t id = parse_entry_id(options->id);
    const Settings& settings = context.config();
    const Date today = context.today();
    read_note_from_stdin_if_asked(options->note);
    Journal& journal = existing_journal(context, fmt::format("no entry has id #{}", id));
    const auto entry = journal.find(id);
    if (!entry) throw NotFoundError(fmt::format("no entry has id #{}; `niggle list` shows them", id));

    const bool is_session = std::holds_alternative<Session>(*entry);
    const bool is_visit = std::holds_alternative<Visit>(*entry);
    if (is_visit) {
      std::vector<std::string> wrong = given(kinds->session_only);
      for (std::string& name : given(kinds->pain_only)) wrong.push_back(std::move(name));
      if (!wrong.empty()) {
        throw UsageError(fmt::format("#{} is a visit; {} {} for sessions and pain entries. It takes a kind (physio, "
                                     "doctor, urgent-care, other), --date, --note and --tag",
                                     id, join(wrong, ", "), wrong.size() == 1 ? "is" : "are"));
      }
    }
    const std::vector<std::string> wrong = is_visit ? std::vector<std::string>{}
                                                    : given(is_session ? kinds->pain_only : kinds->session_only);
    if (!wrong.empty()) {
      throw UsageError(fmt::format(
          "#{} is {}; {} {} for {}. It takes {}", id, is_session ? "a session" : "a pain entry", join(wrong, ", "),
          wrong.size() == 1 ? "is" : "are", is_session ? "pain entries" : "sessions",
          is_session ? "a distance and a duration, --type, --kind, --rpe, --planned, --gear, --lift, --date, --note and --tag"
                     : "a score, --where, --side, --walking, --when, --symptom, --sleep, --date, --note and --tag"));
    }
    const bool anything = !options->values.empty() || options->date || options->note || !options->tags.empty() ||
                          !given(kinds->session_only).empty() || !given(kinds->pain_only).empty();
    if (!anything) {
      throw UsageError(fmt::format("nothing to change; give new values, as in: niggle edit {} {}", id,
                                   is_visit ? "doctor --note \"seen\"" : is_session ? "--kind easy" : "4 --walking better"));
    }

    Entry changed;
    if (is_visit) {
      if (options->values.size() > 1) {
        throw UsageError(fmt::format("a visit takes one kind, not '{}'", printable(join(options->values, " "))));
      }
      VisitInput changes;
      changes.kind = options->values.empty() ? std::string{} : options->values.front();
      if (!options->values.empty() && trim(changes.kind).empty()) {
        throw ValueError("the kind of visit cannot be empty; accepted: physio, doctor, urgent-care, other");
      }
      changes.date = options->date;
      changes.note = options->note;
      changes.tags = options->tags;
      changed = edit_visit(std::get<Visit>(*entry), changes, today);
    } else if (is_session) {
      SessionInput changes = options->session;
      changes.quantities = options->values;
      changes.date = options->date;
      changes.note = options->note;
      changes.tags = options->tags;
      Session edited = edit_session(std::get<Session>(*entry), changes, settings.units, today);
      choose_gear(journal, edited, options->gear, false);
      changed = std::move(edited);
    } else {
      if (options->values.size() > 1) {
        throw UsageError(fmt::format("a pain entry takes one score, not '{}'", printable(join(options->values, " "))));
      }
      PainInput changes = options->pain;
      changes.score = options->values.empty() ? std::string{} : options->values.front();
      if (!options->values.empty() && trim(changes.score).empty()) parse_pain_score(changes.score);  // says it is empty
      changes.date = options->date;
      changes.note = options->note;
      changes.tags = options->tags;
      changed = edit_pain(std::get<PainEntry>(*entry), changes, today);
    }

    const auto stored = journal.update(changed);
    const Entry& shown = stored ? *stored : *entry;
    if (options->json) {
      context.out << to_json(shown).dump(2) << '\n';
    } else {
      context.out << (stored ? "Edited " : "No change: ") << describe(shown, settings.units) << '\n';
      print_note(context, meta_of(shown));
    }
    if (stored) {
      if (const auto* pain = std::get_if<PainEntry>(&*stored)) warn_about_symptoms(context, *pain);
      if (const auto* session = std::get_if<Session>(&*stored); session && session->gear) {
        // The item's distance before this edit: without the session as it is now, with it as it was.
        const auto& old = std::get<Session>(*entry);
        double before = gear_metres(journal, *session->gear) - session->metres.value_or(0);
        if (old.gear && same_gear_name(*old.gear, *session->gear)) before += old.metres.value_or(0);
        warn_about_retirement(context, journal, *session, before);
      }
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
