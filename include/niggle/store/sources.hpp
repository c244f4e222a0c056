#pragma once
// Imports and exports that involve a journal: another journal read as a merge source
// (a private snapshot, so it may be in use), and a journal written out in niggle's export
// formats. Every other format is read by formats/exchange.hpp, which never sees a journal.
#include <span>
#include <string>

#include "niggle/formats/exchange.hpp"
#include "niggle/store/journal.hpp"

namespace niggle {

// Everything in the journal, with UUIDs and times, in a stable order and with no time of
// export inside: the same journal gives the same bytes. Read in one snapshot, one row at a
// time, and handed to `sink` in pieces as it is written (ExportWriter): memory stays bounded
// however large the journal. Throws JournalError, or what `sink` throws, part way through.
void write_export(const Journal& journal, ExportFormat format, const ExportWriter::Sink& sink);
// The same document in one string, for those that need it whole (sync compares it with
// the file it would replace).
std::string export_document(const Journal& journal, ExportFormat format);

// Another niggle journal, then every format of file_import_formats(), in the order tried.
std::span<const ImportFormat> import_formats();

// The first format that recognises the file reads it. Throws FileError when none does.
ImportBatch read_import(const ImportSource& source, const ImportOptions& options);
// The same, with the defaults for activity files (this machine's time zone, type run).
ImportBatch read_import(const ImportSource& source, Date today);

}  // namespace niggle
