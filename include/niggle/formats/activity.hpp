#pragma once
// Activities recorded by other programs: GPX tracks (1.0 and 1.1), Garmin Training Center
// (TCX) files, FIT files (what watches and bike computers write) and Strava's bulk-export
// activities.csv. Each parser is pure: the bytes of a
// file in, sessions ready to store out, with the warnings and the records it rejected and
// why. Storing them (idempotently, all or nothing per file) is the import command's job;
// each session's `meta.source` is the key that makes a second import add nothing.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/entry.hpp"
#include "niggle/formats/rejection.hpp"
#include "niggle/formats/sport.hpp"
#include "niggle/formats/timestamp.hpp"

namespace niggle {

enum class ActivityFormat { gpx, tcx, fit, strava_csv };
std::string_view format_name(ActivityFormat format);  // "GPX", "TCX", "FIT", "Strava CSV"

// Recognises a format by its content, whatever the file is called.
std::optional<ActivityFormat> detect_activity_format(std::string_view bytes);

struct ActivityOptions {
  ToLocal to_local = system_time_zone();            // an activity's UTC start -> its local day
  ActivityType fallback_type = ActivityType::run;   // where the file does not say (--type, else default_type)
  std::optional<ActivityType> type_option;          // --type as given: also for a sport the file names but niggle
                                                    // does not know (else such a sport is other, never a run)
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
  // Strava's activities.csv: the activity file each row names (its "Filename"), by source key.
  std::map<std::string, std::string> linked_files;
};

// Each throws FileError when the file as a whole cannot be used: not well-formed, no track
// points, nothing that covers a distance or a time, no usable date.
ActivityFile parse_gpx(std::string_view bytes, const ActivityOptions& options);
ActivityFile parse_tcx(std::string_view bytes, const ActivityOptions& options);
ActivityFile parse_strava_csv(std::string_view bytes, const ActivityOptions& options);
// FIT (Garmin's Flexible and Interoperable Data Transfer): one session per session message,
// transitions left out. Refuses a file that is not an activity file (a course, settings...).
ActivityFile parse_fit(std::string_view bytes, const ActivityOptions& options);
// A GPX file read as it arrives, chunk by chunk (chunks may split it anywhere, even inside
// a character), in memory that does not grow with the file: only the running figures of
// its tracks are kept, never its points. Gives exactly what parse_gpx of the whole file
// gives, which is this reader fed at once. feed() throws FileError as soon as the XML is
// not well formed (or declares entities); finish() throws what parse_gpx does.
class GpxReader {
 public:
  explicit GpxReader(const ActivityOptions& options);
  ~GpxReader();
  GpxReader(const GpxReader&) = delete;
  GpxReader& operator=(const GpxReader&) = delete;
  void feed(std::string_view chunk);
  ActivityFile finish();

  struct State;

 private:
  void pass_on(std::string_view bytes, bool last);
  void parse(std::string_view bytes, bool last);
  std::unique_ptr<State> state_;
};

// Detects the format and parses; FileError when it is none of the four.
ActivityFile parse_activity_file(std::string_view bytes, const ActivityOptions& options);

// Great-circle distance on a sphere of the Earth's mean radius (haversine), in metres.
double great_circle_metres(double lat1, double lon1, double lat2, double lon2);

// FNV-1a, 64 bits, as 16 hex digits: a stable content key for files that carry no time.
std::string content_key(std::string_view bytes);

// The CRC-16 of the FIT protocol (polynomial 0x8005, reflected, initial value 0) over the
// bytes, continuing from `crc`.
std::uint16_t fit_crc(std::string_view bytes, std::uint16_t crc = 0);

}  // namespace niggle
