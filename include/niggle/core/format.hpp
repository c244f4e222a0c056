#pragma once
// How entries look: one human line each, and one JSON object each (the record format that
// `--json`, `list` and `export` share). JSON distances are kilometres whatever the display unit.
#include <nlohmann/json.hpp>
#include <string>

#include "niggle/core/entry.hpp"
#include "niggle/core/units.hpp"

namespace niggle {

using Json = nlohmann::ordered_json;  // keys keep the order written: stable output for scripts

// An empty object with room for `fields` keys. Its keys live in a vector (that keeps their
// order), which would otherwise grow, and move every value, five times on the way to the
// twenty fields of a record: a tenth of an import's time went there.
inline Json json_object(std::size_t fields) {
  Json object = Json::object();
  object.get_ref<Json::object_t&>().reserve(fields);
  return object;
}

// "#12 Tue 2026-11-24 run (easy): 5.00 km in 27:30, 5:30 /km"
std::string describe(const Session& session, DistanceUnit unit);
// "#13 Tue 2026-11-24 pain 4/10: lower-back, left side, worse walking, morning"
std::string describe(const PainEntry& pain);
// "#14 Wed 2026-11-25 visit: doctor"
std::string describe(const Visit& visit);
// "#15 Sat 2026-11-28 plan: run (long) 16.00 km"
std::string describe(const Plan& plan, DistanceUnit unit);
std::string describe(const Entry& entry, DistanceUnit unit);

// The pace or speed that suits the activity: min/km on foot, km/h on a bike, /100 m swimming.
std::string pace_or_speed(const Session& session, DistanceUnit unit);

Json to_json(const Session& session);
Json to_json(const PainEntry& pain);
Json to_json(const Visit& visit);
Json to_json(const Plan& plan);
Json to_json(const Entry& entry);

// Kilometres for JSON: metres / 1000, kept to the millimetre.
double json_km(double metres);

}  // namespace niggle
