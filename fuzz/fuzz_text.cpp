// Free text from outside: notes, tags, and the quoting of any value in a message.
#include <algorithm>
#include <string>

#include "fuzz.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"
#include "niggle/core/vocab.hpp"

using namespace niggle;

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
  // "did you mean ...?" over a vocabulary.
  if (const auto guess = closest_match(text.substr(0, 64), names_of<Location>())) {
    FUZZ_CHECK(try_parse<Location>(*guess).has_value());
  }
  return 0;
}
