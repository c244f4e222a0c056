#include "niggle/core/units.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <vector>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

constexpr std::string_view kDistanceForms =
    "distances take km, k, m, mi or yd (5km, 3.1mi, 800m) or a bare number in your unit";
constexpr std::string_view kDurationForms =
    "durations take h, min or s (1h5m, 45min, 2700s) or a clock time (45:30, 1:05:00)";

enum class UnitWord { none, km, metre, mile, yard, hour, minute, second, minute_or_metre, unknown };

UnitWord classify_unit(std::string_view word) {
  static constexpr std::array<std::pair<std::string_view, UnitWord>, 27> kWords{{
      {"k", UnitWord::km},          {"km", UnitWord::km},          {"kms", UnitWord::km},
      {"kilometre", UnitWord::km},  {"kilometres", UnitWord::km},  {"kilometer", UnitWord::km},
      {"kilometers", UnitWord::km}, {"metre", UnitWord::metre},    {"metres", UnitWord::metre},
      {"meter", UnitWord::metre},   {"meters", UnitWord::metre},   {"mi", UnitWord::mile},
      {"mile", UnitWord::mile},     {"miles", UnitWord::mile},     {"yd", UnitWord::yard},
      {"yds", UnitWord::yard},      {"h", UnitWord::hour},         {"hr", UnitWord::hour},
      {"hrs", UnitWord::hour},      {"hour", UnitWord::hour},      {"hours", UnitWord::hour},
      {"min", UnitWord::minute},    {"mins", UnitWord::minute},    {"minute", UnitWord::minute},
      {"minutes", UnitWord::minute}, {"s", UnitWord::second},      {"sec", UnitWord::second},
  }};
  const std::string lower = ascii_lower(word);
  if (lower.empty()) return UnitWord::none;
  if (lower == "m") return UnitWord::minute_or_metre;
  if (lower == "secs" || lower == "second" || lower == "seconds") return UnitWord::second;
  for (const auto& [name, unit] : kWords)
    if (name == lower) return unit;
  return UnitWord::unknown;
}

bool is_duration_unit(UnitWord unit) {
  return unit == UnitWord::hour || unit == UnitWord::minute || unit == UnitWord::second;
}

// A number followed by an optional unit word: "5.2km" -> {5.2, "km"}.
struct Term {
  double value;
  std::string_view number;
  std::string unit;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Splits "1h 5m" into terms. Returns an empty vector on any character that fits no form;
// the caller then explains what is accepted.
std::vector<Term> split_terms(std::string_view text) {
  std::vector<Term> terms;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    bool seen_dot = false;
    while (i < text.size() && (is_digit(text[i]) || (text[i] == '.' && !seen_dot))) {
      seen_dot = seen_dot || text[i] == '.';
      ++i;
    }
    const std::string_view number = text.substr(start, i - start);
    if (number.empty() || number == ".") return {};
    double value = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value,
                                           std::chars_format::fixed);
    if (ec != std::errc() || end != number.data() + number.size()) return {};
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t unit_start = i;
    while (i < text.size() && is_letter(text[i])) ++i;
    terms.push_back({value, number, std::string{text.substr(unit_start, i - unit_start)}});
    if (i < text.size() && !is_digit(text[i]) && text[i] != ' ' && text[i] != '.') return {};
  }
  return terms;
}

// The first run of letters in `text`: the unit someone meant, for the error message.
std::string first_word(std::string_view text) {
  std::size_t start = 0;
  while (start < text.size() && !is_letter(text[start])) ++start;
  std::size_t end = start;
  while (end < text.size() && is_letter(text[end])) ++end;
  return std::string{text.substr(start, end - start)};
}

[[noreturn]] void reject_shape(std::string_view original) {
  const std::string shown = printable(original);
  const std::string_view text = trim(original);
  if (text.empty()) throw ValueError(fmt::format("the value is empty; {}; {}", kDistanceForms, kDurationForms));
  if (text[0] == '-') {
    throw ValueError(fmt::format("'{}' is negative; distances and durations must be more than zero", shown));
  }
  if (text.find(',') != std::string_view::npos) {
    std::string fixed{text};
    for (char& c : fixed)
      if (c == ',') c = '.';
    throw ValueError(fmt::format("'{}' has a comma; write decimals with a dot, as in {}", shown, printable(fixed)));
  }
  const std::string word = first_word(text);
  if (!word.empty() && classify_unit(word) == UnitWord::unknown) {
    throw ValueError(fmt::format("'{}' has an unknown unit '{}'; {}; {}", shown, printable(word), kDistanceForms,
                                 kDurationForms));
  }
  throw ValueError(
      fmt::format("'{}' is not a distance or a duration; {}; {}", shown, kDistanceForms, kDurationForms));
}

void check_distance_range(double metres, std::string_view original) {
  if (!(metres > 0)) {
    throw ValueError(fmt::format("distance '{}' is zero; a distance must be more than zero", printable(original)));
  }
  if (metres > kMaxDistanceMetres) {
    throw ValueError(fmt::format("distance '{}' is over 1000 km; is it a typo?", printable(original)));
  }
}

void check_duration_range(double seconds, std::string_view original) {
  if (!(seconds >= 0.5)) {
    throw ValueError(fmt::format("duration '{}' is zero; a duration must be more than zero", printable(original)));
  }
  if (seconds > static_cast<double>(kMaxDurationSeconds)) {
    throw ValueError(fmt::format("duration '{}' is over 100 hours; is it a typo?", printable(original)));
  }
}

// "45:30", "1:05:00", "45:30.5": the first field is free, the others two digits below 60.
Duration parse_clock(std::string_view original) {
  const std::string_view text = trim(original);
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (std::size_t colon; (colon = text.find(':', start)) != std::string_view::npos; start = colon + 1)
    fields.push_back(text.substr(start, colon - start));
  fields.push_back(text.substr(start));
  const auto bad = [&](std::string_view why) {
    return ValueError(fmt::format("duration '{}' is not a clock time: {} (use M:SS or H:MM:SS, e.g. 45:30 or 1:05:00)",
                                  printable(original), why));
  };
  if (!text.empty() && text[0] == '-') {
    throw ValueError(fmt::format("duration '{}' is negative; a duration must be more than zero", printable(original)));
  }
  if (fields.size() > 3) throw bad("too many fields");
  double total = 0;
  for (std::size_t k = 0; k < fields.size(); ++k) {
    const std::string_view field = fields[k];
    const bool last = k + 1 == fields.size();
    const std::size_t dot = field.find('.');
    const std::string_view whole = field.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? std::string_view{} : field.substr(dot + 1);
    const bool digits_only = !whole.empty() && std::all_of(whole.begin(), whole.end(), is_digit) &&
                             std::all_of(fraction.begin(), fraction.end(), is_digit);
    if (!digits_only || (dot != std::string_view::npos && (!last || fraction.empty()))) {
      throw bad(fmt::format("'{}' is not a number of {}", printable(field), last ? "seconds" : "minutes"));
    }
    if (k > 0 && whole.size() != 2) throw bad("minutes and seconds take two digits");
    if (k == 0 && whole.size() > 6) throw bad("the number is too long");
    double value = 0;
    std::from_chars(field.data(), field.data() + field.size(), value, std::chars_format::fixed);
    if (k > 0 && value >= 60) throw bad("minutes and seconds must be below 60");
    total = total * 60 + value;
  }
  check_duration_range(total, original);
  return Duration{static_cast<std::int64_t>(std::llround(total))};
}

Duration duration_from_terms(const std::vector<Term>& terms, std::string_view original) {
  // Order h, then min, then s; each once. "m" counts as minutes here because it is part of a
  // compound ("1h5m", "5m30s"); a lone "45m" never reaches this function. "1h30" means 1h30min.
  int rank = -1;
  double total = 0;
  for (std::size_t k = 0; k < terms.size(); ++k) {
    UnitWord unit = classify_unit(terms[k].unit);
    if (unit == UnitWord::minute_or_metre) unit = UnitWord::minute;
    if (unit == UnitWord::none && k + 1 == terms.size() && rank == 0) unit = UnitWord::minute;
    const int this_rank = unit == UnitWord::hour ? 0 : unit == UnitWord::minute ? 1 : unit == UnitWord::second ? 2 : -1;
    if (this_rank < 0) reject_shape(original);
    if (this_rank <= rank) {
      throw ValueError(fmt::format("duration '{}' repeats or misorders its parts; write hours, then minutes, then "
                                   "seconds, as in 1h5m30s",
                                   printable(original)));
    }
    rank = this_rank;
    total += terms[k].value * (this_rank == 0 ? 3600 : this_rank == 1 ? 60 : 1);
  }
  check_duration_range(total, original);
  return Duration{static_cast<std::int64_t>(std::llround(total))};
}

Distance distance_from_term(const Term& term, DistanceUnit bare_unit, std::string_view original) {
  double metres = 0;
  switch (classify_unit(term.unit)) {
    case UnitWord::none: metres = term.value * metres_per_unit(bare_unit); break;
    case UnitWord::km: metres = term.value * 1000; break;
    case UnitWord::metre:
    case UnitWord::minute_or_metre: metres = term.value; break;
    case UnitWord::mile: metres = term.value * kMetresPerMile; break;
    case UnitWord::yard: metres = term.value * 0.9144; break;
    default: reject_shape(original);
  }
  // Checked as stored, to the millimetre: "0.0000001km" is more than zero but stores as 0.
  const double stored = round_to_millimetre(metres);
  check_distance_range(stored, original);
  return Distance{stored};
}

}  // namespace

std::string_view unit_name(DistanceUnit unit) { return unit == DistanceUnit::km ? "km" : "mi"; }

std::optional<DistanceUnit> parse_distance_unit(std::string_view text) {
  const std::string lower = ascii_lower(trim(text));
  if (lower == "km" || lower == "k" || lower == "kilometres" || lower == "kilometers") return DistanceUnit::km;
  if (lower == "mi" || lower == "mile" || lower == "miles") return DistanceUnit::mi;
  return std::nullopt;
}

double metres_per_unit(DistanceUnit unit) { return unit == DistanceUnit::km ? 1000.0 : kMetresPerMile; }

double round_to_millimetre(double metres) { return std::round(metres * 1000.0) / 1000.0; }

Quantity parse_quantity(std::string_view original, DistanceUnit bare_unit) {
  const std::string_view text = trim(original);
  if (text.find(':') != std::string_view::npos) return parse_clock(original);
  const std::vector<Term> terms = split_terms(text);
  if (terms.empty()) reject_shape(original);
  if (terms.size() == 1) {
    const UnitWord unit = classify_unit(terms[0].unit);
    if (is_duration_unit(unit)) return duration_from_terms(terms, original);
    return distance_from_term(terms[0], bare_unit, original);
  }
  return duration_from_terms(terms, original);
}

Distance parse_distance(std::string_view text, DistanceUnit bare_unit) {
  const Quantity quantity = parse_quantity(text, bare_unit);
  if (const auto* distance = std::get_if<Distance>(&quantity)) return *distance;
  throw ValueError(fmt::format("'{}' is a duration, not a distance; {}", printable(text), kDistanceForms));
}

Duration parse_duration(std::string_view text) {
  const Quantity quantity = parse_quantity(text, DistanceUnit::km);
  if (const auto* duration = std::get_if<Duration>(&quantity)) return *duration;
  const std::vector<Term> terms = split_terms(trim(text));
  if (terms.size() == 1 && classify_unit(terms[0].unit) == UnitWord::minute_or_metre) {
    throw ValueError(fmt::format("'{}' means {} metres; for minutes write {}min", printable(text),
                                 terms[0].number, terms[0].number));
  }
  throw ValueError(fmt::format("'{}' is a distance, not a duration; {}", printable(text), kDurationForms));
}

double metres_to(double metres, DistanceUnit unit) { return metres / metres_per_unit(unit); }

std::string format_distance(double metres, DistanceUnit unit, bool with_unit) {
  const double value = metres_to(metres, unit);
  return with_unit ? fmt::format("{:.2f} {}", value, unit_name(unit)) : fmt::format("{:.2f}", value);
}

std::string format_duration(std::int64_t seconds) {
  const std::int64_t h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
  if (h > 0) return fmt::format("{}:{:02}:{:02}", h, m, s);
  return fmt::format("{}:{:02}", m, s);
}

std::string format_pace(double metres, std::int64_t seconds, DistanceUnit unit) {
  const auto per_unit = static_cast<std::int64_t>(std::llround(static_cast<double>(seconds) / metres_to(metres, unit)));
  return fmt::format("{} /{}", format_duration(per_unit), unit_name(unit));
}

std::string format_speed(double metres, std::int64_t seconds, DistanceUnit unit) {
  return fmt::format("{:.1f} {}/h", metres_to(metres, unit) * 3600.0 / static_cast<double>(seconds), unit_name(unit));
}

}  // namespace niggle
