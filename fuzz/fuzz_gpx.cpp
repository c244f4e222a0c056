// GPX tracks from any device or program (the first byte picks the import options).
#include "import_checks.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(gpx) {
  fuzz::check_activity_parser(data, size, ActivityFormat::gpx, "GPX", parse_gpx);
  return 0;
}
