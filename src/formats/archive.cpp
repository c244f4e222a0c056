#include "niggle/formats/archive.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>
#include <memory>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

std::string reason(struct archive* a) {
  const char* text = archive_error_string(a);
  return printable(text ? text : "unknown error", 200);
}

std::string mebibytes(std::size_t bytes) { return fmt::format("{} MiB", bytes / (1024 * 1024)); }

// Reads the current member whole, refusing it past `limit` (counted as it inflates, so a
// bomb stops at the limit, not at the end of memory).
std::string read_member(struct archive* a, std::string_view what, std::size_t limit) {
  std::string out;
  char buffer[65536];
  while (true) {
    const la_ssize_t got = archive_read_data(a, buffer, sizeof buffer);
    if (got < 0) throw FileError(fmt::format("{} is damaged: {}", what, reason(a)));
    if (got == 0) break;
    if (out.size() + static_cast<std::size_t>(got) > limit) {
      throw FileError(fmt::format("{} inflates to more than {}, past what niggle reads from one file; refused as a "
                                  "likely zip bomb",
                                  what, mebibytes(limit)));
    }
    out.append(buffer, static_cast<std::size_t>(got));
  }
  return out;
}

}  // namespace

bool is_gzip(std::string_view bytes) { return bytes.size() >= 2 && bytes[0] == '\x1F' && bytes[1] == '\x8B'; }

bool is_zip(std::string_view bytes) {
  return bytes.size() >= 4 && bytes.substr(0, 2) == "PK" &&
         ((bytes[2] == '\x03' && bytes[3] == '\x04') || (bytes[2] == '\x05' && bytes[3] == '\x06'));
}

std::string gunzip(std::string_view bytes, std::string_view name, std::size_t limit) {
  ArchivePtr a(archive_read_new(), archive_read_free);
  if (!a) throw FileError("cannot inflate: out of memory");
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_raw(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    throw FileError(fmt::format("{} is not readable gzip: {}", name, reason(a.get())));
  }
  struct archive_entry* entry = nullptr;
  if (archive_read_next_header(a.get(), &entry) != ARCHIVE_OK) {
    throw FileError(fmt::format("{} is not readable gzip: {}", name, reason(a.get())));
  }
  return read_member(a.get(), fmt::format("{} (gzip)", name), limit);
}

struct GzipReader::State {
  Source source;
  std::string name;
  ArchivePtr archive{nullptr, archive_read_free};
  std::vector<char> buffer = std::vector<char>(65536);
  std::string failure;  // why the source could not be read
};

namespace {

la_ssize_t read_from_source(struct archive*, void* data, const void** block) {
  auto& s = *static_cast<GzipReader::State*>(data);
  try {
    const std::size_t got = s.source(s.buffer.data(), s.buffer.size());
    *block = s.buffer.data();
    return static_cast<la_ssize_t>(got);
  } catch (const std::exception& e) {
    s.failure = e.what();
    return -1;
  }
}

}  // namespace

GzipReader::GzipReader(Source source, std::string name) : state_(std::make_unique<State>()) {
  state_->source = std::move(source);
  state_->name = std::move(name);
  state_->archive.reset(archive_read_new());
  struct archive* a = state_->archive.get();
  if (!a) throw FileError("cannot inflate: out of memory");
  archive_read_support_filter_gzip(a);
  archive_read_support_format_raw(a);
  if (archive_read_open(a, state_.get(), nullptr, read_from_source, nullptr) != ARCHIVE_OK) {
    if (!state_->failure.empty()) throw FileError(state_->failure);
    throw FileError(fmt::format("{} is not readable gzip: {}", state_->name, reason(a)));
  }
  struct archive_entry* entry = nullptr;
  if (archive_read_next_header(a, &entry) != ARCHIVE_OK) {
    if (!state_->failure.empty()) throw FileError(state_->failure);
    throw FileError(fmt::format("{} is not readable gzip: {}", state_->name, reason(a)));
  }
}

GzipReader::~GzipReader() = default;

std::size_t GzipReader::read(char* buffer, std::size_t size) {
  const la_ssize_t got = archive_read_data(state_->archive.get(), buffer, size);
  if (got < 0 && !state_->failure.empty()) throw FileError(state_->failure);
  if (got < 0) throw FileError(fmt::format("{} (gzip) is damaged: {}", state_->name, reason(state_->archive.get())));
  return static_cast<std::size_t>(got);
}

std::vector<ArchiveMember> read_zip(const std::filesystem::path& path, std::string_view bytes, std::string_view name,
                                    const std::function<bool(std::string_view)>& wanted, std::size_t member_limit,
                                    std::size_t total_limit) {
  ArchivePtr a(archive_read_new(), archive_read_free);
  if (!a) throw FileError("cannot read an archive: out of memory");
  archive_read_support_format_zip(a.get());
  const int opened = path.empty() ? archive_read_open_memory(a.get(), bytes.data(), bytes.size())
                                  : archive_read_open_filename(a.get(), path.c_str(), 65536);
  if (opened != ARCHIVE_OK) throw FileError(fmt::format("{} is not a readable zip archive: {}", name, reason(a.get())));
  std::vector<ArchiveMember> members;
  std::size_t total = 0;
  struct archive_entry* entry = nullptr;
  while (true) {
    const int status = archive_read_next_header(a.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      throw FileError(fmt::format("{} is damaged: {}", name, reason(a.get())));
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* raw_path = archive_entry_pathname_utf8(entry);
    if (!raw_path) raw_path = archive_entry_pathname(entry);
    std::string member_path = raw_path ? raw_path : "";
    if (member_path.empty() || (wanted && !wanted(member_path))) continue;
    ArchiveMember member;
    member.contents = read_member(a.get(), fmt::format("{} in {}", printable(member_path, 200), name), member_limit);
    total += member.contents.size();
    if (total > total_limit) {
      throw FileError(fmt::format("{} inflates to more than {}; refused as a likely zip bomb", name, mebibytes(total_limit)));
    }
    member.path = std::move(member_path);
    members.push_back(std::move(member));
  }
  return members;
}

}  // namespace niggle
