#pragma once
// Internals of Journal shared by the library's modules that run their own SQL (summaries,
// import, export). Not part of the public headers: nothing outside src/lib sees SQLite.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string_view>

#include "niggle/journal.hpp"

namespace niggle {

struct Journal::Impl {
  std::filesystem::path path;
  bool on_disk = true;
  SQLite::Database db;

  Impl(std::filesystem::path p, bool disk, SQLite::Database&& database)
      : path(std::move(p)), on_disk(disk), db(std::move(database)) {}
};

// Turns an SQLite failure into a JournalError that says what niggle was doing, on which
// file, and what the user can do about it.
[[noreturn]] void throw_journal_error(const SQLite::Exception& e, const std::filesystem::path& path,
                                      std::string_view action);

// Runs `work` inside BEGIN IMMEDIATE ... COMMIT, rolling back if it throws, so a failed
// command leaves nothing behind and a concurrent writer waits instead of failing.
template <class Work>
auto write_transaction(Journal::Impl& impl, std::string_view action, Work&& work) {
  try {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    if constexpr (std::is_void_v<decltype(work())>) {
      work();
      transaction.commit();
    } else {
      auto result = work();
      transaction.commit();
      return result;
    }
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl.path, action);
  }
}

}  // namespace niggle
