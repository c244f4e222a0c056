#include "niggle/file_output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <string>

#include "niggle/error.hpp"
#include "niggle/text.hpp"

namespace niggle {
namespace {

std::string quoted(const std::filesystem::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what, int error) {
  throw FileError(fmt::format("cannot write {}: {}: {}", quoted(path), what, std::strerror(error)));
}

// Closes the descriptor and removes the temporary file unless the rename went through.
struct Temporary {
  std::string name;
  int fd = -1;
  bool renamed = false;
  ~Temporary() {
    if (fd >= 0) ::close(fd);
    if (!renamed && !name.empty()) ::unlink(name.c_str());
  }
};

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
  if (!path.has_filename()) throw FileError(fmt::format("cannot write {}: it names a directory, not a file", quoted(path)));
  const std::filesystem::path& target = path;
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) {
    throw FileError(fmt::format("cannot write {}: it is a directory", quoted(path)));
  }
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(directory, ec)) {
    throw FileError(fmt::format("cannot write {}: the directory {} does not exist", quoted(path), quoted(directory)));
  }

  Temporary temp;
  // A hidden name beside the target, so the rename stays within one file system.
  temp.name = (directory / fmt::format(".{}.XXXXXX", target.filename().string())).string();
  temp.fd = ::mkostemp(temp.name.data(), O_CLOEXEC);  // mkostemp creates the file 0600
  if (temp.fd < 0) {
    const int error = errno;
    temp.name.clear();
    fail(path, "cannot create a file in its directory", error);
  }
  // mkostemp's mode is 0600 already; set it outright all the same, as the file's promise.
  if (::fchmod(temp.fd, S_IRUSR | S_IWUSR) != 0) fail(path, "cannot set its permissions", errno);
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t n = ::write(temp.fd, contents.data() + written, contents.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "cannot write its contents", errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(temp.fd) != 0) fail(path, "cannot flush it to the disk", errno);
  const int fd = temp.fd;
  temp.fd = -1;
  if (::close(fd) != 0) fail(path, "cannot close it", errno);
  if (::rename(temp.name.c_str(), target.c_str()) != 0) fail(path, "cannot put it in place", errno);
  temp.renamed = true;
  // The rename itself lasts once the directory is on the disk too.
  const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace niggle
