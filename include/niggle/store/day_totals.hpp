#pragma once
// Totals per day, summed by SQL over the entry (kind, day) index, and the weekly summaries
// of core/summary.hpp built from exactly the days they need.
#include <optional>
#include <string>
#include <vector>

#include "niggle/core/summary.hpp"
#include "niggle/store/journal.hpp"

namespace niggle {

// Totals for every day in [first, last], one element per day, oldest first (days without
// entries included). Two aggregate queries; throws JournalError. With `tags`, only the
// entries carrying every one of them count.
std::vector<DayTotals> day_totals(const Journal& journal, Date first, Date last,
                                  const std::vector<std::string>& tags = {});
// SQLite's plan for those queries, one line per step, so tests can check that they search
// the (kind, day) index instead of scanning the journal.
std::vector<std::string> day_totals_query_plan(const Journal& journal);

// Reads exactly the days those summaries need from the journal and summarises them.
// Weeks before `journal_start` are unknown (summarize_weeks).
std::vector<WeekSummary> summarize_journal(const Journal& journal, Date first_start, int count, Date today,
                                           int baseline_weeks, std::optional<Date> journal_start = std::nullopt,
                                           const std::vector<std::string>& tags = {});

}  // namespace niggle
