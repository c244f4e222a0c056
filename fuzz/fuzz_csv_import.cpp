// `niggle import` of niggle's CSV (`export --format csv`, `list --csv`), as spreadsheets
// leave it. What it accepts, written back as niggle writes CSV, reads back the same.
#include "import_checks.hpp"
#include "niggle/core/csv.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(csv_import) {
  ImportOptions options;
  options.today = fuzz::fuzz_today();
  const auto batch = fuzz::read_with("niggle CSV", data, size, options);
  if (!batch || batch->entries.empty()) return 0;
  const std::vector<std::string> header(csv_columns().begin(), csv_columns().end());
  std::string written = csv_record(header);
  for (const Entry& entry : batch->entries) written += csv_record(csv_fields(entry));
  const auto again = fuzz::read_with("niggle CSV", reinterpret_cast<const std::uint8_t*>(written.data()), written.size(), options);
  FUZZ_CHECK(again && again->rejections.empty() && again->entries.size() == batch->entries.size());
  for (std::size_t i = 0; i < batch->entries.size(); ++i) FUZZ_CHECK(to_json(again->entries[i]) == to_json(batch->entries[i]));
  return 0;
}
