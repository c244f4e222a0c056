#include "niggle/formats/exchange.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <istream>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "niggle/core/csv.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/format.hpp"
#include "niggle/formats/archive.hpp"
#include "niggle/formats/record.hpp"
#include "niggle/formats/strava_export.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// Larger than any journal a person writes by hand in a lifetime; a guard against
// importing the wrong file, such as a disk image.
constexpr std::size_t kMaxImportBytes = 256u * 1024 * 1024;
// Far deeper than an export (document, list, record, list of tags) or `list --json` goes.
constexpr int kMaxJsonDepth = 32;

std::string_view without_bom(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text;
}

char first_visible(std::string_view text) {
  for (char c : without_bom(text))
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return c;
  return '\0';
}

// The writer hands its bytes on in pieces of about this size: few enough writes, little memory.
constexpr std::size_t kExportPieceBytes = 64 * 1024;

// An item of one of the document's lists, as Json::dump(2) indents it there: two levels in,
// so each of its lines gets four more spaces. Every line break of a dump is the layout's
// (a string's own line breaks are written \n), so indenting after each one is exact.
void append_list_item(std::string& out, const Json& item, bool first) {
  out += first ? "\n    " : ",\n    ";
  const std::string text = item.dump(2);
  std::size_t start = 0;
  for (std::size_t at; (at = text.find('\n', start)) != std::string::npos; start = at + 1) {
    out.append(text, start, at + 1 - start);
    out += "    ";
  }
  out.append(text, start, std::string::npos);
}

bool recognise_json(const ImportSource& source) {
  const char c = first_visible(source.contents);
  return c == '{' || c == '[';
}

ImportBatch read_json(const ImportSource& source, const ImportOptions& options) {
  const Date today = options.today;
  Json document;
  try {
    // Refused while parsing, before it is built: a document nested deeper than any niggle
    // writes (200,000 levels) would be destroyed, copied or walked by recursion, and
    // overflow the stack.
    document = Json::parse(without_bom(source.contents), [&](int depth, Json::parse_event_t, const Json&) {
      if (depth > kMaxJsonDepth) {
        throw FileError(fmt::format("{} is nested more than {} levels deep; niggle's exports are nested 3 levels, "
                                    "so it is not one",
                                    source.name, kMaxJsonDepth));
      }
      return true;
    });
  } catch (const Json::exception& e) {  // parse_error, and out_of_range for a number too large for a double
    throw FileError(fmt::format("{} is not valid JSON: {}", source.name, printable(e.what(), 400)));
  }
  ImportBatch batch;
  RecordCollector collect(batch, today);
  if (document.is_array()) {  // the records of `niggle list --json`
    batch.format = "niggle JSON records";
    for (std::size_t i = 0; i < document.size(); ++i) collect.record(fmt::format("record {}", i + 1), document[i]);
    return batch;
  }
  batch.format = "niggle JSON";
  const auto format = document.find("format");
  if (format == document.end() || *format != kExportFormatName) {
    throw FileError(fmt::format("{} is a JSON document but not a niggle export (its \"format\" is not \"{}\")",
                                source.name, kExportFormatName));
  }
  const auto version = document.find("version");
  if (version == document.end() || !version->is_number_integer()) {
    throw FileError(fmt::format("{} has no format \"version\"", source.name));
  }
  if (version->get<int>() > kExportVersion) {
    throw FileError(fmt::format("{} was written by a newer niggle (format version {}; this niggle reads up to {})",
                                source.name, version->get<int>(), kExportVersion));
  }
  for (const auto& [key, value] : document.items()) {
    if (key != "format" && key != "version" && key != "entries" && key != "removed" && key != "gear") {
      throw FileError(fmt::format("{} has an unknown member \"{}\"", source.name, printable(key)));
    }
  }
  static const Json kNone = Json::array();
  const auto list = [&](const char* key) -> const Json& {
    const auto it = document.find(key);
    if (it == document.end() || it->is_null()) return kNone;
    if (!it->is_array()) throw FileError(fmt::format("{}: \"{}\" must be a list", source.name, key));
    return *it;
  };
  const Json& entries = list("entries");
  const Json& removed = list("removed");
  for (std::size_t i = 0; i < entries.size(); ++i) collect.record(fmt::format("record {}", i + 1), entries[i]);
  for (std::size_t i = 0; i < removed.size(); ++i) collect.removal(fmt::format("removal {}", i + 1), removed[i]);
  const Json& gear = list("gear");
  for (std::size_t i = 0; i < gear.size(); ++i) {
    const std::string where = fmt::format("gear {}", i + 1);
    try {
      GearItem item = gear_from_json(gear[i]);
      if (find_gear(batch.gear, item.name)) {
        batch.rejections.push_back({where, fmt::format("gear '{}' appears twice", printable(item.name))});
      } else {
        batch.gear.push_back(std::move(item));
      }
    } catch (const ValueError& e) {
      batch.rejections.push_back({where, e.what()});
    }
  }
  return batch;
}

std::optional<std::vector<std::string>> csv_header(const ImportSource& source) {
  try {
    CsvReader reader(source.contents);
    return reader.next();
  } catch (const Error&) {
    return std::nullopt;
  }
}

bool recognise_csv(const ImportSource& source) {
  const auto header = csv_header(source);
  if (!header) return false;
  const auto has = [&](std::string_view name) { return std::find(header->begin(), header->end(), name) != header->end(); };
  return has("kind") && has("date");
}

ImportBatch read_csv(const ImportSource& source, const ImportOptions& options) {
  const Date today = options.today;
  ImportBatch batch;
  batch.format = "niggle CSV";
  RecordCollector collect(batch, today);
  try {
    CsvReader reader(source.contents);
    const auto first = reader.next();
    if (!first) throw FileError(fmt::format("{} is empty", source.name));
    const std::vector<std::string>& header = *first;
    std::set<std::string_view> seen;
    for (const std::string& name : header) {
      const auto columns = csv_columns();
      if (std::find(columns.begin(), columns.end(), name) == columns.end()) {
        throw FileError(fmt::format("{}: unknown column '{}'; the columns are: {}", source.name, printable(name),
                                    join(columns, ",")));
      }
      if (!seen.insert(name).second) throw FileError(fmt::format("{}: column '{}' appears twice", source.name, name));
    }
    while (auto row = reader.next()) {
      if (row->size() == 1 && trim((*row)[0]).empty()) continue;  // a blank line
      const std::string where = fmt::format("line {}", reader.line());
      for (std::string& cell : *row) cell = from_spreadsheet_safe(std::move(cell));
      try {
        collect.record(where, record_from_csv(header, *row));
      } catch (const ValueError& e) {
        ++batch.records;
        batch.rejections.push_back({where, e.what()});
      }
    }
  } catch (const ValueError& e) {  // a quote that never closes: the rest cannot be read
    throw FileError(fmt::format("{}: {}", source.name, e.what()));
  }
  return batch;
}

// SQLite's magic: a journal, which this layer does not read (the store does, from a path).
bool is_sqlite(std::string_view bytes) {
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  return bytes.substr(0, kMagic.size()) == kMagic;
}

// Sessions of other programs' files as a batch. A session dated after today is refused
// like typed input.
ImportBatch batch_of(ActivityFile file, std::string format, const ImportOptions& options) {
  ImportBatch batch;
  batch.format = std::move(format);
  batch.records = file.sessions.size() + file.rejected.size();
  batch.rejections = std::move(file.rejected);
  batch.warnings = std::move(file.warnings);
  for (Session& session : file.sessions) {
    if (session.meta.date > options.today) {
      batch.rejections.push_back({session.meta.source.value_or("an activity"),
                                  fmt::format("dated {}, after today ({}); is the clock or the time zone right?",
                                              session.meta.date.iso(), options.today.iso())});
      continue;
    }
    batch.entries.emplace_back(std::move(session));
  }
  return batch;
}

template <ActivityFormat format>
bool recognise_activity(const ImportSource& source) {
  return detect_activity_format(source.contents) == format;
}

std::string mebibytes(std::size_t bytes) { return fmt::format("{} MiB", bytes / (1024 * 1024)); }

// A GPX file read through as a stream: `head` (its first bytes), then `more` until it gives
// nothing, each chunk parsed as it comes, never all of it in memory. `too_large` is the
// error for a file past kMaxStreamedGpxBytes. Errors of the parser are named after the
// source as read_activity names them; errors reading the bytes are as `more` throws them.
ImportBatch read_gpx_stream(const ImportSource& source, std::string_view head, const ImportStream& more,
                            const std::function<FileError()>& too_large, std::string format,
                            const ImportOptions& options) {
  ActivityOptions activity = options.activity;
  activity.file_name = source.path.empty() ? std::string{"standard input"} : source.path.filename().string();
  const auto parse = [&](const auto& step) {
    try {
      step();
    } catch (const FileError& e) {
      throw FileError(fmt::format("{} {}", source.name, e.what()));
    }
  };
  std::optional<GpxReader> reader;
  parse([&] { reader.emplace(activity); });
  std::size_t total = head.size();
  if (total > kMaxStreamedGpxBytes) throw too_large();
  parse([&] { reader->feed(head); });
  std::vector<char> buffer(256 * 1024);
  while (true) {
    const std::size_t got = more(buffer.data(), buffer.size());
    if (got == 0) break;
    total += got;
    if (total > kMaxStreamedGpxBytes) throw too_large();
    parse([&] { reader->feed(std::string_view(buffer.data(), got)); });
  }
  ActivityFile file;
  parse([&] { file = reader->finish(); });
  return batch_of(std::move(file), std::move(format), options);
}

// Other programs' activity files: their sessions carry a source key (a start time, a
// Strava id) instead of a UUID, and the merge takes an activity already in the journal
// under that key as unchanged.
template <ActivityFormat format>
ImportBatch read_activity(const ImportSource& source, const ImportOptions& options) {
  if (format == ActivityFormat::gpx && source.kind == ImportSource::Kind::stream) {
    const auto too_large = [&] {
      return FileError(fmt::format("{} is over {}, more than niggle reads from one GPX file", source.name,
                                   mebibytes(kMaxStreamedGpxBytes)));
    };
    return read_gpx_stream(source, source.contents, source.rest, too_large, std::string{format_name(format)}, options);
  }
  ActivityOptions activity = options.activity;
  activity.file_name = source.path.empty() ? std::string{"standard input"} : source.path.filename().string();
  ActivityFile file;
  try {
    switch (format) {
      case ActivityFormat::gpx: file = parse_gpx(source.contents, activity); break;
      case ActivityFormat::tcx: file = parse_tcx(source.contents, activity); break;
      case ActivityFormat::fit: file = parse_fit(source.contents, activity); break;
      case ActivityFormat::strava_csv: file = parse_strava_csv(source.contents, activity); break;
    }
  } catch (const FileError& e) {
    throw FileError(fmt::format("{} {}", source.name, e.what()));
  }
  return batch_of(std::move(file), std::string{format_name(format)}, options);
}

// What a file's first bytes say it is, when niggle does not read it, and what to do
// instead: more use than "in no format niggle reads". An empty `advice` means: say what
// niggle does read.
struct Foreign {
  std::string_view what, advice;
};

std::optional<Foreign> foreign_kind(std::string_view bytes) {
  const auto starts = [&](std::string_view magic) { return bytes.substr(0, magic.size()) == magic; };
  constexpr std::string_view kUnpack = "unpack it and import what it holds";
  if (starts("\xFF\xD8\xFF")) return Foreign{"a JPEG image", {}};
  if (starts("\x89PNG")) return Foreign{"a PNG image", {}};
  if (starts("GIF8")) return Foreign{"a GIF image", {}};
  if (starts("%PDF")) return Foreign{"a PDF document", {}};
  if (starts("BZh")) return Foreign{"bzip2-compressed", "unpack it (bunzip2) and import what it holds"};
  if (starts("\xFD" "7zXZ")) return Foreign{"xz-compressed", "unpack it (unxz) and import what it holds"};
  if (starts("7z\xBC\xAF")) return Foreign{"a 7-Zip archive", kUnpack};
  if (starts("Rar!")) return Foreign{"a RAR archive", kUnpack};
  if (bytes.size() > 262 && bytes.substr(257, 5) == "ustar") return Foreign{"a tar archive", kUnpack};
  if (trim(without_bom(bytes).substr(0, 64)).substr(0, 8) == "[Params]") {
    return Foreign{"a Polar HRM file (heart rate only, no route or sport)",
                   "export the session from Polar Flow as TCX, GPX or FIT and import that"};
  }
  return std::nullopt;
}

// Text formats, named only after every reader has declined the file (a GPX description may
// well mention HTML).
std::optional<Foreign> foreign_text_kind(std::string_view bytes) {
  std::string_view text = without_bom(bytes).substr(0, 4096);
  const auto has = [&](std::string_view word) { return text.find(word) != std::string_view::npos; };
  if (has("<sml") || has("<Sml") || has("<SuuntoSML") || (has("<Samples>") && has("<Header>"))) {
    return Foreign{"a Suunto SML file", "export the activity from the Suunto app as FIT or GPX and import that"};
  }
  if (has("<pwx")) return Foreign{"a TrainingPeaks PWX file", "export the workout as TCX or FIT and import that"};
  if (has("<kml")) return Foreign{"a KML file (places and routes, not a recorded activity)", "export it as GPX and import that"};
  if (has("<html") || has("<HTML") || has("<!DOCTYPE html")) return Foreign{"a web page", {}};
  return std::nullopt;
}

bool recognise_gzip(const ImportSource& source) {
  return (source.kind == ImportSource::Kind::bytes || source.kind == ImportSource::Kind::stream) &&
         is_gzip(source.contents);
}

// How much of a file is read before deciding whether to read it as a stream: more than the
// recognisers look at.
constexpr std::size_t kStreamHeadBytes = 64 * 1024;

// A gzipped file of any format: inflated as it is read. A GPX is parsed as it inflates;
// any other file is inflated whole (bounded), then read as what it holds.
ImportBatch read_gzip(const ImportSource& source, const ImportOptions& options) {
  // The compressed bytes: those in memory, then (for a stream) the rest of the file.
  std::size_t given = 0;
  const GzipReader::Source compressed = [&](char* buffer, std::size_t size) -> std::size_t {
    if (given < source.contents.size()) {
      const std::size_t n = std::min(size, source.contents.size() - given);
      std::copy_n(source.contents.data() + given, n, buffer);
      given += n;
      return n;
    }
    return source.kind == ImportSource::Kind::stream && source.rest ? source.rest(buffer, size) : 0;
  };
  GzipReader inflate(compressed, source.name);
  const auto bomb = [&](std::size_t limit, std::string_view what) {
    return FileError(fmt::format("{} (gzip) inflates to more than {}, past what niggle reads from {}; refused as a likely "
                                 "zip bomb",
                                 source.name, mebibytes(limit), what));
  };
  ImportSource inner{source.name, source.path, {}, ImportSource::Kind::bytes, {}};
  std::vector<char> buffer(65536);
  bool ended = false;
  while (inner.contents.size() < kStreamHeadBytes) {
    const std::size_t got = inflate.read(buffer.data(), buffer.size());
    if (got == 0) {
      ended = true;
      break;
    }
    inner.contents.append(buffer.data(), got);
  }
  if (is_gzip(inner.contents) || is_zip(inner.contents)) {
    throw FileError(fmt::format("{} holds another compressed file; unpack it first", source.name));
  }
  if (is_sqlite(inner.contents)) {
    throw FileError(fmt::format("{} is a gzipped niggle journal; unpack it (gunzip) and import the journal file",
                                source.name));
  }
  if (!ended && detect_activity_format(inner.contents) == ActivityFormat::gpx) {
    const ImportStream more = [&](char* into, std::size_t size) { return inflate.read(into, size); };
    return read_gpx_stream(inner, inner.contents, more, [&] { return bomb(kMaxStreamedGpxBytes, "one GPX file"); },
                           "GPX (gzip)", options);
  }
  while (!ended) {
    const std::size_t got = inflate.read(buffer.data(), buffer.size());
    if (got == 0) break;
    if (inner.contents.size() + got > kMaxInflatedBytes) throw bomb(kMaxInflatedBytes, "one file");
    inner.contents.append(buffer.data(), got);
  }
  ImportBatch batch = read_import_file(inner, options);
  batch.format += " (gzip)";
  return batch;
}

bool recognise_zip(const ImportSource& source) {
  return source.kind == ImportSource::Kind::zip_file || (source.kind == ImportSource::Kind::bytes && is_zip(source.contents));
}

std::string_view base_name(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string lower_extension(std::string_view path) {
  std::string name = ascii_lower(base_name(path));
  if (name.size() > 3 && name.substr(name.size() - 3) == ".gz") name.resize(name.size() - 3);
  const std::size_t dot = name.rfind('.');
  return dot == std::string::npos ? std::string{} : name.substr(dot + 1);
}

ImportBatch export_batch(StravaExport result, const ImportOptions& options) {
  const std::string summary = export_summary(result);
  ImportBatch batch = batch_of(std::move(result.activities), "Strava export", options);
  // Each unreadable file in a warning of its own, up to a screenful; the summary counts them all.
  constexpr std::size_t kListed = 10;
  for (std::size_t i = 0; i < result.unreadable.size() && i < kListed; ++i) {
    const auto& [path, why] = result.unreadable[i];
    batch.warnings.push_back(fmt::format("{} {}; the activity keeps the figures of activities.csv", printable(path, 200), why));
  }
  if (result.unreadable.size() > kListed) {
    batch.warnings.push_back(fmt::format("and {} more files could not be read", result.unreadable.size() - kListed));
  }
  batch.summary = summary;
  return batch;
}

// A zip archive: Strava's export when it holds activities.csv (only it and the activity
// files are read, never its photos), else a bundle of activity files, each read as if given
// alone and all taken together or not at all.
ImportBatch read_zip_archive(const ImportSource& source, const ImportOptions& options) {
  const auto wanted = [](std::string_view path) {
    if (base_name(path) == "activities.csv") return true;
    if (path.rfind("__MACOSX/", 0) == 0 || base_name(path).rfind("._", 0) == 0) return false;  // macOS's resource forks
    const std::string extension = lower_extension(path);
    return extension == "gpx" || extension == "tcx" || extension == "fit" || extension == "csv" || extension == "json";
  };
  std::vector<ArchiveMember> members = read_zip(source.kind == ImportSource::Kind::zip_file ? source.path : std::filesystem::path{},
                                                source.contents, source.name, wanted);
  const ArchiveMember* csv = nullptr;
  for (const ArchiveMember& member : members) {
    if (base_name(member.path) == "activities.csv" && (!csv || member.path.size() < csv->path.size())) csv = &member;
  }
  if (csv) {
    const std::string prefix = csv->path.substr(0, csv->path.size() - std::string_view("activities.csv").size());
    std::map<std::string, const ArchiveMember*> by_path;
    for (const ArchiveMember& member : members) by_path[member.path] = &member;
    const ExportFileReader read = [&](const std::string& path) -> std::optional<std::string> {
      const auto it = by_path.find(prefix + path);
      if (it == by_path.end()) return std::nullopt;
      return it->second->contents;
    };
    try {
      return export_batch(read_strava_export(csv->contents, read, options.activity, options.progress), options);
    } catch (const FileError& e) {
      throw FileError(fmt::format("{}: {} {}", source.name, printable(csv->path, 200), e.what()));
    }
  }
  if (members.empty()) {
    throw FileError(fmt::format("{} is a zip archive with no GPX, TCX, FIT, CSV or JSON file in it; there is nothing to "
                                "import",
                                source.name));
  }
  ImportBatch all;
  all.format = fmt::format("zip of {} file{}", members.size(), members.size() == 1 ? "" : "s");
  std::size_t done = 0;
  for (ArchiveMember& member : members) {
    if (options.progress) options.progress(++done, members.size());
    const std::string name = fmt::format("{} in {}", printable(member.path, 200), source.name);
    ImportSource inner{name, std::filesystem::path(std::string{base_name(member.path)}), std::move(member.contents),
                       ImportSource::Kind::bytes, {}};
    if (is_sqlite(inner.contents)) throw FileError(fmt::format("{} is a niggle journal; unpack it and import the journal file", name));
    ImportBatch batch = read_import_file(inner, options);
    all.records += batch.records;
    for (Entry& entry : batch.entries) all.entries.push_back(std::move(entry));
    for (Removal& removal : batch.removals) all.removals.push_back(std::move(removal));
    for (Rejection& rejection : batch.rejections) {
      all.rejections.push_back({fmt::format("{}: {}", printable(member.path, 200), rejection.where), rejection.reason});
    }
    for (std::string& warning : batch.warnings) all.warnings.push_back(fmt::format("{}: {}", printable(member.path, 200), warning));
  }
  // One activity in two files of the bundle is one too many, as within one file.
  std::map<std::string, std::size_t> sources;
  std::vector<Entry> kept;
  for (Entry& entry : all.entries) {
    const auto& key = meta_of(entry).source;
    if (key && !sources.emplace(*key, kept.size()).second) {
      all.rejections.push_back({printable(*key, 200), "appears in two files of the archive"});
      continue;
    }
    kept.push_back(std::move(entry));
  }
  all.entries = std::move(kept);
  return all;
}

bool recognise_export_folder(const ImportSource& source) { return source.kind == ImportSource::Kind::export_folder; }

// An unpacked Strava export: activities.csv and the files it names, read from the folder.
ImportBatch read_export_folder(const ImportSource& source, const ImportOptions& options) {
  const std::filesystem::path folder = source.path;
  const auto read_whole = [&](const std::filesystem::path& path) -> std::optional<std::string> {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    if (std::filesystem::file_size(path, ec) > kMaxImportBytes) {
      throw FileError("is over 256 MiB, more than niggle reads from one file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FileError("cannot be read: permission denied");
    std::string contents((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw FileError("cannot be read: input/output error");
    return contents;
  };
  std::optional<std::string> csv;
  try {
    csv = read_whole(folder / "activities.csv");
  } catch (const FileError& e) {
    throw FileError(fmt::format("{}: activities.csv {}", source.name, e.what()));
  }
  if (!csv) throw FileError(fmt::format("{} has no activities.csv", source.name));
  const ExportFileReader read = [&](const std::string& path) { return read_whole(folder / path); };
  try {
    return export_batch(read_strava_export(*csv, read, options.activity, options.progress), options);
  } catch (const FileError& e) {
    throw FileError(fmt::format("{}: activities.csv {}", source.name, e.what()));
  }
}

// Formats in the order they are tried: the most specific recogniser first.
constexpr ImportFormat kFormats[] = {
    {"Strava export folder", recognise_export_folder, read_export_folder},
    {"zip archive", recognise_zip, read_zip_archive},
    {"gzip", recognise_gzip, read_gzip},
    {"GPX", recognise_activity<ActivityFormat::gpx>, read_activity<ActivityFormat::gpx>},
    {"TCX", recognise_activity<ActivityFormat::tcx>, read_activity<ActivityFormat::tcx>},
    {"FIT", recognise_activity<ActivityFormat::fit>, read_activity<ActivityFormat::fit>},
    {"Strava CSV", recognise_activity<ActivityFormat::strava_csv>, read_activity<ActivityFormat::strava_csv>},
    {"niggle JSON", recognise_json, read_json},
    {"niggle CSV", recognise_csv, read_csv},
};

// What the table above reads, for the message about a file it does not.
constexpr std::string_view kFormatsRead =
    "niggle journal, niggle JSON, niggle CSV, GPX, TCX, FIT, Strava CSV (activities.csv); any of them gzipped or in "
    "a zip archive; a Strava export (export_NNNN.zip or its folder)";

}  // namespace

void RecordCollector::record(const std::string& where, const Json& record) {
  ++batch_.records;
  try {
    Entry entry = entry_from_record(record, today_);
    const std::string& uuid = meta_of(entry).uuid;
    if (!uuid.empty()) {
      auto [it, fresh] = seen_.emplace(uuid, where);
      if (!fresh) throw ValueError(fmt::format("uuid {} appears twice (first in {})", uuid, it->second));
    }
    // A source names one activity: two records with it are one entry too many.
    if (const auto& source = meta_of(entry).source) {
      auto [it, fresh] = seen_sources_.emplace(*source, where);
      if (!fresh) {
        throw ValueError(fmt::format("source '{}' appears twice (first in {})", printable(*source), it->second));
      }
    }
    batch_.entries.push_back(std::move(entry));
  } catch (const Error& e) {
    batch_.rejections.push_back({where, e.what()});
  }
}

void RecordCollector::removal(const std::string& where, const Json& item) {
  const auto text = [&](const char* key) {
    const auto it = item.find(key);
    return it != item.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  const std::string uuid = text("uuid"), removed_at = text("removed_at");
  if (!item.is_object() || !is_uuid(uuid) || !is_utc_timestamp(removed_at)) {
    batch_.rejections.push_back({where, "a removal needs a \"uuid\" and a \"removed_at\" UTC time"});
    return;
  }
  batch_.removals.push_back({uuid, removed_at});
}

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  const std::string lower = ascii_lower(trim(text));
  if (lower == "json") return ExportFormat::json;
  if (lower == "csv") return ExportFormat::csv;
  return std::nullopt;
}

std::string export_document(std::span<const Entry> entries, std::span<const Removal> removals, ExportFormat format,
                            std::span<const GearItem> gear) {
  std::string document;
  ExportWriter writer(format, [&](std::string_view bytes) { document += bytes; });
  for (const Entry& entry : entries) writer.entry(entry);
  for (const Removal& removal : removals) writer.removal(removal);
  for (const GearItem& item : gear) writer.gear(item);
  writer.finish();
  return document;
}

// The JSON document is what Json::dump(2) makes of {"format", "version", "entries",
// "removed", "gear"}, written here around its lists so that no list is ever held whole.
ExportWriter::ExportWriter(ExportFormat format, Sink sink) : format_(format), sink_(std::move(sink)) {
  if (format_ == ExportFormat::json) {
    pending_ = fmt::format("{{\n  \"format\": {},\n  \"version\": {},\n  \"entries\": [",
                           Json(kExportFormatName).dump(), Json(kExportVersion).dump());
  } else {
    const std::vector<std::string> header(csv_columns().begin(), csv_columns().end());
    pending_ = csv_record(header);
  }
}

void ExportWriter::enter(Part part) {
  if (part < part_) throw std::logic_error("an export's entries, removals and gear are written in that order");
  while (part_ < part) {
    if (format_ == ExportFormat::json) {
      pending_ += list_empty_ ? "]" : "\n  ]";
      static constexpr std::string_view kNext[] = {",\n  \"removed\": [", ",\n  \"gear\": [", "\n}\n"};
      pending_ += kNext[static_cast<int>(part_)];
    }
    part_ = static_cast<Part>(static_cast<int>(part_) + 1);
    list_empty_ = true;
  }
}

void ExportWriter::list_item(const Json& item) {
  append_list_item(pending_, item, list_empty_);
  list_empty_ = false;
  send_if_full();
}

void ExportWriter::send_if_full() {
  if (pending_.size() < kExportPieceBytes) return;
  sink_(pending_);
  pending_.clear();
}

void ExportWriter::entry(const Entry& entry) {
  enter(Part::entries);
  if (format_ == ExportFormat::json) {
    list_item(to_json(entry));
    return;
  }
  std::vector<std::string> fields = csv_fields(entry);
  for (std::string& field : fields) field = spreadsheet_safe(std::move(field));
  pending_ += csv_record(fields);
  send_if_full();
}

void ExportWriter::removal(const Removal& removal) {
  enter(Part::removed);
  if (format_ == ExportFormat::json) list_item(Json{{"uuid", removal.uuid}, {"removed_at", removal.removed_at}});
}

void ExportWriter::gear(const GearItem& item) {
  enter(Part::gear);
  if (format_ == ExportFormat::json) list_item(gear_to_json(item));
}

void ExportWriter::finish() {
  enter(Part::done);
  if (!pending_.empty()) sink_(pending_);
  pending_.clear();
}

namespace {

ImportSource read_import_source(const std::string& argument, std::istream& standard_input, bool may_stream) {
  ImportSource source;
  std::string contents;
  char buffer[65536];
  // A GPX or gzip file longer than its first bytes is left to be read as a stream.
  const auto stream_rest = [&](std::istream& in, std::shared_ptr<std::istream> owned) {
    while (contents.size() < kStreamHeadBytes && (in.read(buffer, sizeof buffer), in.gcount() > 0)) {
      contents.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) throw FileError(fmt::format("cannot read {}: input/output error", source.name));
    if (!may_stream || in.eof() || !(is_gzip(contents) || detect_activity_format(contents) == ActivityFormat::gpx)) {
      return false;
    }
    source.kind = ImportSource::Kind::stream;
    std::istream* stream = owned ? owned.get() : &in;
    source.rest = [stream, owned, name = source.name](char* into, std::size_t size) -> std::size_t {
      stream->read(into, static_cast<std::streamsize>(size));
      if (stream->bad()) throw FileError(fmt::format("cannot read {}: input/output error", name));
      return static_cast<std::size_t>(stream->gcount());
    };
    return true;
  };
  const auto read_all = [&](std::istream& in) {
    while (in.read(buffer, sizeof buffer), in.gcount() > 0) {
      contents.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (contents.size() > kMaxImportBytes) {
        throw FileError(fmt::format("{} is over 256 MiB, more than niggle reads from one file; split it, or for an "
                                    "activity file, gzip it (niggle reads it inflating up to 256 MiB)",
                                    source.name));
      }
    }
  };
  if (argument == "-") {
    source.name = "standard input";
    if (stream_rest(standard_input, nullptr)) {
      source.contents = std::move(contents);
      return source;
    }
    read_all(standard_input);
  } else {
    source.name = fmt::format("'{}'", printable(argument, 200));
    source.path = argument;
    std::error_code ec;
    if (std::filesystem::is_directory(source.path, ec)) {
      if (!std::filesystem::exists(source.path / "activities.csv", ec)) {
        throw FileError(fmt::format("{} is a directory without an activities.csv, so not a Strava export; to import "
                                    "the files in it, name them (niggle import DIR/*.gpx)",
                                    source.name));
      }
      source.kind = ImportSource::Kind::export_folder;
      return source;
    }
    auto file = std::make_shared<std::ifstream>(source.path, std::ios::binary);
    std::ifstream& in = *file;
    if (!in) {
      throw FileError(fmt::format("cannot read {}: {}", source.name,
                                  std::filesystem::exists(source.path, ec) ? "permission denied" : "no such file"));
    }
    // A zip archive is read from its path, member by member: an export with its photos can be
    // far larger than the activities in it.
    char magic[4] = {};
    in.read(magic, sizeof magic);
    if (in.gcount() == 4 && is_zip(std::string_view(magic, 4))) {
      source.kind = ImportSource::Kind::zip_file;
      return source;
    }
    in.clear();
    in.seekg(0);
    if (stream_rest(in, file)) {
      source.contents = std::move(contents);
      return source;
    }
    read_all(in);
    if (in.bad()) throw FileError(fmt::format("cannot read {}: input/output error", source.name));
  }
  source.contents = std::move(contents);
  return source;
}

}  // namespace

ImportSource load_import_source(const std::string& argument, std::istream& standard_input) {
  return read_import_source(argument, standard_input, false);
}

ImportSource open_import_source(const std::string& argument, std::istream& standard_input) {
  return read_import_source(argument, standard_input, true);
}

std::span<const ImportFormat> file_import_formats() { return kFormats; }

ImportBatch read_import_file(const ImportSource& source, const ImportOptions& options,
                             std::span<const ImportFormat> formats) {
  if (formats.empty()) formats = file_import_formats();
  const auto refuse = [&](const Foreign& kind) {
    return FileError(fmt::format("{} is {}, which niggle does not read; {}", source.name, kind.what,
                                 kind.advice.empty() ? fmt::format("it reads: {}", kFormatsRead) : std::string{kind.advice}));
  };
  if (source.kind == ImportSource::Kind::bytes || source.kind == ImportSource::Kind::stream) {
    if (auto kind = foreign_kind(source.contents)) throw refuse(*kind);
  }
  for (const ImportFormat& format : formats) {
    if (format.recognise(source)) return format.read(source, options);
  }
  if (source.kind == ImportSource::Kind::bytes && first_visible(source.contents) == '\0') {
    throw FileError(fmt::format("{} is empty", source.name));
  }
  if (auto kind = foreign_text_kind(source.contents)) throw refuse(*kind);
  throw FileError(fmt::format("{} is in no format niggle reads; it reads: {}", source.name, kFormatsRead));
}

}  // namespace niggle
