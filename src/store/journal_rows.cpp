// Rows and entries: reading a row of each kind into an entry, inserting, finding and deleting
// entries, their JSON records, removals, time stamps and new UUIDs, for every part of the
// journal (journal_rows.hpp).
#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <random>
#include <tuple>

#include "journal_rows.hpp"
#include "niggle/core/input.hpp"
#include "niggle/formats/record.hpp"

namespace niggle {
namespace journal_detail {

std::string quoted(const fs::path& path) { return fmt::format("'{}'", printable(path.string(), 200)); }

int pragma_int(SQLite::Database& db, const char* pragma) {
  return db.execAndGet(fmt::format("PRAGMA {}", pragma)).getInt();
}

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}
std::optional<double> optional_real(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getDouble();
}
std::optional<std::int64_t> optional_int(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) statement.bind(index, *value); else statement.bind(index);
}
void bind_optional(SQLite::Statement& statement, int index, const std::optional<double>& value) {
  if (value) statement.bind(index, *value); else statement.bind(index);
}
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value) {
  if (value) statement.bind(index, *value); else statement.bind(index);
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
    parts.push_back(text.substr(start, at - start));
  parts.push_back(text.substr(start));
  return parts;
}

EntryMeta read_meta(SQLite::Statement& row, const Journal::Impl& impl) {
  EntryMeta meta;
  meta.id = row.getColumn(0).getInt64();
  meta.uuid = row.getColumn(1).getString();
  const std::string day = row.getColumn(2).getString();
  const auto date = try_parse_iso_date(day);
  if (!date) {
    throw JournalError(fmt::format("the journal {} holds an invalid date '{}' in entry #{}", quoted(impl.path),
                                   printable(day), meta.id));
  }
  meta.date = *date;
  meta.note = optional_text(row.getColumn(3));
  meta.created_at = row.getColumn(4).getString();
  meta.modified_at = row.getColumn(5).getString();
  meta.source = optional_text(row.getColumn(6));
  meta.tags = split(row.getColumn(7).isNull() ? std::string{} : row.getColumn(7).getString(), '\x1f');
  std::sort(meta.tags.begin(), meta.tags.end());
  return meta;
}

const std::string kSessionSelect = fmt::format(
    "SELECT {}, s.type, s.intensity, s.metres, s.seconds, s.planned_metres, s.rpe, s.start_time, s.lifts, "
    "s.moving_seconds, s.avg_heart_rate, s.max_heart_rate, s.ascent_metres, s.avg_cadence "
    "FROM entry e JOIN session s ON s.entry_id = e.id ",
    kMetaColumns);
const std::string kPainSelect = fmt::format(
    "SELECT {}, p.score, p.location, p.side, p.walking, p.timing, p.symptoms, p.sleep_hours "
    "FROM entry e JOIN pain p ON p.entry_id = e.id ",
    kMetaColumns);

const std::string kVisitSelect = fmt::format(
    "SELECT {}, v.kind FROM entry e JOIN visit v ON v.entry_id = e.id ", kMetaColumns);

const std::string kPlanSelect = fmt::format(
    "SELECT {}, p.type, p.intensity, p.metres, p.seconds FROM entry e JOIN plan p ON p.entry_id = e.id ", kMetaColumns);

Plan read_plan(SQLite::Statement& row, const Journal::Impl& impl) {
  Plan plan;
  plan.meta = read_meta(row, impl);
  const int c = kMetaColumnCount;
  plan.type = stored_name<ActivityType>(row.getColumn(c), impl, plan.meta.id).value_or(ActivityType::other);
  plan.intensity = stored_name<Intensity>(row.getColumn(c + 1), impl, plan.meta.id);
  plan.metres = optional_real(row.getColumn(c + 2));
  plan.seconds = optional_int(row.getColumn(c + 3));
  return plan;
}

Visit read_visit(SQLite::Statement& row, const Journal::Impl& impl) {
  Visit visit;
  visit.meta = read_meta(row, impl);
  visit.kind = stored_name<VisitKind>(row.getColumn(kMetaColumnCount), impl, visit.meta.id).value_or(VisitKind::other);
  return visit;
}

Session read_session(SQLite::Statement& row, const Journal::Impl& impl) {
  Session session;
  session.meta = read_meta(row, impl);
  const int c = kMetaColumnCount;
  const std::int64_t id = session.meta.id;
  session.type = stored_name<ActivityType>(row.getColumn(c), impl, id).value_or(ActivityType::other);
  session.intensity = stored_name<Intensity>(row.getColumn(c + 1), impl, id);
  session.metres = optional_real(row.getColumn(c + 2));
  session.seconds = optional_int(row.getColumn(c + 3));
  session.planned_metres = optional_real(row.getColumn(c + 4));
  if (auto rpe = optional_int(row.getColumn(c + 5))) session.rpe = static_cast<int>(*rpe);
  session.start_time = optional_text(row.getColumn(c + 6));
  for (const std::string& text : split(row.getColumn(c + 7).getString(), ' ')) {
    try {
      session.lifts.push_back(parse_lift(text));
    } catch (const ValueError&) {
      throw JournalError(fmt::format("the journal {} holds an unreadable lift '{}' in entry #{}", quoted(impl.path),
                                     printable(text), id));
    }
  }
  session.moving_seconds = optional_int(row.getColumn(c + 8));
  const auto small = [](std::optional<std::int64_t> v) { return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt; };
  session.avg_heart_rate = small(optional_int(row.getColumn(c + 9)));
  session.max_heart_rate = small(optional_int(row.getColumn(c + 10)));
  session.ascent_metres = optional_real(row.getColumn(c + 11));
  session.avg_cadence = small(optional_int(row.getColumn(c + 12)));
  return session;
}

PainEntry read_pain(SQLite::Statement& row, const Journal::Impl& impl) {
  PainEntry pain;
  pain.meta = read_meta(row, impl);
  const int c = kMetaColumnCount;
  const std::int64_t id = pain.meta.id;
  pain.score = row.getColumn(c).getInt();
  pain.where = stored_name<Location>(row.getColumn(c + 1), impl, id);
  pain.side = stored_name<Side>(row.getColumn(c + 2), impl, id);
  pain.walking = stored_name<Walking>(row.getColumn(c + 3), impl, id);
  pain.when = stored_name<Timing>(row.getColumn(c + 4), impl, id);
  for (const std::string& name : split(row.getColumn(c + 5).getString(), ',')) {
    const auto symptom = try_parse<Symptom>(name);
    if (!symptom) {
      throw JournalError(fmt::format("the journal {} holds an unknown symptom '{}' in entry #{}", quoted(impl.path),
                                     printable(name), id));
    }
    pain.symptoms.push_back(*symptom);
  }
  std::sort(pain.symptoms.begin(), pain.symptoms.end());
  pain.sleep_hours = optional_real(row.getColumn(c + 6));
  return pain;
}

}  // namespace journal_detail

namespace {

// Inserts the entry row and its tags; returns the new id. With `keep_id`, the entry goes
// in under meta.id (undo restores entries with their numbers; imports keep free ones).
std::int64_t insert_meta(Journal::Impl& impl, EntryMeta& meta, const char* kind, bool keep_id) {
  if (meta.uuid.empty()) meta.uuid = new_uuid();
  if (meta.created_at.empty()) meta.created_at = utc_timestamp_now();
  if (meta.modified_at.empty()) meta.modified_at = meta.created_at;
  const PreparedLease insert = impl.prepared(
      "INSERT INTO entry (id, uuid, kind, day, note, created_at, modified_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (keep_id) insert->bind(1, meta.id); else insert->bind(1);
  insert->bind(2, meta.uuid);
  insert->bind(3, kind);
  insert->bind(4, meta.date.iso());
  bind_optional(*insert, 5, meta.note);
  insert->bind(6, meta.created_at);
  insert->bind(7, meta.modified_at);
  bind_optional(*insert, 8, meta.source);
  insert->exec();
  meta.id = impl.db.getLastInsertRowid();
  if (meta.tags.empty()) return meta.id;
  const PreparedLease tag = impl.prepared("INSERT OR IGNORE INTO tag (entry_id, name) VALUES (?, ?)");
  for (const std::string& name : meta.tags) {
    tag->bind(1, meta.id);
    tag->bind(2, name);
    tag->exec();
    tag->reset();
  }
  return meta.id;
}

// Symptoms in vocabulary order, comma-separated (the names hold no commas).
std::string symptoms_text(std::vector<Symptom> symptoms) {
  std::sort(symptoms.begin(), symptoms.end());
  symptoms.erase(std::unique(symptoms.begin(), symptoms.end()), symptoms.end());
  std::vector<std::string> names;
  for (Symptom symptom : symptoms) names.emplace_back(to_string(symptom));
  return join(names, ",");
}

}  // namespace

namespace journal_detail {

void insert_entry(Journal::Impl& impl, Session& session, bool keep_id) {
  const std::int64_t id = insert_meta(impl, session.meta, "session", keep_id);
  const PreparedLease insert = impl.prepared(
      "INSERT INTO session (entry_id, type, intensity, metres, seconds, planned_metres, rpe, start_time, lifts, "
      "moving_seconds, avg_heart_rate, max_heart_rate, ascent_metres, avg_cadence) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, id);
  insert->bind(2, std::string{to_string(session.type)});
  bind_name(*insert, 3, session.intensity);
  bind_optional(*insert, 4, session.metres);
  bind_optional(*insert, 5, session.seconds);
  bind_optional(*insert, 6, session.planned_metres);
  bind_optional(*insert, 7, session.rpe ? std::optional<std::int64_t>(*session.rpe) : std::nullopt);
  bind_optional(*insert, 8, session.start_time);
  std::vector<std::string> lifts;
  for (const Lift& lift : session.lifts) lifts.push_back(lift_text(lift));
  insert->bind(9, join(lifts, " "));
  const auto wide = [](std::optional<int> v) { return v ? std::optional<std::int64_t>(*v) : std::nullopt; };
  bind_optional(*insert, 10, session.moving_seconds);
  bind_optional(*insert, 11, wide(session.avg_heart_rate));
  bind_optional(*insert, 12, wide(session.max_heart_rate));
  bind_optional(*insert, 13, session.ascent_metres);
  bind_optional(*insert, 14, wide(session.avg_cadence));
  insert->exec();
}

void insert_entry(Journal::Impl& impl, PainEntry& pain, bool keep_id) {
  const std::int64_t id = insert_meta(impl, pain.meta, "pain", keep_id);
  const PreparedLease insert = impl.prepared(
      "INSERT INTO pain (entry_id, score, location, side, walking, timing, symptoms, sleep_hours) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, id);
  insert->bind(2, pain.score);
  bind_name(*insert, 3, pain.where);
  bind_name(*insert, 4, pain.side);
  bind_name(*insert, 5, pain.walking);
  bind_name(*insert, 6, pain.when);
  insert->bind(7, symptoms_text(pain.symptoms));
  bind_optional(*insert, 8, pain.sleep_hours);
  insert->exec();
}

void insert_entry(Journal::Impl& impl, Visit& visit, bool keep_id) {
  const std::int64_t id = insert_meta(impl, visit.meta, "visit", keep_id);
  const PreparedLease insert = impl.prepared("INSERT INTO visit (entry_id, kind) VALUES (?, ?)");
  insert->bind(1, id);
  insert->bind(2, std::string{to_string(visit.kind)});
  insert->exec();
}

void insert_entry(Journal::Impl& impl, Plan& plan, bool keep_id) {
  const std::int64_t id = insert_meta(impl, plan.meta, "plan", keep_id);
  const PreparedLease insert = impl.prepared("INSERT INTO plan (entry_id, type, intensity, metres, seconds) VALUES (?, ?, ?, ?, ?)");
  insert->bind(1, id);
  insert->bind(2, std::string{to_string(plan.type)});
  bind_name(*insert, 3, plan.intensity);
  bind_optional(*insert, 4, plan.metres);
  bind_optional(*insert, 5, plan.seconds);
  insert->exec();
}

void insert_entry(Journal::Impl& impl, Entry& entry, bool keep_id) {
  std::visit([&](auto& e) { insert_entry(impl, e, keep_id); }, entry);
}

// An entry just inserted, as reading it back would return it, without the read: the
// insert filled in its id, UUID and times, and every value is stored as it is, except that
// tags (a set, in the tag table) and symptoms (a sorted list) come back sorted and unique.
// A merge adds entries by the hundred thousand; reading each back cost a tenth of it.
void as_stored(Entry& entry) {
  const auto sort_unique = [](auto& items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
  };
  std::visit([&](auto& e) { sort_unique(e.meta.tags); }, entry);
  if (auto* pain = std::get_if<PainEntry>(&entry)) sort_unique(pain->symptoms);
}

EntryMeta& meta_of(Entry& entry) {
  return std::visit([](auto& e) -> EntryMeta& { return e.meta; }, entry);
}

// The details and tags go with it (ON DELETE CASCADE).
void delete_entry(Journal::Impl& impl, std::int64_t id) {
  const PreparedLease remove = impl.prepared("DELETE FROM entry WHERE id = ?");
  remove->bind(1, id);
  remove->exec();
}

std::optional<Entry> find_where(const Journal::Impl& impl, const std::string& condition, const std::string& value) {
  {
    const PreparedLease session = impl.prepared(kSessionSelect + condition);
    session->bind(1, value);
    if (session->executeStep()) return Entry{read_session(*session, impl)};
  }
  {
    const PreparedLease pain = impl.prepared(kPainSelect + condition);
    pain->bind(1, value);
    if (pain->executeStep()) return Entry{read_pain(*pain, impl)};
  }
  {
    const PreparedLease visit = impl.prepared(kVisitSelect + condition);
    visit->bind(1, value);
    if (visit->executeStep()) return Entry{read_visit(*visit, impl)};
  }
  const PreparedLease plan = impl.prepared(kPlanSelect + condition);
  plan->bind(1, value);
  if (plan->executeStep()) return Entry{read_plan(*plan, impl)};
  return std::nullopt;
}

std::optional<Entry> find_by_id(const Journal::Impl& impl, std::int64_t id) {
  {
    const PreparedLease session = impl.prepared(kSessionSelect + "WHERE e.id = ?");
    session->bind(1, id);
    if (session->executeStep()) return Entry{read_session(*session, impl)};
  }
  {
    const PreparedLease pain = impl.prepared(kPainSelect + "WHERE e.id = ?");
    pain->bind(1, id);
    if (pain->executeStep()) return Entry{read_pain(*pain, impl)};
  }
  {
    const PreparedLease visit = impl.prepared(kVisitSelect + "WHERE e.id = ?");
    visit->bind(1, id);
    if (visit->executeStep()) return Entry{read_visit(*visit, impl)};
  }
  const PreparedLease plan = impl.prepared(kPlanSelect + "WHERE e.id = ?");
  plan->bind(1, id);
  if (plan->executeStep()) return Entry{read_plan(*plan, impl)};
  return std::nullopt;
}

std::optional<Entry> find_by_uuid(const Journal::Impl& impl, const std::string& uuid) {
  // Most UUIDs a merge asks about are new: one probe of the uuid index answers those, where
  // the two joins of find_where would each look and find nothing.
  const PreparedLease known = impl.prepared("SELECT 1 FROM entry WHERE uuid = ?");
  known->bind(1, uuid);
  if (!known->executeStep()) return std::nullopt;
  return find_where(impl, "WHERE e.uuid = ?", uuid);
}

// The JSON record kept in the change log, and read back by undo. Stored entries passed
// every check once; the far date only stops today's date from refusing old records.
std::string record_text(const Entry& entry) { return to_json(entry).dump(); }
Entry entry_from_text(const std::string& text) {
  return entry_from_record(Json::parse(text), *Date::from_ymd(9999, 12, 31));
}

// What two copies of an entry are compared by in a merge: everything but the local id.
std::string content_of(const Entry& entry) {
  Json json = to_json(entry);
  json.erase("id");
  return json.dump();
}

// What an entry says, without what tells one copy from another (number, UUID, times):
// two imports of one activity file compare equal unless one of them was edited.
std::string figures_of(const Entry& entry) {
  Json json = to_json(entry);
  for (const char* key : {"id", "uuid", "created_at", "modified_at"}) json.erase(key);
  return json.dump();
}

// An entry edited since it was stored: every edit moves modified_at past created_at.
bool was_edited(const EntryMeta& meta) { return !meta.created_at.empty() && meta.modified_at > meta.created_at; }

std::optional<Removal> find_removal(const Journal::Impl& impl, const std::string& uuid) {
  const PreparedLease query = impl.prepared("SELECT removed_at FROM removal WHERE uuid = ?");
  query->bind(1, uuid);
  if (!query->executeStep()) return std::nullopt;
  return Removal{uuid, query->getColumn(0).getString()};
}

void put_removal(Journal::Impl& impl, const Removal& removal) {
  const PreparedLease insert = impl.prepared("INSERT OR REPLACE INTO removal (uuid, removed_at) VALUES (?, ?)");
  insert->bind(1, removal.uuid);
  insert->bind(2, removal.removed_at);
  insert->exec();
}

void drop_removal(Journal::Impl& impl, const std::string& uuid) {
  const PreparedLease remove = impl.prepared("DELETE FROM removal WHERE uuid = ?");
  remove->bind(1, uuid);
  remove->exec();
}

std::string removal_text(const Removal& removal) {
  return Json{{"uuid", removal.uuid}, {"removed_at", removal.removed_at}}.dump();
}
Removal removal_from_text(const std::string& text) {
  const Json json = Json::parse(text);
  return Removal{json.at("uuid").get<std::string>(), json.at("removed_at").get<std::string>()};
}

}  // namespace journal_detail

namespace {

std::int64_t seconds_of(const std::string& timestamp) {
  const Date day = *try_parse_iso_date(std::string_view(timestamp).substr(0, 10));
  const auto part = [&](std::size_t at) { return std::stoll(timestamp.substr(at, 2)); };
  return day.days_since_epoch() * 86400 + part(11) * 3600 + part(14) * 60 + part(17);
}

std::string timestamp_of(std::int64_t seconds) {
  const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const std::int64_t rest = seconds - days * 86400;
  return fmt::format("{}T{:02}:{:02}:{:02}Z", Date{}.plus_days(days).iso(), rest / 3600, rest / 60 % 60, rest % 60);
}

}  // namespace

namespace journal_detail {

// Now, or one second after `previous` if the clock says otherwise: an edit must be later
// than what it replaces, or a merge could prefer the older copy.
std::string timestamp_after(const std::string& previous) {
  const std::string now = utc_timestamp_now();
  if (previous.empty() || !is_utc_timestamp(previous) || now > previous) return now;
  return timestamp_of(seconds_of(previous) + 1);
}

std::int64_t highest_id_ever(Journal::Impl& impl) {
  const PreparedLease query = impl.prepared("SELECT seq FROM sqlite_sequence WHERE name = 'entry'");
  return query->executeStep() ? query->getColumn(0).getInt64() : 0;
}

void require_on_disk(const Journal::Impl& impl) {
  if (!impl.on_disk) throw JournalError("cannot write: the journal was opened for reading only");
}

bool newest_first(const Entry& a, const Entry& b) {
  const EntryMeta &x = niggle::meta_of(a), &y = niggle::meta_of(b);
  return std::tie(y.date, y.created_at, y.id) < std::tie(x.date, x.created_at, x.id);
}

}  // namespace journal_detail

std::string new_uuid() {
  static thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
    return std::mt19937_64{seed};
  }()};
  std::array<unsigned char, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); i += 8) {
    const std::uint64_t value = generator();
    for (std::size_t k = 0; k < 8; ++k) bytes[i + k] = static_cast<unsigned char>(value >> (8 * k));
  }
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);  // RFC 4122 variant
  std::string text;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += fmt::format("{:02x}", bytes[i]);
  }
  return text;
}

std::string utc_timestamp_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                     utc.tm_hour, utc.tm_min, utc.tm_sec);
}

}  // namespace niggle
