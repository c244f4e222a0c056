// `niggle import` on any bytes at all: the format is recognised by content, so whatever a
// file holds reaches one reader or a refusal. The recogniser of activity files and the
// reader chosen agree.
#include "import_checks.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(import) {
  const std::string_view bytes = fuzz::as_text(data, size);
  const auto detected = detect_activity_format(bytes);
  ImportOptions options;
  options.today = fuzz::fuzz_today();
  options.activity = fuzz::activity_options(0);
  const ImportSource source{"'fuzz'", {}, std::string(bytes)};
  ImportBatch batch;
  try {
    batch = read_import(source, options);
  } catch (const FileError& e) {
    fuzz::check_message(e.what());
    return 0;
  }
  if (detected) FUZZ_CHECK(batch.format == format_name(*detected));
  fuzz::check_batch(batch, options.today);
  return 0;
}
