#include "niggle/formats/activity.hpp"

#include <cmath>
#include <fmt/format.h>

#include "activity_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {

std::string_view format_name(ActivityFormat format) {
  switch (format) {
    case ActivityFormat::gpx: return "GPX";
    case ActivityFormat::tcx: return "TCX";
    case ActivityFormat::fit: return "FIT";
    case ActivityFormat::strava_csv: return "Strava CSV";
  }
  return "?";
}

std::optional<ActivityFormat> detect_activity_format(std::string_view bytes) {
  // FIT: a binary header of 12 or more bytes whose bytes 8-11 are ".FIT".
  if (bytes.size() >= 12 && static_cast<unsigned char>(bytes[0]) >= 12 && bytes.substr(8, 4) == ".FIT") {
    return ActivityFormat::fit;
  }
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  text = trim(text.substr(0, 4096));
  if (!text.empty() && text[0] == '<') {
    // The root element decides, after any XML declaration, comments and doctype.
    std::size_t at = 0;
    while ((at = text.find('<', at)) != std::string_view::npos) {
      const std::string_view rest = text.substr(at + 1);
      if (!rest.empty() && (rest[0] == '?' || rest[0] == '!')) {
        ++at;
        continue;
      }
      std::size_t end = 0;
      while (end < rest.size() && rest[end] != ' ' && rest[end] != '>' && rest[end] != '\n' && rest[end] != '\r' &&
             rest[end] != '\t' && rest[end] != '/')
        ++end;
      std::string_view name = rest.substr(0, end);
      if (const auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
      if (name == "gpx") return ActivityFormat::gpx;
      if (name == "TrainingCenterDatabase") return ActivityFormat::tcx;
      return std::nullopt;
    }
    return std::nullopt;
  }
  const std::string_view first_line = text.substr(0, text.find('\n'));
  const auto names = [&](std::initializer_list<std::string_view> words) {
    for (std::string_view word : words)
      if (first_line.find(word) == std::string_view::npos) return false;
    return true;
  };
  // Strava's activities.csv: today's English header, the German one, or the lower-case
  // header of the export before 2019 ("id,date,name,type,...").
  if (names({"Activity ID", "Activity Date", "Activity Type"}) || names({"Aktivitäts-ID", "Aktivitätsart"}) ||
      first_line.rfind("id,date,name,type,", 0) == 0) {
    return ActivityFormat::strava_csv;
  }
  return std::nullopt;
}

ActivityFile parse_activity_file(std::string_view bytes, const ActivityOptions& options) {
  const auto format = detect_activity_format(bytes);
  if (!format) throw FileError("is not a GPX, TCX, FIT or Strava activities.csv file");
  switch (*format) {
    case ActivityFormat::gpx: return parse_gpx(bytes, options);
    case ActivityFormat::tcx: return parse_tcx(bytes, options);
    case ActivityFormat::fit: return parse_fit(bytes, options);
    case ActivityFormat::strava_csv: return parse_strava_csv(bytes, options);
  }
  throw FileError("unknown format");
}

double great_circle_metres(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthRadius = 6'371'008.8;  // mean radius (IUGG), metres
  constexpr double kRadians = 3.14159265358979323846 / 180.0;
  const double phi1 = lat1 * kRadians, phi2 = lat2 * kRadians;
  const double dphi = (lat2 - lat1) * kRadians, dlambda = (lon2 - lon1) * kRadians;
  const double a = std::sin(dphi / 2) * std::sin(dphi / 2) +
                   std::cos(phi1) * std::cos(phi2) * std::sin(dlambda / 2) * std::sin(dlambda / 2);
  return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(a)));
}

std::string content_key(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("{:016x}", hash);
}

std::uint16_t fit_crc(std::string_view bytes, std::uint16_t crc) {
  // Bit by bit, least significant bit first: the reflected form of polynomial 0x8005.
  for (const unsigned char byte : bytes) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = static_cast<std::uint16_t>((crc & 1) ? (crc >> 1) ^ 0xA001 : crc >> 1);
  }
  return crc;
}

namespace detail {

bool usable_time(UnixTime time) {
  // GPS time begins in 1980; earlier stamps (such as the 1901 of a broken clock) are wrong.
  constexpr UnixTime k1980 = 315'532'800.0;
  constexpr UnixTime k2100 = 4'102'444'800.0;
  return time >= k1980 && time < k2100;
}

std::optional<std::string> set_figures(Session& session, double metres, double seconds) {
  std::optional<double> stored_metres;
  if (has_distance(session.type) && metres > 0) {
    if (metres > kMaxDistanceMetres) return fmt::format("a distance of {:.1f} km cannot be right", metres / 1000);
    if (const double rounded = round_to_millimetre(metres); rounded > 0) stored_metres = rounded;
  }
  std::optional<std::int64_t> stored_seconds;
  if (seconds >= 1) {
    if (seconds > static_cast<double>(kMaxDurationSeconds)) {
      return fmt::format("a time of {:.0f} hours cannot be right", seconds / 3600);
    }
    stored_seconds = static_cast<std::int64_t>(std::llround(seconds));
  }
  session.metres = stored_metres;
  session.seconds = stored_seconds;
  return std::nullopt;
}

void set_watch_figures(Session& session, const WatchFigures& f) {
  const auto whole = [](std::optional<double> v, double low, double high) -> std::optional<int> {
    if (!v || !std::isfinite(*v)) return std::nullopt;
    const double rounded = std::round(*v);
    if (rounded < low || rounded > high) return std::nullopt;
    return static_cast<int>(rounded);
  };
  session.moving_seconds.reset();
  if (f.moving_seconds && *f.moving_seconds >= 1 && *f.moving_seconds <= static_cast<double>(kMaxDurationSeconds)) {
    session.moving_seconds = static_cast<std::int64_t>(std::llround(*f.moving_seconds));
  }
  session.avg_heart_rate = whole(f.avg_heart_rate, kMinHeartRate, kMaxHeartRate);
  session.max_heart_rate = whole(f.max_heart_rate, kMinHeartRate, kMaxHeartRate);
  session.ascent_metres.reset();
  if (f.ascent_metres && std::isfinite(*f.ascent_metres) && *f.ascent_metres >= 0 && *f.ascent_metres <= kMaxAscentMetres) {
    session.ascent_metres = std::round(*f.ascent_metres * 10) / 10;
  }
  session.avg_cadence = whole(f.avg_cadence, 1, kMaxCadence);
}

std::string clean_note(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy the valid run whole (control characters are ASCII, so bytes are safe to test),
    // then replace the one byte that is not UTF-8.
    const auto bad = find_invalid_utf8(text.substr(i));
    const std::size_t end = bad ? i + *bad : text.size();
    for (std::size_t k = i; k < end; ++k) {
      const auto c = static_cast<unsigned char>(text[k]);
      if (c == '\r') continue;
      out += (c < 0x20 && c != '\n' && c != '\t') || c == 0x7F ? ' ' : text[k];
    }
    if (!bad) break;
    out += "\xEF\xBF\xBD";  // U+FFFD
    i = end + 1;
  }
  const std::string_view trimmed = trim(out);
  std::string result{trimmed};
  if (result.size() > kNoteLimit) {
    std::size_t cut = kNoteLimit - 3;
    while (cut > 0 && (static_cast<unsigned char>(result[cut]) & 0xC0) == 0x80) --cut;
    result = result.substr(0, cut) + "...";
  }
  return result;
}

}  // namespace detail
}  // namespace niggle
