// Entries and removals read one row at a time, for exports: nothing is held beyond the row
// in hand and one waiting row per kind.
#include <array>
#include <tuple>

#include "journal_rows.hpp"

namespace niggle {
namespace {

// One kind's entries in export order, a row ahead.
struct KindCursor {
  SQLite::Statement rows;
  Entry (*read)(SQLite::Statement&, const Journal::Impl&);
  std::optional<Entry> next;

  void advance(const Journal::Impl& impl) {
    next.reset();
    if (rows.executeStep()) next = read(rows, impl);
  }
};

// Export order (all_entries): oldest day first, then creation time, then UUID. Each kind's
// query sorts its rows the same way: the day is ISO text (YYYY-MM-DD, checked by the
// schema), whose byte order is the order of days, and SQLite compares text byte by byte,
// as std::string does. The index on (kind, day) gives the days in order, so SQLite only
// sorts the rows of one day at a time.
constexpr const char* kExportOrder = " ORDER BY e.day, e.created_at, e.uuid";

bool before(const Entry& a, const Entry& b) {
  const EntryMeta &x = niggle::meta_of(a), &y = niggle::meta_of(b);
  return std::tie(x.date, x.created_at, x.uuid) < std::tie(y.date, y.created_at, y.uuid);
}

}  // namespace

void Journal::for_each_entry(const std::function<void(const Entry&)>& visit) const {
  try {
    const auto query = [&](const std::string& select, const char* kind) {
      return SQLite::Statement(impl_->db, fmt::format("{}WHERE e.kind = '{}'{}", select, kind, kExportOrder));
    };
    // The four kinds' rows, merged as they come: the least waiting entry goes next.
    std::array<KindCursor, 4> cursors{{
        {query(kSessionSelect, "session"), [](SQLite::Statement& r, const Impl& i) { return Entry{read_session(r, i)}; }, {}},
        {query(kPainSelect, "pain"), [](SQLite::Statement& r, const Impl& i) { return Entry{read_pain(r, i)}; }, {}},
        {query(kVisitSelect, "visit"), [](SQLite::Statement& r, const Impl& i) { return Entry{read_visit(r, i)}; }, {}},
        {query(kPlanSelect, "plan"), [](SQLite::Statement& r, const Impl& i) { return Entry{read_plan(r, i)}; }, {}},
    }};
    for (KindCursor& cursor : cursors) cursor.advance(*impl_);
    for (;;) {
      KindCursor* least = nullptr;
      for (KindCursor& cursor : cursors) {
        if (cursor.next && (!least || before(*cursor.next, *least->next))) least = &cursor;
      }
      if (!least) break;
      visit(*least->next);
      least->advance(*impl_);
    }
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

void Journal::for_each_removal(const std::function<void(const Removal&)>& visit) const {
  try {
    SQLite::Statement query(impl_->db, "SELECT uuid, removed_at FROM removal ORDER BY uuid");
    while (query.executeStep()) visit(Removal{query.getColumn(0).getString(), query.getColumn(1).getString()});
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, impl_->path, "read");
  }
}

}  // namespace niggle
