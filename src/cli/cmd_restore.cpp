// `niggle restore BACKUP`: put a backup back as the journal, safely. The backup is checked
// whole first, compared with the journal, and the journal as it was is kept beside it; the
// journal's -wal and -shm files are dealt with, where a plain `cp` would leave a stale -wal
// that SQLite replays over the copied file (and damages it).
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/store/files.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace fs = std::filesystem;
namespace {

struct RestoreOptions {
  std::string backup;
  bool yes = false, quiet = false;
};

std::string quoted(const fs::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

// "3 entries, the last on 2026-11-20 (#3 ...)"
std::string holdings(const Journal& journal, DistanceUnit unit) {
  const std::int64_t count = journal.count_entries();
  if (count == 0) return "no entries";
  EntryQuery newest;
  newest.limit = 1;
  const std::vector<Entry> last = journal.list(newest);
  std::string text = fmt::format("{} {}", count, count == 1 ? "entry" : "entries");
  if (!last.empty()) {
    text += fmt::format(", the last on {} ({})", meta_of(last.front()).date.iso(), describe(last.front(), unit));
  }
  return text;
}

// Beside the journal, named for the moment: journal.before-restore-20261124T101500Z.db.
fs::path keep_path_for(const fs::path& journal) {
  std::string stamp = utc_timestamp_now();
  std::erase(stamp, ':');
  std::erase(stamp, '-');
  const fs::path directory = journal.parent_path();
  const std::string stem = journal.stem().string(), extension = journal.extension().string();
  std::error_code ec;
  for (int n = 1;; ++n) {
    const std::string name =
        fmt::format("{}.before-restore-{}{}{}", stem, stamp, n == 1 ? std::string{} : fmt::format("-{}", n), extension);
    const fs::path candidate = directory / name;
    const bool taken = fs::exists(fs::symlink_status(candidate, ec)) ||
                       fs::exists(fs::symlink_status(candidate.string() + "-wal", ec));
    if (!taken) return candidate;
  }
}

}  // namespace

CommandRun setup_restore(CLI::App& command, Context& context) {
  command.description(help_text(
      "Put a backup back as the journal. The backup is checked first (a niggle journal, undamaged: SQLite's\n"
      "integrity and foreign-key checks), and what it holds is shown beside what the journal holds. On a\n"
      "terminal niggle asks; in a script, --yes is needed. The journal as it was is kept beside it first.",
      {"niggle restore ~/backups/niggle.db", "niggle restore --yes ~/backups/niggle-Mon.db     (in a script)",
       "niggle --db ~/laptop.db restore ~/backups/laptop.db"},
      "Use this rather than cp: a copy over the journal leaves its -wal file beside it, which SQLite then\n"
      "replays over the copy and damages it. A journal that opens is replaced in place, under its lock,\n"
      "after a consistent copy of it is written to JOURNAL.before-restore-TIME.db; one that does not open\n"
      "(damaged) is moved there whole, with its -wal and -shm. A journal that does not exist is created.\n"
      "Exit status: 7 the backup cannot be used (missing, not a niggle journal, damaged), 8 declined, or\n"
      "no terminal to ask on without --yes. Nothing is changed in either case."));
  auto options = std::make_shared<RestoreOptions>();
  command.add_option("backup", options->backup, "the backup to restore: a file written by `niggle backup`, or a copy of a journal")
      ->required();
  command.add_flag("-y,--yes", options->yes, "restore without asking");
  command.add_flag("-q,--quiet", options->quiet, "print nothing on success");

  return [options, &context]() {
    const fs::path backup_path = options->backup;
    const fs::path journal_path = context.journal_location().path;
    const DistanceUnit unit = context.config().units;
    if (same_file(backup_path, journal_path)) {
      throw FileError(fmt::format("{} is the journal itself; give a backup of it", quoted(backup_path)));
    }
    std::error_code ec;
    if (!fs::exists(backup_path, ec)) {
      throw FileError(fmt::format("cannot restore from {}: no such file; the journal was not changed",
                                  quoted(backup_path)));
    }
    std::optional<Journal> backup;
    try {
      backup.emplace(Journal::open_snapshot(backup_path));
    } catch (const JournalError& e) {
      throw FileError(fmt::format("cannot restore from {}: {}; the journal was not changed", quoted(backup_path), e.what()));
    }
    const std::string backup_holds = holdings(*backup, unit);

    std::string journal_holds;
    const bool journal_exists = fs::exists(fs::symlink_status(journal_path, ec));
    if (!journal_exists) {
      journal_holds = "does not exist";
    } else {
      try {
        // A copy in memory, through a read-only connection: the journal (perhaps damaged)
        // and its -wal are left exactly as they are until they are kept aside.
        journal_holds = "holds " + holdings(Journal::open_snapshot(journal_path), unit);
      } catch (const JournalError& e) {
        journal_holds = fmt::format("cannot be read ({})", e.what());
      }
    }
    const fs::path keep = keep_path_for(journal_path);
    if (!options->yes) {
      if (!context.in_is_terminal()) {
        throw Error(ExitCode::cancelled,
                    "restore asks before replacing the journal, and standard input is not a terminal; nothing was "
                    "changed. Add --yes to restore without asking");
      }
      context.err << fmt::format("The backup {} holds {}.\nThe journal {} {}.\n", quoted(backup_path), backup_holds,
                                 quoted(journal_path), journal_holds);
      const std::string question =
          journal_exists ? fmt::format("Replace the journal with the backup (the journal as it is now is kept in {})?",
                                       quoted(keep))
                         : std::string{"Restore the backup as the journal?"};
      if (!confirm(context, question)) throw Error(ExitCode::cancelled, "cancelled; nothing was changed");
    }
    if (const fs::path failed = create_private_directories(journal_path.parent_path()); !failed.empty()) {
      const int why = errno;
      throw JournalError(fmt::format("cannot create the journal's directory {}: {}", quoted(failed), std::strerror(why)));
    }
    const RestoreOutcome outcome = restore_journal(journal_path, *backup, keep);
    if (options->quiet) return ExitCode::ok;
    context.out << fmt::format("Restored {} from {} to {}\n", backup_holds, quoted(backup_path), quoted(journal_path));
    if (outcome.created) {
      context.out << "There was no journal: it is new\n";
    }
    if (!outcome.kept.empty()) {
      context.out << fmt::format("The journal as it was {} {}{}\n",
                                 outcome.moved_aside ? "(it did not open) is moved, with its side files, to"
                                                     : "is kept in",
                                 quoted(outcome.kept),
                                 outcome.created ? "" : "; `niggle restore` it to go back");
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
