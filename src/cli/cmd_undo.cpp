// `niggle undo` and `niggle redo`: revert the last change, or re-apply what the last undo
// took back; both show the change first, and undo asks before it reverts on a terminal.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct UndoOptions {
  bool dry_run = false;
  bool yes = false;
};

std::size_t entries_touched(const UndoneChange& change) {
  std::size_t entries = 0;
  for (const ChangeStep& step : change.steps)
    if (step.action != ChangeStep::Action::removal) ++entries;
  return entries;
}

std::string what_changed(const UndoneChange& change) {
  const std::size_t entries = entries_touched(change);
  // A gear command names itself: "gear rename 'Pegasus 40' 'Pegasus 40 (blue)'".
  if (change.kind != UndoneChange::Kind::import && !change.label.empty()) return without_hidden_controls(change.label);
  switch (change.kind) {
    case UndoneChange::Kind::add: return "the addition of an entry";
    case UndoneChange::Kind::edit: return "an edit";
    case UndoneChange::Kind::remove: return entries == 1 ? "a removal" : fmt::format("the removal of {} entries", entries);
    case UndoneChange::Kind::import: return fmt::format("the import of {}", change.label);
  }
  return "a change";
}

std::string made_at(const UndoneChange& change) {
  return fmt::format("made {} {} UTC", change.at.substr(0, 10), change.at.substr(11, 8));
}

// One line per entry: what undo does to it (or, for redo, what re-applying does).
void print_steps(std::ostream& out, const UndoneChange& change, DistanceUnit units, bool redo, bool future) {
  std::size_t forgotten = 0;
  const auto verb = [&](std::string_view done, std::string_view to_do) { return future ? to_do : done; };
  for (const ChangeStep& step : change.steps) {
    switch (step.action) {
      case ChangeStep::Action::add:
        out << "  " << (redo ? verb("added back", "would add back") : verb("removed", "would remove")) << ' '
            << describe(*step.after, units) << '\n';
        break;
      case ChangeStep::Action::edit:
        out << "  " << (redo ? verb("changed again", "would change again") : verb("restored", "would restore")) << ' '
            << describe(*(redo ? step.after : step.before), units) << '\n';
        break;
      case ChangeStep::Action::remove:
        out << "  " << (redo ? verb("removed again", "would remove again") : verb("brought back", "would bring back"))
            << ' ' << describe(*step.before, units) << '\n';
        break;
      case ChangeStep::Action::removal: ++forgotten; break;
    }
  }
  for (const GearStep& step : change.gear_steps) {
    const auto name = [](const GearItem& item) { return without_hidden_controls(item.name); };
    if (!step.before) {
      out << fmt::format("  {} gear '{}'\n", redo ? verb("added back", "would add back") : verb("removed", "would remove"),
                         name(*step.after));
    } else if (!step.after) {
      out << fmt::format("  {} gear '{}'\n",
                         redo ? verb("removed again", "would remove again") : verb("brought back", "would bring back"),
                         name(*step.before));
    } else {
      out << fmt::format("  {} gear '{}'\n",
                         redo ? verb("changed again", "would change again") : verb("restored", "would restore"),
                         name(*(redo ? step.after : step.before)));
    }
  }
  if (forgotten > 0) {
    out << fmt::format("  {} {} imported removal{}\n",
                       redo ? verb("recorded again", "would record again") : verb("forgot", "would forget"), forgotten,
                       forgotten == 1 ? "" : "s");
  }
}

}  // namespace

CommandRun setup_undo(CLI::App& command, Context& context) {
  command.description(help_text(
      "Revert the last change to the journal (a log or pain entry, an edit, a removal, a gear command, or a\n"
      "whole import)\n"
      "and say what it was. On a terminal, undo shows the change and asks first. Run it again to go further\n"
      "back, one command at a time; `niggle redo` re-applies what the last undo took back.",
      {"niggle undo --dry-run     (what would be undone; nothing changes)", "niggle undo",
       "niggle undo --yes     (in a script: no question)",
       "niggle rm 12 --force && niggle undo --yes     (12 is back, with the same id and UUID)"},
      "When standard input is not a terminal (a script, a pipe), undo reverts a change of one entry\n"
      "without asking, and a change of more entries (an import, a removal of several) only with --yes.\n"
      "Declining, or a larger change without --yes and without a terminal, exits 8 and changes nothing.\n"
      "Removed entries come back with their ids and UUIDs; edited ones as they were. With nothing left to\n"
      "undo, niggle says so and exits 6. The change log starts when a journal is created or upgraded to\n"
      "schema 2; redo works for changes undone since schema 3."));
  auto options = std::make_shared<UndoOptions>();
  command.add_flag("-n,--dry-run", options->dry_run, "show what would be undone, change nothing");
  command.add_flag("-y,--yes", options->yes, "undo without asking");
  return [options, &context]() {
    const Settings& settings = context.config();
    Journal& journal = existing_journal(context, "nothing to undo");
    const auto pending = journal.undo(true);
    if (!pending) throw NotFoundError("nothing to undo: every recorded change has been undone, or none was made");
    if (options->dry_run) {
      context.out << fmt::format("Would undo {} ({})\n", what_changed(*pending), made_at(*pending));
      print_steps(context.out, *pending, settings.units, false, true);
      return ExitCode::ok;
    }
    if (!options->yes) {
      if (context.in_is_terminal()) {
        context.err << fmt::format("Last change: {} ({})\n", what_changed(*pending), made_at(*pending));
        print_steps(context.err, *pending, settings.units, false, true);
        if (!confirm(context, "Undo it?")) throw Error(ExitCode::cancelled, "cancelled; nothing was undone");
      } else if (entries_touched(*pending) > 1) {
        throw Error(ExitCode::cancelled,
                    fmt::format("the last change is {} ({} entries) and standard input is not a terminal to ask on; "
                                "nothing was undone. See it with 'niggle undo --dry-run'; undo it with --yes",
                                what_changed(*pending), entries_touched(*pending)));
      }
    }
    const auto change = journal.undo();
    if (!change) throw NotFoundError("nothing to undo: every recorded change has been undone, or none was made");
    context.out << fmt::format("Undid {} ({})\n", what_changed(*change), made_at(*change));
    print_steps(context.out, *change, settings.units, false, false);
    context.out << "niggle redo re-applies it.\n";
    return ExitCode::ok;
  };
}

CommandRun setup_redo(CLI::App& command, Context& context) {
  command.description(help_text(
      "Re-apply the change that the last `niggle undo` took back, as long as nothing was written to the\n"
      "journal since. Each redo re-applies one more undone change, newest undo first.",
      {"niggle undo --yes && niggle redo     (back where you were)", "niggle redo --dry-run"},
      "With nothing to redo (no undo, or a change made after it) niggle says so and exits 6."));
  auto options = std::make_shared<UndoOptions>();
  command.add_flag("-n,--dry-run", options->dry_run, "show what would be re-applied, change nothing");
  return [options, &context]() {
    const Settings& settings = context.config();
    Journal& journal = existing_journal(context, "nothing to redo");
    const auto change = journal.redo(options->dry_run);
    if (!change) {
      throw NotFoundError("nothing to redo: redo re-applies what the last undo took back, and no undo is left to "
                          "redo since the last change");
    }
    context.out << fmt::format("{} {} ({})\n", options->dry_run ? "Would redo" : "Redid", what_changed(*change),
                               made_at(*change));
    print_steps(context.out, *change, settings.units, true, options->dry_run);
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
