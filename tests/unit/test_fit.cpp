// The FIT reader: against the real files of tests/data/fit (their reference session figures,
// read with Garmin's own FIT SDK, are in tests/data/SOURCES.md), and against files built
// byte by byte here for each part of the protocol: both header sizes, both byte orders,
// compressed timestamps, developer fields, invalid values, damaged and cut files.
#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fmt/format.h>
#include <vector>

#include "niggle/formats/activity.hpp"
#include "niggle/core/error.hpp"
#include "temp_dir.hpp"

using namespace niggle;

namespace {

std::string fixture(const std::string& name) {
  const auto path = std::filesystem::path(NIGGLE_TEST_DATA) / "fit" / name;
  REQUIRE_MESSAGE(std::filesystem::exists(path), path.string());
  return niggle::test::read_file(path);
}

ActivityOptions options() {
  ActivityOptions o;
  o.to_local = fixed_offset(0);
  o.file_name = "test.fit";
  return o;
}

bool within_half_percent(double value, double reference) { return std::abs(value - reference) <= reference * 0.005; }

bool has_warning(const ActivityFile& file, std::string_view text) {
  for (const auto& w : file.warnings)
    if (w.find(text) != std::string::npos) return true;
  return false;
}

std::string file_error(std::string_view bytes, const ActivityOptions& o = options()) {
  try {
    parse_fit(bytes, o);
  } catch (const FileError& e) {
    return e.what();
  }
  return "(accepted)";
}

// FIT times count from 1989-12-31T00:00:00Z.
constexpr std::uint32_t kFitEpoch = 631'065'600;
constexpr std::uint32_t fit_time(std::uint32_t unix_time) { return unix_time - kFitEpoch; }
constexpr std::uint32_t k2024_05_01_0700 = 1'714'546'800;  // 2024-05-01T07:00:00Z

// Base types.
constexpr std::uint8_t kEnum = 0x00, kUint8 = 0x02, kUint16 = 0x84, kUint32 = 0x86, kSint32 = 0x85;

struct Field {
  std::uint8_t number, size, base_type;
};

// Builds FIT files: definitions and data messages in either byte order, then the header and
// the CRCs.
class FitBuilder {
 public:
  void define(std::uint8_t local, std::uint16_t global, std::vector<Field> fields, bool big_endian = false,
              std::vector<std::uint8_t> developer_sizes = {}) {
    records_ += static_cast<char>(0x40 | (developer_sizes.empty() ? 0 : 0x20) | local);
    records_ += '\0';
    records_ += static_cast<char>(big_endian ? 1 : 0);
    put(global, 2, big_endian);
    records_ += static_cast<char>(fields.size());
    for (const Field& f : fields) {
      records_ += static_cast<char>(f.number);
      records_ += static_cast<char>(f.size);
      records_ += static_cast<char>(f.base_type);
    }
    if (!developer_sizes.empty()) {
      records_ += static_cast<char>(developer_sizes.size());
      for (std::size_t i = 0; i < developer_sizes.size(); ++i) {
        records_ += static_cast<char>(i);
        records_ += static_cast<char>(developer_sizes[i]);
        records_ += '\0';
      }
    }
    big_[local] = big_endian;
  }
  // A data message with a normal header; each value is written in `sizes[i]` bytes.
  void data(std::uint8_t local, std::vector<std::uint64_t> values, std::vector<std::uint8_t> sizes,
            std::string developer_bytes = {}) {
    records_ += static_cast<char>(local);
    body(local, values, sizes, developer_bytes);
  }
  // A data message with a compressed-timestamp header.
  void compressed(std::uint8_t local, std::uint8_t time_offset, std::vector<std::uint64_t> values,
                  std::vector<std::uint8_t> sizes) {
    records_ += static_cast<char>(0x80 | (local << 5) | (time_offset & 0x1F));
    body(local, values, sizes, {});
  }
  void raw(std::string bytes) { records_ += bytes; }

  std::string file(std::uint8_t header_size = 14, bool header_crc = true) const {
    std::string out;
    out += static_cast<char>(header_size);
    out += static_cast<char>(0x20);  // protocol 2.0
    append(out, 2132, 2);            // profile 21.32
    append(out, records_.size(), 4);
    out += ".FIT";
    if (header_size == 14) append(out, header_crc ? fit_crc(out) : 0, 2);
    out += records_;
    append(out, fit_crc(out), 2);
    return out;
  }

 private:
  static void append(std::string& out, std::uint64_t value, std::size_t size, bool big_endian = false) {
    for (std::size_t i = 0; i < size; ++i) {
      const std::size_t shift = 8 * (big_endian ? size - 1 - i : i);
      out += static_cast<char>((value >> shift) & 0xFF);
    }
  }
  void put(std::uint64_t value, std::size_t size, bool big_endian) { append(records_, value, size, big_endian); }
  void body(std::uint8_t local, const std::vector<std::uint64_t>& values, const std::vector<std::uint8_t>& sizes,
            const std::string& developer_bytes) {
    REQUIRE(values.size() == sizes.size());
    for (std::size_t i = 0; i < values.size(); ++i) put(values[i], sizes[i], big_[local]);
    records_ += developer_bytes;
  }
  std::string records_;
  bool big_[16] = {};
};

// file_id: type (enum), manufacturer (uint16), time_created (uint32).
void add_file_id(FitBuilder& b, std::uint8_t type = 4, bool big_endian = false) {
  b.define(0, 0, {{0, 1, kEnum}, {1, 2, kUint16}, {4, 4, kUint32}}, big_endian);
  b.data(0, {type, 1, fit_time(k2024_05_01_0700)}, {1, 2, 4});
}

// session: timestamp, start_time, sport, sub_sport, total_elapsed_time (ms), total_timer_time
// (ms), total_distance (cm), avg and max heart rate, avg cadence, total ascent.
const std::vector<Field> kSessionFields = {{253, 4, kUint32}, {2, 4, kUint32},  {5, 1, kEnum},
                                           {6, 1, kEnum},     {7, 4, kUint32},  {8, 4, kUint32},
                                           {9, 4, kUint32},   {16, 1, kUint8},  {17, 1, kUint8},
                                           {18, 1, kUint8},   {22, 2, kUint16}};
const std::vector<std::uint8_t> kSessionSizes = {4, 4, 1, 1, 4, 4, 4, 1, 1, 1, 2};

struct SessionValues {
  std::uint32_t start = k2024_05_01_0700;
  std::uint64_t sport = 1, sub_sport = 0;
  std::uint64_t elapsed_ms = 3'000'000, timer_ms = 2'900'000, distance_cm = 1'000'000;
};

void add_session(FitBuilder& b, std::uint8_t local, const SessionValues& v) {
  b.data(local,
         {fit_time(v.start) + v.elapsed_ms / 1000, fit_time(v.start), v.sport, v.sub_sport, v.elapsed_ms, v.timer_ms,
          v.distance_cm, 150, 171, 84, 123},
         kSessionSizes);
}

std::string one_run(std::uint8_t header_size = 14, bool header_crc = true, bool big_endian = false) {
  FitBuilder b;
  add_file_id(b, 4, big_endian);
  b.define(1, 18, kSessionFields, big_endian);
  add_session(b, 1, {});
  return b.file(header_size, header_crc);
}

void check_one_run(const ActivityFile& file) {
  REQUIRE(file.sessions.size() == 1);
  const Session& s = file.sessions[0];
  CHECK(s.type == ActivityType::run);
  CHECK(*s.metres == 10000.0);
  CHECK(*s.seconds == 3000);
  CHECK(s.meta.date.iso() == "2024-05-01");
  CHECK(*s.start_time == "07:00:00");
  CHECK(*s.meta.source == "fit:2024-05-01T07:00:00Z");
  CHECK(s.meta.note->find("running") != std::string::npos);
}

}  // namespace

TEST_CASE("fit_crc is the protocol's CRC-16") {
  // The check value of CRC-16/ARC (the same polynomial, reflected, initial value 0).
  CHECK(fit_crc("123456789") == 0xBB3D);
  CHECK(fit_crc("") == 0);
  // Continuing over a split equals one pass.
  CHECK(fit_crc("6789", fit_crc("12345")) == 0xBB3D);
}

TEST_CASE("FIT: a 14-byte header with its CRC, a 14-byte header with CRC 0, a 12-byte header") {
  check_one_run(parse_fit(one_run(14, true), options()));
  check_one_run(parse_fit(one_run(14, false), options()));
  check_one_run(parse_fit(one_run(12), options()));
  CHECK(detect_activity_format(one_run(14)) == ActivityFormat::fit);
  CHECK(detect_activity_format(one_run(12)) == ActivityFormat::fit);
  CHECK(detect_activity_format("<gpx>") != ActivityFormat::fit);
}

TEST_CASE("FIT: big-endian messages read as little-endian ones") {
  const std::string big = one_run(14, true, true);
  CHECK(big != one_run(14, true, false));
  check_one_run(parse_fit(big, options()));
}

TEST_CASE("FIT: the moving time is the timer time") {
  ActivityOptions o = options();
  o.moving_time = true;
  const ActivityFile file = parse_fit(one_run(), o);
  REQUIRE(file.sessions.size() == 1);
  CHECK(*file.sessions[0].seconds == 2900);
}

TEST_CASE("FIT: CRC failures and cut files are refused") {
  const std::string good = one_run();
  SUBCASE("a changed byte in the records") {
    std::string bad = good;
    bad[30] = static_cast<char>(bad[30] ^ 0x01);
    CHECK(file_error(bad).find("its FIT CRC does not match") != std::string::npos);
  }
  SUBCASE("a changed header") {
    std::string bad = good;
    bad[2] = static_cast<char>(bad[2] ^ 0x01);  // the profile version, under the header CRC
    CHECK(file_error(bad).find("the CRC of its FIT header does not match") != std::string::npos);
  }
  SUBCASE("cut short") {
    CHECK(file_error(good.substr(0, good.size() - 10)).find("is cut short") != std::string::npos);
    CHECK(file_error(good.substr(0, 11)).find("cut short") != std::string::npos);
  }
  SUBCASE("cut short after its session: the session is kept, with a warning") {
    FitBuilder b;
    add_file_id(b);
    b.define(1, 18, kSessionFields);
    add_session(b, 1, {});
    b.define(2, 20, {{253, 4, kUint32}, {5, 4, kUint32}});
    b.data(2, {fit_time(k2024_05_01_0700), 0}, {4, 4});
    const std::string whole = b.file();
    const ActivityFile file = parse_fit(whole.substr(0, whole.size() - 6), options());
    check_one_run(file);
    CHECK(has_warning(file, "is cut short"));
    // With its CRC whole, the same file is read without a word.
    CHECK(parse_fit(whole, options()).warnings.empty());
  }
  SUBCASE("a header of another size") {
    std::string bad = good;
    bad[0] = 13;
    CHECK(file_error(bad).find("FIT header of 13 bytes") != std::string::npos);
  }
}

TEST_CASE("FIT: compressed timestamps count on from the last full one, rolling over at 32 s") {
  FitBuilder b;
  add_file_id(b);
  // A record with a full timestamp whose low five bits are 30.
  const std::uint32_t full = fit_time(k2024_05_01_0700) + 30 - (fit_time(k2024_05_01_0700) & 0x1F);
  REQUIRE((full & 0x1F) == 30);
  b.define(0, 20, {{253, 4, kUint32}, {5, 4, kUint32}});
  b.data(0, {full, 0}, {4, 4});
  // Offset 31 is 1 s on; then offset 2 is less than 31, so it rolls over: 32 + 2 - 31 = 3 s on.
  b.define(1, 20, {{5, 4, kUint32}});
  b.compressed(1, 31, {100}, {4});
  // The session has no start_time and no timestamp of its own: its end is the compressed time.
  b.define(2, 18, {{5, 1, kEnum}, {7, 4, kUint32}, {9, 4, kUint32}});
  b.compressed(2, 2, {2, 60'000, 50'000}, {1, 4, 4});
  const ActivityFile file = parse_fit(b.file(), options());
  REQUIRE(file.sessions.size() == 1);
  const Session& s = file.sessions[0];
  CHECK(s.type == ActivityType::bike);
  CHECK(*s.seconds == 60);
  CHECK(*s.metres == 500.0);
  // End: full + 1 + 3 = full + 4; start 60 s before.
  CHECK(*s.meta.source == fmt::format("fit:{}", format_utc(kFitEpoch + full + 4.0 - 60)));
}

TEST_CASE("FIT: developer fields are skipped by their sizes") {
  FitBuilder b;
  add_file_id(b);
  b.define(1, 18, kSessionFields, false, {3, 5});
  SessionValues first;
  b.data(1,
         {fit_time(first.start) + 3000, fit_time(first.start), 1, 0, 3'000'000, 2'900'000, 1'000'000, 150, 171, 84, 123},
         kSessionSizes, std::string(8, '\x7F'));
  SessionValues second;
  second.start = k2024_05_01_0700 + 7200;
  b.data(1, {fit_time(second.start) + 3000, fit_time(second.start), 2, 7, 3'000'000, 2'900'000, 2'500'000, 150, 171, 84, 123},
         kSessionSizes, std::string(8, '\x7F'));
  const ActivityFile file = parse_fit(b.file(), options());
  REQUIRE(file.sessions.size() == 2);
  CHECK(file.sessions[0].type == ActivityType::run);
  CHECK(*file.sessions[0].metres == 10000.0);
  CHECK(file.sessions[1].type == ActivityType::bike);
  CHECK(*file.sessions[1].metres == 25000.0);
  CHECK(*file.sessions[1].start_time == "09:00:00");
}

TEST_CASE("FIT: a triathlon gives one entry per sport, transitions left out") {
  FitBuilder b;
  add_file_id(b);
  b.define(1, 18, kSessionFields);
  const std::uint32_t t0 = k2024_05_01_0700;
  add_session(b, 1, {t0, 5, 18, 1'800'000, 1'800'000, 150'000});                  // open-water swim
  add_session(b, 1, {t0 + 1800, 3, 0, 120'000, 120'000, 30'000});                 // transition
  add_session(b, 1, {t0 + 1920, 2, 7, 3'600'000, 3'600'000, 4'000'000});          // road ride
  add_session(b, 1, {t0 + 5520, 18, 34, 60'000, 60'000, 10'000});                 // a bike-to-run transition
  add_session(b, 1, {t0 + 5580, 1, 0, 2'400'000, 2'400'000, 1'000'000});          // run
  const ActivityFile file = parse_fit(b.file(), options());
  REQUIRE(file.sessions.size() == 3);
  CHECK(file.sessions[0].type == ActivityType::swim);
  CHECK(*file.sessions[0].metres == 1500.0);
  CHECK(file.sessions[1].type == ActivityType::bike);
  CHECK(*file.sessions[1].metres == 40000.0);
  CHECK(file.sessions[2].type == ActivityType::run);
  CHECK(*file.sessions[2].seconds == 2400);
  CHECK(*file.sessions[2].meta.source == fmt::format("fit:{}", format_utc(t0 + 5580)));
}

TEST_CASE("FIT: invalid values mean not recorded; unknown sports are never runs") {
  FitBuilder b;
  add_file_id(b);
  b.define(1, 18, kSessionFields);
  SUBCASE("no distance recorded") {
    add_session(b, 1, {k2024_05_01_0700, 1, 0, 3'000'000, 3'000'000, 0xFFFFFFFF});
    const ActivityFile file = parse_fit(b.file(), options());
    REQUIRE(file.sessions.size() == 1);
    CHECK_FALSE(file.sessions[0].metres);
    CHECK(*file.sessions[0].seconds == 3000);
  }
  SUBCASE("no sport: the type where the file does not say") {
    add_session(b, 1, {k2024_05_01_0700, 0xFF, 0xFF, 3'000'000, 3'000'000, 1'000'000});
    ActivityOptions o = options();
    o.fallback_type = ActivityType::walk;
    const ActivityFile file = parse_fit(b.file(), o);
    CHECK(file.sessions[0].type == ActivityType::walk);
    CHECK(file.warnings.empty());
  }
  SUBCASE("a sport number niggle does not know: other, or --type") {
    add_session(b, 1, {k2024_05_01_0700, 200, 0, 3'000'000, 3'000'000, 1'000'000});
    const ActivityFile file = parse_fit(b.file(), options());
    CHECK(file.sessions[0].type == ActivityType::other);
    CHECK(has_warning(file, "FIT sport 200 is not one niggle knows; recorded as other"));
    ActivityOptions o = options();
    o.type_option = ActivityType::bike;
    CHECK(parse_fit(b.file(), o).sessions[0].type == ActivityType::bike);
  }
  SUBCASE("fitness equipment: the sub-sport decides") {
    add_session(b, 1, {k2024_05_01_0700, 4, 15, 1'800'000, 1'800'000, 0xFFFFFFFF});       // elliptical
    add_session(b, 1, {k2024_05_01_0700 + 3600, 4, 6, 1'800'000, 1'800'000, 1'500'000});  // indoor cycling
    add_session(b, 1, {k2024_05_01_0700 + 7200, 4, 1, 1'800'000, 1'800'000, 500'000});    // treadmill
    const ActivityFile file = parse_fit(b.file(), options());
    REQUIRE(file.sessions.size() == 3);
    CHECK(file.sessions[0].type == ActivityType::elliptical);
    CHECK(file.sessions[1].type == ActivityType::bike);
    CHECK(file.sessions[2].type == ActivityType::run);
  }
}

TEST_CASE("FIT: a field too short for its base type holds no value") {
  FitBuilder b;
  add_file_id(b);
  // total_distance given in 2 bytes though it is a uint32: misaligned, ignored.
  b.define(1, 18, {{2, 4, kUint32}, {5, 1, kEnum}, {7, 4, kUint32}, {9, 2, kUint32}, {16, 1, kSint32}});
  b.data(1, {fit_time(k2024_05_01_0700), 1, 600'000, 0x1234, 0x50}, {4, 1, 4, 2, 1});
  const ActivityFile file = parse_fit(b.file(), options());
  REQUIRE(file.sessions.size() == 1);
  CHECK_FALSE(file.sessions[0].metres);
  CHECK(*file.sessions[0].seconds == 600);
}

TEST_CASE("FIT: files that are not activities, or are broken inside, are refused saying what they are") {
  SUBCASE("a course") {
    FitBuilder b;
    add_file_id(b, 6);
    CHECK(file_error(b.file()) == "is a FIT course (a planned route) file, not an activity; niggle imports FIT activity "
                                  "files only");
  }
  SUBCASE("settings") {
    FitBuilder b;
    add_file_id(b, 2);
    CHECK(file_error(b.file()).find("is a FIT settings file") != std::string::npos);
  }
  SUBCASE("a data message before its definition") {
    FitBuilder b;
    add_file_id(b);
    b.data(3, {1}, {1});
    CHECK(file_error(b.file()).find("local type 3 comes before its definition") != std::string::npos);
  }
  SUBCASE("a message that runs past the end") {
    FitBuilder b;
    add_file_id(b);
    b.define(1, 18, kSessionFields);
    b.raw(std::string("\x01\x02\x03", 3));
    CHECK(file_error(b.file()).find("runs past the end") != std::string::npos);
  }
  SUBCASE("nothing to import") {
    FitBuilder b;
    add_file_id(b);
    CHECK(file_error(b.file()).find("nothing to import") != std::string::npos);
  }
}

TEST_CASE("FIT: a file without sessions is read from its records") {
  FitBuilder b;
  add_file_id(b);
  b.define(0, 20, {{253, 4, kUint32}, {5, 4, kUint32}});
  b.data(0, {fit_time(k2024_05_01_0700), 0}, {4, 4});
  b.data(0, {fit_time(k2024_05_01_0700) + 1200, 400'000}, {4, 4});
  ActivityOptions o = options();
  o.fallback_type = ActivityType::run;
  const ActivityFile file = parse_fit(b.file(), o);
  REQUIRE(file.sessions.size() == 1);
  CHECK(*file.sessions[0].metres == 4000.0);
  CHECK(*file.sessions[0].seconds == 1200);
  CHECK(has_warning(file, "no session message"));
}

// The real files, against the session totals Garmin's FIT SDK reads from them.
namespace {
void check_real(const std::string& name, ActivityType type, double km, std::int64_t elapsed, std::int64_t timer) {
  const std::string bytes = fixture(name);
  CHECK(detect_activity_format(bytes) == ActivityFormat::fit);
  const ActivityFile file = parse_fit(bytes, options());
  REQUIRE(file.sessions.size() == 1);
  const Session& s = file.sessions[0];
  CHECK(s.type == type);
  REQUIRE(s.metres);
  CHECK_MESSAGE(within_half_percent(*s.metres, km * 1000), *s.metres);
  CHECK(*s.seconds == elapsed);
  ActivityOptions moving = options();
  moving.moving_time = true;
  CHECK(*parse_fit(bytes, moving).sessions[0].seconds == timer);
  CHECK(s.meta.source->rfind("fit:20", 0) == 0);
}
}  // namespace

TEST_CASE("FIT file: Wahoo ELEMNT ride") {
  check_real("2019-02-17-062644-ELEMNT-297E-195-0.fit", ActivityType::bike, 78.941, 23595, 13471);
}
TEST_CASE("FIT file: Garmin fenix 2 run") {
  check_real("activity-small-fenix2-run.fit", ActivityType::run, 9.008, 2832, 2832);
}
TEST_CASE("FIT file: Coros ride with misaligned fields") {
  check_real("coros-pace-2-cycling-misaligned-fields.fit", ActivityType::bike, 32.146, 12719, 11287);
}
TEST_CASE("FIT file: fenix 5 bike") { check_real("garmin-fenix-5-bike.fit", ActivityType::bike, 0.460, 60, 60); }
TEST_CASE("FIT file: fenix 5 run") { check_real("garmin-fenix-5-run.fit", ActivityType::run, 0.158, 57, 57); }
TEST_CASE("FIT file: fenix 5 walk") { check_real("garmin-fenix-5-walk.fit", ActivityType::walk, 0.068, 45, 45); }
TEST_CASE("FIT file: Strava Android app run") {
  // The app's file is shorter than its header says, and broken 7457 bytes into its records;
  // the session it wrote before the records is read, as Garmin's SDK reads it.
  check_real("strava-android-app-201.10-b1218918.fit", ActivityType::run, 11.274, 3558, 3558);
  const ActivityFile file = parse_fit(fixture("strava-android-app-201.10-b1218918.fit"), options());
  CHECK(has_warning(file, "is cut short: its FIT header announces 78236 bytes of records and a CRC, and 78219 bytes "
                          "follow it, and at byte 7457 of its records a data message of local type 11 comes before "
                          "its definition; the sessions read before the cut are imported"));
}
