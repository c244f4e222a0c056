#include "niggle/views/markup.hpp"

#include <cstdint>
#include <vector>

namespace niggle {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at `i` and its code point, or 0 when the bytes
// there are not one (overlong forms, surrogates and values past U+10FFFF are not).
std::size_t decode(std::string_view text, std::size_t i, std::uint32_t& code) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead < 0x80) {
    code = lead;
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07u, min = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3Fu);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

bool is_control(std::uint32_t code) {
  return (code < 0x20 && code != '\t' && code != '\n') || (code >= 0x7F && code <= 0x9F);
}

}  // namespace

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    std::uint32_t code = 0;
    const std::size_t length = decode(text, i, code);
    if (length == 0) {
      out += kReplacement;
      i += 1;
      continue;
    }
    if (code == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      i += 1;  // a Windows line end is a line end
      continue;
    }
    // U+FFFE and U+FFFF are not characters, and XML refuses them.
    if (is_control(code) || code == 0xFFFE || code == 0xFFFF) {
      out += kReplacement;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

std::string html_escape(std::string_view text) {
  const std::string clean = clean_text(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  for (char c : clean) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;  // &apos; is XML's, not HTML 4's
      default: out += c;
    }
  }
  return out;
}

namespace {

// Punctuation that means something inline: emphasis (* _), code (`), links and images ([ ] !),
// raw HTML and autolinks (< >), entities (&), tables (|), strikethrough (~), escapes (\).
bool inline_special(char c) {
  switch (c) {
    case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
    case '&': case '|': case '~': case '!':
      return true;
    default:
      return false;
  }
}

// A line that starts with these opens a block: a heading (#), a list (- + or "1." "1)"), a
// quote (>), a rule or a setext underline (- = _ *), a fenced block (` ~).
std::string escape_line(std::string_view line) {
  std::size_t start = 0;
  while (start < line.size() && line[start] == ' ') ++start;  // leading spaces could make code
  line.remove_prefix(start);
  std::string out;
  if (!line.empty()) {
    const char first = line.front();
    // ('>' is escaped wherever it stands, below.)
    if (first == '#' || first == '-' || first == '+' || first == '=') out += '\\';
    // "12. " or "3) " opens an ordered list; "5.2 km" does not.
    std::size_t digits = 0;
    while (digits < line.size() && digits < 10 && line[digits] >= '0' && line[digits] <= '9') ++digits;
    const bool marker = digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')');
    if (marker && (digits + 1 == line.size() || line[digits + 1] == ' ' || line[digits + 1] == '\t')) {
      out.append(line.substr(0, digits));
      out += '\\';
      line.remove_prefix(digits);
    }
  }
  for (char c : line) {
    if (inline_special(c)) out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string markdown_escape(std::string_view text, bool table_cell) {
  const std::string clean = clean_text(text);
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = clean.find('\n', start);
    std::string line = escape_line(std::string_view(clean).substr(start, end == std::string::npos ? end : end - start));
    for (char& c : line)
      if (c == '\t') c = ' ';
    while (!line.empty() && line.back() == ' ') line.pop_back();  // trailing spaces are a line break
    lines.push_back(std::move(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  while (lines.size() > 1 && lines.back().empty()) lines.pop_back();
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += table_cell ? " / " : "\\\n";
    out += lines[i];
  }
  return out;
}

}  // namespace niggle
