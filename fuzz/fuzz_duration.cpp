// Durations as typed after `niggle log`: "45:30", "1:05:00", "1h5m", "45min", "2700s".
#include "fuzz.hpp"
#include "niggle/core/units.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(duration) {
  const std::string_view text = fuzz::as_text(data, size);
  Duration duration{};
  if (fuzz::accepts([&] { duration = parse_duration(text); })) {
    FUZZ_CHECK(duration.seconds >= 1 && duration.seconds <= kMaxDurationSeconds);
    // What niggle prints ("27:30", "1:05:00") reads back as exactly the same duration.
    Duration again{};
    FUZZ_CHECK(fuzz::accepts([&] { again = parse_duration(format_duration(duration.seconds)); }));
    FUZZ_CHECK(again.seconds == duration.seconds);
  }
  // The combined reader of `niggle log 5k 27:30` agrees with the two specific ones.
  Quantity quantity;
  if (fuzz::accepts([&] { quantity = parse_quantity(text, DistanceUnit::km); })) {
    if (const auto* d = std::get_if<Duration>(&quantity)) {
      FUZZ_CHECK(d->seconds == duration.seconds);
    } else {
      Distance distance{};
      FUZZ_CHECK(fuzz::accepts([&] { distance = parse_distance(text, DistanceUnit::km); }));
      FUZZ_CHECK(distance.metres == std::get<Distance>(quantity).metres);
    }
  }
  return 0;
}
