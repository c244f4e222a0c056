#pragma once
// What the parts of the journal share (journal_rows.cpp defines most of it): reading a row
// into an entry and writing one back, the change log that records each command, removals,
// time stamps. Private to src/store/, like journal_impl.hpp. Each part of Journal is in a
// file of its own: journal.cpp (open, identity, migrations, snapshot), journal_errors.cpp,
// journal_entries.cpp, journal_stream.cpp (entries one row at a time, for exports),
// journal_changes.cpp, journal_merge.cpp, journal_backup.cpp.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "journal_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/core/text.hpp"
#include "niggle/core/vocab.hpp"

namespace niggle {
// The parts' shared helpers were one file's unnamed namespace; the directive below keeps
// them named, and looked up, as they were there.
namespace journal_detail {

namespace fs = std::filesystem;

// How long a writer waits for another one (a cron job, a second shell) before giving up.
inline constexpr int kBusyTimeoutMs = 30'000;

// Flags for every connection niggle opens, besides read-only or read-write. niggle has one
// thread, and a connection is never handed to another one: SQLite's per-connection mutex
// (taken and released around every call, about a tenth of a read's instructions) guards
// nothing, so connections are opened without it. Nothing in src/ starts a thread; a part
// that does must open its own connections.
int one_thread_flags();

std::string quoted(const fs::path& path);

int pragma_int(SQLite::Database& db, const char* pragma);

template <class E>
std::optional<E> stored_name(const SQLite::Column& column, const Journal::Impl& impl, std::int64_t id) {
  if (column.isNull()) return std::nullopt;
  const std::string text = column.getString();
  if (auto value = try_parse<E>(text)) return value;
  throw JournalError(fmt::format("the journal {} holds an unknown {} '{}' in entry #{}; was it written by a newer niggle?",
                                 quoted(impl.path), Vocabulary<E>::option, printable(text), id));
}

std::optional<std::string> optional_text(const SQLite::Column& column);
std::optional<double> optional_real(const SQLite::Column& column);
std::optional<std::int64_t> optional_int(const SQLite::Column& column);

void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value);
void bind_optional(SQLite::Statement& statement, int index, const std::optional<double>& value);
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value);
template <class E>
void bind_name(SQLite::Statement& statement, int index, const std::optional<E>& value) {
  if (value) statement.bind(index, std::string{to_string(*value)}); else statement.bind(index);
}

std::vector<std::string> split(const std::string& text, char separator);

// Columns shared by every entry query: e.id .. tags (7 columns), then the kind's own.
inline constexpr const char* kMetaColumns =
    "e.id, e.uuid, e.day, e.note, e.created_at, e.modified_at, e.source, "
    "(SELECT group_concat(t.name, char(31)) FROM tag t WHERE t.entry_id = e.id)";
inline constexpr int kMetaColumnCount = 8;

EntryMeta read_meta(SQLite::Statement& row, const Journal::Impl& impl);

// Each kind's query, to be followed by a WHERE clause.
extern const std::string kSessionSelect;
extern const std::string kPainSelect;
extern const std::string kVisitSelect;
extern const std::string kPlanSelect;

Visit read_visit(SQLite::Statement& row, const Journal::Impl& impl);
Plan read_plan(SQLite::Statement& row, const Journal::Impl& impl);
Session read_session(SQLite::Statement& row, const Journal::Impl& impl);
PainEntry read_pain(SQLite::Statement& row, const Journal::Impl& impl);

// Inserts the entry with its details and tags. With `keep_id`, the entry goes in under
// meta.id (undo restores entries with their numbers; imports keep free ones).
void insert_entry(Journal::Impl& impl, Session& session, bool keep_id);
void insert_entry(Journal::Impl& impl, PainEntry& pain, bool keep_id);
void insert_entry(Journal::Impl& impl, Visit& visit, bool keep_id);
void insert_entry(Journal::Impl& impl, Plan& plan, bool keep_id);
void insert_entry(Journal::Impl& impl, Entry& entry, bool keep_id);

// An entry just inserted, as reading it back would return it, without the read.
void as_stored(Entry& entry);

EntryMeta& meta_of(Entry& entry);

// The details and tags go with it (ON DELETE CASCADE).
void delete_entry(Journal::Impl& impl, std::int64_t id);

std::optional<Entry> find_where(const Journal::Impl& impl, const std::string& condition, const std::string& value);
std::optional<Entry> find_by_id(const Journal::Impl& impl, std::int64_t id);
std::optional<Entry> find_by_uuid(const Journal::Impl& impl, const std::string& uuid);

// The JSON record kept in the change log, and read back by undo.
std::string record_text(const Entry& entry);
Entry entry_from_text(const std::string& text);

// What two copies of an entry are compared by in a merge: everything but the local id.
std::string content_of(const Entry& entry);

// What an entry says, without what tells one copy from another (number, UUID, times).
std::string figures_of(const Entry& entry);

// An entry edited since it was stored: every edit moves modified_at past created_at.
bool was_edited(const EntryMeta& meta);

std::optional<Removal> find_removal(const Journal::Impl& impl, const std::string& uuid);
void put_removal(Journal::Impl& impl, const Removal& removal);
void drop_removal(Journal::Impl& impl, const std::string& uuid);
std::string removal_text(const Removal& removal);
Removal removal_from_text(const std::string& text);

// Now, or one second after `previous` if the clock says otherwise: an edit must be later
// than what it replaces, or a merge could prefer the older copy.
std::string timestamp_after(const std::string& previous);

// One command's entry in the change log, opened on first use so that a command that
// changes nothing (an import of what is already there) leaves no change to undo
// (journal_changes.cpp).
class ChangeLog {
 public:
  ChangeLog(Journal::Impl& impl, const char* kind, std::string label = {});

  void step(ChangeStep::Action action, const std::string& uuid, const std::optional<std::string>& before,
            const std::optional<std::string>& after);

  // Entry-level steps that keep the journal and its log in step.
  Entry add(Entry entry, bool keep_id);
  Entry replace(const Entry& before, Entry after);
  void remove(const Entry& entry, const std::string& removed_at);
  void drop_removal(const Removal& removal);
  void set_removal(const std::optional<Removal>& before, const Removal& after);
  // A gear item's change: `before` nullopt adds it, `after` nullopt removes it
  // (journal_gear.cpp).
  void gear(const std::optional<GearItem>& before, const std::optional<GearItem>& after);

 private:
  void open_set();
  Journal::Impl& impl_;
  const char* kind_;
  std::string label_;
  std::int64_t set_id_ = 0;
  int seq_ = 0;
};

// Gear items (journal_gear.cpp).
std::vector<GearItem> all_gear(const Journal::Impl& impl);
std::optional<GearItem> find_gear_row(const Journal::Impl& impl, std::string_view name);
// A merge's items: new ones added, a later-modified copy taking the place of the local one.
void merge_gear_items(ChangeLog& log, Journal::Impl& impl, std::span<const GearItem> items, MergeCounts& counts);
// Gear the journal's sessions name and no item is (an activity file's, an export without its
// items) becomes an item of the session's type.
void add_missing_gear(ChangeLog& log, Journal::Impl& impl, MergeCounts& counts);
// The gear steps of a change set taken back (undo) or applied again (redo); `at` names the
// change in an error.
std::vector<GearStep> undo_gear_steps(Journal::Impl& impl, std::int64_t set_id, const std::string& at);
std::vector<GearStep> redo_gear_steps(Journal::Impl& impl, std::int64_t set_id, const std::string& at);

// All pages in one step, under one read transaction (journal_backup.cpp).
void copy_all_pages(SQLite::Backup& backup);

std::int64_t highest_id_ever(Journal::Impl& impl);

void require_on_disk(const Journal::Impl& impl);

bool newest_first(const Entry& a, const Entry& b);

}  // namespace journal_detail
using namespace journal_detail;
}  // namespace niggle
