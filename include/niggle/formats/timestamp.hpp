#pragma once
// Instants from other programs' files (GPX, TCX, Strava) and the rule that turns them into
// the local day a run belongs to: an activity is dated by its start, converted from UTC to
// the time zone of this machine (TZ, else /etc/localtime). Someone who ran abroad and
// wants that place's dates sets TZ for the import, e.g. TZ=America/New_York.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "niggle/core/date.hpp"

namespace niggle {

// Seconds since 1970-01-01T00:00:00Z, with the fraction a file gave.
using UnixTime = double;

// ISO 8601 / RFC 3339 date-time: "2010-08-05T14:23:59Z", "2013-07-06T17:26:26.207Z",
// "2016-05-27T10:08:47+02:00". A time without a zone is taken as UTC (GPX requires UTC).
std::optional<UnixTime> parse_iso_timestamp(std::string_view text);
// "2010-08-05T14:23:59Z".
std::string format_utc(UnixTime time);

struct LocalTime {
  Date date;
  std::string time;  // "HH:MM:SS"
};
using ToLocal = std::function<LocalTime(UnixTime)>;
// This machine's time zone, as localtime_r sees it (honours TZ).
ToLocal system_time_zone();
// A fixed offset from UTC, in minutes east: for tests and reproducible imports.
ToLocal fixed_offset(int minutes_east);

}  // namespace niggle
