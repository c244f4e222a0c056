#include "niggle/store/check_memo.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "niggle/core/error.hpp"
#include "niggle/store/files.hpp"

namespace niggle {
namespace fs = std::filesystem;
namespace {

// At most this many journals are remembered; the least recently checked are dropped.
constexpr std::size_t kMaxJournals = 64;

struct Line {
  std::int64_t checked_at = 0;
  FileStamp stamp;
  std::string journal;
};

// The journal as the memo names it: absolute, with links resolved, so that `--db ./j.db`
// and `--db /home/me/j.db` share a line. Empty when it cannot be named on one line.
std::string key_of(const fs::path& journal) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(journal, ec);
  if (ec) resolved = fs::absolute(journal, ec).lexically_normal();
  if (ec) return {};
  std::string key = resolved.string();
  if (key.empty() || key.find_first_of("\n\r") != std::string::npos) return {};
  return key;
}

// "<checked_at> <device> <inode> <size> <mtime_ns> <ctime_ns> <journal>": the path last, as
// it may hold spaces. A line that does not read so is dropped (a line written before the
// change time was kept reads its path there, and is dropped: one more full check).
std::vector<Line> read_lines(const fs::path& file) {
  std::vector<Line> lines;
  std::ifstream in(file);
  std::string text;
  while (std::getline(in, text)) {
    std::istringstream fields(text);
    Line line;
    if (!(fields >> line.checked_at >> line.stamp.device >> line.stamp.inode >> line.stamp.size >> line.stamp.mtime_ns >>
          line.stamp.ctime_ns)) {
      continue;
    }
    if (fields.get() != ' ' || !std::getline(fields, line.journal) || line.journal.empty()) continue;
    lines.push_back(std::move(line));
  }
  return lines;
}

// Whole or not at all, through a temporary file renamed over the memo, without the flush
// to disk: a memo lost to a power cut costs one full check, and a garbled one reads as none.
bool write_lines(const fs::path& file, std::vector<Line> lines) {
  if (!create_private_directories(file.parent_path()).empty()) return false;
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.checked_at > b.checked_at; });
  if (lines.size() > kMaxJournals) lines.resize(kMaxJournals);
  std::string text;
  for (const Line& line : lines) {
    text += std::to_string(line.checked_at) + ' ' + std::to_string(line.stamp.device) + ' ' +
            std::to_string(line.stamp.inode) + ' ' + std::to_string(line.stamp.size) + ' ' +
            std::to_string(line.stamp.mtime_ns) + ' ' + std::to_string(line.stamp.ctime_ns) + ' ' + line.journal + '\n';
  }
  try {
    PendingFile pending(file);
    pending.write(text);
    pending.commit(PendingFile::Durability::cache);
    return true;
  } catch (const Error&) {
    return false;
  }
}

}  // namespace

std::optional<FileStamp> stamp_of(const fs::path& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return FileStamp{static_cast<std::uint64_t>(status.st_dev), static_cast<std::uint64_t>(status.st_ino),
                   static_cast<std::int64_t>(status.st_size),
                   static_cast<std::int64_t>(status.st_mtim.tv_sec) * 1'000'000'000 + status.st_mtim.tv_nsec,
                   static_cast<std::int64_t>(status.st_ctim.tv_sec) * 1'000'000'000 + status.st_ctim.tv_nsec};
}

std::optional<std::int64_t> CheckMemo::vouching_check(const fs::path& journal, const FileStamp& stamp,
                                                      std::int64_t now) const {
  const std::string key = key_of(journal);
  if (key.empty()) return std::nullopt;
  for (const Line& line : read_lines(file_)) {
    if (line.journal != key) continue;
    const bool fresh = line.checked_at <= now && now - line.checked_at < kMaxAgeSeconds;
    if (fresh && line.stamp == stamp) return line.checked_at;
    return std::nullopt;
  }
  return std::nullopt;
}

bool CheckMemo::remember(const fs::path& journal, const FileStamp& stamp, std::int64_t checked_at) const {
  const std::string key = key_of(journal);
  if (key.empty()) return false;
  std::vector<Line> lines = read_lines(file_);
  std::erase_if(lines, [&](const Line& line) { return line.journal == key; });
  lines.push_back({checked_at, stamp, key});
  return write_lines(file_, std::move(lines));
}

bool CheckMemo::forget(const fs::path& journal) const {
  const std::string key = key_of(journal);
  if (key.empty()) return false;
  std::vector<Line> lines = read_lines(file_);
  const auto dropped = std::erase_if(lines, [&](const Line& line) { return line.journal == key; });
  return dropped == 0 || write_lines(file_, std::move(lines));
}

}  // namespace niggle
