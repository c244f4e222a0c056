#pragma once
// Files other than the journal (exports, backups) are written whole or not at all: into a
// temporary file beside the target, then renamed over it. They are private (mode 0600),
// as the journal is.
#include <filesystem>
#include <string_view>

namespace niggle {

// A temporary file in the target's directory that becomes the target on commit() and
// is removed otherwise. Throws FileError when it cannot be created.
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
  bool committed_ = false;
};

void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

// Creates `directory` and any missing parents, each private to the user (0700); an empty
// path or an existing one needs nothing. Returns the directory that could not be created
// (errno says why), or an empty path when all is there.
std::filesystem::path create_private_directories(const std::filesystem::path& directory);

// True when both paths name the same existing file (a link, a relative path...).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

}  // namespace niggle
