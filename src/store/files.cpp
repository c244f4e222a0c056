#include "niggle/store/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace fs = std::filesystem;
namespace {

std::string quoted(const fs::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

// The temporary files being written, for the signal handler to remove: a fixed table of
// fixed buffers, as nothing else may be touched from a handler (no allocation, no locks).
// A slot is filled before it is marked in use and unmarked before it is reused.
constexpr std::size_t kMaxPending = 8;
constexpr std::size_t kMaxPathBytes = 4096;
constexpr const char* kSqliteJournalSuffix = "-journal";  // SQLite's rollback journal, beside a backup

struct PendingSlot {
  volatile std::sig_atomic_t in_use = 0;
  char path[kMaxPathBytes + 16] = {};
  char journal[kMaxPathBytes + 16] = {};
};
PendingSlot pending_slots[kMaxPending];

constexpr int kCleanupSignals[] = {SIGTERM, SIGINT, SIGHUP};

// Async-signal-safe: unlink and raise only. The default action then ends the process as
// the signal would have, with the status a shell expects (128 + the signal).
extern "C" void remove_pending_files(int signal_number) {
  for (PendingSlot& slot : pending_slots) {
    if (slot.in_use == 0) continue;
    ::unlink(slot.path);
    ::unlink(slot.journal);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

void install_cleanup_handlers() {
  static bool installed = false;
  if (installed) return;
  installed = true;
  for (const int signal_number : kCleanupSignals) {
    struct sigaction current {};
    ::sigaction(signal_number, nullptr, &current);
    if (current.sa_handler == SIG_IGN) continue;  // nohup: an ignored signal stays ignored
    struct sigaction action {};
    action.sa_handler = remove_pending_files;
    sigemptyset(&action.sa_mask);
    for (const int other : kCleanupSignals) sigaddset(&action.sa_mask, other);
    ::sigaction(signal_number, &action, nullptr);
  }
}

int claim_slot(const std::string& path) {
  if (path.size() >= kMaxPathBytes) return -1;  // not removable on a signal; still removed on any error
  for (std::size_t i = 0; i < kMaxPending; ++i) {
    PendingSlot& slot = pending_slots[i];
    if (slot.in_use != 0) continue;
    std::memcpy(slot.path, path.c_str(), path.size() + 1);
    std::memcpy(slot.journal, path.c_str(), path.size());
    std::memcpy(slot.journal + path.size(), kSqliteJournalSuffix, std::strlen(kSqliteJournalSuffix) + 1);
    slot.in_use = 1;
    return static_cast<int>(i);
  }
  return -1;
}

void release_slot(int index) {
  if (index >= 0) pending_slots[index].in_use = 0;
}

// ".NAME.niggle-XXXXXX" (and its "-journal"): a temporary file of PendingFile.
bool is_pending_name(std::string_view name) {
  if (name.ends_with(kSqliteJournalSuffix)) name.remove_suffix(std::strlen(kSqliteJournalSuffix));
  constexpr std::string_view kMarker = ".niggle-";
  return name.size() > 1 + kMarker.size() + 6 && name.front() == '.' &&
         name.substr(name.size() - 6 - kMarker.size(), kMarker.size()) == kMarker;
}

}  // namespace

void remove_stale_pending_files(const fs::path& directory, std::int64_t older_than_seconds) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!is_pending_name(name)) continue;
    struct stat status {};
    if (::lstat(it->path().c_str(), &status) != 0 || !S_ISREG(status.st_mode) || status.st_uid != ::geteuid()) continue;
    std::error_code time_error;
    const auto modified = fs::last_write_time(it->path(), time_error);
    if (time_error || now - modified < std::chrono::seconds(older_than_seconds)) continue;
    ::unlink(it->path().c_str());
  }
}

PendingFile::PendingFile(const fs::path& target) : target_(target) {
  std::error_code ec;
  if (fs::is_directory(target, ec)) throw FileError(fmt::format("{} is a directory; give a file name", quoted(target)));
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(directory, ec)) {
    throw FileError(fmt::format("cannot write {}: the directory {} does not exist", quoted(target), quoted(directory)));
  }
  // What an earlier niggle killed without a chance to clean up (SIGKILL, a power cut) left.
  remove_stale_pending_files(directory, kStalePendingSeconds);
  install_cleanup_handlers();
  std::string pattern = (directory / ("." + target.filename().string() + ".niggle-XXXXXX")).string();
  // The clean-up signals wait while the file is made and the slot learns its name: between
  // mkstemp and the slot's update, a signal would unlink the pattern, not the file, and
  // leave the file behind (seen once in a hundred-odd interrupted backups).
  sigset_t cleanup_signals, before;
  sigemptyset(&cleanup_signals);
  for (const int signal_number : kCleanupSignals) sigaddset(&cleanup_signals, signal_number);
  ::sigprocmask(SIG_BLOCK, &cleanup_signals, &before);
  slot_ = claim_slot(pattern);
  fd_ = ::mkstemp(pattern.data());  // mode 0600
  const int why = errno;
  if (fd_ >= 0 && slot_ >= 0) {
    // mkstemp filled in the X's: the slot learns the real name before anything is written.
    PendingSlot& slot = pending_slots[slot_];
    std::memcpy(slot.path, pattern.c_str(), pattern.size() + 1);
    std::memcpy(slot.journal, pattern.c_str(), pattern.size());
    std::memcpy(slot.journal + pattern.size(), kSqliteJournalSuffix, std::strlen(kSqliteJournalSuffix) + 1);
  }
  if (fd_ < 0) release_slot(slot_);
  ::sigprocmask(SIG_SETMASK, &before, nullptr);  // a signal that came meanwhile is handled here
  if (fd_ < 0) throw FileError(fmt::format("cannot write {}: {}", quoted(target), std::strerror(why)));
  temporary_ = pattern;
}

PendingFile::~PendingFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) {
    std::error_code ec;
    fs::remove(temporary_, ec);
  }
  // A backup written through SQLite may have left its rollback journal (after a failure).
  std::error_code ec;
  fs::remove(temporary_.string() + kSqliteJournalSuffix, ec);
  release_slot(slot_);
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
  release_slot(slot_);  // the name is the target's now: a signal must not remove it
  slot_ = -1;
}

void write_file_atomically(const fs::path& path, std::string_view contents) {
  write_file_atomically(path, [&](const std::function<void(std::string_view)>& sink) { sink(contents); });
}

void write_file_atomically(const fs::path& path,
                           const std::function<void(const std::function<void(std::string_view)>& sink)>& write) {
  PendingFile file(path);
  write([&](std::string_view bytes) { file.write(bytes); });
  file.commit();
}

fs::path create_private_directories(const fs::path& directory) {
  std::error_code ec;
  if (directory.empty() || fs::exists(directory, ec)) return {};
  if (fs::path failed = create_private_directories(directory.parent_path()); !failed.empty()) return failed;
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) return directory;
  return {};
}

bool is_journal_file(const fs::path& target, const fs::path& journal) {
  if (same_file(target, journal)) return true;
  std::error_code ec;
  const fs::path mine = fs::weakly_canonical(target, ec);
  if (ec) return false;
  const fs::path theirs = fs::weakly_canonical(journal, ec);
  if (ec) return false;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    if (mine == fs::path(theirs.string() + suffix)) return true;
  }
  return false;
}

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  const bool same = fs::equivalent(a, b, ec);
  return !ec && same;
}

}  // namespace niggle
