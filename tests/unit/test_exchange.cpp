// Export and import formats on real files: deterministic exports, lossless round trips,
// formats told apart by content, and rejections that name the record.
#include <doctest/doctest.h>
#include <sstream>

#include "niggle/core/error.hpp"
#include "niggle/store/sources.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::TempDir;

namespace {
const Date kToday = *Date::from_ymd(2026, 11, 24);

ImportSource text_source(std::string contents) { return {"test", {}, std::move(contents)}; }

void fill(Journal& journal) {
  Session session;
  session.meta.date = kToday.minus_days(1);
  session.metres = 10000;
  session.seconds = 3300;
  session.meta.note = "line one\nline \"two\", with a comma";
  session.meta.tags = {"long", "trail"};
  journal.add(session);
  PainEntry pain;
  pain.meta.date = kToday;
  pain.score = 4;
  pain.where = {Location::lower_back};
  pain.symptoms = {Symptom::tingling, Symptom::numbness};
  journal.add(pain);
  const PainEntry gone = journal.add(pain);
  const std::int64_t id[] = {gone.meta.id};
  journal.remove(id);
}

void import_all(Journal& journal, const std::string& document) {
  const ImportBatch batch = read_import(text_source(document), kToday);
  REQUIRE(batch.rejections.empty());
  journal.merge(std::vector<MergeSource>{{batch.entries, batch.removals}}, "test");
}
}  // namespace

TEST_CASE("export, import into an empty journal, export again: the same bytes") {
  TempDir dir;
  Journal journal = Journal::open(dir / "a.db", Journal::Access::write);
  fill(journal);
  for (const ExportFormat format : {ExportFormat::json, ExportFormat::csv}) {
    CAPTURE(static_cast<int>(format));
    const std::string first = export_document(journal, format);
    CHECK(first == export_document(journal, format));  // deterministic
    Journal copy = Journal::open(dir / (format == ExportFormat::json ? "json.db" : "csv.db"), Journal::Access::write);
    import_all(copy, first);
    if (format == ExportFormat::json) {
      CHECK(export_document(copy, format) == first);
      CHECK(copy.removals().size() == 1);
    } else {
      CHECK(export_document(copy, format) == first);  // CSV carries no removals, and the ids are kept
    }
  }
  const Json document = Json::parse(export_document(journal, ExportFormat::json));
  CHECK(document["format"] == "niggle-journal");
  CHECK(document["version"] == 1);
  CHECK(document["entries"].size() == 2);
  CHECK(document["entries"][0]["date"] == "2026-11-23");  // oldest first
  CHECK(document["removed"].size() == 1);
}

TEST_CASE("read_import recognises formats by content") {
  CHECK(read_import(text_source(R"({"format": "niggle-journal", "version": 1, "entries": []})"), kToday).format ==
        "niggle JSON");
  CHECK(read_import(text_source(R"([{"kind": "pain", "date": "2026-11-24", "score": 1}])"), kToday).format ==
        "niggle JSON records");
  CHECK(read_import(text_source("\xEF\xBB\xBF" "kind,date,score\r\npain,2026-11-24,3\r\n"), kToday).format ==
        "niggle CSV");
  CHECK_THROWS_WITH_AS(read_import(text_source("hello\n"), kToday), doctest::Contains("in no format niggle reads"),
                       FileError);
  CHECK_THROWS_WITH_AS(read_import(text_source(""), kToday), doctest::Contains("is empty"), FileError);
  CHECK_THROWS_WITH_AS(read_import(text_source(R"({"format": "other"})"), kToday),
                       doctest::Contains("not a niggle export"), FileError);
  CHECK_THROWS_WITH_AS(read_import(text_source(R"({"format": "niggle-journal", "version": 9})"), kToday),
                       doctest::Contains("newer niggle"), FileError);
  CHECK_THROWS_WITH_AS(read_import(text_source("{\"format\": "), kToday), doctest::Contains("not valid JSON"), FileError);
  CHECK_THROWS_WITH_AS(read_import(text_source("kind,date,colour\n"), kToday), doctest::Contains("unknown column 'colour'"),
                       FileError);
  const std::string sqlite_header("SQLite format 3\0 and more", 25);
  CHECK_THROWS_WITH_AS(read_import(text_source(sqlite_header), kToday), doctest::Contains("standard input"), FileError);
}

TEST_CASE("each reader refuses hostile files with a message fit for a terminal") {
  // Found by the json_import and import fuzz targets: JSON's parse error quoted the bytes it
  // had read, invalid UTF-8 included, straight into the message.
  try {
    read_import(text_source("[{\"kind\":\"pain\",\"date\":\"2026\xE3" "11-24\"}]"), kToday);
    FAIL("invalid UTF-8 in JSON is refused");
  } catch (const FileError& e) {
    const std::string message = e.what();
    CHECK(message.find("not valid JSON") != std::string::npos);
    CHECK(message.find("\\xe3") != std::string::npos);
    CHECK(!find_invalid_utf8(message));
  }
  // Found by the json_import fuzz target: a number too large for a double is not a parse
  // error to nlohmann::json but an out_of_range exception, which escaped as an internal error.
  CHECK_THROWS_WITH_AS(read_import(text_source("[{\"kind\": \"pain\", \"score\": 1E400}]"), kToday),
                       doctest::Contains("not valid JSON: [json.exception.out_of_range.406] number overflow"), FileError);
  // Found by the csv_import fuzz target: the CSV reader given an empty file read a header
  // that was not there (undefined behaviour); import never sent it one, but it is public.
  for (const ImportFormat& format : import_formats()) {
    if (format.name != "niggle CSV") continue;
    ImportOptions options;
    options.today = kToday;
    CHECK_THROWS_WITH_AS(format.read(text_source(""), options), doctest::Contains("is empty"), FileError);
  }
}

TEST_CASE("read_import names each rejected record and its reason") {
  const ImportBatch csv = read_import(text_source("kind,date,score,distance_km\n"
                                                  "pain,2026-11-24,3,\n"
                                                  "pain,2026-11-24,11,\n"
                                                  "\n"
                                                  "session,2026-11-24,,-5\n"),
                                      kToday);
  CHECK(csv.records == 3);
  CHECK(csv.entries.size() == 1);
  REQUIRE(csv.rejections.size() == 2);
  CHECK(csv.rejections[0].where == "line 3");
  CHECK(csv.rejections[0].reason.find("pain score '11' is out of range") != std::string::npos);
  CHECK(csv.rejections[1].where == "line 5");

  const ImportBatch json = read_import(text_source(R"({"format": "niggle-journal", "version": 1, "entries": [
      {"uuid": "6f1c2a8e-1111-4222-8333-444455556666", "kind": "pain", "date": "2026-11-24", "score": 1},
      {"uuid": "6f1c2a8e-1111-4222-8333-444455556666", "kind": "pain", "date": "2026-11-24", "score": 2}],
      "removed": [{"uuid": "x"}]})"),
                                       kToday);
  REQUIRE(json.rejections.size() == 2);
  CHECK(json.rejections[0].where == "record 2");
  const ImportBatch sources = read_import(text_source("kind,date,score,source\n"
                                                      "pain,2026-11-24,1,app:7\n"
                                                      "pain,2026-11-24,2,app:7\n"),
                                          kToday);
  REQUIRE(sources.rejections.size() == 1);
  CHECK(sources.rejections[0].reason == "source 'app:7' appears twice (first in line 2)");
  CHECK(json.rejections[0].reason.find("appears twice (first in record 1)") != std::string::npos);
  CHECK(json.rejections[1].where == "removal 1");
}

TEST_CASE("load_import_source") {
  TempDir dir;
  std::istringstream in("from stdin");
  CHECK(load_import_source("-", in).contents == "from stdin");
  CHECK(load_import_source("-", in).path.empty());
  CHECK_THROWS_WITH_AS(load_import_source((dir / "missing.json").string(), in), doctest::Contains("no such file"),
                       FileError);
  CHECK_THROWS_WITH_AS(load_import_source(dir.path().string(), in), doctest::Contains("is a directory"), FileError);
}
