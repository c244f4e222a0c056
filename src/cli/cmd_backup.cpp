// `niggle backup FILE`: a consistent copy of the journal, even while it is in use.
#include <filesystem>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/store/files.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct BackupOptions {
  std::string file;
  bool force = false, quiet = false;
};

}  // namespace

CommandRun setup_backup(CLI::App& command, Context& context) {
  command.description(help_text(
      "Write a consistent copy of the journal to FILE with SQLite's online backup, so a cron job can back\n"
      "up while you log. The copy is itself a journal: open it with --db, or merge it with `niggle import`.",
      {"niggle backup ~/backups/niggle.db", "niggle backup --force ~/backups/niggle-latest.db",
       "0 3 * * * niggle backup --quiet --force ~/backups/niggle-$(date +\\%a).db     (crontab: one a weekday)"},
      "The file is created with mode 0600, through a temporary file and a rename: never half written, and\n"
      "nothing is left if the backup fails or is interrupted (Ctrl-C, SIGTERM, SIGHUP). An existing FILE is\n"
      "replaced only with --force; the journal's own files (journal.db, -wal, -shm) are refused.\n"
      "`niggle restore FILE` puts a backup back."));
  auto options = std::make_shared<BackupOptions>();
  command.add_option("file", options->file, "where to write the copy")->required();
  command.add_flag("-f,--force", options->force, "replace FILE if it exists");
  command.add_flag("-q,--quiet", options->quiet, "print nothing on success");

  return [options, &context]() {
    const std::filesystem::path target = options->file;
    const std::filesystem::path journal_path = context.journal_location().path;
    std::error_code ec;
    if (is_journal_file(target, journal_path)) {
      throw FileError(fmt::format("'{}' is the journal or one of its side files; back it up to another file",
                                  printable(options->file)));
    }
    if (std::filesystem::exists(std::filesystem::symlink_status(target, ec)) && !options->force) {
      throw FileError(fmt::format("'{}' exists; add --force to replace it", printable(options->file)));
    }
    Journal& journal = context.journal(Journal::Access::read);
    if (!journal.exists()) {
      throw JournalError(fmt::format("there is no journal to back up at '{}'", printable(journal_path.string(), 200)));
    }
    PendingFile pending(target);
    journal.backup_to(pending.path(), target);
    pending.commit();
    if (!options->quiet) {
      context.out << fmt::format("Backed up {} entries to {}\n", journal.count_entries(), options->file);
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
