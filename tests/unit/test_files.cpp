// Files other than the journal: written whole through a rename, private, or not at all.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include "niggle/error.hpp"
#include "niggle/files.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::read_file;
using niggle::test::TempDir;
using niggle::test::write_file;

TEST_CASE("write_file_atomically") {
  TempDir dir;
  const auto path = dir / "export.json";
  write_file(path, "old");
  ::chmod(path.c_str(), 0644);
  write_file_atomically(path, "new contents");
  CHECK(read_file(path) == "new contents");
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);  // no temporary left behind
  CHECK_THROWS_AS(write_file_atomically(dir / "no/such/dir/x.json", "x"), FileError);
  CHECK_THROWS_AS(write_file_atomically(dir.path(), "x"), FileError);
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
