#pragma once
// Compressed files and archives, read through libarchive: a gzip file of any format
// (Strava ships its activity files as NNN.gpx.gz, NNN.tcx.gz, NNN.fit.gz) and zip archives
// (Strava's export_NNNN.zip). Both are recognised by their first bytes, not their names.
// Every member is bounded: one that inflates past the limit is refused as a likely zip bomb
// (a few kilobytes can inflate to gigabytes), before it fills memory.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace niggle {

// The most one file, or one member of an archive, may inflate to; as much as niggle reads
// from any one file.
inline constexpr std::size_t kMaxInflatedBytes = 256u * 1024 * 1024;
// The most all the members taken from one archive may inflate to together.
inline constexpr std::size_t kMaxArchiveBytes = 4096ull * 1024 * 1024;

bool is_gzip(std::string_view bytes);  // 1F 8B
bool is_zip(std::string_view bytes);   // "PK\3\4", or "PK\5\6" for an empty archive

// Inflates gzip data (several members follow on as one). `name` is for messages. Throws
// FileError when the data is damaged or inflates past `limit`.
std::string gunzip(std::string_view bytes, std::string_view name, std::size_t limit = kMaxInflatedBytes);

// Inflates gzip data as it is read, chunk by chunk, from `source` (which gives up to `size`
// bytes into `buffer`, 0 at the end): for a gzipped GPX, which is parsed as it inflates.
// `name` is for messages. read() throws FileError when the data is damaged; the caller
// bounds what it takes.
class GzipReader {
 public:
  using Source = std::function<std::size_t(char* buffer, std::size_t size)>;
  GzipReader(Source source, std::string name);
  ~GzipReader();
  GzipReader(const GzipReader&) = delete;
  GzipReader& operator=(const GzipReader&) = delete;
  // Up to `size` inflated bytes into `buffer`; 0 at the end.
  std::size_t read(char* buffer, std::size_t size);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

struct ArchiveMember {
  std::string path;      // as the archive names it, '/' between folders
  std::string contents;  // as stored, not inflated further (a .gz member stays gzip)
};

// The members of a zip archive whose path `wanted` accepts (all files when it is empty), read
// from the file at `path`, or from `bytes` when `path` is empty. Folders are left out.
// `name` is for messages. Throws FileError when the archive is damaged, a member inflates past
// `member_limit`, or the members together pass `total_limit`.
std::vector<ArchiveMember> read_zip(const std::filesystem::path& path, std::string_view bytes, std::string_view name,
                                    const std::function<bool(std::string_view)>& wanted = {},
                                    std::size_t member_limit = kMaxInflatedBytes,
                                    std::size_t total_limit = kMaxArchiveBytes);

}  // namespace niggle
