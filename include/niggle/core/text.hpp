#pragma once
// Small string helpers shared by the parsers and the output code.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace niggle {

std::string_view trim(std::string_view text);
std::string ascii_lower(std::string_view text);
std::string ascii_upper(std::string_view text);
std::string join(std::span<const std::string> parts, std::string_view separator);
std::string join(std::span<const std::string_view> parts, std::string_view separator);

// The byte offset of the first invalid UTF-8 sequence, or nullopt when `text` is valid
// UTF-8 (overlong forms, surrogates and code points past U+10FFFF are invalid).
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// A value made safe to quote in a one-line message: control characters and invalid bytes
// are escaped (\n, \x1b) and long values are cut with an ellipsis.
std::string printable(std::string_view text, std::size_t max_bytes = 60);

// Edit distance counting a swap of neighbours as one edit, for "did you mean ...?".
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate nearest to `text`, if it is near enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view text, std::span<const std::string_view> candidates);

}  // namespace niggle
