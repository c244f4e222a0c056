#include "niggle/store/day_totals.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "journal_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {


// The intensities that count as hard (is_hard), bound as parameters so that the SQL and
// the vocabulary cannot drift apart.
std::vector<std::string> hard_intensity_names() {
  std::vector<std::string> names;
  const auto all = names_of<Intensity>();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (is_hard(static_cast<Intensity>(i))) names.emplace_back(all[i]);
  return names;
}

// One row per day and activity type. The schema guarantees metres > 0 when present, so for
// runs count(metres) is the number of runs that count_as_run, and total(metres) their distance.
// Entries carrying every one of `tags`, as SQL conditions bound after the range.
std::string tag_conditions(std::size_t tags) {
  std::string sql;
  for (std::size_t i = 0; i < tags; ++i) sql += " AND e.id IN (SELECT entry_id FROM tag WHERE name = ?)";
  return sql;
}

std::string sessions_sql(std::size_t hard_names, std::size_t tags) {
  std::string placeholders;
  for (std::size_t i = 0; i < hard_names; ++i) placeholders += i == 0 ? "?" : ", ?";
  return fmt::format(
      "SELECT e.day, s.type, count(*), total(s.metres), coalesce(sum(s.seconds), 0), count(s.seconds), "
      "count(s.metres), coalesce(max(s.metres), 0), count(CASE WHEN s.intensity IN ({}) THEN 1 END), "
      "count(s.planned_metres), total(s.planned_metres), total(CASE WHEN s.planned_metres IS NOT NULL THEN s.metres END) "
      "FROM entry e JOIN session s ON s.entry_id = e.id "
      "WHERE e.kind = 'session' AND e.day BETWEEN ? AND ?{} "
      "GROUP BY e.day, s.type",
      placeholders, tag_conditions(tags));
}

// One row per day with pain: its highest score, that entry's location (the latest entry on a
// tie, so the answer does not depend on how SQLite breaks ties), and the number of entries.
// SQLite takes a bare column (location) from the row that holds the max(); the key makes
// that row unique: the score in the high bits, the entry's id (always below 2^40) in the
// low ones. A window-function form of the same query ran 2.6 times the instructions over
// a year of entries.
std::string pain_sql(std::size_t tags) {
  return "SELECT e.day, max(p.score * 1099511627776 + e.id) >> 40, p.location, count(*) "
         "FROM entry e JOIN pain p ON p.entry_id = e.id "
         "WHERE e.kind = 'pain' AND e.day BETWEEN ? AND ?" +
         tag_conditions(tags) + " GROUP BY e.day";
}

std::string quoted_path(const Journal& journal) { return fmt::format("'{}'", printable(journal.path().string(), 200)); }

DayTotals& day_at(std::vector<DayTotals>& days, Date first, const std::string& text, const Journal& journal) {
  const auto date = try_parse_iso_date(text);
  const std::int64_t offset = date ? first.days_until(*date) : -1;
  if (!date || offset < 0 || offset >= static_cast<std::int64_t>(days.size())) {
    throw JournalError(fmt::format("the journal {} holds an invalid date '{}'", quoted_path(journal), printable(text)));
  }
  return days[static_cast<std::size_t>(offset)];
}

template <class E>
E stored(const std::string& text, const Journal& journal) {
  if (auto value = try_parse<E>(text)) return *value;
  throw JournalError(fmt::format("the journal {} holds an unknown {} '{}'; was it written by a newer niggle?",
                                 quoted_path(journal), Vocabulary<E>::option, printable(text)));
}

void bind_range(SQLite::Statement& query, int first_index, Date first, Date last) {
  query.bind(first_index, first.iso());
  query.bind(first_index + 1, last.iso());
}

SQLite::Statement sessions_query(SQLite::Database& db, const std::string& prefix, Date first, Date last,
                                 const std::vector<std::string>& tags = {}) {
  const std::vector<std::string> hard = hard_intensity_names();
  SQLite::Statement query(db, prefix + sessions_sql(hard.size(), tags.size()));
  int index = 1;
  for (const std::string& name : hard) query.bind(index++, name);
  bind_range(query, index, first, last);
  index += 2;
  for (const std::string& tag : tags) query.bind(index++, tag);
  return query;
}

SQLite::Statement pain_query(SQLite::Database& db, const std::string& prefix, Date first, Date last,
                             const std::vector<std::string>& tags = {}) {
  SQLite::Statement query(db, prefix + pain_sql(tags.size()));
  bind_range(query, 1, first, last);
  int index = 3;
  for (const std::string& tag : tags) query.bind(index++, tag);
  return query;
}

// The days with a plan entry, or a session logged with --planned, get their plans matched
// to their sessions (core/plan.hpp); only those days' sessions are read.
void match_plans(const Journal& journal, std::vector<DayTotals>& days, Date first, Date last) {
  std::vector<std::vector<Plan>> plans_of_day(days.size());
  for (Plan& plan : journal.plans_between(first, last)) {
    const std::int64_t offset = first.days_until(plan.meta.date);
    if (offset >= 0 && offset < static_cast<std::int64_t>(days.size())) plans_of_day[static_cast<std::size_t>(offset)].push_back(std::move(plan));
  }
  for (std::size_t i = 0; i < days.size(); ++i) {
    DayTotals& day = days[i];
    if (plans_of_day[i].empty() && day.planned_sessions == 0) continue;
    const std::vector<Session> sessions = journal.sessions_between(day.date, day.date);
    day.plans = match_day(plans_of_day[i], sessions);
    day.planned_sessions = static_cast<int>(day.plans.size());
    day.planned_metres = 0;
    day.planned_done_metres = 0;
    for (const PlanOutcome& outcome : day.plans) {
      day.planned_metres += outcome.planned_metres.value_or(0);
      day.planned_done_metres += outcome.done_metres;
    }
  }
}

}  // namespace

std::vector<DayTotals> day_totals(const Journal& journal, Date first, Date last, const std::vector<std::string>& tags) {
  std::vector<DayTotals> days(static_cast<std::size_t>(std::max<std::int64_t>(first.days_until(last) + 1, 0)));
  for (std::size_t i = 0; i < days.size(); ++i) days[i].date = first.plus_days(static_cast<std::int64_t>(i));
  if (days.empty()) return days;
  try {
    SQLite::Database& db = journal.impl().db;
    SQLite::Statement sessions = sessions_query(db, "", first, last, tags);
    while (sessions.executeStep()) {
      DayTotals& day = day_at(days, first, sessions.getColumn(0).getString(), journal);
      const ActivityType type = stored<ActivityType>(sessions.getColumn(1).getString(), journal);
      TypeTotals& totals = day.by_type[static_cast<std::size_t>(type)];
      totals.sessions += sessions.getColumn(2).getInt();
      totals.metres += sessions.getColumn(3).getDouble();
      totals.seconds += sessions.getColumn(4).getInt64();
      totals.timed += sessions.getColumn(5).getInt();
      if (type == ActivityType::run) {
        // Every run counts, a run logged by time only too (counts_as_run).
        day.runs += sessions.getColumn(2).getInt();
        day.runs_without_distance += sessions.getColumn(2).getInt() - sessions.getColumn(6).getInt();
        day.run_metres += sessions.getColumn(3).getDouble();
        day.longest_run_metres = std::max(day.longest_run_metres, sessions.getColumn(7).getDouble());
        day.hard_runs += sessions.getColumn(8).getInt();
      }
      day.planned_sessions += sessions.getColumn(9).getInt();
      day.planned_metres += sessions.getColumn(10).getDouble();
      day.planned_done_metres += sessions.getColumn(11).getDouble();
    }
    SQLite::Statement pain = pain_query(db, "", first, last, tags);
    while (pain.executeStep()) {
      DayTotals& day = day_at(days, first, pain.getColumn(0).getString(), journal);
      day.pain_max = pain.getColumn(1).getInt();
      if (!pain.getColumn(2).isNull()) day.pain_location = stored<Location>(pain.getColumn(2).getString(), journal);
      day.pain_entries = pain.getColumn(3).getInt();
    }
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, journal.path(), "read");
  }
  match_plans(journal, days, first, last);
  return days;
}

std::vector<std::string> day_totals_query_plan(const Journal& journal) {
  std::vector<std::string> lines;
  try {
    SQLite::Database& db = journal.impl().db;
    const Date day = *Date::from_ymd(2026, 1, 1);
    const auto collect = [&lines](SQLite::Statement&& query) {
      while (query.executeStep()) lines.push_back(query.getColumn(3).getString());
    };
    collect(sessions_query(db, "EXPLAIN QUERY PLAN ", day, day));
    collect(pain_query(db, "EXPLAIN QUERY PLAN ", day, day));
  } catch (const SQLite::Exception& e) {
    throw_journal_error(e, journal.path(), "read");
  }
  return lines;
}

std::vector<WeekSummary> summarize_journal(const Journal& journal, Date first_start, int count, Date today,
                                           int baseline_weeks, std::optional<Date> journal_start,
                                           const std::vector<std::string>& tags) {
  const int lead = std::max(baseline_weeks, 1);
  const Date first = first_start.minus_days(7 * static_cast<std::int64_t>(lead));
  const Date last = first_start.plus_days(7 * static_cast<std::int64_t>(std::max(count, 0)) - 1);
  const std::vector<DayTotals> days = day_totals(journal, first, last, tags);
  return summarize_weeks(days, first_start, count, today, baseline_weeks, journal_start);
}

}  // namespace niggle
