// `niggle export`: everything, with UUIDs, in a documented format (docs/FORMATS.md).
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/store/sources.hpp"
#include "niggle/store/files.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct ExportOptions {
  std::optional<std::string> format;
  std::string output = "-";
  bool force = false;
};

}  // namespace

CommandRun setup_export(CLI::App& command, Context& context) {
  command.description(help_text(
      "Write every entry, with its UUID and times, and the UUIDs of removed entries, as one JSON document\n"
      "(the default) or as CSV. The same journal always gives the same bytes; `niggle import` reads both back.",
      {"niggle export > niggle.json", "niggle export -o niggle.json", "niggle export --force -o niggle.json     (replace it)",
       "niggle export --format csv -o runs.csv",
       "niggle export | jq '.entries | map(select(.kind == \"pain\")) | length'"},
      "-o FILE writes a new file (mode 0600) through a temporary file and a rename, so it is never half\n"
      "written, even when interrupted; an existing FILE is replaced only with --force, and the journal's own\n"
      "files are refused. Without --format, a FILE ending in .csv gets CSV. CSV cells that a spreadsheet\n"
      "would run as a formula (starting =, +, -, @) get a leading ' (niggle's import takes it off again).\n"
      "The export is one snapshot of the journal, even while another command writes, and is written as\n"
      "it is read, an entry at a time, so a journal of any size needs only a few megabytes of memory.\n"
      "A write that fails (a full disk) stops it at once (exit 7). Formats:\n"
      "docs/FORMATS.md, niggle(1)."));
  auto options = std::make_shared<ExportOptions>();
  command.add_option("-f,--format", options->format, "json (default) or csv");
  command.add_option("-o,--output", options->output, "the file to write; - (the default) is standard output");
  command.add_flag("--force", options->force, "replace the -o file if it exists");

  return [options, &context]() {
    ExportFormat format = ExportFormat::json;
    if (options->format) {
      const auto parsed = parse_export_format(*options->format);
      if (!parsed) throw ValueError(fmt::format("unknown --format '{}'; accepted: json, csv", printable(*options->format)));
      format = *parsed;
    } else if (options->output.size() > 4 && ascii_lower(options->output.substr(options->output.size() - 4)) == ".csv") {
      format = ExportFormat::csv;
    }
    const std::filesystem::path journal_path = context.journal_location().path;
    if (options->output != "-") {
      if (is_journal_file(options->output, journal_path)) {
        throw FileError(fmt::format("'{}' is the journal or one of its side files; export to another file",
                                    printable(options->output)));
      }
      std::error_code ec;
      if (std::filesystem::exists(std::filesystem::symlink_status(options->output, ec)) && !options->force) {
        throw FileError(fmt::format("'{}' exists; add --force to replace it", printable(options->output)));
      }
    }
    const Journal& journal = context.journal(Journal::Access::read);
    // Written as it is read, a piece at a time: a journal of a million entries is exported
    // in a few megabytes of memory, not gigabytes.
    if (options->output == "-") {
      write_export(journal, format, [&](std::string_view bytes) {
        context.out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        // A full disk (or a closed pipe, where SIGPIPE is ignored): stop reading the journal
        // for output nobody gets.
        if (!context.out) throw FileError("cannot write the output");
      });
    } else {
      write_file_atomically(options->output, [&](const std::function<void(std::string_view)>& sink) {
        write_export(journal, format, sink);
      });
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
