// `niggle sync [DIR]`: share the journal with other devices through a folder that a sync
// program keeps in step (store/sync.hpp). Every other device's file, and every conflict
// copy a sync program made, is read and checked whole before anything is written; the
// valid ones are merged by UUID in one transaction (as `import` merges), then this
// device's own file is rewritten through a temporary file and a rename inside the folder.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <ostream>
#include <utility>

#include "cli/commands.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"
#include "niggle/store/files.hpp"
#include "niggle/store/sources.hpp"
#include "niggle/store/sync.hpp"

namespace niggle::cli {
namespace fs = std::filesystem;
namespace {

struct SyncOptions {
  std::optional<std::string> folder, name;
  bool dry_run = false, json = false, quiet = false;
};

// One file of the folder, as read and as merged.
struct Source {
  SyncFile file;
  bool own = false;  // this device's own file
  ImportSource read;
  ImportBatch batch;
  std::string refused;  // why it is not merged; empty when it is
  std::string damaged;  // this device's own file only: why it was not a valid export
  MergeCounts counts;
};

// "~/Sync" and "~" are the user's home, as a shell would read them in the config file.
fs::path expand_home(const std::string& text, Context& context) {
  if (text == "~" || text.starts_with("~/")) {
    if (const auto home = context.env("HOME"); home && !home->empty()) return fs::path(*home) / text.substr(text.size() > 1 ? 2 : 1);
    throw ConfigError(fmt::format("sync folder '{}' starts with ~ but HOME is not set", printable(text)));
  }
  return text;
}

std::string changes_text(const MergeCounts& counts) {
  std::vector<std::string> parts;
  if (counts.added > 0) parts.push_back(fmt::format("{} added", counts.added));
  if (counts.updated > 0) parts.push_back(fmt::format("{} updated", counts.updated));
  if (counts.removed > 0) parts.push_back(fmt::format("{} removed", counts.removed));
  return parts.empty() ? "nothing new" : join(parts, ", ");
}

std::string entries_text(std::size_t n) { return fmt::format("{} {}", n, n == 1 ? "entry" : "entries"); }

std::string source_label(const Source& source) {
  if (!source.file.conflict_of) return source.file.device;
  return fmt::format("{} ({} conflict copy {})", source.file.device, *source.file.conflict_of,
                     printable(source.file.file_name, 200));
}

// A device file is merged only when it is, whole, one valid niggle export.
void check(Source& source, const ImportOptions& import) {
  try {
    source.batch = read_import(source.read, import);
  } catch (const FileError& e) {
    source.refused = e.what();
    return;
  }
  if (source.batch.format != "niggle JSON") {
    source.refused = fmt::format("{} is a {} file, not a niggle export", source.read.name, source.batch.format);
  } else if (!source.batch.rejections.empty()) {
    const Rejection& first = source.batch.rejections.front();
    source.refused = fmt::format("{}: {} of {} records are invalid (first, {}: {})", source.read.name,
                                 source.batch.rejections.size(), source.batch.records, first.where, first.reason);
  }
}

}  // namespace

CommandRun setup_sync(CLI::App& command, Context& context) {
  command.description(help_text(
      "Share the journal with your other devices through a folder that Syncthing, Nextcloud, Dropbox or\n"
      "a git repository keeps in step: write this device's entries to DIR/<device>.niggle.json, and merge\n"
      "every other device's file (and the conflict copies a sync program makes) by UUID, as import does.",
      {"niggle sync ~/Sync/niggle", "niggle sync --dry-run", "niggle sync --name phone ~/storage/shared/Sync/niggle",
       "*/10 * * * * niggle sync --quiet     (crontab, with sync_dir in the config)"},
      "DIR defaults to sync_dir in the config; the device's name to sync_name, else the host name. An\n"
      "entry edited on two devices keeps its later edit; an entry removed on any device is removed on\n"
      "all. A file that is not a complete, valid niggle export (cut short while syncing, another\n"
      "program's) is named and left out, and the others are merged. When nothing changed since the last\n"
      "sync, no file is parsed. The folder holds your health data: keep it private to your devices.\n"
      "Exit status: 7 when a device file was left out (the others were merged)."));
  auto options = std::make_shared<SyncOptions>();
  command.add_option("dir", options->folder, "the shared folder (default: sync_dir in the config)");
  command.add_option("-n,--name", options->name, "this device's name in the folder (default: sync_name, else the host name)");
  command.add_flag("--dry-run", options->dry_run, "say what would be merged and written; change nothing");
  command.add_flag("--json", options->json, "print one JSON document of what was done");
  command.add_flag("-q,--quiet", options->quiet, "print nothing unless something is wrong");

  return [options, &context]() {
    const LoadedSettings& settings = context.settings();
    const std::optional<std::string> folder_text = options->folder ? options->folder : settings.sync.dir;
    if (!folder_text) {
      throw UsageError("no folder to sync with: name one (niggle sync ~/Sync/niggle) or set sync_dir in the config");
    }
    const fs::path folder = expand_home(*folder_text, context);
    std::string device = options->name ? *options->name : settings.sync.name.value_or(host_device_name());
    if (options->name) check_device_name(device, "--name");
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
      throw FileError(fmt::format("the sync folder '{}' {}", printable(folder.string(), 200),
                                  fs::exists(folder, ec) ? "is not a folder" : "does not exist; create it, or name another"));
    }
    const std::string own_name = device_file_name(device);

    // What the folder holds now, against what it held at the last sync: while no file's
    // inode, size or change time moved and the journal did not change, nothing is read.
    std::vector<Source> sources;
    for (SyncFile& file : scan_sync_folder(folder)) {
      Source source;
      source.own = file.file_name == own_name;
      source.file = std::move(file);
      sources.push_back(std::move(source));
    }
    Journal& journal = context.journal(options->dry_run ? Journal::Access::read : Journal::Access::write);
    const fs::path state_file = sync_state_path(journal.path());
    SyncState seen;
    seen.folder = fs::absolute(folder, ec).lexically_normal().string();
    seen.device = device;
    seen.journal = journal_fingerprint(journal);
    for (const Source& source : sources) stat_sync_file(folder / source.file.file_name, seen.files[source.file.file_name]);
    const std::optional<SyncState> last = load_sync_state(state_file);
    const bool same_setting = last && last->folder == seen.folder && last->device == seen.device &&
                              last->journal == seen.journal && last->files.size() == seen.files.size() &&
                              seen.files.contains(own_name);
    const auto unchanged = [&](auto same) {
      return same_setting && std::equal(seen.files.begin(), seen.files.end(), last->files.begin(),
                                        [&](const auto& a, const auto& b) { return a.first == b.first && same(a.second, b.second); });
    };
    bool up_to_date = unchanged([](const SyncState::Seen& a, const SyncState::Seen& b) {
      return a.inode == b.inode && a.size == b.size && a.ctime_ns == b.ctime_ns;
    });
    if (!up_to_date) {
      for (Source& source : sources) {
        try {
          source.read = load_import_source((folder / source.file.file_name).string(), context.in());
          source.read.name = fmt::format("'{}'", printable(source.file.file_name, 200));
        } catch (const FileError& e) {
          source.refused = e.what();
        }
        seen.files[source.file.file_name].hash = content_hash(source.read.contents);
      }
      // Touched but not changed (a sync program rewrote the same bytes): still nothing new.
      up_to_date = unchanged([](const SyncState::Seen& a, const SyncState::Seen& b) { return a.hash == b.hash; });
      if (up_to_date && !options->dry_run) {
        for (auto& [name, file] : seen.files) file.refused = last->files.at(name).refused;
        save_sync_state(state_file, seen);
      }
    }

    std::size_t refused = 0, others = 0;
    bool wrote = false;
    std::size_t exported = 0;
    if (up_to_date) {
      // Nothing to parse or merge: only what was refused last time is said again.
      for (Source& source : sources) {
        source.refused = last->files.at(source.file.file_name).refused;
        if (!source.refused.empty()) ++refused;
        if (!source.own) ++others;
      }
    } else {
      ImportOptions import;
      import.today = context.today();
      std::vector<MergeSource> merge_sources;
      std::vector<Source*> merging;
      std::vector<std::string> names;
      for (Source& source : sources) {
        if (!source.own) ++others;
        if (source.refused.empty()) check(source, import);
        if (source.own && !source.refused.empty()) {
          // Only this device writes its file, so a damaged one is rewritten, not refused.
          source.damaged = std::exchange(source.refused, {});
          continue;
        }
        if (!source.refused.empty()) {
          ++refused;
          continue;
        }
        merge_sources.push_back({source.batch.entries, source.batch.removals});
        merging.push_back(&source);
        names.push_back(source.file.file_name);
      }
      if (!merge_sources.empty()) {
        const std::vector<MergeCounts> counts =
            journal.merge(merge_sources, fmt::format("sync {}", join(names, ", ")), options->dry_run);
        for (std::size_t i = 0; i < merging.size(); ++i) merging[i]->counts = counts[i];
      }
      // This device's file, rewritten only when it would change, so the sync program has
      // nothing to ship after a sync that brought nothing.
      const std::string document = export_document(journal, ExportFormat::json);
      exported = journal.exists() ? static_cast<std::size_t>(journal.count_entries()) : 0;
      const auto own = std::find_if(sources.begin(), sources.end(), [](const Source& s) { return s.own; });
      wrote = own == sources.end() || own->read.contents != document;
      if (wrote && !options->dry_run) {
        PendingFile pending(folder / own_name);
        pending.write(document);
        pending.commit();
      }
      if (!options->dry_run) {
        seen.journal = journal_fingerprint(journal);
        seen.files[own_name] = {content_hash(document), {}};
        stat_sync_file(folder / own_name, seen.files[own_name]);
        for (const Source& source : sources)
          if (!source.own) seen.files[source.file.file_name].refused = source.refused;
        save_sync_state(state_file, seen);
      }
    }

    for (const Source& source : sources) {
      if (source.own && source.refused.empty() && (source.counts.added > 0 || source.counts.updated > 0)) {
        context.warn(fmt::format("{} (this device's file) held {} this journal lacked, now merged; if another device "
                                 "also syncs as '{}', give each its own sync_name",
                                 printable(own_name, 200), entries_text(source.counts.added + source.counts.updated),
                                 device));
      }
      if (!source.damaged.empty()) {
        context.warn(fmt::format("{}; {} it with this journal", source.damaged, options->dry_run ? "sync would rewrite" : "rewrote"));
      }
      if (!source.refused.empty()) context.err << fmt::format("niggle: {}; it was not merged\n", source.refused);
    }

    if (options->json) {
      Json list = Json::array();
      for (const Source& source : sources) {
        list.push_back({{"file", source.file.file_name},
                        {"device", source.file.device},
                        {"this_device", source.own},
                        {"conflict_copy_of", source.file.conflict_of ? Json(*source.file.conflict_of) : Json(nullptr)},
                        {"merged", source.refused.empty() && !up_to_date},
                        {"refused", source.refused.empty() ? Json(nullptr) : Json(source.refused)},
                        {"added", source.counts.added},
                        {"updated", source.counts.updated},
                        {"removed", source.counts.removed}});
      }
      const Json document = {{"folder", seen.folder},   {"device", device},       {"dry_run", options->dry_run},
                             {"up_to_date", up_to_date}, {"sources", list},        {"wrote", wrote && !up_to_date},
                             {"file", own_name}};
      context.out << document.dump(2) << '\n';
    } else if (!options->quiet) {
      if (up_to_date) {
        context.out << fmt::format("Nothing new: {} other {} in '{}', {} up to date\n", others,
                                   others == 1 ? "device file" : "device files", printable(folder.string(), 200),
                                   printable(own_name, 200));
      } else {
        for (const Source& source : sources) {
          if (source.own || !source.refused.empty()) continue;
          context.out << fmt::format("{}: {}{}\n", source_label(source),
                                     options->dry_run && changes_text(source.counts) != "nothing new" ? "would be " : "",
                                     changes_text(source.counts));
        }
        if (others == 0) context.out << fmt::format("No other device has synced to '{}' yet\n", printable(folder.string(), 200));
        context.out << fmt::format("{} (this device): {}\n", device,
                                   !wrote ? fmt::format("{} is up to date", printable(own_name, 200))
                                   : options->dry_run ? fmt::format("would write {}, {}", printable(own_name, 200), entries_text(exported))
                                                      : fmt::format("wrote {}, {}", printable(own_name, 200), entries_text(exported)));
      }
    }
    if (refused == 0) return ExitCode::ok;
    throw FileError(fmt::format("{} of {} {} in the sync folder {} not merged (see above); the others were", refused,
                                sources.size(), sources.size() == 1 ? "file" : "files", refused == 1 ? "was" : "were"));
  };
}

}  // namespace niggle::cli
