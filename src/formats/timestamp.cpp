#include "niggle/formats/timestamp.hpp"

#include <charconv>
#include <cmath>
#include <ctime>
#include <fmt/format.h>

#include "niggle/core/text.hpp"

namespace niggle {
namespace {

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

LocalTime local_from_tm(const std::tm& tm) {
  return LocalTime{*Date::from_ymd(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday)),
                   fmt::format("{:02}:{:02}:{:02}", tm.tm_hour, tm.tm_min, tm.tm_sec)};
}

}  // namespace

std::optional<UnixTime> parse_iso_timestamp(std::string_view raw) {
  const std::string_view text = trim(raw);
  // YYYY-MM-DDThh:mm:ss
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  const auto hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
    return std::nullopt;
  }
  const auto date = Date::from_ymd(*year, static_cast<unsigned>(*month), static_cast<unsigned>(*day));
  if (!date) return std::nullopt;
  double fraction = 0;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    const std::size_t start = at++;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == start + 1) return std::nullopt;
    std::from_chars(text.data() + start, text.data() + at, fraction, std::chars_format::fixed);
  }
  int offset_seconds = 0;
  if (at < text.size()) {
    const std::string_view zone = text.substr(at);
    if (zone == "Z" || zone == "z") {
      offset_seconds = 0;
    } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 6 || zone.size() == 5 || zone.size() == 3)) {
      const auto zh = digits(zone, 1, 2);
      const std::size_t minutes_at = zone.size() == 6 ? 4 : 3;
      const auto zm = zone.size() == 3 ? std::optional<int>(0) : digits(zone, minutes_at, 2);
      if (!zh || !zm || (zone.size() == 6 && zone[3] != ':') || *zh > 23 || *zm > 59) return std::nullopt;
      offset_seconds = (*zh * 3600 + *zm * 60) * (zone[0] == '+' ? 1 : -1);
    } else {
      return std::nullopt;
    }
  }
  const double seconds = static_cast<double>(date->days_since_epoch()) * 86400.0 + *hour * 3600 + *minute * 60 +
                         *second + fraction - offset_seconds;
  return seconds;
}

std::string format_utc(UnixTime time) {
  const auto whole = static_cast<std::int64_t>(std::floor(time));
  const std::int64_t days = (whole >= 0 ? whole : whole - 86399) / 86400;
  const std::int64_t rest = whole - days * 86400;
  const Date date = Date{}.plus_days(days);
  return fmt::format("{}T{:02}:{:02}:{:02}Z", date.iso(), rest / 3600, rest / 60 % 60, rest % 60);
}

ToLocal system_time_zone() {
  return [](UnixTime time) {
    const auto t = static_cast<std::time_t>(std::floor(time));
    std::tm local{};
    localtime_r(&t, &local);
    return local_from_tm(local);
  };
}

ToLocal fixed_offset(int minutes_east) {
  return [minutes_east](UnixTime time) {
    const auto t = static_cast<std::time_t>(std::floor(time)) + minutes_east * 60;
    std::tm shifted{};
    gmtime_r(&t, &shifted);
    return local_from_tm(shifted);
  };
}

}  // namespace niggle
