// Everything `niggle log` and `niggle pain` take, together: the arguments as typed, split
// at NUL bytes into the positional values and the options, through to the stored record's
// one-line and JSON renderings.
#include <algorithm>
#include <string>
#include <vector>

#include "fuzz.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"

using namespace niggle;

namespace {

std::vector<std::string> split_fields(std::string_view text) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find('\0', start)) != std::string_view::npos; start = at + 1)
    fields.emplace_back(text.substr(start, at - start));
  fields.emplace_back(text.substr(start));
  return fields;
}

std::optional<std::string> field(const std::vector<std::string>& fields, std::size_t i) {
  if (i >= fields.size() || fields[i].empty()) return std::nullopt;
  return fields[i];
}

}  // namespace

NIGGLE_FUZZ_TARGET(entry) {
  if (size == 0) return 0;
  const Date today = *Date::from_ymd(2026, 11, 24);
  const bool miles = (data[0] & 1) != 0;
  const auto fields = split_fields(fuzz::as_text(data + 1, size - 1));

  SessionInput session_input;
  for (std::size_t i = 0; i < 3 && i < fields.size(); ++i)
    if (!fields[i].empty()) session_input.quantities.push_back(fields[i]);
  session_input.type = field(fields, 3);
  session_input.kind = field(fields, 4);
  session_input.rpe = field(fields, 5);
  session_input.date = field(fields, 6);
  session_input.note = field(fields, 7);
  session_input.planned = field(fields, 8);
  if (auto tag = field(fields, 9)) session_input.tags.push_back(*tag);
  Session session;
  const DistanceUnit unit = miles ? DistanceUnit::mi : DistanceUnit::km;
  if (fuzz::accepts([&] { session = make_session(session_input, unit, ActivityType::run, today); })) {
    if (has_distance(session.type)) FUZZ_CHECK(session.metres || session.seconds);  // strength may have neither
    if (!has_distance(session.type)) FUZZ_CHECK(!session.metres && !session.planned_metres);
    if (session.metres) FUZZ_CHECK(*session.metres > 0);
    FUZZ_CHECK(session.meta.date <= today);
    FUZZ_CHECK(!describe(session, unit).empty());
    FUZZ_CHECK(to_json(session).dump().size() > 2);  // throws on invalid UTF-8: a finding
  }

  PainInput pain_input;
  pain_input.score = fields[0];
  // The field may name several locations, comma-separated, as --where takes them.
  if (auto where = field(fields, 1)) {
    for (std::size_t start = 0, comma = 0; comma != std::string::npos; start = comma + 1) {
      comma = where->find(',', start);
      pain_input.where.push_back(where->substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    }
  }
  pain_input.side = field(fields, 2);
  pain_input.walking = field(fields, 3);
  pain_input.when = field(fields, 4);
  pain_input.date = field(fields, 5);
  pain_input.note = field(fields, 6);
  for (std::size_t i = 7; i < fields.size() && i < 12; ++i) pain_input.symptoms.push_back(fields[i]);
  PainEntry pain;
  if (fuzz::accepts([&] { pain = make_pain(pain_input, today); })) {
    FUZZ_CHECK(pain.score >= 0 && pain.score <= 10);
    FUZZ_CHECK(std::is_sorted(pain.where.begin(), pain.where.end()));
    FUZZ_CHECK(std::adjacent_find(pain.where.begin(), pain.where.end()) == pain.where.end());
    // The stored text reads back as the same locations.
    FUZZ_CHECK(try_parse_locations_text(locations_text(pain.where)) == pain.where);
    FUZZ_CHECK(!describe(pain).empty());
    FUZZ_CHECK(to_json(pain).dump().size() > 2);
  }
  return 0;
}
