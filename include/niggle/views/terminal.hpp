#pragma once
// Colour, only where it helps: on a terminal, never with NO_COLOR (https://no-color.org)
// or TERM=dumb, unless the user insists with --color=always.
#include <optional>
#include <string>
#include <string_view>

#include "niggle/store/paths.hpp"

namespace niggle {

enum class ColorMode { automatic, always, never };
std::optional<ColorMode> parse_color_mode(std::string_view text);  // auto, always, never

bool use_colour(ColorMode mode, bool is_terminal, const EnvLookup& env);

class Style {
 public:
  explicit Style(bool enabled = false) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }
  std::string bold(std::string_view text) const { return wrap("1", text); }
  std::string dim(std::string_view text) const { return wrap("2", text); }
  std::string red(std::string_view text) const { return wrap("1;31", text); }
  std::string yellow(std::string_view text) const { return wrap("33", text); }
  std::string green(std::string_view text) const { return wrap("32", text); }

 private:
  std::string wrap(std::string_view code, std::string_view text) const;
  bool enabled_;
};

}  // namespace niggle
