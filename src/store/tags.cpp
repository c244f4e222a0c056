#include "niggle/store/tags.hpp"

#include "journal_impl.hpp"

namespace niggle {

std::vector<TagCount> tag_counts(const Journal& journal) {
  try {
    std::vector<TagCount> tags;
    SQLite::Statement query(journal.impl().db,
                            "SELECT name, count(*) AS n FROM tag GROUP BY name ORDER BY n DESC, name");
    while (query.executeStep()) tags.push_back({query.getColumn(0).getString(), query.getColumn(1).getInt64()});
    return tags;
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, journal.path(), "read");
  }
}

}  // namespace niggle
