#include "niggle/store/sources.hpp"

#include <fmt/format.h>

#include <string_view>
#include <vector>

#include "niggle/core/error.hpp"
#include "niggle/core/format.hpp"

namespace niggle {
namespace {

bool recognise_journal(const ImportSource& source) {
  static constexpr std::string_view kMagic{"SQLite format 3\0", 16};
  return std::string_view(source.contents).substr(0, kMagic.size()) == kMagic;
}

ImportBatch read_journal(const ImportSource& source, const ImportOptions& options) {
  const Date today = options.today;
  if (source.path.empty()) {
    throw FileError("a journal cannot be read from standard input; give the path of its file");
  }
  ImportBatch batch;
  batch.format = "niggle journal";
  RecordCollector collect(batch, today);
  try {
    const Journal other = Journal::open_snapshot(source.path);
    for (const Entry& entry : other.all_entries()) {
      // Checked like any other record: the file may have been edited by hand.
      collect.record(fmt::format("entry #{}", meta_of(entry).id), to_json(entry));
    }
    for (const Removal& removal : other.removals()) {
      batch.removals.push_back(removal);
    }
    batch.gear = other.gear();
  } catch (const JournalError& e) {
    throw FileError(fmt::format("cannot merge {}: {}; nothing was imported", source.name, e.what()));
  }
  return batch;
}

std::vector<ImportFormat> all_import_formats() {
  std::vector<ImportFormat> formats{{"niggle journal", recognise_journal, read_journal}};
  const auto files = file_import_formats();
  formats.insert(formats.end(), files.begin(), files.end());
  return formats;
}

}  // namespace

void write_export(const Journal& journal, ExportFormat format, const ExportWriter::Sink& sink) {
  // Entries and removals from one snapshot: an export during an import or an undo holds
  // all of it or none of it.
  journal.read_in_one_snapshot([&] {
    ExportWriter writer(format, sink);
    journal.for_each_entry([&](const Entry& entry) { writer.entry(entry); });
    if (format == ExportFormat::json) {  // CSV holds neither
      journal.for_each_removal([&](const Removal& removal) { writer.removal(removal); });
      for (const GearItem& item : journal.gear()) writer.gear(item);
    }
    writer.finish();
  });
}

std::string export_document(const Journal& journal, ExportFormat format) {
  std::string document;
  write_export(journal, format, [&](std::string_view bytes) { document += bytes; });
  return document;
}

std::span<const ImportFormat> import_formats() {
  static const std::vector<ImportFormat> formats = all_import_formats();
  return formats;
}

ImportBatch read_import(const ImportSource& source, const ImportOptions& options) {
  return read_import_file(source, options, import_formats());
}

ImportBatch read_import(const ImportSource& source, Date today) {
  ImportOptions options;
  options.today = today;
  return read_import(source, options);
}

}  // namespace niggle
