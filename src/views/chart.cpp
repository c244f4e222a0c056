#include "niggle/views/chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// U+258F LEFT ONE EIGHTH BLOCK .. U+2588 FULL BLOCK: a cell filled by 1/8 .. 8/8.
constexpr std::array<std::string_view, 8> kEighths = {"▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"};
// U+2581 LOWER ONE EIGHTH BLOCK .. U+2588 FULL BLOCK.
constexpr std::array<std::string_view, 8> kHeights = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
constexpr std::string_view kAsciiHeights = "_.-:=+*#";

bool utf8_locale(std::string_view locale) {
  // "en_GB.UTF-8", "C.utf8", "de_DE.utf-8@euro": the codeset sits after the dot.
  const std::string lower = ascii_lower(locale);
  const auto dot = lower.find('.');
  if (dot == std::string::npos) return false;
  std::string_view codeset = std::string_view(lower).substr(dot + 1);
  codeset = codeset.substr(0, codeset.find('@'));
  return codeset == "utf-8" || codeset == "utf8";
}

}  // namespace

Glyphs glyphs_for(const EnvLookup& env) {
  if (const auto term = env("TERM"); term && *term == "dumb") return Glyphs::ascii;
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    if (const auto value = env(name)) return utf8_locale(*value) ? Glyphs::unicode : Glyphs::ascii;
  }
  return Glyphs::ascii;
}

std::string bar(double value, double max, int width, Glyphs glyphs) {
  width = std::max(width, 0);
  const double fraction = max > 0 && value > 0 ? std::min(value / max, 1.0) : 0.0;
  std::string out;
  int cells = 0;
  if (glyphs == Glyphs::unicode) {
    auto eighths = static_cast<int>(std::lround(fraction * width * 8));
    if (fraction > 0 && width > 0) eighths = std::max(eighths, 1);
    for (; eighths >= 8; eighths -= 8, ++cells) out += kEighths[7];
    if (eighths > 0) {
      out += kEighths[static_cast<std::size_t>(eighths - 1)];
      ++cells;
    }
  } else {
    auto whole = static_cast<int>(std::lround(fraction * width));
    if (fraction > 0 && width > 0) whole = std::max(whole, 1);
    out.append(static_cast<std::size_t>(whole), '#');
    cells = whole;
  }
  out.append(static_cast<std::size_t>(std::max(width - cells, 0)), ' ');
  return out;
}

std::string sparkline(std::span<const std::optional<double>> values, double max, Glyphs glyphs) {
  std::string out;
  for (const auto& value : values) {
    if (!value) {
      out += glyphs == Glyphs::unicode ? "·" : "?";
      continue;
    }
    if (!(*value > 0) || !(max > 0)) {
      out += ' ';
      continue;
    }
    // Heights 1-8, rounding up: any value above 0 shows as at least the lowest block.
    const double fraction = std::min(*value / max, 1.0);
    const auto level = static_cast<std::size_t>(std::clamp(static_cast<int>(std::ceil(fraction * 8)), 1, 8));
    if (glyphs == Glyphs::unicode) {
      out += kHeights[level - 1];
    } else {
      out += kAsciiHeights[level - 1];
    }
  }
  return out;
}

std::size_t display_width(std::string_view text) {
  std::size_t cells = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++cells;  // count lead bytes only
  return cells;
}

std::string pad(std::string_view text, std::size_t width, bool right) {
  const std::size_t cells = display_width(text);
  const std::string spaces(width > cells ? width - cells : 0, ' ');
  return right ? spaces + std::string{text} : std::string{text} + spaces;
}

}  // namespace niggle
