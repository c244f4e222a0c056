// ISO weeks as `week` and summaries take them: "2026-W48", "2026w48".
#include "fuzz.hpp"
#include "niggle/core/date.hpp"
#include "niggle/core/text.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(iso_week) {
  const std::string_view text = fuzz::as_text(data, size);
  Date monday;
  if (!fuzz::accepts([&] { monday = parse_iso_week(text); })) return 0;
  FUZZ_CHECK(monday.weekday() == Weekday::monday);
  const std::string label = iso_week_label(monday);
  FUZZ_CHECK(label.size() == 8 && label.substr(0, 4) == ascii_upper(trim(text)).substr(0, 4));
  Date again;
  FUZZ_CHECK(fuzz::accepts([&] { again = parse_iso_week(label); }));
  FUZZ_CHECK(again == monday);
  FUZZ_CHECK(iso_week(monday.plus_days(6)) == iso_week(monday));
  return 0;
}
