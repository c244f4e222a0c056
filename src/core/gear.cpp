#include "niggle/core/gear.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"
#include "niggle/core/units.hpp"

namespace niggle {

std::string parse_gear_name(std::string_view text) {
  const std::string_view name = trim(text);
  if (name.empty()) throw ValueError("a gear name is empty; give a name such as \"Pegasus 40\"");
  if (find_invalid_utf8(name)) throw ValueError(fmt::format("gear name '{}' is not valid UTF-8", printable(name)));
  if (name.size() > kMaxGearNameBytes) {
    throw ValueError(fmt::format("gear name '{}' is longer than {} bytes", printable(name), kMaxGearNameBytes));
  }
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      throw ValueError(fmt::format("gear name '{}' holds a control character", printable(name)));
    }
  }
  if (without_hidden_controls(name) != name) {
    throw ValueError(fmt::format("gear name '{}' holds an invisible control character", printable(name)));
  }
  return std::string{name};
}

bool same_gear_name(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

const GearItem* find_gear(std::span<const GearItem> items, std::string_view name) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const GearItem& item) { return same_gear_name(item.name, name); });
  return it == items.end() ? nullptr : &*it;
}

const GearItem& require_gear(std::span<const GearItem> items, std::string_view name) {
  if (const GearItem* item = find_gear(items, name)) return *item;
  if (items.empty()) {
    throw NotFoundError(fmt::format("no gear is named '{}'; the journal has none yet: `niggle gear add NAME` adds it",
                                    printable(name)));
  }
  std::vector<std::string> lowered;
  for (const GearItem& item : items) lowered.push_back(ascii_lower(item.name));
  const std::vector<std::string_view> candidates(lowered.begin(), lowered.end());
  std::string message = fmt::format("no gear is named '{}'", printable(name));
  if (auto guess = closest_match(ascii_lower(name), candidates)) {
    const auto at = std::find(lowered.begin(), lowered.end(), *guess) - lowered.begin();
    message += fmt::format(" (did you mean '{}'?)", items[static_cast<std::size_t>(at)].name);
  } else {
    std::vector<std::string> names;
    for (const GearItem& item : items) names.push_back(item.name);
    message += fmt::format("; the journal has: {}", printable(join(names, ", "), 200));
  }
  throw NotFoundError(message);
}

const GearItem* default_gear(std::span<const GearItem> items, ActivityType type) {
  for (const GearItem& item : items) {
    if (item.is_default && !item.retired_on && item.type.value_or(ActivityType::run) == type) return &item;
  }
  return nullptr;
}

std::vector<GearUsage> gear_usage(std::span<const GearItem> items, std::span<const Session> sessions) {
  std::vector<GearUsage> usage(items.size());
  for (const Session& session : sessions) {
    if (!session.gear) continue;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!same_gear_name(items[i].name, *session.gear)) continue;
      GearUsage& u = usage[i];
      u.metres += session.metres.value_or(0);
      ++u.sessions;
      if (!u.first_use || session.meta.date < *u.first_use) u.first_use = session.meta.date;
      if (!u.last_use || *u.last_use < session.meta.date) u.last_use = session.meta.date;
      break;
    }
  }
  return usage;
}

std::vector<GearUsage> gear_usage(std::span<const GearItem> items, std::span<const GearNameTotals> totals) {
  std::vector<GearUsage> usage(items.size());
  for (const GearNameTotals& name : totals) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!same_gear_name(items[i].name, name.name)) continue;
      GearUsage& u = usage[i];
      u.metres += name.usage.metres;
      u.sessions += name.usage.sessions;
      if (name.usage.first_use && (!u.first_use || *name.usage.first_use < *u.first_use)) u.first_use = name.usage.first_use;
      if (name.usage.last_use && (!u.last_use || *u.last_use < *name.usage.last_use)) u.last_use = name.usage.last_use;
      break;
    }
  }
  return usage;
}

bool watches_retirement(std::span<const GearItem> items) {
  return std::any_of(items.begin(), items.end(),
                     [](const GearItem& item) { return item.retire_at_metres && !item.retired_on; });
}

std::optional<double> metres_to_retirement(const GearItem& item, const GearUsage& usage) {
  if (!item.retire_at_metres) return std::nullopt;
  return *item.retire_at_metres - usage.metres;
}

bool crosses_retirement(const GearItem& item, double metres_before, double added) {
  if (!item.retire_at_metres || added <= 0) return false;
  return metres_before < *item.retire_at_metres && metres_before + added >= *item.retire_at_metres;
}

std::vector<GearNotice> gear_near_retirement(std::span<const GearItem> items, std::span<const GearUsage> usage) {
  std::vector<GearNotice> notices;
  for (std::size_t i = 0; i < items.size() && i < usage.size(); ++i) {
    if (items[i].retired_on) continue;
    const auto left = metres_to_retirement(items[i], usage[i]);
    if (left && *left <= kGearNearRetirementMetres) notices.push_back({items[i], usage[i], *left});
  }
  return notices;
}

std::string describe(const GearNotice& notice, DistanceUnit unit) {
  const std::string name = without_hidden_controls(notice.item.name);
  const std::string limit = format_distance(*notice.item.retire_at_metres, unit);
  if (notice.metres_left <= 0) {
    return fmt::format("Gear: '{}' has gone {}, past its retirement at {}; `niggle gear retire` when it is replaced.", name,
                       format_distance(notice.usage.metres, unit), limit);
  }
  return fmt::format("Gear: '{}' has {} left before its retirement at {}.", name, format_distance(notice.metres_left, unit),
                     limit);
}

Json gear_to_json(const GearItem& item) {
  Json json = json_object(7);
  json["name"] = item.name;
  json["type"] = item.type ? Json(std::string{to_string(*item.type)}) : Json(nullptr);
  json["retire_at_km"] = item.retire_at_metres ? Json(json_km(*item.retire_at_metres)) : Json(nullptr);
  json["default"] = item.is_default;
  json["retired_on"] = item.retired_on ? Json(item.retired_on->iso()) : Json(nullptr);
  json["created_at"] = item.created_at;
  json["modified_at"] = item.modified_at;
  return json;
}

GearItem gear_from_json(const Json& record) {
  if (!record.is_object()) throw ValueError(fmt::format("a gear record must be a JSON object, not {}", record.type_name()));
  static constexpr std::string_view kFields[] = {"name", "type", "retire_at_km", "default", "retired_on", "created_at",
                                                 "modified_at"};
  for (const auto& [key, value] : record.items()) {
    if (std::find(std::begin(kFields), std::end(kFields), key) == std::end(kFields)) {
      throw ValueError(fmt::format("unknown gear field '{}'", printable(key)));
    }
  }
  const auto string_of = [&](std::string_view key) -> std::optional<std::string> {
    const auto it = record.find(key);
    if (it == record.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw ValueError(fmt::format("gear field '{}' must be a string, not {}", key, it->type_name()));
    return it->get<std::string>();
  };
  GearItem item;
  const auto name = string_of("name");
  if (!name) throw ValueError("a gear record has no 'name'");
  item.name = parse_gear_name(*name);
  if (auto type = string_of("type")) item.type = parse_name<ActivityType>(*type);
  if (const auto it = record.find("retire_at_km"); it != record.end() && !it->is_null()) {
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() <= 0 ||
        it->get<double>() * 1000 > kMaxDistanceMetres * 100) {
      throw ValueError(fmt::format("gear '{}': retire_at_km must be a positive number of kilometres", printable(item.name)));
    }
    item.retire_at_metres = round_to_millimetre(it->get<double>() * 1000);
  }
  if (const auto it = record.find("default"); it != record.end() && !it->is_null()) {
    if (!it->is_boolean()) throw ValueError(fmt::format("gear '{}': default must be true or false", printable(item.name)));
    item.is_default = it->get<bool>();
  }
  if (auto retired = string_of("retired_on")) {
    item.retired_on = try_parse_iso_date(*retired);
    if (!item.retired_on) {
      throw ValueError(fmt::format("gear '{}': retired_on '{}' is not a date YYYY-MM-DD", printable(item.name), printable(*retired)));
    }
  }
  item.created_at = string_of("created_at").value_or("");
  item.modified_at = string_of("modified_at").value_or(item.created_at);
  return item;
}

}  // namespace niggle
