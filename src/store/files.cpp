#include "niggle/store/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace fs = std::filesystem;
namespace {

std::string quoted(const fs::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

}  // namespace

PendingFile::PendingFile(const fs::path& target) : target_(target) {
  std::error_code ec;
  if (fs::is_directory(target, ec)) throw FileError(fmt::format("{} is a directory; give a file name", quoted(target)));
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(directory, ec)) {
    throw FileError(fmt::format("cannot write {}: the directory {} does not exist", quoted(target), quoted(directory)));
  }
  std::string pattern = (directory / ("." + target.filename().string() + ".niggle-XXXXXX")).string();
  fd_ = ::mkstemp(pattern.data());  // mode 0600
  if (fd_ < 0) throw FileError(fmt::format("cannot write {}: {}", quoted(target), std::strerror(errno)));
  temporary_ = pattern;
}

PendingFile::~PendingFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
}

void PendingFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      throw FileError(fmt::format("cannot write {}: {}; nothing was written", quoted(target_), std::strerror(errno)));
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void PendingFile::commit(Durability durability) {
  if ((durability == Durability::synced && ::fsync(fd_) != 0) || ::close(fd_) != 0) {
    fd_ = -1;
    throw FileError(fmt::format("cannot write {}: {}; nothing was written", quoted(target_), std::strerror(errno)));
  }
  fd_ = -1;
  if (::rename(temporary_.c_str(), target_.c_str()) != 0) {
    throw FileError(fmt::format("cannot write {}: {}; nothing was written", quoted(target_), std::strerror(errno)));
  }
  committed_ = true;
}

void write_file_atomically(const fs::path& path, std::string_view contents) {
  PendingFile file(path);
  file.write(contents);
  file.commit();
}

fs::path create_private_directories(const fs::path& directory) {
  std::error_code ec;
  if (directory.empty() || fs::exists(directory, ec)) return {};
  if (fs::path failed = create_private_directories(directory.parent_path()); !failed.empty()) return failed;
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) return directory;
  return {};
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  const bool same = fs::equivalent(a, b, ec);
  return !ec && same;
}

}  // namespace niggle
