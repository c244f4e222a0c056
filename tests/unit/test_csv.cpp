#include <doctest/doctest.h>

#include "niggle/core/csv.hpp"
#include "niggle/core/error.hpp"

using namespace niggle;
using Rows = std::vector<std::vector<std::string>>;

TEST_CASE("parse_csv") {
  SUBCASE("plain") { CHECK(parse_csv("a,b\n1,2\n") == Rows{{"a", "b"}, {"1", "2"}}); }
  SUBCASE("no final newline, CRLF, empty fields") {
    CHECK(parse_csv("a,b\r\n1,\r\n,2") == Rows{{"a", "b"}, {"1", ""}, {"", "2"}});
  }
  SUBCASE("quotes, doubled quotes, separators and newlines inside quotes") {
    CHECK(parse_csv("\"Oct 6, 2022, 11:19:20 PM\",\"say \"\"hi\"\"\",\"two\nlines\"\n") ==
          Rows{{"Oct 6, 2022, 11:19:20 PM", "say \"hi\"", "two\nlines"}});
  }
  SUBCASE("a byte-order mark is not part of the first field") {
    CHECK(parse_csv("\xEF\xBB\xBFId,Name\n1,x\n") == Rows{{"Id", "Name"}, {"1", "x"}});
  }
  SUBCASE("another separator") { CHECK(parse_csv("a\tb,c\n", '\t') == Rows{{"a", "b,c"}}); }
  SUBCASE("line numbers count newlines inside quotes") {
    CsvReader reader("h\n\"a\nb\"\nc\n");
    reader.next();
    CHECK(reader.line() == 1);
    reader.next();
    CHECK(reader.line() == 2);
    reader.next();
    CHECK(reader.line() == 4);
    CHECK_FALSE(reader.next());
  }
  SUBCASE("errors name the line") {
    CHECK_THROWS_WITH_AS(parse_csv("a\n\"open"), doctest::Contains("line 2: a quoted field is never closed"), ValueError);
    CHECK_THROWS_WITH_AS(parse_csv("\"a\"b\n"), doctest::Contains("line 1: text after a closing quote"), ValueError);
  }
}

TEST_CASE("csv_field and csv_record round-trip through parse_csv") {
  const std::vector<std::string> fields = {"plain", "comma, inside", "quote \"q\"", "new\nline", "", "🏃 ünïcode"};
  const std::string text = csv_record(fields);
  CHECK(text == "plain,\"comma, inside\",\"quote \"\"q\"\"\",\"new\nline\",,🏃 ünïcode\n");
  CHECK(parse_csv(text) == Rows{fields});
}

TEST_CASE("csv_field quotes a leading byte-order mark, which would otherwise be lost") {
  // Found by the csv fuzz target's round-trip check (fuzz/regressions/csv/leading-bom).
  const std::vector<std::string> fields = {"\xEF\xBB\xBF" "date", "km"};
  const std::string text = csv_record(fields);
  CHECK(text == "\"\xEF\xBB\xBF" "date\",km\n");
  CHECK(parse_csv(text) == Rows{fields});
}

TEST_CASE("tsv_field") {
  CHECK(tsv_field("a\tb\nc\\d") == "a\\tb\\nc\\\\d");
  CHECK(tsv_field("plain") == "plain");
}

TEST_CASE("spreadsheet_safe: formula cells get an apostrophe, and from_spreadsheet_safe takes exactly it off") {
  for (const char* formula : {"=1+1", "+SUM(A1)", "-2+3", "@SUM(1)", "\tx", "\rx", "-", "=", "- a list", "-1e5", "+-1"}) {
    CAPTURE(formula);
    CHECK(spreadsheet_safe(formula) == std::string("'") + formula);
    CHECK(from_spreadsheet_safe(spreadsheet_safe(formula)) == formula);
  }
  // plain numbers and ordinary text are left alone
  for (const char* plain : {"-5", "+3.5", "12", "0.25", "", "run", "a=b", "'quoted'", "'", "''", "2026-11-24"}) {
    CAPTURE(plain);
    CHECK(spreadsheet_safe(plain) == plain);
    CHECK(from_spreadsheet_safe(plain) == plain);
  }
  // apostrophes already in front of a formula: one more on the way out, one less on the way in
  CHECK(spreadsheet_safe("'=x") == "''=x");
  CHECK(spreadsheet_safe("''+x") == "'''+x");
  CHECK(from_spreadsheet_safe("''=x") == "'=x");
  CHECK(from_spreadsheet_safe("'=x") == "=x");
  for (const char* text : {"'=x", "''+x", "'-", "'''@"}) CHECK(from_spreadsheet_safe(spreadsheet_safe(text)) == text);
}
