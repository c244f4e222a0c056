// `niggle tags`: the journal's tags, each with how many entries carry it.
#include <algorithm>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/core/format.hpp"
#include "niggle/store/tags.hpp"

namespace niggle::cli {
namespace {
struct TagsOptions {
  bool json = false;
};
}  // namespace

CommandRun setup_tags(CLI::App& command, Context& context) {
  command.description(help_text("List the journal's tags, the most used first, each with its number of entries.",
                                {"niggle tags", "niggle tags --json | jq -r '.[].tag'", "niggle list --tag treadmill"},
                                "Tags are given with --tag on log, pain and edit."));
  auto options = std::make_shared<TagsOptions>();
  command.add_flag("--json", options->json, "print a JSON array of {tag, entries}");
  return [options, &context]() {
    const std::vector<TagCount> tags = tag_counts(context.journal(Journal::Access::read));
    if (options->json) {
      Json array = Json::array();
      for (const TagCount& tag : tags) array.push_back({{"tag", tag.name}, {"entries", tag.entries}});
      context.out << array.dump(2) << '\n';
      return ExitCode::ok;
    }
    if (tags.empty()) context.err << "niggle: no tags yet; add one with --tag, as in: niggle log 5k 30:00 --tag treadmill\n";
    std::size_t width = 0;
    for (const TagCount& tag : tags) width = std::max(width, tag.name.size());
    for (const TagCount& tag : tags) {
      context.out << fmt::format("{:<{}}  {} {}\n", tag.name, width, tag.entries, tag.entries == 1 ? "entry" : "entries");
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
