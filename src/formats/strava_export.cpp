#include "niggle/formats/strava_export.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <cstdlib>
#include <limits>
#include <map>

#include "activity_impl.hpp"
#include "niggle/formats/archive.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// A path the CSV names, kept inside the export: relative, no "..".
bool inside_export(std::string_view path) {
  if (path.empty() || path.front() == '/' || path.front() == '\\') return false;
  std::size_t at = 0;
  while (at <= path.size()) {
    const std::size_t slash = path.find_first_of("/\\", at);
    const std::string_view part = path.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    if (part == "..") return false;
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return true;
}

// The row keeps what the athlete wrote (name, description, gear: the note) and chose (the
// type); the file gives what the device measured.
void take_recorded_figures(Session& row, const Session& recorded) {
  if (row.type == ActivityType::other && recorded.type != ActivityType::other) row.type = recorded.type;
  if (recorded.metres && has_distance(row.type)) row.metres = recorded.metres;
  if (!has_distance(row.type)) row.metres.reset();
  if (recorded.seconds) row.seconds = recorded.seconds;
  if (recorded.start_time) {
    row.meta.date = recorded.meta.date;
    row.start_time = recorded.start_time;
  }
  if (!row.meta.note) row.meta.note = recorded.meta.note;
  // What the file measured; the row's moving time where the file has none.
  if (recorded.moving_seconds) row.moving_seconds = recorded.moving_seconds;
  row.avg_heart_rate = recorded.avg_heart_rate;
  row.max_heart_rate = recorded.max_heart_rate;
  row.ascent_metres = recorded.ascent_metres;
  row.avg_cadence = recorded.avg_cadence;
}

// A session's local start in seconds, to compare starts (both sides in one time zone).
std::optional<std::int64_t> local_start(const Session& s) {
  if (!s.start_time || s.start_time->size() != 8) return std::nullopt;
  const std::string& t = *s.start_time;
  const auto two = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  return static_cast<std::int64_t>(s.meta.date.days_since_epoch()) * 86400 + two(0) * 3600 + two(3) * 60 + two(6);
}

// The session of a recorded file that is the row's activity: the one that starts nearest
// the row's start (a file may hold several, such as a TCX of a run and a ride).
const Session& nearest(const std::vector<Session>& sessions, const Session& row) {
  const auto start = local_start(row);
  const Session* best = &sessions.front();
  std::int64_t best_gap = std::numeric_limits<std::int64_t>::max();
  for (const Session& s : sessions) {
    const auto theirs = local_start(s);
    if (!start || !theirs) continue;
    const std::int64_t gap = std::abs(*theirs - *start);
    if (gap < best_gap) {
      best_gap = gap;
      best = &s;
    }
  }
  return *best;
}

std::string_view plural(ActivityType type, std::size_t count) {
  const bool one = count == 1;
  switch (type) {
    case ActivityType::run: return one ? "run" : "runs";
    case ActivityType::walk: return one ? "walk" : "walks";
    case ActivityType::hike: return one ? "hike" : "hikes";
    case ActivityType::bike: return one ? "ride" : "rides";
    case ActivityType::swim: return one ? "swim" : "swims";
    case ActivityType::elliptical: return one ? "elliptical session" : "elliptical sessions";
    case ActivityType::strength: return one ? "strength session" : "strength sessions";
    case ActivityType::other: return one ? "other" : "others";
  }
  return "?";
}

}  // namespace

ActivityFile parse_recorded_file(std::string_view bytes, const ActivityOptions& options) {
  std::string inflated;
  if (is_gzip(bytes)) {
    inflated = gunzip(bytes, "the file");
    bytes = inflated;
  }
  const auto format = detect_activity_format(bytes);
  if (!format || *format == ActivityFormat::strava_csv) throw FileError("is not a GPX, TCX or FIT file");
  switch (*format) {
    case ActivityFormat::gpx: return parse_gpx(bytes, options);
    case ActivityFormat::tcx: return parse_tcx(bytes, options);
    case ActivityFormat::fit: return parse_fit(bytes, options);
    case ActivityFormat::strava_csv: break;
  }
  throw FileError("is not a GPX, TCX or FIT file");
}

StravaExport read_strava_export(std::string_view activities_csv, const ExportFileReader& read_file,
                                const ActivityOptions& options, const Progress& progress) {
  StravaExport out;
  out.activities = parse_strava_csv(activities_csv, options);
  const std::size_t total = out.activities.sessions.size();
  std::size_t done = 0;
  for (Session& row : out.activities.sessions) {
    if (progress) progress(++done, total);
    const auto linked = out.activities.linked_files.find(*row.meta.source);
    if (linked == out.activities.linked_files.end()) continue;
    const std::string& path = linked->second;
    if (!inside_export(path)) {
      out.unreadable.emplace_back(path, "names a place outside the export");
      continue;
    }
    try {
      const std::optional<std::string> bytes = read_file(path);
      if (!bytes) {
        out.unreadable.emplace_back(path, "is not in the export");
        continue;
      }
      ActivityOptions file_options = options;
      file_options.file_name = path.substr(path.find_last_of('/') + 1);
      // The row's type decides; the file's type only where the row says none.
      file_options.fallback_type = row.type;
      file_options.type_option = row.type;
      ActivityFile recorded = parse_recorded_file(*bytes, file_options);
      if (recorded.sessions.empty()) {
        out.unreadable.emplace_back(path, recorded.rejected.empty() ? "holds no activity" : recorded.rejected.front().reason);
        continue;
      }
      take_recorded_figures(row, nearest(recorded.sessions, row));
      row.summary_only = false;
      ++out.files_read;
    } catch (const FileError& e) {
      out.unreadable.emplace_back(path, e.what());
    }
  }
  return out;
}

std::string export_summary(const StravaExport& result) {
  std::map<ActivityType, std::size_t> counts;
  for (const Session& s : result.activities.sessions) ++counts[s.type];
  std::vector<std::pair<std::size_t, ActivityType>> ordered;
  for (const auto& [type, count] : counts) ordered.emplace_back(count, type);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> parts;
  for (const auto& [count, type] : ordered) parts.push_back(fmt::format("{} {}", count, plural(type, count)));
  const std::size_t n = result.activities.sessions.size();
  std::string text = fmt::format("{} activit{}", n, n == 1 ? "y" : "ies");
  if (!parts.empty()) text += ": " + join(parts, ", ");
  text += fmt::format("; {} with the figures of their recorded file", result.files_read);
  if (!result.unreadable.empty()) {
    std::vector<std::string> names;
    for (const auto& [path, why] : result.unreadable) {
      if (names.size() == 5) {
        names.push_back(fmt::format("and {} more", result.unreadable.size() - 5));
        break;
      }
      names.push_back(printable(path, 200));
    }
    text += fmt::format("; {} file{} could not be read: {}", result.unreadable.size(),
                        result.unreadable.size() == 1 ? "" : "s", join(names, ", "));
  }
  return text;
}

}  // namespace niggle
