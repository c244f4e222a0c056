// FIT, the binary format of Garmin's Flexible and Interoperable Data Transfer protocol, as
// watches, bike computers and phone apps write it, read from the protocol's published
// description:
//   - a file header of 12 or 14 bytes (size, protocol and profile versions, the size of the
//     records, ".FIT", and in the 14-byte form a CRC of the first 12 bytes, 0 when not
//     computed), then the records, then a CRC of everything before it. Both CRCs are checked:
//     a file cut short or changed is refused rather than half read;
//   - records: a definition message says, for one of 16 local message types, which global
//     message follows, in which byte order, and the number, size and base type of each field
//     (developer fields after them, known here only by their sizes); data messages carry the
//     values. A compressed-timestamp header packs a local type (0-3) and 5 bits of time into
//     the header byte, relative to the last full timestamp;
//   - each base type has an "invalid" value meaning "not recorded".
// What niggle takes: the file_id message (only activity files are imported) and the session
// messages (sport, sub-sport, start, distance, elapsed and timer time, heart rate, ascent,
// cadence), one session each, transitions of a multisport file left out. A file without
// session messages (some apps write only records) falls back on its records' first and
// last times and last distance.
#include <array>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <map>

#include "activity_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// FIT times count seconds from 1989-12-31 00:00:00 UTC.
constexpr double kFitEpoch = 631'065'600.0;

constexpr std::uint16_t kFileIdMessage = 0;
constexpr std::uint16_t kSportMessage = 12;
constexpr std::uint16_t kSessionMessage = 18;
constexpr std::uint16_t kRecordMessage = 20;
constexpr std::uint8_t kTimestampField = 253;
constexpr std::uint8_t kNotGiven = 0xFF;  // an enum's invalid value

struct FieldDefinition {
  std::uint8_t number = 0, size = 0, base_type = 0;
};

struct MessageDefinition {
  bool big_endian = false;
  std::uint16_t global = 0;
  std::vector<FieldDefinition> fields;
  std::size_t size = 0;  // the bytes of one data message, developer fields included
};

// The base types of the protocol, by the low five bits of their number: the size of one
// value and whether it is signed, a float, or "z" (0 is its invalid value instead of all ones).
struct BaseType {
  std::uint8_t size;
  bool is_signed, is_float, zero_invalid;
};
constexpr std::array<BaseType, 17> kBaseTypes = {{
    {1, false, false, false},  // 0x00 enum
    {1, true, false, false},   // 0x01 sint8
    {1, false, false, false},  // 0x02 uint8
    {2, true, false, false},   // 0x83 sint16
    {2, false, false, false},  // 0x84 uint16
    {4, true, false, false},   // 0x85 sint32
    {4, false, false, false},  // 0x86 uint32
    {1, false, false, true},   // 0x07 string (a value is never read from one here)
    {4, false, true, false},   // 0x88 float32
    {8, false, true, false},   // 0x89 float64
    {1, false, false, true},   // 0x0A uint8z
    {2, false, false, true},   // 0x8B uint16z
    {4, false, false, true},   // 0x8C uint32z
    {1, false, false, false},  // 0x0D byte
    {8, true, false, false},   // 0x8E sint64
    {8, false, false, false},  // 0x8F uint64
    {8, false, false, true},   // 0x90 uint64z
}};

// The first value of a field (a field may hold an array), or nullopt when it holds the base
// type's invalid value, is too short for one value, or is of a type that holds no number.
std::optional<double> field_value(const unsigned char* bytes, const FieldDefinition& field, bool big_endian) {
  const std::size_t index = field.base_type & 0x1F;
  if (index >= kBaseTypes.size() || index == 7 || index == 13) return std::nullopt;  // unknown, string, byte
  const BaseType& type = kBaseTypes[index];
  if (field.size < type.size) return std::nullopt;  // a misaligned field: no whole value in it
  std::uint64_t raw = 0;
  for (std::size_t i = 0; i < type.size; ++i) {
    const std::uint64_t byte = bytes[big_endian ? i : type.size - 1 - i];
    raw = (raw << 8) | byte;
  }
  const unsigned bits = type.size * 8u;
  const std::uint64_t all_ones = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
  if (type.is_float) {
    if (raw == all_ones) return std::nullopt;
    double value = 0;
    if (type.size == 4) {
      const auto narrow = static_cast<std::uint32_t>(raw);
      float f = 0;
      std::memcpy(&f, &narrow, sizeof f);
      value = f;
    } else {
      std::memcpy(&value, &raw, sizeof value);
    }
    return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
  }
  if (type.zero_invalid) return raw == 0 ? std::nullopt : std::optional<double>(static_cast<double>(raw));
  if (type.is_signed) {
    const std::uint64_t largest = all_ones >> 1;  // 0x7F..., the invalid value of a signed type
    if (raw == largest) return std::nullopt;
    const std::uint64_t sign = std::uint64_t{1} << (bits - 1);
    if (raw & sign) return -static_cast<double>((~raw & all_ones) + 1);
    return static_cast<double>(raw);
  }
  if (raw == all_ones) return std::nullopt;
  return static_cast<double>(raw);
}

// One data message's values by field number (the first value of each field).
using Values = std::map<std::uint8_t, double>;

std::optional<double> get(const Values& values, std::uint8_t field) {
  const auto it = values.find(field);
  return it == values.end() ? std::nullopt : std::optional<double>(it->second);
}

std::uint8_t get_enum(const Values& values, std::uint8_t field) {
  const auto value = get(values, field);
  return value && *value >= 0 && *value < 255 ? static_cast<std::uint8_t>(*value) : kNotGiven;
}

std::string_view file_type_name(unsigned type) {
  switch (type) {
    case 1: return "device description";
    case 2: return "settings";
    case 3: return "sport settings";
    case 5: return "workout (a planned session)";
    case 6: return "course (a planned route)";
    case 7: return "workout schedule";
    case 9: return "weight scale";
    case 10: return "totals";
    case 11: return "goals";
    case 14: return "blood pressure";
    case 15: case 32: return "monitoring (all-day steps and heart rate)";
    case 20: return "activity summary";
    case 28: return "daily monitoring";
    case 34: return "segment";
    case 35: return "segment list";
    case 40: return "data screen configuration";
    default: return {};
  }
}

std::uint32_t read_u32_le(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint16_t read_u16(const unsigned char* p, bool big_endian) {
  return big_endian ? static_cast<std::uint16_t>(p[0] << 8 | p[1]) : static_cast<std::uint16_t>(p[1] << 8 | p[0]);
}

// What a pass over the records gathers.
struct Contents {
  std::optional<unsigned> file_type;
  std::vector<Values> sessions;
  std::uint8_t sport = kNotGiven, sub_sport = kNotGiven;  // from a sport message
  // The records, for a file without sessions.
  std::optional<double> first_record, last_record, last_distance;
  std::size_t records = 0;
  // A file shorter than its header says (some apps write the header's size before the last
  // records and never finish them): what was read before the cut, and why it is incomplete.
  std::optional<std::string> cut_short;
};

// Reads the records of one FIT file (header at `start`); returns where the next file of a
// chain would begin.
std::size_t read_file(std::string_view bytes, std::size_t start, Contents& out) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t available = bytes.size() - start;
  const unsigned char* header = data + start;
  if (available < 12) throw FileError("is cut short: its FIT header is incomplete");
  const std::size_t header_size = header[0];
  if (header_size != 12 && header_size != 14) {
    throw FileError(fmt::format("has a FIT header of {} bytes; the protocol's are 12 or 14", header_size));
  }
  if (bytes.substr(start + 8, 4) != ".FIT") throw FileError("is not a FIT file (no \".FIT\" in its header)");
  if (available < header_size) throw FileError("is cut short: its FIT header is incomplete");
  if (header_size == 14) {
    const std::uint16_t stated = read_u16(header + 12, false);
    if (stated != 0 && stated != fit_crc(bytes.substr(start, 12))) {
      throw FileError("is damaged: the CRC of its FIT header does not match");
    }
  }
  const std::size_t data_size = read_u32_le(header + 4);
  if (data_size == 0) throw FileError("is an unfinished FIT file: its header gives no size for its records");
  std::size_t end = start + header_size + data_size;
  const bool whole = data_size <= available - header_size && available - header_size - data_size >= 2;
  if (whole) {
    if (read_u16(data + end, false) != fit_crc(bytes.substr(start, header_size + data_size))) {
      throw FileError("is damaged: its FIT CRC does not match (changed or damaged after it was written)");
    }
  } else {
    // No CRC to check: the records are read up to the cut, and only whole messages count.
    out.cut_short = fmt::format("is cut short: its FIT header announces {} bytes of records and a CRC, and {} bytes "
                                "follow it",
                                data_size, available - header_size);
    end = bytes.size();
  }

  std::array<std::optional<MessageDefinition>, 16> definitions;
  std::optional<std::uint32_t> last_timestamp;
  std::size_t at = start + header_size;
  struct Cut {};  // a message runs past the end of a file cut short: reading stops there
  const auto need = [&](std::size_t count, std::string_view what) {
    if (count <= end - at) return;
    if (!whole) throw Cut{};
    throw FileError(fmt::format("is damaged: a {} runs past the end of the FIT records", what));
  };
  std::size_t message_at = at;
  try {
    while (at < end) {
      message_at = at;
      const unsigned char record_header = data[at++];
      std::optional<std::uint32_t> compressed_time;
      unsigned local = 0;
      if (record_header & 0x80) {
        // Compressed timestamp: bits 5-6 the local type, bits 0-4 the time, which replaces the
        // low five bits of the last timestamp and rolls over into the next 32 seconds when it
        // is smaller than them.
        local = (record_header >> 5) & 0x03;
        const std::uint32_t offset = record_header & 0x1F;
        if (last_timestamp) {
          std::uint32_t time = (*last_timestamp & ~std::uint32_t{0x1F}) + offset;
          if (offset < (*last_timestamp & 0x1F)) time += 0x20;
          compressed_time = time;
          last_timestamp = time;
        }
      } else if (record_header & 0x40) {
        // A definition message.
        local = record_header & 0x0F;
        const bool developer = (record_header & 0x20) != 0;
        need(5, "definition message");
        MessageDefinition definition;
        const unsigned char architecture = data[at + 1];
        if (architecture > 1) throw FileError(fmt::format("is damaged: a definition gives byte order {}", architecture));
        definition.big_endian = architecture == 1;
        definition.global = read_u16(data + at + 2, definition.big_endian);
        const std::size_t field_count = data[at + 4];
        at += 5;
        need(field_count * 3, "definition message");
        for (std::size_t i = 0; i < field_count; ++i, at += 3) {
          const FieldDefinition field{data[at], data[at + 1], data[at + 2]};
          definition.size += field.size;
          definition.fields.push_back(field);
        }
        if (developer) {
          need(1, "definition message");
          const std::size_t developer_count = data[at++];
          need(developer_count * 3, "definition message");
          for (std::size_t i = 0; i < developer_count; ++i, at += 3) definition.size += data[at + 1];
        }
        definitions[local] = std::move(definition);
        continue;
      } else {
        local = record_header & 0x0F;
      }

      // A data message.
      const auto& definition = definitions[local];
      if (!definition) {
        throw FileError(fmt::format("is damaged: a data message of local type {} comes before its definition", local));
      }
      need(definition->size, "data message");
      const unsigned char* values_at = data + at;
      at += definition->size;
      const std::uint16_t global = definition->global;
      const bool wanted = global == kFileIdMessage || global == kSessionMessage || global == kSportMessage;
      Values values;
      std::size_t offset = 0;
      for (const FieldDefinition& field : definition->fields) {
        if (field.number == kTimestampField || wanted || (global == kRecordMessage && field.number == 5)) {
          if (auto value = field_value(values_at + offset, field, definition->big_endian)) {
            values[field.number] = *value;
            if (field.number == kTimestampField && *value >= 0 && *value <= 4294967295.0) {
              last_timestamp = static_cast<std::uint32_t>(*value);
            }
          }
        }
        offset += field.size;
      }
      if (compressed_time) values[kTimestampField] = *compressed_time;

      switch (global) {
        case kFileIdMessage:
          if (!out.file_type) {
            // An enum of one byte; anything else is no type FIT defines (and no activity).
            if (auto type = get(values, 0)) out.file_type = *type >= 0 && *type <= 254 ? static_cast<unsigned>(*type) : 255u;
          }
          break;
        case kSessionMessage: out.sessions.push_back(std::move(values)); break;
        case kSportMessage:
          if (out.sport == kNotGiven) {
            out.sport = get_enum(values, 0);
            out.sub_sport = get_enum(values, 1);
          }
          break;
        case kRecordMessage:
          ++out.records;
          if (auto time = get(values, kTimestampField)) {
            if (!out.first_record) out.first_record = time;
            out.last_record = time;
          }
          if (auto distance = get(values, 5)) out.last_distance = *distance / 100.0;
          break;
        default: break;
      }
    }
  } catch (const Cut&) {
    return bytes.size();
  } catch (const FileError& e) {
    // Past the cut of a file without its CRC, nothing can be trusted: what was read before
    // the first broken message is kept (as Garmin's own decoder does), the rest is not.
    if (whole) throw;
    *out.cut_short += fmt::format(", and at byte {} of its records {}", message_at - start - header_size,
                                  std::string_view(e.what()).substr(std::string_view(e.what()).find(':') + 2));
    return bytes.size();
  }
  return whole ? end + 2 : bytes.size();
}

}  // namespace

ActivityFile parse_fit(std::string_view bytes, const ActivityOptions& options) {
  Contents contents;
  std::size_t at = read_file(bytes, 0, contents);
  // Files may be chained: another header right after a file's CRC. Zero padding after the
  // last is harmless; anything else is worth a word.
  while (bytes.size() - at >= 12 && bytes.substr(at + 8, 4) == ".FIT") at = read_file(bytes, at, contents);
  ActivityFile out;
  out.format = ActivityFormat::fit;
  if (at < bytes.size() && bytes.find_first_not_of('\0', at) != std::string_view::npos) {
    out.warnings.push_back(fmt::format("{} bytes after the end of the FIT data were ignored", bytes.size() - at));
  }

  if (contents.cut_short) {
    if (contents.sessions.empty()) throw FileError(*contents.cut_short);
    out.warnings.push_back(fmt::format("{}; the sessions read before the cut are imported", *contents.cut_short));
  }
  if (contents.file_type && *contents.file_type != 4) {
    const std::string_view name = file_type_name(*contents.file_type);
    throw FileError(fmt::format("is a FIT {} file, not an activity; niggle imports FIT activity files only",
                                name.empty() ? fmt::format("type {}", *contents.file_type) : std::string{name}));
  }

  // A file without sessions: its records, as one session.
  if (contents.sessions.empty()) {
    if (!contents.first_record) {
      throw FileError("holds no session and no timed record; there is nothing to import");
    }
    Values values;
    values[2] = *contents.first_record;
    values[7] = (*contents.last_record - *contents.first_record) * 1000.0;
    if (contents.last_distance) values[9] = *contents.last_distance * 100.0;
    if (contents.sport != kNotGiven) values[5] = contents.sport;
    if (contents.sub_sport != kNotGiven) values[6] = contents.sub_sport;
    contents.sessions.push_back(std::move(values));
    out.warnings.push_back("has no session message; its figures are taken from its records");
  }

  const std::string file_name = options.file_name.empty() ? std::string{"a FIT file"} : options.file_name;
  std::map<std::string, std::string> starts;  // source key -> the session that has it
  std::size_t activities = 0;
  for (const Values& values : contents.sessions) {
    std::uint8_t sport = get_enum(values, 5), sub_sport = get_enum(values, 6);
    if (sport == kNotGiven) {
      sport = contents.sport;
      if (sub_sport == kNotGiven) sub_sport = contents.sub_sport;
    }
    if (is_fit_transition(sport, sub_sport)) continue;
    const std::string where = fmt::format("session {}", ++activities);

    Session s;
    if (sport == kNotGiven) {
      s.type = options.fallback_type;
    } else if (auto type = activity_type_from_fit(sport, sub_sport)) {
      s.type = *type;
    } else {
      s.type = unknown_sport_type(options.type_option);
      out.warnings.push_back(fmt::format("{}: FIT sport {} is not one niggle knows; recorded as {}", where, sport,
                                         to_string(s.type)));
    }

    const auto elapsed = get(values, 7), timer = get(values, 8), distance = get(values, 9);
    const double elapsed_seconds = elapsed.value_or(timer.value_or(0)) / 1000.0;
    const double timer_seconds = timer.value_or(elapsed.value_or(0)) / 1000.0;
    const double metres = distance.value_or(0) / 100.0;
    if (auto wrong = detail::set_figures(s, metres, options.moving_time ? timer_seconds : elapsed_seconds)) {
      out.rejected.push_back({where, *wrong});
      continue;
    }
    if (!s.metres && !s.seconds) {
      if (!has_distance(s.type) && metres > 0) {
        out.rejected.push_back({where, fmt::format("a {} session with no time and a distance it cannot hold",
                                                   to_string(s.type))});
      } else {
        out.warnings.push_back(fmt::format("{}: no distance and no time recorded; skipped", where));
        --activities;
      }
      continue;
    }

    detail::WatchFigures watch;
    if (timer) watch.moving_seconds = *timer / 1000.0;
    watch.avg_heart_rate = get(values, 16);
    watch.max_heart_rate = get(values, 17);
    watch.ascent_metres = get(values, 22);
    // FIT counts a foot's cadence in strides (one foot); niggle in steps, as watches show it.
    if (auto cadence = get(values, 18)) {
      const bool on_foot = s.type == ActivityType::run || s.type == ActivityType::walk || s.type == ActivityType::hike;
      watch.avg_cadence = on_foot ? *cadence * 2 : *cadence;
    }
    detail::set_watch_figures(s, watch);

    // The start: start_time, else the session's end less its elapsed time.
    std::optional<UnixTime> start;
    if (auto stated = get(values, 2)) {
      start = kFitEpoch + *stated;
    } else if (auto ended = get(values, kTimestampField)) {
      start = kFitEpoch + *ended - elapsed_seconds;
    }
    if (start && !detail::usable_time(*start)) start.reset();
    if (start) {
      const UnixTime whole = std::floor(*start);
      const LocalTime local = options.to_local(whole);
      s.meta.date = local.date;
      s.start_time = local.time;
      s.meta.source = fmt::format("fit:{}", format_utc(whole));
      if (auto [it, fresh] = starts.emplace(*s.meta.source, where); !fresh) {
        out.rejected.push_back({where, fmt::format("starts at the same moment as {}: the same activity twice?", it->second)});
        continue;
      }
    } else if (options.date) {
      s.meta.date = *options.date;
      s.meta.source = fmt::format("fit:content-{}#{}", content_key(bytes), activities);
      out.warnings.push_back(fmt::format("{}: no usable start time; dated {} as --date says", where, options.date->iso()));
    } else {
      out.rejected.push_back({where, "has no usable start time; give the day with --date"});
      continue;
    }
    std::string note = fmt::format("Imported from {}", file_name);
    if (sport != kNotGiven) note += fmt::format(": {}", fit_sport_label(sport, sub_sport));
    s.meta.note = detail::clean_note(note);
    out.sessions.push_back(std::move(s));
  }
  if (out.sessions.empty()) {
    throw FileError(out.rejected.empty() ? "has no session with a distance or a time; there is nothing to import"
                                         : fmt::format("has nothing to import: {} {}", out.rejected.front().where,
                                                       out.rejected.front().reason));
  }
  return out;
}

}  // namespace niggle
