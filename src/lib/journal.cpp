#include "niggle/journal.hpp"

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
#include <optional>
#include <random>
#include <sqlite3.h>
#include <thread>

#include "journal_impl.hpp"
#include "niggle/error.hpp"
#include "niggle/text.hpp"

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
};
static_assert(std::size(kMigrations) == Journal::kSchemaVersion, "one migration per schema version");

std::string quoted(const fs::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

// Creates the directories leading to the journal, private to the user (0700).
void create_private_directories(const fs::path& directory) {
  if (directory.empty() || fs::exists(directory)) return;
  create_private_directories(directory.parent_path());
  if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST) {
    throw JournalError(fmt::format("cannot create the journal's directory {}: {}", quoted(directory), std::strerror(errno)));
  }
}

// Creates an empty journal file readable by its owner only. O_EXCL: if another process
// created it first, that one is used.
void create_private_file(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    throw JournalError(fmt::format("cannot create the journal {}: {}", quoted(path), std::strerror(errno)));
  }
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
                                 "Restore it from a backup, or try `sqlite3 {} .recover`",
                                 quoted(path), printable(verdict, 120), path.string()));
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
    "SELECT {}, s.type, s.intensity, s.metres, s.seconds, s.planned_metres, s.rpe, s.start_time "
    "FROM entry e JOIN session s ON s.entry_id = e.id ",
    kMetaColumns);
const std::string kPainSelect = fmt::format(
    "SELECT {}, p.score, p.location, p.side, p.walking, p.timing, p.symptoms "
    "FROM entry e JOIN pain p ON p.entry_id = e.id ",
    kMetaColumns);

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
  return pain;
}

// Inserts the entry row and its tags; returns the new id.
std::int64_t insert_meta(Journal::Impl& impl, EntryMeta& meta, const char* kind) {
  if (meta.uuid.empty()) meta.uuid = new_uuid();
  if (meta.created_at.empty()) meta.created_at = utc_timestamp_now();
  if (meta.modified_at.empty()) meta.modified_at = meta.created_at;
  SQLite::Statement insert(impl.db,
                           "INSERT INTO entry (uuid, kind, day, note, created_at, modified_at, source) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, meta.uuid);
  insert.bind(2, kind);
  insert.bind(3, meta.date.iso());
  bind_optional(insert, 4, meta.note);
  insert.bind(5, meta.created_at);
  insert.bind(6, meta.modified_at);
  bind_optional(insert, 7, meta.source);
  insert.exec();
  meta.id = impl.db.getLastInsertRowid();
  SQLite::Statement tag(impl.db, "INSERT OR IGNORE INTO tag (entry_id, name) VALUES (?, ?)");
  for (const std::string& name : meta.tags) {
    tag.bind(1, meta.id);
    tag.bind(2, name);
    tag.exec();
    tag.reset();
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
  const int code = e.getErrorCode();
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
      throw JournalError(fmt::format("cannot {} {}: the journal is damaged ({}); restore it from a backup, or try "
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

Journal Journal::open(const fs::path& path, Access access) {
  FileShape shape = inspect_file(path);
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
    create_private_directories(path.parent_path());
    create_private_file(path);
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
  try {
    db.emplace(path, writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY, kBusyTimeoutMs);
    const int version = check_identity(*db, path);
    if (writable && (access == Access::write || version < kSchemaVersion)) check_undamaged(*db, path);
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
    return Journal(std::make_unique<Impl>(path, true, std::move(*db)));
  } catch (const SQLite::Exception& e) {
    // A connection that failed to open has no errno of its own: the C library's is the one.
    throw_journal_error(e, path, "open", db ? system_errno_of(*db) : errno);
  }
}

Journal::Journal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;

const fs::path& Journal::path() const { return impl_->path; }
bool Journal::exists() const { return impl_->on_disk; }

int Journal::schema_version() const {
  try {
    return pragma_int(impl_->db, "user_version");
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

Session Journal::add(Session session) {
  if (!impl_->on_disk) throw JournalError("cannot write: the journal was opened for reading only");
  return write_transaction(*impl_, "write to", [&] {
    const std::int64_t id = insert_meta(*impl_, session.meta, "session");
    SQLite::Statement insert(impl_->db,
                             "INSERT INTO session (entry_id, type, intensity, metres, seconds, planned_metres, rpe, "
                             "start_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, std::string{to_string(session.type)});
    bind_name(insert, 3, session.intensity);
    bind_optional(insert, 4, session.metres);
    bind_optional(insert, 5, session.seconds);
    bind_optional(insert, 6, session.planned_metres);
    bind_optional(insert, 7, session.rpe ? std::optional<std::int64_t>(*session.rpe) : std::nullopt);
    bind_optional(insert, 8, session.start_time);
    insert.exec();
    return session;
  });
}

PainEntry Journal::add(PainEntry pain) {
  if (!impl_->on_disk) throw JournalError("cannot write: the journal was opened for reading only");
  return write_transaction(*impl_, "write to", [&] {
    const std::int64_t id = insert_meta(*impl_, pain.meta, "pain");
    SQLite::Statement insert(impl_->db,
                             "INSERT INTO pain (entry_id, score, location, side, walking, timing, symptoms) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, pain.score);
    bind_name(insert, 3, pain.where);
    bind_name(insert, 4, pain.side);
    bind_name(insert, 5, pain.walking);
    bind_name(insert, 6, pain.when);
    insert.bind(7, symptoms_text(pain.symptoms));
    insert.exec();
    return pain;
  });
}

std::optional<Entry> Journal::find(std::int64_t id) const {
  try {
    SQLite::Statement session(impl_->db, kSessionSelect + "WHERE e.id = ?");
    session.bind(1, id);
    if (session.executeStep()) return Entry{read_session(session, *impl_)};
    SQLite::Statement pain(impl_->db, kPainSelect + "WHERE e.id = ?");
    pain.bind(1, id);
    if (pain.executeStep()) return Entry{read_pain(pain, *impl_)};
    return std::nullopt;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Session> Journal::sessions_between(Date first, Date last) const {
  try {
    SQLite::Statement query(impl_->db, kSessionSelect + "WHERE e.kind = 'session' AND e.day BETWEEN ? AND ? ORDER BY e.day, e.id");
    query.bind(1, first.iso());
    query.bind(2, last.iso());
    std::vector<Session> sessions;
    while (query.executeStep()) sessions.push_back(read_session(query, *impl_));
    return sessions;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<PainEntry> Journal::pain_between(Date first, Date last) const {
  try {
    SQLite::Statement query(impl_->db, kPainSelect + "WHERE e.kind = 'pain' AND e.day BETWEEN ? AND ? ORDER BY e.day, e.id");
    query.bind(1, first.iso());
    query.bind(2, last.iso());
    std::vector<PainEntry> entries;
    while (query.executeStep()) entries.push_back(read_pain(query, *impl_));
    return entries;
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
