// What an SQLite failure means to the user: the message of a JournalError that says what
// niggle was doing, on which file, and what to do about it; and the checks that stop a write
// into a file that was deleted or replaced.
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fmt/format.h>
#include <sqlite3.h>

#include "journal_rows.hpp"

namespace niggle {
namespace {

volatile std::sig_atomic_t file_size_limit_reached = 0;

extern "C" void note_file_size_limit(int) { file_size_limit_reached = 1; }

}  // namespace

void report_file_size_limit() {
  struct sigaction action {};
  action.sa_handler = note_file_size_limit;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGXFSZ, &action, nullptr);
}

void throw_journal_error(const SQLite::Exception& e, const fs::path& path, std::string_view action, int system_errno) {
  const std::string where = quoted(path);
  // SQLite reports most failing system calls as a plain I/O error or "cannot open"; the
  // errno underneath tells the user what to do about it. A write past the file size limit
  // is told by the signal it raised, as SQLite does not always keep the errno of a write.
  // The primary code: a backup step reports extended ones (SQLITE_IOERR_WRITE).
  const int code = e.getErrorCode() & 0xFF;
  if (file_size_limit_reached != 0) system_errno = EFBIG;
  if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN || code == SQLITE_FULL || code == SQLITE_READONLY) {
    switch (system_errno) {
      case ENOSPC:
        throw JournalError(fmt::format("cannot {} {}: the disk is full; nothing was written", action, where));
      case EDQUOT:
        throw JournalError(fmt::format("cannot {} {}: the disk quota is exceeded; nothing was written", action, where));
      case EFBIG:
        throw JournalError(fmt::format("cannot {} {}: the file size limit (ulimit -f) is reached; nothing was written",
                                       action, where));
      case EROFS:
        throw JournalError(fmt::format("cannot {} {}: the file system is read-only; nothing was written", action, where));
      case EACCES:
      case EPERM:
        throw JournalError(fmt::format(
            "cannot {} {}: permission denied on the journal, its directory or its -wal/-shm files; nothing was written",
            action, where));
      default: break;
    }
  }
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw JournalError(fmt::format("cannot {} {}: another program held it locked for {} seconds; try again", action,
                                     where, kBusyTimeoutMs / 1000));
    case SQLITE_FULL:
      throw JournalError(fmt::format("cannot {} {}: the disk is full; nothing was written", action, where));
    case SQLITE_READONLY:
      throw JournalError(fmt::format("cannot {} {}: the journal or its directory is read-only; nothing was written",
                                     action, where));
    case SQLITE_CANTOPEN:
      throw JournalError(fmt::format("cannot {} {}: the file cannot be opened ({})", action, where, e.what()));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      throw JournalError(fmt::format("cannot {} {}: the journal is damaged ({}); restore it from a backup with `niggle restore BACKUP`, or try "
                                     "`sqlite3 {} .recover`",
                                     action, where, e.what(), path.string()));
    case SQLITE_IOERR:
      throw JournalError(fmt::format("cannot {} {}: input/output error ({}{}); nothing was written", action, where,
                                     e.what(), system_errno ? fmt::format(": {}", std::strerror(system_errno)) : ""));
    case SQLITE_PERM:
    case SQLITE_AUTH:
      throw JournalError(fmt::format("cannot {} {}: permission denied", action, where));
    default: throw JournalError(fmt::format("cannot {} {}: {}", action, where, e.what()));
  }
}

int system_errno_of(SQLite::Database& db) { return ::sqlite3_system_errno(db.getHandle()); }

void check_not_moved(Journal::Impl& impl, std::string_view action) {
  if (!impl.on_disk) return;
  int moved = 0;
  if (::sqlite3_file_control(impl.db.getHandle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved) {
    throw JournalError(fmt::format("cannot {} {}: the journal was deleted or replaced while niggle had it open; "
                                   "nothing was written. Run the command again",
                                   action, quoted(impl.path)));
  }
}

}  // namespace niggle
