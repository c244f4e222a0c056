#pragma once
// When a journal last passed a full integrity check, and what its file looked like when
// niggle last let go of it. A command that writes must not write into a damaged journal
// (SQLite notices damage only in the pages a statement reads), but reading every page
// before every `log` costs time that grows with the journal: 11 ms at ten years, seconds at
// a million entries. The memo lets a write skip the full check when the file is exactly
// as niggle left it (same device, inode, size, modification and change times) and the last full
// check is less than a day old. Anything else that touched the file (a copy, a restore,
// an editor, a truncation, another program) changes that stamp and brings the check back;
// damage that leaves the stamp alone (a failing disk) is caught by the daily check.
//
// The memo is a cache: when it cannot be read or written, every write does the full check.
#include <cstdint>
#include <filesystem>
#include <optional>

namespace niggle {

// What identifies a file's contents without reading them.
struct FileStamp {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t size = 0;
  std::int64_t mtime_ns = 0;
  // The inode's change time, which no program can set back: a file changed in place with
  // its modification time restored (touch -d, a copy with --preserve) still shows it.
  std::int64_t ctime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// nullopt when the file cannot be stat'ed.
std::optional<FileStamp> stamp_of(const std::filesystem::path& path);

class CheckMemo {
 public:
  // How long a full check vouches for a journal that nothing but niggle has touched.
  static constexpr std::int64_t kMaxAgeSeconds = 24 * 60 * 60;

  // `file`: the memo, e.g. $XDG_STATE_HOME/niggle/checked. One line per journal.
  explicit CheckMemo(std::filesystem::path file) : file_(std::move(file)) {}

  const std::filesystem::path& file() const { return file_; }

  // The time of the full check that still vouches for `journal`, whose file is now as
  // `stamp`: nullopt when there is none (no line for it, another stamp, a check older than
  // kMaxAgeSeconds before `now`, or one in the future of `now`).
  std::optional<std::int64_t> vouching_check(const std::filesystem::path& journal, const FileStamp& stamp,
                                             std::int64_t now) const;
  // Remembers that `journal`, now as `stamp`, last passed a full check at `checked_at`.
  // Written whole (a temporary file renamed over the memo), private (0600, in a 0700
  // directory). Best effort: returns false, and changes nothing, when it cannot.
  bool remember(const std::filesystem::path& journal, const FileStamp& stamp, std::int64_t checked_at) const;
  // Forgets `journal`: its next write does the full check. Best effort, as remember().
  bool forget(const std::filesystem::path& journal) const;

 private:
  std::filesystem::path file_;
};

}  // namespace niggle
