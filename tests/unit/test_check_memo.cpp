// The integrity-check memo, on real files: what it vouches for, and what it refuses to.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <ctime>
#include <fstream>

#include "niggle/store/check_memo.hpp"
#include "niggle/core/error.hpp"
#include "niggle/store/journal.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::read_file;
using niggle::test::TempDir;
using niggle::test::write_file;

namespace {

const Date kDay = *Date::from_ymd(2026, 11, 24);
constexpr std::int64_t kNow = 1'800'000'000;

unsigned mode_of(const std::filesystem::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 0777;
}

FileStamp some_stamp() { return FileStamp{2049, 1234, 409600, 1'799'999'000'123'456'789}; }

// Puts back a file's modification time, as a restore that keeps times would.
void set_mtime_ns(const std::filesystem::path& path, std::int64_t mtime_ns) {
  const timespec times[2] = {{0, UTIME_OMIT}, {static_cast<time_t>(mtime_ns / 1'000'000'000), mtime_ns % 1'000'000'000}};
  REQUIRE(::utimensat(AT_FDCWD, path.c_str(), times, 0) == 0);
}

// The first line of the memo with its checked_at replaced, as if written `age` seconds ago.
void age_memo(const std::filesystem::path& memo, std::int64_t age) {
  std::string text = read_file(memo);
  const auto space = text.find(' ');
  REQUIRE(space != std::string::npos);
  const std::int64_t checked_at = std::stoll(text.substr(0, space));
  write_file(memo, std::to_string(checked_at - age) + text.substr(space));
}

}  // namespace

TEST_CASE("the memo vouches for a journal only with the same stamp and a check under a day old") {
  TempDir dir;
  const CheckMemo memo(dir / "state" / "niggle" / "checked");
  const auto journal = dir / "journal.db";
  write_file(journal, "x");
  CHECK_FALSE(memo.vouching_check(journal, some_stamp(), kNow));  // no memo yet
  REQUIRE(memo.remember(journal, some_stamp(), kNow - 60));
  CHECK(memo.vouching_check(journal, some_stamp(), kNow) == kNow - 60);
  // The same journal named another way.
  CHECK(memo.vouching_check(dir.path() / "." / "journal.db", some_stamp(), kNow) == kNow - 60);

  SUBCASE("any change to the stamp") {
    for (auto change : {+[](FileStamp& s) { ++s.device; }, +[](FileStamp& s) { ++s.inode; },
                        +[](FileStamp& s) { s.size += 4096; }, +[](FileStamp& s) { ++s.mtime_ns; }}) {
      FileStamp other = some_stamp();
      change(other);
      CHECK_FALSE(memo.vouching_check(journal, other, kNow));
    }
  }
  SUBCASE("a check a day old, or from the future") {
    CHECK(memo.vouching_check(journal, some_stamp(), kNow - 60 + CheckMemo::kMaxAgeSeconds - 1) == kNow - 60);
    CHECK_FALSE(memo.vouching_check(journal, some_stamp(), kNow - 60 + CheckMemo::kMaxAgeSeconds));
    CHECK_FALSE(memo.vouching_check(journal, some_stamp(), kNow - 61));
  }
  SUBCASE("another journal") {
    write_file(dir / "other.db", "x");
    CHECK_FALSE(memo.vouching_check(dir / "other.db", some_stamp(), kNow));
  }
  SUBCASE("forgotten") {
    REQUIRE(memo.forget(journal));
    CHECK_FALSE(memo.vouching_check(journal, some_stamp(), kNow));
  }
  SUBCASE("private: the memo 0600, its directories 0700") {
    CHECK(mode_of(memo.file()) == 0600);
    CHECK(mode_of(memo.file().parent_path()) == 0700);
    CHECK(mode_of(memo.file().parent_path().parent_path()) == 0700);
  }
}

TEST_CASE("a garbled memo reads as no memo, and is replaced whole on the next write") {
  TempDir dir;
  const CheckMemo memo(dir / "checked");
  const auto journal = dir / "journal.db";
  write_file(journal, "x");
  write_file(memo.file(), "garbage\n1 2 3\n\xff\xfe\n" + std::to_string(kNow) + " 1 2 3\n");
  CHECK_FALSE(memo.vouching_check(journal, some_stamp(), kNow));
  REQUIRE(memo.remember(journal, some_stamp(), kNow));
  CHECK(memo.vouching_check(journal, some_stamp(), kNow) == kNow);
  const std::string text = read_file(memo.file());
  CHECK(text.find("garbage") == std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
}

TEST_CASE("the memo keeps the 64 most recently checked journals") {
  TempDir dir;
  const CheckMemo memo(dir / "checked");
  for (int i = 0; i < 70; ++i) {
    write_file(dir / ("j" + std::to_string(i)), "x");
    REQUIRE(memo.remember(dir / ("j" + std::to_string(i)), some_stamp(), kNow + i));
  }
  const std::string text = read_file(memo.file());
  CHECK(std::count(text.begin(), text.end(), '\n') == 64);
  CHECK_FALSE(memo.vouching_check(dir / "j5", some_stamp(), kNow + 100));
  CHECK(memo.vouching_check(dir / "j6", some_stamp(), kNow + 100) == kNow + 6);
}

TEST_CASE("a memo that cannot be written changes nothing and the journal still works") {
  TempDir dir;
  write_file(dir / "file", "x");
  const CheckMemo memo(dir / "file" / "niggle" / "checked");  // a file where a directory should be
  CHECK_FALSE(memo.remember(dir / "journal.db", some_stamp(), kNow));
  {
    Journal journal = Journal::open(dir / "journal.db", Journal::Access::write, memo);
    Session session;
    session.metres = 5000;
    session.meta.date = kDay;
    journal.add(session);
  }
  CHECK(Journal::open(dir / "journal.db", Journal::Access::read).count_entries() == 1);
}

TEST_CASE("with the memo, damage is still refused before a write") {
  TempDir dir;
  const auto path = dir / "journal.db";
  const CheckMemo memo(dir / "checked");
  const auto add_runs = [&](int count) {
    Journal journal = Journal::open(path, Journal::Access::write, memo);
    for (int i = 0; i < count; ++i) {
      Session session;
      session.metres = 1000 + i;
      session.meta.date = kDay.minus_days(i % 60);
      session.meta.note = std::string(900, static_cast<char>('a' + i % 26));
      journal.add(session);
    }
  };
  add_runs(60);
  // Closing checkpointed the WAL into the journal; the memo holds the journal as closed.
  const FileStamp closed = *stamp_of(path);
  REQUIRE(memo.vouching_check(path, closed, std::time(nullptr)));
  std::string bytes = read_file(path);
  REQUIRE(bytes.size() > 8 * 4096);
  const std::size_t last_page = bytes.size() / 4096 - 1;
  for (std::size_t i = last_page * 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 13);

  SUBCASE("written by anything but niggle: the stamp changes and the full check runs") {
    write_file(path, bytes);
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write, memo),
                         doctest::Contains("niggle will not write to it"), JournalError);
    CHECK(read_file(path) == bytes);
  }
  SUBCASE("damage made in place with the modification time put back: the change time gives it away") {
    write_file(path, bytes);  // same file, same size, the same modification time below
    set_mtime_ns(path, closed.mtime_ns);
    const FileStamp now = *stamp_of(path);
    REQUIRE(now.inode == closed.inode);
    REQUIRE(now.size == closed.size);
    REQUIRE(now.mtime_ns == closed.mtime_ns);
    CHECK(now != closed);
    CHECK_FALSE(memo.vouching_check(path, now, std::time(nullptr)));
    // refused at once, within the day: not left for the daily check
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write, memo),
                         doctest::Contains("niggle will not write to it"), JournalError);
    CHECK(read_file(path) == bytes);
  }
  SUBCASE("damage that keeps the whole stamp (a failing disk) is caught by the daily check") {
    // A disk rewriting a sector changes no time at all; the memo is made to vouch for the
    // damaged file's stamp, as it would be then.
    write_file(path, bytes);
    set_mtime_ns(path, closed.mtime_ns);
    REQUIRE(memo.remember(path, *stamp_of(path), std::time(nullptr)));
    age_memo(memo.file(), CheckMemo::kMaxAgeSeconds);
    CHECK_THROWS_WITH_AS(Journal::open(path, Journal::Access::write, memo),
                         doctest::Contains("niggle will not write to it"), JournalError);
    CHECK(read_file(path) == bytes);
  }
  SUBCASE("a write keeps the time of the last full check, so the daily check is not put off") {
    const std::int64_t first = *memo.vouching_check(path, closed, std::time(nullptr));
    age_memo(memo.file(), 3600);
    add_runs(1);
    CHECK(memo.vouching_check(path, *stamp_of(path), std::time(nullptr)) == first - 3600);
  }
}
