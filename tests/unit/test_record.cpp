// Records read back from JSON and CSV: accepted exactly when typed input would be.
#include <doctest/doctest.h>

#include "niggle/core/error.hpp"
#include "niggle/core/input.hpp"
#include "niggle/formats/record.hpp"

using namespace niggle;

namespace {
const Date kToday = *Date::from_ymd(2026, 11, 24);

Json session_record() {
  return Json::parse(R"({"id": 3, "uuid": "6F1C2A8E-1111-4222-8333-444455556666", "kind": "session",
    "date": "2026-11-20", "type": "run", "intensity": "long", "distance_km": 4.988966, "duration_s": 1650,
    "pace_s_per_km": 330.7, "planned_km": 16.09344, "rpe": 6, "start_time": "07:15:00", "moving_time_s": 1600,
    "avg_heart_rate": 148, "max_heart_rate": 166, "ascent_m": 42.5, "avg_cadence": 172, "tags": ["b", "a"],
    "note": "ok", "source": "garmin:1", "created_at": "2026-11-20T07:00:00Z", "modified_at": "2026-11-21T07:00:00Z"})");
}
}  // namespace

TEST_CASE("entry_from_record: lifts and sleep") {
  const auto strength = std::get<Session>(entry_from_record(Json::parse(R"({"kind": "session", "date": "2026-11-20",
    "type": "strength", "duration_s": 2400, "lifts": [{"exercise": "deadlift", "sets": 3, "reps": 5, "load": 60,
    "load_unit": "kg"}, "plank:3x1", {"exercise": "row", "sets": 4, "reps": 8, "load": null, "load_unit": null}]})"),
                                                                  kToday));
  REQUIRE(strength.lifts.size() == 3);
  CHECK(lift_text(strength.lifts[0]) == "deadlift:3x5@60kg");
  CHECK(lift_text(strength.lifts[1]) == "plank:3x1");
  CHECK(lift_text(strength.lifts[2]) == "row:4x8");
  // Back through to_json and in again: the same exercises.
  Json record = to_json(Entry{strength});
  record.erase("id");  // never stored: no number yet
  const auto again = std::get<Session>(entry_from_record(record, kToday));
  CHECK(again.lifts == strength.lifts);
  CHECK_THROWS_WITH_AS(entry_from_record(Json::parse(R"({"kind": "session", "date": "2026-11-20", "type": "run",
    "distance_km": 5, "lifts": ["deadlift:3x5"]})"), kToday), doctest::Contains("for strength sessions"), ValueError);
  CHECK_THROWS_WITH_AS(entry_from_record(Json::parse(R"({"kind": "session", "date": "2026-11-20", "type": "strength",
    "duration_s": 60, "lifts": [{"exercise": "deadlift", "sets": 3, "reps": 5, "weight": 60}]})"), kToday),
                       doctest::Contains("unknown field 'weight'"), ValueError);
  const auto pain = std::get<PainEntry>(
      entry_from_record(Json::parse(R"({"kind": "pain", "date": "2026-11-24", "score": 3, "sleep_hours": 6.5})"), kToday));
  CHECK(pain.sleep_hours == 6.5);
  CHECK_THROWS_AS(entry_from_record(Json::parse(R"({"kind": "pain", "date": "2026-11-24", "score": 3, "sleep_hours": 30})"), kToday),
                  ValueError);
}

TEST_CASE("entry_from_record") {
  SUBCASE("a full session record, as to_json writes it") {
    const auto session = std::get<Session>(entry_from_record(session_record(), kToday));
    CHECK(session.meta.id == 3);
    CHECK(session.meta.uuid == "6f1c2a8e-1111-4222-8333-444455556666");  // normalised to lower case
    CHECK(*session.metres == 4988.966);
    CHECK(*session.seconds == 1650);
    CHECK(*session.planned_metres == 16093.44);
    CHECK(session.intensity == Intensity::long_run);
    CHECK(session.rpe == 6);
    CHECK(session.start_time == "07:15:00");
    CHECK(session.meta.tags == std::vector<std::string>{"a", "b"});
    CHECK(session.meta.source == "garmin:1");
    CHECK(session.meta.modified_at == "2026-11-21T07:00:00Z");
    // and back again, field for field
    Json again = to_json(Entry{session});
    Json original = session_record();
    original["uuid"] = session.meta.uuid;
    original["tags"] = {"a", "b"};
    original["pace_s_per_km"] = again["pace_s_per_km"];
    original.erase("tags");
    original.erase("note");
    original.erase("source");
    original.erase("created_at");
    original.erase("modified_at");
    original["lifts"] = Json::array();
    original["tags"] = {"a", "b"};
    original["note"] = "ok";
    original["source"] = "garmin:1";
    original["created_at"] = "2026-11-20T07:00:00Z";
    original["modified_at"] = "2026-11-21T07:00:00Z";
    CHECK(again == original);
  }
  SUBCASE("a pain record with only what it needs") {
    const auto pain = std::get<PainEntry>(
        entry_from_record(Json::parse(R"({"kind": "pain", "date": "2026-11-24", "score": "6/10", "symptoms": ["tingling"]})"), kToday));
    CHECK(pain.score == 6);
    CHECK(pain.symptoms == std::vector<Symptom>{Symptom::tingling});
    CHECK(pain.meta.uuid.empty());
    CHECK(pain.meta.created_at.empty());
  }
  SUBCASE("the rules of typed input apply") {
    const auto rejects = [](const char* text, const char* message) {
      CAPTURE(text);
      CHECK_THROWS_WITH_AS(entry_from_record(Json::parse(text), kToday), doctest::Contains(message), ValueError);
    };
    rejects(R"({"kind": "pain", "date": "2026-11-24", "score": 11})", "out of range");
    rejects(R"({"kind": "pain", "date": "2026-11-24"})", "'score' is missing");
    rejects(R"({"kind": "pain", "date": "2026-11-25", "score": 2})", "in the future");
    rejects(R"({"kind": "pain", "date": "2026-02-30", "score": 2})", "not a date");
    rejects(R"({"kind": "pain", "date": "2026-11-24", "score": 2, "where": "elbow"})", "unknown --where 'elbow'");
    rejects(R"({"kind": "pain", "date": "2026-11-24", "score": 2, "rpe": 4})", "'rpe' does not apply to a pain entry");
    rejects(R"({"kind": "session", "date": "2026-11-24", "type": "run"})", "needs a distance, a duration or both");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": -5})", "negative");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": 5, "type": "strength"})", "has no distance");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": 5, "score": 3})", "'score' does not apply");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": 5, "tags": ["a b"]})", "tag 'a b'");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": 5, "uuid": "nope"})", "not a UUID");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": 5, "created_at": "yesterday"})", "not a UTC time");
    rejects(R"({"kind": "session", "date": "2026-11-24", "distance_km": 5, "colour": "red"})", "unknown field 'colour'");
    rejects(R"({"kind": "run", "date": "2026-11-24"})", "kind 'run' is not 'session', 'pain', 'visit' or 'plan'");
    rejects(R"({"kind": "session", "date": "2026-11-24", "duration_s": 60,
               "created_at": "2026-11-24T10:00:00Z", "modified_at": "2026-11-23T10:00:00Z"})", "before created_at");
    rejects(R"([1])", "must be a JSON object");
  }
}

TEST_CASE("csv_fields and record_from_csv round trip") {
  const Entry entry = entry_from_record(session_record(), kToday);
  const std::vector<std::string> header(csv_columns().begin(), csv_columns().end());
  const std::vector<std::string> row = csv_fields(entry);
  REQUIRE(row.size() == header.size());
  CHECK(row[6] == "4.988966");
  CHECK(row[12] == "1600");
  CHECK(row[15] == "42.5");
  CHECK(row[24] == "a,b");  // tags, after the watch figures and the visit column
  const Entry back = entry_from_record(record_from_csv(header, row), kToday);
  CHECK(to_json(back) == to_json(entry));
  CHECK_THROWS_AS(record_from_csv(header, std::vector<std::string>{"1"}), ValueError);
}

TEST_CASE("is_utc_timestamp and is_uuid") {
  CHECK(is_utc_timestamp("2026-11-24T18:03:12Z"));
  CHECK_FALSE(is_utc_timestamp("2026-11-24T24:03:12Z"));
  CHECK_FALSE(is_utc_timestamp("2026-02-30T18:03:12Z"));
  CHECK_FALSE(is_utc_timestamp("2026-11-24 18:03:12"));
  CHECK(is_uuid("6f1c2a8e-1111-4222-8333-444455556666"));
  CHECK_FALSE(is_uuid("6f1c2a8e-1111-4222-8333-44445555666"));
  CHECK_FALSE(is_uuid("6F1C2A8E-1111-4222-8333-444455556666"));
}
