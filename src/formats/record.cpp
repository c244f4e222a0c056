#include "niggle/formats/record.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

constexpr auto kColumns = std::to_array<std::string_view>({
    "id", "uuid", "kind", "date", "type", "intensity", "distance_km", "duration_s", "pace_s_per_km", "planned_km",
    "rpe", "start_time", "moving_time_s", "avg_heart_rate", "max_heart_rate", "ascent_m", "avg_cadence", "score",
    "where", "side", "walking", "when", "symptoms", "visit", "tags", "note", "source", "created_at", "modified_at",
    "lifts", "sleep_hours", "plan_uuid", "gear",
});
constexpr auto kMetaFields =
    std::to_array<std::string_view>({"id", "uuid", "kind", "date", "tags", "note", "source", "created_at", "modified_at"});
constexpr auto kSessionFields = std::to_array<std::string_view>(
    {"type", "intensity", "distance_km", "duration_s", "pace_s_per_km", "planned_km", "rpe", "start_time", "moving_time_s",
     "avg_heart_rate", "max_heart_rate", "ascent_m", "avg_cadence", "lifts", "gear", "plan_uuid"});
constexpr auto kPainFields =
    std::to_array<std::string_view>({"score", "where", "side", "walking", "when", "symptoms", "sleep_hours"});
constexpr auto kVisitFields = std::to_array<std::string_view>({"visit"});
// A plan shares its fields with sessions: what the session measured is not planned.
constexpr auto kPlanFields = std::to_array<std::string_view>({"type", "intensity", "distance_km", "duration_s"});
constexpr auto kSessionOnlyFields = std::to_array<std::string_view>(
    {"pace_s_per_km", "planned_km", "rpe", "start_time", "moving_time_s", "avg_heart_rate", "max_heart_rate", "ascent_m",
     "avg_cadence", "lifts", "gear", "plan_uuid"});
constexpr auto kListColumns = std::to_array<std::string_view>({"symptoms", "tags", "lifts"});

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_empty_value(const Json& value) {
  return value.is_null() || (value.is_array() && value.empty()) || (value.is_string() && value.get<std::string>().empty());
}

// A number as a plain decimal, at most six places, no exponent: "5.2", "1650".
std::string decimal(double value) {
  std::string text = fmt::format("{:.6f}", value);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// A scalar field as the text a user would have typed; nullopt when absent or null.
std::optional<std::string> text_field(const Json& record, std::string_view name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return fmt::format("{}", it->get<std::int64_t>());
  if (it->is_number()) return decimal(it->get<double>());
  throw ValueError(fmt::format("'{}' must be a string or a number, not {}", name, it->type_name()));
}

std::vector<std::string> list_field(const Json& record, std::string_view name) {
  const auto it = record.find(name);
  if (it == record.end() || it->is_null()) return {};
  if (!it->is_array()) throw ValueError(fmt::format("'{}' must be a list of strings", name));
  std::vector<std::string> items;
  for (const Json& item : *it) {
    if (!item.is_string()) throw ValueError(fmt::format("'{}' must be a list of strings", name));
    items.push_back(item.get<std::string>());
  }
  return items;
}

// "where": one text, "lower-back" as every export before several locations wrote it or
// "lower-back,hip" as CSV and JSON write several; a JSON list of names is read too.
std::vector<std::string> where_field(const Json& record) {
  const auto it = record.find("where");
  if (it == record.end() || it->is_null()) return {};
  std::vector<std::string> names;
  if (it->is_array()) {
    names = list_field(record, "where");
  } else if (it->is_string()) {
    const std::string text = it->get<std::string>();
    std::size_t start = 0;
    for (std::size_t at; (at = text.find(',', start)) != std::string::npos; start = at + 1) names.push_back(text.substr(start, at - start));
    names.push_back(text.substr(start));
  } else {
    throw ValueError("'where' must be a location's name, names separated by commas, or a list of names");
  }
  std::erase_if(names, [](const std::string& name) { return trim(name).empty(); });
  return names;
}

// "lifts": a list of objects as --json writes them ({"exercise", "sets", "reps", "load",
// "load_unit"}) or of strings as --lift takes them ("deadlift:3x5@60kg"), as CSV holds them.
// Either way, each is checked by parse_lift, exactly as typed on the command line.
std::vector<std::string> lift_field(const Json& record) {
  const auto it = record.find("lifts");
  if (it == record.end() || it->is_null()) return {};
  const auto fail = [] {
    return ValueError("'lifts' must be a list of exercises, each {\"exercise\", \"sets\", \"reps\", \"load\", "
                      "\"load_unit\"} or a text such as \"deadlift:3x5@60kg\"");
  };
  if (!it->is_array()) throw fail();
  std::vector<std::string> lifts;
  for (const Json& item : *it) {
    if (item.is_string()) {
      lifts.push_back(item.get<std::string>());
      continue;
    }
    if (!item.is_object()) throw fail();
    for (const auto& [key, value] : item.items()) {
      if (key != "exercise" && key != "sets" && key != "reps" && key != "load" && key != "load_unit") {
        throw ValueError(fmt::format("unknown field '{}' in a lift", printable(key)));
      }
    }
    const auto exercise = text_field(item, "exercise");
    const auto sets = text_field(item, "sets");
    const auto reps = text_field(item, "reps");
    if (!exercise || !sets || !reps) throw ValueError("a lift needs 'exercise', 'sets' and 'reps'");
    std::string text = fmt::format("{}:{}x{}", *exercise, *sets, *reps);
    if (const auto load = text_field(item, "load")) text += fmt::format("@{}{}", *load, text_field(item, "load_unit").value_or(""));
    lifts.push_back(text);
  }
  return lifts;
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(from),
                     text.begin() + static_cast<std::ptrdiff_t>(from + count),
                     [](char c) { return c >= '0' && c <= '9'; });
}

int number_at(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

bool is_clock_time(std::string_view text) {
  return text.size() == 8 && text[2] == ':' && text[5] == ':' && digits(text, 0, 2) && digits(text, 3, 2) &&
         digits(text, 6, 2) && number_at(text, 0, 2) < 24 && number_at(text, 3, 2) < 60 && number_at(text, 6, 2) < 60;
}

void read_meta(const Json& record, EntryMeta& meta) {
  if (auto id = record.find("id"); id != record.end() && !id->is_null()) {
    if (!id->is_number_integer() || id->get<std::int64_t>() <= 0) {
      if (!id->is_string() || id->get<std::string>().empty()) throw ValueError("'id' must be a whole number above 0");
      const std::string text = id->get<std::string>();
      if (!digits(text, 0, text.size()) || text.size() > 15) {
        throw ValueError(fmt::format("'id' '{}' is not a whole number above 0", printable(text)));
      }
      meta.id = std::stoll(text);
    } else {
      meta.id = id->get<std::int64_t>();
    }
  }
  if (auto uuid = text_field(record, "uuid"); uuid && !uuid->empty()) {
    const std::string lower = ascii_lower(*uuid);
    if (!is_uuid(lower)) {
      throw ValueError(fmt::format("uuid '{}' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", printable(*uuid)));
    }
    meta.uuid = lower;
  }
  for (auto [name, field] : {std::pair{"created_at", &meta.created_at}, std::pair{"modified_at", &meta.modified_at}}) {
    if (auto value = text_field(record, name); value && !value->empty()) {
      if (!is_utc_timestamp(*value)) {
        throw ValueError(fmt::format("{} '{}' is not a UTC time such as 2026-11-24T18:03:12Z", name, printable(*value)));
      }
      *field = *value;
    }
  }
  if (meta.modified_at.empty()) meta.modified_at = meta.created_at;
  if (meta.created_at.empty() && !meta.modified_at.empty()) meta.created_at = meta.modified_at;
  if (meta.modified_at < meta.created_at) {
    throw ValueError(fmt::format("modified_at {} is before created_at {}", meta.modified_at, meta.created_at));
  }
  if (auto source = text_field(record, "source"); source && !source->empty()) {
    if (find_invalid_utf8(*source) || source->size() > 1024 ||
        std::any_of(source->begin(), source->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
      throw ValueError(fmt::format("source '{}' must be one line of UTF-8 text of at most 1024 bytes", printable(*source)));
    }
    meta.source = source;
  }
}

void refuse_fields_of_other_kind(const Json& record, std::string_view kind, std::span<const std::string_view> others) {
  for (std::string_view name : others) {
    if (auto it = record.find(name); it != record.end() && !is_empty_value(*it)) {
      throw ValueError(fmt::format("'{}' does not apply to a {} entry", name, kind));
    }
  }
}

}  // namespace

bool is_utc_timestamp(std::string_view t) {
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' || t[19] != 'Z')
    return false;
  if (!digits(t, 0, 4) || !digits(t, 5, 2) || !digits(t, 8, 2) || !digits(t, 11, 2) || !digits(t, 14, 2) ||
      !digits(t, 17, 2))
    return false;
  return try_parse_iso_date(t.substr(0, 10)).has_value() && is_clock_time(t.substr(11, 8));
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

// A measured figure: a whole number (or, for the ascent, a number) in its range.
std::optional<double> measured(const Json& record, std::string_view name, double low, double high, bool whole) {
  const auto text = text_field(record, name);
  if (!text || trim(*text).empty()) return std::nullopt;
  const std::string_view value = trim(*text);
  double number = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(number) || number < low ||
      number > high || (whole && std::floor(number) != number)) {
    throw ValueError(fmt::format("{} '{}' is not {} from {} to {}", name, printable(value), whole ? "a whole number" : "a number",
                                 low, high));
  }
  return number;
}

void read_watch_figures(const Json& record, Session& session) {
  const auto as_int = [](std::optional<double> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
  if (auto moving = measured(record, "moving_time_s", 1, static_cast<double>(kMaxDurationSeconds), true)) {
    session.moving_seconds = static_cast<std::int64_t>(*moving);
  }
  session.avg_heart_rate = as_int(measured(record, "avg_heart_rate", kMinHeartRate, kMaxHeartRate, true));
  session.max_heart_rate = as_int(measured(record, "max_heart_rate", kMinHeartRate, kMaxHeartRate, true));
  if (auto ascent = measured(record, "ascent_m", 0, kMaxAscentMetres, false)) session.ascent_metres = std::round(*ascent * 10) / 10;
  session.avg_cadence = as_int(measured(record, "avg_cadence", 1, kMaxCadence, true));
}

Entry entry_from_record(const Json& record, Date today) {
  if (!record.is_object()) throw ValueError(fmt::format("a record must be a JSON object, not {}", record.type_name()));
  for (const auto& [key, value] : record.items()) {
    if (!contains(kMetaFields, key) && !contains(kSessionFields, key) && !contains(kPainFields, key) &&
        !contains(kVisitFields, key)) {
      throw ValueError(fmt::format("unknown field '{}'", printable(key)));
    }
  }
  const auto kind = text_field(record, "kind");
  if (!kind || kind->empty()) throw ValueError("'kind' is missing; it is 'session', 'pain', 'visit' or 'plan'");
  const auto date = text_field(record, "date");
  if (!date || date->empty()) throw ValueError("'date' is missing");
  if (!try_parse_iso_date(*date)) {
    throw ValueError(fmt::format("date '{}' is not a date in the form YYYY-MM-DD", printable(*date)));
  }
  const auto note = text_field(record, "note");
  try {
    if (*kind == "session") {
      refuse_fields_of_other_kind(record, "session", kPainFields);
      refuse_fields_of_other_kind(record, "session", kVisitFields);
      SessionInput input;
      if (auto km = text_field(record, "distance_km")) input.quantities.push_back(*km + "km");
      if (auto seconds = text_field(record, "duration_s")) input.quantities.push_back(*seconds + "s");
      if (auto planned = text_field(record, "planned_km")) input.planned = *planned + "km";
      input.type = text_field(record, "type");
      if (input.type && input.type->empty()) input.type.reset();
      input.kind = text_field(record, "intensity");
      if (input.kind && input.kind->empty()) input.kind.reset();
      input.rpe = text_field(record, "rpe");
      input.date = date;
      input.note = note;
      input.tags = list_field(record, "tags");
      input.lifts = lift_field(record);
      Session session = make_session(input, DistanceUnit::km, ActivityType::run, today);
      if (auto start = text_field(record, "start_time"); start && !start->empty()) {
        if (!is_clock_time(*start)) throw ValueError(fmt::format("start_time '{}' is not HH:MM:SS", printable(*start)));
        session.start_time = start;
      }
      read_watch_figures(record, session);
      if (auto gear = text_field(record, "gear"); gear && !trim(*gear).empty()) session.gear = parse_gear_name(*gear);
      if (auto plan = text_field(record, "plan_uuid"); plan && !plan->empty()) {
        const std::string lower = ascii_lower(*plan);
        if (!is_uuid(lower)) {
          throw ValueError(fmt::format("plan_uuid '{}' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", printable(*plan)));
        }
        session.plan_uuid = lower;
      }
      read_meta(record, session.meta);
      return session;
    }
    if (*kind == "pain") {
      refuse_fields_of_other_kind(record, "pain", kSessionFields);
      refuse_fields_of_other_kind(record, "pain", kVisitFields);
      PainInput input;
      const auto score = text_field(record, "score");
      if (!score) throw ValueError("'score' is missing; a pain entry has a score from 0 to 10");
      input.score = *score;
      input.where = where_field(record);
      input.side = text_field(record, "side");
      input.walking = text_field(record, "walking");
      input.when = text_field(record, "when");
      for (auto* field : {&input.side, &input.walking, &input.when})
        if (*field && (*field)->empty()) field->reset();
      input.symptoms = list_field(record, "symptoms");
      input.sleep = text_field(record, "sleep_hours");
      input.date = date;
      input.note = note;
      input.tags = list_field(record, "tags");
      PainEntry pain = make_pain(input, today);
      read_meta(record, pain.meta);
      return pain;
    }
    if (*kind == "visit") {
      refuse_fields_of_other_kind(record, "visit", kSessionFields);
      refuse_fields_of_other_kind(record, "visit", kPainFields);
      VisitInput input;
      const auto visit_kind = text_field(record, "visit");
      if (!visit_kind || visit_kind->empty()) {
        throw ValueError("'visit' is missing; a visit entry is physio, doctor, urgent-care or other");
      }
      input.kind = *visit_kind;
      input.date = date;
      input.note = note;
      input.tags = list_field(record, "tags");
      Visit visit = make_visit(input, today);
      read_meta(record, visit.meta);
      return visit;
    }
    if (*kind == "plan") {
      refuse_fields_of_other_kind(record, "plan", kSessionOnlyFields);
      refuse_fields_of_other_kind(record, "plan", kPainFields);
      refuse_fields_of_other_kind(record, "plan", kVisitFields);
      PlanInput input;
      input.day = *date;
      if (auto km = text_field(record, "distance_km")) input.quantities.push_back(*km + "km");
      if (auto seconds = text_field(record, "duration_s")) input.quantities.push_back(*seconds + "s");
      input.type = text_field(record, "type");
      if (input.type && input.type->empty()) input.type.reset();
      input.kind = text_field(record, "intensity");
      if (input.kind && input.kind->empty()) input.kind.reset();
      input.note = note;
      input.tags = list_field(record, "tags");
      Plan plan = make_plan(input, DistanceUnit::km, ActivityType::run, today);
      read_meta(record, plan.meta);
      return plan;
    }
  } catch (const ValueError&) {
    throw;
  } catch (const Error& e) {
    throw ValueError(e.what());  // a usage-style message from the input rules is a bad value here
  }
  throw ValueError(fmt::format("kind '{}' is not 'session', 'pain', 'visit' or 'plan'", printable(*kind)));
}

std::span<const std::string_view> csv_columns() { return kColumns; }

std::vector<std::string> csv_fields(const Entry& entry) {
  const Json json = to_json(entry);
  std::vector<std::string> fields;
  for (std::string_view column : kColumns) {
    const auto it = json.find(column);
    if (it == json.end() || it->is_null()) {
      fields.emplace_back();
    } else if (it->is_string()) {
      fields.push_back(it->get<std::string>());
    } else if (column == "lifts") {
      std::vector<std::string> items;
      for (const Lift& lift : std::get<Session>(entry).lifts) items.push_back(lift_text(lift));
      fields.push_back(join(items, ","));
    } else if (it->is_array()) {
      std::vector<std::string> items;
      for (const Json& item : *it) items.push_back(item.get<std::string>());
      fields.push_back(join(items, ","));
    } else {
      fields.push_back(it->dump());
    }
  }
  return fields;
}

Json record_from_csv(std::span<const std::string> header, std::span<const std::string> row) {
  if (row.size() != header.size()) {
    throw ValueError(fmt::format("the row has {} cells and the header {}", row.size(), header.size()));
  }
  Json record = json_object(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& name = header[i];
    const std::string& cell = row[i];
    if (contains(kListColumns, name)) {
      Json items = Json::array();
      if (!trim(cell).empty()) {
        std::size_t start = 0;
        for (std::size_t at; (at = cell.find(',', start)) != std::string::npos; start = at + 1)
          items.push_back(std::string{trim(std::string_view(cell).substr(start, at - start))});
        items.push_back(std::string{trim(std::string_view(cell).substr(start))});
      }
      record[name] = items;
    } else if (name == "note") {
      record[name] = cell.empty() ? Json(nullptr) : Json(cell);  // a note keeps its spaces
    } else {
      const std::string_view value = trim(cell);
      record[name] = value.empty() ? Json(nullptr) : Json(std::string{value});
    }
  }
  return record;
}

}  // namespace niggle
