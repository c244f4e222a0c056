// Strava's bulk export, activities.csv. Its real layout: column names repeat (two
// "Distance": the first in kilometres, the second in metres; two "Elapsed Time"), dates are
// quoted with commas in them ("Oct 6, 2022, 11:19:20 PM", in UTC), descriptions hold
// quotes, emoji and newlines. Every activity keeps its Strava id as its source.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <set>

#include "activity_impl.hpp"
#include "niggle/core/csv.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// Column names of other layouts, to the English names of today's export: the German
// export's, and the lower-case ones of the export before 2019 (whose one `distance` is in
// metres, the second Distance column of today's).
constexpr std::pair<std::string_view, std::string_view> kColumnNames[] = {
    {"Aktivitäts-ID", "Activity ID"},
    {"Aktivitätsdatum", "Activity Date"},
    {"Datum der Aktivität", "Activity Date"},
    {"Name der Aktivität", "Activity Name"},
    {"Aktivitätsname", "Activity Name"},
    {"Aktivitätsart", "Activity Type"},
    {"Aktivitätstyp", "Activity Type"},
    {"Beschreibung der Aktivität", "Activity Description"},
    {"Aktivitätsbeschreibung", "Activity Description"},
    {"Verstrichene Zeit", "Elapsed Time"},
    {"Distanz", "Distance"},
    {"Bewegungszeit", "Moving Time"},
    {"Private Notiz zur Aktivität", "Activity Private Note"},
    {"Aktivitätsausrüstung", "Activity Gear"},
    {"Dateiname", "Filename"},
    {"Empfundene Anstrengung", "Perceived Exertion"},
    {"id", "Activity ID"},
    {"date", "Activity Date"},
    {"name", "Activity Name"},
    {"type", "Activity Type"},
    {"description", "Activity Description"},
    {"elapsed_time", "Elapsed Time"},
    {"moving_time", "Moving Time"},
    {"gear", "Activity Gear"},
    {"filename", "Filename"},
};

// The positions of each column name, in order: names repeat in this format.
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) {
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::string name{trim(header[i])};
      if (name == "distance") {
        // Before 2019: one distance, in metres, where today's second Distance column is.
        positions_["Distance"] = {i, i};
        continue;
      }
      for (const auto& [other, english] : kColumnNames) {
        if (other == name) {
          name = english;
          break;
        }
      }
      positions_[name].push_back(i);
    }
  }
  // The text of the n-th column called `name` in `row`, or "" when absent.
  std::string_view get(const std::vector<std::string>& row, const std::string& name, std::size_t nth = 0) const {
    const auto it = positions_.find(name);
    if (it == positions_.end() || nth >= it->second.size() || it->second[nth] >= row.size()) return {};
    return trim(row[it->second[nth]]);
  }
  bool has(const std::string& name) const { return positions_.count(name) > 0; }

 private:
  std::map<std::string, std::vector<std::size_t>> positions_;
};

std::optional<double> number(std::string_view raw) {
  std::string_view text = trim(raw);
  if (text.empty()) return std::nullopt;
  // A decimal comma, as the German export writes ("2,43"), where there is no point.
  std::string with_point;
  if (text.find(',') != std::string_view::npos && text.find('.') == std::string_view::npos) {
    with_point = text;
    std::replace(with_point.begin(), with_point.end(), ',', '.');
    text = with_point;
  }
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// A whole number written in 1 to max_digits ASCII digits, no sign: the fields of a date.
std::optional<int> small_number(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Strava writes dates in the account's locale: "Oct 6, 2022, 11:19:20 PM" (US),
// "6 Oct 2022, 23:19:20" (UK), or ISO "2022-10-06 23:19:20". All are UTC.
std::optional<UnixTime> parse_strava_date(std::string_view text) {
  if (auto iso = parse_iso_timestamp(text)) return iso;
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  // German abbreviations that differ from the English ones ("6 Okt. 2022", "3 Mär. 2021").
  static constexpr std::pair<std::string_view, unsigned> kGermanMonths[] = {
      {"mär", 3}, {"mrz", 3}, {"mai", 5}, {"okt", 10}, {"dez", 12}};
  std::vector<std::string> words;
  std::string word;
  for (char c : std::string{text} + " ") {
    if (c == ' ' || c == ',') {
      if (!word.empty()) words.push_back(ascii_lower(word));
      word.clear();
    } else {
      word += c;
    }
  }
  std::optional<unsigned> month, day;
  std::optional<int> year;
  std::optional<int> hour, minute, second;
  bool pm = false, am = false;
  for (const std::string& w : words) {
    if (w == "am") {
      am = true;
    } else if (w == "pm") {
      pm = true;
    } else if (w.find(':') != std::string::npos) {
      // h:mm or h:mm:ss, each part one or two digits.
      int parts[3] = {0, 0, 0};
      std::size_t count = 0;
      for (std::string_view rest = w; count < 3;) {
        const std::size_t colon = rest.find(':');
        const auto part = small_number(rest.substr(0, colon), 2);
        if (!part) return std::nullopt;
        parts[count++] = *part;
        if (colon == std::string_view::npos) break;
        rest.remove_prefix(colon + 1);
        if (count == 3) return std::nullopt;
      }
      if (count < 2) return std::nullopt;
      hour = parts[0];
      minute = parts[1];
      second = parts[2];
    } else if (w.find('.') != std::string::npos && std::isdigit(static_cast<unsigned char>(w[0]))) {
      // The German numeric date: "06.10.2022".
      const std::size_t first_dot = w.find('.'), second_dot = w.find('.', first_dot + 1);
      if (second_dot == std::string::npos) return std::nullopt;
      const auto d = small_number(std::string_view(w).substr(0, first_dot), 2);
      const auto m = small_number(std::string_view(w).substr(first_dot + 1, second_dot - first_dot - 1), 2);
      const auto y = small_number(std::string_view(w).substr(second_dot + 1), 4);
      if (!d || !m || !y || w.size() - second_dot - 1 != 4) return std::nullopt;
      day = static_cast<unsigned>(*d);
      month = static_cast<unsigned>(*m);
      year = *y;
    } else if (w.size() >= 3 && std::isalpha(static_cast<unsigned char>(w[0]))) {
      for (unsigned i = 0; i < 12; ++i)
        if (w.substr(0, 3) == kMonths[i]) month = i + 1;
      for (const auto& [german, number] : kGermanMonths)
        if (w.rfind(german, 0) == 0) month = number;
      if (!month) return std::nullopt;
    } else if (auto n = small_number(w, 4)) {
      // A day is written in one or two digits, a year in four: "6 Oct 2022", "Oct 6, 2022".
      if (w.size() == 4) {
        year = *n;
      } else if (w.size() <= 2) {
        day = static_cast<unsigned>(*n);
      } else {
        return std::nullopt;
      }
    } else {
      return std::nullopt;
    }
  }
  if (!month || !day || !year || !hour || !minute || !second) return std::nullopt;
  if (pm || am) {
    if (*hour < 1 || *hour > 12) return std::nullopt;
    *hour = *hour % 12 + (pm ? 12 : 0);
  }
  if (*hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  const auto date = Date::from_ymd(*year, *month, *day);
  if (!date) return std::nullopt;
  return static_cast<double>(date->days_since_epoch()) * 86400.0 + *hour * 3600 + *minute * 60 + *second;
}

}  // namespace

ActivityFile parse_strava_csv(std::string_view bytes, const ActivityOptions& options) {
  CsvReader reader(bytes);
  std::optional<std::vector<std::string>> header;
  try {
    header = reader.next();
  } catch (const ValueError& e) {
    throw FileError(fmt::format("is not a readable CSV file: {}", e.what()));
  }
  if (!header) throw FileError("is empty");
  const Columns columns(*header);
  for (const char* required : {"Activity ID", "Activity Date", "Activity Type"}) {
    if (!columns.has(required)) throw FileError(fmt::format("has no '{}' column; is it Strava's activities.csv?", required));
  }
  ActivityFile out;
  out.format = ActivityFormat::strava_csv;
  std::set<std::string> seen;
  std::map<std::string, int> unknown_types;
  while (true) {
    std::optional<std::vector<std::string>> row;
    try {
      row = reader.next();
    } catch (const ValueError& e) {
      // A quote that never closes swallows the rest of the file: nothing after it can be trusted.
      throw FileError(fmt::format("is not a readable CSV file: {}", e.what()));
    }
    if (!row) break;
    if (row->size() == 1 && trim((*row)[0]).empty()) continue;  // a blank line
    const std::string where = fmt::format("line {}", reader.line());
    const std::string id{columns.get(*row, "Activity ID")};
    if (id.empty() || !std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      out.rejected.push_back({where, fmt::format("Activity ID '{}' is not a Strava id", printable(id))});
      continue;
    }
    if (!seen.insert(id).second) {
      out.rejected.push_back({where, fmt::format("Activity ID {} appears twice in the file", id)});
      continue;
    }
    const std::string_view date_text = columns.get(*row, "Activity Date");
    const auto start = parse_strava_date(date_text);
    if (!start || !detail::usable_time(*start)) {
      out.rejected.push_back({where, fmt::format("Activity Date '{}' is not a date and time", printable(date_text))});
      continue;
    }
    Session s;
    const std::string type_name{columns.get(*row, "Activity Type")};
    if (auto type = activity_type_from_name(type_name)) {
      s.type = *type;
    } else {
      s.type = unknown_sport_type(options.type_option);
      unknown_types[type_name] += 1;
    }
    // The second Distance column is in metres and more precise; the first is kilometres.
    std::optional<double> metres = number(columns.get(*row, "Distance", 1));
    if (!metres || !(*metres > 0)) {
      if (auto km = number(columns.get(*row, "Distance", 0)); km && *km > 0) metres = *km * 1000.0;
    }
    const std::optional<double> elapsed = number(columns.get(*row, "Elapsed Time"));
    const std::optional<double> moving = number(columns.get(*row, "Moving Time"));
    const std::optional<double> seconds = options.moving_time && moving ? moving : elapsed;
    if (auto wrong = detail::set_figures(s, metres.value_or(0), seconds.value_or(0))) {
      out.rejected.push_back({where, *wrong});
      continue;
    }
    if (!s.metres && !s.seconds) {
      out.rejected.push_back({where, fmt::format("activity {} has neither a distance nor a time", id)});
      continue;
    }
    if (moving) {
      detail::WatchFigures watch;
      watch.moving_seconds = moving;
      detail::set_watch_figures(s, watch);
    }
    if (auto effort = number(columns.get(*row, "Perceived Exertion")); effort && *effort >= 1 && *effort <= 10 &&
                                                                         std::floor(*effort) == *effort) {
      s.rpe = static_cast<int>(*effort);
    }
    const LocalTime local = options.to_local(*start);
    s.meta.date = local.date;
    s.start_time = local.time;
    s.meta.source = "strava:" + id;
    s.summary_only = true;
    std::vector<std::string> parts;
    if (auto name = columns.get(*row, "Activity Name"); !name.empty()) parts.emplace_back(name);
    if (auto description = columns.get(*row, "Activity Description"); !description.empty()) parts.emplace_back(description);
    if (auto note = columns.get(*row, "Activity Private Note"); !note.empty()) {
      parts.push_back(fmt::format("Private note: {}", note));
    }
    if (auto gear = columns.get(*row, "Activity Gear"); !gear.empty()) parts.push_back(fmt::format("Gear: {}", gear));
    if (!parts.empty()) s.meta.note = detail::clean_note(join(parts, "\n"));
    if (s.meta.note && s.meta.note->empty()) s.meta.note.reset();
    if (auto file = columns.get(*row, "Filename"); !file.empty()) out.linked_files[*s.meta.source] = std::string{file};
    out.sessions.push_back(std::move(s));
  }
  for (const auto& [name, count] : unknown_types) {
    out.warnings.push_back(fmt::format("{} activit{} of Strava type '{}' recorded as {}", count, count == 1 ? "y" : "ies",
                                       printable(name), to_string(unknown_sport_type(options.type_option))));
  }
  if (out.sessions.empty() && out.rejected.empty()) throw FileError("has no activities; there is nothing to import");
  return out;
}

}  // namespace niggle
