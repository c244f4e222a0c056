// `niggle undo`: revert the last change and say what it was.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

std::string what_was_undone(const UndoneChange& change) {
  std::size_t entries = 0;
  for (const ChangeStep& step : change.steps)
    if (step.action != ChangeStep::Action::removal) ++entries;
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

}  // namespace

CommandRun setup_undo(CLI::App& command, Context& context) {
  command.description(help_text(
      "Revert the last change to the journal (a log or pain entry, an edit, a removal, a gear command, or a\n"
      "whole import)\n"
      "and say what it was. Run it again to go further back, one command at a time.",
      {"niggle undo", "niggle rm 12 --force && niggle undo     (12 is back, with the same id and UUID)"},
      "Removed entries come back with their ids and UUIDs; edited ones as they were. An undone change\n"
      "cannot be redone: enter it again. With nothing left to undo, niggle says so and exits 6.\n"
      "The change log starts when a journal is created or upgraded to schema 2."));
  return [&context]() {
    const Settings& settings = context.config();
    const auto change = existing_journal(context, "nothing to undo").undo();
    if (!change) {
      throw NotFoundError("nothing to undo: every recorded change has been undone, or none was made");
    }
    context.out << fmt::format("Undid {} (made {} {} UTC)\n", what_was_undone(*change), change->at.substr(0, 10),
                               change->at.substr(11, 8));
    std::size_t forgotten = 0;
    for (const ChangeStep& step : change->steps) {
      switch (step.action) {
        case ChangeStep::Action::add: context.out << "  removed " << describe(*step.after, settings.units) << '\n'; break;
        case ChangeStep::Action::edit:
          context.out << "  restored " << describe(*step.before, settings.units) << '\n';
          break;
        case ChangeStep::Action::remove:
          context.out << "  brought back " << describe(*step.before, settings.units) << '\n';
          break;
        case ChangeStep::Action::removal: ++forgotten; break;
      }
    }
    for (const GearStep& step : change->gear_steps) {
      const auto name = [](const GearItem& item) { return without_hidden_controls(item.name); };
      if (!step.before) context.out << fmt::format("  removed gear '{}'\n", name(*step.after));
      else if (!step.after) context.out << fmt::format("  brought back gear '{}'\n", name(*step.before));
      else context.out << fmt::format("  restored gear '{}'\n", name(*step.before));
    }
    if (forgotten > 0) context.out << fmt::format("  forgot {} imported removal{}\n", forgotten, forgotten == 1 ? "" : "s");
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
