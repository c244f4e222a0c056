#pragma once
// Distances and durations as runners write them ("5k", "3.1mi", "800m", "45:30", "1h5m"),
// parsed into SI units (metres, seconds) and formatted back in the user's unit.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace niggle {

enum class DistanceUnit { km, mi };

inline constexpr double kMetresPerMile = 1609.344;
inline constexpr double kMaxDistanceMetres = 1'000'000.0;  // 1000 km: anything longer is a typo
inline constexpr std::int64_t kMaxDurationSeconds = 100 * 3600;  // 100 h covers the longest ultras

std::string_view unit_name(DistanceUnit unit);  // "km", "mi"
std::optional<DistanceUnit> parse_distance_unit(std::string_view text);
double metres_per_unit(DistanceUnit unit);

struct Distance {
  double metres;
};
struct Duration {
  std::int64_t seconds;
};
using Quantity = std::variant<Distance, Duration>;

// Distances are kept to the millimetre so that every conversion (km, mi, JSON) round-trips.
double round_to_millimetre(double metres);

// A distance: "5k", "5km", "5.2km", "3.1mi", "800m", "400yd", or a bare number in `bare_unit`.
// Throws ValueError naming the value and the accepted forms.
Distance parse_distance(std::string_view text, DistanceUnit bare_unit);
// A duration: "45:30", "1:05:00", "1h5m", "1h30", "45min", "2700s". A lone "m" is metres, not
// minutes, so "45m" is refused here with a hint to write "45min".
Duration parse_duration(std::string_view text);
// Either of the two, told apart by their form; used for `niggle log 5k 45:30`.
Quantity parse_quantity(std::string_view text, DistanceUnit bare_unit);

// "5.00 km"; `with_unit` false gives "5.00".
std::string format_distance(double metres, DistanceUnit unit, bool with_unit = true);
double metres_to(double metres, DistanceUnit unit);
// "27:30", "1:05:00".
std::string format_duration(std::int64_t seconds);
// Time per unit of distance: "5:30 /km".
std::string format_pace(double metres, std::int64_t seconds, DistanceUnit unit);
// Distance per hour: "24.3 km/h".
std::string format_speed(double metres, std::int64_t seconds, DistanceUnit unit);

}  // namespace niggle
