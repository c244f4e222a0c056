#include "niggle/formats/exchange.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <istream>
#include <map>
#include <set>

#include "niggle/core/csv.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/format.hpp"
#include "niggle/formats/record.hpp"
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

std::string export_json(std::span<const Entry> all, std::span<const Removal> removals) {
  Json document;
  document["format"] = kExportFormatName;
  document["version"] = kExportVersion;
  Json entries = Json::array();
  for (const Entry& entry : all) entries.push_back(to_json(entry));
  document["entries"] = std::move(entries);
  Json removed = Json::array();
  for (const Removal& removal : removals)
    removed.push_back(Json{{"uuid", removal.uuid}, {"removed_at", removal.removed_at}});
  document["removed"] = std::move(removed);
  return document.dump(2) + '\n';
}

std::string export_csv(std::span<const Entry> all) {
  std::vector<std::string> header(csv_columns().begin(), csv_columns().end());
  std::string out = csv_record(header);
  for (const Entry& entry : all) {
    std::vector<std::string> fields = csv_fields(entry);
    for (std::string& field : fields) field = spreadsheet_safe(std::move(field));
    out += csv_record(fields);
  }
  return out;
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
    if (key != "format" && key != "version" && key != "entries" && key != "removed") {
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

template <ActivityFormat format>
bool recognise_activity(const ImportSource& source) {
  return detect_activity_format(source.contents) == format;
}

// Other programs' activity files: their sessions carry a source key (a start time, a
// Strava id) instead of a UUID, and the merge takes an activity already in the journal
// under that key as unchanged. A session dated after today is refused like typed input.
template <ActivityFormat format>
ImportBatch read_activity(const ImportSource& source, const ImportOptions& options) {
  ActivityOptions activity = options.activity;
  activity.file_name = source.path.empty() ? std::string{"standard input"} : source.path.filename().string();
  ActivityFile file;
  try {
    switch (format) {
      case ActivityFormat::gpx: file = parse_gpx(source.contents, activity); break;
      case ActivityFormat::tcx: file = parse_tcx(source.contents, activity); break;
      case ActivityFormat::strava_csv: file = parse_strava_csv(source.contents, activity); break;
    }
  } catch (const FileError& e) {
    throw FileError(fmt::format("{} {}", source.name, e.what()));
  }
  ImportBatch batch;
  batch.format = std::string{format_name(format)};
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

// Formats in the order they are tried: the most specific recogniser first.
constexpr ImportFormat kFormats[] = {
    {"GPX", recognise_activity<ActivityFormat::gpx>, read_activity<ActivityFormat::gpx>},
    {"TCX", recognise_activity<ActivityFormat::tcx>, read_activity<ActivityFormat::tcx>},
    {"Strava CSV", recognise_activity<ActivityFormat::strava_csv>, read_activity<ActivityFormat::strava_csv>},
    {"niggle JSON", recognise_json, read_json},
    {"niggle CSV", recognise_csv, read_csv},
};

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

std::string export_document(std::span<const Entry> entries, std::span<const Removal> removals, ExportFormat format) {
  return format == ExportFormat::json ? export_json(entries, removals) : export_csv(entries);
}

ImportSource load_import_source(const std::string& argument, std::istream& standard_input) {
  ImportSource source;
  std::string contents;
  char buffer[65536];
  const auto read_all = [&](std::istream& in) {
    while (in.read(buffer, sizeof buffer), in.gcount() > 0) {
      contents.append(buffer, static_cast<std::size_t>(in.gcount()));
      if (contents.size() > kMaxImportBytes) {
        throw FileError(fmt::format("{} is over 256 MiB; that is not a niggle export", source.name));
      }
    }
  };
  if (argument == "-") {
    source.name = "standard input";
    read_all(standard_input);
  } else {
    source.name = fmt::format("'{}'", printable(argument, 200));
    source.path = argument;
    std::error_code ec;
    if (std::filesystem::is_directory(source.path, ec)) throw FileError(fmt::format("{} is a directory", source.name));
    std::ifstream in(source.path, std::ios::binary);
    if (!in) {
      throw FileError(fmt::format("cannot read {}: {}", source.name,
                                  std::filesystem::exists(source.path, ec) ? "permission denied" : "no such file"));
    }
    read_all(in);
    if (in.bad()) throw FileError(fmt::format("cannot read {}: input/output error", source.name));
  }
  source.contents = std::move(contents);
  return source;
}

std::span<const ImportFormat> file_import_formats() { return kFormats; }

ImportBatch read_import_file(const ImportSource& source, const ImportOptions& options,
                             std::span<const ImportFormat> formats) {
  if (formats.empty()) formats = file_import_formats();
  for (const ImportFormat& format : formats) {
    if (format.recognise(source)) return format.read(source, options);
  }
  if (first_visible(source.contents) == '\0') throw FileError(fmt::format("{} is empty", source.name));
  std::vector<std::string_view> names;
  for (const ImportFormat& format : formats) names.push_back(format.name);
  throw FileError(fmt::format("{} is in no format niggle reads; it reads: {}", source.name, join(names, ", ")));
}

}  // namespace niggle
