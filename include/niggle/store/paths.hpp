#pragma once
// Where the journal and the config file live: XDG base directories, overridden by
// environment variables and flags. Environment lookups are passed in, so this is testable.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace niggle {

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;
// The real process environment; empty values count as unset.
EnvLookup process_environment();

struct ResolvedPath {
  std::filesystem::path path;
  std::string origin;         // "--db", "NIGGLE_DB", "XDG_DATA_HOME", "HOME"
  bool named_by_user = false;  // given by a flag or NIGGLE_* variable rather than derived
};

// --db > NIGGLE_DB > $XDG_DATA_HOME/niggle/journal.db > ~/.local/share/niggle/journal.db.
// Throws JournalError when none can be found (no HOME).
ResolvedPath journal_path(const std::optional<std::string>& flag, const EnvLookup& env);
// --config > NIGGLE_CONFIG > $XDG_CONFIG_HOME/niggle/config.toml > ~/.config/niggle/config.toml.
// Returns nullopt when none can be found; settings then use the defaults.
std::optional<ResolvedPath> config_path(const std::optional<std::string>& flag, const EnvLookup& env);

// $XDG_STATE_HOME/niggle/checked > ~/.local/state/niggle/checked: when each journal last
// passed a full integrity check (check_memo.hpp). nullopt when neither is set.
std::optional<std::filesystem::path> check_memo_path(const EnvLookup& env);

}  // namespace niggle
