// `--date` expressions and NIGGLE_TODAY: "2026-11-24", "yesterday", "mon", "-3d", "+1w",
// "2 days ago", "last mon", "9 nov", "2026-W47".
#include "fuzz.hpp"
#include "niggle/core/date.hpp"
#include "niggle/core/input.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(date) {
  const std::string_view text = fuzz::as_text(data, size);
  // Ordinary days and the edges of the accepted years.
  for (const Date today : {*Date::from_ymd(2026, 11, 24), *Date::from_ymd(1900, 1, 1), *Date::from_ymd(9999, 12, 31),
                           *Date::from_ymd(2024, 2, 29)}) {
    Date date;
    if (fuzz::accepts([&] { date = parse_date(text, today); })) {
      if (date.year() >= 1900 && date.year() <= 9999) FUZZ_CHECK(try_parse_iso_date(date.iso()) == date);
    }
    // Planning's reading differs only for a bare weekday or a day without a year, which then
    // lie on or after today where the journal's reading lies on or before it.
    Date ahead;
    if (fuzz::accepts([&] { ahead = parse_date(text, today, DateDirection::future); })) {
      FUZZ_CHECK(fuzz::accepts([&] { (void)parse_date(text, today); }));
      if (ahead != date) FUZZ_CHECK(date <= today && ahead >= today);
    }
    Date past;
    if (fuzz::accepts([&] { past = parse_past_date(text, today); })) FUZZ_CHECK(past <= today);
  }
  if (const auto iso = try_parse_iso_date(text)) FUZZ_CHECK(iso->iso() == text);
  if (const auto weekday = parse_weekday(text)) FUZZ_CHECK(parse_weekday(weekday_name(*weekday)) == weekday);
  return 0;
}
