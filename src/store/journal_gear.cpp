// Gear: the items (shoes, bikes), their changes in the change log beside the entries', and
// their part in merges, undo and redo. A session names its item; the item is not a row the
// session refers to, so that a session's record carries its gear through exports.
#include <algorithm>
#include <fmt/format.h>

#include "journal_rows.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace journal_detail {
namespace {

const std::string kGearSelect =
    "SELECT name, type, retire_at_m, is_default, retired_on, created_at, modified_at FROM gear ";

GearItem read_gear_row(SQLite::Statement& row, const Journal::Impl& impl) {
  GearItem item;
  item.name = row.getColumn(0).getString();
  if (auto type = optional_text(row.getColumn(1))) {
    item.type = try_parse<ActivityType>(*type);
    if (!item.type) {
      throw JournalError(fmt::format("the journal {} holds an unknown type '{}' for the gear '{}'", quoted(impl.path),
                                     printable(*type), printable(item.name)));
    }
  }
  item.retire_at_metres = optional_real(row.getColumn(2));
  item.is_default = row.getColumn(3).getInt() != 0;
  if (auto day = optional_text(row.getColumn(4))) item.retired_on = try_parse_iso_date(*day);
  item.created_at = row.getColumn(5).getString();
  item.modified_at = row.getColumn(6).getString();
  return item;
}

void insert_gear_row(Journal::Impl& impl, const GearItem& item) {
  const PreparedLease insert = impl.prepared(
      "INSERT INTO gear (name, type, retire_at_m, is_default, retired_on, created_at, modified_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert->bind(1, item.name);
  bind_name(*insert, 2, item.type);
  bind_optional(*insert, 3, item.retire_at_metres);
  insert->bind(4, item.is_default ? 1 : 0);
  bind_optional(*insert, 5, item.retired_on ? std::optional(item.retired_on->iso()) : std::nullopt);
  insert->bind(6, item.created_at);
  insert->bind(7, item.modified_at);
  insert->exec();
}

void delete_gear_row(Journal::Impl& impl, std::string_view name) {
  const PreparedLease remove = impl.prepared("DELETE FROM gear WHERE name = ?");
  remove->bind(1, std::string{name});
  remove->exec();
}

// The sessions that name the item, by name without regard to case.
std::vector<Session> sessions_named(const Journal::Impl& impl, std::string_view name) {
  const PreparedLease query = impl.prepared(kSessionSelect + "WHERE s.gear = ? COLLATE NOCASE ORDER BY e.day, e.id");
  query->bind(1, std::string{name});
  std::vector<Session> sessions;
  while (query->executeStep()) sessions.push_back(read_session(*query, impl));
  return sessions;
}

// A default item takes the place of the previous default of its type, in the same change.
// `previous_name`: the item's own name before a rename, which is the item itself, not another.
void drop_other_defaults(ChangeLog& log, const Journal::Impl& impl, const GearItem& item,
                         std::string_view previous_name = {}) {
  if (!item.is_default) return;
  for (const GearItem& other : all_gear(impl)) {
    if (!other.is_default || same_gear_name(other.name, item.name)) continue;
    if (!previous_name.empty() && same_gear_name(other.name, previous_name)) continue;
    if (other.type.value_or(ActivityType::run) != item.type.value_or(ActivityType::run)) continue;
    GearItem plain = other;
    plain.is_default = false;
    plain.modified_at = timestamp_after(other.modified_at);
    log.gear(other, plain);
  }
}

struct StoredGearStep {
  std::string name;
  GearStep step;
};

std::vector<StoredGearStep> gear_steps_of(Journal::Impl& impl, std::int64_t set_id, bool newest_first) {
  SQLite::Statement query(impl.db, fmt::format("SELECT name, before, after FROM gear_change WHERE set_id = ? "
                                               "ORDER BY seq {}",
                                               newest_first ? "DESC" : "ASC"));
  query.bind(1, set_id);
  std::vector<StoredGearStep> steps;
  while (query.executeStep()) {
    StoredGearStep stored;
    stored.name = query.getColumn(0).getString();
    if (auto before = optional_text(query.getColumn(1))) stored.step.before = gear_from_json(Json::parse(*before));
    if (auto after = optional_text(query.getColumn(2))) stored.step.after = gear_from_json(Json::parse(*after));
    steps.push_back(std::move(stored));
  }
  return steps;
}

// Replaces `from` by `to` (either may be absent), after checking that the journal holds
// `from` as the change log says; `what` is "undo" or "redo".
void swap_gear(Journal::Impl& impl, const std::string& name, const std::optional<GearItem>& from,
               const std::optional<GearItem>& to, std::string_view what, const std::string& at) {
  const auto inconsistent = [&](std::string_view why) {
    return JournalError(fmt::format("cannot {} the change of {}: gear '{}' {}; the journal was changed by "
                                    "something other than niggle. Nothing was {}ne",
                                    what, at, printable(name), why, what == "undo" ? "undo" : "redo"));
  };
  if (from) {
    const auto current = find_gear_row(impl, from->name);
    if (!current) throw inconsistent("is missing");
    if (gear_to_json(*current).dump() != gear_to_json(*from).dump()) throw inconsistent("has changed since");
    delete_gear_row(impl, current->name);
  }
  if (to) {
    if (find_gear_row(impl, to->name)) throw inconsistent("exists again");
    insert_gear_row(impl, *to);
  }
}

}  // namespace

std::vector<GearItem> all_gear(const Journal::Impl& impl) {
  const PreparedLease query = impl.prepared(kGearSelect + "ORDER BY name COLLATE NOCASE, name");
  std::vector<GearItem> items;
  while (query->executeStep()) items.push_back(read_gear_row(*query, impl));
  return items;
}

std::optional<GearItem> find_gear_row(const Journal::Impl& impl, std::string_view name) {
  const PreparedLease query = impl.prepared(kGearSelect + "WHERE name = ?");
  query->bind(1, std::string{name});
  if (!query->executeStep()) return std::nullopt;
  return read_gear_row(*query, impl);
}

void ChangeLog::gear(const std::optional<GearItem>& before, const std::optional<GearItem>& after) {
  if (before) delete_gear_row(impl_, before->name);
  if (after) insert_gear_row(impl_, *after);
  open_set();
  // One numbering with the entries' steps, so that a change's steps keep their order.
  const PreparedLease insert =
      impl_.prepared("INSERT INTO gear_change (set_id, seq, name, before, after) VALUES (?, ?, ?, ?, ?)");
  insert->bind(1, set_id_);
  insert->bind(2, ++seq_);
  insert->bind(3, after ? after->name : before->name);
  bind_optional(*insert, 4, before ? std::optional(gear_to_json(*before).dump()) : std::nullopt);
  bind_optional(*insert, 5, after ? std::optional(gear_to_json(*after).dump()) : std::nullopt);
  insert->exec();
}

void merge_gear_items(ChangeLog& log, Journal::Impl& impl, std::span<const GearItem> items, MergeCounts& counts) {
  for (const GearItem& incoming : items) {
    const auto local = find_gear_row(impl, incoming.name);
    GearItem arriving = incoming;
    if (arriving.created_at.empty()) arriving.created_at = utc_timestamp_now();
    if (arriving.modified_at.empty()) arriving.modified_at = arriving.created_at;
    if (!local) {
      log.gear(std::nullopt, arriving);
      ++counts.gear_added;
      continue;
    }
    const std::string theirs = gear_to_json(arriving).dump(), mine = gear_to_json(*local).dump();
    // As for entries: the later modification wins, a tie goes to the larger record.
    if (theirs != mine && (arriving.modified_at > local->modified_at ||
                           (arriving.modified_at == local->modified_at && theirs > mine))) {
      log.gear(local, arriving);
      ++counts.gear_updated;
    }
  }
}

void add_missing_gear(ChangeLog& log, Journal::Impl& impl, MergeCounts& counts) {
  SQLite::Statement unknown(impl.db,
                            "SELECT s.gear, s.type FROM session s WHERE s.gear IS NOT NULL AND NOT EXISTS "
                            "(SELECT 1 FROM gear g WHERE g.name = s.gear) ORDER BY s.entry_id");
  std::vector<GearItem> missing;
  while (unknown.executeStep()) {
    const std::string name = unknown.getColumn(0).getString();
    if (find_gear(missing, name)) continue;
    GearItem item;
    item.name = name;
    item.type = try_parse<ActivityType>(unknown.getColumn(1).getString());
    item.created_at = item.modified_at = utc_timestamp_now();
    missing.push_back(std::move(item));
  }
  for (const GearItem& item : missing) {
    log.gear(std::nullopt, item);
    ++counts.gear_added;
  }
}

std::vector<GearStep> undo_gear_steps(Journal::Impl& impl, std::int64_t set_id, const std::string& at) {
  std::vector<GearStep> undone;
  for (StoredGearStep& stored : gear_steps_of(impl, set_id, true)) {
    swap_gear(impl, stored.name, stored.step.after, stored.step.before, "undo", at);
    undone.push_back(std::move(stored.step));
  }
  std::reverse(undone.begin(), undone.end());
  return undone;
}

std::vector<GearStep> redo_gear_steps(Journal::Impl& impl, std::int64_t set_id, const std::string& at) {
  std::vector<GearStep> redone;
  for (StoredGearStep& stored : gear_steps_of(impl, set_id, false)) {
    swap_gear(impl, stored.name, stored.step.before, stored.step.after, "redo", at);
    redone.push_back(std::move(stored.step));
  }
  return redone;
}

}  // namespace journal_detail

std::vector<GearItem> Journal::gear() const {
  try {
    return all_gear(*impl_);
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<Session> Journal::sessions_with_gear() const {
  try {
    const PreparedLease query = impl_->prepared(kSessionSelect + "WHERE s.gear IS NOT NULL ORDER BY e.day, e.id");
    std::vector<Session> sessions;
    while (query->executeStep()) sessions.push_back(read_session(*query, *impl_));
    return sessions;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

std::vector<GearNameTotals> Journal::gear_totals() const {
  try {
    const PreparedLease query = impl_->prepared(
        "SELECT s.gear, count(*), total(s.metres), min(e.day), max(e.day) FROM entry e JOIN session s ON s.entry_id = e.id "
        "WHERE s.gear IS NOT NULL GROUP BY s.gear ORDER BY s.gear");
    std::vector<GearNameTotals> totals;
    while (query->executeStep()) {
      GearNameTotals name;
      name.name = query->getColumn(0).getString();
      name.usage.sessions = static_cast<std::size_t>(query->getColumn(1).getInt64());
      name.usage.metres = query->getColumn(2).getDouble();
      name.usage.first_use = try_parse_iso_date(query->getColumn(3).getString());
      name.usage.last_use = try_parse_iso_date(query->getColumn(4).getString());
      totals.push_back(std::move(name));
    }
    return totals;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

GearItem Journal::add_gear(GearItem item) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    if (const auto existing = find_gear_row(*impl_, item.name)) {
      throw ValueError(
          fmt::format("gear '{}' exists already; `niggle gear rename` or another name", printable(existing->name)));
    }
    item.created_at = item.modified_at = utc_timestamp_now();
    ChangeLog log(*impl_, "add", fmt::format("gear add '{}'", item.name));
    drop_other_defaults(log, *impl_, item);
    log.gear(std::nullopt, item);
    return item;
  });
}

std::optional<GearItem> Journal::update_gear(std::string_view name, GearItem after) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&]() -> std::optional<GearItem> {
    const auto before = find_gear_row(*impl_, name);
    if (!before) require_gear(all_gear(*impl_), name);  // throws, with "did you mean"
    after.created_at = before->created_at;
    after.modified_at = before->modified_at;
    if (after == *before) return std::nullopt;
    after.modified_at = timestamp_after(before->modified_at);
    const bool renamed = after.name != before->name;
    if (renamed && !same_gear_name(after.name, before->name) && find_gear_row(*impl_, after.name)) {
      throw ValueError(fmt::format("gear '{}' exists already; nothing was renamed", printable(after.name)));
    }
    ChangeLog log(*impl_, "edit",
                  renamed ? fmt::format("gear rename '{}' '{}'", before->name, after.name)
                          : fmt::format("gear change of '{}'", before->name));
    drop_other_defaults(log, *impl_, after, before->name);
    log.gear(before, after);
    if (renamed) {
      for (const Session& session : sessions_named(*impl_, before->name)) {
        Session changed = session;
        changed.gear = after.name;
        changed.meta.modified_at = timestamp_after(session.meta.modified_at);
        log.replace(Entry{session}, Entry{std::move(changed)});
      }
    }
    return after;
  });
}

std::pair<GearItem, std::size_t> Journal::remove_gear(std::string_view name, bool clear_sessions) {
  require_on_disk(*impl_);
  return write_transaction(*impl_, "write to", [&] {
    const auto item = find_gear_row(*impl_, name);
    if (!item) require_gear(all_gear(*impl_), name);
    const std::vector<Session> sessions = sessions_named(*impl_, item->name);
    if (!sessions.empty() && !clear_sessions) {
      throw ValueError(fmt::format("gear '{}' is named by {} session{}; `niggle gear retire` keeps its history, and "
                                   "--force removes it and takes it off them. Nothing was removed",
                                   printable(item->name), sessions.size(), sessions.size() == 1 ? "" : "s"));
    }
    ChangeLog log(*impl_, "remove", fmt::format("gear rm '{}'", item->name));
    for (const Session& session : sessions) {
      Session changed = session;
      changed.gear.reset();
      changed.meta.modified_at = timestamp_after(session.meta.modified_at);
      log.replace(Entry{session}, Entry{std::move(changed)});
    }
    log.gear(item, std::nullopt);
    return std::pair{*item, sessions.size()};
  });
}

}  // namespace niggle
