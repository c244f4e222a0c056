#include "niggle/core/input.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool all_letters(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

bool is_number(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// A whole number within [low, high]; `what` names it in messages ("pain score").
int parse_bounded_int(std::string_view original, int low, int high, std::string_view what, std::string_view meaning) {
  const std::string_view text = trim(original);
  const auto range = [&] { return fmt::format("give a whole number from {} to {}{}", low, high, meaning); };
  if (text.empty()) throw ValueError(fmt::format("the {} is empty; {}", what, range()));
  std::string_view digits = text;
  const bool negative = digits[0] == '-';
  if (negative || digits[0] == '+') digits.remove_prefix(1);
  if (!all_digits(digits)) {
    if (is_number(digits)) {
      throw ValueError(fmt::format("{} '{}' is not a whole number; {}", what, printable(original), range()));
    }
    throw ValueError(fmt::format("{} '{}' is not a number; {}", what, printable(original), range()));
  }
  const long value = digits.size() > 6 ? 1'000'000 : std::stol(std::string{digits});
  const long signed_value = negative ? -value : value;
  if (signed_value < low || signed_value > high) {
    throw ValueError(fmt::format("{} '{}' is out of range; {}", what, printable(original), range()));
  }
  return static_cast<int>(signed_value);
}

// Joins "5" "km" into "5 km" so that `niggle log 5 km 30 min` reads as it was meant.
std::vector<std::string> join_number_and_unit(const std::vector<std::string>& words) {
  std::vector<std::string> tokens;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i + 1 < words.size() && is_number(trim(words[i])) && all_letters(trim(words[i + 1]))) {
      tokens.push_back(std::string{trim(words[i])} + " " + std::string{trim(words[i + 1])});
      ++i;
    } else {
      tokens.push_back(words[i]);
    }
  }
  return tokens;
}

// "45m" read as a distance was probably meant as minutes when a distance is already there.
std::optional<std::string> minutes_hint(std::string_view token) {
  const std::string_view text = trim(token);
  if (text.size() >= 2 && (text.back() == 'm' || text.back() == 'M') && is_number(text.substr(0, text.size() - 1))) {
    return fmt::format("; '{}' means {} metres: for minutes write {}min", text, text.substr(0, text.size() - 1),
                       text.substr(0, text.size() - 1));
  }
  return std::nullopt;
}

// A stored value written back as the text a user would type, in units that need no setting.
std::string km_text(double metres) {
  std::string text = fmt::format("{:.6f}", metres / 1000.0);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + "km";
}

// An edit's value for an optional field: unchanged (nullopt), cleared (""), or new.
template <class E>
std::optional<std::string> edited(const std::optional<std::string>& change, const std::optional<E>& current) {
  if (change) return trim(*change).empty() ? std::nullopt : change;
  if (current) return std::string{to_string(*current)};
  return std::nullopt;
}

std::vector<std::string> edited_list(const std::vector<std::string>& change, std::vector<std::string> current) {
  if (change.empty()) return current;
  if (change.size() == 1 && trim(change[0]).empty()) return {};
  return change;
}

void keep_identity(EntryMeta& meta, const EntryMeta& original) {
  meta.id = original.id;
  meta.uuid = original.uuid;
  meta.created_at = original.created_at;
  meta.modified_at = original.modified_at;
  meta.source = original.source;
}

}  // namespace

std::optional<std::string> parse_note(std::string_view text) {
  if (auto bad = find_invalid_utf8(text)) {
    throw ValueError(fmt::format("the note is not valid UTF-8 (byte 0x{:02x} at offset {}); save it as UTF-8",
                                 static_cast<unsigned char>(text[*bad]), *bad));
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
      throw ValueError(fmt::format(
          "the note has a control character (0x{:02x}) at offset {}; notes take text, newlines and tabs", c, i));
    }
  }
  if (text.size() > kMaxNoteBytes) {
    throw ValueError(fmt::format("the note is {} bytes; the most a note can hold is {} bytes (64 KiB)", text.size(),
                                 kMaxNoteBytes));
  }
  if (trim(text).empty()) return std::nullopt;
  return std::string{text};
}

std::string parse_tag(std::string_view original) {
  const std::string_view text = trim(original);
  const auto rule = "tags are 1-64 bytes without spaces or commas, such as 'race-prep' or 'treadmill'";
  if (text.empty()) throw ValueError(fmt::format("a tag is empty; {}", rule));
  if (find_invalid_utf8(text)) throw ValueError(fmt::format("tag '{}' is not valid UTF-8; {}", printable(text), rule));
  if (text.size() > kMaxTagBytes) throw ValueError(fmt::format("tag '{}' is too long; {}", printable(text), rule));
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == ',') {
      throw ValueError(fmt::format("tag '{}' has a space, comma or control character; {}", printable(text), rule));
    }
  }
  return std::string{text};
}

std::vector<std::string> parse_tags(const std::vector<std::string>& texts) {
  std::vector<std::string> tags;
  for (const auto& text : texts) tags.push_back(parse_tag(text));
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  return tags;
}

int parse_pain_score(std::string_view text) {
  std::string_view score = trim(text);
  // "6/10" is how people write a pain score; accept it.
  if (score.size() > 3 && score.substr(score.size() - 3) == "/10") score.remove_suffix(3);
  return parse_bounded_int(score, 0, 10, "pain score", " (0 no pain, 10 the worst imaginable)");
}

int parse_rpe(std::string_view text) {
  return parse_bounded_int(text, 1, 10, "RPE", " (1 very easy, 10 maximal effort)");
}

namespace {

constexpr std::string_view kLiftForm = "give EXERCISE:SETSxREPS with an optional @LOAD in kg or lb, such as deadlift:3x5@60kg";

// A plain positive decimal ("60", "62.5"); nullopt when the text is not one.
std::optional<double> plain_decimal(std::string_view text) {
  if (text.empty() || text.size() > 12 || !is_number(text) || text.front() == '.' || text.back() == '.' ||
      std::count(text.begin(), text.end(), '.') > 1)
    return std::nullopt;
  return std::stod(std::string{text});
}

}  // namespace

Lift parse_lift(std::string_view original) {
  const std::string_view text = trim(original);
  const auto fail = [&](std::string_view why) {
    return ValueError(fmt::format("--lift '{}' {}; {}", printable(original), why, kLiftForm));
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) throw fail("has no ':' between the exercise and the sets");
  Lift lift;
  lift.exercise = ascii_lower(trim(text.substr(0, colon)));
  if (lift.exercise.empty()) throw fail("has no exercise name");
  if (lift.exercise.size() > 40) throw fail("has an exercise name longer than 40 characters");
  if (!std::all_of(lift.exercise.begin(), lift.exercise.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }))
    throw fail("has an exercise name with characters other than letters, digits and hyphens");
  std::string_view rest = trim(text.substr(colon + 1));
  std::string_view load_text;
  if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
    load_text = trim(rest.substr(at + 1));
    rest = trim(rest.substr(0, at));
    if (load_text.empty()) throw fail("has '@' without a load");
  }
  const std::size_t x = rest.find_first_of("xX");
  if (x == std::string_view::npos) throw fail("has no SETSxREPS");
  const std::string_view sets = trim(rest.substr(0, x)), reps = trim(rest.substr(x + 1));
  if (!all_digits(sets) || !all_digits(reps)) throw fail("has sets or reps that are not whole numbers");
  const long set_count = sets.size() > 4 ? 100000 : std::stol(std::string{sets});
  const long rep_count = reps.size() > 5 ? 1000000 : std::stol(std::string{reps});
  if (set_count < 1 || set_count > 100) throw fail("has sets out of range (1 to 100)");
  if (rep_count < 1 || rep_count > 1000) throw fail("has reps out of range (1 to 1000)");
  lift.sets = static_cast<int>(set_count);
  lift.reps = static_cast<int>(rep_count);
  if (!load_text.empty()) {
    const std::string unit = ascii_lower(load_text.size() >= 2 ? load_text.substr(load_text.size() - 2) : "");
    const std::string_view unit_name = (unit == "kg" || unit == "lb") ? std::string_view{unit} : std::string_view{};
    if (unit_name.empty()) throw fail("has a load without its unit (kg or lb)");
    const auto value = plain_decimal(trim(load_text.substr(0, load_text.size() - 2)));
    if (!value || *value <= 0) throw fail("has a load that is not a number above 0");
    lift.load = *value;
    lift.load_unit = unit;
    if (load_kg(lift) > 1000) throw fail("has a load over 1000 kg");
  }
  return lift;
}

std::string lift_text(const Lift& lift) {
  std::string text = fmt::format("{}:{}x{}", lift.exercise, lift.sets, lift.reps);
  if (lift.load) {
    std::string number = fmt::format("{:.2f}", *lift.load);
    while (number.back() == '0') number.pop_back();
    if (number.back() == '.') number.pop_back();
    text += fmt::format("@{}{}", number, lift.load_unit);
  }
  return text;
}

double parse_sleep_hours(std::string_view original) {
  const std::string_view text = trim(original);
  const auto fail = [&] {
    return ValueError(fmt::format("--sleep '{}' is not understood; give hours slept from 0 to 24, such as 7, 6.5 or 6:30",
                                  printable(original)));
  };
  double hours = 0;
  if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    const std::string_view h = text.substr(0, colon), m = text.substr(colon + 1);
    if (!all_digits(h) || h.size() > 2 || m.size() != 2 || !all_digits(m)) throw fail();
    const int minutes = std::stoi(std::string{m});
    if (minutes > 59) throw fail();
    hours = std::stoi(std::string{h}) + minutes / 60.0;
  } else {
    std::string_view number = text;
    if (!number.empty() && (number.back() == 'h' || number.back() == 'H')) number.remove_suffix(1);
    const auto value = plain_decimal(trim(number));
    if (!value) throw fail();
    hours = *value;
  }
  if (hours < 0 || hours > 24) throw fail();
  return hours;
}

Date parse_past_date(std::string_view text, Date today) {
  const Date date = parse_date(text, today);
  if (date > today) {
    throw ValueError(fmt::format("date '{}' is {}, in the future (today is {}); the journal records what happened",
                                 printable(text), date.iso(), today.iso()));
  }
  return date;
}

Session make_session(const SessionInput& input, DistanceUnit unit, ActivityType default_type, Date today) {
  Session session;
  session.type = input.type ? parse_name<ActivityType>(trim(*input.type)) : default_type;
  const std::string_view type_name = to_string(session.type);

  const std::vector<std::string> tokens = join_number_and_unit(input.quantities);
  if (tokens.size() > 2) {
    throw UsageError(fmt::format("too many values: '{}'; give at most a distance and a duration, as in: niggle log 5k 27:30",
                                 printable(join(tokens, " "))));
  }
  std::optional<std::string> distance_token;
  for (const auto& token : tokens) {
    const Quantity quantity = parse_quantity(token, unit);
    if (const auto* distance = std::get_if<Distance>(&quantity)) {
      if (session.metres) {
        const std::string hint = minutes_hint(token).value_or(minutes_hint(*distance_token).value_or(""));
        throw ValueError(fmt::format("'{}' and '{}' are both distances; give one distance and one duration{}",
                                     printable(*distance_token), printable(token), hint));
      }
      session.metres = distance->metres;
      distance_token = token;
    } else {
      if (session.seconds) {
        throw ValueError(fmt::format("'{}' is a second duration; give one distance and one duration, as in: niggle log 5k 27:30",
                                     printable(token)));
      }
      session.seconds = std::get<Duration>(quantity).seconds;
    }
  }
  if (!has_distance(session.type) && (session.metres || input.planned)) {
    throw ValueError(fmt::format("a {} session has no distance{}; give a duration, as in: niggle log 40min --type {}",
                                 type_name, distance_token ? fmt::format(" ('{}' is one)", printable(*distance_token)) : "",
                                 type_name));
  }
  if (has_distance(session.type) && !session.metres && !session.seconds) {
    throw UsageError(fmt::format("a {} needs a distance, a duration or both, as in: niggle log 5k 27:30{}", type_name,
                                 session.type == ActivityType::run ? "" : fmt::format(" --type {}", type_name)));
  }
  if (input.planned) session.planned_metres = parse_distance(*input.planned, unit).metres;
  if (input.kind) session.intensity = parse_name<Intensity>(trim(*input.kind));
  if (input.rpe) session.rpe = parse_rpe(*input.rpe);
  for (const std::string& text : input.lifts) {
    if (trim(text).empty()) continue;
    if (session.type != ActivityType::strength) {
      throw ValueError(fmt::format("--lift '{}' is for strength sessions; add --type strength, as in: niggle log 40min "
                                   "--type strength --lift deadlift:3x5@60kg",
                                   printable(text)));
    }
    session.lifts.push_back(parse_lift(text));
  }
  session.meta.date = input.date ? parse_past_date(*input.date, today) : today;
  if (input.note) session.meta.note = parse_note(*input.note);
  session.meta.tags = parse_tags(input.tags);
  return session;
}

PainEntry make_pain(const PainInput& input, Date today) {
  PainEntry pain;
  pain.score = parse_pain_score(input.score);
  for (const auto& text : input.where) pain.where.push_back(parse_name<Location>(trim(text)));
  std::sort(pain.where.begin(), pain.where.end());
  pain.where.erase(std::unique(pain.where.begin(), pain.where.end()), pain.where.end());
  if (input.side) pain.side = parse_name<Side>(trim(*input.side));
  if (input.walking) pain.walking = parse_name<Walking>(trim(*input.walking));
  if (input.when) pain.when = parse_name<Timing>(trim(*input.when));
  if (input.sleep && !trim(*input.sleep).empty()) pain.sleep_hours = parse_sleep_hours(*input.sleep);
  for (const auto& text : input.symptoms) pain.symptoms.push_back(parse_name<Symptom>(trim(text)));
  std::sort(pain.symptoms.begin(), pain.symptoms.end());
  pain.symptoms.erase(std::unique(pain.symptoms.begin(), pain.symptoms.end()), pain.symptoms.end());
  pain.meta.date = input.date ? parse_past_date(*input.date, today) : today;
  if (input.note) pain.meta.note = parse_note(*input.note);
  pain.meta.tags = parse_tags(input.tags);
  return pain;
}

Visit make_visit(const VisitInput& input, Date today) {
  Visit visit;
  visit.kind = parse_name<VisitKind>(trim(input.kind));
  visit.meta.date = input.date ? parse_past_date(*input.date, today) : today;
  if (input.note) visit.meta.note = parse_note(*input.note);
  visit.meta.tags = parse_tags(input.tags);
  return visit;
}

Plan make_plan(const PlanInput& input, DistanceUnit unit, ActivityType default_type, Date today) {
  Plan plan;
  if (trim(input.day).empty()) {
    throw UsageError("niggle plan add needs a day, as in: niggle plan add saturday 16k --kind long");
  }
  const std::string_view day_text = trim(input.day);
  plan.meta.date = parse_date(day_text, today);
  // A weekday names the next such day (today included): a plan is for the days ahead.
  std::string lower;
  for (char c : day_text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (all_letters(day_text) && lower != "yesterday" && plan.meta.date < today) plan.meta.date = plan.meta.date.plus_days(7);
  plan.type = input.type ? parse_name<ActivityType>(trim(*input.type)) : default_type;
  const std::vector<std::string> tokens = join_number_and_unit(input.quantities);
  if (tokens.size() > 2) {
    throw UsageError(fmt::format(
        "too many values: '{}'; give at most a distance and a duration, as in: niggle plan add saturday 16k 1:40:00",
        printable(join(tokens, " "))));
  }
  for (const auto& token : tokens) {
    const Quantity quantity = parse_quantity(token, unit);
    if (const auto* distance = std::get_if<Distance>(&quantity)) {
      if (plan.metres) {
        throw ValueError(fmt::format("'{}' is a second distance; a planned session has one distance and one duration{}",
                                     printable(token), minutes_hint(token).value_or("")));
      }
      plan.metres = distance->metres;
    } else {
      if (plan.seconds) {
        throw ValueError(fmt::format("'{}' is a second duration; a planned session has one distance and one duration",
                                     printable(token)));
      }
      plan.seconds = std::get<Duration>(quantity).seconds;
    }
  }
  if (plan.metres && !has_distance(plan.type)) {
    const std::string_view type_name = to_string(plan.type);
    throw ValueError(fmt::format("a {} session has no distance; plan a duration, as in: niggle plan add monday 40min --type {}",
                                 type_name, type_name));
  }
  if (input.kind) plan.intensity = parse_name<Intensity>(trim(*input.kind));
  if (input.note) plan.meta.note = parse_note(*input.note);
  plan.meta.tags = parse_tags(input.tags);
  return plan;
}

}  // namespace niggle

namespace niggle {

namespace {

// An edit's quantities: the ones given, and the entry's distance or duration that they do not
// replace. Two values given are both new (and make_session or make_plan says what is wrong
// with a pair).
std::vector<std::string> edited_quantities(const std::vector<std::string>& given, std::optional<double> metres,
                                           std::optional<std::int64_t> seconds, ActivityType type, DistanceUnit unit) {
  bool gave_distance = false, gave_duration = false;
  const std::vector<std::string> tokens = join_number_and_unit(given);
  for (const std::string& token : tokens) {
    if (std::holds_alternative<Distance>(parse_quantity(token, unit))) gave_distance = true;
    else gave_duration = true;
  }
  std::vector<std::string> quantities = given;
  if (tokens.size() < 2 && !gave_distance && metres && has_distance(type)) quantities.push_back(km_text(*metres));
  if (tokens.size() < 2 && !gave_duration && seconds) quantities.push_back(fmt::format("{}s", *seconds));
  return quantities;
}

}  // namespace

Session edit_session(const Session& entry, const SessionInput& changes, DistanceUnit unit, Date today) {
  if (changes.type && trim(*changes.type).empty()) throw ValueError("--type cannot be empty; a session has a type");
  const ActivityType type = changes.type ? parse_name<ActivityType>(trim(*changes.type)) : entry.type;
  SessionInput full;
  full.quantities = edited_quantities(changes.quantities, entry.metres, entry.seconds, type, unit);
  full.type = std::string{to_string(type)};
  full.kind = edited(changes.kind, entry.intensity);
  if (changes.rpe) full.rpe = trim(*changes.rpe).empty() ? std::nullopt : changes.rpe;
  else if (entry.rpe) full.rpe = std::to_string(*entry.rpe);
  if (changes.planned) full.planned = trim(*changes.planned).empty() ? std::nullopt : changes.planned;
  else if (entry.planned_metres && has_distance(type)) full.planned = km_text(*entry.planned_metres);
  full.date = changes.date ? *changes.date : entry.meta.date.iso();
  full.note = changes.note ? changes.note : entry.meta.note;
  full.tags = edited_list(changes.tags, entry.meta.tags);
  std::vector<std::string> lifts;
  for (const Lift& lift : entry.lifts) lifts.push_back(lift_text(lift));
  full.lifts = changes.lifts.empty() ? lifts : changes.lifts;
  // Changing a strength session to another type drops its exercises, as it drops a distance.
  if (changes.lifts.empty() && type != ActivityType::strength) full.lifts.clear();
  Session session = make_session(full, unit, type, today);
  session.start_time = entry.start_time;
  // What the watch measured stays as it was: an edit changes what was typed.
  session.moving_seconds = entry.moving_seconds;
  session.avg_heart_rate = entry.avg_heart_rate;
  session.max_heart_rate = entry.max_heart_rate;
  session.ascent_metres = entry.ascent_metres;
  session.avg_cadence = entry.avg_cadence;
  session.gear = entry.gear;  // `edit --gear` names the gear against the journal's items
  keep_identity(session.meta, entry.meta);
  return session;
}

PainEntry edit_pain(const PainEntry& entry, const PainInput& changes, Date today) {
  PainInput full;
  full.score = trim(changes.score).empty() ? std::to_string(entry.score) : changes.score;
  std::vector<std::string> locations;
  for (Location location : entry.where) locations.emplace_back(to_string(location));
  full.where = edited_list(changes.where, locations);
  full.side = edited(changes.side, entry.side);
  full.walking = edited(changes.walking, entry.walking);
  full.when = edited(changes.when, entry.when);
  std::vector<std::string> symptoms;
  for (Symptom symptom : entry.symptoms) symptoms.emplace_back(to_string(symptom));
  full.symptoms = edited_list(changes.symptoms, symptoms);
  full.date = changes.date ? *changes.date : entry.meta.date.iso();
  full.note = changes.note ? changes.note : entry.meta.note;
  full.tags = edited_list(changes.tags, entry.meta.tags);
  if (changes.sleep) full.sleep = changes.sleep;
  else if (entry.sleep_hours) full.sleep = fmt::format("{}", *entry.sleep_hours);
  PainEntry pain = make_pain(full, today);
  keep_identity(pain.meta, entry.meta);
  return pain;
}

Visit edit_visit(const Visit& entry, const VisitInput& changes, Date today) {
  VisitInput full;
  full.kind = trim(changes.kind).empty() ? std::string{to_string(entry.kind)} : changes.kind;
  full.date = changes.date ? *changes.date : entry.meta.date.iso();
  full.note = changes.note ? changes.note : entry.meta.note;
  full.tags = edited_list(changes.tags, entry.meta.tags);
  Visit visit = make_visit(full, today);
  keep_identity(visit.meta, entry.meta);
  return visit;
}

Plan edit_plan(const Plan& entry, const PlanInput& changes, DistanceUnit unit, Date today) {
  if (changes.type && trim(*changes.type).empty()) throw ValueError("--type cannot be empty; a planned session has a type");
  const ActivityType type = changes.type ? parse_name<ActivityType>(trim(*changes.type)) : entry.type;
  PlanInput full;
  full.day = trim(changes.day).empty() ? entry.meta.date.iso() : changes.day;
  full.quantities = edited_quantities(changes.quantities, entry.metres, entry.seconds, type, unit);
  full.type = std::string{to_string(type)};
  full.kind = edited(changes.kind, entry.intensity);
  full.note = changes.note ? changes.note : entry.meta.note;
  full.tags = edited_list(changes.tags, entry.meta.tags);
  Plan plan = make_plan(full, unit, type, today);
  keep_identity(plan.meta, entry.meta);
  return plan;
}

namespace {

std::string pace_text(double seconds_per_km) {
  return fmt::format("{} /km", format_duration(static_cast<std::int64_t>(std::llround(seconds_per_km))));
}

// The likely reading of what was typed, when another one fits the limits; empty if none.
std::string likely_reading(const Session& session, const std::vector<std::string>& typed,
                           const std::function<bool(double metres, double seconds)>& fits) {
  const double metres = *session.metres;
  const auto seconds = static_cast<double>(*session.seconds);
  for (const std::string& token : typed) {
    const std::string_view text = trim(token);
    // "1:05" is minutes and seconds; someone who meant an hour and five minutes wrote H:MM.
    if (std::count(text.begin(), text.end(), ':') == 1 && fits(metres, seconds * 60)) {
      const std::size_t colon = text.find(':');
      const std::string_view first = text.substr(0, colon), second = text.substr(colon + 1);
      return fmt::format("{} was read as {} min {} s; for {} h {} min write {}:{}:00 or {}h{}", printable(text), first,
                         second, first, second, first, second, first, second);
    }
    // "500k" is 500 km; 500 metres is "500m". Only for hundreds: nobody logs 5 metres.
    const std::string lower = ascii_lower(text);
    const std::string_view number = std::string_view(lower).substr(0, lower.find('k'));
    double typed_number = 0;
    const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), typed_number);
    if ((lower.ends_with("km") || lower.ends_with('k')) && ec == std::errc() && end == number.data() + number.size() &&
        typed_number >= 100 && fits(metres / 1000, seconds)) {
      return fmt::format("{} was read as {} km; for {} metres write {}m", printable(text), number, number, number);
    }
  }
  return {};
}

}  // namespace

void check_plausible(const Session& session, const LogLimits& limits, const std::vector<std::string>& typed,
                     DistanceUnit unit) {
  if (!session.metres || !session.seconds || *session.metres <= 0 || *session.seconds <= 0) return;
  const auto pace = [](double metres, double seconds) { return seconds / (metres / 1000); };
  std::function<bool(double, double)> fits;
  std::string problem;
  const double metres = *session.metres;
  const auto seconds = static_cast<double>(*session.seconds);
  const std::string what = fmt::format("{} in {}", format_distance(metres, unit), format_duration(*session.seconds));
  switch (session.type) {
    case ActivityType::run: {
      const double fastest = limits.fastest_run_pace * 60, slowest = limits.slowest_run_pace * 60;
      fits = [=](double m, double s) { return pace(m, s) >= fastest && pace(m, s) <= slowest; };
      if (pace(metres, seconds) < fastest) {
        problem = fmt::format("{} is {}, faster than a run can be ({})", what, pace_text(pace(metres, seconds)),
                              pace_text(fastest));
      } else if (pace(metres, seconds) > slowest) {
        problem = fmt::format("{} is {}, slower than a run ({})", what, pace_text(pace(metres, seconds)),
                              pace_text(slowest));
      }
      break;
    }
    case ActivityType::walk:
    case ActivityType::hike: {
      const double fastest = limits.fastest_walk_pace * 60;
      fits = [=](double m, double s) { return pace(m, s) >= fastest; };
      if (pace(metres, seconds) < fastest) {
        problem = fmt::format("{} is {}, faster than a {} can be ({})", what, pace_text(pace(metres, seconds)),
                              to_string(session.type), pace_text(fastest));
      }
      break;
    }
    case ActivityType::bike: {
      const double fastest = limits.fastest_ride_kmh;
      const auto speed = [](double m, double s) { return m / s * 3.6; };
      fits = [=](double m, double s) { return speed(m, s) <= fastest; };
      if (speed(metres, seconds) > fastest) {
        problem = fmt::format("{} is {:.1f} km/h, faster than a ride can be ({:.0f} km/h)", what,
                              speed(metres, seconds), fastest);
      }
      break;
    }
    default: return;
  }
  if (problem.empty()) return;
  const std::string reading = likely_reading(session, typed, fits);
  throw ValueError(fmt::format("{}; {}{}--force logs it as typed", problem, reading, reading.empty() ? "" : "; "));
}

}  // namespace niggle
