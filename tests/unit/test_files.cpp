// Files other than the journal: written whole through a rename, private, or not at all.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "niggle/core/error.hpp"
#include "niggle/store/files.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::read_file;
using niggle::test::TempDir;
using niggle::test::write_file;

namespace {

unsigned mode_of(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

std::size_t files_in(const std::filesystem::path& dir) {
  return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()));
}

}  // namespace

TEST_CASE("write_file_atomically") {
  TempDir dir;
  const std::filesystem::path file = dir / "report.html";

  SUBCASE("writes the whole text, readable by the owner alone, and nothing beside it") {
    const std::string text(300000, 'x');
    write_file_atomically(file, text);
    CHECK(read_file(file) == text);
    CHECK(mode_of(file) == 0600);
    CHECK(files_in(dir.path()) == 1);
  }
  SUBCASE("replaces a file, and makes it private even if it was not") {
    write_file(file, "old and longer than the new text");
    ::chmod(file.c_str(), 0644);
    write_file_atomically(file, "new");
    CHECK(read_file(file) == "new");
    CHECK(mode_of(file) == 0600);
    CHECK(files_in(dir.path()) == 1);
  }
  SUBCASE("an empty text makes an empty file") {
    write_file_atomically(file, "");
    CHECK(std::filesystem::file_size(file) == 0);
  }
  SUBCASE("a relative path is written in the current directory") {
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(dir.path());
    write_file_atomically("plain.md", "# hi\n");
    std::filesystem::current_path(previous);
    CHECK(read_file(dir / "plain.md") == "# hi\n");
  }
  SUBCASE("a missing directory, a directory in the way: FileError, nothing written") {
    CHECK_THROWS_AS(write_file_atomically(dir / "no/such/dir/report.html", "x"), FileError);
    std::filesystem::create_directory(dir / "taken");
    CHECK_THROWS_AS(write_file_atomically(dir / "taken", "x"), FileError);
    CHECK_THROWS_AS(write_file_atomically(dir.path() / "", "x"), FileError);
    CHECK(files_in(dir.path()) == 1);  // only "taken"
    try {
      write_file_atomically(dir / "no/report.html", "x");
    } catch (const FileError& e) {
      CHECK(std::string(e.what()).find("does not exist") != std::string::npos);
      CHECK(e.code() == ExitCode::file);
    }
  }
  SUBCASE("a directory it may not write to: FileError, the old file untouched") {
    if (::geteuid() == 0) return;  // root writes anywhere
    write_file(file, "old");
    ::chmod(dir.path().c_str(), 0500);
    CHECK_THROWS_AS(write_file_atomically(file, "new"), FileError);
    ::chmod(dir.path().c_str(), 0700);
    CHECK(read_file(file) == "old");
    CHECK(files_in(dir.path()) == 1);
  }
}

TEST_CASE("PendingFile leaves nothing behind unless committed") {
  TempDir dir;
  {
    PendingFile file(dir / "backup.db");
    file.write("half");
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("same_file") {
  TempDir dir;
  write_file(dir / "a", "x");
  std::filesystem::create_symlink(dir / "a", dir / "link");
  CHECK(same_file(dir / "a", dir / "link"));
  CHECK_FALSE(same_file(dir / "a", dir / "missing"));
}

TEST_CASE("write_file_atomically piece by piece") {
  TempDir dir;
  const std::filesystem::path file = dir / "export.json";
  using Sink = std::function<void(std::string_view)>;

  SUBCASE("the pieces, in order, make the file, private, with nothing beside it") {
    write_file_atomically(file, [](const Sink& sink) {
      for (int i = 0; i < 1000; ++i) sink(std::string(1000, static_cast<char>('a' + i % 26)));
    });
    const std::string text = read_file(file);
    REQUIRE(text.size() == 1'000'000);
    CHECK(text.substr(0, 1000) == std::string(1000, 'a'));
    CHECK(text.substr(999'000) == std::string(1000, static_cast<char>('a' + 999 % 26)));
    CHECK(mode_of(file) == 0600);
    CHECK(files_in(dir.path()) == 1);
  }
  SUBCASE("a writer that fails part way leaves the old file as it was, and no temporary") {
    write_file(file, "old");
    std::filesystem::path temporary;
    CHECK_THROWS_AS(write_file_atomically(file,
                                          [&](const Sink& sink) {
                                            sink("half of a new");
                                            for (const auto& item : std::filesystem::directory_iterator(dir.path()))
                                              if (item.path() != file) temporary = item.path();
                                            throw FileError("the journal could not be read");
                                          }),
                    FileError);
    CHECK(!temporary.empty());  // the pieces did go to a temporary file ...
    CHECK(!std::filesystem::exists(temporary));  // ... which is gone
    CHECK(read_file(file) == "old");
    CHECK(files_in(dir.path()) == 1);
  }
}
