// Garmin Training Center (TCX): each <Activity> is one session, its distance and time the
// sums of its laps (lap time is timer time, which leaves out auto-pauses), its type the
// Sport attribute. <Course>s are planned routes, not activities, and are not imported.
#include <charconv>
#include <cmath>
#include <fmt/format.h>
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

std::optional<double> number(const pugi::xml_node& node) {
  const std::string_view text = trim(node.text().get());
  if (text.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) return std::nullopt;
  return value;
}

// A latitude or longitude: signed (south and west are negative), at most `limit` degrees.
std::optional<double> degrees(const pugi::xml_node& node, double limit) {
  const std::string_view text = trim(node.text().get());
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(std::abs(value) <= limit)) {
    return std::nullopt;
  }
  return value;
}

// Distance from the positions of the trackpoints, for laps that do not state it.
double track_metres(const pugi::xml_node& lap) {
  double metres = 0;
  for (const pugi::xml_node track : children(lap, "Track")) {
    std::optional<std::pair<double, double>> previous;
    for (const pugi::xml_node point : children(track, "Trackpoint")) {
      const pugi::xml_node position = child(point, "Position");
      const auto lat = degrees(child(position, "LatitudeDegrees"), 90), lon = degrees(child(position, "LongitudeDegrees"), 180);
      if (!position || !lat || !lon) continue;
      if (previous) metres += great_circle_metres(previous->first, previous->second, *lat, *lon);
      previous = std::make_pair(*lat, *lon);
    }
  }
  return metres;
}

}  // namespace

ActivityFile parse_tcx(std::string_view bytes, const ActivityOptions& options) {
  pugi::xml_document doc;
  detail::load_xml(doc, bytes);
  const pugi::xml_node root = doc.document_element();
  if (local_name(root) != "TrainingCenterDatabase") {
    throw FileError(fmt::format("is XML but not TCX (its root is <{}>)", printable(root.name())));
  }
  ActivityFile out;
  out.format = ActivityFormat::tcx;
  // Activities, and those of a multisport session (Garmin's layout: FirstSport, then
  // NextSport with its Transition, each holding one Activity), in the order they came.
  std::vector<pugi::xml_node> activities;
  for (const pugi::xml_node node : child(root, "Activities").children()) {
    const std::string_view name = local_name(node);
    if (name == "Activity") activities.push_back(node);
    if (name != "MultiSportSession") continue;
    for (const pugi::xml_node part : node.children()) {
      const std::string_view part_name = local_name(part);
      if (part_name != "FirstSport" && part_name != "NextSport") continue;
      for (const pugi::xml_node activity : children(part, "Activity")) activities.push_back(activity);
    }
  }
  if (activities.empty()) {
    const auto courses = children(child(root, "Courses"), "Course");
    throw FileError(courses.empty() ? "has no activities; there is nothing to import"
                                    : fmt::format("holds {} course{} (planned routes) and no activities; there is "
                                                  "nothing to import",
                                                  courses.size(), courses.size() == 1 ? "" : "s"));
  }
  std::map<std::string, std::string> starts;  // source key -> the activity that has it
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const pugi::xml_node activity = activities[i];
    const std::string where = fmt::format("activity {}", i + 1);
    double metres = 0, seconds = 0;
    std::optional<UnixTime> first_lap, last_point;
    // Heart rate and cadence: each lap's, weighted by its time.
    double heart_beats = 0, heart_seconds = 0, turns = 0, turn_seconds = 0;
    std::optional<double> max_heart_rate;
    const auto laps = children(activity, "Lap");
    for (const pugi::xml_node lap : laps) {
      const auto distance = number(child(lap, "DistanceMeters"));
      metres += distance && *distance > 0 ? *distance : track_metres(lap);
      const double lap_seconds = number(child(lap, "TotalTimeSeconds")).value_or(0);
      seconds += lap_seconds;
      if (auto start = parse_iso_timestamp(lap.attribute("StartTime").value()); start && detail::usable_time(*start)) {
        first_lap = first_lap ? std::min(*first_lap, *start) : *start;
      }
      if (auto average = number(child(child(lap, "AverageHeartRateBpm"), "Value")); average && lap_seconds > 0) {
        heart_beats += *average * lap_seconds;
        heart_seconds += lap_seconds;
      }
      if (auto most = number(child(child(lap, "MaximumHeartRateBpm"), "Value"))) {
        max_heart_rate = max_heart_rate ? std::max(*max_heart_rate, *most) : *most;
      }
      if (auto cadence = number(child(lap, "Cadence")); cadence && *cadence > 0 && lap_seconds > 0) {
        turns += *cadence * lap_seconds;
        turn_seconds += lap_seconds;
      }
      for (const pugi::xml_node track : children(lap, "Track")) {
        for (const pugi::xml_node point : children(track, "Trackpoint")) {
          if (auto t = parse_iso_timestamp(child(point, "Time").text().get()); t && detail::usable_time(*t)) {
            last_point = last_point ? std::max(*last_point, *t) : *t;
          }
        }
      }
    }
    if (!(metres > 0) && !(seconds >= 1)) {
      out.warnings.push_back(fmt::format("{}: no distance and no time recorded; skipped", where));
      continue;
    }
    std::optional<UnixTime> start = parse_iso_timestamp(child(activity, "Id").text().get());
    if (start && !detail::usable_time(*start)) start.reset();
    if (!start) start = first_lap;
    // The laps' times are timer time (auto-pauses left out): the moving time. The elapsed
    // time runs from the start to the last trackpoint, where the points have times.
    const double moving = seconds;
    if (!options.moving_time && start && last_point && *last_point - *start > seconds) seconds = *last_point - *start;

    Session s;
    const std::string sport = activity.attribute("Sport").value();
    // TCX's Sport is Running, Biking or Other; "Other" is a sport the file does say.
    if (trim(sport).empty()) {
      s.type = options.fallback_type;
    } else if (auto type = activity_type_from_name(sport)) {
      s.type = *type;
    } else {
      s.type = unknown_sport_type(options.type_option);
      out.warnings.push_back(fmt::format("{}: sport '{}' is not one niggle knows; recorded as {}", where, printable(sport),
                                         to_string(s.type)));
    }
    detail::WatchFigures watch;
    if (moving >= 1) watch.moving_seconds = moving;
    if (heart_seconds > 0) watch.avg_heart_rate = heart_beats / heart_seconds;
    watch.max_heart_rate = max_heart_rate;
    if (turn_seconds > 0) {
      // TCX's lap cadence is per foot (strides) on foot, as FIT's, and pedal turns on a bike.
      const bool on_foot = s.type == ActivityType::run || s.type == ActivityType::walk || s.type == ActivityType::hike;
      watch.avg_cadence = turns / turn_seconds * (on_foot ? 2 : 1);
    }
    detail::set_watch_figures(s, watch);
    if (auto wrong = detail::set_figures(s, metres, seconds)) {
      out.rejected.push_back({where, *wrong});
      continue;
    }
    if (!s.metres && !s.seconds) {
      out.rejected.push_back({where, fmt::format("a {} session with no time and a distance it cannot hold", to_string(s.type))});
      continue;
    }
    if (start) {
      const LocalTime local = options.to_local(*start);
      s.meta.date = local.date;
      s.start_time = local.time;
      s.meta.source = fmt::format("tcx:{}", format_utc(*start));
      // A session is known by its start: a second activity that starts at the same moment
      // is the same one twice.
      if (auto [it, fresh] = starts.emplace(*s.meta.source, where); !fresh) {
        out.rejected.push_back({where, fmt::format("starts at the same moment as {}: the same activity twice?", it->second)});
        continue;
      }
    } else if (options.date) {
      s.meta.date = *options.date;
      s.meta.source = fmt::format("tcx:content-{}#{}", content_key(bytes), i + 1);
      out.warnings.push_back(fmt::format("{}: no usable start time; dated {} as --date says", where, options.date->iso()));
    } else {
      out.rejected.push_back({where, "has no usable start time; give the day with --date"});
      continue;
    }
    std::string note = fmt::format("Imported from {}", options.file_name.empty() ? "a TCX file" : options.file_name);
    if (const std::string_view notes = trim(child(activity, "Notes").text().get()); !notes.empty()) {
      note += fmt::format(": {}", notes);
    }
    s.meta.note = detail::clean_note(note);
    out.sessions.push_back(std::move(s));
  }
  if (out.sessions.empty()) {
    throw FileError(out.rejected.empty() ? "has no activity with a distance or a time; there is nothing to import"
                                         : fmt::format("has nothing to import: {} {}", out.rejected.front().where,
                                                       out.rejected.front().reason));
  }
  for (auto& w : out.warnings)
    if (w.rfind(": ", 0) == 0) w.erase(0, 2);
  return out;
}

}  // namespace niggle
