// Entries: adding, editing and removing them (each one change in the log), and the queries
// that read them: by id, by days, by filters, all of them, and in one read snapshot.
#include <algorithm>
#include <tuple>
#include <fmt/format.h>

#include "journal_rows.hpp"

namespace niggle {

Session Journal::add(Session session) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<Session>(log.add(Entry{std::move(session)}, false));
  });
}

Plan Journal::add(Plan plan) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<Plan>(log.add(Entry{std::move(plan)}, false));
  });
}

Visit Journal::add(Visit visit) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<Visit>(log.add(Entry{std::move(visit)}, false));
  });
}

PainEntry Journal::add(PainEntry pain) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    ChangeLog log(*impl_, "add");
    return std::get<PainEntry>(log.add(Entry{std::move(pain)}, false));
  });
}

std::optional<Entry> Journal::update(const Entry& entry) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&]() -> std::optional<Entry> {
    const std::int64_t id = niggle::meta_of(entry).id;
    const auto before = find_by_id(*impl_, id);
    if (!before) throw NotFoundError(fmt::format("no entry has id #{}; `niggle list` shows them", id));
    if (before->index() != entry.index()) throw ValueError(fmt::format("entry #{} cannot change its kind", id));
    Entry after = entry;
    EntryMeta& meta = meta_of(after);
    const EntryMeta& old = niggle::meta_of(*before);
    meta.uuid = old.uuid;
    meta.created_at = old.created_at;
    meta.modified_at = old.modified_at;
    meta.source = old.source;
    std::sort(meta.tags.begin(), meta.tags.end());
    meta.tags.erase(std::unique(meta.tags.begin(), meta.tags.end()), meta.tags.end());
    if (content_of(after) == content_of(*before)) return std::nullopt;
    meta.modified_at = timestamp_after(old.modified_at);
    ChangeLog log(*impl_, "edit");
    return log.replace(*before, std::move(after));
  });
}

std::vector<Entry> Journal::remove(std::span<const std::int64_t> ids) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    std::vector<Entry> removed;
    for (const std::int64_t id : ids) {
      if (std::any_of(removed.begin(), removed.end(), [&](const Entry& e) { return niggle::meta_of(e).id == id; }))
        continue;
      auto entry = find_by_id(*impl_, id);
      if (!entry) throw NotFoundError(fmt::format("no entry has id #{}; nothing was removed", id));
      removed.push_back(std::move(*entry));
    }
    ChangeLog log(*impl_, "remove");
    const std::string now = utc_timestamp_now();
    for (const Entry& entry : removed) log.remove(entry, now);
    return removed;
  });
}

void Journal::read_in_one_snapshot(const std::function<void()>& read) const {
  try {
    impl_->db.exec("BEGIN");
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
  try {
    read();
    impl_->db.exec("COMMIT");
  } catch (...) {
    try {
      impl_->db.exec("ROLLBACK");
    } catch (const SQLite::Exception&) {
      // The transaction is already gone; the first error is the one to report.
    }
    throw;
  }
}

std::optional<Entry> Journal::find(std::int64_t id) const {
  try {
    return find_by_id(*impl_, id);
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

namespace {

// The entries of one kind whose day lies in [first, last], oldest first: `select` is that
// kind's SELECT, `read` turns one of its rows into the entry.
template <class E>
std::vector<E> kind_between(const Journal::Impl& impl, const std::string& select, std::string_view kind,
                            E (*read)(SQLite::Statement&, const Journal::Impl&), Date first, Date last) {
  try {
    // From the connection's cache: `week --weeks 52` reads the sessions of each planned day
    // apart, and preparing this join each time took over half of its instructions
    // (BENCHMARKS.md, "Reads").
    const PreparedLease query =
        impl.prepared(fmt::format("{}WHERE e.kind = '{}' AND e.day BETWEEN ? AND ? ORDER BY e.day, e.id", select, kind));
    query->bind(1, first.iso());
    query->bind(2, last.iso());
    std::vector<E> entries;
    while (query->executeStep()) entries.push_back(read(*query, impl));
    return entries;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl.path, "read");
  }
}

}  // namespace

std::vector<Session> Journal::sessions_between(Date first, Date last) const {
  return kind_between<Session>(*impl_, kSessionSelect, "session", read_session, first, last);
}

std::vector<PainEntry> Journal::pain_between(Date first, Date last) const {
  return kind_between<PainEntry>(*impl_, kPainSelect, "pain", read_pain, first, last);
}

std::vector<Visit> Journal::visits_between(Date first, Date last) const {
  return kind_between<Visit>(*impl_, kVisitSelect, "visit", read_visit, first, last);
}

std::vector<Plan> Journal::plans_between(Date first, Date last) const {
  return kind_between<Plan>(*impl_, kPlanSelect, "plan", read_plan, first, last);
}

std::optional<Date> Journal::first_entry_day() const {
  try {
    // min() over the day index: one step, however large the journal.
    // A plan is what was meant to happen: it does not start the journal's record.
    SQLite::Statement query(impl_->db, "SELECT min(day) FROM entry WHERE kind <> 'plan'");
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return try_parse_iso_date(query.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::optional<Date> Journal::last_pain_day(Date up_to) const {
  try {
    SQLite::Statement query(impl_->db, "SELECT max(day) FROM entry WHERE kind = 'pain' AND day <= ?");
    query.bind(1, up_to.iso());
    if (!query.executeStep() || query.getColumn(0).isNull()) return std::nullopt;
    return try_parse_iso_date(query.getColumn(0).getString());
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Entry> Journal::list(const EntryQuery& query) const {
  try {
    std::vector<Entry> entries;
    const auto run = [&](const std::string& select, const char* kind, EntryKind which) {
      const bool sessions = which == EntryKind::session;
      std::string sql = select + fmt::format("WHERE e.kind = '{}'", kind);
      std::vector<std::string> values;
      if (query.since) { sql += " AND e.day >= ?"; values.push_back(query.since->iso()); }
      if (query.until) { sql += " AND e.day <= ?"; values.push_back(query.until->iso()); }
      if (query.type && sessions) { sql += " AND s.type = ?"; values.emplace_back(to_string(*query.type)); }
      for (const std::string& tag : query.tags) {
        sql += " AND e.id IN (SELECT entry_id FROM tag WHERE name = ?)";
        values.push_back(tag);
      }
      if (query.note_contains) {
        sql += " AND instr(lower(e.note), lower(?)) > 0";
        values.push_back(*query.note_contains);
      }
      sql += " ORDER BY e.day DESC, e.created_at DESC, e.id DESC";
      if (query.limit) sql += fmt::format(" LIMIT {}", *query.limit);
      SQLite::Statement statement(impl_->db, sql);
      for (std::size_t i = 0; i < values.size(); ++i) statement.bind(static_cast<int>(i + 1), values[i]);
      while (statement.executeStep()) {
        if (which == EntryKind::session) entries.emplace_back(read_session(statement, *impl_));
        else if (which == EntryKind::pain) entries.emplace_back(read_pain(statement, *impl_));
        else if (which == EntryKind::visit) entries.emplace_back(read_visit(statement, *impl_));
        else entries.emplace_back(read_plan(statement, *impl_));
      }
    };
    const bool want_sessions = !query.kind || *query.kind == EntryKind::session;
    const bool want_pain = (!query.kind || *query.kind == EntryKind::pain) && !query.type;
    const bool want_visits = (!query.kind || *query.kind == EntryKind::visit) && !query.type;
    if (want_sessions) run(kSessionSelect, "session", EntryKind::session);
    if (want_pain) run(kPainSelect, "pain", EntryKind::pain);
    if (want_visits) run(kVisitSelect, "visit", EntryKind::visit);
    // Plans are what is to come, not what happened: listed only when asked for.
    if (query.kind == EntryKind::plan) run(kPlanSelect, "plan", EntryKind::plan);
    std::stable_sort(entries.begin(), entries.end(), newest_first);
    if (query.limit && entries.size() > *query.limit) entries.resize(*query.limit);
    return entries;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Entry> Journal::all_entries() const {
  try {
    std::vector<Entry> entries;
    SQLite::Statement sessions(impl_->db, kSessionSelect + "WHERE e.kind = 'session'");
    while (sessions.executeStep()) entries.emplace_back(read_session(sessions, *impl_));
    SQLite::Statement pains(impl_->db, kPainSelect + "WHERE e.kind = 'pain'");
    while (pains.executeStep()) entries.emplace_back(read_pain(pains, *impl_));
    SQLite::Statement visits(impl_->db, kVisitSelect + "WHERE e.kind = 'visit'");
    while (visits.executeStep()) entries.emplace_back(read_visit(visits, *impl_));
    SQLite::Statement plans(impl_->db, kPlanSelect + "WHERE e.kind = 'plan'");
    while (plans.executeStep()) entries.emplace_back(read_plan(plans, *impl_));
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      const EntryMeta &x = niggle::meta_of(a), &y = niggle::meta_of(b);
      return std::tie(x.date, x.created_at, x.uuid) < std::tie(y.date, y.created_at, y.uuid);
    });
    return entries;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Removal> Journal::removals() const {
  try {
    std::vector<Removal> removals;
    SQLite::Statement query(impl_->db, "SELECT uuid, removed_at FROM removal ORDER BY uuid");
    while (query.executeStep()) removals.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
    return removals;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::int64_t Journal::count_entries() const {
  try {
    return impl_->db.execAndGet("SELECT count(*) FROM entry").getInt64();
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

bool Journal::empty() const {
  try {
    return impl_->db.execAndGet("SELECT NOT EXISTS (SELECT 1 FROM entry)").getInt() != 0;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

}  // namespace niggle
