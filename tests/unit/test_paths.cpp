#include <doctest/doctest.h>
#include <map>

#include "niggle/core/error.hpp"
#include "niggle/store/paths.hpp"

using namespace niggle;

namespace {
EnvLookup fake_env(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST_CASE("journal_path") {
  CHECK(journal_path(std::nullopt, fake_env({{"HOME", "/home/r"}})).path == "/home/r/.local/share/niggle/journal.db");
  CHECK(journal_path(std::nullopt, fake_env({{"HOME", "/home/r"}, {"XDG_DATA_HOME", "/data"}})).path ==
        "/data/niggle/journal.db");
  // A relative XDG_DATA_HOME is invalid and ignored, as the XDG spec says.
  CHECK(journal_path(std::nullopt, fake_env({{"HOME", "/home/r"}, {"XDG_DATA_HOME", "rel"}})).path ==
        "/home/r/.local/share/niggle/journal.db");
  const auto env = fake_env({{"HOME", "/home/r"}, {"NIGGLE_DB", "/tmp/j.db"}});
  CHECK(journal_path(std::nullopt, env).path == "/tmp/j.db");
  CHECK(journal_path(std::nullopt, env).origin == "NIGGLE_DB");
  CHECK(journal_path(std::string{"/x.db"}, env).path == "/x.db");  // the flag wins
  CHECK(journal_path(std::string{"/x.db"}, env).origin == "--db");
  CHECK_THROWS_AS(journal_path(std::nullopt, fake_env({})), JournalError);
}

TEST_CASE("config_path") {
  CHECK(config_path(std::nullopt, fake_env({{"HOME", "/home/r"}}))->path == "/home/r/.config/niggle/config.toml");
  CHECK_FALSE(config_path(std::nullopt, fake_env({{"HOME", "/home/r"}}))->named_by_user);
  CHECK(config_path(std::nullopt, fake_env({{"XDG_CONFIG_HOME", "/cfg"}}))->path == "/cfg/niggle/config.toml");
  CHECK(config_path(std::nullopt, fake_env({{"NIGGLE_CONFIG", "/c.toml"}}))->named_by_user);
  CHECK(config_path(std::string{"/f.toml"}, fake_env({{"NIGGLE_CONFIG", "/c.toml"}}))->origin == "--config");
  CHECK_FALSE(config_path(std::nullopt, fake_env({})));
}
