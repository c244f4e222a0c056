// FIT files, binary (the first byte picks the import options): headers, CRCs, definitions,
// compressed timestamps and developer fields of any shape.
#include "import_checks.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(fit) {
  fuzz::check_activity_parser(data, size, ActivityFormat::fit, "FIT", parse_fit);
  return 0;
}
