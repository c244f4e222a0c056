// `niggle rm ID...`: remove entries, after a y/N question on a terminal. `niggle undo`
// brings them back.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"

namespace niggle::cli {
namespace {

struct RmOptions {
  std::vector<std::string> ids;
  bool force = false;
};

}  // namespace

CommandRun setup_rm(CLI::App& command, Context& context) {
  command.description(help_text(
      "Remove entries. On a terminal, niggle shows them and asks first; when standard input is not a\n"
      "terminal (a script, a pipe), it removes nothing without --force.",
      {"niggle rm 12", "niggle rm 12 13 14", "niggle rm --force 12     (in a script: no question)"},
      "All the ids must exist, or nothing is removed (exit 6). Declining, or no terminal to ask on without\n"
      "--force, exits 8. `niggle undo` restores what the last rm removed, with the same ids; later,\n"
      "`niggle import --restore-removed BACKUP` brings removed entries back from a backup or an export."));
  auto options = std::make_shared<RmOptions>();
  command.add_option("ids", options->ids, "the entries' numbers, as `niggle list` shows them")->required();
  command.add_flag("-f,--force", options->force, "remove without asking");

  return [options, &context]() {
    std::vector<std::int64_t> ids;
    for (const std::string& text : options->ids) ids.push_back(parse_entry_id(text));
    const Settings& settings = context.config();
    Journal& journal = existing_journal(context, fmt::format("no entry has id #{}", ids.front()));
    std::vector<Entry> entries;
    for (const std::int64_t id : ids) {
      auto entry = journal.find(id);
      if (!entry) throw NotFoundError(fmt::format("no entry has id #{}; nothing was removed", id));
      entries.push_back(std::move(*entry));
    }
    if (!options->force) {
      if (!context.in_is_terminal()) {
        throw Error(ExitCode::cancelled,
                    "rm asks before removing, and standard input is not a terminal; nothing was removed. "
                    "Add --force to remove without asking");
      }
      for (const Entry& entry : entries) context.err << "  " << describe(entry, settings.units) << '\n';
      const std::string question =
          entries.size() == 1 ? std::string{"Remove this entry?"} : fmt::format("Remove these {} entries?", entries.size());
      if (!confirm(context, question)) throw Error(ExitCode::cancelled, "cancelled; nothing was removed");
    }
    for (const Entry& entry : journal.remove(ids)) context.out << "Removed " << describe(entry, settings.units) << '\n';
    context.err << fmt::format("niggle: `niggle undo` puts {0} back; later, `niggle import --restore-removed BACKUP` "
                               "brings {0} back from a backup or an export made before\n",
                               ids.size() == 1 ? "it" : "them");
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
