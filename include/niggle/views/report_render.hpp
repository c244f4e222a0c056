#pragma once
// The pages of `niggle report`, as pure functions of its figures (report.hpp).
// - HTML: one self-contained file: inline CSS and SVG charts (report_chart.hpp), no script
//   and nothing fetched, so it opens offline and prints on A4. The markup is well-formed XML
//   as well as HTML, so any XML tool can check it.
// - Markdown: the same content without the charts, for notes and e-mail.
// Everything that comes from the journal (notes, tags) is escaped for the format.
#include <string>

#include "niggle/views/report.hpp"

namespace niggle {

std::string report_html(const Report& report);
std::string report_markdown(const Report& report);

// The sections of both pages, in order, as (id, heading); the tests and the README use them.
struct ReportSection {
  std::string_view id, heading;
};
inline constexpr ReportSection kReportSections[] = {
    {"glance", "At a glance"},
    {"weekly", "Running and pain per week"},
    {"daily", "Pain day by day"},
    {"weeks", "The weeks in figures"},
    {"where", "Where it hurt"},
    {"notable", "Days that stand out, and what the advice said"},
    {"rules", "The advice rules that fired most"},
    {"insights", "What goes with a worse next morning"},
    {"notes", "The runner's notes"},
    {"days", "Day by day"},
    {"reading", "How to read this report"},
};

}  // namespace niggle
