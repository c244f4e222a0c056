#pragma once
// Files other than the journal (exports, backups) are written whole or not at all: into a
// temporary file beside the target, then renamed over it. They are private (mode 0600),
// as the journal is.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

namespace niggle {

// A temporary file in the target's directory, ".NAME.niggle-XXXXXX", that becomes the
// target on commit() and is removed otherwise: on an error, and on SIGTERM, SIGINT and
// SIGHUP too (a handler removes every pending file, then lets the signal end the process).
// Temporaries older than a day that a killed niggle left in that directory are removed
// first. Throws FileError when it cannot be created.
class PendingFile {
 public:
  explicit PendingFile(const std::filesystem::path& target);
  PendingFile(const PendingFile&) = delete;
  PendingFile& operator=(const PendingFile&) = delete;
  ~PendingFile();

  const std::filesystem::path& path() const { return temporary_; }
  void write(std::string_view bytes);
  // Flushes the temporary file to disk and renames it over the target. Durability::cache
  // skips the flush, for files whose loss in a power cut costs nothing but time.
  enum class Durability { synced, cache };
  void commit(Durability durability = Durability::synced);

 private:
  std::filesystem::path target_, temporary_;
  int fd_ = -1;
  int slot_ = -1;  // in the signal handler's table
  bool committed_ = false;
};

// How old a temporary of PendingFile must be before another write removes it: no write
// takes a day, so it belongs to a niggle that was killed.
constexpr std::int64_t kStalePendingSeconds = 24 * 60 * 60;
// Removes this user's ".NAME.niggle-XXXXXX" files in `directory` last modified more than
// `older_than_seconds` ago.
void remove_stale_pending_files(const std::filesystem::path& directory, std::int64_t older_than_seconds);

void write_file_atomically(const std::filesystem::path& path, std::string_view contents);
// The same for a file written piece by piece (an export of any size): `write` gets a sink
// that appends to the temporary file; the file becomes `path` only when `write` returns.
// If it throws, or a write fails, the temporary is removed and `path` is left as it was.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(const std::function<void(std::string_view)>& sink)>& write);

// Creates `directory` and any missing parents, each private to the user (0700); an empty
// path or an existing one needs nothing. Returns the directory that could not be created
// (errno says why), or an empty path when all is there.
std::filesystem::path create_private_directories(const std::filesystem::path& directory);

// True when `target` is the journal or one of SQLite's files beside it (-wal, -shm,
// -journal), whether they exist or not: a file written there would be replaced or deleted
// by SQLite, or would damage the journal.
bool is_journal_file(const std::filesystem::path& target, const std::filesystem::path& journal);

// True when both paths name the same existing file (a link, a relative path...).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace niggle
