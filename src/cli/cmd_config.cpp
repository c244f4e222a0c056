// `niggle config`: the settings in effect, and where each one came from.
#include <filesystem>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "niggle/core/format.hpp"
#include "niggle/store/sync.hpp"

namespace niggle::cli {
namespace {

struct ConfigOptions {
  bool json = false;
  bool defaults = false;
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
  return rows;
}

}  // namespace

CommandRun setup_config(CLI::App& command, Context& context) {
  command.description(help_text(
      "Show the journal and config file in use, and every setting with where its value came from\n"
      "(a flag, an environment variable, the config file, or the default).",
      {"niggle config", "niggle config --json | jq -r '.settings.units.value'",
       "niggle config --defaults > ~/.config/niggle/config.toml"},
      "Precedence: flags > environment (NIGGLE_UNITS) > config file > defaults."));
  auto options = std::make_shared<ConfigOptions>();
  command.add_flag("--json", options->json, "print one JSON document");
  command.add_flag("--defaults", options->defaults, "print a config file with every key at its default");

  return [options, &context]() {
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
