// CSV as spreadsheets and other apps export it: the reader that import builds on.
#include <string>
#include <vector>

#include "fuzz.hpp"
#include "niggle/core/csv.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(csv) {
  const std::string_view text = fuzz::as_text(data, size);
  for (const char separator : {',', ';', '\t'}) {
    std::vector<std::vector<std::string>> records;
    if (!fuzz::accepts([&] {
          CsvReader reader(text, separator);
          std::size_t last_line = 0;
          while (auto record = reader.next()) {
            FUZZ_CHECK(reader.line() > last_line);
            last_line = reader.line();
            FUZZ_CHECK(!record->empty());
            records.push_back(std::move(*record));
          }
        })) {
      continue;
    }
    // What niggle writes reads back as the same records.
    std::string written;
    for (const auto& record : records) written += csv_record(record, separator);
    std::vector<std::vector<std::string>> again;
    FUZZ_CHECK(fuzz::accepts([&] { again = parse_csv(written, separator); }));
    FUZZ_CHECK(again == records);
  }
  return 0;
}
