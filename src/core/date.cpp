#include "niggle/core/date.hpp"

#include <array>
#include <charconv>
#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> kWeekdayNames = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> kWeekdayShort = {"Mon", "Tue", "Wed", "Thu",
                                                           "Fri", "Sat", "Sun"};

// Parses exactly `width` ASCII digits.
std::optional<unsigned> fixed_digits(std::string_view text, std::size_t width) {
  if (text.size() != width) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

std::string accepted_forms() {
  return "use YYYY-MM-DD, today, yesterday, a weekday name such as mon, or an offset such as -3d or -2w";
}

}  // namespace

std::string_view weekday_name(Weekday day) { return kWeekdayNames[static_cast<std::size_t>(day)]; }
std::string_view weekday_short_name(Weekday day) {
  return kWeekdayShort[static_cast<std::size_t>(day)];
}

std::optional<Weekday> parse_weekday(std::string_view text) {
  const std::string lower = ascii_lower(text);
  if (lower.size() < 3) return std::nullopt;
  for (std::size_t i = 0; i < kWeekdayNames.size(); ++i) {
    // Any prefix of the full name from three letters on: "thu", "thurs", "thursday".
    if (kWeekdayNames[i].substr(0, lower.size()) == lower) return static_cast<Weekday>(i);
  }
  if (lower == "tues") return Weekday::tuesday;
  return std::nullopt;
}

std::optional<Date> Date::from_ymd(int year, unsigned month, unsigned day) {
  const year_month_day ymd{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!ymd.ok()) return std::nullopt;
  return Date(std::chrono::sys_days{ymd});
}

int Date::year() const { return static_cast<int>(year_month_day{days_}.year()); }
unsigned Date::month() const { return static_cast<unsigned>(year_month_day{days_}.month()); }
unsigned Date::day() const { return static_cast<unsigned>(year_month_day{days_}.day()); }

Weekday Date::weekday() const {
  // iso_encoding(): Monday = 1 ... Sunday = 7.
  return static_cast<Weekday>(std::chrono::weekday{days_}.iso_encoding() - 1);
}

std::string Date::iso() const { return fmt::format("{:04}-{:02}-{:02}", year(), month(), day()); }

std::optional<Date> try_parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = fixed_digits(text.substr(0, 4), 4);
  const auto m = fixed_digits(text.substr(5, 2), 2);
  const auto d = fixed_digits(text.substr(8, 2), 2);
  if (!y || !m || !d || *y < 1900) return std::nullopt;
  return Date::from_ymd(static_cast<int>(*y), *m, *d);
}

Date parse_date(std::string_view text, Date today) {
  const std::string trimmed{trim(text)};
  const std::string lower = ascii_lower(trimmed);
  if (lower.empty()) throw ValueError(fmt::format("the date is empty; {}", accepted_forms()));
  if (lower == "today") return today;
  if (lower == "yesterday") return today.minus_days(1);
  if (lower == "tomorrow") return today.plus_days(1);
  if (auto weekday = parse_weekday(lower)) {
    const int back = (static_cast<int>(today.weekday()) - static_cast<int>(*weekday) + 7) % 7;
    return today.minus_days(back);
  }
  if ((lower[0] == '-' || lower[0] == '+') && lower.size() >= 3) {
    const char unit = lower.back();
    const std::string_view digits = std::string_view(lower).substr(1, lower.size() - 2);
    unsigned count = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), count);
    if (ec == std::errc() && end == digits.data() + digits.size() && (unit == 'd' || unit == 'w') &&
        count <= 36500) {
      const std::int64_t days = static_cast<std::int64_t>(count) * (unit == 'w' ? 7 : 1);
      return lower[0] == '-' ? today.minus_days(days) : today.plus_days(days);
    }
  }
  if (auto date = try_parse_iso_date(lower)) return *date;
  // Say why a date-shaped value is wrong: February 30th deserves a better answer than "not a date".
  if (lower.size() == 10 && lower[4] == '-' && lower[7] == '-' && fixed_digits(lower.substr(0, 4), 4) &&
      fixed_digits(lower.substr(5, 2), 2) && fixed_digits(lower.substr(8, 2), 2)) {
    throw ValueError(fmt::format("date '{}' does not exist in the calendar (years from 1900); {}",
                                 printable(trimmed), accepted_forms()));
  }
  throw ValueError(fmt::format("date '{}' is not understood; {}", printable(trimmed), accepted_forms()));
}

Date week_start(Date day, Weekday first) {
  const int back = (static_cast<int>(day.weekday()) - static_cast<int>(first) + 7) % 7;
  return day.minus_days(back);
}

IsoWeek iso_week(Date day) {
  // The ISO week belongs to the year that holds its Thursday.
  const Date thursday = week_start(day, Weekday::monday).plus_days(3);
  const Date jan1 = *Date::from_ymd(thursday.year(), 1, 1);
  const auto week = static_cast<unsigned>(jan1.days_until(thursday) / 7 + 1);
  return IsoWeek{thursday.year(), week};
}

std::string iso_week_label(Date day) {
  const IsoWeek week = iso_week(day);
  return fmt::format("{:04}-W{:02}", week.year, week.week);
}

Date parse_iso_week(std::string_view text) {
  const std::string upper = ascii_upper(trim(text));
  const auto fail = [&] {
    return ValueError(fmt::format(
        "week '{}' is not understood; use an ISO week such as 2026-W47 (weeks 01-53)", printable(text)));
  };
  std::string_view rest = upper;
  if (rest.size() < 7) throw fail();
  const auto year = fixed_digits(rest.substr(0, 4), 4);
  rest.remove_prefix(4);
  if (!rest.empty() && rest[0] == '-') rest.remove_prefix(1);
  if (rest.size() != 3 || rest[0] != 'W' || !year || *year < 1900) throw fail();
  const auto week = fixed_digits(rest.substr(1), 2);
  if (!week || *week < 1 || *week > 53) throw fail();
  // Week 1 is the week holding January 4th.
  const Date week1 = week_start(*Date::from_ymd(static_cast<int>(*year), 1, 4), Weekday::monday);
  const Date monday = week1.plus_days(static_cast<std::int64_t>(*week - 1) * 7);
  if (iso_week(monday).year != static_cast<int>(*year)) {
    throw ValueError(fmt::format("week '{}' does not exist: {} has 52 ISO weeks", printable(text), *year));
  }
  return monday;
}

}  // namespace niggle
