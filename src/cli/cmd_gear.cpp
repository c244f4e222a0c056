// `niggle gear`: the shoes and bikes sessions are done in, and how far each has gone.
#include <charconv>
#include <cctype>
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct GearOptions {
  std::vector<std::string> words;  // the action and its names
  std::optional<std::string> type, retire_at, date;
  bool is_default = false, force = false, json = false, names = false;
};

constexpr std::string_view kActions = "add, retire, rename, default, rm";

// A retirement distance: "800km", "800k", "500mi" or a bare number in the user's unit, above 0
// and up to 100,000 km (a bike's life; a session's distance stops at 1000 km).
double parse_retirement(std::string_view text, DistanceUnit unit) {
  constexpr double kMaxRetirementKm = 100'000;
  const std::string value = ascii_lower(trim(text));
  std::size_t digits = 0;
  while (digits < value.size() && (std::isdigit(static_cast<unsigned char>(value[digits])) || value[digits] == '.')) ++digits;
  const std::string_view number = std::string_view(value).substr(0, digits), suffix = trim(std::string_view(value).substr(digits));
  double amount = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), amount);
  std::optional<double> per_unit;
  if (suffix.empty()) per_unit = metres_per_unit(unit);
  else if (suffix == "km" || suffix == "k") per_unit = 1000;
  else if (suffix == "mi") per_unit = kMetresPerMile;
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() || !per_unit || !(amount > 0) ||
      amount * *per_unit > kMaxRetirementKm * 1000) {
    throw ValueError(fmt::format("--retire-at '{}' is not a distance above 0 and up to 100000 km; accepted: 800km, "
                                 "800k, 500mi, or a bare number in your unit",
                                 printable(text)));
  }
  return round_to_millimetre(amount * *per_unit);
}

std::string usage_line(const GearItem& item, const GearUsage& usage, DistanceUnit unit) {
  std::string line = fmt::format("{:<28} {:>10}  {:>3} session{}", without_hidden_controls(item.name),
                                 format_distance(usage.metres, unit), usage.sessions, usage.sessions == 1 ? " " : "s");
  line += usage.first_use ? fmt::format("  {} to {}", usage.first_use->iso(), usage.last_use->iso()) : std::string(26, ' ');
  std::vector<std::string> notes;
  if (item.type) notes.emplace_back(to_string(*item.type));
  if (item.is_default) notes.emplace_back("default");
  if (item.retire_at_metres) {
    const double left = *item.retire_at_metres - usage.metres;
    notes.push_back(left > 0 ? fmt::format("{} left of {}", format_distance(left, unit), format_distance(*item.retire_at_metres, unit))
                             : fmt::format("past {}", format_distance(*item.retire_at_metres, unit)));
  }
  if (item.retired_on) notes.push_back(fmt::format("retired {}", item.retired_on->iso()));
  if (!notes.empty()) line += "  (" + join(notes, ", ") + ")";
  return line;
}

Json usage_json(const GearItem& item, const GearUsage& usage) {
  Json json = gear_to_json(item);
  json["distance_km"] = json_km(usage.metres);
  json["sessions"] = usage.sessions;
  json["first_use"] = usage.first_use ? Json(usage.first_use->iso()) : Json(nullptr);
  json["last_use"] = usage.last_use ? Json(usage.last_use->iso()) : Json(nullptr);
  json["retired"] = item.retired_on.has_value();
  const auto left = metres_to_retirement(item, usage);
  json["km_to_retirement"] = left ? Json(json_km(*left)) : Json(nullptr);
  return json;
}

void require_words(const GearOptions& options, std::size_t count, std::string_view form) {
  if (options.words.size() != count) {
    throw UsageError(fmt::format("`niggle gear {}` takes {}: niggle gear {}", options.words.front(),
                                 count == 2 ? "one name" : "two names", form));
  }
}

}  // namespace

CommandRun setup_gear(CLI::App& command, Context& context) {
  command.description(help_text(
      "Gear: the shoes (or bikes) sessions are done in. With no action, lists each item with its distance,\n"
      "sessions, first and last use; `log --gear NAME` and `edit ID --gear NAME` name an item.",
      {"niggle gear add \"Pegasus 40\" --retire-at 800km --default", "niggle gear add \"Canyon Endurace\" --type bike",
       "niggle gear", "niggle gear --json", "niggle gear retire \"pegasus 40\"", "niggle gear rename \"Pegasus 40\" \"Pegasus 40 (blue)\"",
       "niggle gear default \"Pegasus 41\"", "niggle gear rm \"Old shoes\"            (only when no session names it; --force)"},
      "Actions: add NAME, retire NAME [--date DAY], rename OLD NEW, default NAME, rm NAME; none lists.\n"
      "Names are matched without regard to case. --type is run (the default), walk, hike, bike, swim, elliptical,\n"
      "strength or other; the default item of a type is used by sessions of that type logged without --gear.\n"
      "--retire-at is a distance (800km, 500mi, a bare number in your unit): a session taking the item past it\n"
      "gets a warning, and `advise` says when an item is within 50 km of it. A retired item stays listed with\n"
      "its history and is never a default. `gear rm` refuses an item sessions name unless --force, which takes\n"
      "it off them. Imports name gear from Strava's \"Activity Gear\", creating items as needed; exports,\n"
      "imports and merges carry the items, by name. Every action is undone by `niggle undo`.\n"
      "Exit codes: 2 a wrong action or missing name, 3 a bad value or a name that exists, 6 an unknown name."));
  auto options = std::make_shared<GearOptions>();
  command.add_option("action", options->words, "add NAME, retire NAME, rename OLD NEW, default NAME, rm NAME; none lists");
  command.add_option("-t,--type", options->type, "add: the type of session it is for: run (default), bike, walk, ...");
  command.add_option("--retire-at", options->retire_at, "add: the distance at which to retire it, e.g. 800km");
  command.add_flag("--default", options->is_default, "add: the item for sessions of its type logged without --gear");
  command.add_option("-d,--date", options->date, "retire: the day it was retired (default today)");
  command.add_flag("-f,--force", options->force, "rm: remove an item sessions name, taking it off them");
  command.add_flag("--json", options->json, "list: print the items as one JSON document");
  command.add_flag("--names", options->names, "list: the names only, one a line (for scripts and completions)");

  return [options, &context]() {
    const Settings& settings = context.config();
    const std::string action = options->words.empty() ? "list" : options->words.front();
    const bool add_options = options->type || options->retire_at || options->is_default;
    if (options->json && action != "list" && action != "add") {
      throw UsageError(fmt::format("--json goes with the list and `add`, not `niggle gear {}`", printable(action)));
    }
    if (options->names && action != "list") {
      throw UsageError(fmt::format("--names goes with the list, not `niggle gear {}`", printable(action)));
    }
    if (options->json && options->names) throw UsageError("--json and --names cannot be combined");
    if (action != "add" && add_options && action != "list") {
      throw UsageError(fmt::format("--type, --retire-at and --default are for `niggle gear add`, not `{}`", printable(action)));
    }
    if (action == "list" && (add_options || options->date || options->force)) {
      throw UsageError("listing takes only --json; --type, --retire-at, --default, --date and --force go with an action");
    }
    if (action == "list") {
      if (options->words.size() > 1) throw UsageError("`niggle gear list` takes no name");
      Journal& journal = context.journal(Journal::Access::read);
      const std::vector<GearItem> items = journal.exists() ? journal.gear() : std::vector<GearItem>{};
      const std::vector<GearUsage> usage =
          gear_usage(items, journal.exists() ? journal.gear_totals() : std::vector<GearNameTotals>{});
      if (options->names) {
        for (const GearItem& item : items) context.out << without_hidden_controls(item.name) << '\n';
      } else if (options->json) {
        Json list = Json::array();
        for (std::size_t i = 0; i < items.size(); ++i) list.push_back(usage_json(items[i], usage[i]));
        context.out << list.dump(2) << '\n';
      } else if (items.empty()) {
        context.err << "niggle: no gear yet; `niggle gear add \"Pegasus 40\" --retire-at 800km` adds an item\n";
      } else {
        for (std::size_t i = 0; i < items.size(); ++i) context.out << usage_line(items[i], usage[i], settings.units) << '\n';
      }
      return ExitCode::ok;
    }
    if (action == "add") {
      require_words(*options, 2, "add NAME [--type TYPE] [--retire-at DISTANCE] [--default]");
      GearItem item;
      item.name = parse_gear_name(options->words[1]);
      item.type = parse_name<ActivityType>(options->type.value_or("run"));
      if (options->retire_at) item.retire_at_metres = parse_retirement(*options->retire_at, settings.units);
      item.is_default = options->is_default;
      const GearItem stored = context.journal(Journal::Access::write).add_gear(item);
      if (options->json) {
        context.out << gear_to_json(stored).dump(2) << '\n';
      } else {
        context.out << "Added gear " << usage_line(stored, GearUsage{}, settings.units) << '\n';
      }
      return ExitCode::ok;
    }
    if (action == "retire" || action == "default" || action == "rm") {
      require_words(*options, 2, fmt::format("{} NAME", action));
      const std::string name = parse_gear_name(options->words[1]);
      if (options->date && action != "retire") throw UsageError("--date goes with `niggle gear retire`");
      if (options->force && action != "rm") throw UsageError("--force goes with `niggle gear rm`");
      const Date retired_on = options->date ? parse_past_date(*options->date, context.today()) : context.today();
      Journal& journal = existing_journal(context, fmt::format("no gear is named '{}'", printable(name)));
      if (action == "rm") {
        const auto [item, cleared] = journal.remove_gear(name, options->force);
        context.out << fmt::format("Removed gear '{}'", without_hidden_controls(item.name));
        if (cleared > 0) context.out << fmt::format(", taken off {} session{}", cleared, cleared == 1 ? "" : "s");
        context.out << '\n';
        return ExitCode::ok;
      }
      const std::vector<GearItem> items = journal.gear();
      GearItem after = require_gear(items, name);
      const std::string current = after.name;
      if (action == "retire") {
        after.retired_on = retired_on;
        after.is_default = false;
      } else {
        if (after.retired_on) {
          throw ValueError(fmt::format("gear '{}' was retired on {}; a retired item is never a default", printable(current),
                                       after.retired_on->iso()));
        }
        after.is_default = true;
      }
      const auto stored = journal.update_gear(current, after);
      const std::string shown = without_hidden_controls(current);
      if (action == "retire") {
        context.out << (stored ? fmt::format("Retired gear '{}' on {}", shown, retired_on.iso())
                               : fmt::format("No change: gear '{}' was retired on {}", shown, retired_on.iso()))
                    << '\n';
      } else {
        context.out << (stored ? "" : "No change: ") << fmt::format("'{}' is the default for {} sessions\n", shown,
                                                                    to_string(after.type.value_or(ActivityType::run)));
      }
      return ExitCode::ok;
    }
    if (action == "rename") {
      require_words(*options, 3, "rename OLD NEW");
      const std::string old_name = parse_gear_name(options->words[1]), new_name = parse_gear_name(options->words[2]);
      Journal& journal = existing_journal(context, fmt::format("no gear is named '{}'", printable(old_name)));
      GearItem after = require_gear(journal.gear(), old_name);
      const std::string current = after.name;
      after.name = new_name;
      const auto stored = journal.update_gear(current, after);
      context.out << (stored ? fmt::format("Renamed gear '{}' to '{}'\n", without_hidden_controls(current),
                                           without_hidden_controls(new_name))
                             : fmt::format("No change: gear '{}' has that name\n", without_hidden_controls(current)));
      return ExitCode::ok;
    }
    std::string message = fmt::format("unknown gear action '{}'; accepted: {}, or none to list", printable(action), kActions);
    const std::vector<std::string_view> actions{"add", "retire", "rename", "default", "rm", "list"};
    if (auto guess = closest_match(action, actions)) message += fmt::format(" (did you mean '{}'?)", *guess);
    throw UsageError(message);
  };
}

}  // namespace niggle::cli
