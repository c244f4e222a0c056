#include "niggle/store/sync.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "journal_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"
#include "niggle/store/files.hpp"

namespace niggle {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kSuffix = ".niggle.json";
constexpr std::string_view kStem = ".niggle";
constexpr std::size_t kMaxDeviceName = 64;

bool device_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

bool plausible_device(std::string_view name) {
  return !name.empty() && name.size() <= kMaxDeviceName && name.front() != '.' &&
         std::all_of(name.begin(), name.end(), device_char);
}

std::string hex(std::uint64_t value) { return fmt::format("{:016x}", value); }

}  // namespace

std::optional<SyncFile> classify_sync_file(std::string_view name) {
  if (name.empty() || name.front() == '.' || name.front() == '~') return std::nullopt;  // temporaries
  if (name.size() > kSuffix.size() && name.ends_with(kSuffix)) {
    const std::string_view device = name.substr(0, name.size() - kSuffix.size());
    if (plausible_device(device)) return SyncFile{std::string{name}, std::string{device}, std::nullopt};
    return std::nullopt;
  }
  if (!name.ends_with(".json")) return std::nullopt;
  const std::string_view stem = name.substr(0, name.size() - 5);
  // Syncthing: the name before the extension gains ".sync-conflict-<date>-<time>-<device id>".
  if (const auto at = stem.find(".niggle.sync-conflict-"); at != std::string_view::npos) {
    const std::string_view device = stem.substr(0, at);
    if (plausible_device(device)) return SyncFile{std::string{name}, std::string{device}, std::string{"Syncthing"}};
    return std::nullopt;
  }
  // Nextcloud: " (conflicted copy <date> <time>)"; Dropbox: " (<who>'s conflicted copy <date>)".
  if (const auto at = stem.find(".niggle ("); at != std::string_view::npos && stem.ends_with(")") &&
                                               stem.find("conflicted copy", at) != std::string_view::npos) {
    const std::string_view device = stem.substr(0, at);
    const std::string_view tail = stem.substr(at + kStem.size());
    const char* tool = tail.find("'s conflicted copy") != std::string_view::npos ? "Dropbox" : "Nextcloud";
    if (plausible_device(device)) return SyncFile{std::string{name}, std::string{device}, std::string{tool}};
  }
  return std::nullopt;
}

std::vector<SyncFile> scan_sync_folder(const fs::path& folder) {
  std::vector<SyncFile> files;
  std::error_code ec;
  fs::directory_iterator it(folder, ec);
  if (ec) {
    throw FileError(fmt::format("cannot read the sync folder '{}': {}", printable(folder.string(), 200), ec.message()));
  }
  for (const fs::directory_entry& entry : it) {
    std::error_code type_ec;
    if (!entry.is_regular_file(type_ec)) continue;  // folders, and links to nowhere
    if (auto file = classify_sync_file(entry.path().filename().string())) files.push_back(std::move(*file));
  }
  std::sort(files.begin(), files.end(), [](const SyncFile& a, const SyncFile& b) { return a.file_name < b.file_name; });
  return files;
}

std::string device_file_name(std::string_view device) { return fmt::format("{}{}", device, kSuffix); }

void check_device_name(std::string_view name, std::string_view origin) {
  if (!plausible_device(name)) {
    throw ValueError(fmt::format("{} '{}' is not a device name: use 1-{} letters, digits, '-', '_' or '.', not starting "
                                 "with '.' (such as laptop or phone)",
                                 origin, printable(name, 100), kMaxDeviceName));
  }
}

std::string host_device_name() {
  char buffer[HOST_NAME_MAX + 1] = {};
  if (::gethostname(buffer, sizeof buffer - 1) != 0 || buffer[0] == '\0') return "device";
  std::string name{buffer};
  // Only the host's own name, not its domain: "laptop.example.org" is "laptop".
  if (const auto dot = name.find('.'); dot != std::string::npos && dot > 0) name.resize(dot);
  for (char& c : name)
    if (!device_char(c)) c = '-';
  if (name.size() > kMaxDeviceName) name.resize(kMaxDeviceName);
  return plausible_device(name) ? name : "device";
}

std::uint64_t content_hash(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;  // the FNV-1a offset basis and prime
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string journal_fingerprint(const Journal& journal) {
  if (!journal.exists()) return "none";
  try {
    SQLite::Database& db = journal.impl().db;
    SQLite::Statement changes(db, "SELECT count(*), coalesce(max(id), 0), count(undone_at) FROM change_set");
    changes.executeStep();
    SQLite::Statement counts(db, "SELECT (SELECT count(*) FROM entry), (SELECT count(*) FROM removal)");
    counts.executeStep();
    return fmt::format("{}-{}-{}-{}-{}", changes.getColumn(0).getInt64(), changes.getColumn(1).getInt64(),
                       changes.getColumn(2).getInt64(), counts.getColumn(0).getInt64(), counts.getColumn(1).getInt64());
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, journal.path(), "read");
  }
}

fs::path sync_state_path(const fs::path& journal) { return fs::path(journal.string() + ".sync-state"); }

bool stat_sync_file(const fs::path& file, SyncState::Seen& seen) {
  struct ::stat info {};
  if (::stat(file.c_str(), &info) != 0) return false;
  seen.inode = static_cast<std::uint64_t>(info.st_ino);
  seen.size = static_cast<std::uint64_t>(info.st_size);
  seen.ctime_ns = static_cast<std::int64_t>(info.st_ctim.tv_sec) * 1'000'000'000 + info.st_ctim.tv_nsec;
  return true;
}

std::optional<SyncState> load_sync_state(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  try {
    const nlohmann::json document = nlohmann::json::parse(text.str());
    SyncState state;
    state.folder = document.at("folder").get<std::string>();
    state.device = document.at("device").get<std::string>();
    state.journal = document.at("journal").get<std::string>();
    for (const auto& [name, seen] : document.at("files").items()) {
      SyncState::Seen& entry = state.files[name];
      entry.hash = std::stoull(seen.at("hash").get<std::string>(), nullptr, 16);
      entry.refused = seen.at("refused").get<std::string>();
      entry.inode = seen.at("inode").get<std::uint64_t>();
      entry.size = seen.at("size").get<std::uint64_t>();
      entry.ctime_ns = seen.at("ctime_ns").get<std::int64_t>();
    }
    return state;
  } catch (const std::exception&) {  // garbled or from another version: as if none
    return std::nullopt;
  }
}

void save_sync_state(const fs::path& file, const SyncState& state) {
  nlohmann::json files = nlohmann::json::object();
  for (const auto& [name, seen] : state.files) {
    files[name] = {{"hash", hex(seen.hash)}, {"refused", seen.refused}, {"inode", seen.inode},
                   {"size", seen.size},      {"ctime_ns", seen.ctime_ns}};
  }
  const nlohmann::json document = {
      {"folder", state.folder}, {"device", state.device}, {"journal", state.journal}, {"files", files}};
  try {
    PendingFile pending(file);
    pending.write(document.dump(1) + '\n');
    pending.commit(PendingFile::Durability::cache);
  } catch (const Error&) {
    // Without a state the next sync merges everything again, which changes nothing.
  }
}

}  // namespace niggle
