#include <doctest/doctest.h>

#include "niggle/core/date.hpp"
#include "niggle/core/error.hpp"

using namespace niggle;

namespace {
Date ymd(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }
const Date kToday = ymd(2026, 11, 24);  // a Tuesday
}  // namespace

TEST_CASE("try_parse_iso_date") {
  CHECK(try_parse_iso_date("2026-11-24") == kToday);
  CHECK(try_parse_iso_date("2024-02-29") == ymd(2024, 2, 29));
  CHECK_FALSE(try_parse_iso_date("2026-02-29"));  // not a leap year
  CHECK_FALSE(try_parse_iso_date("2026-02-30"));
  CHECK_FALSE(try_parse_iso_date("2026-13-01"));
  CHECK_FALSE(try_parse_iso_date("2026-00-10"));
  CHECK_FALSE(try_parse_iso_date("2026-1-5"));
  CHECK_FALSE(try_parse_iso_date("1899-12-31"));
  CHECK_FALSE(try_parse_iso_date("2026-11-24x"));
  CHECK_FALSE(try_parse_iso_date("２０２６-11-24"));
}

TEST_CASE("Date arithmetic and weekdays") {
  CHECK(kToday.weekday() == Weekday::tuesday);
  CHECK(kToday.iso() == "2026-11-24");
  CHECK(ymd(2026, 12, 31).plus_days(1) == ymd(2027, 1, 1));
  CHECK(ymd(2024, 3, 1).minus_days(1) == ymd(2024, 2, 29));
  CHECK(ymd(2026, 1, 1).days_until(ymd(2026, 12, 31)) == 364);
}

TEST_CASE("parse_date") {
  SUBCASE("words") {
    CHECK(parse_date("today", kToday) == kToday);
    CHECK(parse_date("Yesterday", kToday) == ymd(2026, 11, 23));
    CHECK(parse_date("tomorrow", kToday) == ymd(2026, 11, 25));
  }
  SUBCASE("a weekday is the most recent one, today included") {
    CHECK(parse_date("tuesday", kToday) == kToday);
    CHECK(parse_date("mon", kToday) == ymd(2026, 11, 23));
    CHECK(parse_date("wed", kToday) == ymd(2026, 11, 18));
    CHECK(parse_date("Sunday", kToday) == ymd(2026, 11, 22));
    CHECK(parse_date("thurs", kToday) == ymd(2026, 11, 19));
  }
  SUBCASE("offsets") {
    CHECK(parse_date("-3d", kToday) == ymd(2026, 11, 21));
    CHECK(parse_date("-2w", kToday) == ymd(2026, 11, 10));
    CHECK(parse_date("+1d", kToday) == ymd(2026, 11, 25));
    CHECK(parse_date("-0d", kToday) == kToday);
  }
  SUBCASE("ISO dates and their errors") {
    CHECK(parse_date("2026-01-05", kToday) == ymd(2026, 1, 5));
    CHECK_THROWS_WITH(parse_date("2026-02-30", kToday), doctest::Contains("does not exist"));
    CHECK_THROWS_WITH(parse_date("someday", kToday), doctest::Contains("'someday' is not understood"));
    CHECK_THROWS_AS(parse_date("", kToday), ValueError);
    CHECK_THROWS_AS(parse_date("-3x", kToday), ValueError);
    CHECK_THROWS_AS(parse_date("-d", kToday), ValueError);
    CHECK_THROWS_AS(parse_date("-99999999d", kToday), ValueError);
    CHECK_THROWS_AS(parse_date("mo", kToday), ValueError);
  }
}

TEST_CASE("week_start") {
  CHECK(week_start(kToday, Weekday::monday) == ymd(2026, 11, 23));
  CHECK(week_start(kToday, Weekday::sunday) == ymd(2026, 11, 22));
  CHECK(week_start(ymd(2026, 11, 22), Weekday::monday) == ymd(2026, 11, 16));  // a Sunday
  CHECK(week_start(ymd(2026, 11, 22), Weekday::sunday) == ymd(2026, 11, 22));
}

TEST_CASE("iso_week") {
  CHECK(iso_week_label(kToday) == "2026-W48");
  CHECK(iso_week_label(ymd(2026, 11, 16)) == "2026-W47");
  // Year boundaries: 2027-01-01 is a Friday, in 2026's week 53.
  CHECK(iso_week_label(ymd(2027, 1, 1)) == "2026-W53");
  CHECK(iso_week_label(ymd(2027, 1, 4)) == "2027-W01");
  // 2024-12-30 is a Monday in 2025's week 1.
  CHECK(iso_week_label(ymd(2024, 12, 30)) == "2025-W01");
  CHECK(iso_week_label(ymd(2021, 1, 3)) == "2020-W53");
}

TEST_CASE("parse_iso_week") {
  CHECK(parse_iso_week("2026-W47") == ymd(2026, 11, 16));
  CHECK(parse_iso_week("2026w48") == ymd(2026, 11, 23));
  CHECK(parse_iso_week("2025-W01") == ymd(2024, 12, 30));
  CHECK(parse_iso_week("2026-W53") == ymd(2026, 12, 28));
  CHECK_THROWS_WITH(parse_iso_week("2025-W53"), doctest::Contains("52 ISO weeks"));
  CHECK_THROWS_AS(parse_iso_week("2026-W00"), ValueError);
  CHECK_THROWS_AS(parse_iso_week("2026-W54"), ValueError);
  CHECK_THROWS_AS(parse_iso_week("2026-47"), ValueError);
}

TEST_CASE("parse_date: dates as people say them") {
  const Date tuesday = ymd(2026, 11, 24);
  SUBCASE("days and weeks ago, and ahead") {
    CHECK(parse_date("2 days ago", tuesday) == ymd(2026, 11, 22));
    CHECK(parse_date("1 day ago", tuesday) == ymd(2026, 11, 23));
    CHECK(parse_date("a week ago", tuesday) == ymd(2026, 11, 17));
    CHECK(parse_date("3 Weeks Ago", tuesday) == ymd(2026, 11, 3));
    CHECK(parse_date("0 days ago", tuesday) == tuesday);
    CHECK(parse_date("in 3 days", tuesday) == ymd(2026, 11, 27));
    CHECK(parse_date("2 weeks ahead", tuesday) == ymd(2026, 12, 8));
    CHECK(parse_date("  24 days ago ", tuesday) == ymd(2026, 10, 31));  // across a month end
    CHECK(parse_date("-1w", ymd(2027, 1, 3)) == ymd(2026, 12, 27));    // across a year end
    CHECK_THROWS_WITH(parse_date("2 fortnights ago", tuesday), doctest::Contains("'3 days ago'"));
    CHECK_THROWS_AS(parse_date("x days ago", tuesday), ValueError);
    CHECK_THROWS_AS(parse_date("999999 days ago", tuesday), ValueError);
  }
  SUBCASE("last and next weekday: never today") {
    CHECK(parse_date("last monday", tuesday) == ymd(2026, 11, 23));
    CHECK(parse_date("last tue", tuesday) == ymd(2026, 11, 17));
    CHECK(parse_date("last wednesday", tuesday) == ymd(2026, 11, 18));
    CHECK(parse_date("next monday", tuesday) == ymd(2026, 11, 30));
    CHECK(parse_date("next tuesday", tuesday) == ymd(2026, 12, 1));
    CHECK(parse_date("next wed", tuesday) == ymd(2026, 11, 25));
    CHECK(parse_date("this friday", tuesday) == ymd(2026, 11, 27));
    CHECK(parse_date("last week", tuesday) == ymd(2026, 11, 17));
    CHECK(parse_date("next sunday", ymd(2026, 12, 31)) == ymd(2027, 1, 3));
    CHECK_THROWS_AS(parse_date("last month", tuesday), ValueError);
  }
  SUBCASE("a bare weekday: backwards for the journal, forwards for planning, today included") {
    CHECK(parse_date("tue", tuesday) == tuesday);
    CHECK(parse_date("tue", tuesday, DateDirection::future) == tuesday);
    CHECK(parse_date("mon", tuesday, DateDirection::future) == ymd(2026, 11, 30));
    CHECK(parse_date("wed", tuesday, DateDirection::future) == ymd(2026, 11, 25));
    CHECK(parse_date("wed", tuesday, DateDirection::past) == ymd(2026, 11, 18));
  }
  SUBCASE("a day of a month") {
    CHECK(parse_date("nov 9", tuesday) == ymd(2026, 11, 9));
    CHECK(parse_date("9 nov", tuesday) == ymd(2026, 11, 9));
    CHECK(parse_date("9 November", tuesday) == ymd(2026, 11, 9));
    CHECK(parse_date("November 9th, 2025", tuesday) == ymd(2025, 11, 9));
    CHECK(parse_date("24 nov", tuesday) == tuesday);
    // Without a year: the most recent such day, or for planning the next one.
    CHECK(parse_date("dec 1", tuesday) == ymd(2025, 12, 1));
    CHECK(parse_date("dec 1", tuesday, DateDirection::future) == ymd(2026, 12, 1));
    CHECK(parse_date("nov 9", tuesday, DateDirection::future) == ymd(2027, 11, 9));
    CHECK(parse_date("31 dec", ymd(2027, 1, 2)) == ymd(2026, 12, 31));
    CHECK(parse_date("sept 30", tuesday) == ymd(2026, 9, 30));
    // February 29th: the last leap day, or the next one.
    CHECK(parse_date("29 feb", tuesday) == ymd(2024, 2, 29));
    CHECK(parse_date("29 feb", tuesday, DateDirection::future) == ymd(2028, 2, 29));
    CHECK(parse_date("29 feb 2028", tuesday) == ymd(2028, 2, 29));
    CHECK_THROWS_WITH(parse_date("29 feb 2027", tuesday), doctest::Contains("does not exist"));
    CHECK_THROWS_WITH(parse_date("31 nov", tuesday), doctest::Contains("does not exist"));
    CHECK_THROWS_AS(parse_date("nov 32", tuesday), ValueError);
    CHECK_THROWS_AS(parse_date("nov 9 26", tuesday), ValueError);
    CHECK_THROWS_AS(parse_date("9 nov 1899", tuesday), ValueError);
  }
  SUBCASE("ISO dates without padding, and ISO weeks") {
    CHECK(parse_date("2026-11-9", tuesday) == ymd(2026, 11, 9));
    CHECK(parse_date("2026-1-5", tuesday) == ymd(2026, 1, 5));
    CHECK(parse_date("2024-2-29", tuesday) == ymd(2024, 2, 29));
    CHECK_THROWS_WITH(parse_date("2025-2-29", tuesday), doctest::Contains("does not exist"));
    CHECK_THROWS_AS(parse_date("2026-11-", tuesday), ValueError);
    CHECK_THROWS_AS(parse_date("2026-111-1", tuesday), ValueError);
    CHECK(parse_date("2026-W47", tuesday) == ymd(2026, 11, 16));
    CHECK(parse_date("2026w48", tuesday) == ymd(2026, 11, 23));
    CHECK(parse_date("2026-W01", tuesday) == ymd(2025, 12, 29));  // week 1 starts in the year before
    CHECK(parse_date("2026-W53", tuesday) == ymd(2026, 12, 28));
    CHECK_THROWS_WITH(parse_date("2025-W53", tuesday), doctest::Contains("52 ISO weeks"));
  }
  SUBCASE("the error lists every form") {
    try {
      parse_date("someday", tuesday);
      FAIL("accepted");
    } catch (const ValueError& e) {
      const std::string message = e.what();
      for (const char* form : {"2026-11-24", "2026-W47", "yesterday", "'3 days ago'", "'last mon'", "'next mon'",
                               "'nov 9'", "'9 nov'"})
        CHECK(message.find(form) != std::string::npos);
    }
  }
}
