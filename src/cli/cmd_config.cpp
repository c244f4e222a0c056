// `niggle config`: the settings in effect, and where each one came from.
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/commands.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/text.hpp"
#include "niggle/store/files.hpp"
#include "niggle/store/sync.hpp"

namespace niggle::cli {
namespace {

struct ConfigOptions {
  bool json = false;
  bool defaults = false;
  std::vector<std::string> action;  // set KEY VALUE, unset KEY
};

struct Row {
  std::string key, value, origin;
};

std::string number(double value) { return fmt::format("{}", value); }

std::vector<Row> setting_rows(const LoadedSettings& loaded) {
  const Settings& s = loaded.settings;
  const auto origin = [&](const std::string& key) { return loaded.origin.at(key); };
  std::vector<Row> rows = {
      {"units", std::string{unit_name(s.units)}, origin("units")},
      {"week_start", std::string{weekday_name(s.week_start)}, origin("week_start")},
      {"default_type", std::string{to_string(s.default_type)}, origin("default_type")},
      {"journal_start", s.journal_start ? s.journal_start->iso() : std::string{"the first entry's day"},
       origin("journal_start")},
  };
  rows.push_back({"sync_dir", loaded.sync.dir.value_or(""), origin("sync_dir")});
  rows.push_back({"sync_name", loaded.sync.name.value_or(host_device_name()),
                  loaded.sync.name ? origin("sync_name") : "host name"});
  for (const ThresholdKey& key : threshold_keys()) {
    const std::string name = fmt::format("advice.{}", key.name);
    const std::string value =
        key.int_field ? fmt::format("{}", s.advice.*(key.int_field)) : number(s.advice.*(key.double_field));
    rows.push_back({name, value, origin(name)});
  }
  for (const LimitKey& key : log_limit_keys()) {
    const std::string name = fmt::format("log.{}", key.name);
    rows.push_back({name, number(s.log.*(key.field)), origin(name)});
  }
  return rows;
}

std::string read_config_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  if (std::filesystem::is_directory(path, ec)) throw ConfigError(fmt::format("config file '{}' is a directory", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("config file '{}' cannot be read: {}", path.string(), std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// `config set KEY VALUE` and `config unset KEY`: one line of the file changed, the rest kept.
ExitCode change_config(Context& context, const std::vector<std::string>& action) {
  const std::string& verb = action[0];
  const bool set = verb == "set";
  if (!set && verb != "unset") {
    throw UsageError(fmt::format("'config {}' is not understood; use 'niggle config set KEY VALUE' or "
                                 "'niggle config unset KEY'",
                                 printable(verb)));
  }
  if (action.size() != (set ? 3u : 2u)) {
    throw UsageError(set ? "config set takes a key and a value, as in: niggle config set units mi"
                         : "config unset takes a key, as in: niggle config unset units");
  }
  const auto location = context.config_location();
  if (!location) throw ConfigError("there is no config file to change: HOME is not set (give --config PATH)");
  const std::filesystem::path& path = location->path;
  const std::string text = read_config_text(path);
  const std::optional<std::string_view> value = set ? std::optional<std::string_view>(action[2]) : std::nullopt;
  const std::string changed = config_text_with(text, action[1], value, path.string());
  if (changed != text) {
    if (const auto missing = create_private_directories(path.parent_path()); !missing.empty()) {
      throw FileError(fmt::format("cannot create the directory '{}': {}", missing.string(), std::strerror(errno)));
    }
    write_file_atomically(path, changed);
  }
  LoadedSettings loaded;
  for (const std::string& key : config_keys()) loaded.origin[key] = "default";
  apply_config_text(changed, path.string(), loaded);
  for (const Row& row : setting_rows(loaded)) {
    if (row.key != action[1]) continue;
    if (set) {
      context.out << fmt::format("{} = {}  (in {})\n", row.key, row.value, path.string());
    } else {
      context.out << fmt::format("{} = {}  (the default; {} {})\n", row.key, row.value,
                                 changed != text ? "removed from" : "it was not set in", path.string());
    }
  }
  return ExitCode::ok;
}

}  // namespace

CommandRun setup_config(CLI::App& command, Context& context) {
  command.description(help_text(
      "Show the journal and config file in use, and every setting with where its value came from\n"
      "(a flag, an environment variable, the config file, or the default).",
      {"niggle config", "niggle config set units mi", "niggle config set advice.weekly_ratio 1.2",
       "niggle config unset units", "niggle config --json | jq -r '.settings.units.value'",
       "niggle config --defaults     (a commented file with every key at its default)"},
      "Precedence: flags > environment (NIGGLE_UNITS) > config file > defaults.\n"
      "config set KEY VALUE changes one key of the config file, creating the file and its folders if need\n"
      "be, and keeps the file's comments and order; the value is checked as the config file's would be.\n"
      "config unset KEY removes the key, so that its default applies. Keys: units, week_start,\n"
      "default_type, journal_start, sync_dir, sync_name, advice.NAME and log.NAME for each that\n"
      "'niggle config' lists."));
  auto options = std::make_shared<ConfigOptions>();
  command.add_flag("--json", options->json, "print one JSON document");
  command.add_flag("--defaults", options->defaults, "print a config file with every key at its default");
  command.add_option("action", options->action, "set KEY VALUE, or unset KEY");

  return [options, &context]() {
    if (!options->action.empty()) return change_config(context, options->action);
    if (options->defaults) {
      context.out << default_config_text();
      return ExitCode::ok;
    }
    const ResolvedPath journal = context.journal_location();
    const auto config = context.config_location();
    const LoadedSettings& loaded = context.settings();
    const std::string config_file = config ? config->path.string() : std::string{};
    std::error_code ec;
    const bool config_exists = config && std::filesystem::exists(config->path, ec);
    const bool journal_exists = std::filesystem::exists(journal.path, ec);
    const std::vector<Row> rows = setting_rows(loaded);

    if (options->json) {
      Json json;
      json["journal"] = {{"path", journal.path.string()}, {"origin", journal.origin}, {"exists", journal_exists}};
      json["config_file"] = config ? Json{{"path", config_file}, {"origin", config->origin}, {"exists", config_exists}}
                                   : Json(nullptr);
      Json settings = Json::object();
      for (const Row& row : rows) settings[row.key] = {{"value", row.value}, {"origin", row.origin}};
      // Numbers as numbers, for scripts.
      for (const ThresholdKey& key : threshold_keys()) {
        auto& value = settings[fmt::format("advice.{}", key.name)]["value"];
        value = key.int_field ? Json(loaded.settings.advice.*(key.int_field))
                              : Json(loaded.settings.advice.*(key.double_field));
      }
      for (const LimitKey& key : log_limit_keys())
        settings[fmt::format("log.{}", key.name)]["value"] = loaded.settings.log.*(key.field);
      json["settings"] = settings;
      context.out << json.dump(2) << '\n';
      return ExitCode::ok;
    }
    const Style style = context.out_style();
    context.out << fmt::format("{:<32} {}  ({}{})\n", "journal", journal.path.string(), journal.origin,
                               journal_exists ? "" : "; not created yet");
    context.out << fmt::format("{:<32} {}  ({}{})\n", "config file", config ? config_file : "none",
                               config ? config->origin : "no HOME", config_exists ? "" : "; not present");
    context.out << '\n';
    for (const Row& row : rows) {
      const std::string origin = row.origin == "config file" ? fmt::format("config file {}", config_file) : row.origin;
      context.out << fmt::format("{:<32} {:<8} {}\n", row.key, row.value, style.dim(origin));
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
