// The one table of other programs' sport names and numbers: every ride a ride, every run a
// run, and nothing unknown taken for a run.
#include <doctest/doctest.h>

#include "niggle/formats/sport.hpp"

using namespace niggle;
using T = ActivityType;

TEST_CASE("Strava's numeric GPX types") {
  CHECK(activity_type_from_name("1") == T::bike);
  CHECK(activity_type_from_name("4") == T::hike);
  CHECK(activity_type_from_name("9") == T::run);
  CHECK(activity_type_from_name(" 16 ") == T::swim);
  CHECK(activity_type_from_name("17") == T::bike);  // virtual ride
  // Numbers Strava does not publish are not guessed at.
  CHECK_FALSE(activity_type_from_name("2"));
  CHECK_FALSE(activity_type_from_name("99"));
  CHECK_FALSE(activity_type_from_name("0"));
}

TEST_CASE("Strava's CSV activity names") {
  CHECK(activity_type_from_name("Run") == T::run);
  CHECK(activity_type_from_name("Trail Run") == T::run);
  CHECK(activity_type_from_name("Virtual Run") == T::run);
  CHECK(activity_type_from_name("Ride") == T::bike);
  CHECK(activity_type_from_name("Virtual Ride") == T::bike);
  CHECK(activity_type_from_name("VirtualRide") == T::bike);
  CHECK(activity_type_from_name("E-Bike Ride") == T::bike);
  CHECK(activity_type_from_name("Mountain Bike Ride") == T::bike);
  CHECK(activity_type_from_name("Gravel Ride") == T::bike);
  CHECK(activity_type_from_name("Handcycle") == T::bike);
  CHECK(activity_type_from_name("Swim") == T::swim);
  CHECK(activity_type_from_name("Walk") == T::walk);
  CHECK(activity_type_from_name("Hike") == T::hike);
  CHECK(activity_type_from_name("Snowshoe") == T::hike);
  CHECK(activity_type_from_name("Elliptical") == T::elliptical);
  CHECK(activity_type_from_name("Weight Training") == T::strength);
  CHECK(activity_type_from_name("Crossfit") == T::strength);
  CHECK(activity_type_from_name("Workout") == T::other);
  CHECK(activity_type_from_name("Yoga") == T::other);
  CHECK(activity_type_from_name("Rowing") == T::other);
  CHECK(activity_type_from_name("Stair-Stepper") == T::other);
  CHECK(activity_type_from_name("Alpine Ski") == T::other);
}

TEST_CASE("Garmin's and OpenTracks' type names, TCX Sport") {
  CHECK(activity_type_from_name("road_biking") == T::bike);
  CHECK(activity_type_from_name("mountain_biking") == T::bike);
  CHECK(activity_type_from_name("mountain biking") == T::bike);  // OpenTracks
  CHECK(activity_type_from_name("road biking") == T::bike);
  CHECK(activity_type_from_name("indoor_cycling") == T::bike);
  CHECK(activity_type_from_name("virtual_ride") == T::bike);
  CHECK(activity_type_from_name("gravel_cycling") == T::bike);
  CHECK(activity_type_from_name("cyclocross") == T::bike);
  CHECK(activity_type_from_name("trail_running") == T::run);
  CHECK(activity_type_from_name("treadmill_running") == T::run);
  CHECK(activity_type_from_name("track_running") == T::run);
  CHECK(activity_type_from_name("street_running") == T::run);
  CHECK(activity_type_from_name("indoor_running") == T::run);
  CHECK(activity_type_from_name("lap_swimming") == T::swim);
  CHECK(activity_type_from_name("open_water_swimming") == T::swim);
  CHECK(activity_type_from_name("casual_walking") == T::walk);
  CHECK(activity_type_from_name("speed_walking") == T::walk);
  CHECK(activity_type_from_name("hiking") == T::hike);
  CHECK(activity_type_from_name("strength_training") == T::strength);
  CHECK(activity_type_from_name("Running") == T::run);   // TCX
  CHECK(activity_type_from_name("Biking") == T::bike);   // TCX
  CHECK(activity_type_from_name("Other") == T::other);   // TCX
  CHECK(activity_type_from_name("RUNNING") == T::run);
  CHECK(activity_type_from_name("Trail-Running") == T::run);
}

TEST_CASE("unknown names are unknown, and become other, or --type, never the default run") {
  CHECK_FALSE(activity_type_from_name(""));
  CHECK_FALSE(activity_type_from_name("   "));
  CHECK_FALSE(activity_type_from_name("unicycling"));
  CHECK_FALSE(activity_type_from_name("runner"));  // a near word is not a match
  CHECK_FALSE(activity_type_from_name("rides"));
  CHECK(unknown_sport_type(std::nullopt) == T::other);
  CHECK(unknown_sport_type(T::bike) == T::bike);
}

TEST_CASE("FIT sport and sub-sport") {
  constexpr std::uint8_t none = 0xFF;
  CHECK(activity_type_from_fit(1, 0) == T::run);
  CHECK(activity_type_from_fit(1, 1) == T::run);    // treadmill
  CHECK(activity_type_from_fit(1, 3) == T::run);    // trail
  CHECK(activity_type_from_fit(1, 45) == T::run);   // indoor running
  CHECK(activity_type_from_fit(1, 58) == T::run);   // virtual
  CHECK(activity_type_from_fit(2, 0) == T::bike);
  CHECK(activity_type_from_fit(2, 6) == T::bike);   // indoor cycling
  CHECK(activity_type_from_fit(2, 58) == T::bike);  // virtual ride
  CHECK(activity_type_from_fit(2, 8) == T::bike);   // mountain
  CHECK(activity_type_from_fit(21, none) == T::bike);  // e-biking
  CHECK(activity_type_from_fit(4, 6) == T::bike);   // fitness equipment: indoor cycling
  CHECK(activity_type_from_fit(4, 5) == T::bike);   // spin
  CHECK(activity_type_from_fit(4, 1) == T::run);    // fitness equipment: treadmill
  CHECK(activity_type_from_fit(11, 1) == T::walk);  // walking on a treadmill
  CHECK(activity_type_from_fit(4, 15) == T::elliptical);
  CHECK(activity_type_from_fit(4, 14) == T::other);  // indoor rowing
  CHECK(activity_type_from_fit(5, 17) == T::swim);   // lap swimming
  CHECK(activity_type_from_fit(5, 18) == T::swim);   // open water
  CHECK(activity_type_from_fit(11, 0) == T::walk);
  CHECK(activity_type_from_fit(11, 27) == T::walk);
  CHECK(activity_type_from_fit(17, 0) == T::hike);
  CHECK(activity_type_from_fit(16, 0) == T::hike);  // mountaineering
  CHECK(activity_type_from_fit(10, 20) == T::strength);
  CHECK(activity_type_from_fit(10, 43) == T::other);  // training: yoga
  CHECK(activity_type_from_fit(0, 0) == T::other);    // generic
  CHECK(activity_type_from_fit(15, 0) == T::other);   // rowing
  CHECK(activity_type_from_fit(12, 0) == T::other);   // cross-country skiing
  CHECK_FALSE(activity_type_from_fit(200, 0));        // unknown to the profile
  CHECK_FALSE(activity_type_from_fit(49, 0));         // a gap in the enum
  CHECK(is_fit_transition(3, 0));
  CHECK(is_fit_transition(18, 32));
  CHECK(is_fit_transition(18, 33));
  CHECK(is_fit_transition(18, 34));
  CHECK_FALSE(is_fit_transition(1, 0));
  CHECK(fit_sport_label(2, 7) == "cycling (road)");
  CHECK(fit_sport_label(1, 0) == "running");
  CHECK(fit_sport_label(1, none) == "running");
  CHECK(fit_sport_label(200, 0) == "sport 200");
  CHECK(fit_sport_label(1, 200) == "running (sub-sport 200)");
}
