#include "niggle/core/text.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>

namespace niggle {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::string ascii_lower(std::string_view text) {
  std::string out{text};
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string ascii_upper(std::string_view text) {
  std::string out{text};
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

namespace {
template <class Strings>
std::string join_impl(const Strings& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}
}  // namespace

std::string join(std::span<const std::string> parts, std::string_view separator) {
  return join_impl(parts, separator);
}
std::string join(std::span<const std::string_view> parts, std::string_view separator) {
  return join_impl(parts, separator);
}

namespace {
// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is invalid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  char32_t code = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static constexpr char32_t kMinimum[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kMinimum[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}
}  // namespace

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

namespace {
// The code point of the valid sequence of `length` bytes at text[i].
char32_t code_point_at(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (length == 1) return byte(i);
  static constexpr unsigned char kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  char32_t code = byte(i) & kLeadMask[length];
  for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (byte(i + k) & 0x3F);
  return code;
}
}  // namespace

bool is_hidden_control(char32_t code) {
  return (code >= 0x80 && code <= 0x9F) ||       // C1 controls: some terminals act on them (0x9B is CSI)
         code == 0x061C ||                        // Arabic letter mark
         code == 0x200E || code == 0x200F ||      // left-to-right and right-to-left marks
         (code >= 0x202A && code <= 0x202E) ||    // bidi embeddings and overrides
         (code >= 0x2066 && code <= 0x2069);      // bidi isolates
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size() && out.size() < max_bytes) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (length == 0 || c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (const char32_t code = code_point_at(text, i, length); length > 1 && is_hidden_control(code)) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code));
      i += length;
      continue;
    } else {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    ++i;
  }
  if (i < text.size()) out += "...";
  return out;
}

std::string without_hidden_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence_length(text, i);
    if (length > 1 && is_hidden_control(code_point_at(text, i, length))) {
      out += fmt::format("\\u{:04x}", static_cast<std::uint32_t>(code_point_at(text, i, length)));
    } else {
      out.append(text.substr(i, length == 0 ? 1 : length));
    }
    i += length == 0 ? 1 : length;
  }
  return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two
  // neighbouring letters each cost one, so "lgo" is one step from "log".
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

std::optional<std::string> closest_match(std::string_view text, std::span<const std::string_view> candidates) {
  const std::string lower = ascii_lower(text);
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : candidates) {
    // A prefix is the likeliest intent: "inter" for "intervals".
    if (lower.size() >= 2 && candidate.substr(0, lower.size()) == lower) return std::string{candidate};
    const std::size_t distance = edit_distance(lower, candidate);
    if (!best || distance < best_distance) {
      best = std::string{candidate};
      best_distance = distance;
    }
  }
  // Allow about one typo per three letters, and never more than three.
  const std::size_t allowed = std::min<std::size_t>(3, std::max<std::size_t>(1, lower.size() / 3));
  if (best && best_distance <= allowed) return best;
  return std::nullopt;
}

}  // namespace niggle
