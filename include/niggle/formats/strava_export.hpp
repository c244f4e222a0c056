#pragma once
// Strava's bulk export ("Download your data": export_NNNN.zip, or that zip unpacked):
// activities.csv, one row per activity, and the folder activities/ with the file each row
// names in its Filename column (NNN.fit.gz mostly, some NNN.gpx, .gpx.gz, .tcx.gz). Each
// activity becomes one session: the recorded file's figures where it has them (its distance,
// its times, its start to the second), the row's name, description, gear and type. A row
// whose file is missing or unreadable keeps the row's own figures, and the file is named in
// the summary. The session's source is the row's Strava id, as when activities.csv is
// imported alone, so either import, in any order, adds each activity once.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "niggle/formats/activity.hpp"

namespace niggle {

// The bytes of a file of the export by its path inside it ("activities/123.fit.gz");
// nullopt when the export has no such file. Throws FileError when it cannot be read.
using ExportFileReader = std::function<std::optional<std::string>(const std::string& path)>;
using Progress = std::function<void(std::size_t done, std::size_t total)>;

struct StravaExport {
  ActivityFile activities;
  std::size_t files_read = 0;                                  // rows whose file gave the figures
  std::vector<std::pair<std::string, std::string>> unreadable;  // a file the CSV names, and why it was not used
};

StravaExport read_strava_export(std::string_view activities_csv, const ExportFileReader& read_file,
                                const ActivityOptions& options, const Progress& progress = {});

// "612 activities: 430 runs, 120 rides, 62 others; 3 files could not be read: a, b, c".
std::string export_summary(const StravaExport& result);

// One activity file's sessions, whatever it is: GPX, TCX or FIT, plain or gzipped.
// Throws FileError (without the file's name) when it is none of them or cannot be read.
ActivityFile parse_recorded_file(std::string_view bytes, const ActivityOptions& options);

}  // namespace niggle
