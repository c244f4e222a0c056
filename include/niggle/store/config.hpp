#pragma once
// Settings and where each came from. Layers, highest priority first:
//   1. command-line flags (--units)
//   2. environment variables (NIGGLE_UNITS)
//   3. the config file (config.toml)
//   4. built-in defaults (below, and in ADVICE-RULES.md)
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/settings.hpp"

namespace niggle {

// Where `niggle sync` meets the other devices (sync_dir) and this device's name there
// (sync_name; the host name when unset). The store's, not the engine's.
struct SyncSettings {
  std::optional<std::string> dir, name;
};

struct LoadedSettings {
  Settings settings;
  SyncSettings sync;
  std::map<std::string, std::string> origin;  // "units" -> "default", "config file", "NIGGLE_UNITS", "--units"
  std::vector<std::string> warnings;          // unknown keys: reported, not fatal
};

// Applies a config file's text over `loaded`. `path` is used in messages only.
// Throws ConfigError "path:line:col: message" for syntax errors and invalid values.
void apply_config_text(std::string_view text, const std::string& path, LoadedSettings& loaded);

struct SettingsSources {
  std::optional<std::filesystem::path> config_file;  // nullopt: no file to read
  bool config_file_required = false;  // named by --config or NIGGLE_CONFIG: must exist
  std::optional<std::string> env_units;   // NIGGLE_UNITS
  std::optional<std::string> flag_units;  // --units
};
LoadedSettings load_settings(const SettingsSources& sources);

// A commented config file with every key at its default, for `niggle config --defaults`.
std::string default_config_text();

}  // namespace niggle

namespace niggle {

// The keys `niggle config set` knows: units, week_start, default_type, advice.<name>.
std::vector<std::string> config_keys();

// A config file's text with `key` set to `value`, or removed when `value` is nullopt.
// Comments, blank lines and the order of the other keys are kept; a new key goes at the
// end of its table. `value` is what a user typed: a name for units, week_start and
// default_type, a number for advice.<name>. Throws ValueError for an unknown key or a value
// that the config loader would refuse (with the loader's own message), and ConfigError
// (naming `path`) when the existing text is not a valid config file.
std::string config_text_with(std::string_view text, std::string_view key, std::optional<std::string_view> value,
                             const std::string& path);

}  // namespace niggle
