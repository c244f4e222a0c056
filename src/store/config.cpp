#include "niggle/store/config.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"
#include "niggle/store/sync.hpp"

namespace niggle {
namespace {


std::string where(const std::string& path, const toml::source_region& region) {
  return fmt::format("{}:{}:{}", path, region.begin.line, region.begin.column);
}

std::string expect_string(const toml::node& node, const std::string& path, std::string_view key) {
  if (const auto* value = node.as_string()) return std::string{value->get()};
  throw ConfigError(fmt::format("{}: '{}' must be a string", where(path, node.source()), key));
}

void apply_advice(const toml::table& advice, const std::string& path, LoadedSettings& loaded) {
  for (const auto& [key, node] : advice) {
    const ThresholdKey* found = nullptr;
    for (const auto& threshold : threshold_keys())
      if (threshold.name == key.str()) found = &threshold;
    if (!found) {
      loaded.warnings.push_back(fmt::format("{}: unknown key 'advice.{}' is ignored", where(path, key.source()),
                                            printable(key.str())));
      continue;
    }
    double value = 0;
    if (const auto* integer = node.as_integer()) {
      value = static_cast<double>(integer->get());
    } else if (const auto* floating = node.as_floating_point(); floating && found->double_field) {
      value = floating->get();
    } else {
      throw ConfigError(fmt::format("{}: 'advice.{}' must be {} ({})", where(path, node.source()), found->name,
                                    found->int_field ? "a whole number" : "a number", found->meaning));
    }
    if (!(value >= found->min && value <= found->max)) {
      throw ConfigError(fmt::format("{}: 'advice.{}' is {}; accepted: {} to {} ({})", where(path, node.source()),
                                    found->name, value, found->min, found->max, found->meaning));
    }
    if (found->int_field) {
      loaded.settings.advice.*(found->int_field) = static_cast<int>(value);
    } else {
      loaded.settings.advice.*(found->double_field) = value;
    }
    loaded.origin[fmt::format("advice.{}", found->name)] = "config file";
  }
}

DistanceUnit units_from(std::string_view text, std::string_view origin) {
  if (auto unit = parse_distance_unit(text)) return *unit;
  throw ValueError(fmt::format("{} '{}' is not a unit; accepted: km, mi", origin, printable(text)));
}

}  // namespace

namespace {

// toml++ 3.3 (Debian 12's) reaches __builtin_unreachable, undefined behaviour, when it asks
// whether one of these code points is whitespace, as it does wherever whitespace may stand
// (found by fuzz/fuzz_config.cpp under UBSan). The ranges are those its lookup table sends
// to no case: (c - 0xA0) / 0x3FA is 0, 11 or 63, and c is none of U+00A0, U+3000, U+FEFF.
bool toml_hazard(char32_t c) {
  return (c >= 0xA1 && c <= 0x499) || (c >= 0x2C5E && c <= 0x3057 && c != 0x3000) || (c >= 0xFB26 && c <= 0xFEFE);
}

// The text with each such code point replaced by U+FFFD. None of them means anything to
// niggle's settings, and toml++ counts columns in code points, so every line:column in a
// message stays right. Invalid UTF-8 is left for toml++ to report.
std::string without_toml_hazards(std::string_view text) {
  std::string safe;
  safe.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0xC0 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    const std::string_view sequence = text.substr(i, length);
    if (length == 1 || sequence.size() < length || find_invalid_utf8(sequence)) {
      safe += text[i];  // ASCII, or a byte of invalid UTF-8 that toml++ reports itself
      ++i;
      continue;
    }
    char32_t c = lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(sequence[k]) & 0x3Fu);
    safe += toml_hazard(c) ? std::string_view{"\xEF\xBF\xBD"} : sequence;
    i += length;
  }
  return safe;
}

}  // namespace

void apply_config_text(std::string_view text, const std::string& path, LoadedSettings& loaded) {
  toml::table table;
  try {
    table = toml::parse(without_toml_hazards(text), path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(fmt::format("{}: {}", where(path, e.source()), e.description()));
  }
  for (const auto& [key, node] : table) {
    const std::string name{key.str()};
    if (name == "units") {
      const std::string value = expect_string(node, path, name);
      const auto unit = parse_distance_unit(value);
      if (!unit) {
        throw ConfigError(fmt::format("{}: 'units' is '{}'; accepted: km, mi", where(path, node.source()), printable(value)));
      }
      loaded.settings.units = *unit;
    } else if (name == "week_start") {
      const std::string value = ascii_lower(expect_string(node, path, name));
      if (value != "monday" && value != "sunday") {
        throw ConfigError(fmt::format("{}: 'week_start' is '{}'; accepted: monday, sunday", where(path, node.source()),
                                      printable(value)));
      }
      loaded.settings.week_start = value == "monday" ? Weekday::monday : Weekday::sunday;
    } else if (name == "default_type") {
      const std::string value = expect_string(node, path, name);
      const auto type = try_parse<ActivityType>(value);
      if (!type) {
        throw ConfigError(fmt::format("{}: 'default_type' is '{}'; accepted: {}", where(path, node.source()),
                                      printable(value), join(names_of<ActivityType>(), ", ")));
      }
      loaded.settings.default_type = *type;
    } else if (name == "sync_dir") {
      const std::string value = expect_string(node, path, name);
      if (value.empty()) throw ConfigError(fmt::format("{}: 'sync_dir' is empty; give a folder", where(path, node.source())));
      loaded.sync.dir = value;
    } else if (name == "sync_name") {
      const std::string value = expect_string(node, path, name);
      try {
        check_device_name(value, "'sync_name'");
      } catch (const ValueError& e) {
        throw ConfigError(fmt::format("{}: {}", where(path, node.source()), e.what()));
      }
      loaded.sync.name = value;
    } else if (name == "advice") {
      const auto* advice = node.as_table();
      if (!advice) throw ConfigError(fmt::format("{}: 'advice' must be a table ([advice])", where(path, node.source())));
      apply_advice(*advice, path, loaded);
      continue;
    } else {
      loaded.warnings.push_back(fmt::format("{}: unknown key '{}' is ignored", where(path, key.source()), printable(name)));
      continue;
    }
    loaded.origin[name] = "config file";
  }
  if (loaded.settings.advice.mild_pain >= loaded.settings.advice.severe_pain) {
    throw ConfigError(fmt::format("{}: 'advice.mild_pain' ({}) must be below 'advice.severe_pain' ({})", path,
                                  loaded.settings.advice.mild_pain, loaded.settings.advice.severe_pain));
  }
}

LoadedSettings load_settings(const SettingsSources& sources) {
  LoadedSettings loaded;
  for (const char* key : {"units", "week_start", "default_type", "sync_dir", "sync_name"}) loaded.origin[key] = "default";
  for (const auto& threshold : threshold_keys()) loaded.origin[fmt::format("advice.{}", threshold.name)] = "default";

  if (sources.config_file) {
    const std::string path = sources.config_file->string();
    std::error_code ec;
    const bool exists = std::filesystem::exists(std::filesystem::status(*sources.config_file, ec));
    // Only "no such file" means there is no config. A file that cannot be looked at (a
    // directory without permission, a symbolic link loop) holds settings all the same:
    // going on with the defaults would silently log miles as kilometres.
    if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory) {
      throw ConfigError(fmt::format("config file '{}' cannot be read: {}", path, ec.message()));
    }
    if (!exists && sources.config_file_required) {
      throw ConfigError(fmt::format("config file '{}' does not exist", path));
    }
    if (exists) {
      if (std::filesystem::is_directory(*sources.config_file, ec)) {
        throw ConfigError(fmt::format("config file '{}' is a directory", path));
      }
      std::ifstream in(*sources.config_file, std::ios::binary);
      if (!in.is_open()) {
        throw ConfigError(fmt::format("config file '{}' cannot be read: {}", path, std::strerror(errno)));
      }
      std::ostringstream text;
      text << in.rdbuf();  // an empty file reads nothing, which is fine
      apply_config_text(text.str(), path, loaded);
    }
  }
  if (sources.env_units && !sources.env_units->empty()) {
    loaded.settings.units = units_from(*sources.env_units, "NIGGLE_UNITS");
    loaded.origin["units"] = "NIGGLE_UNITS";
  }
  if (sources.flag_units) {
    loaded.settings.units = units_from(*sources.flag_units, "--units");
    loaded.origin["units"] = "--units";
  }
  return loaded;
}

std::string default_config_text() {
  const Settings defaults;
  std::string text =
      "# niggle configuration. Every key is optional; these are the defaults.\n"
      "units = \"km\"            # km or mi: how distances are shown, and the unit of a bare number\n"
      "week_start = \"monday\"   # monday (ISO weeks) or sunday\n"
      "default_type = \"run\"    # the --type of `niggle log` when none is given\n"
      "# sync_dir = \"~/Sync/niggle\"  # the folder `niggle sync` shares with your other devices\n"
      "# sync_name = \"laptop\"        # this device's name there (default: the host name)\n"
      "\n[advice]\n";
  for (const auto& key : threshold_keys()) {
    const std::string value = key.int_field ? fmt::format("{}", defaults.advice.*(key.int_field))
                                            : fmt::format("{:.2f}", defaults.advice.*(key.double_field));
    text += fmt::format("{:<24} = {:<6} # {}\n", key.name, value, key.meaning);
  }
  return text;
}

}  // namespace niggle
