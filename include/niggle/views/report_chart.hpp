#pragma once
// The charts of `niggle report`, drawn as SVG text by niggle itself: pure functions from a
// report's figures to markup, with axes, units and a legend inside each chart so that it
// reads on its own, on screen and on paper. Every mark carries its figure in a data-
// attribute (data-km, data-pain, data-date...), which the tests read back.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "niggle/views/report.hpp"

namespace niggle {

// An axis from 0 to `max` in steps of `step` (1, 2 or 5 times a power of ten), with at most
// `max_ticks` steps and `max` at least `largest`. A largest value of 0 gives 0 to 10.
struct Axis {
  double max = 10;
  double step = 2;
};
Axis nice_axis(double largest, int max_ticks = 5);

// `count` items in panels of at most `most`, as even as possible: (first, size) pairs.
std::vector<std::pair<std::size_t, std::size_t>> split_panels(std::size_t count, std::size_t most);

// Weeks per weekly chart, and per daily timeline: beyond these a chart is split in panels.
inline constexpr std::size_t kWeeksPerWeeklyChart = 52;
inline constexpr std::size_t kWeeksPerTimeline = 26;

// Running per week as bars (over-budget weeks marked), each week's L1 budget as a dashed
// step, and the mean and the highest pain per week as lines on a 0-10 axis; weeks
// [first, first + count) of the report. The distance axis is the same for every panel.
std::string weekly_chart_svg(const Report& report, std::size_t first, std::size_t count);

// Each day's pain by location on a 0-10 axis, the days with red-flag, nerve or serious-cause
// symptoms marked as bands, runs as ticks under it (height: the day's distance), other
// training, and the advice engine's verdict for each day; days [first, first + count).
std::string timeline_svg(const Report& report, std::size_t first, std::size_t count);

// The colour of a verdict on the page, and of the n-th location of a report (its order in
// Report::locations), so the page's tables can use the charts' colours.
std::string_view verdict_colour(Verdict verdict);
std::string_view location_colour(std::size_t index);

}  // namespace niggle
