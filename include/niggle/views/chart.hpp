#pragma once
// Small charts for the terminal: horizontal bars and sparklines, drawn with Unicode block
// characters where the terminal can show them and plain ASCII where it cannot.
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "niggle/store/paths.hpp"

namespace niggle {

enum class Glyphs { unicode, ascii };

// Unicode unless the locale is not UTF-8 or the terminal is dumb. The locale is the first of
// LC_ALL, LC_CTYPE and LANG that is set, as POSIX orders them; none set means the C locale,
// which is ASCII.
Glyphs glyphs_for(const EnvLookup& env);

// A bar `value / max` of `width` cells, padded with spaces to exactly `width` cells. Unicode
// draws eighths of a cell; ASCII whole cells of '#'. A value above 0 always shows at least
// the smallest mark, so a small week is never mistaken for an empty one.
std::string bar(double value, double max, int width, Glyphs glyphs);

// One cell per value, eight heights scaled to `max` (▁ to █, or _.-:=+*# in ASCII). A value
// of 0 is a blank; a missing value (nothing recorded) is '·' ('?' in ASCII).
std::string sparkline(std::span<const std::optional<double>> values, double max, Glyphs glyphs);

// The number of terminal cells a UTF-8 string takes, counting each code point as one cell
// (true of everything niggle prints: Latin text and block characters).
std::size_t display_width(std::string_view text);
// `text` followed by spaces up to `width` cells; or preceded by them when `right`.
std::string pad(std::string_view text, std::size_t width, bool right = false);

}  // namespace niggle
