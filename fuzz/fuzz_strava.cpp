// Strava's activities.csv (the first byte picks the import options).
#include "import_checks.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(strava) {
  fuzz::check_activity_parser(data, size, ActivityFormat::strava_csv, "Strava CSV", parse_strava_csv);
  return 0;
}
