// A journal opened: what a file at the path is (missing, empty, a journal, something else),
// whether it is niggle's and undamaged, its migrations to the current schema, the connection's
// settings, and a snapshot of another journal read into memory. The rest of Journal is in
// the journal_*.cpp files (journal_rows.hpp lists them).
#include "niggle/store/journal.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <thread>
#include <sqlite3.h>

#include "journal_rows.hpp"
#include "niggle/store/files.hpp"

namespace niggle {
namespace {

// Process-wide settings of SQLite, made once before its first connection (sqlite3_config
// is refused after that). Memory statistics are off: with them on, SQLite takes a global
// mutex around every allocation to count it, and niggle never reads the counts.
void configure_sqlite_once() {
  static const bool configured = [] {
    ::sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
}

struct Migration {
  int version;
  const char* sql;
  // Run first, with PRAGMA writable_schema on: a change to a table's stored definition that
  // leaves every row as valid as it was (SQLite's documented way to widen a CHECK without
  // rebuilding the table and every table that refers to it).
  const char* schema_edit = nullptr;
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
    // Planned sessions (`niggle plan`): a fourth kind of entry, in a table of its own. The
    // entry table's kind CHECK is widened in its stored definition (every stored row stays
    // valid), so no table is rebuilt and the columns other versions add are untouched.
    {7, R"sql(
      CREATE TABLE plan (
        entry_id  INTEGER PRIMARY KEY REFERENCES entry (id) ON DELETE CASCADE,
        type      TEXT NOT NULL,
        intensity TEXT,
        metres    REAL CHECK (metres IS NULL OR metres > 0),
        seconds   INTEGER CHECK (seconds IS NULL OR seconds > 0)
      );
      -- The plan a session carries out, when chosen (log --plan): by UUID, which merges keep.
      ALTER TABLE session ADD COLUMN plan_uuid TEXT;
    )sql",
     R"sql(
      UPDATE sqlite_schema SET sql = replace(sql, '''visit'')', '''visit'', ''plan'')')
        WHERE type = 'table' AND name = 'entry';
    )sql"},
    // Gear (`niggle gear`): the items, known by their name without regard to case, and the
    // name each session was done in. A session keeps the name, not a reference, so that its
    // JSON record carries its gear through exports and merges. `gear_change` is the change
    // log's part for items, beside `change` for entries: undo and redo walk both.
    {8, R"sql(
      ALTER TABLE session ADD COLUMN gear TEXT;
      CREATE INDEX session_by_gear ON session (gear COLLATE NOCASE) WHERE gear IS NOT NULL;
      CREATE TABLE gear (
        name         TEXT NOT NULL PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 60),
        type         TEXT,
        retire_at_m  REAL CHECK (retire_at_m IS NULL OR retire_at_m > 0),
        is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        retired_on   TEXT CHECK (retired_on IS NULL OR retired_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        created_at   TEXT NOT NULL,
        modified_at  TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE gear_change (
        set_id INTEGER NOT NULL REFERENCES change_set (id) ON DELETE CASCADE,
        seq    INTEGER NOT NULL,
        name   TEXT NOT NULL,
        before TEXT,
        after  TEXT,
        PRIMARY KEY (set_id, seq)
      ) WITHOUT ROWID;
    )sql"},
};
static_assert(std::size(kMigrations) == Journal::kSchemaVersion, "one migration per schema version");

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
                          SQLite::OPEN_READONLY | SQLite::OPEN_URI | one_thread_flags(), kBusyTimeoutMs);
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
    if (migration.schema_edit) {
      const int cookie = db.execAndGet("PRAGMA schema_version").getInt();
      db.exec("PRAGMA writable_schema = ON");
      db.exec(migration.schema_edit);
      // A new cookie makes every connection, this one included, read the definition again.
      db.exec(fmt::format("PRAGMA schema_version = {}", cookie + 1));
      db.exec("PRAGMA writable_schema = OFF");
    }
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
  SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | one_thread_flags());
  configure_connection(db);
  migrate(db, ":memory:");
  return std::make_unique<Journal::Impl>(fs::path{}, false, std::move(db));
}

}  // namespace

namespace journal_detail {
int one_thread_flags() {
  configure_sqlite_once();
  return SQLite::OPEN_NOMUTEX;
}
}  // namespace journal_detail

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
      db.emplace(path, SQLite::OPEN_READWRITE | one_thread_flags(), kBusyTimeoutMs);
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

Journal Journal::open_snapshot(const fs::path& path) {
  const FileShape shape = inspect_file(path);
  if (shape == FileShape::missing) throw JournalError(fmt::format("{} does not exist", quoted(path)));
  if (shape != FileShape::sqlite) {
    throw JournalError(fmt::format("{} is not a niggle journal (it is not an SQLite database)", quoted(path)));
  }
  try {
    SQLite::Database source = may_write_beside(path)
                                  ? SQLite::Database(path, SQLite::OPEN_READONLY | one_thread_flags(), kBusyTimeoutMs)
                                                      : open_read_only(path);
    check_identity(source, path);
    SQLite::Database memory(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | one_thread_flags());
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

}  // namespace niggle
