#include <doctest/doctest.h>

#include <map>

#include "niggle/views/chart.hpp"

using namespace niggle;

namespace {
EnvLookup env_of(std::map<std::string, std::string> values) {
  return [values](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}
}  // namespace

TEST_CASE("glyphs_for") {
  CHECK(glyphs_for(env_of({{"LANG", "en_GB.UTF-8"}})) == Glyphs::unicode);
  CHECK(glyphs_for(env_of({{"LANG", "C.utf8"}})) == Glyphs::unicode);
  CHECK(glyphs_for(env_of({{"LANG", "de_DE.utf-8@euro"}})) == Glyphs::unicode);
  CHECK(glyphs_for(env_of({})) == Glyphs::ascii);  // the C locale
  CHECK(glyphs_for(env_of({{"LANG", "C"}})) == Glyphs::ascii);
  CHECK(glyphs_for(env_of({{"LANG", "en_US.ISO-8859-1"}})) == Glyphs::ascii);
  CHECK(glyphs_for(env_of({{"LANG", "POSIX"}})) == Glyphs::ascii);
  SUBCASE("LC_ALL, then LC_CTYPE, then LANG") {
    CHECK(glyphs_for(env_of({{"LC_ALL", "C"}, {"LANG", "en_GB.UTF-8"}})) == Glyphs::ascii);
    CHECK(glyphs_for(env_of({{"LC_CTYPE", "C"}, {"LANG", "en_GB.UTF-8"}})) == Glyphs::ascii);
    CHECK(glyphs_for(env_of({{"LC_CTYPE", "en_GB.UTF-8"}, {"LANG", "C"}})) == Glyphs::unicode);
    CHECK(glyphs_for(env_of({{"LC_ALL", "en_GB.UTF-8"}, {"LC_CTYPE", "C"}})) == Glyphs::unicode);
  }
  SUBCASE("a dumb terminal gets ASCII whatever the locale") {
    CHECK(glyphs_for(env_of({{"LANG", "en_GB.UTF-8"}, {"TERM", "dumb"}})) == Glyphs::ascii);
    CHECK(glyphs_for(env_of({{"LANG", "en_GB.UTF-8"}, {"TERM", "xterm-256color"}})) == Glyphs::unicode);
  }
}

TEST_CASE("bar") {
  SUBCASE("unicode, in eighths of a cell, always padded to the width") {
    CHECK(bar(10, 10, 4, Glyphs::unicode) == "████");
    CHECK(bar(5, 10, 4, Glyphs::unicode) == "██  ");
    CHECK(bar(1, 8, 1, Glyphs::unicode) == "▏");
    CHECK(bar(3, 8, 1, Glyphs::unicode) == "▍");
    CHECK(bar(0, 10, 4, Glyphs::unicode) == "    ");
    CHECK(display_width(bar(3.3, 10, 30, Glyphs::unicode)) == 30);
  }
  SUBCASE("ascii, in whole cells") {
    CHECK(bar(10, 10, 4, Glyphs::ascii) == "####");
    CHECK(bar(5, 10, 4, Glyphs::ascii) == "##  ");
    CHECK(bar(0, 10, 4, Glyphs::ascii) == "    ");
  }
  SUBCASE("a small value still shows; nothing overflows") {
    CHECK(bar(0.01, 100, 10, Glyphs::unicode) == "▏         ");
    CHECK(bar(0.01, 100, 10, Glyphs::ascii) == "#         ");
    CHECK(bar(20, 10, 4, Glyphs::ascii) == "####");
    CHECK(bar(5, 0, 4, Glyphs::ascii) == "    ");
    CHECK(bar(-1, 10, 4, Glyphs::unicode) == "    ");
  }
}

TEST_CASE("sparkline") {
  const std::vector<std::optional<double>> values = {0.0, 1.0, 4.0, 8.0, std::nullopt, 0.1};
  CHECK(sparkline(values, 8, Glyphs::unicode) == " ▁▄█·▁");
  CHECK(sparkline(values, 8, Glyphs::ascii) == " _:#?_");
  CHECK(sparkline({}, 8, Glyphs::ascii).empty());
}

TEST_CASE("display_width and pad") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("█▏") == 2);
  CHECK(pad("█", 3) == "█  ");
  CHECK(pad("7", 3, true) == "  7");
  CHECK(pad("long", 2) == "long");
}
