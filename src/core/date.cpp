#include "niggle/core/date.hpp"

#include <array>
#include <charconv>
#include <vector>
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

constexpr std::string_view kDateForms =
    "accepted: 2026-11-24 (or 2026-11-9), 2026-W47 (its Monday), today, yesterday, tomorrow, "
    "'3 days ago', '2 weeks ago', 'in 3 days', -3d, +1w, a weekday (mon), 'last mon', 'next mon', "
    "'nov 9', '9 nov', '9 november 2026'";

constexpr std::array<std::string_view, 12> kMonthNames = {"january", "february", "march",     "april",
                                                          "may",     "june",     "july",      "august",
                                                          "september", "october", "november", "december"};

// "nov", "November", "sept": a prefix of a month's name from three letters on.
std::optional<unsigned> parse_month(std::string_view text) {
  if (text.size() < 3) return std::nullopt;
  if (text == "sept") return 9;
  for (std::size_t i = 0; i < kMonthNames.size(); ++i)
    if (kMonthNames[i].substr(0, text.size()) == text) return static_cast<unsigned>(i + 1);
  return std::nullopt;
}

// One or more ASCII digits, at most `max_digits` of them.
std::optional<unsigned> digits(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

// "1st", "2nd", "9th": a day of the month may carry its English suffix.
std::optional<unsigned> day_of_month(std::string_view text) {
  for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
    if (text.size() > 2 && text.ends_with(suffix)) {
      text.remove_suffix(2);
      break;
    }
  }
  const auto day = digits(text, 2);
  if (!day || *day < 1 || *day > 31) return std::nullopt;
  return day;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == ',')) ++i;
    const std::size_t begin = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != ',') ++i;
    if (i > begin) words.push_back(text.substr(begin, i - begin));
  }
  return words;
}

// "3", "a", "one": how many days or weeks.
std::optional<std::int64_t> count_of(std::string_view text) {
  if (text == "a" || text == "an" || text == "one") return 1;
  const auto value = digits(text, 5);
  if (!value || *value > 36500) return std::nullopt;
  return static_cast<std::int64_t>(*value);
}

// "day", "days", "week", "weeks", "d", "w": days per unit, or nullopt.
std::optional<std::int64_t> unit_days(std::string_view text) {
  if (text == "day" || text == "days" || text == "d") return 1;
  if (text == "week" || text == "weeks" || text == "w" || text == "wk" || text == "wks") return 7;
  return std::nullopt;
}

Date weekday_before(Date today, Weekday weekday, bool today_counts) {
  int back = (static_cast<int>(today.weekday()) - static_cast<int>(weekday) + 7) % 7;
  if (back == 0 && !today_counts) back = 7;
  return today.minus_days(back);
}

Date weekday_after(Date today, Weekday weekday, bool today_counts) {
  int ahead = (static_cast<int>(weekday) - static_cast<int>(today.weekday()) + 7) % 7;
  if (ahead == 0 && !today_counts) ahead = 7;
  return today.plus_days(ahead);
}

// A month and day without a year: the nearest such day in `direction`, today included.
// February 29th looks as far as the next leap year needs (at most eight years).
std::optional<Date> month_day_near(unsigned month, unsigned day, Date today, DateDirection direction) {
  for (int step = 0; step <= 8; ++step) {
    const int year = today.year() + (direction == DateDirection::past ? -step : step);
    const auto date = Date::from_ymd(year, month, day);
    if (!date) continue;
    if (direction == DateDirection::past ? *date <= today : *date >= today) return date;
  }
  return std::nullopt;
}

// The optional year after a day and month, 1900-9999.
std::optional<int> year_of(std::string_view text) {
  const auto year = digits(text, 4);
  if (!year || text.size() != 4 || *year < 1900) return std::nullopt;
  return static_cast<int>(*year);
}

[[noreturn]] void not_understood(std::string_view original) {
  throw ValueError(fmt::format("date '{}' is not understood; {}", printable(original), kDateForms));
}

[[noreturn]] void not_in_calendar(std::string_view original) {
  throw ValueError(
      fmt::format("date '{}' does not exist in the calendar (years 1900-9999); {}", printable(original), kDateForms));
}

// "nov 9", "9 nov", "9 november 2026", "november 9th, 2026"; nullopt when not this shape.
std::optional<Date> month_and_day(const std::vector<std::string_view>& words, std::string_view original, Date today,
                                  DateDirection direction) {
  if (words.size() != 2 && words.size() != 3) return std::nullopt;
  std::optional<unsigned> month, day;
  if ((month = parse_month(words[0]))) {
    day = day_of_month(words[1]);
  } else if ((month = parse_month(words[1]))) {
    day = day_of_month(words[0]);
  }
  if (!month) return std::nullopt;
  if (!day) not_understood(original);
  if (words.size() == 3) {
    const auto year = year_of(words[2]);
    if (!year) not_understood(original);
    const auto date = Date::from_ymd(*year, *month, *day);
    if (!date) not_in_calendar(original);
    return date;
  }
  const auto date = month_day_near(*month, *day, today, direction);
  if (!date) not_in_calendar(original);
  return date;
}

// "2026-11-24", "2026-11-9", "2026-1-5"; nullopt when not this shape.
std::optional<Date> loose_iso_date(std::string_view text, std::string_view original) {
  const std::size_t first = text.find('-');
  if (first != 4) return std::nullopt;
  const std::size_t second = text.find('-', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  const auto year = digits(text.substr(0, 4), 4);
  const auto month = digits(text.substr(first + 1, second - first - 1), 2);
  const auto day = digits(text.substr(second + 1), 2);
  if (!year || !month || !day) return std::nullopt;
  if (*year < 1900) not_in_calendar(original);
  const auto date = Date::from_ymd(static_cast<int>(*year), *month, *day);
  if (!date) not_in_calendar(original);
  return date;
}

}  // namespace

std::string_view date_forms() { return kDateForms; }

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

Date parse_date(std::string_view text, Date today, DateDirection direction) {
  const std::string trimmed{trim(text)};
  const std::string lower = ascii_lower(trimmed);
  if (lower.empty()) throw ValueError(fmt::format("the date is empty; {}", kDateForms));
  const std::vector<std::string_view> words = words_of(lower);
  if (words.empty()) not_understood(trimmed);

  if (words.size() == 1) {
    const std::string_view word = words[0];
    if (word == "today") return today;
    if (word == "yesterday") return today.minus_days(1);
    if (word == "tomorrow") return today.plus_days(1);
    if (auto weekday = parse_weekday(word)) {
      return direction == DateDirection::past ? weekday_before(today, *weekday, true)
                                              : weekday_after(today, *weekday, true);
    }
    if ((word[0] == '-' || word[0] == '+') && word.size() >= 3) {
      const auto count = count_of(word.substr(1, word.size() - 2));
      const auto unit = unit_days(word.substr(word.size() - 1));
      if (count && unit) return word[0] == '-' ? today.minus_days(*count * *unit) : today.plus_days(*count * *unit);
      not_understood(trimmed);
    }
    if (word.size() >= 7 && (word[4] == 'w' || (word[4] == '-' && word[5] == 'w'))) {
      if (!fixed_digits(word.substr(0, 4), 4)) not_understood(trimmed);
      return parse_iso_week(word);  // its own message says which weeks exist
    }
    if (auto date = loose_iso_date(word, trimmed)) return *date;
    not_understood(trimmed);
  }

  // "last monday", "next mon", "this friday".
  if (words.size() == 2 && (words[0] == "last" || words[0] == "next" || words[0] == "this")) {
    if (const auto weekday = parse_weekday(words[1])) {
      if (words[0] == "last") return weekday_before(today, *weekday, false);
      if (words[0] == "next") return weekday_after(today, *weekday, false);
      return week_start(today, Weekday::monday).plus_days(static_cast<int>(*weekday));
    }
    if (words[1] == "week" && words[0] != "this") return words[0] == "last" ? today.minus_days(7) : today.plus_days(7);
    not_understood(trimmed);
  }
  // "3 days ago", "a week ago", "in 2 days", "2 days ahead".
  if (words.size() == 3 && (words[2] == "ago" || words[2] == "ahead" || words[2] == "later")) {
    const auto count = count_of(words[0]);
    const auto unit = unit_days(words[1]);
    if (!count || !unit) not_understood(trimmed);
    return words[2] == "ago" ? today.minus_days(*count * *unit) : today.plus_days(*count * *unit);
  }
  if (words.size() == 3 && words[0] == "in") {
    const auto count = count_of(words[1]);
    const auto unit = unit_days(words[2]);
    if (!count || !unit) not_understood(trimmed);
    return today.plus_days(*count * *unit);
  }
  if (auto date = month_and_day(words, trimmed, today, direction)) return *date;
  not_understood(trimmed);
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
