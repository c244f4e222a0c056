// The journal against real SQLite files in temporary directories: no mocks.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "niggle/core/error.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/format.hpp"
#include "niggle/store/journal.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::read_file;
using niggle::test::TempDir;
using niggle::test::write_file;

namespace {

const Date kDay = *Date::from_ymd(2026, 11, 24);

// Runs SQL on a file with the plain SQLite API, as another program would.
void raw_sql(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, error);
}

std::string raw_query(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* statement = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    result = text ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return result;
}

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

Session run(double metres, Date day = kDay) {
  Session session;
  session.metres = metres;
  session.seconds = 1800;
  session.meta.date = day;
  return session;
}

}  // namespace

TEST_CASE("Journal::open creates a private journal") {
  TempDir dir;
  const auto path = dir / "deep/er/journal.db";
  {
    Journal journal = Journal::open(path, Journal::Access::write);
    CHECK(journal.exists());
    CHECK(journal.schema_version() == Journal::kSchemaVersion);
    journal.add(run(5000));  // the WAL file exists while a connection is open
    CHECK(mode_of(path) == 0600);
    CHECK(mode_of(dir / "deep") == 0700);
    CHECK(mode_of(dir / "deep/er") == 0700);
    CHECK(mode_of(path.string() + "-wal") == 0600);
  }
  CHECK(raw_query(path, "PRAGMA journal_mode") == "wal");
  CHECK(raw_query(path, "PRAGMA application_id") == std::to_string(Journal::kApplicationId));
  CHECK(raw_query(path, "PRAGMA user_version") == std::to_string(Journal::kSchemaVersion));
}

TEST_CASE("Journal::open for reading does not create a missing journal") {
  TempDir dir;
  const auto path = dir / "journal.db";
  Journal journal = Journal::open(path, Journal::Access::read);
  CHECK_FALSE(journal.exists());
  CHECK(journal.count_entries() == 0);
  CHECK(journal.empty());
  CHECK(journal.sessions_between(kDay.minus_days(30), kDay).empty());
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(dir / "journal.db-wal"));
  CHECK_THROWS_AS(journal.add(run(5000)), JournalError);
}

TEST_CASE("Journal stores and reads back entries") {
  TempDir dir;
  const auto path = dir / "journal.db";
  Journal journal = Journal::open(path, Journal::Access::write);
  CHECK(journal.empty());

  Session session = run(5200);
  session.type = ActivityType::hike;
  session.intensity = Intensity::hills;
  session.planned_metres = 16093.44;
  session.rpe = 7;
  session.start_time = "07:15:00";
  session.meta.note = "it's \"fine\"'); DROP TABLE entry; -- $(rm -rf ~) `id` \\ %s\nline two 🏃";
  session.meta.tags = {"a", "b"};
  const Session stored = journal.add(session);
  CHECK(stored.meta.id > 0);
  CHECK(stored.meta.uuid.size() == 36);
  CHECK(stored.meta.created_at.size() == 20);
  CHECK(stored.meta.modified_at == stored.meta.created_at);

  PainEntry pain;
  pain.meta.date = kDay;
  pain.score = 6;
  pain.where = Location::lower_back;
  pain.side = Side::right;
  pain.walking = Walking::worse;
  pain.when = Timing::morning;
  pain.symptoms = {Symptom::numbness, Symptom::cough_worse};
  const PainEntry stored_pain = journal.add(pain);
  CHECK(stored_pain.meta.id != stored.meta.id);  // one id space for every kind of entry

  SUBCASE("find by id") {
    const auto found = journal.find(stored.meta.id);
    REQUIRE(found);
    const auto& s = std::get<Session>(*found);
    CHECK(s.type == ActivityType::hike);
    CHECK(s.intensity == Intensity::hills);
    CHECK(*s.metres == 5200);
    CHECK(*s.seconds == 1800);
    CHECK(*s.planned_metres == 16093.44);
    CHECK(s.rpe == 7);
    CHECK(s.start_time == "07:15:00");
    CHECK(s.meta.note == session.meta.note);  // stored verbatim: values are bound, never formatted into SQL
    CHECK(s.meta.tags == std::vector<std::string>{"a", "b"});
    CHECK(s.meta.uuid == stored.meta.uuid);

    const auto found_pain = journal.find(stored_pain.meta.id);
    REQUIRE(found_pain);
    const auto& p = std::get<PainEntry>(*found_pain);
    CHECK(p.score == 6);
    CHECK(p.where == Location::lower_back);
    CHECK(p.side == Side::right);
    CHECK(p.walking == Walking::worse);
    CHECK(p.when == Timing::morning);
    CHECK(p.symptoms == std::vector<Symptom>{Symptom::numbness, Symptom::cough_worse});

    CHECK_FALSE(journal.find(9999));
  }
  SUBCASE("range queries are inclusive and ordered") {
    journal.add(run(1000, kDay.minus_days(10)));
    journal.add(run(2000, kDay.minus_days(3)));
    journal.add(run(3000, kDay.plus_days(0)));
    const auto week = journal.sessions_between(kDay.minus_days(3), kDay);
    REQUIRE(week.size() == 3);
    CHECK(*week[0].metres == 2000);
    CHECK(*week[1].metres == 5200);
    CHECK(*week[2].metres == 3000);
    CHECK(journal.sessions_between(kDay.minus_days(10), kDay.minus_days(10)).size() == 1);
    CHECK(journal.pain_between(kDay, kDay).size() == 1);
    CHECK(journal.pain_between(kDay.minus_days(5), kDay.minus_days(1)).empty());
    CHECK(journal.count_entries() == 5);
  }
  SUBCASE("the data survives closing and reopening") {
    Journal again = Journal::open(path, Journal::Access::write);
    CHECK(again.count_entries() == 2);
    CHECK_FALSE(again.empty());
    CHECK(again.schema_version() == Journal::kSchemaVersion);
  }
}

TEST_CASE("two connections write to one journal") {
  TempDir dir;
  const auto path = dir / "journal.db";
  Journal a = Journal::open(path, Journal::Access::write);
  Journal b = Journal::open(path, Journal::Access::write);
  for (int i = 0; i < 20; ++i) {
    a.add(run(1000 + i));
    b.add(run(2000 + i));
  }
  CHECK(a.count_entries() == 40);
  CHECK(raw_query(path, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("Journal::open refuses what is not a niggle journal, and leaves it untouched") {
  TempDir dir;
  SUBCASE("a text file") {
    const auto path = dir / "notes.txt";
    write_file(path, "my running notes\n");
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write), doctest::Contains("not an SQLite database"),
                         JournalError);
    CHECK(read_file(path) == "my running notes\n");
  }
  SUBCASE("a short binary file") {
    const auto path = dir / "short.db";
    write_file(path, "SQLite");
    CHECK_THROWS_AS(Journal::open(path, Journal::Access::read), JournalError);
    CHECK(read_file(path) == "SQLite");
  }
  SUBCASE("another application's SQLite database") {
    const auto path = dir / "other.db";
    raw_sql(path, "CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann');");
    const std::string before = read_file(path);
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write), doctest::Contains("another application"),
                         JournalError);
    CHECK(read_file(path) == before);
    CHECK_FALSE(std::filesystem::exists(path.string() + "-wal"));
  }
  SUBCASE("an SQLite database with another application_id and no tables") {
    const auto path = dir / "other.db";
    raw_sql(path, "PRAGMA application_id = 1234; CREATE TABLE t (x); DROP TABLE t;");
    CHECK_THROWS_AS(Journal::open(path, Journal::Access::write), JournalError);
  }
  SUBCASE("a journal from a newer niggle") {
    const auto path = dir / "journal.db";
    { Journal::open(path, Journal::Access::write).add(run(5000)); }
    raw_sql(path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
    const std::string before = read_file(path);
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write), doctest::Contains("newer niggle (schema 99"),
                         JournalError);
    CHECK_THROWS_AS(Journal::open(path, Journal::Access::read), JournalError);
    CHECK(read_file(path) == before);
  }
  SUBCASE("a directory") {
    CHECK_THROWS_WITH_AS(Journal::open(dir.path(), Journal::Access::write), doctest::Contains("is a directory"),
                         JournalError);
  }
  SUBCASE("a device, directly or through a symbolic link") {
    std::filesystem::create_symlink("/dev/null", dir / "null.db");
    CHECK_THROWS_WITH_AS(Journal::open(dir / "null.db", Journal::Access::write),
                         doctest::Contains("is not a regular file"), JournalError);
    CHECK_THROWS_WITH_AS(Journal::open("/dev/null", Journal::Access::read), doctest::Contains("is not a regular file"),
                         JournalError);
  }
  SUBCASE("a dangling symbolic link") {
    const auto link = dir / "link.db";
    std::filesystem::create_symlink(dir / "nowhere/journal.db", link);
    CHECK_THROWS_WITH_AS(Journal::open(link, Journal::Access::write), doctest::Contains("symbolic link"), JournalError);
    CHECK_FALSE(std::filesystem::exists(dir / "nowhere"));
  }
}

TEST_CASE("Journal::open accepts and migrates what it should") {
  TempDir dir;
  SUBCASE("an empty file becomes a journal") {
    const auto path = dir / "journal.db";
    write_file(path, "");
    Journal journal = Journal::open(path, Journal::Access::write);
    CHECK(journal.schema_version() == Journal::kSchemaVersion);
  }
  SUBCASE("a blank SQLite database becomes a journal") {
    const auto path = dir / "journal.db";
    raw_sql(path, "PRAGMA user_version = 0;");
    CHECK(Journal::open(path, Journal::Access::write).schema_version() == Journal::kSchemaVersion);
  }
  SUBCASE("a symbolic link to a journal is followed") {
    const auto real = dir / "real.db";
    { Journal::open(real, Journal::Access::write).add(run(5000)); }
    const auto link = dir / "link.db";
    std::filesystem::create_symlink(real, link);
    Journal journal = Journal::open(link, Journal::Access::write);
    CHECK(journal.count_entries() == 1);
    journal.add(run(6000));  // a link is not a journal "replaced while open"
    CHECK(raw_query(real, "SELECT count(*) FROM entry") == "2");
  }
}

TEST_CASE("a damaged journal gives a journal error, never a crash") {
  TempDir dir;
  const auto path = dir / "journal.db";
  {
    Journal journal = Journal::open(path, Journal::Access::write);
    for (int i = 0; i < 200; ++i) journal.add(run(1000 + i, kDay.minus_days(i % 60)));
  }
  raw_sql(path, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;");
  std::string bytes = read_file(path);
  REQUIRE(bytes.size() > 8192);
  SUBCASE("truncated") {
    write_file(path, bytes.substr(0, 4096 + 100));
    CHECK_THROWS_AS(
        {
          Journal journal = Journal::open(path, Journal::Access::read);
          journal.sessions_between(kDay.minus_days(100), kDay);
          journal.count_entries();
        },
        JournalError);
  }
  SUBCASE("a garbled page far from where a write goes: opening to write is refused, the file unchanged") {
    // Without the check on opening, this write would succeed and add to a damaged journal.
    const std::size_t last_page = bytes.size() / 4096 - 1;
    for (std::size_t i = last_page * 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 13);
    write_file(path, bytes);
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write), doctest::Contains("niggle will not write to it"),
                         JournalError);
    CHECK(read_file(path) == bytes);
  }
  SUBCASE("a page overwritten with garbage") {
    for (std::size_t i = 4096; i < 8192; ++i) bytes[i] = static_cast<char>(i * 7);
    write_file(path, bytes);
    CHECK_THROWS_AS(
        {
          Journal journal = Journal::open(path, Journal::Access::read);
          journal.sessions_between(kDay.minus_days(100), kDay);
          journal.count_entries();
        },
        JournalError);
  }
}

TEST_CASE("a journal deleted or replaced while open: the write is refused, nothing is written") {
  // As a niggle command meets it: the journal was written and closed by earlier commands,
  // this one has opened it, and then someone deletes or replaces the file.
  TempDir dir;
  const auto path = dir / "journal.db";
  { Journal::open(path, Journal::Access::write).add(run(5000)); }
  Journal journal = Journal::open(path, Journal::Access::write);
  SUBCASE("deleted") {
    std::filesystem::remove(path);
    CHECK_THROWS_WITH_AS(journal.add(run(6000)), doctest::Contains("was deleted or replaced while niggle had it open"),
                         JournalError);
    CHECK_FALSE(std::filesystem::exists(path));
    journal = Journal::open(dir / "unrelated.db", Journal::Access::write);  // closes the old connection
    CHECK(Journal::open(path, Journal::Access::write).count_entries() == 0);  // a new journal, nothing revived
  }
  SUBCASE("replaced by another journal") {
    const auto other = dir / "other.db";
    { Journal::open(other, Journal::Access::write).add(run(7000)); }
    const std::string other_bytes = read_file(other);
    std::filesystem::rename(other, path);
    CHECK_THROWS_WITH_AS(journal.add(run(6000)), doctest::Contains("was deleted or replaced while niggle had it open"),
                         JournalError);
    CHECK(read_file(path) == other_bytes);
    journal = Journal::open(dir / "unrelated.db", Journal::Access::write);  // closes the old connection
    CHECK(raw_query(path, "PRAGMA integrity_check") == "ok");
    CHECK(raw_query(path, "SELECT group_concat(metres) FROM session") == "7000.0");
  }
  SUBCASE("replaced by a text file") {
    std::filesystem::remove(path);
    write_file(path, "shopping list\n");
    CHECK_THROWS_AS(journal.add(run(6000)), JournalError);
    CHECK(read_file(path) == "shopping list\n");
  }
}

TEST_CASE("new_uuid") {
  const std::string a = new_uuid(), b = new_uuid();
  CHECK(a != b);
  CHECK(a.size() == 36);
  CHECK(a[14] == '4');
  CHECK((a[19] == '8' || a[19] == '9' || a[19] == 'a' || a[19] == 'b'));
}

namespace {

PainEntry pain_of(int score, Date day = kDay) {
  PainEntry pain;
  pain.score = score;
  pain.meta.date = day;
  return pain;
}

// The schema of version 1, as niggle 0.1 created it, to test upgrades from a real old file.
constexpr const char* kVersion1Schema = R"sql(
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
  PRAGMA application_id = 1313425228;
  PRAGMA user_version = 1;
)sql";

}  // namespace

TEST_CASE("a version 1 journal is upgraded to the current version with its data intact") {
  TempDir dir;
  const auto path = dir / "journal.db";
  raw_sql(path, kVersion1Schema);
  raw_sql(path, R"sql(
    INSERT INTO entry VALUES (7, '6f1c2a8e-1111-4222-8333-444455556666', 'session', '2026-11-20', 'old note',
                              '2026-11-20T07:00:00Z', '2026-11-21T08:00:00Z', 'garmin:42');
    INSERT INTO session VALUES (7, 'run', 'long', 16093.44, 5400, NULL, 6, '07:15:00');
    INSERT INTO tag VALUES (7, 'trail');
    INSERT INTO entry VALUES (9, '6f1c2a8e-1111-4222-8333-444455557777', 'pain', '2026-11-21', NULL,
                              '2026-11-21T20:00:00Z', '2026-11-21T20:00:00Z', NULL);
    INSERT INTO pain VALUES (9, 4, 'lower-back', 'left', 'worse', 'evening', 'numbness,tingling');
  )sql");
  Journal journal = Journal::open(path, Journal::Access::write);
  CHECK(journal.schema_version() == Journal::kSchemaVersion);
  CHECK(raw_query(path, "PRAGMA user_version") == std::to_string(Journal::kSchemaVersion));
  CHECK(journal.count_entries() == 2);
  const auto session = std::get<Session>(*journal.find(7));
  CHECK(session.meta.uuid == "6f1c2a8e-1111-4222-8333-444455556666");
  CHECK(session.meta.note == "old note");
  CHECK(session.meta.created_at == "2026-11-20T07:00:00Z");
  CHECK(session.meta.modified_at == "2026-11-21T08:00:00Z");
  CHECK(session.meta.source == "garmin:42");
  CHECK(session.meta.tags == std::vector<std::string>{"trail"});
  CHECK(*session.metres == 16093.44);
  CHECK(session.intensity == Intensity::long_run);
  // Migration 3: the watch's figures, none for a session from before.
  CHECK_FALSE(has_watch_figures(session));
  Session measured = run(10000);
  measured.moving_seconds = 2900;
  measured.avg_heart_rate = 150;
  measured.max_heart_rate = 171;
  measured.ascent_metres = 123.4;
  measured.avg_cadence = 168;
  const Session stored = journal.add(measured);
  const auto back = std::get<Session>(*journal.find(stored.meta.id));
  CHECK(*back.moving_seconds == 2900);
  CHECK(*back.avg_heart_rate == 150);
  CHECK(*back.max_heart_rate == 171);
  CHECK(*back.ascent_metres == 123.4);
  CHECK(*back.avg_cadence == 168);
  CHECK(raw_query(path, "SELECT count(*) FROM pragma_table_info('session') WHERE name IN ('moving_seconds', "
                        "'avg_heart_rate', 'max_heart_rate', 'ascent_metres', 'avg_cadence')") == "5");
  REQUIRE(journal.undo());
  const auto pain = std::get<PainEntry>(*journal.find(9));
  CHECK(pain.symptoms == std::vector<Symptom>{Symptom::numbness, Symptom::tingling});
  CHECK(pain.where == Location::lower_back);
  // Schema 3: old sessions have no exercises and old pain entries no sleep.
  CHECK(session.lifts.empty());
  CHECK_FALSE(pain.sleep_hours);
  // Nothing from before the upgrade is in the change log; what follows is.
  CHECK_FALSE(journal.undo());
  const Session added = journal.add(run(3000));
  CHECK(added.meta.id == 11);  // numbers are never reused (10 was the measured run)
  REQUIRE(journal.undo());
  CHECK(journal.count_entries() == 2);
  CHECK(journal.find(7));
}

TEST_CASE("migration 3: the entry table rebuilt for visits keeps entries, tags, numbers and cascades") {
  TempDir dir;
  const auto path = dir / "journal.db";
  raw_sql(path, kVersion1Schema);
  raw_sql(path, R"sql(
    INSERT INTO entry VALUES (7, '6f1c2a8e-1111-4222-8333-444455556666', 'session', '2026-11-20', NULL,
                              '2026-11-20T07:00:00Z', '2026-11-20T07:00:00Z', NULL);
    INSERT INTO session VALUES (7, 'run', NULL, 5000, NULL, NULL, NULL, NULL);
    INSERT INTO tag VALUES (7, 'trail');
    UPDATE sqlite_sequence SET seq = 12 WHERE name = 'entry';
  )sql");
  Journal journal = Journal::open(path, Journal::Access::write);
  CHECK(journal.schema_version() == Journal::kSchemaVersion);
  CHECK(raw_query(path, "SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v3'") == "0");
  Visit visit;
  visit.meta.date = *Date::from_ymd(2026, 11, 21);
  visit.kind = VisitKind::urgent_care;
  const Visit stored = journal.add(visit);
  CHECK(stored.meta.id == 13);  // the high-water mark survives the rebuild: numbers are never reused
  CHECK(std::get<Visit>(*journal.find(13)).kind == VisitKind::urgent_care);
  CHECK(journal.visits_between(visit.meta.date, visit.meta.date).size() == 1);
  CHECK(*journal.first_entry_day() == *Date::from_ymd(2026, 11, 20));
  // The rebuilt tables still cascade from the entry table.
  const std::int64_t first[] = {7};
  journal.remove(first);
  CHECK(raw_query(path, "SELECT count(*) FROM tag") == "0");
  CHECK(raw_query(path, "SELECT count(*) FROM session") == "0");
  REQUIRE(journal.undo());
  CHECK(std::get<Session>(*journal.find(7)).meta.tags == std::vector<std::string>{"trail"});
  // A visit is refused nothing a session or pain entry is allowed: edit, remove, undo.
  Visit changed = std::get<Visit>(*journal.find(13));
  changed.kind = VisitKind::doctor;
  REQUIRE(journal.update(Entry{changed}));
  CHECK(std::get<Visit>(*journal.find(13)).kind == VisitKind::doctor);
  REQUIRE(journal.undo());
  CHECK(std::get<Visit>(*journal.find(13)).kind == VisitKind::urgent_care);
}

TEST_CASE("Journal::update, remove and undo") {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  Session first = run(5000);
  first.meta.note = "first";
  first.meta.tags = {"hot"};
  const Session stored = journal.add(first);
  const PainEntry pain = journal.add(pain_of(3));

  SUBCASE("an edit changes the values and modified_at, keeps id, uuid and created_at") {
    Session changed = stored;
    changed.metres = 6000;
    changed.meta.created_at = "1999-01-01T00:00:00Z";  // identity cannot be edited
    const auto updated = journal.update(Entry{changed});
    REQUIRE(updated);
    const auto& s = std::get<Session>(*updated);
    CHECK(*s.metres == 6000);
    CHECK(s.meta.id == stored.meta.id);
    CHECK(s.meta.uuid == stored.meta.uuid);
    CHECK(s.meta.created_at == stored.meta.created_at);
    CHECK(s.meta.modified_at > stored.meta.modified_at);  // later even within the same second
    CHECK_FALSE(journal.update(*updated));  // no difference: nothing written
    CHECK_THROWS_AS(journal.update(Entry{[] { Session x = run(1); x.meta.id = 99; return x; }()}), NotFoundError);

    const auto undone = journal.undo();
    REQUIRE(undone);
    CHECK(undone->kind == UndoneChange::Kind::edit);
    const auto back = std::get<Session>(*journal.find(stored.meta.id));
    CHECK(*back.metres == 5000);
    CHECK(back.meta.modified_at == stored.meta.modified_at);
  }
  SUBCASE("a removal keeps the UUID, and undo restores the entry with its id and UUID") {
    const std::int64_t ids[] = {stored.meta.id, pain.meta.id};
    const auto removed = journal.remove(ids);
    CHECK(removed.size() == 2);
    CHECK(journal.count_entries() == 0);
    const auto removals = journal.removals();
    REQUIRE(removals.size() == 2);
    const auto undone = journal.undo();
    REQUIRE(undone);
    CHECK(undone->kind == UndoneChange::Kind::remove);
    CHECK(undone->steps.size() == 2);
    const auto back = std::get<Session>(*journal.find(stored.meta.id));
    CHECK(back.meta.uuid == stored.meta.uuid);
    CHECK(back.meta.note == "first");
    CHECK(back.meta.tags == std::vector<std::string>{"hot"});
    CHECK(back.meta.created_at == stored.meta.created_at);
    CHECK(std::get<PainEntry>(*journal.find(pain.meta.id)).score == 3);
    CHECK(journal.removals().empty());
  }
  SUBCASE("an unknown id removes nothing") {
    const std::int64_t ids[] = {stored.meta.id, 404};
    CHECK_THROWS_AS(journal.remove(ids), NotFoundError);
    CHECK(journal.count_entries() == 2);
  }
  SUBCASE("undo walks back one change at a time, then says there is nothing left") {
    const auto second = journal.undo();  // the pain entry
    REQUIRE(second);
    CHECK(second->kind == UndoneChange::Kind::add);
    CHECK(std::get<PainEntry>(*second->steps.at(0).after).score == 3);
    CHECK(journal.count_entries() == 1);
    REQUIRE(journal.undo());
    CHECK(journal.count_entries() == 0);
    CHECK_FALSE(journal.undo());
    CHECK_FALSE(journal.undo());
    // Undoing an addition leaves no removal behind: the entry never was.
    CHECK(journal.removals().empty());
    CHECK(journal.add(run(1000)).meta.id == 3);
  }
}

TEST_CASE("Journal::list filters and orders newest first") {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  Session bike = run(20000, kDay.minus_days(2));
  bike.type = ActivityType::bike;
  bike.meta.tags = {"commute"};
  journal.add(bike);
  Session tagged = run(5000, kDay.minus_days(1));
  tagged.meta.tags = {"commute", "hot"};
  journal.add(tagged);
  journal.add(pain_of(2, kDay.minus_days(1)));
  journal.add(run(8000, kDay));
  const auto ids = [](const std::vector<Entry>& entries) {
    std::vector<std::int64_t> out;
    for (const auto& e : entries) out.push_back(meta_of(e).id);
    return out;
  };
  CHECK(ids(journal.list({})) == std::vector<std::int64_t>{4, 3, 2, 1});
  EntryQuery query;
  query.kind = EntryKind::pain;
  CHECK(ids(journal.list(query)) == std::vector<std::int64_t>{3});
  query = {};
  query.type = ActivityType::bike;
  CHECK(ids(journal.list(query)) == std::vector<std::int64_t>{1});
  query = {};
  query.tags = {"commute"};
  CHECK(ids(journal.list(query)) == std::vector<std::int64_t>{2, 1});
  query.tags = {"commute", "hot"};
  CHECK(ids(journal.list(query)) == std::vector<std::int64_t>{2});
  query = {};
  query.since = kDay.minus_days(1);
  query.until = kDay.minus_days(1);
  CHECK(ids(journal.list(query)) == std::vector<std::int64_t>{3, 2});
  query = {};
  query.limit = 2;
  CHECK(ids(journal.list(query)) == std::vector<std::int64_t>{4, 3});
}

TEST_CASE("Journal::merge by UUID") {
  TempDir dir;
  Journal mine = Journal::open(dir / "mine.db", Journal::Access::write);
  Journal theirs = Journal::open(dir / "theirs.db", Journal::Access::write);
  const Session shared = mine.add(run(5000));
  // The same entry in the other journal, as an earlier merge would have put it there.
  const std::vector<Entry> first{Entry{shared}};
  theirs.merge(std::vector<MergeSource>{{first, {}}}, "mine.db");
  REQUIRE(theirs.count_entries() == 1);

  const auto merge_from = [](Journal& into, const Journal& from) {
    const auto entries = from.all_entries();
    const auto removals = from.removals();
    return into.merge(std::vector<MergeSource>{{entries, removals}}, "other").at(0);
  };
  const auto contents = [](const Journal& journal) {
    std::vector<std::string> out;
    for (const Entry& e : journal.all_entries()) {
      Json json = to_json(e);
      json.erase("id");
      out.push_back(json.dump());
    }
    for (const Removal& r : journal.removals()) out.push_back(r.uuid + " " + r.removed_at);
    return out;
  };

  SUBCASE("new entries are added, identical ones unchanged, and a second merge changes nothing") {
    theirs.add(pain_of(4));
    const MergeCounts counts = merge_from(mine, theirs);
    CHECK(counts.added == 1);
    CHECK(counts.unchanged == 1);
    CHECK(mine.count_entries() == 2);
    const MergeCounts again = merge_from(mine, theirs);
    CHECK(again.added == 0);
    CHECK(again.unchanged == 2);
    merge_from(theirs, mine);
    CHECK(contents(mine) == contents(theirs));
  }
  SUBCASE("the later modification wins, in both directions") {
    Session edited = std::get<Session>(*theirs.find(1));
    edited.metres = 7000;
    REQUIRE(theirs.update(Entry{edited}));
    const MergeCounts counts = merge_from(mine, theirs);
    CHECK(counts.updated == 1);
    CHECK(*std::get<Session>(*mine.find(shared.meta.id)).metres == 7000);
    CHECK(merge_from(theirs, mine).unchanged == 1);
    CHECK(contents(mine) == contents(theirs));
  }
  SUBCASE("a tie on modified_at is broken the same way from both sides") {
    Session a = shared, b = shared;
    a.metres = 6000;
    b.metres = 6500;
    const std::vector<Entry> as{Entry{a}}, bs{Entry{b}};
    Journal one = Journal::open(dir / "one.db", Journal::Access::write);
    Journal two = Journal::open(dir / "two.db", Journal::Access::write);
    one.merge(std::vector<MergeSource>{{as, {}}}, "a");
    two.merge(std::vector<MergeSource>{{bs, {}}}, "b");
    merge_from(one, two);
    merge_from(two, one);
    CHECK(contents(one) == contents(two));
  }
  SUBCASE("a removal wins: the entry is removed on merge and not brought back") {
    const std::int64_t id[] = {shared.meta.id};
    mine.remove(id);
    const MergeCounts back = merge_from(mine, theirs);
    CHECK(back.already_removed == 1);
    CHECK(mine.count_entries() == 0);
    const MergeCounts there = merge_from(theirs, mine);
    CHECK(there.removed == 1);
    CHECK(theirs.count_entries() == 0);
    CHECK(contents(mine) == contents(theirs));
    // Undo of the merge restores the entry and forgets the removal it brought.
    REQUIRE(theirs.undo());
    CHECK(theirs.count_entries() == 1);
    CHECK(theirs.removals().empty());
  }
  SUBCASE("an entry keeps its number only where that number was never used") {
    Journal empty = Journal::open(dir / "empty.db", Journal::Access::write);
    Session far = run(1000);
    far.meta.id = 40;
    far.meta.uuid = new_uuid();
    const std::vector<Entry> entries{Entry{far}, Entry{shared}};
    empty.merge(std::vector<MergeSource>{{entries, {}}}, "x");
    CHECK(empty.find(40));
    CHECK(empty.find(shared.meta.id));
    Session low = run(2000);
    low.meta.id = 2;  // free, but below the highest number given: a new one
    const std::vector<Entry> more{Entry{low}};
    empty.merge(std::vector<MergeSource>{{more, {}}}, "y");
    CHECK(std::get<Session>(*empty.find(41)).metres == 2000);
  }
  SUBCASE("a dry run counts and writes nothing") {
    theirs.add(pain_of(4));
    const auto entries = theirs.all_entries();
    const auto counts = mine.merge(std::vector<MergeSource>{{entries, {}}}, "x", true).at(0);
    CHECK(counts.added == 1);
    CHECK(mine.count_entries() == 1);
  }
}

TEST_CASE("Journal::backup_to and open_snapshot") {
  TempDir dir;
  const auto path = dir / "journal.db";
  Journal journal = Journal::open(path, Journal::Access::write);
  journal.add(run(5000));
  journal.add(pain_of(2));
  journal.backup_to(dir / "copy.db");
  CHECK(raw_query(dir / "copy.db", "PRAGMA integrity_check") == "ok");
  CHECK(raw_query(dir / "copy.db", "PRAGMA journal_mode") == "delete");
  CHECK(Journal::open(dir / "copy.db", Journal::Access::read).count_entries() == 2);

  // A snapshot reads another journal, even a version 1 file, without changing it.
  const auto old = dir / "old.db";
  raw_sql(old, kVersion1Schema);
  raw_sql(old, "INSERT INTO entry VALUES (1, '6f1c2a8e-1111-4222-8333-444455556666', 'pain', '2026-11-20', NULL, "
               "'2026-11-20T07:00:00Z', '2026-11-20T07:00:00Z', NULL); INSERT INTO pain (entry_id, score) VALUES (1, 5);");
  const std::string before = read_file(old);
  const Journal snapshot = Journal::open_snapshot(old);
  CHECK(snapshot.all_entries().size() == 1);
  CHECK(snapshot.removals().empty());
  CHECK(read_file(old) == before);
  CHECK(raw_query(old, "PRAGMA user_version") == "1");
  CHECK_THROWS_AS(Journal::open_snapshot(dir / "missing.db"), JournalError);
}

TEST_CASE("Journal::undo with dry_run, and redo") {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  const Session stored = journal.add(run(5000));
  const PainEntry pain = journal.add(pain_of(3));

  SUBCASE("a dry run says what would be undone and changes nothing") {
    const auto pending = journal.undo(true);
    REQUIRE(pending);
    CHECK(pending->kind == UndoneChange::Kind::add);
    CHECK(std::get<PainEntry>(*pending->steps.at(0).after).meta.id == pain.meta.id);
    CHECK(journal.count_entries() == 2);
    CHECK(journal.undo(true)->at == pending->at);  // the same change again
    CHECK_FALSE(journal.redo());                    // nothing was undone
  }
  SUBCASE("redo re-applies undone changes, latest undo first, with the same ids and UUIDs") {
    Session changed = stored;
    changed.metres = 6000;
    REQUIRE(journal.update(Entry{changed}));
    REQUIRE(journal.undo());  // the edit
    REQUIRE(journal.undo());  // the pain entry
    CHECK(journal.count_entries() == 1);
    CHECK(*std::get<Session>(*journal.find(stored.meta.id)).metres == 5000);

    CHECK(journal.redo(true)->kind == UndoneChange::Kind::add);
    CHECK(journal.count_entries() == 1);  // the dry run changed nothing
    const auto first = journal.redo();
    REQUIRE(first);
    CHECK(first->kind == UndoneChange::Kind::add);
    const auto back = std::get<PainEntry>(*journal.find(pain.meta.id));
    CHECK(back.meta.uuid == pain.meta.uuid);
    const auto second = journal.redo();
    REQUIRE(second);
    CHECK(second->kind == UndoneChange::Kind::edit);
    CHECK(*std::get<Session>(*journal.find(stored.meta.id)).metres == 6000);
    CHECK_FALSE(journal.redo());
    // And what was redone can be undone again.
    REQUIRE(journal.undo());
    CHECK(*std::get<Session>(*journal.find(stored.meta.id)).metres == 5000);
  }
  SUBCASE("a change made after an undo ends what can be redone") {
    REQUIRE(journal.undo());
    journal.add(run(7000));
    CHECK_FALSE(journal.redo());
    REQUIRE(journal.undo());  // the new run
    const auto redone = journal.redo();  // only the new run comes back, not the pain entry
    REQUIRE(redone);
    CHECK(std::get<Session>(*redone->steps.at(0).after).metres == 7000);
    CHECK_FALSE(journal.redo());
    CHECK(journal.count_entries() == 2);
  }
  SUBCASE("redo of a removal removes again and records the removal") {
    const std::int64_t ids[] = {stored.meta.id, pain.meta.id};
    journal.remove(ids);
    REQUIRE(journal.undo());
    CHECK(journal.removals().empty());
    const auto redone = journal.redo();
    REQUIRE(redone);
    CHECK(redone->kind == UndoneChange::Kind::remove);
    CHECK(journal.count_entries() == 0);
    CHECK(journal.removals().size() == 2);
  }
}

TEST_CASE("migration 6: a schema 5 journal gains the order of undos, and redo starts from the upgrade") {
  TempDir dir;
  const auto path = dir / "journal.db";
  {
    Journal journal = Journal::open(path, Journal::Access::write);
    journal.add(run(5000));
    journal.add(run(8000));
    REQUIRE(journal.undo());  // undone before the upgrade: its order is not known
  }
  // The journal as a niggle of schema 5 left it: no undone_order column (and no plan table,
  // which schema 7 adds; the entry table's widened kind CHECK is left, and stays valid).
  raw_sql(path, "DROP TABLE plan; ALTER TABLE change_set DROP COLUMN undone_order; PRAGMA user_version = 5;");
  REQUIRE(raw_query(path, "SELECT count(*) FROM pragma_table_info('change_set') WHERE name = 'undone_order'") == "0");

  Journal journal = Journal::open(path, Journal::Access::write);
  CHECK(journal.schema_version() == Journal::kSchemaVersion);
  CHECK(raw_query(path, "SELECT count(*) FROM pragma_table_info('change_set') WHERE name = 'undone_order'") == "1");
  CHECK(journal.count_entries() == 1);
  // An undo from before the upgrade has no place in the order, so it is not redone.
  CHECK_FALSE(journal.redo());
  // Undo and redo after it work as on a new journal.
  REQUIRE(journal.undo());
  CHECK(journal.count_entries() == 0);
  const auto redone = journal.redo();
  REQUIRE(redone);
  CHECK(*std::get<Session>(*redone->steps.at(0).after).metres == 5000);
  CHECK(journal.count_entries() == 1);
  CHECK_FALSE(journal.redo());
}

TEST_CASE("schema 3 stores a strength session's lifts and a pain entry's sleep, and undo restores them") {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  Session strength;
  strength.meta.date = *Date::from_ymd(2026, 11, 20);
  strength.type = ActivityType::strength;
  strength.seconds = 2400;
  strength.lifts = {parse_lift("deadlift:3x5@60kg"), parse_lift("row:4x8@45.5lb"), parse_lift("plank:3x1")};
  const Session stored = journal.add(strength);
  const auto found = std::get<Session>(*journal.find(stored.meta.id));
  CHECK(found.lifts == strength.lifts);
  CHECK(raw_query(dir / "journal.db", "SELECT lifts FROM session") == "deadlift:3x5@60kg row:4x8@45.5lb plank:3x1");
  PainEntry pain;
  pain.meta.date = *Date::from_ymd(2026, 11, 21);
  pain.score = 3;
  pain.sleep_hours = 6.25;
  const PainEntry kept = journal.add(pain);
  CHECK(std::get<PainEntry>(*journal.find(kept.meta.id)).sleep_hours == 6.25);
  // An edit that drops the exercises, then undo brings them back.
  Session edited = found;
  edited.lifts.clear();
  REQUIRE(journal.update(Entry{edited}));
  CHECK(std::get<Session>(*journal.find(found.meta.id)).lifts.empty());
  REQUIRE(journal.undo());
  CHECK(std::get<Session>(*journal.find(found.meta.id)).lifts == strength.lifts);
  // The column refuses an impossible night.
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "journal.db").c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE pain SET sleep_hours = 25", nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  sqlite3_close(db);
}

TEST_CASE("the plans migration: a version 1 journal takes plans, its entries and the kind check intact") {
  TempDir dir;
  const auto path = dir / "journal.db";
  raw_sql(path, kVersion1Schema);
  raw_sql(path, R"sql(
    INSERT INTO entry VALUES (7, '6f1c2a8e-1111-4222-8333-444455556666', 'session', '2026-11-20', NULL,
                              '2026-11-20T07:00:00Z', '2026-11-20T07:00:00Z', NULL);
    INSERT INTO session VALUES (7, 'run', NULL, 5000, NULL, NULL, NULL, NULL);
  )sql");
  {
    Journal journal = Journal::open(path, Journal::Access::write);
    Plan plan;
    plan.meta.date = *Date::from_ymd(2026, 12, 5);
    plan.metres = 16000;
    plan.intensity = Intensity::long_run;
    const Plan stored = journal.add(plan);
    CHECK(stored.meta.id == 8);
    const auto back = std::get<Plan>(*journal.find(8));
    CHECK(*back.metres == 16000);
    CHECK(back.intensity == Intensity::long_run);
    CHECK(journal.plans_between(plan.meta.date, plan.meta.date).size() == 1);
    // Plans are not sessions: no day totals, no list unless asked.
    CHECK(journal.sessions_between(plan.meta.date, plan.meta.date).empty());
    CHECK(journal.list(EntryQuery{}).size() == 1);
    EntryQuery plans;
    plans.kind = EntryKind::plan;
    CHECK(journal.list(plans).size() == 1);
    CHECK(journal.all_entries().size() == 2);
    REQUIRE(journal.undo());
    CHECK_FALSE(journal.find(8));
  }
  // The widened CHECK still refuses a kind it does not know, and the file is undamaged.
  CHECK(raw_query(path, "PRAGMA integrity_check") == "ok");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    const int rc = sqlite3_exec(db, "INSERT INTO entry (uuid, kind, day, created_at, modified_at) "
                                    "VALUES ('x', 'gear', '2026-11-20', 'a', 'a')", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    CHECK((rc & 0xff) == SQLITE_CONSTRAINT);
  }
  CHECK(raw_query(path, "SELECT count(*) FROM sqlite_master WHERE name = 'entry' AND sql LIKE '%''plan''%'") == "1");
  // Opened again (a new connection reads the definition afresh), the plan kind is accepted.
  Journal again = Journal::open(path, Journal::Access::write);
  Plan race;
  race.meta.date = *Date::from_ymd(2027, 3, 14);
  race.intensity = Intensity::race;
  CHECK(again.add(race).meta.id == 9);
}
