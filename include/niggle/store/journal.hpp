#pragma once
// The journal: one SQLite file holding every entry. Opening it checks that it really is a
// niggle journal (never touching anything else), upgrades its schema in one transaction,
// and sets WAL mode with a busy timeout so a cron job and a person can write at once.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "niggle/store/check_memo.hpp"
#include "niggle/core/entry.hpp"
#include "niggle/core/gear.hpp"

namespace niggle {

enum class EntryKind { session, pain, visit, plan };

// What `niggle list` asks for; every field narrows the result.
struct EntryQuery {
  std::optional<Date> since, until;        // inclusive
  std::optional<EntryKind> kind;
  std::optional<ActivityType> type;        // sessions of this type only
  std::vector<std::string> tags;           // entries carrying every one of these
  std::optional<std::string> note_contains;  // notes holding this text (ASCII letters in any case)
  std::optional<std::size_t> limit;        // the newest n
};

// One entry-level step of a change, as `undo` reports it.
struct ChangeStep {
  enum class Action { add, edit, remove, removal };
  Action action;
  std::string uuid;
  std::optional<Entry> before, after;  // the entry's states (removal steps: neither)
};

// One gear item's step of a change: added (no before), changed, or removed (no after).
struct GearStep {
  std::optional<GearItem> before, after;
};

// A change that `undo` reverted: what command made it and when.
struct UndoneChange {
  enum class Kind { add, edit, remove, import };
  Kind kind;
  std::string label;  // import: the files; a gear command: the command ("gear add 'Pegasus 40'"); otherwise empty
  std::string at;     // UTC time of the original change
  std::vector<ChangeStep> steps;
  std::vector<GearStep> gear_steps;
};

// Two copies of one entry that differ, and which one a merge kept: this journal's own
// (`kept_local`) or the source's. Reported in words, so an edit is never lost unseen.
struct MergeDecision {
  std::int64_t id = 0;  // the entry's number in this journal
  bool kept_local = false;
  std::string local_modified, incoming_modified;  // UTC; empty for a file that has none
};

// What a merge did with each source's records.
struct MergeCounts {
  std::size_t added = 0, updated = 0, unchanged = 0;
  std::vector<Entry> added_entries;  // as stored (or as they would be, in a dry run)
  // Activities already here from another file (another format of the same activity: a start
  // within 2 minutes and a distance within 3%): each pair is the arriving activity and the
  // entry it was merged into, as that entry is after the merge.
  std::size_t merged = 0;
  std::vector<std::pair<Entry, Entry>> merged_entries;
  std::size_t removed = 0;          // local entries the source had removed
  std::size_t already_removed = 0;  // source entries removed here before: not brought back
  std::size_t brought_back = 0;     // ... or brought back, when the source asks for it
  std::vector<MergeDecision> decisions;  // every pair of copies that differed, in the source's order
  // Gear items added (from the source's items, or for a session naming gear unknown here)
  // and items whose later copy replaced this journal's.
  std::size_t gear_added = 0, gear_updated = 0;
};

// One source of a merge: entries and removals read from a file or another journal.
struct MergeSource {
  std::span<const Entry> entries;
  std::span<const Removal> removals;
  std::span<const GearItem> gear = {};  // merged by name without regard to case; the later modified_at wins
  // An entry removed here (by mistake) comes back from this source, a backup or an export
  // made before the removal, instead of being left out as "removed here before".
  bool bring_back_removed = false;
};

class Journal {
 public:
  // SQLite's application_id for niggle journals: "NIGL" in ASCII.
  static constexpr std::int32_t kApplicationId = 0x4E49474C;
  // The schema this niggle writes; PRAGMA user_version holds a journal's own.
  // Version 2 added the change log (for undo) and the removals (for merges); version 3 the
  // visits (a new entry kind); version 4 the exercises of strength sessions and the hours
  // slept before a pain entry; version 5 the figures of watches (moving time, heart rate,
  // ascent, cadence); version 6 the order of undos (for redo); version 7 the planned sessions
  // (a new entry kind); version 8 gear (the items, and the gear of each session).
  static constexpr int kSchemaVersion = 8;

  enum class Access {
    write,  // create the journal (0600, directory 0700) if it is missing
    read,   // a missing journal reads as an empty one and is not created
  };

  // Throws JournalError with the path and what is wrong: not an SQLite file, another
  // application's database, a newer schema, unreadable, damaged. To write, the journal
  // first passes a full integrity check (PRAGMA quick_check), unless `memo` vouches for it
  // (see check_memo.hpp); a journal opened to write with a memo updates it when closed.
  static Journal open(const std::filesystem::path& path, Access access,
                      const std::optional<CheckMemo>& memo = std::nullopt);
  // A private in-memory copy of another journal, upgraded to this schema in memory; the
  // file itself is only read (SQLite's online backup, so it may be in use). For merges.
  static Journal open_snapshot(const std::filesystem::path& path);

  Journal(Journal&&) noexcept;
  Journal& operator=(Journal&&) noexcept;
  ~Journal();

  const std::filesystem::path& path() const;
  int schema_version() const;
  // False for a read-access journal that does not exist on disk.
  bool exists() const;
  // True when this open created the journal's file (not another process racing to).
  bool created() const;

  // Stores an entry in one transaction; returns it as stored (id, uuid, times filled in).
  // Every change below is recorded in the change log, so that `undo` can revert it.
  Session add(Session session);
  PainEntry add(PainEntry pain);
  Visit add(Visit visit);
  Plan add(Plan plan);
  // Replaces the stored entry with the same id (its kind may not change). modified_at
  // becomes now, and always later than before. Returns the entry as stored; nullopt when
  // nothing differs (and nothing is written). Throws NotFoundError.
  std::optional<Entry> update(const Entry& entry);
  // Removes these entries in one transaction and remembers their UUIDs (removals).
  // Throws NotFoundError, removing nothing, when any id is unknown. Returns them as they were.
  std::vector<Entry> remove(std::span<const std::int64_t> ids);
  // Reverts the latest change not yet undone, restoring entries with their ids and UUIDs.
  // nullopt when there is nothing left to undo. With `dry_run`, says what would be undone
  // and changes nothing.
  std::optional<UndoneChange> undo(bool dry_run = false);
  // Re-applies the change that the last undo took back, as long as no change was made
  // since; nullopt when there is none. The steps say what was re-applied.
  std::optional<UndoneChange> redo(bool dry_run = false);
  // Merges entries and removals from other journals or files in one transaction, by UUID:
  // see ARCHITECTURE.md "Merging". `label` names the sources for the change log. With
  // `dry_run`, the counts are computed and everything is rolled back. One result per source.
  // `progress` hears (records done, records in all) as the merge goes, for a progress bar.
  std::vector<MergeCounts> merge(std::span<const MergeSource> sources, std::string_view label, bool dry_run = false,
                                 const std::function<void(std::size_t, std::size_t)>& progress = {});
  // Writes a consistent copy of the journal to `file` (which must not exist), with
  // SQLite's online backup API: other processes may go on writing meanwhile. Errors name
  // `destination` (the file the user asked for, where `file` is its temporary), or `file`.
  void backup_to(const std::filesystem::path& file, const std::filesystem::path& destination = {}) const;

  // Runs `read` in one read transaction: every query it makes sees the journal as it was at
  // the first one, whatever other processes commit meanwhile (an export during an import
  // or an undo holds all of it or none of it).
  void read_in_one_snapshot(const std::function<void()>& read) const;

  // Gear (gear.hpp). Each change is one change set, undone by `undo` like an entry's.
  // Every item, by name (without regard to case).
  std::vector<GearItem> gear() const;
  // Sessions that name gear, oldest first: what gear_usage sums.
  std::vector<Session> sessions_with_gear() const;
  // The same sessions summed in SQL per stored gear name (distance, count, first and last
  // day), for gear_usage: `advise` and `gear` read a few rows, not every such session.
  std::vector<GearNameTotals> gear_totals() const;
  // Adds an item; ValueError when one of that name (without regard to case) exists. A
  // default item takes the place of the previous default of its type.
  GearItem add_gear(GearItem item);
  // Replaces the item named `name` with `after` (NotFoundError when there is none). A new
  // name is given to every session that named the old one (each an edit); ValueError when
  // another item has it. nullopt when nothing differs.
  std::optional<GearItem> update_gear(std::string_view name, GearItem after);
  // Removes the item. Sessions naming it make it refuse (ValueError), unless `clear_sessions`,
  // which takes the gear off them (each an edit). Returns the item and the sessions cleared.
  std::pair<GearItem, std::size_t> remove_gear(std::string_view name, bool clear_sessions);

  std::optional<Entry> find(std::int64_t id) const;
  // Entries whose day lies in [first, last], oldest first (by day, then by id).
  std::vector<Session> sessions_between(Date first, Date last) const;
  std::vector<PainEntry> pain_between(Date first, Date last) const;
  std::vector<Visit> visits_between(Date first, Date last) const;
  std::vector<Plan> plans_between(Date first, Date last) const;
  // The day of the first entry of any kind (where the journal starts); nullopt when empty.
  std::optional<Date> first_entry_day() const;
  // The latest day up to `up_to` with a pain entry (P3c and P5 remember the last score).
  std::optional<Date> last_pain_day(Date up_to) const;
  // Entries matching `query`, newest first (by day, then creation, then id).
  std::vector<Entry> list(const EntryQuery& query) const;
  // Every entry in export order: oldest day first, then creation time, then UUID.
  std::vector<Entry> all_entries() const;
  // The UUIDs of removed entries, by UUID.
  std::vector<Removal> removals() const;
  // Every entry in export order, and every removal by UUID, as all_entries() and removals()
  // give them, but one at a time: each is read from its row when it is needed and forgotten
  // once `visit` returns, so an export of any size needs memory that does not grow with the
  // journal (journal_stream.cpp). An exception from `visit` stops the reading and passes through.
  void for_each_entry(const std::function<void(const Entry&)>& visit) const;
  void for_each_removal(const std::function<void(const Removal&)>& visit) const;
  std::int64_t count_entries() const;
  // True when the journal holds no entry; unlike count_entries(), it does not read them all.
  bool empty() const;

  struct Impl;  // defined in src/store/journal_impl.hpp for the store's own modules
  Impl& impl() const { return *impl_; }

 private:
  explicit Journal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// What `restore_journal` did: where the journal as it was is kept, and how.
struct RestoreOutcome {
  std::filesystem::path kept;  // empty when there was no journal (and no side file) to keep
  // true: the journal could not be opened (damaged, not a journal), so the file itself was
  // moved to `kept` with its -wal, -shm and -journal beside it, as they were; false: `kept`
  // is a consistent copy made with SQLite's backup, and the journal was replaced in place.
  bool moved_aside = false;
  bool created = false;  // there was no journal: the restored one is new
};

// Replaces the journal at `path` with the contents of `backup` (a Journal::open_snapshot,
// which has been checked whole), keeping the journal as it was in `keep` first (a path that
// does not exist; its side files go beside it as keep + "-wal" and so on). A journal that
// opens is replaced through SQLite's backup API, under its write lock, so its own -wal and
// -shm stay consistent and other processes see the old journal or the new one, never a mix.
// One that does not open is moved aside with its side files before the new file is renamed
// in: no stale -wal is ever left beside a restored journal, where SQLite would replay it.
RestoreOutcome restore_journal(const std::filesystem::path& path, const Journal& backup,
                               const std::filesystem::path& keep);

// For programs, not libraries, as it installs a signal handler: a write past the file size
// limit (ulimit -f) then fails with a journal error that says so, where the kernel would
// otherwise kill the process with SIGXFSZ and no message at all.
void report_file_size_limit();

// A random (version 4) UUID, "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".
std::string new_uuid();
// The current UTC time, "2026-11-24T18:03:12Z".
std::string utc_timestamp_now();

}  // namespace niggle
