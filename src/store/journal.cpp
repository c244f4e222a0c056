#include "niggle/store/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fmt/format.h>
#include <fstream>
#include <limits>
#include <tuple>
#include <optional>
#include <random>
#include <set>
#include <sqlite3.h>
#include <thread>

#include "journal_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/store/files.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"
#include "niggle/formats/record.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

namespace fs = std::filesystem;

// How long a writer waits for another one (a cron job, a second shell) before giving up.
constexpr int kBusyTimeoutMs = 30'000;

struct Migration {
  int version;
  const char* sql;
};

// Each migration moves a journal from version-1 to version; they run in one transaction.
// Never edit a migration that has shipped: add a new one.
constexpr Migration kMigrations[] = {
    {1, R"sql(
      CREATE TABLE entry (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid        TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('session', 'pain')),
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        note        TEXT,
        created_at  TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        source      TEXT UNIQUE
      );
      CREATE INDEX entry_by_kind_day ON entry (kind, day);
      CREATE INDEX entry_by_day ON entry (day);
      CREATE TABLE session (
        entry_id       INTEGER PRIMARY KEY REFERENCES entry (id) ON DELETE CASCADE,
        type           TEXT NOT NULL,
        intensity      TEXT,
        metres         REAL CHECK (metres IS NULL OR metres > 0),
        seconds        INTEGER CHECK (seconds IS NULL OR seconds > 0),
        planned_metres REAL CHECK (planned_metres IS NULL OR planned_metres > 0),
        rpe            INTEGER CHECK (rpe IS NULL OR rpe BETWEEN 1 AND 10),
        start_time     TEXT
      );
      CREATE TABLE pain (
        entry_id INTEGER PRIMARY KEY REFERENCES entry (id) ON DELETE CASCADE,
        score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        location TEXT,
        side     TEXT,
        walking  TEXT,
        timing   TEXT,
        symptoms TEXT NOT NULL DEFAULT ''
      );
      CREATE TABLE tag (
        entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        PRIMARY KEY (entry_id, name)
      ) WITHOUT ROWID;
      CREATE INDEX tag_by_name ON tag (name);
    )sql"},
    // The change log that `undo` walks back, newest first: one change_set per command,
    // one change row per entry it touched, holding the entry's JSON record before and
    // after. `removal` keeps the UUIDs of removed entries so merges do not revive them.
    {2, R"sql(
      CREATE TABLE change_set (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        kind      TEXT NOT NULL CHECK (kind IN ('add', 'edit', 'remove', 'import')),
        label     TEXT NOT NULL DEFAULT '',
        at        TEXT NOT NULL,
        undone_at TEXT
      );
      CREATE TABLE change (
        set_id INTEGER NOT NULL REFERENCES change_set (id) ON DELETE CASCADE,
        seq    INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove', 'removal')),
        uuid   TEXT NOT NULL,
        before TEXT,
        after  TEXT,
        PRIMARY KEY (set_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE removal (
        uuid       TEXT PRIMARY KEY,
        removed_at TEXT NOT NULL
      ) WITHOUT ROWID;
    )sql"},
    // Visits (ADVICE-RULES.md v2): a third kind of entry. SQLite cannot change a CHECK
    // constraint in place, so the entry table is rebuilt with 'visit' allowed, and the
    // tables that refer to it with it (with foreign keys on, dropping `entry` while they
    // still referred to it would delete their rows). Ids, UUIDs, times and the
    // AUTOINCREMENT high-water mark are kept, so undo and merges see the same journal.
    {3, R"sql(
      CREATE TABLE entry_v3 (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        uuid        TEXT NOT NULL UNIQUE,
        kind        TEXT NOT NULL CHECK (kind IN ('session', 'pain', 'visit')),
        day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        note        TEXT,
        created_at  TEXT NOT NULL,
        modified_at TEXT NOT NULL,
        source      TEXT UNIQUE
      );
      INSERT INTO entry_v3 (id, uuid, kind, day, note, created_at, modified_at, source)
        SELECT id, uuid, kind, day, note, created_at, modified_at, source FROM entry;
      DELETE FROM sqlite_sequence WHERE name = 'entry_v3';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'entry_v3', seq FROM sqlite_sequence WHERE name = 'entry';
      CREATE TABLE session_v3 (
        entry_id       INTEGER PRIMARY KEY REFERENCES entry_v3 (id) ON DELETE CASCADE,
        type           TEXT NOT NULL,
        intensity      TEXT,
        metres         REAL CHECK (metres IS NULL OR metres > 0),
        seconds        INTEGER CHECK (seconds IS NULL OR seconds > 0),
        planned_metres REAL CHECK (planned_metres IS NULL OR planned_metres > 0),
        rpe            INTEGER CHECK (rpe IS NULL OR rpe BETWEEN 1 AND 10),
        start_time     TEXT
      );
      INSERT INTO session_v3 SELECT entry_id, type, intensity, metres, seconds, planned_metres, rpe, start_time FROM session;
      CREATE TABLE pain_v3 (
        entry_id INTEGER PRIMARY KEY REFERENCES entry_v3 (id) ON DELETE CASCADE,
        score    INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
        location TEXT,
        side     TEXT,
        walking  TEXT,
        timing   TEXT,
        symptoms TEXT NOT NULL DEFAULT ''
      );
      INSERT INTO pain_v3 SELECT entry_id, score, location, side, walking, timing, symptoms FROM pain;
      CREATE TABLE tag_v3 (
        entry_id INTEGER NOT NULL REFERENCES entry_v3 (id) ON DELETE CASCADE,
        name     TEXT NOT NULL,
        PRIMARY KEY (entry_id, name)
      ) WITHOUT ROWID;
      INSERT INTO tag_v3 SELECT entry_id, name FROM tag;
      DROP TABLE tag;
      DROP TABLE session;
      DROP TABLE pain;
      DROP TABLE entry;
      ALTER TABLE entry_v3 RENAME TO entry;
      ALTER TABLE session_v3 RENAME TO session;
      ALTER TABLE pain_v3 RENAME TO pain;
      ALTER TABLE tag_v3 RENAME TO tag;
      CREATE INDEX entry_by_kind_day ON entry (kind, day);
      CREATE INDEX entry_by_day ON entry (day);
      CREATE INDEX tag_by_name ON tag (name);
      CREATE TABLE visit (
        entry_id INTEGER PRIMARY KEY REFERENCES entry (id) ON DELETE CASCADE,
        kind     TEXT NOT NULL CHECK (kind IN ('physio', 'doctor', 'urgent-care', 'other'))
      );
    )sql"},
    // What a strength session did (`log --lift`: "deadlift:3x5@60kg" items, space-separated,
    // in the order given) and the hours slept before a pain entry (`pain --sleep`).
    {4, R"sql(
      ALTER TABLE session ADD COLUMN lifts TEXT NOT NULL DEFAULT '';
      ALTER TABLE pain ADD COLUMN sleep_hours REAL CHECK (sleep_hours IS NULL OR sleep_hours BETWEEN 0 AND 24);
    )sql"},
    // What watches measure, kept from imported activity files: moving (timer) time, heart
    // rate, ascent and cadence. All optional; typed sessions have none.
    {5, R"sql(
      ALTER TABLE session ADD COLUMN moving_seconds INTEGER CHECK (moving_seconds IS NULL OR moving_seconds > 0);
      ALTER TABLE session ADD COLUMN avg_heart_rate INTEGER CHECK (avg_heart_rate IS NULL OR avg_heart_rate BETWEEN 20 AND 250);
      ALTER TABLE session ADD COLUMN max_heart_rate INTEGER CHECK (max_heart_rate IS NULL OR max_heart_rate BETWEEN 20 AND 250);
      ALTER TABLE session ADD COLUMN ascent_metres REAL CHECK (ascent_metres IS NULL OR ascent_metres BETWEEN 0 AND 20000);
      ALTER TABLE session ADD COLUMN avg_cadence INTEGER CHECK (avg_cadence IS NULL OR avg_cadence BETWEEN 1 AND 300);
    )sql"},
    // The order in which changes were undone, so that `redo` re-applies the last one that
    // `undo` took back (and none from before a later change).
    {6, R"sql(
      ALTER TABLE change_set ADD COLUMN undone_order INTEGER;
    )sql"},
};
static_assert(std::size(kMigrations) == Journal::kSchemaVersion, "one migration per schema version");

std::string quoted(const fs::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

// Creates an empty journal file readable by its owner only. O_EXCL: if another process
// created it first, that one is used. True when this call made it.
bool create_private_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return true;
  }
  if (errno != EEXIST) {
    throw JournalError(fmt::format("cannot create the journal {}: {}", quoted(path), std::strerror(errno)));
  }
  return false;
}

enum class FileShape { missing, empty, sqlite, not_sqlite };

FileShape inspect_file(const fs::path& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw JournalError(fmt::format("cannot open the journal {}: {}", quoted(path), ec.message()));
  }
  if (!fs::exists(status)) {
    if (fs::is_symlink(fs::symlink_status(path, ec))) {
      throw JournalError(fmt::format("the journal {} is a symbolic link to {}, which does not exist; niggle will not "
                                     "create a journal through a dangling link",
                                     quoted(path), quoted(fs::read_symlink(path, ec))));
    }
    return FileShape::missing;
  }
  if (fs::is_directory(status)) {
    throw JournalError(fmt::format("the journal {} is a directory; give the path of a file, such as {}", quoted(path),
                                   quoted(path / "journal.db")));
  }
  if (!fs::is_regular_file(status)) {
    throw JournalError(fmt::format("the journal {} is not a regular file", quoted(path)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw JournalError(fmt::format("cannot read the journal {}: {}", quoted(path), std::strerror(errno)));
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  const auto got = static_cast<std::size_t>(in.gcount());
  if (got == 0) return FileShape::empty;
  static constexpr char kMagic[] = "SQLite format 3";  // 15 characters and a NUL: 16 bytes
  if (got < header.size() || std::memcmp(header.data(), kMagic, sizeof kMagic) != 0) return FileShape::not_sqlite;
  return FileShape::sqlite;
}

// Whether niggle may write the journal and make its side files: the file and its directory.
bool may_write_beside(const fs::path& path) {
  const fs::path directory = path.has_parent_path() ? path.parent_path() : fs::path(".");
  return ::access(path.c_str(), W_OK) == 0 && ::access(directory.c_str(), W_OK) == 0;
}

// "file:" and the absolute path, with the characters a URI gives meaning to escaped.
std::string file_uri(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  std::string uri = "file:";
  for (const char c : (ec ? path : absolute).string()) {
    if (c == '%' || c == '?' || c == '#') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  return uri;
}

// A connection that only reads a journal where niggle may not write (a 0400 file, a
// read-only directory or mount, another user's directory). SQLite's read-only mode alone
// would still make -wal and -shm files there where it can, as read-only as the journal, and
// writes would fail after a chmod u+w; where it cannot, it fails. With no -wal holding
// pages there is nothing to replay: the immutable mode reads the file alone, making
// nothing beside it. A -wal with pages (another process writing, or one killed) is read
// through SQLite's read-only mode, which needs its -shm.
SQLite::Database open_read_only(const fs::path& path) {
  std::error_code ec;
  const auto wal_bytes = fs::file_size(path.string() + "-wal", ec);
  const bool wal_has_pages = !ec && wal_bytes > 0;
  return SQLite::Database(file_uri(path) + (wal_has_pages ? "?mode=ro" : "?mode=ro&immutable=1"),
                          SQLite::OPEN_READONLY | SQLite::OPEN_URI, kBusyTimeoutMs);
}

int pragma_int(SQLite::Database& db, const char* pragma) {
  return db.execAndGet(fmt::format("PRAGMA {}", pragma)).getInt();
}

enum class Identity { niggle, blank, foreign };

// What a database says about itself. Read in one statement, so from one snapshot: read
// pragma by pragma, a process could see another one's migration half-way (no application
// id yet, but tables already) and take a brand-new journal for another program's file.
struct Header {
  int application_id = 0;
  int user_version = 0;
  int objects = 0;
};

Header read_header(SQLite::Database& db) {
  SQLite::Statement query(db,
                          "SELECT (SELECT application_id FROM pragma_application_id()), "
                          "(SELECT user_version FROM pragma_user_version()), "
                          "(SELECT count(*) FROM sqlite_master)");
  query.executeStep();
  return Header{query.getColumn(0).getInt(), query.getColumn(1).getInt(), query.getColumn(2).getInt()};
}

Identity identify(const Header& header) {
  if (header.application_id == Journal::kApplicationId) return Identity::niggle;
  if (header.application_id == 0 && header.user_version == 0 && header.objects == 0) return Identity::blank;
  return Identity::foreign;
}

void refuse_newer(const fs::path& path, int version) {
  throw JournalError(fmt::format(
      "the journal {} was written by a newer niggle (schema {}; this niggle knows up to {}); upgrade niggle to "
      "use it. It has not been changed",
      quoted(path), version, Journal::kSchemaVersion));
}

// Returns the journal's schema version (0 for a blank database).
int check_identity(SQLite::Database& db, const fs::path& path) {
  const Header header = read_header(db);
  switch (identify(header)) {
    case Identity::niggle:
      if (header.user_version > Journal::kSchemaVersion) refuse_newer(path, header.user_version);
      return header.user_version;
    case Identity::blank: return 0;
    case Identity::foreign:
      throw JournalError(fmt::format(
          "{} is an SQLite database of another application, not a niggle journal; niggle will not touch it. "
          "Give another path with --db or NIGGLE_DB",
          quoted(path)));
  }
  return header.user_version;
}

// Refuses to write into a damaged journal. SQLite notices damage only in the pages a
// statement reads, so a write that does not pass through a garbled page would succeed and
// bury the damage under new entries. quick_check reads every page: about 20 ms for 20,000
// entries, paid only by commands that write.
void check_undamaged(SQLite::Database& db, const fs::path& path) {
  std::string verdict = db.execAndGet("PRAGMA quick_check(1)").getString();
  if (verdict == "ok") return;
  constexpr std::string_view kPrefix = "*** in database main ***\n";
  if (verdict.starts_with(kPrefix)) verdict.erase(0, kPrefix.size());
  throw JournalError(fmt::format("the journal {} is damaged ({}); niggle will not write to it, and has not changed it. "
                                 "Restore it from a backup with `niggle restore BACKUP`, or try `sqlite3 {} .recover`",
                                 quoted(path), printable(verdict, 120), path.string()));
}

// A merge source, or a backup about to be restored, passes SQLite's full integrity check
// (every page, every index against its table) and the foreign-key check (no tag, session
// or pain row without its entry), or is refused whole.
void check_whole(SQLite::Database& db, const fs::path& path) {
  std::string verdict;
  {
    SQLite::Statement check(db, "PRAGMA integrity_check(5)");
    while (check.executeStep()) {
      if (!verdict.empty()) verdict += "; ";
      verdict += check.getColumn(0).getString();
    }
  }
  constexpr std::string_view kPrefix = "*** in database main ***\n";
  if (verdict.starts_with(kPrefix)) verdict.erase(0, kPrefix.size());
  if (verdict == "ok") {
    SQLite::Statement orphans(db, "SELECT \"table\", count(*) FROM pragma_foreign_key_check GROUP BY 1 ORDER BY 1");
    verdict.clear();
    while (orphans.executeStep()) {
      if (!verdict.empty()) verdict += "; ";
      const int rows = orphans.getColumn(1).getInt();
      verdict += fmt::format("table {}: {} {} a missing entry", orphans.getColumn(0).getString(), rows,
                             rows == 1 ? "row names" : "rows name");
    }
    if (verdict.empty()) return;
  }
  throw JournalError(fmt::format("the journal {} is damaged ({})", quoted(path),
                                 printable(verdict, 200)));
}

// Brings the schema up to date. BEGIN IMMEDIATE takes the write lock first, so two
// processes opening a new journal at once cannot both create it.
void migrate(SQLite::Database& db, const fs::path& path) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  // Again, under the lock: another process may have been first.
  const int current = check_identity(db, path);
  if (current == Journal::kSchemaVersion) return;  // the transaction rolls back: nothing to do
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current) continue;
    db.exec(migration.sql);
  }
  db.exec(fmt::format("PRAGMA application_id = {}", Journal::kApplicationId));
  db.exec(fmt::format("PRAGMA user_version = {}", Journal::kSchemaVersion));
  transaction.commit();
}

// Puts the journal in WAL mode, which lets readers go on while one process writes; the
// mode persists in the file, so this changes something only on a journal's first open.
// The switch needs the file to itself, and when another process holds a lock SQLite
// answers SQLITE_BUSY at once rather than wait in the busy handler (waiting could
// deadlock). Several processes creating one journal at the same moment do meet here, so
// retry within the same time budget as any other lock.
void use_wal(SQLite::Database& db) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  for (int attempt = 0;; ++attempt) {
    try {
      if (db.execAndGet("PRAGMA journal_mode").getString() != "wal") db.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if (e.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
    }
    // A little jitter, so that two processes that collided do not collide again in step.
    std::this_thread::sleep_for(std::chrono::milliseconds(1 + (::getpid() + attempt) % 7));
  }
}

void configure_connection(SQLite::Database& db) {
  db.exec("PRAGMA foreign_keys = ON");
  // FULL: a committed entry survives a power cut, not only a crash of niggle.
  db.exec("PRAGMA synchronous = FULL");
}

std::unique_ptr<Journal::Impl> open_in_memory() {
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  configure_connection(db);
  migrate(db, ":memory:");
  return std::make_unique<Journal::Impl>(fs::path{}, false, std::move(db));
}

template <class E>
std::optional<E> stored_name(const SQLite::Column& column, const Journal::Impl& impl, std::int64_t id) {
  if (column.isNull()) return std::nullopt;
  const std::string text = column.getString();
  if (auto value = try_parse<E>(text)) return value;
  throw JournalError(fmt::format("the journal {} holds an unknown {} '{}' in entry #{}; was it written by a newer niggle?",
                                 quoted(impl.path), Vocabulary<E>::option, printable(text), id));
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}
std::optional<double> optional_real(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getDouble();
}
std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) statement.bind(index, *value); else statement.bind(index);
}
void bind_optional(SQLite::Statement& statement, int index, const std::optional<double>& value) {
  if (value) statement.bind(index, *value); else statement.bind(index);
}
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value) {
  if (value) statement.bind(index, *value); else statement.bind(index);
}
template <class E>
void bind_name(SQLite::Statement& statement, int index, const std::optional<E>& value) {
  if (value) statement.bind(index, std::string{to_string(*value)}); else statement.bind(index);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
    parts.push_back(text.substr(start, at - start));
  parts.push_back(text.substr(start));
  return parts;
}

// Columns shared by every entry query: e.id .. tags (7 columns), then the kind's own.
constexpr const char* kMetaColumns =
    "e.id, e.uuid, e.day, e.note, e.created_at, e.modified_at, e.source, "
    "(SELECT group_concat(t.name, char(31)) FROM tag t WHERE t.entry_id = e.id)";
constexpr int kMetaColumnCount = 8;

EntryMeta read_meta(SQLite::Statement& row, const Journal::Impl& impl) {
  EntryMeta meta;
  meta.id = row.getColumn(0).getInt64();
  meta.uuid = row.getColumn(1).getString();
  const std::string day = row.getColumn(2).getString();
  const auto date = try_parse_iso_date(day);
  if (!date) {
    throw JournalError(fmt::format("the journal {} holds an invalid date '{}' in entry #{}", quoted(impl.path),
                                   printable(day), meta.id));
  }
  meta.date = *date;
  meta.note = optional_text(row.getColumn(3));
  meta.created_at = row.getColumn(4).getString();
  meta.modified_at = row.getColumn(5).getString();
  meta.source = optional_text(row.getColumn(6));
  meta.tags = split(row.getColumn(7).isNull() ? std::string{} : row.getColumn(7).getString(), '\x1f');
  std::sort(meta.tags.begin(), meta.tags.end());
  return meta;
}

const std::string kSessionSelect = fmt::format(
    "SELECT {}, s.type, s.intensity, s.metres, s.seconds, s.planned_metres, s.rpe, s.start_time, s.lifts, "
    "s.moving_seconds, s.avg_heart_rate, s.max_heart_rate, s.ascent_metres, s.avg_cadence "
    "FROM entry e JOIN session s ON s.entry_id = e.id ",
    kMetaColumns);
const std::string kPainSelect = fmt::format(
    "SELECT {}, p.score, p.location, p.side, p.walking, p.timing, p.symptoms, p.sleep_hours "
    "FROM entry e JOIN pain p ON p.entry_id = e.id ",
    kMetaColumns);

const std::string kVisitSelect = fmt::format(
    "SELECT {}, v.kind FROM entry e JOIN visit v ON v.entry_id = e.id ", kMetaColumns);

Visit read_visit(SQLite::Statement& row, const Journal::Impl& impl) {
  Visit visit;
  visit.meta = read_meta(row, impl);
  visit.kind = stored_name<VisitKind>(row.getColumn(kMetaColumnCount), impl, visit.meta.id).value_or(VisitKind::other);
  return visit;
}

Session read_session(SQLite::Statement& row, const Journal::Impl& impl) {
  Session session;
  session.meta = read_meta(row, impl);
  const int c = kMetaColumnCount;
  const std::int64_t id = session.meta.id;
  session.type = stored_name<ActivityType>(row.getColumn(c), impl, id).value_or(ActivityType::other);
  session.intensity = stored_name<Intensity>(row.getColumn(c + 1), impl, id);
  session.metres = optional_real(row.getColumn(c + 2));
  session.seconds = optional_int(row.getColumn(c + 3));
  session.planned_metres = optional_real(row.getColumn(c + 4));
  if (auto rpe = optional_int(row.getColumn(c + 5))) session.rpe = static_cast<int>(*rpe);
  session.start_time = optional_text(row.getColumn(c + 6));
  for (const std::string& text : split(row.getColumn(c + 7).getString(), ' ')) {
    try {
      session.lifts.push_back(parse_lift(text));
    } catch (const ValueError&) {
      throw JournalError(fmt::format("the journal {} holds an unreadable lift '{}' in entry #{}", quoted(impl.path),
                                     printable(text), id));
    }
  }
  session.moving_seconds = optional_int(row.getColumn(c + 8));
  const auto small = [](std::optional<std::int64_t> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
  session.avg_heart_rate = small(optional_int(row.getColumn(c + 9)));
  session.max_heart_rate = small(optional_int(row.getColumn(c + 10)));
  session.ascent_metres = optional_real(row.getColumn(c + 11));
  session.avg_cadence = small(optional_int(row.getColumn(c + 12)));
  return session;
}

PainEntry read_pain(SQLite::Statement& row, const Journal::Impl& impl) {
  PainEntry pain;
  pain.meta = read_meta(row, impl);
  const int c = kMetaColumnCount;
  const std::int64_t id = pain.meta.id;
  pain.score = row.getColumn(c).getInt();
  pain.where = stored_name<Location>(row.getColumn(c + 1), impl, id);
  pain.side = stored_name<Side>(row.getColumn(c + 2), impl, id);
  pain.walking = stored_name<Walking>(row.getColumn(c + 3), impl, id);
  pain.when = stored_name<Timing>(row.getColumn(c + 4), impl, id);
  for (const std::string& name : split(row.getColumn(c + 5).getString(), ',')) {
    const auto symptom = try_parse<Symptom>(name);
    if (!symptom) {
      throw JournalError(fmt::format("the journal {} holds an unknown symptom '{}' in entry #{}", quoted(impl.path),
                                     printable(name), id));
    }
    pain.symptoms.push_back(*symptom);
  }
  std::sort(pain.symptoms.begin(), pain.symptoms.end());
  pain.sleep_hours = optional_real(row.getColumn(c + 6));
  return pain;
}

// Inserts the entry row and its tags; returns the new id. With `keep_id`, the entry goes
// in under meta.id (undo restores entries with their numbers; imports keep free ones).
std::int64_t insert_meta(Journal::Impl& impl, EntryMeta& meta, const char* kind, bool keep_id) {
  if (meta.uuid.empty()) meta.uuid = new_uuid();
  if (meta.created_at.empty()) meta.created_at = utc_timestamp_now();
  if (meta.modified_at.empty()) meta.modified_at = meta.created_at;
  const PreparedLease insert = impl.prepared(
      "INSERT INTO entry (id, uuid, kind, day, note, created_at, modified_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (keep_id) insert->bind(1, meta.id); else insert->bind(1);
  insert->bind(2, meta.uuid);
  insert->bind(3, kind);
  insert->bind(4, meta.date.iso());
  bind_optional(*insert, 5, meta.note);
  insert->bind(6, meta.created_at);
  insert->bind(7, meta.modified_at);
  bind_optional(*insert, 8, meta.source);
  insert->exec();
  meta.id = impl.db.getLastInsertRowid();
  if (meta.tags.empty()) return meta.id;
  const PreparedLease tag = impl.prepared("INSERT OR IGNORE INTO tag (entry_id, name) VALUES (?, ?)");
  for (const std::string& name : meta.tags) {
    tag->bind(1, meta.id);
    tag->bind(2, name);
    tag->exec();
    tag->reset();
  }
  return meta.id;
}

// Symptoms in vocabulary order, comma-separated (the names hold no commas).
std::string symptoms_text(std::vector<Symptom> symptoms) {
  std::sort(symptoms.begin(), symptoms.end());
  symptoms.erase(std::unique(symptoms.begin(), symptoms.end()), symptoms.end());
  std::vector<std::string> names;
  for (Symptom symptom : symptoms) names.emplace_back(to_string(symptom));
  return join(names, ",");
}

void insert_entry(Journal::Impl& impl, Session& session, bool keep_id) {
  const std::int64_t id = insert_meta(impl, session.meta, "session", keep_id);
  const PreparedLease insert = impl.prepared(
      "INSERT INTO session (entry_id, type, intensity, metres, seconds, planned_metres, rpe, start_time, lifts, "
      "moving_seconds, avg_heart_rate, max_heart_rate, ascent_metres, avg_cadence) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, id);
  insert->bind(2, std::string{to_string(session.type)});
  bind_name(*insert, 3, session.intensity);
  bind_optional(*insert, 4, session.metres);
  bind_optional(*insert, 5, session.seconds);
  bind_optional(*insert, 6, session.planned_metres);
  bind_optional(*insert, 7, session.rpe ? std::optional<std::int64_t>(*session.rpe) : std::nullopt);
  bind_optional(*insert, 8, session.start_time);
  std::vector<std::string> lifts;
  for (const Lift& lift : session.lifts) lifts.push_back(lift_text(lift));
  insert->bind(9, join(lifts, " "));
  const auto wide = [](std::optional<int> v) { return v ? std::optional<std::int64_t>(*v) : std::nullopt; };
  bind_optional(*insert, 10, session.moving_seconds);
  bind_optional(*insert, 11, wide(session.avg_heart_rate));
  bind_optional(*insert, 12, wide(session.max_heart_rate));
  bind_optional(*insert, 13, session.ascent_metres);
  bind_optional(*insert, 14, wide(session.avg_cadence));
  insert->exec();
}

void insert_entry(Journal::Impl& impl, PainEntry& pain, bool keep_id) {
  const std::int64_t id = insert_meta(impl, pain.meta, "pain", keep_id);
  const PreparedLease insert = impl.prepared(
      "INSERT INTO pain (entry_id, score, location, side, walking, timing, symptoms, sleep_hours) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, id);
  insert->bind(2, pain.score);
  bind_name(*insert, 3, pain.where);
  bind_name(*insert, 4, pain.side);
  bind_name(*insert, 5, pain.walking);
  bind_name(*insert, 6, pain.when);
  insert->bind(7, symptoms_text(pain.symptoms));
  bind_optional(*insert, 8, pain.sleep_hours);
  insert->exec();
}

void insert_entry(Journal::Impl& impl, Visit& visit, bool keep_id) {
  const std::int64_t id = insert_meta(impl, visit.meta, "visit", keep_id);
  const PreparedLease insert = impl.prepared("INSERT INTO visit (entry_id, kind) VALUES (?, ?)");
  insert->bind(1, id);
  insert->bind(2, std::string{to_string(visit.kind)});
  insert->exec();
}

void insert_entry(Journal::Impl& impl, Entry& entry, bool keep_id) {
  std::visit([&](auto& e) { insert_entry(impl, e, keep_id); }, entry);
}

// An entry just inserted, as reading it back would return it, without the read: the
// insert filled in its id, UUID and times, and every value is stored as it is, except that
// tags (a set, in the tag table) and symptoms (a sorted list) come back sorted and unique.
// A merge adds entries by the hundred thousand; reading each back cost a tenth of it.
void as_stored(Entry& entry) {
  const auto sort_unique = [](auto& items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
  };
  std::visit([&](auto& e) { sort_unique(e.meta.tags); }, entry);
  if (auto* pain = std::get_if<PainEntry>(&entry)) sort_unique(pain->symptoms);
}

EntryMeta& meta_of(Entry& entry) {
  return std::visit([](auto& e) -> EntryMeta& { return e.meta; }, entry);
}

// The details and tags go with it (ON DELETE CASCADE).
void delete_entry(Journal::Impl& impl, std::int64_t id) {
  const PreparedLease remove = impl.prepared("DELETE FROM entry WHERE id = ?");
  remove->bind(1, id);
  remove->exec();
}

std::optional<Entry> find_where(const Journal::Impl& impl, const std::string& condition, const std::string& value) {
  {
    const PreparedLease session = impl.prepared(kSessionSelect + condition);
    session->bind(1, value);
    if (session->executeStep()) return Entry{read_session(*session, impl)};
  }
  {
    const PreparedLease pain = impl.prepared(kPainSelect + condition);
    pain->bind(1, value);
    if (pain->executeStep()) return Entry{read_pain(*pain, impl)};
  }
  const PreparedLease visit = impl.prepared(kVisitSelect + condition);
  visit->bind(1, value);
  if (visit->executeStep()) return Entry{read_visit(*visit, impl)};
  return std::nullopt;
}

std::optional<Entry> find_by_id(const Journal::Impl& impl, std::int64_t id) {
  {
    const PreparedLease session = impl.prepared(kSessionSelect + "WHERE e.id = ?");
    session->bind(1, id);
    if (session->executeStep()) return Entry{read_session(*session, impl)};
  }
  {
    const PreparedLease pain = impl.prepared(kPainSelect + "WHERE e.id = ?");
    pain->bind(1, id);
    if (pain->executeStep()) return Entry{read_pain(*pain, impl)};
  }
  const PreparedLease visit = impl.prepared(kVisitSelect + "WHERE e.id = ?");
  visit->bind(1, id);
  if (visit->executeStep()) return Entry{read_visit(*visit, impl)};
  return std::nullopt;
}

std::optional<Entry> find_by_uuid(const Journal::Impl& impl, const std::string& uuid) {
  // Most UUIDs a merge asks about are new: one probe of the uuid index answers those, where
  // the two joins of find_where would each look and find nothing.
  const PreparedLease known = impl.prepared("SELECT 1 FROM entry WHERE uuid = ?");
  known->bind(1, uuid);
  if (!known->executeStep()) return std::nullopt;
  return find_where(impl, "WHERE e.uuid = ?", uuid);
}

// The JSON record kept in the change log, and read back by undo. Stored entries passed
// every check once; the far date only stops today's date from refusing old records.
std::string record_text(const Entry& entry) { return to_json(entry).dump(); }
Entry entry_from_text(const std::string& text) {
  return entry_from_record(Json::parse(text), *Date::from_ymd(9999, 12, 31));
}

// What two copies of an entry are compared by in a merge: everything but the local id.
std::string content_of(const Entry& entry) {
  Json json = to_json(entry);
  json.erase("id");
  return json.dump();
}

// What an entry says, without what tells one copy from another (number, UUID, times):
// two imports of one activity file compare equal unless one of them was edited.
std::string figures_of(const Entry& entry) {
  Json json = to_json(entry);
  for (const char* key : {"id", "uuid", "created_at", "modified_at"}) json.erase(key);
  return json.dump();
}

// An entry edited since it was stored: every edit moves modified_at past created_at.
bool was_edited(const EntryMeta& meta) { return !meta.created_at.empty() && meta.modified_at > meta.created_at; }

// --- One activity, one entry --------------------------------------------------------------
// An activity file imported again, corrected, or the same activity arriving in another
// format (a watch's FIT and Garmin Connect's TCX, a Strava row and its file), is one entry.

// How much of what a device measures a session holds: of two copies of one activity, the
// richer is kept.
int richness(const Session& s) {
  return (s.summary_only ? -1 : 0) + (s.metres ? 1 : 0) + (s.seconds ? 1 : 0) + (s.start_time ? 1 : 0) + (s.moving_seconds ? 1 : 0) +
         (s.avg_heart_rate ? 1 : 0) + (s.max_heart_rate ? 1 : 0) + (s.ascent_metres ? 1 : 0) + (s.avg_cadence ? 1 : 0);
}

// A session's local start in seconds, to compare two starts.
std::optional<std::int64_t> local_start(const Session& s) {
  if (!s.start_time || s.start_time->size() != 8) return std::nullopt;
  const std::string& t = *s.start_time;
  const auto two = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  return s.meta.date.days_since_epoch() * 86400 + two(0) * 3600 + two(3) * 60 + two(6);
}

constexpr std::int64_t kSameStartSeconds = 120;
constexpr double kSameDistance = 0.03;

bool within(double a, double b, double fraction) { return std::abs(a - b) <= fraction * std::max(a, b); }

std::string timestamp_after(const std::string& previous);

// Two copies of one activity's figures that differ only as two programs round them (Strava's
// CSV writes a tenth of a metre of what its file measured to the millimetre) are the same:
// a correction changes more than that.
bool same_to_rounding(const Session& a, const Session& b) {
  const auto near = [](const auto& x, const auto& y, double tolerance, bool relative) {
    if (!x || !y) return !x && !y;
    const double dx = static_cast<double>(*x), dy = static_cast<double>(*y);
    return std::abs(dx - dy) <= (relative ? tolerance * std::max(std::abs(dx), std::abs(dy)) : tolerance);
  };
  return a.type == b.type && a.meta.note == b.meta.note && a.meta.date == b.meta.date && a.start_time == b.start_time &&
         near(a.metres, b.metres, 0.0005, true) && near(a.seconds, b.seconds, 1, false) &&
         near(a.moving_seconds, b.moving_seconds, 1, false) && a.avg_heart_rate == b.avg_heart_rate &&
         a.max_heart_rate == b.max_heart_rate && near(a.ascent_metres, b.ascent_metres, 1, false) &&
         a.avg_cadence == b.avg_cadence && a.planned_metres == b.planned_metres;
}

// The stored entry `local` with the measured figures of `incoming` (the same activity): its
// identity, source and what was typed (intensity, effort, plan, tags) stay; the type and the
// note follow the file unless the entry was edited since it was imported.
std::optional<Entry> with_figures_of(const Session& local, const Session& incoming, bool same_source) {
  Session out = local;
  const bool edited = local.meta.modified_at != local.meta.created_at;
  if (!edited) {
    out.type = incoming.type;
    if (same_source && incoming.meta.note) out.meta.note = incoming.meta.note;
  }
  out.metres = has_distance(out.type) ? incoming.metres : std::nullopt;
  if (!has_distance(out.type)) out.planned_metres.reset();
  out.seconds = incoming.seconds;
  if (!out.metres && !out.seconds) return std::nullopt;
  if (incoming.start_time) {
    out.meta.date = incoming.meta.date;
    out.start_time = incoming.start_time;
  }
  out.moving_seconds = incoming.moving_seconds;
  out.avg_heart_rate = incoming.avg_heart_rate;
  out.max_heart_rate = incoming.max_heart_rate;
  out.ascent_metres = incoming.ascent_metres;
  out.avg_cadence = incoming.avg_cadence;
  if (same_to_rounding(out, local)) return std::nullopt;
  out.meta.modified_at = timestamp_after(local.meta.modified_at);
  return Entry{std::move(out)};
}

// An imported session already in the journal under another source: one that starts within
// two minutes and covers the same distance to 3% (the same time, where either has no
// distance).
std::optional<Session> same_activity(const Journal::Impl& impl, const Session& incoming) {
  const auto start = local_start(incoming);
  if (!start || !incoming.meta.source) return std::nullopt;
  const PreparedLease query = impl.prepared(kSessionSelect +
                                            "WHERE e.kind = 'session' AND e.day BETWEEN ? AND ? AND e.source IS NOT NULL "
                                            "AND e.source != ? AND s.start_time IS NOT NULL");
  query->bind(1, incoming.meta.date.plus_days(-1).iso());
  query->bind(2, incoming.meta.date.plus_days(1).iso());
  query->bind(3, *incoming.meta.source);
  while (query->executeStep()) {
    Session candidate = read_session(*query, impl);
    const auto theirs = local_start(candidate);
    if (!theirs || std::abs(*theirs - *start) > kSameStartSeconds) continue;
    if (incoming.metres && candidate.metres) {
      if (!within(*incoming.metres, *candidate.metres, kSameDistance)) continue;
    } else if (incoming.seconds && candidate.seconds) {
      if (!within(static_cast<double>(*incoming.seconds), static_cast<double>(*candidate.seconds), kSameDistance)) continue;
    } else {
      continue;
    }
    return candidate;
  }
  return std::nullopt;
}

std::optional<Removal> find_removal(const Journal::Impl& impl, const std::string& uuid) {
  const PreparedLease query = impl.prepared("SELECT removed_at FROM removal WHERE uuid = ?");
  query->bind(1, uuid);
  if (!query->executeStep()) return std::nullopt;
  return Removal{uuid, query->getColumn(0).getString()};
}

void put_removal(Journal::Impl& impl, const Removal& removal) {
  const PreparedLease insert = impl.prepared("INSERT OR REPLACE INTO removal (uuid, removed_at) VALUES (?, ?)");
  insert->bind(1, removal.uuid);
  insert->bind(2, removal.removed_at);
  insert->exec();
}

void drop_removal(Journal::Impl& impl, const std::string& uuid) {
  const PreparedLease remove = impl.prepared("DELETE FROM removal WHERE uuid = ?");
  remove->bind(1, uuid);
  remove->exec();
}

std::string removal_text(const Removal& removal) {
  return Json{{"uuid", removal.uuid}, {"removed_at", removal.removed_at}}.dump();
}
Removal removal_from_text(const std::string& text) {
  const Json json = Json::parse(text);
  return Removal{json.at("uuid").get<std::string>(), json.at("removed_at").get<std::string>()};
}

std::int64_t seconds_of(const std::string& timestamp) {
  const Date day = *try_parse_iso_date(std::string_view(timestamp).substr(0, 10));
  const auto part = [&](std::size_t at) { return std::stoll(timestamp.substr(at, 2)); };
  return day.days_since_epoch() * 86400 + part(11) * 3600 + part(14) * 60 + part(17);
}

std::string timestamp_of(std::int64_t seconds) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t rest = seconds - days * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date{}.plus_days(days).iso(), rest / 3600, rest / 60 % 60, rest % 60);
}

// Now, or one second after `previous` if the clock says otherwise: an edit must be later
// than what it replaces, or a merge could prefer the older copy.
std::string timestamp_after(const std::string& previous) {
  const std::string now = utc_timestamp_now();
  if (previous.empty() || !is_utc_timestamp(previous) || now > previous) return now;
  return timestamp_of(seconds_of(previous) + 1);
}

const char* action_name(ChangeStep::Action action) {
  switch (action) {
    case ChangeStep::Action::add: return "add";
    case ChangeStep::Action::edit: return "edit";
    case ChangeStep::Action::remove: return "remove";
    case ChangeStep::Action::removal: return "removal";
  }
  return "add";
}

// One command's entry in the change log, opened on first use so that a command that
// changes nothing (an import of what is already there) leaves no change to undo.
class ChangeLog {
 public:
  ChangeLog(Journal::Impl& impl, const char* kind, std::string label = {})
      : impl_(impl), kind_(kind), label_(std::move(label)) {}

  void step(ChangeStep::Action action, const std::string& uuid, const std::optional<std::string>& before,
            const std::optional<std::string>& after) {
    if (set_id_ == 0) {
      SQLite::Statement open(impl_.db, "INSERT INTO change_set (kind, label, at) VALUES (?, ?, ?)");
      open.bind(1, kind_);
      open.bind(2, label_);
      open.bind(3, utc_timestamp_now());
      open.exec();
      set_id_ = impl_.db.getLastInsertRowid();
    }
    const PreparedLease insert =
        impl_.prepared("INSERT INTO change (set_id, seq, action, uuid, before, after) VALUES (?, ?, ?, ?, ?, ?)");
    insert->bind(1, set_id_);
    insert->bind(2, ++seq_);
    insert->bind(3, action_name(action));
    insert->bind(4, uuid);
    bind_optional(*insert, 5, before);
    bind_optional(*insert, 6, after);
    insert->exec();
  }

  // Entry-level steps that keep the journal and its log in step.
  Entry add(Entry entry, bool keep_id) {
    insert_entry(impl_, entry, keep_id);
    as_stored(entry);
    step(ChangeStep::Action::add, meta_of(entry).uuid, std::nullopt, record_text(entry));
    return entry;
  }
  Entry replace(const Entry& before, Entry after) {
    meta_of(after).id = niggle::meta_of(before).id;
    delete_entry(impl_, niggle::meta_of(before).id);
    insert_entry(impl_, after, true);
    Entry stored = *find_by_id(impl_, meta_of(after).id);
    step(ChangeStep::Action::edit, meta_of(stored).uuid, record_text(before), record_text(stored));
    return stored;
  }
  void remove(const Entry& entry, const std::string& removed_at) {
    const EntryMeta& meta = niggle::meta_of(entry);
    delete_entry(impl_, meta.id);
    const Removal removal{meta.uuid, removed_at};
    put_removal(impl_, removal);
    step(ChangeStep::Action::remove, meta.uuid, record_text(entry), removal_text(removal));
  }
  void drop_removal(const Removal& removal) {
    niggle::drop_removal(impl_, removal.uuid);
    step(ChangeStep::Action::removal, removal.uuid, removal_text(removal), std::nullopt);
  }
  void set_removal(const std::optional<Removal>& before, const Removal& after) {
    put_removal(impl_, after);
    step(ChangeStep::Action::removal, after.uuid, before ? std::optional(removal_text(*before)) : std::nullopt,
         removal_text(after));
  }

 private:
  Journal::Impl& impl_;
  const char* kind_;
  std::string label_;
  std::int64_t set_id_ = 0;
  int seq_ = 0;
};

// All pages in one step, under one read transaction: a consistent copy even while another
// process writes. A writer holding a lock is waited for, as long as the busy timeout.
void copy_all_pages(SQLite::Backup& backup) {
  for (int waited_ms = 0;; waited_ms += 50) {
    const int rc = backup.executeStep(-1);
    if (rc == SQLITE_DONE) return;
    if (waited_ms >= kBusyTimeoutMs) throw SQLite::Exception("the journal stayed locked", rc);
    ::usleep(50'000);
  }
}

std::int64_t highest_id_ever(Journal::Impl& impl) {
  const PreparedLease query = impl.prepared("SELECT seq FROM sqlite_sequence WHERE name = 'entry'");
  return query->executeStep() ? query->getColumn(0).getInt64() : 0;
}

void require_on_disk(const Journal::Impl& impl) {
  if (!impl.on_disk) throw JournalError("cannot write: the journal was opened for reading only");
}

bool newest_first(const Entry& a, const Entry& b) {
  const EntryMeta &x = niggle::meta_of(a), &y = niggle::meta_of(b);
  return std::tie(y.date, y.created_at, y.id) < std::tie(x.date, x.created_at, x.id);
}

volatile std::sig_atomic_t file_size_limit_reached = 0;

extern "C" void note_file_size_limit(int) { file_size_limit_reached = 1; }

}  // namespace

void report_file_size_limit() {
  struct sigaction action {};
  action.sa_handler = note_file_size_limit;
  sigemptyset(&action.sa_mask);
  ::sigaction(SIGXFSZ, &action, nullptr);
}

void throw_journal_error(const SQLite::Exception& e, const fs::path& path, std::string_view action, int system_errno) {
  const std::string where = quoted(path);
  // SQLite reports most failing system calls as a plain I/O error or "cannot open"; the
  // errno underneath tells the user what to do about it. A write past the file size limit
  // is told by the signal it raised, as SQLite does not always keep the errno of a write.
  // The primary code: a backup step reports extended ones (SQLITE_IOERR_WRITE).
  const int code = e.getErrorCode() & 0xFF;
  if (file_size_limit_reached != 0) system_errno = EFBIG;
  if (code == SQLITE_IOERR || code == SQLITE_CANTOPEN || code == SQLITE_FULL || code == SQLITE_READONLY) {
    switch (system_errno) {
      case ENOSPC:
        throw JournalError(fmt::format("cannot {} {}: the disk is full; nothing was written", action, where));
      case EDQUOT:
        throw JournalError(fmt::format("cannot {} {}: the disk quota is exceeded; nothing was written", action, where));
      case EFBIG:
        throw JournalError(fmt::format("cannot {} {}: the file size limit (ulimit -f) is reached; nothing was written",
                                       action, where));
      case EROFS:
        throw JournalError(fmt::format("cannot {} {}: the file system is read-only; nothing was written", action, where));
      case EACCES:
      case EPERM:
        throw JournalError(fmt::format(
            "cannot {} {}: permission denied on the journal, its directory or its -wal/-shm files; nothing was written",
            action, where));
      default: break;
    }
  }
  switch (code) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw JournalError(fmt::format("cannot {} {}: another program held it locked for {} seconds; try again", action,
                                     where, kBusyTimeoutMs / 1000));
    case SQLITE_FULL:
      throw JournalError(fmt::format("cannot {} {}: the disk is full; nothing was written", action, where));
    case SQLITE_READONLY:
      throw JournalError(fmt::format("cannot {} {}: the journal or its directory is read-only; nothing was written",
                                     action, where));
    case SQLITE_CANTOPEN:
      throw JournalError(fmt::format("cannot {} {}: the file cannot be opened ({})", action, where, e.what()));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      throw JournalError(fmt::format("cannot {} {}: the journal is damaged ({}); restore it from a backup with `niggle restore BACKUP`, or try "
                                     "`sqlite3 {} .recover`",
                                     action, where, e.what(), path.string()));
    case SQLITE_IOERR:
      throw JournalError(fmt::format("cannot {} {}: input/output error ({}{}); nothing was written", action, where,
                                     e.what(), system_errno ? fmt::format(": {}", std::strerror(system_errno)) : ""));
    case SQLITE_PERM:
    case SQLITE_AUTH:
      throw JournalError(fmt::format("cannot {} {}: permission denied", action, where));
    default: throw JournalError(fmt::format("cannot {} {}: {}", action, where, e.what()));
  }
}

int system_errno_of(SQLite::Database& db) { return ::sqlite3_system_errno(db.getHandle()); }

void check_not_moved(Journal::Impl& impl, std::string_view action) {
  if (!impl.on_disk) return;
  int moved = 0;
  if (::sqlite3_file_control(impl.db.getHandle(), "main", SQLITE_FCNTL_HAS_MOVED, &moved) == SQLITE_OK && moved) {
    throw JournalError(fmt::format("cannot {} {}: the journal was deleted or replaced while niggle had it open; "
                                   "nothing was written. Run the command again",
                                   action, quoted(impl.path)));
  }
}

Journal Journal::open(const fs::path& path, Access access, const std::optional<CheckMemo>& memo) {
  FileShape shape = inspect_file(path);
  bool created = false;
  if (shape == FileShape::not_sqlite) {
    throw JournalError(fmt::format("{} is not a niggle journal (it is not an SQLite database); niggle will not touch "
                                   "it. Give another path with --db or NIGGLE_DB",
                                   quoted(path)));
  }
  if (shape == FileShape::missing) {
    if (access == Access::read) {
      try {
        return Journal(open_in_memory());
      } catch (const SQLite::Exception& e) {
        throw_journal_error(e, path, "open");
      }
    }
    if (const fs::path failed = create_private_directories(path.parent_path()); !failed.empty()) {
      const int why = errno;
      throw JournalError(fmt::format("cannot create the journal's directory {}: {}", quoted(failed), std::strerror(why)));
    }
    created = create_private_file(path);
  }
  // Opening read-write even to read, so that an older schema can be brought up to date;
  // a journal the user may only read is opened read-only.
  const bool writable = ::access(path.c_str(), W_OK) == 0;
  if (!writable && access == Access::write) {
    // Refused before SQLite opens it: a read-only connection would leave -wal and -shm
    // files as read-only as the journal, and writes would keep failing after a chmod u+w.
    const int why = errno;
    throw JournalError(fmt::format("cannot write to {}: {}; nothing was written", quoted(path),
                                   why == EROFS   ? "the file system is read-only"
                                   : why == EACCES ? "the journal is read-only (permission denied)"
                                   : why == EPERM  ? "writing to the journal is not permitted (is it immutable? see lsattr)"
                                                   : std::strerror(why)));
  }
  std::optional<SQLite::Database> db;
  // A journal refused after SQLite opened it (damaged, foreign, newer) must be left as it
  // was: closing the last connection would otherwise checkpoint its -wal into it.
  struct LeaveUntouchedOnRefusal {
    std::optional<SQLite::Database>& db;
    bool armed = true;
    ~LeaveUntouchedOnRefusal() {
      if (armed && db) ::sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    }
  } untouched{db};
  try {
    if (writable && access == Access::read && !may_write_beside(path)) {
      // A writable file in a directory niggle may not write: its side files cannot be made.
      db.emplace(open_read_only(path));
      const int version = check_identity(*db, path);
      if (version < kSchemaVersion) {
        throw JournalError(fmt::format("the journal {} needs an upgrade to schema {} but its directory is read-only",
                                       quoted(path), kSchemaVersion));
      }
      db->exec("PRAGMA foreign_keys = ON");
      untouched.armed = false;
      return Journal(std::make_unique<Impl>(path, true, std::move(*db)));
    }
    if (writable) {
      db.emplace(path, SQLite::OPEN_READWRITE, kBusyTimeoutMs);
    } else {
      db.emplace(open_read_only(path));
    }
    const int version = check_identity(*db, path);
    std::optional<std::int64_t> checked_at;
    if (writable && (access == Access::write || version < kSchemaVersion)) {
      const std::int64_t now = std::time(nullptr);
      if (memo && version == kSchemaVersion) {
        if (const auto stamp = stamp_of(path)) checked_at = memo->vouching_check(path, *stamp, now);
      }
      if (!checked_at) {
        check_undamaged(*db, path);
        checked_at = now;
      }
    }
    if (writable) {
      use_wal(*db);
      configure_connection(*db);
      // Only a journal that needs it takes the write lock to migrate; everyday opens do not.
      if (version < kSchemaVersion) migrate(*db, path);
    } else if (version < kSchemaVersion) {
      throw JournalError(fmt::format("the journal {} needs an upgrade to schema {} but is read-only", quoted(path),
                                     kSchemaVersion));
    } else {
      db->exec("PRAGMA foreign_keys = ON");
    }
    untouched.armed = false;
    auto impl = std::make_unique<Impl>(path, true, std::move(*db));
    impl->created = created;
    if (memo && access == Access::write) {  // checked_at is set: writable, as Access::write demands
      impl->memo = memo;
      impl->checked_at = *checked_at;
    }
    return Journal(std::move(impl));
  } catch (const SQLite::Exception& e) {
    // A connection that failed to open has no errno of its own: the C library's is the one.
    throw_journal_error(e, path, "open", db ? system_errno_of(*db) : errno);
  }
}

Journal::Journal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() {
  if (!impl_ || !impl_->memo) return;
  const CheckMemo memo = *impl_->memo;
  const fs::path path = impl_->path;
  const bool vouch = !impl_->write_failed;
  const std::int64_t checked_at = impl_->checked_at;
  // The stamp is taken after the connection closes: closing checkpoints the WAL into the
  // journal, which changes its size and modification time.
  impl_.reset();
  const auto stamp = stamp_of(path);
  if (vouch && stamp) {
    memo.remember(path, *stamp, checked_at);
  } else {
    memo.forget(path);
  }
}

const fs::path& Journal::path() const { return impl_->path; }
bool Journal::exists() const { return impl_->on_disk; }
bool Journal::created() const { return impl_->created; }

int Journal::schema_version() const {
  try {
    return pragma_int(impl_->db, "user_version");
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

Session Journal::add(Session session) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<Session>(log.add(Entry{std::move(session)}, false));
  });
}

Visit Journal::add(Visit visit) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<Visit>(log.add(Entry{std::move(visit)}, false));
  });
}

PainEntry Journal::add(PainEntry pain) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<PainEntry>(log.add(Entry{std::move(pain)}, false));
  });
}

std::optional<Entry> Journal::update(const Entry& entry) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&]() -> std::optional<Entry> {
    const std::int64_t id = niggle::meta_of(entry).id;
    const auto before = find_by_id(*impl_, id);
    if (!before) throw NotFoundError(fmt::format("no entry has id #{}; `niggle list` shows them", id));
    if (before->index() != entry.index()) throw ValueError(fmt::format("entry #{} cannot change its kind", id));
    Entry after = entry;
    EntryMeta& meta = meta_of(after);
    const EntryMeta& old = niggle::meta_of(*before);
    meta.uuid = old.uuid;
    meta.created_at = old.created_at;
    meta.modified_at = old.modified_at;
    meta.source = old.source;
    std::sort(meta.tags.begin(), meta.tags.end());
    meta.tags.erase(std::unique(meta.tags.begin(), meta.tags.end()), meta.tags.end());
    if (content_of(after) == content_of(*before)) return std::nullopt;
    meta.modified_at = timestamp_after(old.modified_at);
    ChangeLog log(*impl_, "edit");
    return log.replace(*before, std::move(after));
  });
}

std::vector<Entry> Journal::remove(std::span<const std::int64_t> ids) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    std::vector<Entry> removed;
    for (const std::int64_t id : ids) {
      if (std::any_of(removed.begin(), removed.end(), [&](const Entry& e) { return niggle::meta_of(e).id == id; }))
        continue;
      auto entry = find_by_id(*impl_, id);
      if (!entry) throw NotFoundError(fmt::format("no entry has id #{}; nothing was removed", id));
      removed.push_back(std::move(*entry));
    }
    ChangeLog log(*impl_, "remove");
    const std::string now = utc_timestamp_now();
    for (const Entry& entry : removed) log.remove(entry, now);
    return removed;
  });
}

namespace {

UndoneChange::Kind change_kind(const std::string& kind) {
  return kind == "add"      ? UndoneChange::Kind::add
         : kind == "edit"   ? UndoneChange::Kind::edit
         : kind == "remove" ? UndoneChange::Kind::remove
                            : UndoneChange::Kind::import;
}

// Runs `work` in a transaction that is committed, or with `dry_run` rolled back.
template <typename Work>
auto maybe_dry(Journal::Impl& impl, bool dry_run, Work&& work) {
  if (!dry_run) return write_transaction(impl, "write to", work);
  try {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    return work();  // never committed: the destructor rolls it back
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl.path, "read");
  }
}

}  // namespace

std::optional<UndoneChange> Journal::undo(bool dry_run) {
  if (!dry_run) require_on_disk(*impl_);
  if (dry_run && !impl_->on_disk) return std::nullopt;
  return maybe_dry(*impl_, dry_run, [&]() -> std::optional<UndoneChange> {
    SQLite::Statement latest(impl_->db,
                             "SELECT id, kind, label, at FROM change_set WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1");
    if (!latest.executeStep()) return std::nullopt;
    const std::int64_t set_id = latest.getColumn(0).getInt64();
    const std::string kind = latest.getColumn(1).getString();
    UndoneChange undone;
    undone.kind = change_kind(kind);
    undone.label = latest.getColumn(2).getString();
    undone.at = latest.getColumn(3).getString();

    const auto inconsistent = [&](const std::string& uuid, std::string_view why) {
      return JournalError(fmt::format("cannot undo the change of {}: entry {} {}; the journal was changed by "
                                      "something other than niggle. Nothing was undone",
                                      undone.at, uuid, why));
    };
    SQLite::Statement steps(impl_->db,
                            "SELECT action, uuid, before, after FROM change WHERE set_id = ? ORDER BY seq DESC");
    steps.bind(1, set_id);
    while (steps.executeStep()) {
      const std::string action = steps.getColumn(0).getString();
      const std::string uuid = steps.getColumn(1).getString();
      const auto before = optional_text(steps.getColumn(2));
      const auto after = optional_text(steps.getColumn(3));
      ChangeStep step{ChangeStep::Action::add, uuid, std::nullopt, std::nullopt};
      if (action == "removal") {
        step.action = ChangeStep::Action::removal;
        if (before) put_removal(*impl_, removal_from_text(*before)); else drop_removal(*impl_, uuid);
      } else if (action == "remove") {
        step.action = ChangeStep::Action::remove;
        Entry entry = entry_from_text(*before);
        if (find_by_uuid(*impl_, uuid)) throw inconsistent(uuid, "exists again");
        if (find_by_id(*impl_, niggle::meta_of(entry).id)) throw inconsistent(uuid, "has its number taken");
        insert_entry(*impl_, entry, true);
        drop_removal(*impl_, uuid);
        step.before = std::move(entry);
      } else {
        const auto current = find_by_uuid(*impl_, uuid);
        if (!current) throw inconsistent(uuid, "is missing");
        if (record_text(*current) != *after) throw inconsistent(uuid, "has changed since");
        delete_entry(*impl_, niggle::meta_of(*current).id);
        step.after = *current;
        if (action == "edit") {
          step.action = ChangeStep::Action::edit;
          Entry restored = entry_from_text(*before);
          insert_entry(*impl_, restored, true);
          step.before = std::move(restored);
        }
      }
      undone.steps.push_back(std::move(step));
    }
    SQLite::Statement mark(impl_->db,
                           "UPDATE change_set SET undone_at = ?, undone_order = "
                           "(SELECT coalesce(max(undone_order), 0) + 1 FROM change_set) WHERE id = ?");
    mark.bind(1, utc_timestamp_now());
    mark.bind(2, set_id);
    mark.exec();
    std::reverse(undone.steps.begin(), undone.steps.end());
    return undone;
  });
}

std::optional<UndoneChange> Journal::redo(bool dry_run) {
  if (!dry_run) require_on_disk(*impl_);
  if (dry_run && !impl_->on_disk) return std::nullopt;
  return maybe_dry(*impl_, dry_run, [&]() -> std::optional<UndoneChange> {
    // The change undone last, as long as no change was made after it: a change made since
    // (a new one has a higher id than every undone one above it) ends what can be redone.
    SQLite::Statement latest(impl_->db,
                             "SELECT id, kind, label, at FROM change_set WHERE undone_order IS NOT NULL "
                             "AND id > (SELECT coalesce(max(id), 0) FROM change_set WHERE undone_at IS NULL) "
                             "AND undone_order = (SELECT max(undone_order) FROM change_set)");
    if (!latest.executeStep()) return std::nullopt;
    const std::int64_t set_id = latest.getColumn(0).getInt64();
    UndoneChange redone;
    redone.kind = change_kind(latest.getColumn(1).getString());
    redone.label = latest.getColumn(2).getString();
    redone.at = latest.getColumn(3).getString();
    const auto inconsistent = [&](const std::string& uuid, std::string_view why) {
      return JournalError(fmt::format("cannot redo the change of {}: entry {} {}; the journal was changed by "
                                      "something other than niggle. Nothing was redone",
                                      redone.at, uuid, why));
    };
    SQLite::Statement steps(impl_->db, "SELECT action, uuid, before, after FROM change WHERE set_id = ? ORDER BY seq");
    steps.bind(1, set_id);
    while (steps.executeStep()) {
      const std::string action = steps.getColumn(0).getString();
      const std::string uuid = steps.getColumn(1).getString();
      const auto before = optional_text(steps.getColumn(2));
      const auto after = optional_text(steps.getColumn(3));
      ChangeStep step{ChangeStep::Action::add, uuid, std::nullopt, std::nullopt};
      if (action == "removal") {
        step.action = ChangeStep::Action::removal;
        put_removal(*impl_, removal_from_text(*after));
      } else if (action == "add") {
        Entry entry = entry_from_text(*after);
        if (find_by_uuid(*impl_, uuid)) throw inconsistent(uuid, "exists again");
        if (find_by_id(*impl_, niggle::meta_of(entry).id)) throw inconsistent(uuid, "has its number taken");
        insert_entry(*impl_, entry, true);
        drop_removal(*impl_, uuid);
        step.after = std::move(entry);
      } else {
        const auto current = find_by_uuid(*impl_, uuid);
        if (!current) throw inconsistent(uuid, "is missing");
        if (record_text(*current) != *before) throw inconsistent(uuid, "has changed since");
        delete_entry(*impl_, niggle::meta_of(*current).id);
        step.before = *current;
        if (action == "edit") {
          step.action = ChangeStep::Action::edit;
          Entry changed = entry_from_text(*after);
          insert_entry(*impl_, changed, true);
          step.after = std::move(changed);
        } else {
          step.action = ChangeStep::Action::remove;
          put_removal(*impl_, removal_from_text(*after));
        }
      }
      redone.steps.push_back(std::move(step));
    }
    SQLite::Statement mark(impl_->db, "UPDATE change_set SET undone_at = NULL, undone_order = NULL WHERE id = ?");
    mark.bind(1, set_id);
    mark.exec();
    return redone;
  });
}

std::vector<MergeCounts> Journal::merge(std::span<const MergeSource> sources, std::string_view label, bool dry_run,
                                       const std::function<void(std::size_t, std::size_t)>& progress) {
  if (!dry_run) require_on_disk(*impl_);
  std::size_t total = 0, done = 0;
  for (const MergeSource& source : sources) total += source.entries.size() + source.removals.size();
  const auto tick = [&] {
    ++done;
    // Often enough to move a bar, rarely enough to cost nothing.
    if (progress && (done % 64 == 0 || done == total)) progress(done, total);
  };
  const auto work = [&] {
    ChangeLog log(*impl_, "import", std::string{label});
    std::vector<MergeCounts> results;
    for (const MergeSource& source : sources) {
      MergeCounts counts;
      for (const Removal& removal : source.removals) {
        tick();
        if (auto local = find_by_uuid(*impl_, removal.uuid)) {
          log.remove(*local, removal.removed_at);
          ++counts.removed;
        } else {
          const auto known = find_removal(*impl_, removal.uuid);
          // The earlier time wins, so that journals merged both ways hold the same one.
          if (!known || removal.removed_at < known->removed_at) log.set_removal(known, removal);
        }
      }
      std::vector<const Entry*> fresh;  // pointers: a large import is not copied to be sorted
      std::set<const Entry*> revived;    // brought back from a removal
      for (const Entry& incoming : source.entries) {
        tick();
        const EntryMeta& meta = niggle::meta_of(incoming);
        if (!meta.uuid.empty()) {
          if (const auto removal = find_removal(*impl_, meta.uuid)) {
            if (!source.bring_back_removed) {
              ++counts.already_removed;
              continue;
            }
            // The removal is forgotten (undo puts it back) and the entry added as new; it
            // keeps its number when no other entry has taken it since.
            log.drop_removal(*removal);
            revived.insert(&incoming);
            ++counts.brought_back;
          }
        }
        const auto local = meta.uuid.empty() ? std::nullopt : find_by_uuid(*impl_, meta.uuid);
        if (local) {
          const EntryMeta& mine = niggle::meta_of(*local);
          const std::string theirs_content = content_of(incoming), mine_content = content_of(*local);
          // The later modification wins; on a tie the larger content, so both directions agree.
          const bool theirs_wins = meta.modified_at > mine.modified_at ||
                                   (meta.modified_at == mine.modified_at && theirs_content > mine_content);
          if (theirs_content == mine_content) {
            ++counts.unchanged;
          } else if (theirs_wins) {
            log.replace(*local, incoming);
            ++counts.updated;
            counts.decisions.push_back({mine.id, false, mine.modified_at, meta.modified_at});
          } else {
            ++counts.unchanged;
            counts.decisions.push_back({mine.id, true, mine.modified_at, meta.modified_at});
          }
          continue;
        }
        if (meta.source && meta.uuid.empty() && std::holds_alternative<Session>(incoming)) {
          // An activity file's session whose source is here: the same file again, or a
          // corrected one. Its figures replace the stored ones when it holds at least as much.
          if (auto twin = find_where(*impl_, "WHERE e.source = ?", *meta.source)) {
            const auto* stored = std::get_if<Session>(&*twin);
            const auto& arriving = std::get<Session>(incoming);
            std::optional<Entry> updated;
            if (stored && richness(arriving) >= richness(*stored)) updated = with_figures_of(*stored, arriving, true);
            if (updated) {
              log.replace(*twin, std::move(*updated));
              ++counts.updated;
            } else {
              ++counts.unchanged;
            }
            continue;
          }
        }
        if (meta.source) {
          // One source (an imported file's activity) stored under two UUIDs, imported on two
          // machines: one copy is kept everywhere, under its UUID, in the place of the other
          // (which keeps its number), so that merges converge. An edited copy beats one never
          // edited, whatever the times of the imports; of two edited ones the later edit wins;
          // otherwise the smaller UUID, so that both directions pick the same copy.
          if (auto twin = find_where(*impl_, "WHERE e.source = ?", *meta.source)) {
            const EntryMeta& mine = niggle::meta_of(*twin);
            const bool differ = figures_of(incoming) != figures_of(*twin);
            const bool their_edit = was_edited(meta), my_edit = was_edited(mine);
            const bool smaller_uuid = !meta.uuid.empty() && meta.uuid < mine.uuid;
            bool theirs_wins = smaller_uuid;
            if (differ && their_edit != my_edit) theirs_wins = their_edit;
            else if (differ && their_edit && meta.modified_at != mine.modified_at) theirs_wins = meta.modified_at > mine.modified_at;
            if (theirs_wins) log.replace(*twin, incoming);
            if (theirs_wins && differ) ++counts.updated; else ++counts.unchanged;
            if (differ && (theirs_wins ? their_edit : my_edit)) {
              counts.decisions.push_back({mine.id, !theirs_wins, mine.modified_at, meta.modified_at});
            }
            continue;
          }
        }
        fresh.push_back(&incoming);
      }
      // Numbers are never reused in a journal: an entry keeps its number only when that
      // number was never given here, which restores a whole export into an empty journal as it was.
      std::stable_sort(fresh.begin(), fresh.end(), [](const Entry* a, const Entry* b) {
        const auto key = [](const Entry* e) {
          const auto id = niggle::meta_of(*e).id;
          return id > 0 ? id : std::numeric_limits<std::int64_t>::max();
        };
        return key(a) < key(b);
      });
      // The highest number ever given, read once and followed as entries go in (SQLite
      // gives the next number, or the kept one, which is then the highest).
      std::int64_t highest = highest_id_ever(*impl_);
      counts.added_entries.reserve(fresh.size());
      for (const Entry* entry : fresh) {
        // The same activity from another file (of this import, or one before): merged into
        // the entry already here, which takes the richer figures.
        if (const auto* arriving = std::get_if<Session>(entry); arriving && niggle::meta_of(*entry).uuid.empty()) {
          if (auto twin = same_activity(*impl_, *arriving)) {
            Entry after{*twin};
            if (richness(*arriving) > richness(*twin)) {
              if (auto updated = with_figures_of(*twin, *arriving, false)) after = log.replace(Entry{*twin}, std::move(*updated));
            }
            ++counts.merged;
            counts.merged_entries.emplace_back(*entry, std::move(after));
            continue;
          }
        }
        const std::int64_t id = niggle::meta_of(*entry).id;
        const bool keep = id > highest || (id > 0 && revived.contains(entry) && !find_by_id(*impl_, id));
        counts.added_entries.push_back(log.add(*entry, keep));
        highest = std::max(highest, niggle::meta_of(counts.added_entries.back()).id);
        ++counts.added;
      }
      results.push_back(counts);
    }
    return results;
  };
  // A large merge touches more pages than SQLite's default 2 MB cache holds, and SQLite
  // would spill pages to the WAL mid-transaction and read them back. The bigger cache is
  // for this connection's merge only; the everyday commands keep the default.
  if (total > 1000) impl_->db.exec("PRAGMA cache_size = -65536");
  if (!dry_run) return write_transaction(*impl_, "write to", work);
  try {
    SQLite::Transaction transaction(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    return work();  // never committed: the destructor rolls it back
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

void Journal::backup_to(const fs::path& file, const fs::path& destination) const {
  const fs::path& shown = destination.empty() ? file : destination;
  std::optional<SQLite::Database> copy;
  try {
    copy.emplace(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(*copy, impl_->db);
    copy_all_pages(backup);
    // A backup is one self-contained file: no -wal beside it.
    copy->exec("PRAGMA journal_mode = DELETE");
  } catch (const SQLite::Exception& e) {
    // What fails in a backup is nearly always the writing of the copy (a full disk, a
    // quota, a file size limit): the message names where it was going.
    const int why = copy ? system_errno_of(*copy) : errno;
    const int code = e.getErrorCode() & 0xFF;
    if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) throw_journal_error(e, impl_->path, "back up");
    throw_journal_error(e, shown, fmt::format("back up {} to", quoted(impl_->path)), why);
  }
}

Journal Journal::open_snapshot(const fs::path& path) {
  const FileShape shape = inspect_file(path);
  if (shape == FileShape::missing) throw JournalError(fmt::format("{} does not exist", quoted(path)));
  if (shape != FileShape::sqlite) {
    throw JournalError(fmt::format("{} is not a niggle journal (it is not an SQLite database)", quoted(path)));
  }
  try {
    SQLite::Database source = may_write_beside(path) ? SQLite::Database(path, SQLite::OPEN_READONLY, kBusyTimeoutMs)
                                                      : open_read_only(path);
    check_identity(source, path);
    SQLite::Database memory(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(memory, source);
    copy_all_pages(backup);
    // The copy holds the file's pages as they are: checked whole before a single entry is
    // read, since SQLite reads past damage it does not touch, and a merge of a damaged
    // journal would take part of it (or entries without their tags) and say nothing.
    check_whole(memory, path);
    configure_connection(memory);
    if (pragma_int(memory, "user_version") < kSchemaVersion) migrate(memory, path);
    return Journal(std::make_unique<Impl>(path, false, std::move(memory)));
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, path, "read");
  }
}

void Journal::read_in_one_snapshot(const std::function<void()>& read) const {
  try {
    impl_->db.exec("BEGIN");
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
  try {
    read();
    impl_->db.exec("COMMIT");
  } catch (...) {
    try {
      impl_->db.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
      // The transaction is already gone; the first error is the one to report.
    }
    throw;
  }
}

std::optional<Entry> Journal::find(std::int64_t id) const {
  try {
    return find_by_id(*impl_, id);
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

namespace {

// The entries of one kind whose day lies in [first, last], oldest first: `select` is that
// kind's SELECT, `read` turns one of its rows into the entry.
template <class E>
std::vector<E> kind_between(const Journal::Impl& impl, const std::string& select, std::string_view kind,
                            E (*read)(SQLite::Statement&, const Journal::Impl&), Date first, Date last) {
  try {
    SQLite::Statement query(impl.db, fmt::format("{}WHERE e.kind = '{}' AND e.day BETWEEN ? AND ? ORDER BY e.day, e.id",
                                                 select, kind));
    query.bind(1, first.iso());
    query.bind(2, last.iso());
    std::vector<E> entries;
    while (query.executeStep()) entries.push_back(read(query, impl));
    return entries;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl.path, "read");
  }
}

}  // namespace

std::vector<Session> Journal::sessions_between(Date first, Date last) const {
  return kind_between<Session>(*impl_, kSessionSelect, "session", read_session, first, last);
}

std::vector<PainEntry> Journal::pain_between(Date first, Date last) const {
  return kind_between<PainEntry>(*impl_, kPainSelect, "pain", read_pain, first, last);
}

std::vector<Visit> Journal::visits_between(Date first, Date last) const {
  return kind_between<Visit>(*impl_, kVisitSelect, "visit", read_visit, first, last);
}

std::optional<Date> Journal::first_entry_day() const {
  try {
    // min() over the day index: one step, however large the journal.
    SQLite::Statement query(impl_->db, "SELECT min(day) FROM entry");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return try_parse_iso_date(query.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::optional<Date> Journal::last_pain_day(Date up_to) const {
  try {
    SQLite::Statement query(impl_->db, "SELECT max(day) FROM entry WHERE kind = 'pain' AND day <= ?");
    query.bind(1, up_to.iso());
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return try_parse_iso_date(query.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Entry> Journal::list(const EntryQuery& query) const {
  try {
    std::vector<Entry> entries;
    const auto run = [&](const std::string& select, const char* kind, EntryKind which) {
      const bool sessions = which == EntryKind::session;
      std::string sql = select + fmt::format("WHERE e.kind = '{}'", kind);
      std::vector<std::string> values;
      if (query.since) { sql += " AND e.day >= ?"; values.push_back(query.since->iso()); }
      if (query.until) { sql += " AND e.day <= ?"; values.push_back(query.until->iso()); }
      if (query.type && sessions) { sql += " AND s.type = ?"; values.emplace_back(to_string(*query.type)); }
      for (const std::string& tag : query.tags) {
        sql += " AND e.id IN (SELECT entry_id FROM tag WHERE name = ?)";
        values.push_back(tag);
      }
      if (query.note_contains) {
        sql += " AND instr(lower(e.note), lower(?)) > 0";
        values.push_back(*query.note_contains);
      }
      sql += " ORDER BY e.day DESC, e.created_at DESC, e.id DESC";
      if (query.limit) sql += fmt::format(" LIMIT {}", *query.limit);
      SQLite::Statement statement(impl_->db, sql);
      for (std::size_t i = 0; i < values.size(); ++i) statement.bind(static_cast<int>(i + 1), values[i]);
      while (statement.executeStep()) {
        if (which == EntryKind::session) entries.emplace_back(read_session(statement, *impl_));
        else if (which == EntryKind::pain) entries.emplace_back(read_pain(statement, *impl_));
        else entries.emplace_back(read_visit(statement, *impl_));
      }
    };
    const bool want_sessions = !query.kind || *query.kind == EntryKind::session;
    const bool want_pain = (!query.kind || *query.kind == EntryKind::pain) && !query.type;
    const bool want_visits = (!query.kind || *query.kind == EntryKind::visit) && !query.type;
    if (want_sessions) run(kSessionSelect, "session", EntryKind::session);
    if (want_pain) run(kPainSelect, "pain", EntryKind::pain);
    if (want_visits) run(kVisitSelect, "visit", EntryKind::visit);
    std::stable_sort(entries.begin(), entries.end(), newest_first);
    if (query.limit && entries.size() > *query.limit) entries.resize(*query.limit);
    return entries;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Entry> Journal::all_entries() const {
  try {
    std::vector<Entry> entries;
    SQLite::Statement sessions(impl_->db, kSessionSelect + "WHERE e.kind = 'session'");
    while (sessions.executeStep()) entries.emplace_back(read_session(sessions, *impl_));
    SQLite::Statement pains(impl_->db, kPainSelect + "WHERE e.kind = 'pain'");
    while (pains.executeStep()) entries.emplace_back(read_pain(pains, *impl_));
    SQLite::Statement visits(impl_->db, kVisitSelect + "WHERE e.kind = 'visit'");
    while (visits.executeStep()) entries.emplace_back(read_visit(visits, *impl_));
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      const EntryMeta &x = niggle::meta_of(a), &y = niggle::meta_of(b);
      return std::tie(x.date, x.created_at, x.uuid) < std::tie(y.date, y.created_at, y.uuid);
    });
    return entries;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Removal> Journal::removals() const {
  try {
    std::vector<Removal> removals;
    SQLite::Statement query(impl_->db, "SELECT uuid, removed_at FROM removal ORDER BY uuid");
    while (query.executeStep()) removals.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    return removals;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::int64_t Journal::count_entries() const {
  try {
    return impl_->db.execAndGet("SELECT count(*) FROM entry").getInt64();
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

bool Journal::empty() const {
  try {
    return impl_->db.execAndGet("SELECT NOT EXISTS (SELECT 1 FROM entry)").getInt() != 0;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

RestoreOutcome restore_journal(const fs::path& path, const Journal& backup, const fs::path& keep) {
  static constexpr std::array<const char*, 3> kSideFiles = {"-wal", "-shm", "-journal"};
  const auto beside = [](const fs::path& file, const char* suffix) { return fs::path(file.string() + suffix); };
  std::error_code ec;
  RestoreOutcome outcome;
  SQLite::Database& source = backup.impl().db;
  if (fs::exists(fs::symlink_status(path, ec))) {
    std::optional<Journal> current;
    try {
      current.emplace(Journal::open(path, Journal::Access::write));
    } catch (const JournalError&) {
      // Damaged, or not a journal at all: handled below, by moving the file aside whole.
    }
    if (current) {
      {
        PendingFile copy(keep);
        current->backup_to(copy.path());
        copy.commit();
      }
      outcome.kept = keep;
      SQLite::Database& target = current->impl().db;
      try {
        // A WAL journal cannot change its page size, and SQLite's backup into it needs the
        // same one: the in-memory copy is rebuilt to the journal's size first.
        const int page_size = pragma_int(target, "page_size");
        if (pragma_int(source, "page_size") != page_size) {
          source.exec(fmt::format("PRAGMA page_size = {}", page_size));
          source.exec("VACUUM");
        }
        SQLite::Backup replace(target, source);
        copy_all_pages(replace);
        target.exec("PRAGMA wal_checkpoint(TRUNCATE)");
      } catch (const SQLite::Exception& e) {
        throw_journal_error(e, path, "restore", system_errno_of(target));
      }
      return outcome;
    }
  }
  // No journal that opens: the new one is written beside it whole, then everything at the
  // old path (the file and its side files) is moved to `keep`, then the new file goes in.
  PendingFile fresh(path);
  backup.backup_to(fresh.path());
  bool moved_any = false;
  const auto move_aside = [&](const fs::path& from, const fs::path& to) {
    if (!fs::exists(fs::symlink_status(from, ec))) return;
    if (::rename(from.c_str(), to.c_str()) != 0) {
      throw JournalError(fmt::format("cannot move {} aside to {}: {}; the journal was not restored", quoted(from),
                                     quoted(to), std::strerror(errno)));
    }
    moved_any = true;
  };
  for (const char* suffix : kSideFiles) move_aside(beside(path, suffix), beside(keep, suffix));
  const bool had_journal = fs::exists(fs::symlink_status(path, ec));
  move_aside(path, keep);
  fresh.commit();
  if (moved_any) outcome.kept = keep;
  outcome.moved_aside = moved_any;
  outcome.created = !had_journal;
  return outcome;
}

std::string new_uuid() {
  static thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64{seed};
  }()};
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    const std::uint64_t value = generator();
    for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<unsigned char>(value >> (8 * k));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += fmt::format("{:02x}", bytes[i]);
  }
  return text;
}

std::string utc_timestamp_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace niggle
