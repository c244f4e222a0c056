// Distances as typed after `niggle log` and `--planned`: "5k", "3.1mi", "800m", "5 km".
#include <cmath>

#include "fuzz.hpp"
#include "niggle/core/units.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(distance) {
  const std::string_view text = fuzz::as_text(data, size);
  for (DistanceUnit unit : {DistanceUnit::km, DistanceUnit::mi}) {
    Distance distance{};
    if (!fuzz::accepts([&] { distance = parse_distance(text, unit); })) continue;
    FUZZ_CHECK(std::isfinite(distance.metres));
    FUZZ_CHECK(distance.metres > 0 && distance.metres <= kMaxDistanceMetres);
    FUZZ_CHECK(round_to_millimetre(distance.metres) == distance.metres);
    // What niggle prints reads back as (nearly) the same distance: 2 decimals of the unit.
    const std::string shown = format_distance(distance.metres, unit);
    Distance again{};
    if (fuzz::accepts([&] { again = parse_distance(shown, unit); })) {
      FUZZ_CHECK(std::fabs(again.metres - distance.metres) <= 0.005 * metres_per_unit(unit) + 0.001);
    } else {
      FUZZ_CHECK(distance.metres < 0.005 * metres_per_unit(unit));  // shown as 0.00, refused as zero
    }
  }
  return 0;
}
