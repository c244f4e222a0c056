#include <doctest/doctest.h>

#include "niggle/core/format.hpp"

using namespace niggle;

namespace {
Session sample_session() {
  Session s;
  s.meta.id = 12;
  s.meta.uuid = "0b6b1d1e-8d0c-4d3f-9a51-2f8c1f0e5a77";
  s.meta.date = *Date::from_ymd(2026, 11, 24);
  s.meta.created_at = s.meta.modified_at = "2026-11-24T18:00:00Z";
  s.type = ActivityType::run;
  s.intensity = Intensity::easy;
  s.metres = 4988.966;  // 3.1 mi
  s.seconds = 1650;
  return s;
}
}  // namespace

TEST_CASE("describe") {
  Session s = sample_session();
  CHECK(describe(s, DistanceUnit::mi) == "#12 Tue 2026-11-24 run (easy): 3.10 mi in 27:30, 8:52 /mi");
  s.planned_metres = 16093.44;
  s.rpe = 3;
  s.meta.tags = {"hot"};
  CHECK(describe(s, DistanceUnit::km) ==
        "#12 Tue 2026-11-24 run (easy): 4.99 km in 27:30, 5:31 /km, of 16.09 km planned, RPE 3 +hot");
  s.type = ActivityType::bike;
  s.metres = 30000;
  s.seconds = 3600;
  s.planned_metres.reset();
  s.rpe.reset();
  s.meta.tags.clear();
  CHECK(describe(s, DistanceUnit::km) == "#12 Tue 2026-11-24 bike (easy): 30.00 km in 1:00:00, 30.0 km/h");
  s.type = ActivityType::swim;
  s.intensity.reset();
  s.metres = 1500;
  s.seconds = 1800;
  CHECK(describe(s, DistanceUnit::km) == "#12 Tue 2026-11-24 swim: 1.50 km in 30:00, 2:00 /100m");

  PainEntry p;
  p.meta.id = 13;
  p.meta.date = *Date::from_ymd(2026, 11, 24);
  p.score = 4;
  CHECK(describe(p) == "#13 Tue 2026-11-24 pain 4/10");
  p.where = {Location::lower_back};
  p.side = Side::left;
  p.walking = Walking::worse;
  p.when = Timing::morning;
  p.symptoms = {Symptom::tingling};
  CHECK(describe(p) == "#13 Tue 2026-11-24 pain 4/10: lower-back, left side, worse walking, morning, symptoms: tingling");
  p.where = {Location::lower_back, Location::hip};
  CHECK(describe(p) == "#13 Tue 2026-11-24 pain 4/10: lower-back+hip, left side, worse walking, morning, symptoms: tingling");
}

TEST_CASE("to_json: the record format") {
  const Json json = to_json(sample_session());
  CHECK(json.dump() ==
        R"({"id":12,"uuid":"0b6b1d1e-8d0c-4d3f-9a51-2f8c1f0e5a77","kind":"session","date":"2026-11-24","type":"run",)"
        R"("intensity":"easy","distance_km":4.988966,"duration_s":1650,"pace_s_per_km":330.7,"planned_km":null,)"
        R"("rpe":null,"start_time":null,"moving_time_s":null,"avg_heart_rate":null,"max_heart_rate":null,)"
        R"("ascent_m":null,"avg_cadence":null,"lifts":[],"gear":null,"plan_uuid":null,"tags":[],"note":null,"source":null,"created_at":"2026-11-24T18:00:00Z",)"
        R"("modified_at":"2026-11-24T18:00:00Z"})");
  PainEntry p;
  p.meta.id = 13;
  p.meta.date = *Date::from_ymd(2026, 11, 24);
  p.score = 4;
  p.symptoms = {Symptom::leg_pain, Symptom::saddle_numbness};
  const Json pain = to_json(p);
  CHECK(pain["kind"] == "pain");
  CHECK(pain["score"] == 4);
  CHECK(pain["where"].is_null());
  CHECK(pain["symptoms"] == Json::array({"leg-pain", "saddle-numbness"}));
  // One location is written as it always was; several as one text, in vocabulary order.
  p.where = {Location::hip};
  CHECK(to_json(p)["where"] == "hip");
  p.where = {Location::lower_back, Location::hip, Location::knee};
  CHECK(to_json(p)["where"] == "lower-back,hip,knee");
}

TEST_CASE("json_km keeps millimetres and prints short decimals") {
  CHECK(Json(json_km(5200)).dump() == "5.2");
  CHECK(Json(json_km(16093.44)).dump() == "16.09344");
  CHECK(Json(json_km(4988.966)).dump() == "4.988966");
  CHECK(json_km(4988.966) * 1000 == doctest::Approx(4988.966));
}
