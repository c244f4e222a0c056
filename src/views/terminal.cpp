#include "niggle/views/terminal.hpp"

#include <fmt/format.h>

namespace niggle {

std::optional<ColorMode> parse_color_mode(std::string_view text) {
  if (text == "auto") return ColorMode::automatic;
  if (text == "always") return ColorMode::always;
  if (text == "never") return ColorMode::never;
  return std::nullopt;
}

bool use_colour(ColorMode mode, bool is_terminal, const EnvLookup& env) {
  if (mode == ColorMode::always) return true;
  if (mode == ColorMode::never || !is_terminal) return false;
  if (env("NO_COLOR")) return false;  // any non-empty value
  const auto term = env("TERM");
  return !(term && *term == "dumb");
}

std::string Style::wrap(std::string_view code, std::string_view text) const {
  if (!enabled_) return std::string{text};
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

}  // namespace niggle
