// The journal against real SQLite files in temporary directories: no mocks.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "niggle/error.hpp"
#include "niggle/journal.hpp"
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
  CHECK(journal.sessions_between(kDay.minus_days(30), kDay).empty());
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK_FALSE(std::filesystem::exists(dir / "journal.db-wal"));
  CHECK_THROWS_AS(journal.add(run(5000)), JournalError);
}

TEST_CASE("Journal stores and reads back entries") {
  TempDir dir;
  const auto path = dir / "journal.db";
  Journal journal = Journal::open(path, Journal::Access::write);

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
