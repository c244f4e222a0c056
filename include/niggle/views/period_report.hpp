#pragma once
// Months and years as `niggle summary` shows them: a row per period with a bar of running
// for people, and the same figures as JSON, CSV, TSV and Markdown. The machine formats use
// kilometres whatever the display unit.
#include <span>
#include <string>

#include "niggle/core/format.hpp"
#include "niggle/core/summary.hpp"
#include "niggle/views/week_report.hpp"

namespace niggle {

std::string periods_text(std::span<const PeriodSummary> periods, Period period, const ReportStyle& style);
std::string periods_markdown(std::span<const PeriodSummary> periods, Period period, const ReportStyle& style);
Json periods_json(std::span<const PeriodSummary> periods, Period period);
// A header row, then a row per period; per activity type: sessions, km and seconds.
std::string periods_table(std::span<const PeriodSummary> periods, Period period, Delimited format);

}  // namespace niggle
