#pragma once
// The journal: one SQLite file holding every entry. Opening it checks that it really is a
// niggle journal (never touching anything else), upgrades its schema in one transaction,
// and sets WAL mode with a busy timeout so a cron job and a person can write at once.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include "niggle/entry.hpp"

namespace niggle {

class Journal {
 public:
  // SQLite's application_id for niggle journals: "NIGL" in ASCII.
  static constexpr std::int32_t kApplicationId = 0x4E49474C;
  // The schema this niggle writes; PRAGMA user_version holds a journal's own.
  static constexpr int kSchemaVersion = 1;

  enum class Access {
    write,  // create the journal (0600, directory 0700) if it is missing
    read,   // a missing journal reads as an empty one and is not created
  };

  // Throws JournalError with the path and what is wrong: not an SQLite file, another
  // application's database, a newer schema, unreadable, damaged.
  static Journal open(const std::filesystem::path& path, Access access);

  Journal(Journal&&) noexcept;
  Journal& operator=(Journal&&) noexcept;
  ~Journal();

  const std::filesystem::path& path() const;
  int schema_version() const;
  // False for a read-access journal that does not exist on disk.
  bool exists() const;

  // Stores an entry in one transaction; returns it as stored (id, uuid, times filled in).
  Session add(Session session);
  PainEntry add(PainEntry pain);

  std::optional<Entry> find(std::int64_t id) const;
  // Entries whose day lies in [first, last], oldest first (by day, then by id).
  std::vector<Session> sessions_between(Date first, Date last) const;
  std::vector<PainEntry> pain_between(Date first, Date last) const;
  std::int64_t count_entries() const;

  struct Impl;  // defined in src/lib/journal_impl.hpp for the library's own modules
  Impl& impl() const { return *impl_; }

 private:
  explicit Journal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// For programs, not libraries, as it installs a signal handler: a write past the file size
// limit (ulimit -f) then fails with a journal error that says so, where the kernel would
// otherwise kill the process with SIGXFSZ and no message at all.
void report_file_size_limit();

// A random (version 4) UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string new_uuid();
// The current UTC time, "2026-11-24T18:03:12Z".
std::string utc_timestamp_now();

}  // namespace niggle
