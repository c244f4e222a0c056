// Garmin Training Center files (the first byte picks the import options).
#include "import_checks.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(tcx) {
  fuzz::check_activity_parser(data, size, ActivityFormat::tcx, "TCX", parse_tcx);
  return 0;
}
