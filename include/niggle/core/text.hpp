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
// are escaped (\n, \x1b), as are the invisible ones of is_hidden_control (\u202e), and
// long values are cut with an ellipsis.
std::string printable(std::string_view text, std::size_t max_bytes = 60);

// Code points that change what a terminal shows without being seen: the C1 controls
// (U+0080-U+009F, which some terminals obey as escape sequences) and the bidirectional
// marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E,
// U+2066-U+2069), which can make a note or a file name read backwards.
bool is_hidden_control(char32_t code);

// `text` with each hidden control written as \uXXXX and everything else as it is: for
// text shown whole on a terminal (notes, messages), where printable() would cut it.
std::string without_hidden_controls(std::string_view text);

// Edit distance counting a swap of neighbours as one edit, for "did you mean ...?".
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate nearest to `text`, if it is near enough to be a plausible typo.
std::optional<std::string> closest_match(std::string_view text, std::span<const std::string_view> candidates);

}  // namespace niggle
