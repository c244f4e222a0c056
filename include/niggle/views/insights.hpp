#pragma once
// `niggle insights` and the report's section of the same name: the journal's factors read
// from the store (core/insights.hpp does the arithmetic) and laid out as words, Markdown,
// HTML or one JSON document.
#include <optional>
#include <string>

#include "niggle/core/format.hpp"
#include "niggle/core/insights.hpp"
#include "niggle/store/journal.hpp"

namespace niggle {

// Every entry of the journal, for compute_insights and factors_on.
struct JournalEntries {
  std::vector<Session> sessions;
  std::vector<PainEntry> pain;
  InsightsInput input(std::optional<Date> since, Date today) const {
    return InsightsInput{sessions, pain, since, today};
  }
};
JournalEntries read_all_entries(const Journal& journal, Date today);

std::string insights_text(const Insights& insights);
// The body of the report's section (its heading is the report's): a table and the notes.
std::string insights_markdown(const Insights& insights);
std::string insights_html(const Insights& insights);  // escaped XHTML
Json insights_json(const Insights& insights);
// The line on heavy deadlifts: "Heavy deadlifts came in 3 of the last 8 weeks; ...".
std::string deadlift_sentence(const Insights& insights);
// The footnote: the method, the adjustment and the caution.
std::string insights_footnote(const Insights& insights);

}  // namespace niggle
