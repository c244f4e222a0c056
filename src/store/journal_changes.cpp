// The change log and undo: each command that changes the journal records its steps (the
// entries before and after), `undo` takes the last change back and `redo` re-applies it.
#include <fmt/format.h>

#include "journal_rows.hpp"

namespace niggle {
namespace {

const char* action_name(ChangeStep::Action action) {
  switch (action) {
    case ChangeStep::Action::add: return "add";
    case ChangeStep::Action::edit: return "edit";
    case ChangeStep::Action::remove: return "remove";
    case ChangeStep::Action::removal: return "removal";
  }
  return "add";
}

}  // namespace

namespace journal_detail {

ChangeLog::ChangeLog(Journal::Impl& impl, const char* kind, std::string label)
    : impl_(impl), kind_(kind), label_(std::move(label)) {}

void ChangeLog::open_set() {
  if (set_id_ != 0) return;
  SQLite::Statement open(impl_.db, "INSERT INTO change_set (kind, label, at) VALUES (?, ?, ?)");
  open.bind(1, kind_);
  open.bind(2, label_);
  open.bind(3, utc_timestamp_now());
  open.exec();
  set_id_ = impl_.db.getLastInsertRowid();
}

void ChangeLog::step(ChangeStep::Action action, const std::string& uuid, const std::optional<std::string>& before,
                     const std::optional<std::string>& after) {
  open_set();
  const PreparedLease insert =
      impl_.prepared("INSERT INTO change (set_id, seq, action, uuid, before, after) VALUES (?, ?, ?, ?, ?, ?)");
  insert->bind(1, set_id_);
  insert->bind(2, ++seq_);
  insert->bind(3, action_name(action));
  insert->bind(4, uuid);
  bind_optional(*insert, 5, before);
  bind_optional(*insert, 6, after);
  insert->exec();
}

Entry ChangeLog::add(Entry entry, bool keep_id) {
  insert_entry(impl_, entry, keep_id);
  as_stored(entry);
  step(ChangeStep::Action::add, meta_of(entry).uuid, std::nullopt, record_text(entry));
  return entry;
}
Entry ChangeLog::replace(const Entry& before, Entry after) {
  meta_of(after).id = niggle::meta_of(before).id;
  delete_entry(impl_, niggle::meta_of(before).id);
  insert_entry(impl_, after, true);
  Entry stored = *find_by_id(impl_, meta_of(after).id);
  step(ChangeStep::Action::edit, meta_of(stored).uuid, record_text(before), record_text(stored));
  return stored;
}
void ChangeLog::remove(const Entry& entry, const std::string& removed_at) {
  const EntryMeta& meta = niggle::meta_of(entry);
  delete_entry(impl_, meta.id);
  const Removal removal{meta.uuid, removed_at};
  put_removal(impl_, removal);
  step(ChangeStep::Action::remove, meta.uuid, record_text(entry), removal_text(removal));
}
void ChangeLog::drop_removal(const Removal& removal) {
  niggle::drop_removal(impl_, removal.uuid);
  step(ChangeStep::Action::removal, removal.uuid, removal_text(removal), std::nullopt);
}
void ChangeLog::set_removal(const std::optional<Removal>& before, const Removal& after) {
  put_removal(impl_, after);
  step(ChangeStep::Action::removal, after.uuid, before ? std::optional(removal_text(*before)) : std::nullopt,
       removal_text(after));
}

}  // namespace journal_detail

namespace {

UndoneChange::Kind change_kind(const std::string& kind) {
  return kind == "add"      ? UndoneChange::Kind::add
         : kind == "edit"   ? UndoneChange::Kind::edit
         : kind == "remove" ? UndoneChange::Kind::remove
                            : UndoneChange::Kind::import;
}

// Runs `work` in a transaction that is committed, or with `dry_run` rolled back.
template <typename Work>
auto maybe_dry(Journal::Impl& impl, bool dry_run, Work&& work) {
  if (!dry_run) return write_transaction(impl, "write to", work);
  try {
    SQLite::Transaction transaction(impl.db, SQLite::TransactionBehavior::IMMEDIATE);
    return work();  // never committed: the destructor rolls it back
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl.path, "read");
  }
}

}  // namespace

std::optional<UndoneChange> Journal::undo(bool dry_run) {
  if (!dry_run) require_on_disk(*impl_);
  if (dry_run && !impl_->on_disk) return std::nullopt;
  return maybe_dry(*impl_, dry_run, [&]() -> std::optional<UndoneChange> {
    SQLite::Statement latest(impl_->db,
                             "SELECT id, kind, label, at FROM change_set WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1");
    if (!latest.executeStep()) return std::nullopt;
    const std::int64_t set_id = latest.getColumn(0).getInt64();
    const std::string kind = latest.getColumn(1).getString();
    UndoneChange undone;
    undone.kind = change_kind(kind);
    undone.label = latest.getColumn(2).getString();
    undone.at = latest.getColumn(3).getString();

    const auto inconsistent = [&](const std::string& uuid, std::string_view why) {
      return JournalError(fmt::format("cannot undo the change of {}: entry {} {}; the journal was changed by "
                                      "something other than niggle. Nothing was undone",
                                      undone.at, uuid, why));
    };
    SQLite::Statement steps(impl_->db,
                            "SELECT action, uuid, before, after FROM change WHERE set_id = ? ORDER BY seq DESC");
    steps.bind(1, set_id);
    while (steps.executeStep()) {
      const std::string action = steps.getColumn(0).getString();
      const std::string uuid = steps.getColumn(1).getString();
      const auto before = optional_text(steps.getColumn(2));
      const auto after = optional_text(steps.getColumn(3));
      ChangeStep step{ChangeStep::Action::add, uuid, std::nullopt, std::nullopt};
      if (action == "removal") {
        step.action = ChangeStep::Action::removal;
        if (before) put_removal(*impl_, removal_from_text(*before)); else drop_removal(*impl_, uuid);
      } else if (action == "remove") {
        step.action = ChangeStep::Action::remove;
        Entry entry = entry_from_text(*before);
        if (find_by_uuid(*impl_, uuid)) throw inconsistent(uuid, "exists again");
        if (find_by_id(*impl_, niggle::meta_of(entry).id)) throw inconsistent(uuid, "has its number taken");
        insert_entry(*impl_, entry, true);
        drop_removal(*impl_, uuid);
        step.before = std::move(entry);
      } else {
        const auto current = find_by_uuid(*impl_, uuid);
        if (!current) throw inconsistent(uuid, "is missing");
        // Compared as this niggle writes records: one logged before an upgrade lacks the newer fields.
        const std::string now = record_text(*current);
        if (now != *after && now != record_text(entry_from_text(*after))) throw inconsistent(uuid, "has changed since");
        delete_entry(*impl_, niggle::meta_of(*current).id);
        step.after = *current;
        if (action == "edit") {
          step.action = ChangeStep::Action::edit;
          Entry restored = entry_from_text(*before);
          insert_entry(*impl_, restored, true);
          step.before = std::move(restored);
        }
      }
      undone.steps.push_back(std::move(step));
    }
    undone.gear_steps = undo_gear_steps(*impl_, set_id, undone.at);
    SQLite::Statement mark(impl_->db,
                           "UPDATE change_set SET undone_at = ?, undone_order = "
                           "(SELECT coalesce(max(undone_order), 0) + 1 FROM change_set) WHERE id = ?");
    mark.bind(1, utc_timestamp_now());
    mark.bind(2, set_id);
    mark.exec();
    std::reverse(undone.steps.begin(), undone.steps.end());
    return undone;
  });
}

std::optional<UndoneChange> Journal::redo(bool dry_run) {
  if (!dry_run) require_on_disk(*impl_);
  if (dry_run && !impl_->on_disk) return std::nullopt;
  return maybe_dry(*impl_, dry_run, [&]() -> std::optional<UndoneChange> {
    // The change undone last, as long as no change was made after it: a change made since
    // (a new one has a higher id than every undone one above it) ends what can be redone.
    SQLite::Statement latest(impl_->db,
                             "SELECT id, kind, label, at FROM change_set WHERE undone_order IS NOT NULL "
                             "AND id > (SELECT coalesce(max(id), 0) FROM change_set WHERE undone_at IS NULL) "
                             "AND undone_order = (SELECT max(undone_order) FROM change_set)");
    if (!latest.executeStep()) return std::nullopt;
    const std::int64_t set_id = latest.getColumn(0).getInt64();
    UndoneChange redone;
    redone.kind = change_kind(latest.getColumn(1).getString());
    redone.label = latest.getColumn(2).getString();
    redone.at = latest.getColumn(3).getString();
    const auto inconsistent = [&](const std::string& uuid, std::string_view why) {
      return JournalError(fmt::format("cannot redo the change of {}: entry {} {}; the journal was changed by "
                                      "something other than niggle. Nothing was redone",
                                      redone.at, uuid, why));
    };
    SQLite::Statement steps(impl_->db, "SELECT action, uuid, before, after FROM change WHERE set_id = ? ORDER BY seq");
    steps.bind(1, set_id);
    while (steps.executeStep()) {
      const std::string action = steps.getColumn(0).getString();
      const std::string uuid = steps.getColumn(1).getString();
      const auto before = optional_text(steps.getColumn(2));
      const auto after = optional_text(steps.getColumn(3));
      ChangeStep step{ChangeStep::Action::add, uuid, std::nullopt, std::nullopt};
      if (action == "removal") {
        step.action = ChangeStep::Action::removal;
        put_removal(*impl_, removal_from_text(*after));
      } else if (action == "add") {
        Entry entry = entry_from_text(*after);
        if (find_by_uuid(*impl_, uuid)) throw inconsistent(uuid, "exists again");
        if (find_by_id(*impl_, niggle::meta_of(entry).id)) throw inconsistent(uuid, "has its number taken");
        insert_entry(*impl_, entry, true);
        drop_removal(*impl_, uuid);
        step.after = std::move(entry);
      } else {
        const auto current = find_by_uuid(*impl_, uuid);
        if (!current) throw inconsistent(uuid, "is missing");
        const std::string now = record_text(*current);
        if (now != *before && now != record_text(entry_from_text(*before))) throw inconsistent(uuid, "has changed since");
        delete_entry(*impl_, niggle::meta_of(*current).id);
        step.before = *current;
        if (action == "edit") {
          step.action = ChangeStep::Action::edit;
          Entry changed = entry_from_text(*after);
          insert_entry(*impl_, changed, true);
          step.after = std::move(changed);
        } else {
          step.action = ChangeStep::Action::remove;
          put_removal(*impl_, removal_from_text(*after));
        }
      }
      redone.steps.push_back(std::move(step));
    }
    redone.gear_steps = redo_gear_steps(*impl_, set_id, redone.at);
    SQLite::Statement mark(impl_->db, "UPDATE change_set SET undone_at = NULL, undone_order = NULL WHERE id = ?");
    mark.bind(1, set_id);
    mark.exec();
    return redone;
  });
}

}  // namespace niggle
