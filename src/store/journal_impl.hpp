#pragma once
// Internals of Journal shared by the library's modules that run their own SQL (summaries,
// import, export). Not part of the public headers: nothing above src/store sees SQLite.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "niggle/store/journal.hpp"

namespace niggle {

// A statement of the connection's cache (Journal::Impl::prepared), reset when the lease
// ends so that it holds no read snapshot open between uses.
class PreparedLease {
 public:
  explicit PreparedLease(SQLite::Statement& statement) : statement_(statement) {}
  PreparedLease(const PreparedLease&) = delete;
  PreparedLease& operator=(const PreparedLease&) = delete;
  ~PreparedLease() { statement_.tryReset(); }
  SQLite::Statement& operator*() const { return statement_; }
  SQLite::Statement* operator->() const { return &statement_; }

 private:
  SQLite::Statement& statement_;
};

struct Journal::Impl {
  std::filesystem::path path;
  bool on_disk = true;
  SQLite::Database db;
  // Set for a journal opened to write with a memo: when the last full check passed. The
  // memo is updated when the journal closes, unless a write failed (the file may then be
  // damaged, so the next write checks it again).
  std::optional<CheckMemo> memo;
  std::int64_t checked_at = 0;
  bool write_failed = false;
  bool created = false;  // this open made the file

  Impl(std::filesystem::path p, bool disk, SQLite::Database&& database)
      : path(std::move(p)), on_disk(disk), db(std::move(database)) {}

  // The statement for `sql`, prepared on first use and kept for the connection's life, with
  // no bindings. Preparing costs more than running the small statements that a merge runs
  // for each of its records: an import of 100,000 rows spent three quarters of its time there.
  PreparedLease prepared(const std::string& sql) const {
    std::unique_ptr<SQLite::Statement>& slot = statements_[sql];
    if (!slot) {
      slot = std::make_unique<SQLite::Statement>(db, sql);
    } else {
      slot->clearBindings();
    }
    return PreparedLease(*slot);
  }

 private:
  // Declared after `db`, so destroyed before it: a connection closes only without statements.
  mutable std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
};

// Turns an SQLite failure into a JournalError that says what niggle was doing, on which
// file, and what the user can do about it. `system_errno` (from system_errno_of) tells a
// full disk, a file size limit or a read-only file system from other I/O errors.
[[noreturn]] void throw_journal_error(const SQLite::Exception& e, const std::filesystem::path& path,
                                      std::string_view action, int system_errno = 0);
// The errno of the connection's last failed system call, 0 if none.
int system_errno_of(SQLite::Database& db);
// Throws JournalError if the journal's file was deleted or replaced since it was opened:
// committing then would write into a file nobody will ever read again.
void check_not_moved(Journal::Impl& impl, std::string_view action);

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT, rolling back if it throws, so a failed
// command leaves nothing behind and a concurrent writer waits instead of failing.
template <class Work>
auto write_transaction(Journal::Impl& impl, std::string_view action, Work&& work) {
  try {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    try {
      if constexpr (std::is_void_v<decltype(work())>) {
        work();
        check_not_moved(impl, action);
        transaction.commit();
      } else {
        auto result = work();
        check_not_moved(impl, action);
        transaction.commit();
        return result;
      }
    } catch (const SQLite::Exception& e) {
      impl.write_failed = true;
      // Read before the rollback, whose own system calls would hide what failed.
      throw_journal_error(e, impl.path, action, system_errno_of(impl.db));
    }
  } catch (const SQLite::Exception& e) {
    impl.write_failed = true;
    throw_journal_error(e, impl.path, action, system_errno_of(impl.db));
  }
}

}  // namespace niggle
