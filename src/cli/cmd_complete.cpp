// `niggle __complete ids|tags`: what the shell completions offer for an entry id or a tag,
// one a line, an id followed by a tab and its one-line description. Hidden from the
// overview; quiet on every failure, since a completion must never print an error into the
// line being typed.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/core/format.hpp"
#include "niggle/store/tags.hpp"

namespace niggle::cli {
namespace {

// The ids offered: the newest entries, which are the ones people edit and remove.
constexpr std::size_t kOfferedIds = 50;

struct CompleteOptions {
  std::string what;
};

}  // namespace

CommandRun setup_complete(CLI::App& command, Context& context) {
  command.description("Entry ids (with a description) or tags, for the shell completions.");
  auto options = std::make_shared<CompleteOptions>();
  command.add_option("what", options->what, "ids or tags")->required();
  return [options, &context]() {
    try {
      const Journal& journal = context.journal(Journal::Access::read);
      if (options->what == "tags") {
        for (const TagCount& tag : tag_counts(journal)) context.out << tag.name << '\n';
      } else if (options->what == "ids") {
        EntryQuery query;
        query.limit = kOfferedIds;
        const DistanceUnit units = context.config().units;
        for (const Entry& entry : journal.list(query)) {
          std::string description = describe(entry, units);
          // "#12 Tue 2026-11-24 run ..." without its "#12 ": the id is the candidate itself.
          if (const auto space = description.find(' '); space != std::string::npos) description.erase(0, space + 1);
          context.out << meta_of(entry).id << '\t' << description << '\n';
        }
      }
    } catch (const Error&) {
      // No journal yet, a broken config: nothing to offer.
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
