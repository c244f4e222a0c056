// `niggle import` of niggle's JSON: an export document or the records of `list --json`,
// as a person may have edited them, or as any other program may have written them.
#include "import_checks.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(json_import) {
  ImportOptions options;
  options.today = fuzz::fuzz_today();
  fuzz::read_with("niggle JSON", data, size, options);
  return 0;
}
