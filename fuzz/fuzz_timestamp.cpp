// ISO 8601 instants as GPX, TCX and Strava write them. An accepted one is the instant its
// fields say, computed again with the C library's timegm; niggle's UTC form of it reads
// back as the same second; and a fixed time zone moves it to the local day expected.
#include <cmath>
#include <ctime>

#include "fuzz.hpp"
#include "niggle/core/text.hpp"
#include "niggle/formats/timestamp.hpp"

using namespace niggle;

namespace {

int field(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

}  // namespace

NIGGLE_FUZZ_TARGET(timestamp) {
  const std::string_view text = fuzz::as_text(data, size);
  const auto parsed = parse_iso_timestamp(text);
  if (!parsed) return 0;
  FUZZ_CHECK(std::isfinite(*parsed));
  const std::string_view t = trim(text);
  std::tm fields{};
  fields.tm_year = field(t, 0, 4) - 1900;
  fields.tm_mon = field(t, 5, 2) - 1;
  fields.tm_mday = field(t, 8, 2);
  fields.tm_hour = field(t, 11, 2);
  fields.tm_min = field(t, 14, 2);
  fields.tm_sec = field(t, 17, 2);
  const double whole = static_cast<double>(timegm(&fields));
  // The rest is a fraction and a zone; the parsed instant differs by them only.
  double zone = 0;
  const std::size_t sign = t.find_first_of("+-", 19);
  if (sign != std::string_view::npos) {
    const std::string_view z = t.substr(sign);
    zone = (field(z, 1, 2) * 3600 + (z.size() == 3 ? 0 : field(z, z.size() == 6 ? 4 : 3, 2) * 60)) * (z[0] == '+' ? 1 : -1);
  }
  const double fraction = *parsed - (whole - zone);
  FUZZ_CHECK(fraction >= 0 && fraction <= 1);  // a fraction of nines may round up
  // Niggle's own form reads back as the same second (within the years it writes in four digits).
  if (*parsed < -30'610'224'000.0 || *parsed >= 253'370'764'800.0) return 0;  // 1000-01-01, 9999-01-01
  const std::string utc = format_utc(*parsed);
  const auto again = parse_iso_timestamp(utc);
  FUZZ_CHECK(again && *again == std::floor(*parsed));
  FUZZ_CHECK(format_utc(*again) == utc);
  // At 90 minutes east of UTC the local day is the next one from 22:30 UTC on, else the same.
  const LocalTime east = fixed_offset(90)(*parsed), utc_local = fixed_offset(0)(*parsed);
  FUZZ_CHECK(utc_local.date.iso() == utc.substr(0, 10) && utc_local.time == utc.substr(11, 8));
  FUZZ_CHECK(east.date.days_since_epoch() - utc_local.date.days_since_epoch() ==
             (utc_local.time >= "22:30:00" ? 1 : 0));
  return 0;
}
