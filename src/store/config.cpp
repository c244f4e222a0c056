#include "niggle/store/config.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
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

void apply_log(const toml::table& log, const std::string& path, LoadedSettings& loaded) {
  for (const auto& [key, node] : log) {
    const LimitKey* found = nullptr;
    for (const auto& limit : log_limit_keys())
      if (limit.name == key.str()) found = &limit;
    if (!found) {
      loaded.warnings.push_back(
          fmt::format("{}: unknown key 'log.{}' is ignored", where(path, key.source()), printable(key.str())));
      continue;
    }
    const std::optional<double> value = node.value<double>();
    if (!value || !(node.is_integer() || node.is_floating_point())) {
      throw ConfigError(fmt::format("{}: 'log.{}' must be a number ({})", where(path, node.source()), found->name,
                                    found->meaning));
    }
    if (!(*value >= found->min && *value <= found->max)) {
      throw ConfigError(fmt::format("{}: 'log.{}' is {}; accepted: {} to {} ({})", where(path, node.source()),
                                    found->name, *value, found->min, found->max, found->meaning));
    }
    loaded.settings.log.*(found->field) = *value;
    loaded.origin[fmt::format("log.{}", found->name)] = "config file";
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
    } else if (name == "journal_start") {
      // A TOML date (journal_start = 2026-09-01) or the same as a string.
      std::optional<Date> day;
      if (const auto* date = node.as_date()) {
        day = Date::from_ymd(date->get().year, date->get().month, date->get().day);
      } else if (const auto* string = node.as_string()) {
        day = try_parse_iso_date(string->get());
      }
      if (!day) {
        throw ConfigError(fmt::format("{}: 'journal_start' must be a date such as 2026-09-01", where(path, node.source())));
      }
      loaded.settings.journal_start = day;
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
    } else if (name == "log") {
      const auto* log = node.as_table();
      if (!log) throw ConfigError(fmt::format("{}: 'log' must be a table ([log])", where(path, node.source())));
      apply_log(*log, path, loaded);
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
  for (const char* key : {"units", "week_start", "default_type", "journal_start", "sync_dir", "sync_name"}) loaded.origin[key] = "default";
  for (const auto& threshold : threshold_keys()) loaded.origin[fmt::format("advice.{}", threshold.name)] = "default";
  for (const auto& limit : log_limit_keys()) loaded.origin[fmt::format("log.{}", limit.name)] = "default";

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
      "# journal_start = 2026-09-01  # the journal's first day, for back-filling; default: the first entry's day\n"
      "# sync_dir = \"~/Sync/niggle\"  # the folder `niggle sync` shares with your other devices\n"
      "# sync_name = \"laptop\"        # this device's name there (default: the host name)\n"
      "\n[advice]\n";
  for (const auto& key : threshold_keys()) {
    const std::string value = key.int_field ? fmt::format("{}", defaults.advice.*(key.int_field))
                                            : fmt::format("{:.2f}", defaults.advice.*(key.double_field));
    text += fmt::format("{:<25} = {:<6} # {}\n", key.name, value, key.meaning);
  }
  text += "\n# What `niggle log` refuses as a likely typing slip, unless --force.\n[log]\n";
  for (const auto& key : log_limit_keys()) {
    text += fmt::format("{:<24} = {:<6} # {}\n", key.name, fmt::format("{:.1f}", defaults.log.*(key.field)), key.meaning);
  }
  return text;
}

std::vector<std::string> config_keys() {
  std::vector<std::string> keys = {"units", "week_start", "default_type", "journal_start", "sync_dir", "sync_name"};
  for (const auto& threshold : threshold_keys()) keys.push_back(fmt::format("advice.{}", threshold.name));
  for (const auto& limit : log_limit_keys()) keys.push_back(fmt::format("log.{}", limit.name));
  return keys;
}

namespace {

struct ConfigLine {
  std::string text;  // without its newline
  std::string section;  // "" for the top level, "advice" inside [advice]
  std::string key;      // "" unless the line sets a key
};

std::vector<ConfigLine> config_lines(std::string_view text) {
  std::vector<ConfigLine> lines;
  std::string section;
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find('\n', begin);
    if (end == std::string_view::npos) end = text.size();
    ConfigLine line{std::string{text.substr(begin, end - begin)}, section, {}};
    if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
    const std::string_view stripped = trim(line.text);
    if (stripped.starts_with('[')) {
      const std::size_t close = stripped.find(']');
      section = std::string{trim(stripped.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1))};
      line.section = section;
    } else if (!stripped.empty() && stripped[0] != '#') {
      const std::size_t equals = stripped.find('=');
      if (equals != std::string_view::npos) line.key = std::string{trim(stripped.substr(0, equals))};
    }
    lines.push_back(std::move(line));
    begin = end + 1;
  }
  return lines;
}

// Where a line's trailing comment starts (the first # outside a string), or npos.
std::size_t comment_start(std::string_view line) {
  bool in_string = false;
  for (std::size_t i = line.find('='); i != std::string_view::npos && i < line.size(); ++i) {
    if (line[i] == '"' && (i == 0 || line[i - 1] != '\\')) in_string = !in_string;
    if (line[i] == '#' && !in_string) return i;
  }
  return std::string_view::npos;
}

// The TOML literal for what a user typed; ValueError when it cannot be one.
std::string toml_literal(std::string_view key, std::string_view value) {
  const std::string_view typed = trim(value);
  if (!key.starts_with("advice.") && !key.starts_with("log.")) {
    std::string quoted = "\"";
    for (char c : typed) {
      if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
        throw ValueError(fmt::format("'{}' is not a value for '{}'", printable(value), key));
      }
      if (c == '"' || c == '\\') quoted += '\\';
      quoted += c;
    }
    return quoted + '"';
  }
  double number = 0;
  const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), number);
  if (typed.empty() || ec != std::errc() || end != typed.data() + typed.size()) {
    const std::string_view name = key.substr(key.find('.') + 1);
    for (const auto& threshold : threshold_keys())
      if (key.starts_with("advice.") && threshold.name == name) {
        throw ValueError(fmt::format("'{}' is '{}'; it must be {} ({})", key, printable(value),
                                     threshold.int_field ? "a whole number" : "a number", threshold.meaning));
      }
    for (const auto& limit : log_limit_keys())
      if (key.starts_with("log.") && limit.name == name) {
        throw ValueError(fmt::format("'{}' is '{}'; it must be a number ({})", key, printable(value), limit.meaning));
      }
  }
  return std::string{typed};
}

std::string joined_lines(const std::vector<ConfigLine>& lines) {
  std::string text;
  for (const ConfigLine& line : lines) {
    text += line.text;
    text += '\n';
  }
  return text;
}

}  // namespace

std::string config_text_with(std::string_view text, std::string_view key, std::optional<std::string_view> value,
                             const std::string& path) {
  const std::vector<std::string> keys = config_keys();
  if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
    std::vector<std::string_view> names(keys.begin(), keys.end());
    std::string message = fmt::format("'{}' is not a setting", printable(key));
    if (auto guess = closest_match(key, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw ValueError(fmt::format("{}; accepted: {}", message, join(names, ", ")));
  }
  {
    LoadedSettings existing;
    apply_config_text(text, path, existing);  // a broken file is reported as it is, not rewritten
  }
  const std::size_t dot = key.find('.');
  const std::string section{dot == std::string_view::npos ? std::string_view{} : key.substr(0, dot)};
  const std::string name{dot == std::string_view::npos ? key : key.substr(dot + 1)};
  std::vector<ConfigLine> lines = config_lines(text);
  const auto found = std::find_if(lines.begin(), lines.end(),
                                  [&](const ConfigLine& line) { return line.section == section && line.key == name; });
  if (!value) {
    if (found != lines.end()) lines.erase(found);
  } else {
    const std::string literal = toml_literal(key, *value);
    const std::string assignment = fmt::format("{} = {}", name, literal);
    if (found != lines.end()) {
      // Only the value changes: the spacing around '=' and the comment's column stay, so
      // aligned files stay aligned.
      const std::string& old = found->text;
      const std::size_t equals = old.find('=');
      const std::size_t value_start = old.find_first_not_of(" \t", equals + 1);
      const std::size_t comment = comment_start(old);
      std::string replaced = old.substr(0, value_start == std::string::npos ? equals + 1 : value_start) + literal;
      if (comment != std::string::npos) {
        replaced = replaced.size() < comment ? fmt::format("{:<{}}", replaced, comment) : replaced + " ";
        replaced += old.substr(comment);
      }
      found->text = replaced;
    } else {
      // After the last key of its table; a top-level key before the first table, a table
      // that is not there yet at the end.
      auto insert_at = lines.end();
      bool table_found = section.empty();
      for (auto it = lines.begin(); it != lines.end(); ++it) {
        if (it->section != section) continue;
        const bool header = !section.empty() && trim(it->text).starts_with('[');
        if (header) table_found = true;
        if (header || !it->key.empty()) insert_at = std::next(it);
      }
      if (section.empty() && insert_at == lines.end()) {
        insert_at = std::find_if(lines.begin(), lines.end(), [](const ConfigLine& l) { return !l.section.empty(); });
      }
      if (!table_found) {
        if (!lines.empty() && !trim(lines.back().text).empty()) lines.push_back({"", "", ""});
        lines.push_back({fmt::format("[{}]", section), section, ""});
        insert_at = lines.end();
      }
      lines.insert(insert_at, ConfigLine{assignment, section, name});
    }
  }
  const std::string result = joined_lines(lines);
  try {
    LoadedSettings checked;
    apply_config_text(result, "", checked);
  } catch (const ConfigError& e) {
    // The loader's own message, without the place in a text that is not yet a file.
    std::string_view message = e.what();
    while (!message.empty() && (message[0] == ':' || (message[0] >= '0' && message[0] <= '9'))) message.remove_prefix(1);
    throw ValueError(std::string{trim(message)});
  }
  return result;
}

}  // namespace niggle
