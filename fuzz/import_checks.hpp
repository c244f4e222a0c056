#pragma once
// Checks shared by the targets of import's readers (niggle JSON and CSV, GPX, TCX, Strava,
// and the format detection in front of them). Beyond "no crash", what a reader accepts
// must be what the rest of niggle can live with:
//   - every entry keeps the rules of typed input (the ranges of `niggle log` and `pain`),
//     since `undo`, `export` and `import` read it back through those rules;
//   - its JSON record reads back as the same entry (what export writes, import takes);
//   - the journal stores the whole batch: a dry-run merge into an empty in-memory journal
//     succeeds (a constraint failure there would be SQLite's words and exit 5 for the user);
//   - every message about the file (rejections, warnings, the error for a file refused
//     whole) is one line of valid UTF-8 with no control character, as hostile text reaches
//     a terminal only escaped.
#include <algorithm>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "fuzz.hpp"
#include "niggle/formats/activity.hpp"
#include "niggle/store/sources.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"
#include "niggle/store/journal.hpp"
#include "niggle/formats/record.hpp"
#include "niggle/core/text.hpp"

namespace niggle::fuzz {

// The fuzz targets' "today", as in the other targets.
inline Date fuzz_today() { return *Date::from_ymd(2026, 11, 24); }
// What the change log reads records back with: no date is too late.
inline Date far_future() { return *Date::from_ymd(9999, 12, 31); }

inline void check_message(std::string_view text) {
  const bool fit = !text.empty() && !find_invalid_utf8(text) && std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7F;
  });
  if (!fit) {
    std::fprintf(stderr, "message: %s\n", printable(text, 4096).c_str());
    fail("a message is one line of valid UTF-8 with no control character", __FILE__, __LINE__);
  }
}

inline bool is_clock_time(std::string_view text) {
  return text.size() == 8 && text[2] == ':' && text[5] == ':' && text.substr(0, 2) < "24" && text.substr(3, 2) < "60" &&
         text.substr(6, 2) < "60" && std::all_of(text.begin(), text.end(), [](char c) { return c == ':' || (c >= '0' && c <= '9'); });
}

inline bool whole_millimetres(double metres) { return round_to_millimetre(metres) == metres; }

// One accepted entry: the rules of typed input.
inline void check_entry(const Entry& entry, Date today) {
  const EntryMeta& meta = meta_of(entry);
  FUZZ_CHECK(meta.date <= today);
  if (meta.note) {
    FUZZ_CHECK(!meta.note->empty() && meta.note->size() <= kMaxNoteBytes);
    FUZZ_CHECK(!find_invalid_utf8(*meta.note));
  }
  if (meta.source) {
    FUZZ_CHECK(!meta.source->empty() && meta.source->size() <= 1024 && !find_invalid_utf8(*meta.source));
    FUZZ_CHECK(std::none_of(meta.source->begin(), meta.source->end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }));
  }
  for (const std::string& tag : meta.tags) FUZZ_CHECK(!tag.empty() && tag.size() <= kMaxTagBytes && !find_invalid_utf8(tag));
  FUZZ_CHECK(std::is_sorted(meta.tags.begin(), meta.tags.end()));
  FUZZ_CHECK(std::adjacent_find(meta.tags.begin(), meta.tags.end()) == meta.tags.end());
  if (!meta.uuid.empty()) FUZZ_CHECK(is_uuid(meta.uuid));
  if (!meta.created_at.empty()) FUZZ_CHECK(is_utc_timestamp(meta.created_at) && meta.modified_at >= meta.created_at);
  if (const auto* session = std::get_if<Session>(&entry)) {
    if (session->metres) FUZZ_CHECK(*session->metres > 0 && *session->metres <= kMaxDistanceMetres && whole_millimetres(*session->metres));
    if (session->planned_metres) {
      FUZZ_CHECK(*session->planned_metres > 0 && *session->planned_metres <= kMaxDistanceMetres &&
                 whole_millimetres(*session->planned_metres));
    }
    if (session->seconds) FUZZ_CHECK(*session->seconds >= 1 && *session->seconds <= kMaxDurationSeconds);
    if (session->rpe) FUZZ_CHECK(*session->rpe >= 1 && *session->rpe <= 10);
    if (!has_distance(session->type)) FUZZ_CHECK(!session->metres && !session->planned_metres);
    if (session->start_time) FUZZ_CHECK(is_clock_time(*session->start_time));
    if (session->moving_seconds) FUZZ_CHECK(*session->moving_seconds >= 1 && *session->moving_seconds <= kMaxDurationSeconds);
    for (const auto& rate : {session->avg_heart_rate, session->max_heart_rate})
      if (rate) FUZZ_CHECK(*rate >= kMinHeartRate && *rate <= kMaxHeartRate);
    if (session->ascent_metres) FUZZ_CHECK(*session->ascent_metres >= 0 && *session->ascent_metres <= kMaxAscentMetres);
    if (session->avg_cadence) FUZZ_CHECK(*session->avg_cadence >= 1 && *session->avg_cadence <= kMaxCadence);
  } else {
    const auto& pain = std::get<PainEntry>(entry);
    FUZZ_CHECK(pain.score >= 0 && pain.score <= 10);
  }
  FUZZ_CHECK(to_json(entry).dump().size() > 2);  // throws on invalid UTF-8: a finding
}

// A stored entry's record (what export writes and undo keeps) reads back, as import and
// undo read it, as the same entry.
inline void check_record_reads_back(const Entry& stored, Date today) {
  const Json record = to_json(stored);
  Entry again;
  if (!accepts([&] { again = entry_from_record(record, today); })) {
    std::string why;
    try {
      entry_from_record(record, today);
    } catch (const Error& e) {
      why = e.what();
    }
    std::fprintf(stderr, "record %s\nis refused on reading back: %s\n", record.dump().c_str(), why.c_str());
    fail("a stored entry's record reads back", __FILE__, __LINE__);
  }
  FUZZ_CHECK(to_json(again) == record);
}

// An empty journal in memory (a read-access journal that does not exist on disk is one),
// shared by every input: each merge into it is a dry run, rolled back.
inline Journal& scratch_journal() {
  static Journal journal = Journal::open("/nonexistent-niggle-fuzz/journal.db", Journal::Access::read);
  return journal;
}

// What an entry is, without what the journal assigns.
inline std::string stored_content(const Entry& entry) {
  Json json = to_json(entry);
  for (const char* key : {"id", "uuid", "created_at", "modified_at"}) json.erase(key);
  return json.dump();
}

// The journal takes the whole batch, and stores each entry as it was read.
inline void check_stores(std::span<const Entry> entries, std::span<const Removal> removals, Date today) {
  const MergeSource source{entries, removals};
  std::vector<MergeCounts> counts;
  try {
    counts = scratch_journal().merge(std::span(&source, 1), "fuzz", true);
  } catch (const Error& e) {
    std::fprintf(stderr, "the journal refused an accepted batch: %s\n", e.what());
    fail("the journal stores what a reader accepts", __FILE__, __LINE__);
  }
  FUZZ_CHECK(counts.size() == 1);
  std::multiset<std::string> read, stored;
  for (const Entry& entry : entries) read.insert(stored_content(entry));
  for (const Entry& entry : counts[0].added_entries) {
    stored.insert(stored_content(entry));
    check_record_reads_back(entry, today);
  }
  // An entry may be left out only as the twin of another with the same source or a UUID removed in the same file.
  FUZZ_CHECK(std::includes(read.begin(), read.end(), stored.begin(), stored.end()));
  // Or as the same activity as another of the batch (a start within 2 minutes and a distance within 3%): merged.
  FUZZ_CHECK(counts[0].added + counts[0].unchanged + counts[0].already_removed + counts[0].merged == entries.size());
}

// A whole batch from any reader.
inline void check_batch(const ImportBatch& batch, Date today) {
  FUZZ_CHECK(!batch.format.empty());
  FUZZ_CHECK(batch.entries.size() <= batch.records);
  FUZZ_CHECK(batch.entries.size() + batch.rejections.size() >= batch.records);
  std::set<std::string> uuids, sources;
  for (const Entry& entry : batch.entries) {
    check_entry(entry, today);
    const EntryMeta& meta = meta_of(entry);
    if (!meta.uuid.empty()) FUZZ_CHECK(uuids.insert(meta.uuid).second);
    if (meta.source) FUZZ_CHECK(sources.insert(*meta.source).second);
  }
  for (const Removal& removal : batch.removals) FUZZ_CHECK(is_uuid(removal.uuid) && is_utc_timestamp(removal.removed_at));
  for (const Rejection& rejection : batch.rejections) {
    check_message(rejection.where);
    check_message(rejection.reason);
  }
  for (const std::string& warning : batch.warnings) check_message(warning);
  check_stores(batch.entries, batch.removals, today);
}

inline const ImportFormat& import_format(std::string_view name) {
  for (const ImportFormat& format : import_formats())
    if (format.name == name) return format;
  std::abort();
}

// Runs one reader over the bytes: a batch that passes check_batch, or a FileError whose
// message is fit for a terminal. Returns the batch when there is one.
inline std::optional<ImportBatch> read_with(std::string_view format_name, const std::uint8_t* data, std::size_t size,
                                            const ImportOptions& options) {
  const ImportSource source{"'fuzz'", {}, std::string(as_text(data, size))};
  try {
    ImportBatch batch = import_format(format_name).read(source, options);
    check_batch(batch, options.today);
    return batch;
  } catch (const FileError& e) {
    check_message(e.what());
    return std::nullopt;
  }
}

// Activity options from one byte, so that each input also picks --split, --moving-time,
// --date, a fallback type and a time zone.
inline ActivityOptions activity_options(std::uint8_t flags) {
  ActivityOptions options;
  static constexpr int kOffsets[] = {0, 60, -300, 840, -720, 330, 345, -570};
  options.to_local = fixed_offset(kOffsets[flags & 7]);
  options.split = (flags & 8) != 0;
  options.moving_time = (flags & 16) != 0;
  if (flags & 32) options.date = *Date::from_ymd(2026, 11, 20);
  options.fallback_type = (flags & 64) ? ActivityType::strength : ActivityType::run;
  options.file_name = "fuzz.file";
  return options;
}

// One activity parser over the bytes (the first byte picks the options): the file either is
// refused whole with a FileError fit for a terminal, or its sessions keep every rule, and
// through import's reader (which dates them against today) they pass check_batch.
template <class Parse>
void check_activity_parser(const std::uint8_t* data, std::size_t size, ActivityFormat format, std::string_view format_name,
                           Parse&& parse) {
  if (size == 0) return;
  const ActivityOptions options = activity_options(data[0]);
  const std::string_view bytes = as_text(data + 1, size - 1);
  ActivityFile file;
  try {
    file = parse(bytes, options);
  } catch (const FileError& e) {
    check_message(e.what());
    return;
  }
  FUZZ_CHECK(file.format == format);
  FUZZ_CHECK(!file.sessions.empty() || !file.rejected.empty());
  for (const Session& session : file.sessions) {
    check_entry(Entry{session}, far_future());
    FUZZ_CHECK(session.metres || session.seconds);
    FUZZ_CHECK(session.meta.source.has_value());
  }
  for (const Rejection& rejection : file.rejected) check_message(rejection.reason);
  for (const std::string& warning : file.warnings) check_message(warning);
  // The same bytes through import, with today far enough that no session is in the future.
  ImportOptions import;
  import.today = far_future();
  import.activity = options;
  read_with(format_name, data + 1, size - 1, import);
}

}  // namespace niggle::fuzz
