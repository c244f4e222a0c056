#pragma once
// Activities recorded by other programs: GPX tracks (1.0 and 1.1), Garmin Training Center
// (TCX) files and Strava's bulk-export activities.csv. Each parser is pure: the bytes of a
// file in, sessions ready to store out, with the warnings and the records it rejected and
// why. Storing them (idempotently, all or nothing per file) is the import command's job;
// each session's `meta.source` is the key that makes a second import add nothing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/entry.hpp"
#include "niggle/formats/rejection.hpp"
#include "niggle/formats/timestamp.hpp"

namespace niggle {

enum class ActivityFormat { gpx, tcx, strava_csv };
std::string_view format_name(ActivityFormat format);  // "GPX", "TCX", "Strava CSV"

// Recognises a format by its content, whatever the file is called.
std::optional<ActivityFormat> detect_activity_format(std::string_view bytes);

struct ActivityOptions {
  ToLocal to_local = system_time_zone();            // an activity's UTC start -> its local day
  ActivityType fallback_type = ActivityType::run;   // where the file does not say (--type)
  bool split = false;        // GPX: one session per track instead of one per file
  bool moving_time = false;  // the duration: time in motion instead of elapsed time
  std::optional<Date> date;  // only for a file with no usable time at all (--date)
  std::string file_name;     // named in notes
};

struct ActivityFile {
  ActivityFormat format = ActivityFormat::gpx;
  std::vector<Session> sessions;
  std::vector<std::string> warnings;
  std::vector<Rejection> rejected;
};

// Each throws FileError when the file as a whole cannot be used: not well-formed, no track
// points, nothing that covers a distance or a time, no usable date.
ActivityFile parse_gpx(std::string_view bytes, const ActivityOptions& options);
ActivityFile parse_tcx(std::string_view bytes, const ActivityOptions& options);
ActivityFile parse_strava_csv(std::string_view bytes, const ActivityOptions& options);
// Detects the format and parses; FileError when it is none of the three.
ActivityFile parse_activity_file(std::string_view bytes, const ActivityOptions& options);

// Great-circle distance on a sphere of the Earth's mean radius (haversine), in metres.
double great_circle_metres(double lat1, double lon1, double lat2, double lon2);

// Activity type names that GPX <type>, TCX Sport and Strava use, to niggle's types.
std::optional<ActivityType> activity_type_from_name(std::string_view name);

// FNV-1a, 64 bits, as 16 hex digits: a stable content key for files that carry no time.
std::string content_key(std::string_view bytes);

}  // namespace niggle
