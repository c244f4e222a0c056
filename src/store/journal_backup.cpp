// Backups and restores: a consistent copy of the journal in one file, even while another
// process writes, and a journal replaced by a backup with the one it replaces kept aside.
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <sqlite3.h>

#include "journal_rows.hpp"
#include "niggle/store/files.hpp"

namespace niggle {
namespace journal_detail {

// All pages in one step, under one read transaction: a consistent copy even while another
// process writes. A writer holding a lock is waited for, as long as the busy timeout.
void copy_all_pages(SQLite::Backup& backup) {
  for (int waited_ms = 0;; waited_ms += 50) {
    const int rc = backup.executeStep(-1);
    if (rc == SQLITE_DONE) return;
    if (waited_ms >= kBusyTimeoutMs) throw SQLite::Exception("the journal stayed locked", rc);
    ::usleep(50'000);
  }
}

}  // namespace journal_detail

void Journal::backup_to(const fs::path& file, const fs::path& destination) const {
  const fs::path& shown = destination.empty() ? file : destination;
  std::optional<SQLite::Database> copy;
  try {
    copy.emplace(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | one_thread_flags());
    SQLite::Backup backup(*copy, impl_->db);
    copy_all_pages(backup);
    // A backup is one self-contained file: no -wal beside it.
    copy->exec("PRAGMA journal_mode = DELETE");
  } catch (const SQLite::Exception& e) {
    // What fails in a backup is nearly always the writing of the copy (a full disk, a
    // quota, a file size limit): the message names where it was going.
    const int why = copy ? system_errno_of(*copy) : errno;
    const int code = e.getErrorCode() & 0xFF;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) throw_journal_error(e, impl_->path, "back up");
    throw_journal_error(e, shown, fmt::format("back up {} to", quoted(impl_->path)), why);
  }
}

RestoreOutcome restore_journal(const fs::path& path, const Journal& backup, const fs::path& keep) {
  static constexpr std::array<const char*, 3> kSideFiles = {"-wal", "-shm", "-journal"};
  const auto beside = [](const fs::path& file, const char* suffix) { return fs::path(file.string() + suffix); };
  std::error_code ec;
  RestoreOutcome outcome;
  SQLite::Database& source = backup.impl().db;
  if (fs::exists(fs::symlink_status(path, ec))) {
    std::optional<Journal> current;
    try {
      current.emplace(Journal::open(path, Journal::Access::write));
    } catch (const JournalError&) {
      // Damaged, or not a journal at all: handled below, by moving the file aside whole.
    }
    if (current) {
      {
        PendingFile copy(keep);
        current->backup_to(copy.path());
        copy.commit();
      }
      outcome.kept = keep;
      SQLite::Database& target = current->impl().db;
      try {
        // A WAL journal cannot change its page size, and SQLite's backup into it needs the
        // same one: the in-memory copy is rebuilt to the journal's size first.
        const int page_size = pragma_int(target, "page_size");
        if (pragma_int(source, "page_size") != page_size) {
          source.exec(fmt::format("PRAGMA page_size = {}", page_size));
          source.exec("VACUUM");
        }
        SQLite::Backup replace(target, source);
        copy_all_pages(replace);
        target.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (const SQLite::Exception& e) {
        throw_journal_error(e, path, "restore", system_errno_of(target));
      }
      return outcome;
    }
  }
  // No journal that opens: the new one is written beside it whole, then everything at the
  // old path (the file and its side files) is moved to `keep`, then the new file goes in.
  PendingFile fresh(path);
  backup.backup_to(fresh.path());
  bool moved_any = false;
  const auto move_aside = [&](const fs::path& from, const fs::path& to) {
    if (!fs::exists(fs::symlink_status(from, ec))) return;
    if (::rename(from.c_str(), to.c_str()) != 0) {
      throw JournalError(fmt::format("cannot move {} aside to {}: {}; the journal was not restored", quoted(from),
                                     quoted(to), std::strerror(errno)));
    }
    moved_any = true;
  };
  for (const char* suffix : kSideFiles) move_aside(beside(path, suffix), beside(keep, suffix));
  const bool had_journal = fs::exists(fs::symlink_status(path, ec));
  move_aside(path, keep);
  fresh.commit();
  if (moved_any) outcome.kept = keep;
  outcome.moved_aside = moved_any;
  outcome.created = !had_journal;
  return outcome;
}

}  // namespace niggle
