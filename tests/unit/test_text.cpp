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
