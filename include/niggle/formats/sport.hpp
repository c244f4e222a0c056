#pragma once
// Every other program's name or number for a sport, to niggle's activity types, in one
// table: GPX <type> (Strava writes a number there, Garmin and OpenTracks a name), TCX's
// Sport attribute, Strava's activities.csv names, and FIT's sport and sub-sport. A ride is a
// ride wherever it was recorded (virtual, indoor, on a trainer), a run on a treadmill is a
// run. A value in none of the tables is unknown: the caller stores it as `other` (or the
// type --type names) and says so, never as the default run, since a ride counted as a run
// would feed the running load the advice works from.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "niggle/core/vocab.hpp"

namespace niggle {

// A sport's name or Strava's number as GPX, TCX and Strava's CSV write it. Case, spaces,
// '_' and '-' do not matter ("Virtual Ride", "VirtualRide", "virtual_ride"). nullopt: unknown.
std::optional<ActivityType> activity_type_from_name(std::string_view name);

// FIT's session sport and sub-sport (the profile's `sport` and `sub_sport` enums; 0xFF is
// "not given"). The sub-sport decides where it says more than the sport (fitness equipment:
// an elliptical, a treadmill, an indoor bike). nullopt: a sport number the table lacks.
std::optional<ActivityType> activity_type_from_fit(std::uint8_t sport, std::uint8_t sub_sport);
// A transition of a multisport file (sport 3, or a sub-sport bike-to-run and the like):
// time between the activities, not an activity.
bool is_fit_transition(std::uint8_t sport, std::uint8_t sub_sport);
// "cycling", "running (treadmill)", "sport 200": for notes and warnings.
std::string fit_sport_label(std::uint8_t sport, std::uint8_t sub_sport);

// What an unknown sport becomes: the type --type names, else other.
inline ActivityType unknown_sport_type(std::optional<ActivityType> type_option) {
  return type_option.value_or(ActivityType::other);
}

}  // namespace niggle
