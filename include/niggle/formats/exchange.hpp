#pragma once
// Export and import in niggle's own formats (docs/FORMATS.md):
//   JSON   one document: {"format": "niggle-journal", "version": 1, "entries": [...], "removed": [...], "gear": [...]}
//   CSV    a header and one row per entry, sessions and pain entries in one table
// and other programs' activity files (GPX, TCX, FIT, Strava's activities.csv; activity.hpp),
// plain, gzipped or in a zip archive, and Strava's whole export (strava_export.hpp),
// whose activities are matched by their source key instead of a UUID.
// Import recognises a file's format by its content, in one table (file_import_formats()) that
// a new format joins with a recogniser and a reader. Reading is apart from merging: a
// reader turns a whole file into entries and rejections, and the caller merges a file
// only when nothing in it was rejected, so each file is taken whole or not at all.
// Another journal as a source, and exports of a journal, are the store's
// (store/sources.hpp): this layer sees entries and removals, never a journal.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/formats/activity.hpp"
#include "niggle/core/entry.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/formats/rejection.hpp"
#include "niggle/formats/record.hpp"

namespace niggle {

inline constexpr std::string_view kExportFormatName = "niggle-journal";
inline constexpr int kExportVersion = 1;

enum class ExportFormat { json, csv };
std::optional<ExportFormat> parse_export_format(std::string_view text);  // "json", "csv"

// These entries (in export order) and removals, with UUIDs and times, with no time of
// export inside: the same journal gives the same bytes. CSV holds no removals and no gear
// items (each session's gear name is a column).
std::string export_document(std::span<const Entry> entries, std::span<const Removal> removals, ExportFormat format,
                            std::span<const GearItem> gear = {});

// The same document written piece by piece, for a journal of any size: each entry is
// serialised, handed to `sink` (in pieces of about 64 KiB) and forgotten, so memory stays
// bounded however many entries there are. Call entry() for every entry in export order, then
// removal() for every removal, then gear() for every item, then finish(); the bytes are
// those of export_document. A sink reports a failed write by throwing; nothing is written
// after that.
class ExportWriter {
 public:
  using Sink = std::function<void(std::string_view bytes)>;
  ExportWriter(ExportFormat format, Sink sink);
  ExportWriter(const ExportWriter&) = delete;
  ExportWriter& operator=(const ExportWriter&) = delete;

  void entry(const Entry& entry);
  void removal(const Removal& removal);
  void gear(const GearItem& item);
  // Closes the document and hands the rest to the sink.
  void finish();

 private:
  enum class Part { entries, removed, gear, done };
  void enter(Part part);  // closes the lists before `part`; std::logic_error for a step back
  void list_item(const Json& item);
  void send_if_full();

  ExportFormat format_;
  Sink sink_;
  std::string pending_;
  Part part_ = Part::entries;
  bool list_empty_ = true;
};

// The rest of a file read as a stream, after its first bytes: up to `size` bytes into
// `buffer`, 0 at the end. Throws FileError when the file cannot be read.
using ImportStream = std::function<std::size_t(char* buffer, std::size_t size)>;

// A file to import: its name for messages, its path (empty for standard input) and bytes.
// A zip archive on disk is read from its path as it is needed (an export's photos are never
// read into memory), and so is a Strava export folder. A large GPX file, or a large gzip
// file (which may hold one), is a stream: `contents` holds its first bytes (for the
// recognisers) and `rest` reads the others once, as the reader needs them.
struct ImportSource {
  enum class Kind { bytes, zip_file, export_folder, stream };
  std::string name;
  std::filesystem::path path;
  std::string contents;  // empty for a zip file or a folder; the first bytes of a stream
  Kind kind = Kind::bytes;
  ImportStream rest = nullptr;  // a stream's bytes after `contents`
};
// Reads a file (or standard input for "-") whole; a zip file or a folder holding Strava's
// activities.csv only by name. Throws FileError.
ImportSource load_import_source(const std::string& argument, std::istream& standard_input);
// The same, but a GPX or gzip file longer than its first 64 KiB is left open as a stream
// (Kind::stream), to be read through in bounded memory: what `import` reads.
ImportSource open_import_source(const std::string& argument, std::istream& standard_input);

// The most a GPX file read as a stream may hold, plain or inflated: memory does not grow
// with it, so it may be larger than the 256 MiB niggle reads whole from other files, but
// not without end (a gzip bomb would keep the reader busy for minutes).
inline constexpr std::size_t kMaxStreamedGpxBytes = 1024u * 1024 * 1024;


// What a reader made of a file.
struct ImportBatch {
  std::string format;               // "niggle JSON", "niggle CSV", "niggle journal", "GPX"...
  std::size_t records = 0;          // records read, the rejected ones included
  std::vector<Entry> entries;       // the accepted ones
  std::vector<Removal> removals;
  std::vector<GearItem> gear;       // niggle's own exports and journals: the gear items
  std::vector<Rejection> rejections;
  std::vector<std::string> warnings;  // kept, but worth saying (a track without times...)
  std::optional<std::string> summary;  // a Strava export's: what it held, what could not be read
};

// What readers may need beyond the bytes. Activity files (GPX, TCX, Strava) use
// `activity`: the time zone that turns a UTC start into a local day, the type to use
// where a file does not say, --split, --moving-time and --date.
struct ImportOptions {
  Date today;
  ActivityOptions activity;
  // Called as the files of an archive or an export are read (for a progress bar).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct ImportFormat {
  std::string_view name;
  bool (*recognise)(const ImportSource& source);  // by content, not by file name
  ImportBatch (*read)(const ImportSource& source, const ImportOptions& options);  // FileError: unusable file
};
// Other programs' files and niggle's own exports, in the order they are tried.
std::span<const ImportFormat> file_import_formats();

// The first of `formats` (file_import_formats() when empty) that recognises the file reads
// it. Throws FileError when none does, naming the formats.
ImportBatch read_import_file(const ImportSource& source, const ImportOptions& options,
                             std::span<const ImportFormat> formats = {});

// Accepts records read from a file into a batch, checking each (through entry_from_record)
// or recording why not: a UUID, and a source key, may appear once per file.
class RecordCollector {
 public:
  RecordCollector(ImportBatch& batch, Date today) : batch_(batch), today_(today) {}
  void record(const std::string& where, const Json& record);
  void removal(const std::string& where, const Json& item);

 private:
  ImportBatch& batch_;
  Date today_;
  std::map<std::string, std::string> seen_, seen_sources_;
};

}  // namespace niggle
