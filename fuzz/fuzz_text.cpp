// Free text from outside: notes, tags, and the quoting of any value in a message.
#include <algorithm>
#include <string>

#include "fuzz.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"
#include "niggle/core/vocab.hpp"

using namespace niggle;

namespace {
// True when valid UTF-8 `text` holds a code point that is_hidden_control names.
bool holds_hidden_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? char32_t{lead} : char32_t{lead} & (char32_t{0x7F} >> length);
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6) | (char32_t{static_cast<unsigned char>(text[i + k])} & char32_t{0x3F});
    }
    if (is_hidden_control(code)) return true;
    i += length;
  }
  return false;
}
}  // namespace

NIGGLE_FUZZ_TARGET(text) {
  const std::string_view text = fuzz::as_text(data, size);
  std::optional<std::string> note;
  if (fuzz::accepts([&] { note = parse_note(text); }) && note) {
    FUZZ_CHECK(*note == text);  // a note is stored as written, never altered
    FUZZ_CHECK(!find_invalid_utf8(*note));
    FUZZ_CHECK(note->size() <= kMaxNoteBytes);
  }
  std::string tag;
  if (fuzz::accepts([&] { tag = parse_tag(text); })) {
    FUZZ_CHECK(!tag.empty() && tag.size() <= kMaxTagBytes);
    FUZZ_CHECK(tag.find_first_of(", \t\n\r") == std::string::npos);
    FUZZ_CHECK(!find_invalid_utf8(tag));
  }
  // Any value quoted in a message is valid UTF-8 on one line, and bounded.
  const std::string shown = printable(text);
  FUZZ_CHECK(!find_invalid_utf8(shown));
  FUZZ_CHECK(std::none_of(shown.begin(), shown.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
  FUZZ_CHECK(shown.size() <= 4 * 60 + 8);
  // Nothing that would change what the terminal shows unseen: no C1 control, no bidi override.
  FUZZ_CHECK(!holds_hidden_control(shown));
  if (!find_invalid_utf8(text)) {
    const std::string whole = without_hidden_controls(text);
    FUZZ_CHECK(!holds_hidden_control(whole));
    FUZZ_CHECK(!find_invalid_utf8(whole));
    if (!holds_hidden_control(text)) FUZZ_CHECK(whole == text);  // anything else is left as it is
  }
  // "did you mean ...?" over a vocabulary.
  if (const auto guess = closest_match(text.substr(0, 64), names_of<Location>())) {
    FUZZ_CHECK(try_parse<Location>(*guess).has_value());
  }
  return 0;
}
