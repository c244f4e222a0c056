// GPX 1.0 and 1.1: distance from the track points (great-circle, summed within each
// segment, never across the gap between segments or tracks); the start from the first
// point time; elapsed time as the sum over segments of first-to-last point time (a gap
// between segments or tracks is a pause, when the device was not recording), or moving
// time (the stretches faster than 1 km/h, a gap of over a minute between two points left
// out as a pause); the type from <type> where the file names one.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <pugixml.hpp>

#include "activity_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"
#include "xml_impl.hpp"

namespace niggle {
namespace {

using detail::child;
using detail::children;
using detail::local_name;

// Below this speed a stretch between two points counts as standing still (as GPS tools
// commonly do: 1 km/h).
constexpr double kStoppedSpeed = 1000.0 / 3600.0;
// Devices record a point every few seconds while they move (smart recording: up to about
// ten). Minutes without a point inside one segment are a pause (an auto-pause, a phone
// that stopped recording), however far apart the points on either side: not moving time.
constexpr double kLongestStride = 60.0;

struct Point {
  double lat, lon;
  std::optional<UnixTime> time;  // only a usable one
  bool had_time = false;         // a time was written, usable or not
};

struct Track {
  std::string name, type;
  std::vector<std::vector<Point>> segments;
  std::size_t points() const {
    std::size_t n = 0;
    for (const auto& s : segments) n += s.size();
    return n;
  }
};

std::optional<double> number(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Figures of a set of tracks taken as one activity.
struct Figures {
  double metres = 0;
  std::size_t points = 0, timed = 0, written_times = 0;
  std::optional<UnixTime> first, last;
  double elapsed_seconds = 0;  // first to last point of each segment, summed
  double moving_seconds = 0;
};

void add_track(Figures& f, const Track& track) {
  for (const auto& segment : track.segments) {
    // A gap between segments or tracks is a pause: the device was not recording.
    if (!segment.empty() && segment.front().time && segment.back().time && *segment.back().time > *segment.front().time) {
      f.elapsed_seconds += *segment.back().time - *segment.front().time;
    }
    for (std::size_t i = 0; i < segment.size(); ++i) {
      const Point& p = segment[i];
      ++f.points;
      if (p.had_time) ++f.written_times;
      if (p.time) {
        ++f.timed;
        f.first = f.first ? std::min(*f.first, *p.time) : *p.time;
        f.last = f.last ? std::max(*f.last, *p.time) : *p.time;
      }
      if (i == 0) continue;
      const Point& q = segment[i - 1];
      const double d = great_circle_metres(q.lat, q.lon, p.lat, p.lon);
      f.metres += d;
      if (p.time && q.time && *p.time > *q.time && *p.time - *q.time <= kLongestStride &&
          d / (*p.time - *q.time) >= kStoppedSpeed) {
        f.moving_seconds += *p.time - *q.time;
      }
    }
  }
}

std::string track_names(const std::vector<const Track*>& tracks) {
  std::vector<std::string> names;
  for (const Track* t : tracks)
    if (!t->name.empty()) names.push_back(t->name);
  if (names.size() > 3) {
    const std::size_t more = names.size() - 3;
    names.resize(3);
    names.push_back(fmt::format("and {} more", more));
  }
  return join(names, ", ");
}

// One session from some tracks; nullopt (with a rejection) when it covers no distance,
// when its figures cannot be right, or when it is a strength session with no time.
std::optional<Session> session_from(const std::vector<const Track*>& tracks, const ActivityOptions& options,
                                    std::optional<UnixTime> file_time, std::string_view bytes, const std::string& key_kind,
                                    const std::string& where, ActivityFile& out) {
  Figures f;
  for (const Track* t : tracks) add_track(f, *t);
  if (f.points == 0) return std::nullopt;
  if (!(f.metres > 0)) {
    out.rejected.push_back({where, fmt::format("its {} track point{} no distance", f.points, f.points == 1 ? " covers" : "s cover")});
    return std::nullopt;
  }
  Session s;

  // The type: the first track that names one we know.
  s.type = options.fallback_type;
  for (const Track* t : tracks) {
    if (t->type.empty()) continue;
    if (auto type = activity_type_from_name(t->type)) {
      s.type = *type;
      break;
    }
    s.type = unknown_sport_type(options.type_option);
    out.warnings.push_back(fmt::format("{}: track type '{}' is not an activity niggle knows; recorded as {}", where,
                                       printable(t->type), to_string(s.type)));
    break;
  }

  // Times: every point needs a believable one for a duration.
  if (f.written_times > f.timed) {
    out.warnings.push_back(fmt::format("{}: {} of {} point times are outside 1980-2100 and cannot be right; they are "
                                       "ignored",
                                       where, f.written_times - f.timed, f.points));
  }
  const bool all_timed = f.timed == f.points;
  double seconds = 0;
  if (f.timed > 0 && !all_timed) {
    out.warnings.push_back(fmt::format("{}: only {} of {} points have a usable time, so no duration is recorded", where,
                                       f.timed, f.points));
  } else if (all_timed && f.last && f.first && *f.last > *f.first) {
    seconds = options.moving_time ? f.moving_seconds : f.elapsed_seconds;
  } else if (all_timed) {
    out.warnings.push_back(fmt::format("{}: every point has the same time, so no duration is recorded", where));
  }

  // The figures as typed input would store them. A strength session has no distance (as in
  // typed input and TCX): only its time counts; stored with one, its own export and `undo`
  // would refuse it.
  if (all_timed && f.moving_seconds >= 1) {
    detail::WatchFigures watch;
    watch.moving_seconds = f.moving_seconds;
    detail::set_watch_figures(s, watch);
  }
  if (auto wrong = detail::set_figures(s, f.metres, seconds)) {
    out.rejected.push_back({where, *wrong});
    return std::nullopt;
  }
  if (!s.metres && !s.seconds) {
    out.rejected.push_back({where, has_distance(s.type)
                                       ? fmt::format("its {} track points cover less than a millimetre", f.points)
                                       : fmt::format("a {} session with no time and a distance it cannot hold",
                                                     to_string(s.type))});
    return std::nullopt;
  }

  // The day: the first usable point time; else the file's own time; else --date. Only a
  // fully timed track has a start time worth keeping and a start that can name it.
  if (f.first) {
    const LocalTime local = options.to_local(*f.first);
    s.meta.date = local.date;
    if (all_timed) {
      s.start_time = local.time;
      s.meta.source = fmt::format("{}:{}", key_kind, format_utc(*f.first));
    }
  } else if (file_time) {
    const LocalTime local = options.to_local(*file_time);
    s.meta.date = local.date;
    out.warnings.push_back(fmt::format("{}: no point has a usable time; dated {} by the file's own timestamp", where,
                                       local.date.iso()));
  } else if (options.date) {
    s.meta.date = *options.date;
    out.warnings.push_back(fmt::format("{}: no usable time in the file; dated {} as --date says", where,
                                       options.date->iso()));
  } else {
    throw FileError("has no usable time to date the activity by; give the day with --date");
  }
  if (!s.meta.source) s.meta.source = fmt::format("{}:content-{}{}", key_kind, content_key(bytes), where.empty() ? "" : "#" + where);

  const std::string names = track_names(tracks);
  s.meta.note = detail::clean_note(fmt::format("Imported from {}{}", options.file_name.empty() ? "a GPX file" : options.file_name,
                                               names.empty() ? "" : fmt::format(" ({})", names)));
  return s;
}

}  // namespace

ActivityFile parse_gpx(std::string_view bytes, const ActivityOptions& options) {
  pugi::xml_document doc;
  detail::load_xml(doc, bytes);
  const pugi::xml_node root = doc.document_element();
  if (local_name(root) != "gpx") throw FileError(fmt::format("is XML but not GPX (its root is <{}>)", printable(root.name())));

  ActivityFile out;
  out.format = ActivityFormat::gpx;

  // The file's own time: <metadata><time> in GPX 1.1, <time> under <gpx> in 1.0.
  std::optional<UnixTime> file_time;
  if (auto t = parse_iso_timestamp(child(child(root, "metadata"), "time").text().get()); t && detail::usable_time(*t)) {
    file_time = t;
  } else if (auto t0 = parse_iso_timestamp(child(root, "time").text().get()); t0 && detail::usable_time(*t0)) {
    file_time = t0;
  }

  std::vector<Track> tracks;
  std::size_t bad_points = 0, waypoints = 0, route_points = 0;
  for (const pugi::xml_node node : root.children()) {
    const std::string_view name = local_name(node);
    if (name == "wpt") ++waypoints;
    if (name == "rte") route_points += children(node, "rtept").size();
    if (name != "trk") continue;
    Track track;
    track.name = trim(child(node, "name").text().get());
    track.type = trim(child(node, "type").text().get());
    for (const pugi::xml_node seg : children(node, "trkseg")) {
      std::vector<Point> points;
      for (const pugi::xml_node pt : children(seg, "trkpt")) {
        const auto lat = number(pt.attribute("lat").value()), lon = number(pt.attribute("lon").value());
        if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) {
          ++bad_points;
          continue;
        }
        Point p{*lat, *lon, std::nullopt, false};
        const pugi::xml_node time = child(pt, "time");
        if (time) {
          p.had_time = true;
          if (auto t = parse_iso_timestamp(time.text().get()); t && detail::usable_time(*t)) p.time = t;
        }
        points.push_back(p);
      }
      track.segments.push_back(std::move(points));
    }
    tracks.push_back(std::move(track));
  }
  if (bad_points > 0) {
    out.warnings.push_back(fmt::format("{} track point{} without a valid latitude and longitude were skipped", bad_points,
                                       bad_points == 1 ? "" : "s"));
  }
  std::size_t total_points = 0;
  for (const auto& t : tracks) total_points += t.points();
  if (total_points == 0) {
    std::string what = tracks.empty() ? "no track" : "tracks without points";
    if (waypoints > 0 || route_points > 0) {
      what += fmt::format(" (it holds {} waypoint{}{}, which record places, not a run)", waypoints, waypoints == 1 ? "" : "s",
                          route_points > 0 ? fmt::format(" and a route of {} points", route_points) : "");
    }
    throw FileError(fmt::format("has {}; there is nothing to import", what));
  }

  if (options.split) {
    // A session is known by its start: two tracks that start at the same moment are one
    // activity twice (a device's log and its saved copy), and only the first is taken.
    std::map<std::string, std::string> starts;
    for (std::size_t i = 0; i < tracks.size(); ++i) {
      if (tracks[i].points() == 0) continue;
      const std::string where = fmt::format("track {}", i + 1);
      if (auto s = session_from({&tracks[i]}, options, file_time, bytes, "gpx-track", where, out)) {
        if (auto [it, fresh] = starts.emplace(*s->meta.source, where); !fresh) {
          out.rejected.push_back({where, fmt::format("starts at the same moment as {}: the same activity twice?", it->second)});
          continue;
        }
        out.sessions.push_back(std::move(*s));
      }
    }
  } else {
    std::vector<const Track*> all;
    for (const auto& t : tracks) all.push_back(&t);
    if (auto s = session_from(all, options, file_time, bytes, "gpx", "", out)) out.sessions.push_back(std::move(*s));
  }
  if (out.sessions.empty()) {
    throw FileError(out.rejected.empty() ? "has nothing to import"
                                         : fmt::format("has nothing to import: {}", out.rejected.front().reason));
  }
  // Warnings without a place name read better without the leading ": ".
  for (auto& w : out.warnings)
    if (w.rfind(": ", 0) == 0) w.erase(0, 2);
  return out;
}

}  // namespace niggle
