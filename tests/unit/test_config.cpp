#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "niggle/store/config.hpp"

#include <algorithm>
#include "niggle/core/error.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::TempDir;
using niggle::test::write_file;

namespace {
LoadedSettings apply(const std::string& text) {
  LoadedSettings loaded;
  apply_config_text(text, "config.toml", loaded);
  return loaded;
}
}  // namespace

TEST_CASE("apply_config_text") {
  SUBCASE("defaults are those of ADVICE-RULES.md") {
    const Settings s;
    CHECK(s.units == DistanceUnit::km);
    CHECK(s.week_start == Weekday::monday);
    CHECK(s.advice.weekly_ratio == 1.30);
    CHECK(s.advice.spike_ratio == 1.10);
    CHECK(s.advice.severe_pain == 8);
    CHECK(s.advice.return_to_run_km == 5.0);
    CHECK(s.advice.max_days_without_rest == 6);
  }
  SUBCASE("values and their origin") {
    const LoadedSettings loaded = apply(
        "units = \"mi\"\nweek_start = \"sunday\"\ndefault_type = \"walk\"\n"
        "[advice]\nweekly_ratio = 1.2\nsevere_pain = 7\nreturn_to_run_km = 3\n");
    CHECK(loaded.settings.units == DistanceUnit::mi);
    CHECK(loaded.settings.week_start == Weekday::sunday);
    CHECK(loaded.settings.default_type == ActivityType::walk);
    CHECK(loaded.settings.advice.weekly_ratio == 1.2);
    CHECK(loaded.settings.advice.severe_pain == 7);
    CHECK(loaded.settings.advice.return_to_run_km == 3.0);  // an integer where a number is wanted is fine
    CHECK(loaded.origin.at("units") == "config file");
    CHECK(loaded.origin.at("advice.weekly_ratio") == "config file");
    CHECK(loaded.warnings.empty());
  }
  SUBCASE("syntax errors carry path:line:col") {
    CHECK_THROWS_WITH_AS(apply("units = \"km\"\nweek_start = = 3\n"), doctest::Contains("config.toml:2:"), ConfigError);
  }
  SUBCASE("invalid values carry path:line:col and what is accepted") {
    CHECK_THROWS_WITH(apply("units = \"furlongs\""), doctest::Contains("config.toml:1:9: 'units' is 'furlongs'; accepted: km, mi"));
    CHECK_THROWS_WITH(apply("units = 5"), doctest::Contains("must be a string"));
    CHECK_THROWS_WITH(apply("week_start = \"friday\""), doctest::Contains("accepted: monday, sunday"));
    CHECK_THROWS_WITH(apply("\n[advice]\nweekly_ratio = 0.5"), doctest::Contains("config.toml:3:16: 'advice.weekly_ratio' is 0.5; accepted: 1 to 3"));
    CHECK_THROWS_WITH(apply("[advice]\nsevere_pain = 7.5"), doctest::Contains("must be a whole number"));
    CHECK_THROWS_WITH(apply("[advice]\nsevere_pain = \"8\""), doctest::Contains("must be a whole number"));
    CHECK_THROWS_WITH(apply("advice = 3"), doctest::Contains("must be a table"));
    CHECK_THROWS_WITH(apply("[advice]\nmild_pain = 8"), doctest::Contains("must be below"));
  }
  SUBCASE("unknown keys warn and are ignored") {
    const LoadedSettings loaded = apply("unts = \"mi\"\n[advice]\nweekly_ration = 2\n");
    REQUIRE(loaded.warnings.size() == 2);
    const std::string all = loaded.warnings[0] + "\n" + loaded.warnings[1];
    CHECK(all.find("config.toml:1:1: unknown key 'unts' is ignored") != std::string::npos);
    CHECK(all.find("config.toml:3:1: unknown key 'advice.weekly_ration' is ignored") != std::string::npos);
    CHECK(loaded.settings.units == DistanceUnit::km);
  }
  SUBCASE("the default config text parses back to the defaults") {
    const LoadedSettings loaded = apply(default_config_text());
    CHECK(loaded.warnings.empty());
    CHECK(loaded.settings.advice.weekly_ratio == AdviceThresholds{}.weekly_ratio);
    CHECK(loaded.settings.advice.pain_stale_hours == AdviceThresholds{}.pain_stale_hours);
  }
}

TEST_CASE("load_settings precedence: flag > environment > file > default") {
  TempDir dir;
  const auto file = dir / "config.toml";
  write_file(file, "units = \"mi\"\n");
  SettingsSources sources;
  sources.config_file = file;
  CHECK(load_settings(sources).settings.units == DistanceUnit::mi);
  CHECK(load_settings(sources).origin.at("units") == "config file");
  sources.env_units = "km";
  CHECK(load_settings(sources).settings.units == DistanceUnit::km);
  CHECK(load_settings(sources).origin.at("units") == "NIGGLE_UNITS");
  sources.flag_units = "mi";
  CHECK(load_settings(sources).settings.units == DistanceUnit::mi);
  CHECK(load_settings(sources).origin.at("units") == "--units");
  sources.flag_units = "leagues";
  CHECK_THROWS_WITH_AS(load_settings(sources), doctest::Contains("--units 'leagues'"), ValueError);
}

TEST_CASE("load_settings and the config file on disk") {
  TempDir dir;
  SettingsSources sources;
  sources.config_file = dir / "missing.toml";
  CHECK(load_settings(sources).settings.units == DistanceUnit::km);  // the default path may be absent
  sources.config_file_required = true;  // named by --config: must exist
  CHECK_THROWS_WITH_AS(load_settings(sources), doctest::Contains("does not exist"), ConfigError);
  sources.config_file = dir.path();
  CHECK_THROWS_WITH_AS(load_settings(sources), doctest::Contains("is a directory"), ConfigError);
  const auto empty = dir / "empty.toml";
  write_file(empty, "");
  sources.config_file = empty;
  CHECK(load_settings(sources).settings.units == DistanceUnit::km);
  if (::geteuid() != 0) {  // root reads anything, so this check means nothing as root
    const auto locked = dir / "locked.toml";
    write_file(locked, "units = \"mi\"\n");
    ::chmod(locked.c_str(), 0);
    sources.config_file = locked;
    CHECK_THROWS_WITH_AS(load_settings(sources), doctest::Contains("cannot be read"), ConfigError);
  }
}

TEST_CASE("load_settings: a config file that cannot be looked at is an error, not an absent file") {
  // Taking it for absent would silently apply the defaults, km for a user of miles.
  TempDir dir;
  SettingsSources sources;
  SUBCASE("a symbolic link loop") {
    std::filesystem::create_symlink(dir / "loop.toml", dir / "loop.toml");
    sources.config_file = dir / "loop.toml";
    CHECK_THROWS_WITH_AS(load_settings(sources), doctest::Contains("cannot be read: Too many levels of symbolic links"),
                         ConfigError);
  }
  SUBCASE("the default location under a file, not a directory, is only absent") {
    write_file(dir / "config", "");
    sources.config_file = dir / "config/niggle/config.toml";
    CHECK(load_settings(sources).settings.units == DistanceUnit::km);
  }
  if (::geteuid() != 0) {  // as root, bats runs the same case through setpriv (faults.bats)
    SUBCASE("a directory that may not be searched") {
      std::filesystem::create_directory(dir / "locked");
      write_file(dir / "locked/config.toml", "units = \"mi\"\n");
      ::chmod((dir / "locked").c_str(), 0);
      sources.config_file = dir / "locked/config.toml";
      CHECK_THROWS_WITH_AS(load_settings(sources), doctest::Contains("cannot be read"), ConfigError);
    }
  }
}

TEST_CASE("apply_config_text: code points that toml++ 3.3 mishandles are refused cleanly") {
  // Found by fuzz/fuzz_config.cpp (fuzz/regressions/config/toml-unreachable-on-*): asking
  // toml++ whether U+00A1..U+0499, U+2C5E..U+3057 or U+FB26..U+FEFE is whitespace reached
  // __builtin_unreachable.
  LoadedSettings loaded;
  CHECK_THROWS_WITH_AS(apply_config_text("\xEF\xBB\xBDunits = \"mi\"\n", "c.toml", loaded), doctest::Contains("c.toml:1:1:"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(apply_config_text("units = \"mi\"\n\xEF\xB9\xBA\n", "c.toml", loaded), doctest::Contains("c.toml:2:1:"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(apply_config_text("a = [\xEF\xB3\xBF]\n", "c.toml", loaded), doctest::Contains("c.toml:1:6:"),
                       ConfigError);  // U+FCFF, where an array's whitespace may stand
  // Columns count code points, and stay right: the 13th character is the one refused.
  CHECK_THROWS_WITH_AS(apply_config_text("units = \"mi\"\xC8\x9A\n", "c.toml", loaded), doctest::Contains("c.toml:1:13:"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(apply_config_text("units = \"\xC3\xA9\xC3\xA9\" \xE3\x80\x81\n", "c.toml", loaded),
                       doctest::Contains("c.toml:1:14:"), ConfigError);
  // In comments they are harmless, and the settings are read.
  apply_config_text("# Z\xC3\xBCrich \xEF\xBB\xB7 \xE3\x80\x80\nunits = \"mi\"  # \xC8\x9A\n", "c.toml", loaded);
  CHECK(loaded.settings.units == DistanceUnit::mi);
}

TEST_CASE("config_text_with: one key changed, the rest kept") {
  const std::string defaults = default_config_text();
  SUBCASE("an empty file gets the key, a table gets its header") {
    CHECK(config_text_with("", "units", "mi", "c.toml") == "units = \"mi\"\n");
    CHECK(config_text_with("units = \"mi\"\n", "advice.weekly_ratio", "1.2", "c.toml") ==
          "units = \"mi\"\n\n[advice]\nweekly_ratio = 1.2\n");
    CHECK(config_text_with("[advice]\nspike_ratio = 1.2\n", "week_start", "sunday", "c.toml") ==
          "week_start = \"sunday\"\n[advice]\nspike_ratio = 1.2\n");
  }
  SUBCASE("a key that is there is replaced in place, its comment kept") {
    const std::string changed = config_text_with(defaults, "advice.stop_pain", "4", "c.toml");
    CHECK(std::count(changed.begin(), changed.end(), '\n') == std::count(defaults.begin(), defaults.end(), '\n'));
    CHECK(changed.find("stop_pain                 = 4      # P5: stop a run if pain passes this\n") != std::string::npos);
    CHECK(changed.find("# niggle configuration.") == 0);
    LoadedSettings loaded;
    apply_config_text(changed, "c.toml", loaded);
    CHECK(loaded.settings.advice.stop_pain == 4);
    const std::string units = config_text_with(defaults, "units", "mi", "c.toml");
    CHECK(units.find("units = \"mi\"            # km or mi") != std::string::npos);
    CHECK(config_text_with(units, "units", "km", "c.toml").find("units = \"km\"            # km or mi") !=
          std::string::npos);
  }
  SUBCASE("unset removes only that line") {
    const std::string text = "# mine\nunits = \"mi\"  # miles\nweek_start = \"sunday\"\n";
    CHECK(config_text_with(text, "units", std::nullopt, "c.toml") == "# mine\nweek_start = \"sunday\"\n");
    CHECK(config_text_with(text, "default_type", std::nullopt, "c.toml") == text);
  }
  SUBCASE("the loader's checks refuse bad values") {
    CHECK_THROWS_WITH_AS(config_text_with("", "units", "furlongs", "c.toml"), "'units' is 'furlongs'; accepted: km, mi",
                         ValueError);
    CHECK_THROWS_WITH_AS(config_text_with("", "advice.stop_pain", "11", "c.toml"),
                         doctest::Contains("accepted: 0 to 10"), ValueError);
    CHECK_THROWS_WITH_AS(config_text_with("", "advice.stop_pain", "4.5", "c.toml"),
                         doctest::Contains("whole number"), ValueError);
    CHECK_THROWS_WITH_AS(config_text_with("", "advice.weekly_ratio", "1 # x", "c.toml"),
                         doctest::Contains("must be a number"), ValueError);
    CHECK_THROWS_AS(config_text_with("", "advice.mild_pain", "8", "c.toml"), ValueError);  // not below severe_pain
    CHECK(config_text_with("[advice]\nsevere_pain = 10\n", "advice.mild_pain", "8", "c.toml") ==
          "[advice]\nsevere_pain = 10\nmild_pain = 8\n");
    CHECK_THROWS_WITH_AS(config_text_with("", "unit", "mi", "c.toml"), doctest::Contains("did you mean 'units'?"),
                         ValueError);
    CHECK_THROWS_AS(config_text_with("", "units", "m\"i", "c.toml"), ValueError);
    CHECK_THROWS_AS(config_text_with("units = [\n", "units", "mi", "c.toml"), ConfigError);  // a broken file stays
  }
  SUBCASE("[log] keys") {
    CHECK(config_text_with("", "log.fastest_run_pace", "3", "c.toml") == "[log]\nfastest_run_pace = 3\n");
    CHECK_THROWS_AS(config_text_with("", "log.fastest_ride_kmh", "500", "c.toml"), ValueError);
    LoadedSettings loaded;
    apply_config_text(defaults, "c.toml", loaded);
    CHECK(loaded.settings.log.fastest_run_pace == 2.5);
    CHECK(loaded.settings.log.fastest_ride_kmh == 80);
  }
}
