#include "niggle/formats/sport.hpp"

#include <array>
#include <fmt/format.h>
#include <utility>

namespace niggle {
namespace {

using T = ActivityType;

// Lower-case letters and digits only: "Virtual Ride", "VirtualRide" and "virtual_ride" are
// one name.
std::string folded(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  }
  return out;
}

// Folded names. Sources: Strava's activity types (its CSV and API names), Garmin Connect's
// activity type keys (as its GPX and TCX exports write them), OpenTracks' default activity
// names, TCX's Sport values (Running, Biking, Other), and the plain English words.
constexpr std::pair<std::string_view, T> kNames[] = {
    // Runs, wherever they happen.
    {"run", T::run}, {"running", T::run}, {"trailrun", T::run}, {"trailrunning", T::run},
    {"virtualrun", T::run}, {"treadmill", T::run}, {"treadmillrunning", T::run}, {"trackrunning", T::run},
    {"streetrunning", T::run}, {"indoorrunning", T::run}, {"ultrarun", T::run}, {"ultrarunning", T::run},
    {"obstaclerun", T::run}, {"obstaclerunning", T::run}, {"jogging", T::run}, {"sprint", T::run},
    // Walks.
    {"walk", T::walk}, {"walking", T::walk}, {"casualwalking", T::walk}, {"speedwalking", T::walk},
    {"indoorwalking", T::walk}, {"nordicwalking", T::walk}, {"treadmillwalking", T::walk},
    // Hikes.
    {"hike", T::hike}, {"hiking", T::hike}, {"mountaineering", T::hike}, {"snowshoe", T::hike},
    {"snowshoeing", T::hike}, {"trailwalking", T::hike},
    // Rides: outdoors, indoors, virtual, electric.
    {"bike", T::bike}, {"biking", T::bike}, {"ride", T::bike}, {"cycling", T::bike}, {"cycle", T::bike},
    {"virtualride", T::bike}, {"virtualcycling", T::bike}, {"ebikeride", T::bike}, {"ebike", T::bike},
    {"ebiking", T::bike}, {"emountainbikeride", T::bike}, {"mountainbikeride", T::bike}, {"gravelride", T::bike},
    {"roadbiking", T::bike}, {"roadcycling", T::bike}, {"mountainbiking", T::bike}, {"gravelcycling", T::bike},
    {"gravelbiking", T::bike}, {"indoorcycling", T::bike}, {"cyclocross", T::bike}, {"downhillbiking", T::bike},
    {"bmx", T::bike}, {"recumbentcycling", T::bike}, {"trackcycling", T::bike}, {"handcycle", T::bike},
    {"handcycling", T::bike}, {"velomobile", T::bike}, {"ebikefitness", T::bike}, {"ebikemountain", T::bike},
    {"spinning", T::bike}, {"bikecommuting", T::bike}, {"cyclingcommute", T::bike},
    // Swims.
    {"swim", T::swim}, {"swimming", T::swim}, {"lapswimming", T::swim}, {"openwaterswimming", T::swim},
    {"poolswimming", T::swim}, {"swimmingopenwater", T::swim}, {"openwater", T::swim},
    // The rest niggle has a type for.
    {"elliptical", T::elliptical}, {"ellipticaltrainer", T::elliptical},
    {"weighttraining", T::strength}, {"strength", T::strength}, {"strengthtraining", T::strength},
    {"crossfit", T::strength},
    // Known, and none of the above.
    {"workout", T::other}, {"other", T::other}, {"yoga", T::other}, {"pilates", T::other}, {"hiit", T::other},
    {"cardio", T::other}, {"indoorcardio", T::other}, {"fitnessequipment", T::other}, {"rowing", T::other},
    {"indoorrowing", T::other}, {"virtualrow", T::other}, {"stairstepper", T::other}, {"stairclimbing", T::other},
    {"alpineski", T::other}, {"backcountryski", T::other}, {"nordicski", T::other}, {"rollerski", T::other},
    {"skiing", T::other}, {"crosscountryskiing", T::other}, {"snowboard", T::other}, {"snowboarding", T::other},
    {"iceskate", T::other}, {"inlineskate", T::other}, {"inlineskating", T::other}, {"skateboard", T::other},
    {"canoeing", T::other}, {"kayaking", T::other}, {"rowingboat", T::other}, {"standuppaddling", T::other},
    {"surfing", T::other}, {"kitesurf", T::other}, {"windsurf", T::other}, {"sail", T::other}, {"sailing", T::other},
    {"rockclimbing", T::other}, {"rockclimb", T::other}, {"climbing", T::other}, {"golf", T::other},
    {"soccer", T::other}, {"tennis", T::other}, {"squash", T::other}, {"badminton", T::other},
    {"tabletennis", T::other}, {"racquetball", T::other}, {"pickleball", T::other}, {"wheelchair", T::other},
    {"horseriding", T::other}, {"dance", T::other}, {"breathwork", T::other}, {"meditation", T::other},
    {"multisport", T::other},
    // The German export's names (Strava's German interface).
    {"lauf", T::run}, {"laufen", T::run}, {"trailrun", T::run}, {"virtuellerlauf", T::run},
    {"radfahrt", T::bike}, {"virtuelleradfahrt", T::bike}, {"ebikefahrt", T::bike}, {"mountainbikefahrt", T::bike},
    {"gravelfahrt", T::bike}, {"radfahren", T::bike}, {"schwimmen", T::swim}, {"wanderung", T::hike},
    {"wandern", T::hike}, {"spaziergang", T::walk}, {"gehen", T::walk}, {"krafttraining", T::strength},
    {"training", T::other}, {"crosstrainer", T::elliptical}, {"rudern", T::other},
};

// The numbers Strava writes in the GPX <type> of its exports (seen in real exports; Strava
// does not publish the list, so no other number is guessed at).
constexpr std::pair<std::string_view, T> kStravaNumbers[] = {
    {"1", T::bike}, {"4", T::hike}, {"9", T::run}, {"16", T::swim}, {"17", T::bike},
};

// FIT profile, enum `sport` (the values 0-84 that name a sport).
constexpr std::array<std::string_view, 85> kFitSports = {
    "generic", "running", "cycling", "transition", "fitness_equipment", "swimming", "basketball", "soccer",
    "tennis", "american_football", "training", "walking", "cross_country_skiing", "alpine_skiing", "snowboarding",
    "rowing", "mountaineering", "hiking", "multisport", "paddling", "flying", "e_biking", "motorcycling", "boating",
    "driving", "golf", "hang_gliding", "horseback_riding", "hunting", "fishing", "inline_skating", "rock_climbing",
    "sailing", "ice_skating", "sky_diving", "snowshoeing", "snowmobiling", "stand_up_paddleboarding", "surfing",
    "wakeboarding", "water_skiing", "kayaking", "rafting", "windsurfing", "kitesurfing", "tactical", "jumpmaster",
    "boxing", "floor_climbing", "", "", "", "", "diving", "", "", "", "", "", "", "", "", "hiit", "", "racket",
    "wheelchair_push_walk", "wheelchair_push_run", "meditation", "", "disc_golf", "", "cricket", "rugby", "hockey",
    "lacrosse", "volleyball", "water_tubing", "wakesurfing", "", "", "mixed_martial_arts", "", "snorkeling", "dance",
    "jump_rope"};

// FIT profile, enum `sub_sport` (0-75; the diving and later values only label).
constexpr std::array<std::string_view, 76> kFitSubSports = {
    "generic", "treadmill", "street", "trail", "track", "spin", "indoor_cycling", "road", "mountain", "downhill",
    "recumbent", "cyclocross", "hand_cycling", "track_cycling", "indoor_rowing", "elliptical", "stair_climbing",
    "lap_swimming", "open_water", "flexibility_training", "strength_training", "warm_up", "match", "exercise",
    "challenge", "indoor_skiing", "cardio_training", "indoor_walking", "e_bike_fitness", "bmx", "casual_walking",
    "speed_walking", "bike_to_run_transition", "run_to_bike_transition", "swim_to_bike_transition", "atv",
    "motocross", "backcountry", "resort", "rc_drone", "wingsuit", "whitewater", "skate_skiing", "yoga", "pilates",
    "indoor_running", "gravel_cycling", "e_bike_mountain", "commuting", "mixed_surface", "navigate", "track_me",
    "map", "single_gas_diving", "multi_gas_diving", "gauge_diving", "apnea_diving", "apnea_hunting",
    "virtual_activity", "obstacle", "", "", "breathing", "", "", "sail_race", "", "ultra", "indoor_climbing",
    "bouldering", "hiit", "", "", "amrap", "emom", "tabata"};

constexpr std::uint8_t kInvalid = 0xFF;

}  // namespace

std::optional<ActivityType> activity_type_from_name(std::string_view name) {
  const std::string key = folded(name);
  if (key.empty()) return std::nullopt;
  for (const auto& [number, type] : kStravaNumbers)
    if (number == key) return type;
  for (const auto& [known, type] : kNames)
    if (known == key) return type;
  return std::nullopt;
}

bool is_fit_transition(std::uint8_t sport, std::uint8_t sub_sport) {
  return sport == 3 || sub_sport == 32 || sub_sport == 33 || sub_sport == 34;
}

std::optional<ActivityType> activity_type_from_fit(std::uint8_t sport, std::uint8_t sub_sport) {
  // Sub-sports that settle the type whatever the sport says (fitness equipment and
  // training carry most of their meaning here).
  switch (sub_sport) {
    case 1: return sport == 11 ? T::walk : T::run;  // treadmill: a walk on one when the sport says walking
    case 5: case 6: case 28: return T::bike;          // spin, indoor cycling, e-bike fitness
    case 15: return T::elliptical;
    case 20: return T::strength;                      // strength training
    case 27: return T::walk;                          // indoor walking
    case 45: return T::run;                           // indoor running
    default: break;
  }
  switch (sport) {
    case 1: case 66: return T::run;      // running, wheelchair push run
    case 11: case 65: return T::walk;    // walking, wheelchair push walk
    case 17: case 16: case 35: return T::hike;  // hiking, mountaineering, snowshoeing
    case 2: case 21: return T::bike;     // cycling, e-biking
    case 5: return T::swim;
    case 10: return sub_sport == 20 ? T::strength : T::other;  // training
    default: break;
  }
  if (sport < kFitSports.size() && !kFitSports[sport].empty()) return T::other;  // a known sport niggle has no type for
  if (sport == 254) return T::other;  // "all"
  return std::nullopt;
}

std::string fit_sport_label(std::uint8_t sport, std::uint8_t sub_sport) {
  std::string label = sport < kFitSports.size() && !kFitSports[sport].empty() ? std::string{kFitSports[sport]}
                                                                               : fmt::format("sport {}", sport);
  if (sub_sport != 0 && sub_sport != kInvalid) {
    label += sub_sport < kFitSubSports.size() && !kFitSubSports[sub_sport].empty()
                 ? fmt::format(" ({})", kFitSubSports[sub_sport])
                 : fmt::format(" (sub-sport {})", sub_sport);
  }
  return label;
}

}  // namespace niggle
