// `niggle import FILE...`: read niggle exports back, merge another journal by UUID, or take
// in other programs' activity files (GPX, TCX, Strava's activities.csv) by their source key.
// Each file is taken whole or not at all: a file that cannot be read, or that holds an
// invalid record, is reported and left out, and the others are merged in one transaction.
#include <fmt/format.h>
#include <ostream>
#include <set>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/store/sources.hpp"
#include "niggle/store/files.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct ImportCommandOptions {
  std::vector<std::string> files;
  bool dry_run = false, skip_invalid = false, split = false, moving_time = false, quiet = false, restore_removed = false;
  std::optional<std::string> type, date;
};

// Imports that take long enough to want a bar: many files, or many records.
constexpr std::size_t kProgressFiles = 5;
constexpr std::size_t kProgressRecords = 500;

std::string counts_text(const MergeCounts& counts, std::size_t rejected) {
  std::string text = fmt::format("{} added, {} updated, {} unchanged", counts.added, counts.updated, counts.unchanged);
  if (counts.merged > 0) {
    text += fmt::format(", {} already here from another file (merged)", counts.merged);
  }
  if (counts.removed > 0) text += fmt::format(", {} removed", counts.removed);
  if (counts.brought_back > 0) text += fmt::format(", {} brought back (removed here before)", counts.brought_back);
  if (counts.already_removed > 0) {
    text += fmt::format(", {} removed here before (not brought back; --restore-removed brings them back)",
                        counts.already_removed);
  }
  if (rejected > 0) text += fmt::format(", {} rejected", rejected);
  return text;
}

// What a merge did with two copies of one entry that differ, in words: an edit that is
// kept or taken is named, so that none is lost unseen.
std::string decision_text(const MergeDecision& d, const std::string& source_name, bool dry_run) {
  const auto when = [](const std::string& at) { return at.empty() ? std::string{"never edited"} : "modified " + at; };
  if (d.kept_local) {
    return fmt::format("{} your edit of #{} from this journal ({}); the copy in {} ({}) {}", dry_run ? "would keep" : "kept",
                       d.id, when(d.local_modified), source_name, when(d.incoming_modified),
                       dry_run ? "would be left out" : "was left out");
  }
  return fmt::format("{} the later edit of #{} from {} ({}); this journal's copy ({}) {}",
                     dry_run ? "would take" : "took", d.id, source_name, when(d.incoming_modified),
                     when(d.local_modified), dry_run ? "would be replaced" : "was replaced (`niggle undo` brings it back)");
}

struct FileResult {
  ImportSource source;
  ImportBatch batch;
  std::optional<std::string> failure;  // why the file is left out
  ExitCode code = ExitCode::ok;
};

}  // namespace

CommandRun setup_import(CLI::App& command, Context& context) {
  command.description(help_text(
      "Read entries from niggle's JSON or CSV exports, merge another niggle journal, or take in activities\n"
      "from FIT, GPX and TCX files and Strava's activities.csv, plain, gzipped or in a zip archive, and\n"
      "Strava's whole export (its zip, or the folder it unpacks to). Formats are recognised by content,\n"
      "not by file name. Importing the same file twice changes nothing.",
      {"niggle import niggle.json", "niggle import laptop-journal.db", "niggle import ~/watch/*.fit --dry-run",
       "niggle import export_12345678.zip", "niggle import strava-export/", "niggle import 1234567.fit.gz tracks.zip",
       "TZ=America/New_York niggle import race.tcx", "niggle import hike.gpx --type hike --split",
       "niggle export | niggle --db other.db import -",
       "niggle import --restore-removed ~/backups/niggle.db     (bring back what rm removed by mistake)"},
      "Each file is taken whole or not at all: a file that cannot be read, or that holds an invalid\n"
      "record (listed as FILE: line N: reason), is left out and the others are imported; --skip-invalid\n"
      "imports a file's valid records. An entry in both journals keeps its later edit, and each copy kept\n"
      "or taken is named (\"kept your edit of #12 from this journal\"); an entry removed in either stays\n"
      "removed, unless --restore-removed brings it back from the file. A journal given as FILE must pass\n"
      "SQLite's integrity and foreign-key checks, or none of it is imported. An activity is known by its\n"
      "start time (FIT, GPX, TCX) or its Strava id; a corrected file updates its entry, and the same\n"
      "activity from another file (a start within 2 minutes, a distance within 3%) is merged into the\n"
      "entry already there. Its day is the local date of its start in this machine's time zone (set TZ to\n"
      "use another). A sport niggle does not know is stored as other (or --type), never as a run.\n"
      "`niggle undo` reverts a whole import. Exit status: 3 a file with invalid records, 7 a file that\n"
      "cannot be read (the other files are still imported)."));
  auto options = std::make_shared<ImportCommandOptions>();
  command.add_option("files", options->files,
                     "niggle exports or journals, FIT, GPX, TCX or Strava activities.csv files (plain, gzipped or "
                     "zipped), Strava export zips or folders; - reads standard input")
      ->required();
  command.add_flag("--dry-run", options->dry_run, "check and count, list what would be added, change nothing");
  command.add_flag("--skip-invalid", options->skip_invalid, "import a file's valid records and report the others");
  command.add_option("-t,--type", options->type,
                     "activity files: the type where the file names no sport (default: default_type) or one niggle "
                     "does not know (default: other)");
  command.add_option("-d,--date", options->date, "activity files: the day of an activity whose file has no usable time");
  command.add_flag("--split", options->split, "GPX: one session per track instead of one per file");
  command.add_flag("--moving-time", options->moving_time, "activity files: time in motion instead of elapsed time");
  command.add_flag("-q,--quiet", options->quiet, "no progress bar and no per-file report");
  command.add_flag("--restore-removed", options->restore_removed,
                   "bring back entries removed here that the files hold (from a backup or an export)");

  return [options, &context]() {
    ImportOptions import;
    import.today = context.today();
    if (options->type) import.activity.type_option = parse_name<ActivityType>(trim(*options->type));
    import.activity.fallback_type = import.activity.type_option.value_or(context.config().default_type);
    if (options->date) import.activity.date = parse_past_date(*options->date, import.today);
    import.activity.split = options->split;
    import.activity.moving_time = options->moving_time;
    import.activity.to_local = system_time_zone();
    const ResolvedPath journal_location = context.journal_location();

    // Read and check every file before anything is written.
    std::vector<FileResult> results;
    ProgressBar reading(context, "Reading", !options->quiet && options->files.size() >= kProgressFiles);
    for (std::size_t i = 0; i < options->files.size(); ++i) {
      const std::string& file = options->files[i];
      FileResult result;
      try {
        if (file != "-" && same_file(file, journal_location.path)) {
          throw FileError(fmt::format("'{}' is the journal itself; nothing to merge", printable(file)));
        }
        // A large GPX (plain or gzipped) is read as a stream, in bounded memory.
        result.source = open_import_source(file, context.in());
        // An archive or an export folder of many files has a bar of its own.
        ProgressBar members(context, fmt::format("Reading {}", result.source.name),
                            !options->quiet && options->files.size() == 1);
        import.progress = [&members](std::size_t done, std::size_t total) {
          if (total >= kProgressFiles) members.update(done, total);
        };
        result.batch = read_import(result.source, import);
        members.finish();
      } catch (const FileError& e) {
        result.failure = e.what();
        result.code = ExitCode::file;
      }
      // Only the name is needed from here on: the bytes and an open stream are let go, so
      // that many files imported at once hold neither memory nor file descriptors.
      result.source.rest = {};
      std::string().swap(result.source.contents);
      results.push_back(std::move(result));
      reading.update(i + 1, options->files.size());
    }
    reading.finish();

    std::size_t failed = 0;
    for (FileResult& r : results) {
      if (r.failure) {
        // With one file, the closing error line says it all.
        if (results.size() > 1) context.err << fmt::format("niggle: {}; it was not imported\n", *r.failure);
        ++failed;
        continue;
      }
      for (const std::string& warning : r.batch.warnings) context.warn(fmt::format("{}: {}", r.source.name, warning));
      for (const Rejection& rejection : r.batch.rejections) {
        context.err << fmt::format("niggle: {}: {}: {}\n", r.source.name, rejection.where, rejection.reason);
      }
      if (!r.batch.rejections.empty() && !options->skip_invalid) {
        r.failure = fmt::format("{}: {} of {} records rejected (listed above); nothing was imported", r.source.name,
                                r.batch.rejections.size(), r.batch.records);
        r.code = ExitCode::invalid_value;
        ++failed;
        if (results.size() > 1) context.err << fmt::format("niggle: {}\n", *r.failure);
      }
    }

    std::vector<MergeSource> merge_sources;
    std::vector<std::string> names;
    std::vector<const FileResult*> merged;
    std::size_t records = 0;
    for (const FileResult& r : results) {
      if (r.failure) continue;
      merge_sources.push_back({r.batch.entries, r.batch.removals, r.batch.gear, options->restore_removed});
      names.push_back(r.source.name);
      merged.push_back(&r);
      records += r.batch.entries.size() + r.batch.removals.size();
    }
    if (!merge_sources.empty()) {
      Journal& journal = context.journal(options->dry_run ? Journal::Access::read : Journal::Access::write, true);
      ProgressBar merging(context, options->dry_run ? "Checking" : "Importing",
                          !options->quiet && records >= kProgressRecords);
      const std::vector<MergeCounts> counts =
          journal.merge(merge_sources, join(names, ", "), options->dry_run,
                        [&merging](std::size_t done, std::size_t total) { merging.update(done, total); });
      merging.finish();
      const DistanceUnit unit = context.config().units;
      for (std::size_t i = 0; i < merged.size() && !options->quiet; ++i) {
        const FileResult& r = *merged[i];
        context.out << fmt::format("{} {} ({}): {}\n", options->dry_run ? "Would import" : "Imported", r.source.name,
                                   r.batch.format, counts_text(counts[i], r.batch.rejections.size()));
        for (const MergeDecision& decision : counts[i].decisions) {
          context.out << "  " << decision_text(decision, r.source.name, options->dry_run) << '\n';
        }
        if (r.batch.summary) context.out << "  " << *r.batch.summary << '\n';
        if (options->dry_run) {
          for (const Entry& entry : counts[i].added_entries) context.out << "  would add " << describe(entry, unit) << '\n';
          for (const auto& [arriving, into] : counts[i].merged_entries) {
            context.out << fmt::format("  would merge {} ({}) into {}\n", describe(arriving, unit),
                                       printable(meta_of(arriving).source.value_or("?")), describe(into, unit));
          }
        }
      }
      // A run both typed and imported, or a file imported under two names: say which. A
      // file's own sessions are not compared with each other: two like runs on one day in a
      // watch's history are two runs, and the file is what the user asked to bring in.
      for (std::size_t i = 0; i < merged.size() && !options->dry_run; ++i) {
        std::set<std::int64_t> same_file;
        for (const Entry& entry : counts[i].added_entries) same_file.insert(meta_of(entry).id);
        for (const Entry& entry : counts[i].added_entries) {
          const auto* session = std::get_if<Session>(&entry);
          if (!session) continue;
          auto same_day = journal.sessions_between(session->meta.date, session->meta.date);
          std::erase_if(same_day, [&](const Session& other) {
            return other.meta.id != session->meta.id && same_file.contains(other.meta.id);
          });
          if (const Session* earlier = likely_duplicate(*session, same_day); earlier && earlier->meta.id < session->meta.id) {
            context.warn(fmt::format("{}: {} looks like #{} logged again; niggle undo removes this import",
                                     merged[i]->source.name, describe(*session, unit), earlier->meta.id));
          }
        }
      }
    }

    if (failed == 0) return ExitCode::ok;
    // Status: an unreadable file outranks invalid records; both leave the other files imported.
    ExitCode code = ExitCode::invalid_value;
    for (const FileResult& r : results)
      if (r.code == ExitCode::file) code = ExitCode::file;
    if (results.size() == 1) {
      const std::string why = *results.front().failure;
      throw Error(code, code == ExitCode::invalid_value ? why + ". Fix them, or import the others with --skip-invalid"
                                                        : why);
    }
    throw Error(code, fmt::format("{} of {} files were not imported (see above); {}", failed, results.size(),
                                  merged.empty() ? "nothing was imported"
                                                 : fmt::format("the other {} {}", merged.size(),
                                                               options->dry_run ? "would be" : "were")));
  };
}

}  // namespace niggle::cli
