// Export and import formats on real files: deterministic exports, lossless round trips,
// formats told apart by content, and rejections that name the record.
#include <doctest/doctest.h>
#include <algorithm>
#include <fmt/format.h>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "niggle/core/csv.hpp"
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

namespace {

// A journal made from a committed export, fresh: its export must give that file's bytes.
Journal journal_from_golden(const TempDir& dir, const std::string& name) {
  Journal journal = Journal::open(dir / name, Journal::Access::write);
  const ImportBatch batch = read_import(text_source(niggle::test::read_file(NIGGLE_TEST_DATA "/export/journal.json")), kToday);
  REQUIRE(batch.rejections.empty());
  journal.merge(std::vector<MergeSource>{{batch.entries, batch.removals, batch.gear}}, "test");
  return journal;
}

std::vector<std::string> uuids_of(std::span<const Entry> entries) {
  std::vector<std::string> uuids;
  for (const Entry& entry : entries) uuids.push_back(meta_of(entry).uuid);
  return uuids;
}

}  // namespace

TEST_CASE("the export, written a row at a time, gives the bytes of the whole-document export") {
  // tests/data/export holds what the niggle of before streaming wrote for this journal:
  // every kind, removals, gear, non-ASCII text, formula cells, entries of four kinds created
  // in the same second.
  TempDir dir;
  const Journal journal = journal_from_golden(dir, "golden.db");
  const std::string json = niggle::test::read_file(NIGGLE_TEST_DATA "/export/journal.json");
  const std::string csv = niggle::test::read_file(NIGGLE_TEST_DATA "/export/journal.csv");
  REQUIRE(json.size() > 5000);
  CHECK(export_document(journal, ExportFormat::json) == json);
  CHECK(export_document(journal, ExportFormat::csv) == csv);
  // The pieces a sink receives, joined, are the same bytes.
  std::string joined;
  std::size_t pieces = 0;
  write_export(journal, ExportFormat::json, [&](std::string_view bytes) {
    joined += bytes;
    ++pieces;
  });
  CHECK(joined == json);
  CHECK(pieces == 1);  // a small journal: one piece
  // And the in-memory form of the same entries agrees.
  CHECK(export_document(journal.all_entries(), journal.removals(), ExportFormat::json, journal.gear()) == json);
  CHECK(export_document(journal.all_entries(), journal.removals(), ExportFormat::csv, journal.gear()) == csv);
}

TEST_CASE("an empty journal's export") {
  TempDir dir;
  Journal journal = Journal::open(dir / "empty.db", Journal::Access::write);
  CHECK(export_document(journal, ExportFormat::json) ==
        "{\n  \"format\": \"niggle-journal\",\n  \"version\": 1,\n  \"entries\": [],\n  \"removed\": [],\n  \"gear\": []\n}\n");
  CHECK(export_document(journal, ExportFormat::csv) == csv_record(std::vector<std::string>(csv_columns().begin(), csv_columns().end())));
  // Only removals, only gear: each list is closed as Json::dump closes it.
  const Removal removal{"5b0f7c7e-3d2a-4f7e-9c55-1e0d8d6c2b11", "2026-11-24T07:12:40Z"};
  GearItem item;
  item.name = "Pegasus 40";
  item.created_at = item.modified_at = "2026-11-01T09:00:00Z";
  Json whole;
  whole["format"] = kExportFormatName;
  whole["version"] = kExportVersion;
  whole["entries"] = Json::array();
  whole["removed"] = Json::array({Json{{"uuid", removal.uuid}, {"removed_at", removal.removed_at}}});
  whole["gear"] = Json::array();
  CHECK(export_document({}, std::span(&removal, 1), ExportFormat::json) == whole.dump(2) + '\n');
  whole["removed"] = Json::array();
  whole["gear"] = Json::array({gear_to_json(item)});
  CHECK(export_document({}, {}, ExportFormat::json, std::span(&item, 1)) == whole.dump(2) + '\n');
}

TEST_CASE("for_each_entry: every entry once, in all_entries' order, across kinds and ties") {
  TempDir dir;
  Journal journal = Journal::open(dir / "many.db", Journal::Access::write);
  // 400 entries of four kinds over five days, created at one of three times each day:
  // many ties on day and time across kinds, broken by UUID.
  std::vector<Entry> entries;
  for (int i = 0; i < 400; ++i) {
    EntryMeta meta;
    meta.uuid = new_uuid();
    meta.date = kToday.minus_days((i * 7) % 5);
    meta.created_at = meta.modified_at = fmt::format("{}T0{}:00:00Z", meta.date.iso(), (i * 13) % 3);
    switch (i % 4) {
      case 0: { Session s; s.meta = meta; s.metres = 1000.0 + i; entries.emplace_back(s); break; }
      case 1: { PainEntry p; p.meta = meta; p.score = i % 11; entries.emplace_back(p); break; }
      case 2: { Visit v; v.meta = meta; entries.emplace_back(v); break; }
      default: { Plan p; p.meta = meta; p.metres = 5000.0; entries.emplace_back(p); break; }
    }
  }
  journal.merge(std::vector<MergeSource>{{entries, {}}}, "test");
  std::vector<Entry> streamed;
  journal.for_each_entry([&](const Entry& entry) { streamed.push_back(entry); });
  const std::vector<Entry> all = journal.all_entries();
  REQUIRE(all.size() == 400);
  CHECK(uuids_of(streamed) == uuids_of(all));
  CHECK(std::is_sorted(streamed.begin(), streamed.end(), [](const Entry& a, const Entry& b) {
    const EntryMeta &x = meta_of(a), &y = meta_of(b);
    return std::tie(x.date, x.created_at, x.uuid) < std::tie(y.date, y.created_at, y.uuid);
  }));
  CHECK(export_document(journal, ExportFormat::json) ==
        export_document(all, journal.removals(), ExportFormat::json, journal.gear()));
  // An exception from the visitor stops the reading and passes through.
  int seen = 0;
  CHECK_THROWS_AS(journal.for_each_entry([&](const Entry&) {
    if (++seen == 3) throw FileError("cannot write the output");
  }),
                  FileError);
  CHECK(seen == 3);
  // Removals, by UUID, as removals() gives them.
  const std::int64_t ids[] = {meta_of(all[5]).id, meta_of(all[1]).id, meta_of(all[300]).id};
  journal.remove(ids);
  std::vector<Removal> removals;
  journal.for_each_removal([&](const Removal& removal) { removals.push_back(removal); });
  CHECK(removals.size() == 3);
  CHECK(removals == journal.removals());
}

TEST_CASE("ExportWriter hands on pieces of bounded size, in the document's order") {
  std::vector<std::size_t> sizes;
  std::string joined;
  ExportWriter writer(ExportFormat::json, [&](std::string_view bytes) {
    sizes.push_back(bytes.size());
    joined += bytes;
  });
  std::vector<Entry> entries;
  for (int i = 0; i < 3000; ++i) {
    Session session;
    session.meta.id = i + 1;
    session.meta.uuid = fmt::format("00000000-0000-4000-8000-{:012}", i);
    session.meta.date = kToday;
    session.meta.created_at = session.meta.modified_at = "2026-11-24T07:00:00Z";
    session.meta.note = "a note, \"quoted\"\nover two lines, with ü";
    session.meta.tags = {"long", "trail"};
    session.metres = 10000;
    entries.emplace_back(session);
    writer.entry(entries.back());
  }
  const Removal removal{"5b0f7c7e-3d2a-4f7e-9c55-1e0d8d6c2b11", "2026-11-24T07:12:40Z"};
  writer.removal(removal);
  CHECK_THROWS_AS(writer.entry(entries.front()), std::logic_error);  // entries come before removals
  writer.finish();
  CHECK(sizes.size() > 10);
  for (const std::size_t size : sizes) CHECK(size < 64 * 1024 + 4096);  // a piece and one entry at most
  CHECK(joined == export_document(entries, std::span(&removal, 1), ExportFormat::json));
  // The reference: one nlohmann document, dumped whole, as exports were made before.
  Json whole;
  whole["format"] = kExportFormatName;
  whole["version"] = kExportVersion;
  whole["entries"] = Json::array();
  for (const Entry& entry : entries) whole["entries"].push_back(to_json(entry));
  whole["removed"] = Json::array({Json{{"uuid", removal.uuid}, {"removed_at", removal.removed_at}}});
  whole["gear"] = Json::array();
  CHECK(joined == whole.dump(2) + '\n');
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
