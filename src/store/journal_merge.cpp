// Merges and imports: the entries and removals of other journals, exports and activity
// files, each kept, replaced or added by what it is (its UUID, or the same activity arriving
// again in another format), in one change that `undo` takes back whole.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <set>

#include "journal_rows.hpp"

namespace niggle {
namespace {

// --- One activity, one entry --------------------------------------------------------------
// An activity file imported again, corrected, or the same activity arriving in another
// format (a watch's FIT and Garmin Connect's TCX, a Strava row and its file), is one entry.

// How much of what a device measures a session holds: of two copies of one activity, the
// richer is kept.
int richness(const Session& s) {
  return (s.summary_only ? -1 : 0) + (s.metres ? 1 : 0) + (s.seconds ? 1 : 0) + (s.start_time ? 1 : 0) + (s.moving_seconds ? 1 : 0) +
         (s.avg_heart_rate ? 1 : 0) + (s.max_heart_rate ? 1 : 0) + (s.ascent_metres ? 1 : 0) + (s.avg_cadence ? 1 : 0);
}

// A session's local start in seconds, to compare two starts.
std::optional<std::int64_t> local_start(const Session& s) {
  if (!s.start_time || s.start_time->size() != 8) return std::nullopt;
  const std::string& t = *s.start_time;
  const auto two = [&](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  return s.meta.date.days_since_epoch() * 86400 + two(0) * 3600 + two(3) * 60 + two(6);
}

constexpr std::int64_t kSameStartSeconds = 120;
constexpr double kSameDistance = 0.03;

bool within(double a, double b, double fraction) { return std::abs(a - b) <= fraction * std::max(a, b); }

// Two copies of one activity's figures that differ only as two programs round them (Strava's
// CSV writes a tenth of a metre of what its file measured to the millimetre) are the same:
// a correction changes more than that.
bool same_to_rounding(const Session& a, const Session& b) {
  const auto near = [](const auto& x, const auto& y, double tolerance, bool relative) {
    if (!x || !y) return !x && !y;
    const double dx = static_cast<double>(*x), dy = static_cast<double>(*y);
    return std::abs(dx - dy) <= (relative ? tolerance * std::max(std::abs(dx), std::abs(dy)) : tolerance);
  };
  return a.type == b.type && a.meta.note == b.meta.note && a.meta.date == b.meta.date && a.start_time == b.start_time &&
         near(a.metres, b.metres, 0.0005, true) && near(a.seconds, b.seconds, 1, false) &&
         near(a.moving_seconds, b.moving_seconds, 1, false) && a.avg_heart_rate == b.avg_heart_rate &&
         a.max_heart_rate == b.max_heart_rate && near(a.ascent_metres, b.ascent_metres, 1, false) &&
         a.avg_cadence == b.avg_cadence && a.planned_metres == b.planned_metres && a.gear == b.gear &&
         a.plan_uuid == b.plan_uuid;
}

// The stored entry `local` with the measured figures of `incoming` (the same activity): its
// identity, source and what was typed (intensity, effort, plan, tags) stay; the type and the
// note follow the file unless the entry was edited since it was imported.
std::optional<Entry> with_figures_of(const Session& local, const Session& incoming, bool same_source) {
  Session out = local;
  const bool edited = local.meta.modified_at != local.meta.created_at;
  if (!edited) {
    out.type = incoming.type;
    if (same_source && incoming.meta.note) out.meta.note = incoming.meta.note;
  }
  out.metres = has_distance(out.type) ? incoming.metres : std::nullopt;
  if (!has_distance(out.type)) out.planned_metres.reset();
  out.seconds = incoming.seconds;
  if (!out.metres && !out.seconds) return std::nullopt;
  if (incoming.start_time) {
    out.meta.date = incoming.meta.date;
    out.start_time = incoming.start_time;
  }
  out.moving_seconds = incoming.moving_seconds;
  out.avg_heart_rate = incoming.avg_heart_rate;
  out.max_heart_rate = incoming.max_heart_rate;
  out.ascent_metres = incoming.ascent_metres;
  out.avg_cadence = incoming.avg_cadence;
  // Gear chosen here stays; a file that names gear gives it to a session that has none.
  if (!out.gear) out.gear = incoming.gear;
  if (same_to_rounding(out, local)) return std::nullopt;
  out.meta.modified_at = timestamp_after(local.meta.modified_at);
  return Entry{std::move(out)};
}

// An imported session already in the journal under another source: one that starts within
// two minutes and covers the same distance to 3% (the same time, where either has no
// distance).
std::optional<Session> same_activity(const Journal::Impl& impl, const Session& incoming) {
  const auto start = local_start(incoming);
  if (!start || !incoming.meta.source) return std::nullopt;
  const PreparedLease query = impl.prepared(kSessionSelect +
                                            "WHERE e.kind = 'session' AND e.day BETWEEN ? AND ? AND e.source IS NOT NULL "
                                            "AND e.source != ? AND s.start_time IS NOT NULL");
  query->bind(1, incoming.meta.date.plus_days(-1).iso());
  query->bind(2, incoming.meta.date.plus_days(1).iso());
  query->bind(3, *incoming.meta.source);
  while (query->executeStep()) {
    Session candidate = read_session(*query, impl);
    const auto theirs = local_start(candidate);
    if (!theirs || std::abs(*theirs - *start) > kSameStartSeconds) continue;
    if (incoming.metres && candidate.metres) {
      if (!within(*incoming.metres, *candidate.metres, kSameDistance)) continue;
    } else if (incoming.seconds && candidate.seconds) {
      if (!within(static_cast<double>(*incoming.seconds), static_cast<double>(*candidate.seconds), kSameDistance)) continue;
    } else {
      continue;
    }
    return candidate;
  }
  return std::nullopt;
}

}  // namespace

std::vector<MergeCounts> Journal::merge(std::span<const MergeSource> sources, std::string_view label, bool dry_run,
                                       const std::function<void(std::size_t, std::size_t)>& progress) {
  if (!dry_run) require_on_disk(*impl_);
  std::size_t total = 0, done = 0;
  for (const MergeSource& source : sources) total += source.entries.size() + source.removals.size();
  const auto tick = [&] {
    ++done;
    // Often enough to move a bar, rarely enough to cost nothing.
    if (progress && (done % 64 == 0 || done == total)) progress(done, total);
  };
  const auto work = [&] {
    ChangeLog log(*impl_, "import", std::string{label});
    std::vector<MergeCounts> results;
    for (const MergeSource& source : sources) {
      MergeCounts counts;
      merge_gear_items(log, *impl_, source.gear, counts);
      for (const Removal& removal : source.removals) {
        tick();
        if (auto local = find_by_uuid(*impl_, removal.uuid)) {
          log.remove(*local, removal.removed_at);
          ++counts.removed;
        } else {
          const auto known = find_removal(*impl_, removal.uuid);
          // The earlier time wins, so that journals merged both ways hold the same one.
          if (!known || removal.removed_at < known->removed_at) log.set_removal(known, removal);
        }
      }
      std::vector<const Entry*> fresh;  // pointers: a large import is not copied to be sorted
      std::set<const Entry*> revived;    // brought back from a removal
      for (const Entry& incoming : source.entries) {
        tick();
        const EntryMeta& meta = niggle::meta_of(incoming);
        if (!meta.uuid.empty()) {
          if (const auto removal = find_removal(*impl_, meta.uuid)) {
            if (!source.bring_back_removed) {
              ++counts.already_removed;
              continue;
            }
            // The removal is forgotten (undo puts it back) and the entry added as new; it
            // keeps its number when no other entry has taken it since.
            log.drop_removal(*removal);
            revived.insert(&incoming);
            ++counts.brought_back;
          }
        }
        const auto local = meta.uuid.empty() ? std::nullopt : find_by_uuid(*impl_, meta.uuid);
        if (local) {
          const EntryMeta& mine = niggle::meta_of(*local);
          const std::string theirs_content = content_of(incoming), mine_content = content_of(*local);
          // The later modification wins; on a tie the larger content, so both directions agree.
          const bool theirs_wins = meta.modified_at > mine.modified_at ||
                                   (meta.modified_at == mine.modified_at && theirs_content > mine_content);
          if (theirs_content == mine_content) {
            ++counts.unchanged;
          } else if (theirs_wins) {
            log.replace(*local, incoming);
            ++counts.updated;
            counts.decisions.push_back({mine.id, false, mine.modified_at, meta.modified_at});
          } else {
            ++counts.unchanged;
            counts.decisions.push_back({mine.id, true, mine.modified_at, meta.modified_at});
          }
          continue;
        }
        if (meta.source && meta.uuid.empty() && std::holds_alternative<Session>(incoming)) {
          // An activity file's session whose source is here: the same file again, or a
          // corrected one. Its figures replace the stored ones when it holds at least as much.
          if (auto twin = find_where(*impl_, "WHERE e.source = ?", *meta.source)) {
            const auto* stored = std::get_if<Session>(&*twin);
            const auto& arriving = std::get<Session>(incoming);
            std::optional<Entry> updated;
            if (stored && richness(arriving) >= richness(*stored)) updated = with_figures_of(*stored, arriving, true);
            if (updated) {
              log.replace(*twin, std::move(*updated));
              ++counts.updated;
            } else {
              ++counts.unchanged;
            }
            continue;
          }
        }
        if (meta.source) {
          // One source (an imported file's activity) stored under two UUIDs, imported on two
          // machines: one copy is kept everywhere, under its UUID, in the place of the other
          // (which keeps its number), so that merges converge. An edited copy beats one never
          // edited, whatever the times of the imports; of two edited ones the later edit wins;
          // otherwise the smaller UUID, so that both directions pick the same copy.
          if (auto twin = find_where(*impl_, "WHERE e.source = ?", *meta.source)) {
            const EntryMeta& mine = niggle::meta_of(*twin);
            const bool differ = figures_of(incoming) != figures_of(*twin);
            const bool their_edit = was_edited(meta), my_edit = was_edited(mine);
            const bool smaller_uuid = !meta.uuid.empty() && meta.uuid < mine.uuid;
            bool theirs_wins = smaller_uuid;
            if (differ && their_edit != my_edit) theirs_wins = their_edit;
            else if (differ && their_edit && meta.modified_at != mine.modified_at) theirs_wins = meta.modified_at > mine.modified_at;
            if (theirs_wins) log.replace(*twin, incoming);
            if (theirs_wins && differ) ++counts.updated; else ++counts.unchanged;
            if (differ && (theirs_wins ? their_edit : my_edit)) {
              counts.decisions.push_back({mine.id, !theirs_wins, mine.modified_at, meta.modified_at});
            }
            continue;
          }
        }
        fresh.push_back(&incoming);
      }
      // Numbers are never reused in a journal: an entry keeps its number only when that
      // number was never given here, which restores a whole export into an empty journal as it was.
      std::stable_sort(fresh.begin(), fresh.end(), [](const Entry* a, const Entry* b) {
        const auto key = [](const Entry* e) {
          const auto id = niggle::meta_of(*e).id;
          return id > 0 ? id : std::numeric_limits<std::int64_t>::max();
        };
        return key(a) < key(b);
      });
      // The highest number ever given, read once and followed as entries go in (SQLite
      // gives the next number, or the kept one, which is then the highest).
      std::int64_t highest = highest_id_ever(*impl_);
      counts.added_entries.reserve(fresh.size());
      for (const Entry* entry : fresh) {
        // The same activity from another file (of this import, or one before): merged into
        // the entry already here, which takes the richer figures.
        if (const auto* arriving = std::get_if<Session>(entry); arriving && niggle::meta_of(*entry).uuid.empty()) {
          if (auto twin = same_activity(*impl_, *arriving)) {
            Entry after{*twin};
            if (richness(*arriving) > richness(*twin)) {
              if (auto updated = with_figures_of(*twin, *arriving, false)) after = log.replace(Entry{*twin}, std::move(*updated));
            }
            ++counts.merged;
            counts.merged_entries.emplace_back(*entry, std::move(after));
            continue;
          }
        }
        const std::int64_t id = niggle::meta_of(*entry).id;
        const bool keep = id > highest || (id > 0 && revived.contains(entry) && !find_by_id(*impl_, id));
        counts.added_entries.push_back(log.add(*entry, keep));
        highest = std::max(highest, niggle::meta_of(counts.added_entries.back()).id);
        ++counts.added;
      }
      add_missing_gear(log, *impl_, counts);
      results.push_back(counts);
    }
    return results;
  };
  // A large merge touches more pages than SQLite's default 2 MB cache holds, and SQLite
  // would spill pages to the WAL mid-transaction and read them back. The bigger cache is
  // for this connection's merge only; the everyday commands keep the default.
  if (total > 1000) impl_->db.exec("PRAGMA cache_size = -65536");
  if (!dry_run) return write_transaction(*impl_, "write to", work);
  try {
    SQLite::Transaction transaction(impl_->db, SQLite::TransactionBehavior::IMMEDIATE);
    return work();  // never committed: the destructor rolls it back
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

}  // namespace niggle
