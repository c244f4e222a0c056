#include "niggle/core/format.hpp"

#include <cmath>
#include <fmt/format.h>

#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

std::string date_label(const EntryMeta& meta) {
  return fmt::format("{} {}", weekday_short_name(meta.date.weekday()), meta.date.iso());
}

std::string tags_suffix(const EntryMeta& meta) {
  if (meta.tags.empty()) return {};
  std::string out;
  for (const auto& tag : meta.tags) out += fmt::format(" +{}", printable(tag, 256));
  return out;
}

Json optional_json(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

template <class E>
Json name_json(const std::optional<E>& value) {
  return value ? Json(std::string{to_string(*value)}) : Json(nullptr);
}

void add_meta(Json& json, const EntryMeta& meta, const char* kind) {
  json["id"] = meta.id;
  json["uuid"] = meta.uuid;
  json["kind"] = kind;
  json["date"] = meta.date.iso();
}

void add_meta_tail(Json& json, const EntryMeta& meta) {
  json["tags"] = meta.tags;
  json["note"] = optional_json(meta.note);
  json["source"] = optional_json(meta.source);
  json["created_at"] = meta.created_at;
  json["modified_at"] = meta.modified_at;
}

}  // namespace

// Whole millimetres divided by 10^6 give the double nearest the decimal value, which JSON
// then prints in its shortest form (5.2, not 5.2000000000000002).
double json_km(double metres) { return std::round(metres * 1000.0) / 1e6; }

std::string pace_or_speed(const Session& session, DistanceUnit unit) {
  if (!session.metres || !session.seconds) return {};
  switch (session.type) {
    case ActivityType::bike: return format_speed(*session.metres, *session.seconds, unit);
    case ActivityType::swim: {
      const auto per_100m = static_cast<std::int64_t>(std::llround(static_cast<double>(*session.seconds) * 100.0 / *session.metres));
      return fmt::format("{} /100m", format_duration(per_100m));
    }
    default: return format_pace(*session.metres, *session.seconds, unit);
  }
}

std::string describe(const Session& session, DistanceUnit unit) {
  std::string line = fmt::format("#{} {} {}", session.meta.id, date_label(session.meta), to_string(session.type));
  if (session.intensity) line += fmt::format(" ({})", to_string(*session.intensity));
  std::vector<std::string> parts;
  if (session.metres && session.seconds) {
    parts.push_back(fmt::format("{} in {}", format_distance(*session.metres, unit), format_duration(*session.seconds)));
    parts.push_back(pace_or_speed(session, unit));
  } else if (session.metres) {
    parts.push_back(format_distance(*session.metres, unit));
  } else if (session.seconds) {
    parts.push_back(format_duration(*session.seconds));
  }
  if (session.planned_metres) parts.push_back(fmt::format("of {} planned", format_distance(*session.planned_metres, unit)));
  if (session.rpe) parts.push_back(fmt::format("RPE {}", *session.rpe));
  if (!session.lifts.empty()) {
    std::vector<std::string> lifts;
    for (const Lift& lift : session.lifts) lifts.push_back(lift_text(lift));
    parts.push_back(join(lifts, " "));
  }
  if (!parts.empty()) line += ": " + join(parts, ", ");
  return line + tags_suffix(session.meta);
}

std::string describe(const PainEntry& pain) {
  std::string line = fmt::format("#{} {} pain {}/10", pain.meta.id, date_label(pain.meta), pain.score);
  std::vector<std::string> parts;
  if (pain.where) parts.emplace_back(to_string(*pain.where));
  if (pain.side) parts.push_back(pain.side == Side::both ? "both sides" : fmt::format("{} side", to_string(*pain.side)));
  if (pain.walking) parts.push_back(fmt::format("{} walking", to_string(*pain.walking)));
  if (pain.when) parts.emplace_back(to_string(*pain.when));
  if (pain.sleep_hours) parts.push_back(fmt::format("slept {:.1f} h", *pain.sleep_hours));
  if (!pain.symptoms.empty()) {
    std::vector<std::string> names;
    for (Symptom symptom : pain.symptoms) names.emplace_back(to_string(symptom));
    parts.push_back(fmt::format("symptoms: {}", join(names, ", ")));
  }
  if (!parts.empty()) line += ": " + join(parts, ", ");
  return line + tags_suffix(pain.meta);
}

std::string describe(const Visit& visit) {
  return fmt::format("#{} {} visit: {}", visit.meta.id, date_label(visit.meta), to_string(visit.kind)) +
         tags_suffix(visit.meta);
}

std::string describe(const Plan& plan, DistanceUnit unit) {
  std::string line = fmt::format("#{} {} plan: {}", plan.meta.id, date_label(plan.meta), to_string(plan.type));
  if (plan.intensity) line += fmt::format(" ({})", to_string(*plan.intensity));
  std::vector<std::string> parts;
  if (plan.metres) parts.push_back(format_distance(*plan.metres, unit));
  if (plan.seconds) parts.push_back(format_duration(*plan.seconds));
  if (!parts.empty()) line += " " + join(parts, " in ");
  return line + tags_suffix(plan.meta);
}

std::string describe(const Entry& entry, DistanceUnit unit) {
  if (const auto* session = std::get_if<Session>(&entry)) return describe(*session, unit);
  if (const auto* visit = std::get_if<Visit>(&entry)) return describe(*visit);
  if (const auto* plan = std::get_if<Plan>(&entry)) return describe(*plan, unit);
  return describe(std::get<PainEntry>(entry));
}

Json to_json(const Session& session) {
  Json json = json_object(29);
  add_meta(json, session.meta, "session");
  json["type"] = std::string{to_string(session.type)};
  json["intensity"] = name_json(session.intensity);
  json["distance_km"] = session.metres ? Json(json_km(*session.metres)) : Json(nullptr);
  json["duration_s"] = session.seconds ? Json(*session.seconds) : Json(nullptr);
  json["pace_s_per_km"] = session.metres && session.seconds
                              ? Json(std::round(static_cast<double>(*session.seconds) * 1000.0 / *session.metres * 10) / 10)
                              : Json(nullptr);
  json["planned_km"] = session.planned_metres ? Json(json_km(*session.planned_metres)) : Json(nullptr);
  json["rpe"] = session.rpe ? Json(*session.rpe) : Json(nullptr);
  json["start_time"] = optional_json(session.start_time);
  const auto number = [](const auto& value) { return value ? Json(*value) : Json(nullptr); };
  json["moving_time_s"] = number(session.moving_seconds);
  json["avg_heart_rate"] = number(session.avg_heart_rate);
  json["max_heart_rate"] = number(session.max_heart_rate);
  json["ascent_m"] = session.ascent_metres ? Json(std::round(*session.ascent_metres * 10) / 10) : Json(nullptr);
  json["avg_cadence"] = number(session.avg_cadence);
  Json lifts = Json::array();
  for (const Lift& lift : session.lifts) {
    Json item = json_object(5);
    item["exercise"] = lift.exercise;
    item["sets"] = lift.sets;
    item["reps"] = lift.reps;
    item["load"] = lift.load ? Json(*lift.load) : Json(nullptr);
    item["load_unit"] = lift.load ? Json(lift.load_unit) : Json(nullptr);
    lifts.push_back(std::move(item));
  }
  json["lifts"] = std::move(lifts);
  add_meta_tail(json, session.meta);
  return json;
}

Json to_json(const PainEntry& pain) {
  Json json = json_object(24);
  add_meta(json, pain.meta, "pain");
  json["score"] = pain.score;
  json["where"] = name_json(pain.where);
  json["side"] = name_json(pain.side);
  json["walking"] = name_json(pain.walking);
  json["when"] = name_json(pain.when);
  Json symptoms = Json::array();
  for (Symptom symptom : pain.symptoms) symptoms.push_back(std::string{to_string(symptom)});
  json["symptoms"] = symptoms;
  json["sleep_hours"] = pain.sleep_hours ? Json(*pain.sleep_hours) : Json(nullptr);
  add_meta_tail(json, pain.meta);
  return json;
}

Json to_json(const Visit& visit) {
  Json json = json_object(12);
  add_meta(json, visit.meta, "visit");
  json["visit"] = std::string{to_string(visit.kind)};
  add_meta_tail(json, visit.meta);
  return json;
}

Json to_json(const Plan& plan) {
  Json json = json_object(15);
  add_meta(json, plan.meta, "plan");
  json["type"] = std::string{to_string(plan.type)};
  json["intensity"] = name_json(plan.intensity);
  json["distance_km"] = plan.metres ? Json(json_km(*plan.metres)) : Json(nullptr);
  json["duration_s"] = plan.seconds ? Json(*plan.seconds) : Json(nullptr);
  add_meta_tail(json, plan.meta);
  return json;
}

Json to_json(const Entry& entry) {
  return std::visit([](const auto& e) { return to_json(e); }, entry);
}

}  // namespace niggle
