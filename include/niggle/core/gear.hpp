#pragma once
// Gear: the shoes (or bikes) sessions are done in, and how far each has gone. An item is
// known by its name, matched without regard to case, so two journals that each added
// "Pegasus 40" hold one item once merged; a session names its item (Session::gear).
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/date.hpp"
#include "niggle/core/entry.hpp"
#include "niggle/core/format.hpp"

namespace niggle {

inline constexpr std::size_t kMaxGearNameBytes = 60;
// advise mentions an item this close to its retirement distance.
inline constexpr double kGearNearRetirementMetres = 50'000;

struct GearItem {
  std::string name;                       // as first written; unique without regard to case
  std::optional<ActivityType> type;       // the kind of session it is for (run: shoes)
  std::optional<double> retire_at_metres; // the distance at which it should be retired
  bool is_default = false;                // used by sessions of its type that name no gear
  std::optional<Date> retired_on;         // retired items are listed but never a default
  std::string created_at, modified_at;    // UTC; modified_at decides merges
  friend bool operator==(const GearItem&, const GearItem&) = default;
};

// A gear name: 1-60 bytes of UTF-8 without control characters, trimmed. Throws ValueError.
std::string parse_gear_name(std::string_view text);
// Names compared without regard to (ASCII) case: "pegasus 40" is "Pegasus 40".
bool same_gear_name(std::string_view a, std::string_view b);
const GearItem* find_gear(std::span<const GearItem> items, std::string_view name);
// The item of that name, or NotFoundError naming it, with "did you mean" when a name is near
// and the names to choose from otherwise.
const GearItem& require_gear(std::span<const GearItem> items, std::string_view name);
// The gear a session of `type` gets when it names none: its type's default, never a retired one.
const GearItem* default_gear(std::span<const GearItem> items, ActivityType type);

// How far an item has gone: the sum over the sessions naming it.
struct GearUsage {
  double metres = 0;
  std::size_t sessions = 0;
  std::optional<Date> first_use, last_use;
};
// One usage per item, in the items' order; sessions match an item without regard to case.
std::vector<GearUsage> gear_usage(std::span<const GearItem> items, std::span<const Session> sessions);
// The sessions that name one gear name, exactly as stored, summed by the journal.
struct GearNameTotals {
  std::string name;
  GearUsage usage;
};
// The same usage from the journal's sums per stored name: names that differ only in case
// count for one item, as in gear_usage above.
std::vector<GearUsage> gear_usage(std::span<const GearItem> items, std::span<const GearNameTotals> totals);
// Whether any item would be named by gear_near_retirement: in use, with a retirement distance.
bool watches_retirement(std::span<const GearItem> items);
// Distance left before the item's retirement distance (negative past it); nullopt without one.
std::optional<double> metres_to_retirement(const GearItem& item, const GearUsage& usage);
// True when adding `added` metres takes the item from below its retirement distance to it or past.
bool crosses_retirement(const GearItem& item, double metres_before, double added);

// Items in use (not retired) within kGearNearRetirementMetres of their retirement distance, or
// past it, with their usage: what `advise` mentions, in the items' order.
struct GearNotice {
  GearItem item;
  GearUsage usage;
  double metres_left = 0;  // negative past the retirement distance
};
std::vector<GearNotice> gear_near_retirement(std::span<const GearItem> items, std::span<const GearUsage> usage);
// The notice as one line: "Gear: 'Pegasus 40' has 32.0 km left before its retirement at 800.0 km."
std::string describe(const GearNotice& notice, DistanceUnit unit);

// The record of an item in exports and the change log, and back (ValueError when invalid).
Json gear_to_json(const GearItem& item);
GearItem gear_from_json(const Json& record);

}  // namespace niggle
