#pragma once
// Calendar dates without time zones: a journal entry belongs to the local day the user
// lived it. Pure functions only; "today" is always passed in, never read from a clock here.
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace niggle {

// Monday first, as ISO 8601 counts them.
enum class Weekday { monday, tuesday, wednesday, thursday, friday, saturday, sunday };

std::string_view weekday_name(Weekday day);        // "monday"
std::string_view weekday_short_name(Weekday day);  // "Mon"
std::optional<Weekday> parse_weekday(std::string_view text);  // "mon", "Monday", "thurs"

class Date {
 public:
  constexpr Date() = default;  // 1970-01-01
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}
  static std::optional<Date> from_ymd(int year, unsigned month, unsigned day);

  int year() const;
  unsigned month() const;
  unsigned day() const;
  Weekday weekday() const;
  std::int64_t days_since_epoch() const { return days_.time_since_epoch().count(); }
  std::chrono::sys_days sys_days() const { return days_; }

  Date plus_days(std::int64_t n) const { return Date(days_ + std::chrono::days(n)); }
  Date minus_days(std::int64_t n) const { return plus_days(-n); }
  std::int64_t days_until(Date later) const { return (later.days_ - days_).count(); }

  std::string iso() const;  // "2026-11-24"

  friend constexpr auto operator<=>(const Date&, const Date&) = default;
  friend constexpr bool operator==(const Date&, const Date&) = default;

 private:
  std::chrono::sys_days days_{};
};

// Strict ISO 8601 calendar date, YYYY-MM-DD, years 1900-9999; nullopt if not one.
std::optional<Date> try_parse_iso_date(std::string_view text);

// Which way a bare weekday or a day of the month without a year points: into the past for
// a journal ("mon" is the most recent Monday, today included), into the future for
// planning (`advise --date mon` is the next Monday, today included).
enum class DateDirection { past, future };

// What every `--date`, `--since` and `--until` accepts, case-insensitive:
//   an ISO date (2026-11-24, also 2026-11-9), an ISO week (2026-W47: its Monday),
//   today, yesterday, tomorrow, N days ago, N weeks ago, in N days, in N weeks,
//   an offset (-3d, -2w, +1d), a weekday (mon), last monday, next monday,
//   a day of a month (nov 9, 9 nov, 9 november, with an optional year: 9 nov 2026).
// Throws ValueError naming the value and listing the accepted forms.
Date parse_date(std::string_view text, Date today, DateDirection direction = DateDirection::past);

// The accepted forms, as the error message lists them (for help texts).
std::string_view date_forms();

// The first day of the week holding `day`, for weeks starting on `first`.
Date week_start(Date day, Weekday first);

struct IsoWeek {
  int year;
  unsigned week;  // 1-53
  friend bool operator==(const IsoWeek&, const IsoWeek&) = default;
};
IsoWeek iso_week(Date day);
std::string iso_week_label(Date day);  // "2026-W48"
// The Monday of an ISO week written "2026-W47" (or "2026W47"); throws ValueError.
Date parse_iso_week(std::string_view text);

}  // namespace niggle
