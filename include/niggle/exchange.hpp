#pragma once
// Export and import in niggle's own formats (docs/FORMATS.md):
//   JSON   one document: {"format": "niggle-journal", "version": 1, "entries": [...], "removed": [...]}
//   CSV    a header and one row per entry, sessions and pain entries in one table
//   a journal file, merged by UUID
// Import recognises a file's format by its content, in one table (import_formats()) that
// a new format joins with a recogniser and a reader. Reading is apart from merging: a
// reader turns a whole file into entries and rejections, and the caller merges a file
// only when nothing in it was rejected, so each file is taken whole or not at all.
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/entry.hpp"
#include "niggle/journal.hpp"

namespace niggle {

inline constexpr std::string_view kExportFormatName = "niggle-journal";
inline constexpr int kExportVersion = 1;

enum class ExportFormat { json, csv };
std::optional<ExportFormat> parse_export_format(std::string_view text);  // "json", "csv"

// Everything in the journal, with UUIDs and times, in a stable order and with no time of
// export inside: the same journal gives the same bytes.
std::string export_document(const Journal& journal, ExportFormat format);

// A file to import: its name for messages, its path (empty for standard input) and bytes.
struct ImportSource {
  std::string name;
  std::filesystem::path path;
  std::string contents;
};
// Reads a file (or standard input for "-") whole. Throws FileError.
ImportSource load_import_source(const std::string& argument, std::istream& standard_input);

struct Rejection {
  std::string where;   // "record 3", "line 5", "entry #12"
  std::string reason;
};

// What a reader made of a file.
struct ImportBatch {
  std::string format;               // "niggle JSON", "niggle CSV", "niggle journal"
  std::size_t records = 0;          // records read, the rejected ones included
  std::vector<Entry> entries;       // the accepted ones
  std::vector<Removal> removals;
  std::vector<Rejection> rejections;
};

struct ImportFormat {
  std::string_view name;
  bool (*recognise)(const ImportSource& source);        // by content, not by file name
  ImportBatch (*read)(const ImportSource& source, Date today);  // throws FileError for an unusable file
};
std::span<const ImportFormat> import_formats();

// The first format that recognises the file reads it. Throws FileError when none does.
ImportBatch read_import(const ImportSource& source, Date today);

}  // namespace niggle
