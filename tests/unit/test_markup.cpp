#include <doctest/doctest.h>

#include "niggle/views/markup.hpp"

using namespace niggle;

TEST_CASE("clean_text") {
  SUBCASE("keeps text, tabs, newlines and any valid UTF-8") {
    CHECK(clean_text("Hüfte\tlinks\nzwölf km 🏃") == "Hüfte\tlinks\nzwölf km 🏃");
  }
  SUBCASE("control characters become U+FFFD") {
    CHECK(clean_text("a\x1b[31mb") == "a\xEF\xBF\xBD[31mb");
    CHECK(clean_text(std::string("x\0y", 3)) == "x\xEF\xBF\xBDy");
    CHECK(clean_text("del\x7F") == "del\xEF\xBF\xBD");
    CHECK(clean_text("c1\xC2\x85") == "c1\xEF\xBF\xBD");  // U+0085, a C1 control
  }
  SUBCASE("a Windows line end is a newline; a lone carriage return is a control") {
    CHECK(clean_text("a\r\nb") == "a\nb");
    CHECK(clean_text("a\rb") == "a\xEF\xBF\xBD" "b");
  }
  SUBCASE("bytes that are not UTF-8 become U+FFFD, one each") {
    CHECK(clean_text("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
    CHECK(clean_text("\xC3") == "\xEF\xBF\xBD");                      // cut short
    CHECK(clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");      // overlong '/'
    CHECK(clean_text("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  }
  SUBCASE("non-characters XML refuses") { CHECK(clean_text("\xEF\xBF\xBF") == "\xEF\xBF\xBD"); }
}

TEST_CASE("html_escape") {
  CHECK(html_escape("<script>alert(\"x\")</script> & 'y'") ==
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
  CHECK(html_escape("&amp;") == "&amp;amp;");  // an entity in a note is text, not an entity
  CHECK(html_escape("]]>") == "]]&gt;");
  CHECK(html_escape("plain words, 5.2 km") == "plain words, 5.2 km");
  CHECK(html_escape("bell\x07") == "bell\xEF\xBF\xBD");
}

TEST_CASE("markdown_escape") {
  SUBCASE("inline markup is escaped") {
    CHECK(markdown_escape("*not bold* _nor this_") == "\\*not bold\\* \\_nor this\\_");
    CHECK(markdown_escape("[a link](http://example.invalid)") == "\\[a link\\](http://example.invalid)");
    CHECK(markdown_escape("![img](x)") == "\\!\\[img\\](x)");
    CHECK(markdown_escape("`code`") == "\\`code\\`");
    CHECK(markdown_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>");
    CHECK(markdown_escape("&lt;") == "\\&lt;");
    CHECK(markdown_escape("a | b") == "a \\| b");
    CHECK(markdown_escape("~~gone~~") == "\\~\\~gone\\~\\~");
    CHECK(markdown_escape("back\\slash") == "back\\\\slash");
  }
  SUBCASE("a line start that would open a block is escaped") {
    CHECK(markdown_escape("# not a heading") == "\\# not a heading");
    CHECK(markdown_escape("- not a list") == "\\- not a list");
    CHECK(markdown_escape("+ nor this") == "\\+ nor this");
    CHECK(markdown_escape("> not a quote") == "\\> not a quote");
    CHECK(markdown_escape("12. not a numbered list") == "12\\. not a numbered list");
    CHECK(markdown_escape("3) nor this") == "3\\) nor this");
    CHECK(markdown_escape("===") == "\\===");
    CHECK(markdown_escape("    not code") == "not code");
    CHECK(markdown_escape("5.2 km") == "5.2 km");  // a number is not a list
  }
  SUBCASE("lines stay in one item, or one table cell") {
    CHECK(markdown_escape("first\n- second") == "first\\\n\\- second");
    CHECK(markdown_escape("first\nsecond", true) == "first / second");
    CHECK(markdown_escape("trailing   \n") == "trailing");
  }
}
