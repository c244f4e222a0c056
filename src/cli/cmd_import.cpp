// `niggle import FILE...`: read niggle exports back, or merge another journal, by UUID.
// Every file is read and checked before anything is written; then all of them are merged
// in one transaction.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/exchange.hpp"
#include "niggle/files.hpp"
#include "niggle/text.hpp"

namespace niggle::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  bool dry_run = false, skip_invalid = false;
};

std::string counts_text(const MergeCounts& counts, std::size_t rejected) {
  std::string text = fmt::format("{} added, {} updated, {} unchanged", counts.added, counts.updated, counts.unchanged);
  if (counts.removed > 0) text += fmt::format(", {} removed", counts.removed);
  if (counts.already_removed > 0) text += fmt::format(", {} removed here before (not brought back)", counts.already_removed);
  if (rejected > 0) text += fmt::format(", {} rejected", rejected);
  return text;
}

}  // namespace

CommandRun setup_import(CLI::App& command, Context& context) {
  command.description(help_text(
      "Read entries from niggle's JSON or CSV exports, or merge another niggle journal, by UUID: importing\n"
      "the same file twice changes nothing. Formats are recognised by content, not by file name.",
      {"niggle import niggle.json", "niggle import laptop-journal.db     (merge another journal)",
       "niggle import runs.csv --dry-run", "niggle import old.csv --skip-invalid", "niggle export | niggle --db other.db import -"},
      "All or nothing: every file is checked first, and if any record is invalid nothing is imported\n"
      "(each rejection is listed as FILE: line N: reason) unless --skip-invalid. An entry in both journals\n"
      "is kept in its later-modified version; an entry removed in either stays removed. `niggle undo`\n"
      "reverts a whole import. Exit status: 3 invalid records, 7 a file that cannot be read."));
  auto options = std::make_shared<ImportOptions>();
  command.add_option("files", options->files, "niggle JSON or CSV exports, or niggle journals; - reads standard input")
      ->required();
  command.add_flag("--dry-run", options->dry_run, "check and count, but change nothing");
  command.add_flag("--skip-invalid", options->skip_invalid, "import the valid records and report the others");

  return [options, &context]() {
    const Date today = context.today();
    const ResolvedPath journal_location = context.journal_location();
    std::vector<ImportSource> sources;
    std::vector<ImportBatch> batches;
    for (const std::string& file : options->files) {
      if (file != "-" && same_file(file, journal_location.path)) {
        throw FileError(fmt::format("'{}' is the journal itself; nothing to merge", printable(file)));
      }
      sources.push_back(load_import_source(file, context.in()));
      batches.push_back(read_import(sources.back(), today));
    }
    std::size_t rejected = 0, files_with_rejections = 0;
    for (std::size_t i = 0; i < batches.size(); ++i) {
      for (const Rejection& rejection : batches[i].rejections) {
        context.err << fmt::format("niggle: {}: {}: {}\n", sources[i].name, rejection.where, rejection.reason);
      }
      rejected += batches[i].rejections.size();
      if (!batches[i].rejections.empty()) ++files_with_rejections;
    }
    if (rejected > 0 && !options->skip_invalid) {
      std::size_t records = 0;
      for (const ImportBatch& batch : batches) records += batch.records;
      const std::string where = batches.size() == 1 ? sources.front().name
                                                     : fmt::format("{} of {} files", files_with_rejections, batches.size());
      throw ValueError(fmt::format("{}: {} of {} records rejected (listed above); nothing was imported. Fix them, or "
                                   "import the others with --skip-invalid",
                                   where, rejected, records));
    }

    std::vector<MergeSource> merge_sources;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < batches.size(); ++i) {
      merge_sources.push_back({batches[i].entries, batches[i].removals});
      names.push_back(sources[i].name);
    }
    Journal& journal = context.journal(options->dry_run ? Journal::Access::read : Journal::Access::write);
    const std::vector<MergeCounts> results = journal.merge(merge_sources, join(names, ", "), options->dry_run);
    for (std::size_t i = 0; i < batches.size(); ++i) {
      context.out << fmt::format("{} {} ({}): {}\n", options->dry_run ? "Would import" : "Imported", sources[i].name,
                                 batches[i].format, counts_text(results[i], batches[i].rejections.size()));
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
