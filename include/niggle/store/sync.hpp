#pragma once
// Syncing through a folder that another program keeps in step between devices (Syncthing,
// Nextcloud, Dropbox, a git repository). niggle runs no server: each device writes its
// journal as one niggle export, `<device>.niggle.json`, into the folder (through a
// temporary file and a rename inside it, so the sync program never ships half a file), and
// merges every other device's file by UUID. What the folder held at the last sync is
// remembered beside the journal, so a sync with nothing new reads no JSON at all.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/store/journal.hpp"

namespace niggle {

// A file of the sync folder that niggle reads: a device's own file, or a copy that a sync
// program made when two versions of it collided.
struct SyncFile {
  std::string file_name;
  std::string device;                       // the device whose file it is (or was)
  std::optional<std::string> conflict_of;   // the program that made the copy ("Syncthing"...)
};

// What a file name in the folder is: "phone.niggle.json" is phone's file;
// "phone.niggle.sync-conflict-20261201-101010-ABCDEFG.json" a Syncthing conflict copy of it;
// "phone.niggle (conflicted copy 2026-12-01 101010).json" a Nextcloud one and
// "phone.niggle (laptop's conflicted copy 2026-12-01).json" a Dropbox one. Hidden files
// (temporary files of niggle or of the sync program) and every other file: nullopt.
std::optional<SyncFile> classify_sync_file(std::string_view file_name);

// The files niggle reads in `folder`, by name. Throws FileError when it cannot be listed.
std::vector<SyncFile> scan_sync_folder(const std::filesystem::path& folder);

// "<device>.niggle.json".
std::string device_file_name(std::string_view device);
// A device name is 1-64 letters, digits, '-', '_' or '.', not starting with '.', so that
// it makes a plain file name on every system a sync program serves. Throws ValueError.
void check_device_name(std::string_view name, std::string_view origin);
// This machine's host name made into a device name (other characters become '-').
std::string host_device_name();

// FNV-1a, 64 bits: tells whether a file changed since the last sync.
std::uint64_t content_hash(std::string_view bytes);

// Changes whenever the journal's entries or removals may have changed: the change log's
// size, its newest change set, how many were undone, and the counts of entries and
// removals. Throws JournalError.
std::string journal_fingerprint(const Journal& journal);

// What the last sync saw, kept beside the journal (`<journal>.sync-state`, 0600).
struct SyncState {
  std::string folder, device, journal;
  struct Seen {
    std::uint64_t hash = 0;
    std::string refused;  // why the file was not merged; empty when it was
    // The file as the system saw it: while inode, size and change time (which no program
    // can set back, unlike the modification time that sync programs copy) are the same,
    // the file is not even read.
    std::uint64_t inode = 0, size = 0;
    std::int64_t ctime_ns = 0;
    bool operator==(const Seen&) const = default;
  };
  std::map<std::string, Seen> files;  // by file name, this device's own file included
  bool operator==(const SyncState&) const = default;
};
std::filesystem::path sync_state_path(const std::filesystem::path& journal);
// Fills in inode, size and change time; false when the file cannot be looked at.
bool stat_sync_file(const std::filesystem::path& file, SyncState::Seen& seen);
// A missing or unreadable state reads as none: the sync then does all its work.
std::optional<SyncState> load_sync_state(const std::filesystem::path& file);
// Written whole through a rename; a failure is not an error (the next sync does the work).
void save_sync_state(const std::filesystem::path& file, const SyncState& state);

}  // namespace niggle
