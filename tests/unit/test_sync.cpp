// The sync folder's naming rules and the state kept between syncs (store/sync.hpp).
#include <doctest/doctest.h>

#include <fstream>

#include "niggle/core/error.hpp"
#include "niggle/store/sync.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::TempDir;

TEST_CASE("a device's file and the conflict copies of three sync programs are recognised") {
  const auto own = classify_sync_file("phone.niggle.json");
  REQUIRE(own);
  CHECK(own->device == "phone");
  CHECK_FALSE(own->conflict_of);

  const auto syncthing = classify_sync_file("phone.niggle.sync-conflict-20261201-101010-ABCDEFG.json");
  REQUIRE(syncthing);
  CHECK(syncthing->device == "phone");
  CHECK(syncthing->conflict_of == "Syncthing");

  const auto nextcloud = classify_sync_file("laptop.niggle (conflicted copy 2026-12-01 101010).json");
  REQUIRE(nextcloud);
  CHECK(nextcloud->device == "laptop");
  CHECK(nextcloud->conflict_of == "Nextcloud");

  const auto dropbox = classify_sync_file("laptop.niggle (desktop's conflicted copy 2026-12-01).json");
  REQUIRE(dropbox);
  CHECK(dropbox->device == "laptop");
  CHECK(dropbox->conflict_of == "Dropbox");
}

TEST_CASE("temporary files and other files are not device files") {
  for (const char* name : {".phone.niggle.json.niggle-AbC123", ".syncthing.phone.niggle.json.tmp", "~syncthing~phone.niggle.json.tmp",
                           "phone.json", "notes.txt", ".niggle.json", "phone.niggle.json.bak", "ph one.niggle.json",
                           "../x.niggle.json", "phone.niggle (copy).json", ""}) {
    CAPTURE(name);
    CHECK_FALSE(classify_sync_file(name));
  }
}

TEST_CASE("device names make plain file names") {
  CHECK_NOTHROW(check_device_name("laptop", "--name"));
  CHECK_NOTHROW(check_device_name("pixel-7_a.2", "--name"));
  CHECK_NOTHROW(check_device_name(std::string(64, 'a'), "--name"));
  CHECK_THROWS_AS(check_device_name(std::string(65, 'a'), "--name"), ValueError);
  CHECK_THROWS_AS(check_device_name("", "--name"), ValueError);
  CHECK_THROWS_AS(check_device_name(".hidden", "--name"), ValueError);
  CHECK_THROWS_AS(check_device_name("a/b", "--name"), ValueError);
  CHECK_THROWS_AS(check_device_name("my phone", "--name"), ValueError);
  CHECK_THROWS_WITH(check_device_name("a/b", "'sync_name'"),
                    doctest::Contains("'sync_name' 'a/b' is not a device name"));
  const std::string host = host_device_name();
  CHECK_NOTHROW(check_device_name(host, "host"));
  CHECK(device_file_name("phone") == "phone.niggle.json");
}

TEST_CASE("content_hash is FNV-1a, 64 bits") {
  // Reference values of the FNV-1a 64-bit hash (offset basis 0xcbf29ce484222325).
  CHECK(content_hash("") == 0xcbf29ce484222325ull);
  CHECK(content_hash("a") == 0xaf63dc4c8601ec8cull);
  CHECK(content_hash("foobar") == 0x85944171f73967e8ull);
  CHECK(content_hash("foobar") != content_hash("foobaz"));
}

TEST_CASE("the sync state round-trips, and a garbled one reads as none") {
  const TempDir dir;
  const auto file = sync_state_path(dir.path() / "journal.db");
  CHECK(file.filename() == "journal.db.sync-state");
  CHECK_FALSE(load_sync_state(file));

  SyncState state;
  state.folder = "/home/runner/Sync";
  state.device = "laptop";
  state.journal = "3-7-1-40-2";
  state.files["laptop.niggle.json"] = {0xffffffffffffffffull, "", 1234567, 5944877, 1764583623123456789};
  state.files["phone.niggle.json"] = {42, "'phone.niggle.json' is not valid JSON", 7, 300, 1};
  save_sync_state(file, state);
  const auto loaded = load_sync_state(file);
  REQUIRE(loaded);
  CHECK(*loaded == state);

  std::ofstream(file) << "{\"folder\": 1";
  CHECK_FALSE(load_sync_state(file));

  SyncState::Seen seen;
  CHECK_FALSE(stat_sync_file(dir.path() / "missing", seen));
  std::ofstream(dir.path() / "five") << "12345";
  REQUIRE(stat_sync_file(dir.path() / "five", seen));
  CHECK(seen.size == 5);
  CHECK(seen.inode != 0);
  CHECK(seen.ctime_ns > 0);
}
