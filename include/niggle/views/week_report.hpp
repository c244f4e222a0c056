#pragma once
// How weekly summaries look: a text view for people (a row per day, or a row per week with a
// chart), Markdown for notes, and JSON, CSV and TSV for scripts. Pure: the summaries and the
// sessions come in, text comes out. The machine formats use kilometres whatever the display
// unit, and their field names are documented in README.md; changing one breaks scripts.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "niggle/views/chart.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/summary.hpp"
#include "niggle/views/terminal.hpp"
#include "niggle/core/units.hpp"

namespace niggle {

struct ReportStyle {
  DistanceUnit unit = DistanceUnit::km;
  Weekday week_start = Weekday::monday;
  Style style;                     // colour, or none
  Glyphs glyphs = Glyphs::unicode;  // chart characters
  int mild_pain = 2;                // pain up to this is shown green
  int moderate_pain = 5;            // up to this yellow; above it red
  int min_baseline_weeks = 2;       // fewer baseline weeks with running: the change is flagged
};

// "run long 10.00 mi (10.00 planned) 1:45:00": a session in a few words.
std::string session_phrase(const Session& session, DistanceUnit unit);

// One week: a row per day (its sessions, rest or not, the highest pain), then the totals.
// `sessions` are the week's sessions (Journal::sessions_between), for the day rows.
std::string week_text(const WeekSummary& week, std::span<const Session> sessions, const ReportStyle& style);
// Several weeks: a row per week, then a chart of running per week with pain beside it.
std::string weeks_text(std::span<const WeekSummary> weeks, const ReportStyle& style);

// A week's row of the many-weeks table, as plain text cells: the label ("2026-W48*" for a week
// so far), start, running, runs, longest run, rest days, mean pain, max pain, pain days, the
// change against the week before and against the baseline weeks ("(+5%)" when too few of
// them had running). The text and Markdown views and `niggle report` all build their rows
// from it, so they always show the same figures.
std::vector<std::string> week_row_cells(const WeekSummary& week, const ReportStyle& style);
// The notes under that table: the week so far, and what the parentheses mean ("" when no
// week's change rests on too few weeks).
std::string weeks_so_far_note(const WeekSummary& week);
std::string weeks_thin_baseline_note(std::span<const WeekSummary> weeks, const ReportStyle& style);

std::string week_markdown(const WeekSummary& week, std::span<const Session> sessions, const ReportStyle& style);
std::string weeks_markdown(std::span<const WeekSummary> weeks, const ReportStyle& style);

// One week as a JSON object; with `sessions`, each day lists its sessions too.
Json week_json(const WeekSummary& week, std::optional<std::span<const Session>> sessions, Weekday week_start);
Json weeks_json(std::span<const WeekSummary> weeks, Weekday week_start);

enum class Delimited { csv, tsv };
// A header row, then a row per day of the week.
std::string week_days_table(const WeekSummary& week, std::span<const Session> sessions, Delimited format);
// A header row, then a row per week.
std::string weeks_table(std::span<const WeekSummary> weeks, Delimited format);

}  // namespace niggle
