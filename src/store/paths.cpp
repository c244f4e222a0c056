#include "niggle/store/paths.hpp"

#include <cstdlib>

#include "niggle/core/error.hpp"

namespace niggle {
namespace {

// XDG base directories must be absolute; a relative value is ignored, as the spec says.
std::optional<std::filesystem::path> xdg_dir(const EnvLookup& env, const std::string& variable) {
  if (auto value = env(variable); value && std::filesystem::path(*value).is_absolute()) return *value;
  return std::nullopt;
}

}  // namespace

EnvLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string{value};
  };
}

ResolvedPath journal_path(const std::optional<std::string>& flag, const EnvLookup& env) {
  if (flag && !flag->empty()) return {*flag, "--db", true};
  if (auto value = env("NIGGLE_DB")) return {*value, "NIGGLE_DB", true};
  if (auto dir = xdg_dir(env, "XDG_DATA_HOME")) return {*dir / "niggle" / "journal.db", "XDG_DATA_HOME", false};
  if (auto home = env("HOME")) {
    return {std::filesystem::path(*home) / ".local" / "share" / "niggle" / "journal.db", "HOME", false};
  }
  throw JournalError("cannot tell where the journal is: HOME is not set; set NIGGLE_DB or pass --db PATH");
}

std::optional<ResolvedPath> config_path(const std::optional<std::string>& flag, const EnvLookup& env) {
  if (flag && !flag->empty()) return ResolvedPath{*flag, "--config", true};
  if (auto value = env("NIGGLE_CONFIG")) return ResolvedPath{*value, "NIGGLE_CONFIG", true};
  if (auto dir = xdg_dir(env, "XDG_CONFIG_HOME")) {
    return ResolvedPath{*dir / "niggle" / "config.toml", "XDG_CONFIG_HOME", false};
  }
  if (auto home = env("HOME")) {
    return ResolvedPath{std::filesystem::path(*home) / ".config" / "niggle" / "config.toml", "HOME", false};
  }
  return std::nullopt;
}

std::optional<std::filesystem::path> check_memo_path(const EnvLookup& env) {
  if (auto dir = xdg_dir(env, "XDG_STATE_HOME")) return *dir / "niggle" / "checked";
  if (auto home = env("HOME")) return std::filesystem::path(*home) / ".local" / "state" / "niggle" / "checked";
  return std::nullopt;
}

}  // namespace niggle
