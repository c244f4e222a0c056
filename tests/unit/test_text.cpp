#include <doctest/doctest.h>

#include "niggle/core/text.hpp"

using namespace niggle;

TEST_CASE("find_invalid_utf8") {
  CHECK_FALSE(find_invalid_utf8("plain ascii"));
  CHECK_FALSE(find_invalid_utf8("Ljubljana – Cerknica 🏃"));
  CHECK(find_invalid_utf8("ab\xff") == 2u);
  CHECK(find_invalid_utf8("\xc3") == 0u);              // truncated sequence
  CHECK(find_invalid_utf8("\xc0\xaf") == 0u);          // overlong "/"
  CHECK(find_invalid_utf8("\xed\xa0\x80") == 0u);      // a UTF-16 surrogate
  CHECK(find_invalid_utf8("\xf4\x90\x80\x80") == 0u);  // past U+10FFFF
}

TEST_CASE("printable") {
  CHECK(printable("abc") == "abc");
  CHECK(printable("a\nb\x1b[31m") == "a\\nb\\x1b[31m");
  CHECK(printable("\xff") == "\\xff");
  CHECK(printable(std::string(100, 'x'), 10) == "xxxxxxxxxx...");
}

TEST_CASE("edit_distance and closest_match") {
  CHECK(edit_distance("log", "log") == 0);
  CHECK(edit_distance("lgo", "log") == 1);  // a swap is one edit
  CHECK(edit_distance("pian", "pain") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  const std::string_view names[] = {"log", "pain", "config"};
  CHECK(closest_match("lgo", names) == "log");
  CHECK(closest_match("conf", names) == "config");  // a prefix
  CHECK_FALSE(closest_match("xyzzy", names));
}

TEST_CASE("trim and case") {
  CHECK(trim("  a b \n") == "a b");
  CHECK(ascii_lower("MiXeD") == "mixed");
  CHECK(ascii_upper("w47") == "W47");
}

TEST_CASE("hidden controls (C1, bidi) are escaped wherever text is shown") {
  CHECK(printable("a\u202Eb") == "a\\u202eb");
  CHECK(printable("x\u0085y\u009Bz") == "x\\u0085y\\u009bz");
  CHECK(printable("\u2066iso\u2069 \u200E\u200F\u061C") == "\\u2066iso\\u2069 \\u200e\\u200f\\u061c");
  CHECK(printable("caf\u00E9 \u00A0 \u2013 \u2070") == "caf\u00E9 \u00A0 \u2013 \u2070");  // neighbours stay
  CHECK(without_hidden_controls("note \u202Eevil\nline 2 \u009B31m") == "note \\u202eevil\nline 2 \\u009b31m");
  CHECK(without_hidden_controls("plain \u00FC\xff") == "plain \u00FC\xff");  // nothing else changes
  for (char32_t code : {char32_t{0x80}, char32_t{0x9F}, char32_t{0x202A}, char32_t{0x202E}, char32_t{0x2066},
                        char32_t{0x2069}, char32_t{0x200E}, char32_t{0x200F}, char32_t{0x061C}}) {
    CHECK(is_hidden_control(code));
  }
  for (char32_t code : {char32_t{0x7F}, char32_t{0xA0}, char32_t{0x2029}, char32_t{0x202F}, char32_t{0x2065},
                        char32_t{0x206A}, char32_t{0x200D}, char32_t{'a'}}) {
    CHECK_FALSE(is_hidden_control(code));
  }
}
