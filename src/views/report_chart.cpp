#include "niggle/views/report_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <span>

#include "niggle/core/format.hpp"
#include "niggle/views/markup.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// The drawing is 720 units wide: on an A4 page's text width (about 186 mm) a unit is a
// quarter of a millimetre, so 11-unit labels print at about 8 points.
constexpr double kWidth = 720;
constexpr double kLeft = 64;         // room for the left axis, its ticks and its title
constexpr double kFont = 11;         // labels and the legend
constexpr double kSmallFont = 9.5;   // tick labels and values on bars
constexpr double kLegendRow = 17;

constexpr std::string_view kFontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";
constexpr std::string_view kInk = "#222222";
constexpr std::string_view kMuted = "#555555";
constexpr std::string_view kGrid = "#e3e3e3";
constexpr std::string_view kRunBar = "#7ea6c8";
constexpr std::string_view kOverBar = "#d55e00";
constexpr std::string_view kPainLine = "#882255";
constexpr std::string_view kRunTick = "#3d6f9a";
constexpr std::string_view kOther = "#8c8c8c";
constexpr std::string_view kRedFlag = "#d7191c";
constexpr std::string_view kNerve = "#f08c00";
constexpr std::string_view kSerious = "#7b5aa6";

// Colour-blind-safe (Okabe and Ito), in the order locations are drawn; vermillion is left
// to the over-budget bars, so that no colour means two things on one page.
constexpr std::array<std::string_view, 8> kLocationColours = {"#0072b2", "#009e73", "#cc79a7", "#e69f00",
                                                               "#56b4e9", "#000000", "#999933", "#666666"};
enum class Shape { circle, square, triangle, diamond };
constexpr std::array<Shape, 4> kShapes = {Shape::circle, Shape::square, Shape::triangle, Shape::diamond};

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Coordinates to a hundredth of a unit, without trailing zeros.
std::string num(double value) {
  std::string text = fmt::format("{:.2f}", std::abs(value) < 0.005 ? 0.0 : value);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// About how wide a label is: DejaVu Sans averages a little over half its size per letter.
double text_width(std::string_view text, double size) {
  std::size_t letters = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++letters;
  return static_cast<double>(letters) * size * 0.6;
}

std::string text_at(double x, double y, std::string_view text, std::string_view attributes = {}) {
  return fmt::format("<text x=\"{}\" y=\"{}\"{}{}>{}</text>\n", num(x), num(y), attributes.empty() ? "" : " ",
                     attributes, html_escape(text));
}

std::string line_at(double x1, double y1, double x2, double y2, std::string_view attributes) {
  return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {}/>\n", num(x1), num(y1), num(x2), num(y2), attributes);
}

std::string rect_at(double x, double y, double w, double h, std::string_view attributes) {
  return fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {}/>\n", num(x), num(y), num(std::max(w, 0.0)),
                     num(std::max(h, 0.0)), attributes);
}

std::string marker(Shape shape, double x, double y, double r, std::string_view colour, std::string_view attributes,
                   bool hollow = false) {
  const std::string paint = hollow ? fmt::format("fill=\"#ffffff\" stroke=\"{}\" stroke-width=\"1.5\"", colour)
                                   : fmt::format("fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"0.8\"", colour);
  switch (shape) {
    case Shape::circle:
      return fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {} {}/>\n", num(x), num(y), num(r), paint, attributes);
    case Shape::square: return rect_at(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, fmt::format("{} {}", paint, attributes));
    case Shape::triangle:
      return fmt::format("<polygon points=\"{},{} {},{} {},{}\" {} {}/>\n", num(x), num(y - r * 1.15), num(x + r * 1.1),
                         num(y + r * 0.8), num(x - r * 1.1), num(y + r * 0.8), paint, attributes);
    case Shape::diamond:
      return fmt::format("<polygon points=\"{},{} {},{} {},{} {},{}\" {} {}/>\n", num(x), num(y - r * 1.2), num(x + r * 1.1),
                         num(y), num(x), num(y + r * 1.2), num(x - r * 1.1), num(y), paint, attributes);
  }
  return {};
}

// A legend: swatches drawn in an 18 x 10 box at the origin, each followed by its label,
// flowing in rows across the chart.
struct LegendItem {
  std::string swatch;
  std::string label;
};

struct Legend {
  std::string svg;
  double bottom = 0;
};

// The legend spans the drawing's width, from the left axis title's edge.
constexpr double kLegendLeft = 24;

Legend legend(const std::vector<LegendItem>& items, double top, std::string_view title = {}) {
  Legend out;
  double x = kLegendLeft;
  double y = top;
  const double right = kWidth - 12;
  if (!title.empty()) {
    out.svg += text_at(x, y + 9, title, "font-weight=\"bold\"");
    x += text_width(title, kFont) + 10;
  }
  for (const LegendItem& item : items) {
    const double width = 18 + 6 + text_width(item.label, kFont) + 16;
    if (x + width - 16 > right && x > kLegendLeft) {
      x = kLegendLeft + (title.empty() ? 0 : 12);
      y += kLegendRow;
    }
    out.svg += fmt::format("<g transform=\"translate({},{})\">\n{}</g>\n", num(x), num(y), item.swatch);
    out.svg += text_at(x + 24, y + 9, item.label);
    x += width;
  }
  out.bottom = y + 10;
  return out;
}

std::string svg_open(std::string_view id, double height, std::string_view title, std::string_view description) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"{0}\" viewBox=\"0 0 {1} {2}\" width=\"100%\" "
      "role=\"img\" aria-labelledby=\"{0}-title {0}-desc\" font-family=\"{3}\" font-size=\"{4}\" fill=\"{5}\">\n"
      "<title id=\"{0}-title\">{6}</title>\n<desc id=\"{0}-desc\">{7}</desc>\n",
      id, num(kWidth), num(height), kFontFamily, num(kFont), kInk, html_escape(title), html_escape(description));
}

std::string day_month(Date day) { return fmt::format("{} {}", day.day(), kMonths[day.month() - 1]); }

std::string rotated_title(double x, double y, double angle, std::string_view text) {
  return fmt::format("<text transform=\"translate({},{}) rotate({})\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
                     num(x), num(y), num(angle), html_escape(text));
}

}  // namespace

Axis nice_axis(double largest, int max_ticks) {
  if (!(largest > 0)) return {};
  max_ticks = std::max(max_ticks, 1);
  const double rough = largest / max_ticks;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power * 10;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * power >= rough * (1 - 1e-9)) {
      step = m * power;
      break;
    }
  }
  return {std::ceil(largest / step - 1e-9) * step, step};
}

std::vector<std::pair<std::size_t, std::size_t>> split_panels(std::size_t count, std::size_t most) {
  std::vector<std::pair<std::size_t, std::size_t>> panels;
  if (count == 0 || most == 0) return panels;
  const std::size_t n = (count + most - 1) / most;
  std::size_t first = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t size = count / n + (i < count % n ? 1 : 0);
    panels.emplace_back(first, size);
    first += size;
  }
  return panels;
}

std::string_view verdict_colour(Verdict verdict) {
  switch (verdict) {
    case Verdict::go: return "#1a9641";
    case Verdict::easy: return "#a6d96a";
    case Verdict::unknown: return "#d0d0d0";
    case Verdict::cross_train: return "#fdae61";
    case Verdict::rest: return "#e8603c";
    case Verdict::urgent: return "#a50026";
  }
  return "#d0d0d0";
}

std::string_view location_colour(std::size_t index) { return kLocationColours[index % kLocationColours.size()]; }

std::string weekly_chart_svg(const Report& report, std::size_t first, std::size_t count) {
  if (first >= report.weeks.size()) return {};
  count = std::min(count, report.weeks.size() - first);
  const std::span<const ReportWeek> weeks = std::span<const ReportWeek>(report.weeks).subspan(first, count);
  const DistanceUnit unit = report.settings.units;
  const std::string unit_label{unit_name(unit)};
  const AdviceThresholds& t = report.settings.advice;

  // One distance axis for every panel, with room above the tallest bar for its labels.
  double largest = 0;
  bool any_over = false, any_budget = false, any_pain = false;
  for (const ReportWeek& w : report.weeks) {
    largest = std::max({largest, w.summary.load.run_metres, w.budget_metres.value_or(0)});
  }
  for (const ReportWeek& w : weeks) {
    any_over = any_over || w.over_budget();
    any_budget = any_budget || w.budget_metres.has_value();
    any_pain = any_pain || w.summary.pain_mean.has_value();
  }
  const Axis axis = nice_axis(metres_to(largest, unit) * 1.15);
  const bool partial = !weeks.back().summary.complete();

  std::vector<LegendItem> items;
  items.push_back({rect_at(0, 0, 18, 10, fmt::format("fill=\"{}\"", kRunBar)), fmt::format("Running in the week ({})", unit_label)});
  if (any_over) items.push_back({rect_at(0, 0, 18, 10, fmt::format("fill=\"{}\"", kOverBar)), "Over the week's budget (% above it)"});
  if (partial) {
    items.push_back({rect_at(0.5, 0.5, 17, 9, fmt::format("fill=\"{}\" fill-opacity=\"0.45\" stroke=\"{}\" stroke-dasharray=\"2 1.5\"", kRunBar, kRunTick)),
                     "The week so far"});
  }
  if (any_budget) {
    items.push_back({line_at(0, 5, 18, 5, fmt::format("stroke=\"{}\" stroke-width=\"1.8\" stroke-dasharray=\"4 2.5\"", kInk)),
                     fmt::format("Budget: {:.2f} x the mean of the {} weeks before", t.weekly_ratio, t.baseline_weeks)});
  }
  items.push_back({line_at(0, 5, 18, 5, fmt::format("stroke=\"{}\" stroke-width=\"2\"", kPainLine)) +
                       marker(Shape::circle, 9, 5, 3.2, kPainLine, ""),
                   "Mean pain (0-10)"});
  items.push_back({line_at(0, 5, 18, 5, fmt::format("stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"1.5 2\"", kPainLine)) +
                       marker(Shape::triangle, 9, 5, 3.4, kPainLine, "", true),
                   "Highest pain (0-10)"});
  const Legend key = legend(items, 6);

  const double right = kWidth - 52;
  const double top = key.bottom + 18;
  const double height = 185;
  const double bottom = top + height;
  const double plot_width = right - kLeft;
  const double slot = plot_width / static_cast<double>(count);
  const double total_height = bottom + (partial ? 62 : 52);
  const auto y_km = [&](double metres) { return bottom - metres_to(metres, unit) / axis.max * height; };
  const auto y_pain = [&](double pain) { return bottom - pain / 10.0 * height; };
  const auto centre = [&](std::size_t i) { return kLeft + (static_cast<double>(i) + 0.5) * slot; };

  const std::string id = fmt::format("weekly-chart-{}", first + 1);
  std::string out = svg_open(id, total_height,
                             fmt::format("Running per week and pain per week, {} to {}", weeks.front().summary.label,
                                         weeks.back().summary.label),
                             "Bars: running distance per week, on the left axis. Dashed steps: each week's budget. "
                             "Lines: the mean and the highest daily pain per week, on the right axis (0-10).");
  out += key.svg;

  // Axes: distance on the left with a grid, pain on the right.
  out += "<g class=\"axis\" font-size=\"" + num(kSmallFont) + "\">\n";
  for (double v = 0; v <= axis.max + axis.step / 2; v += axis.step) {
    const double y = bottom - v / axis.max * height;
    out += line_at(kLeft, y, right, y, fmt::format("stroke=\"{}\" stroke-width=\"{}\"", v == 0 ? kInk : kGrid, v == 0 ? 1 : 0.8));
    out += text_at(kLeft - 6, y + 3.5, num(v), "text-anchor=\"end\"");
  }
  for (int p = 0; p <= 10; p += 2) {
    out += line_at(right, y_pain(p), right + 4, y_pain(p), fmt::format("stroke=\"{}\"", kPainLine));
    out += text_at(right + 7, y_pain(p) + 3.5, fmt::format("{}", p), fmt::format("fill=\"{}\"", kPainLine));
  }
  out += line_at(right, top, right, bottom, fmt::format("stroke=\"{}\"", kPainLine));
  out += line_at(kLeft, top, kLeft, bottom, fmt::format("stroke=\"{}\"", kInk));
  out += "</g>\n";
  out += rotated_title(18, top + height / 2, -90, fmt::format("Running per week ({})", unit_label));
  out += rotated_title(kWidth - 10, top + height / 2, 90, "Pain (0-10)");

  // Bars, budgets and the figures above them.
  const bool values = count <= 16;
  const std::size_t label_every = count <= 16 ? 1 : (count + 15) / 16;
  out += "<g class=\"weeks\">\n";
  // Figures above the bars are drawn last, over the pain lines, with a white halo.
  std::string figures;
  const std::string halo = "stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
  for (std::size_t i = 0; i < count; ++i) {
    const ReportWeek& w = weeks[i];
    const WeekSummary& s = w.summary;
    const double bar_width = slot * 0.62;
    const double x = centre(i) - bar_width / 2;
    const double y = y_km(s.load.run_metres);
    const bool over = w.over_budget();
    std::string paint = fmt::format("fill=\"{}\"", over ? kOverBar : kRunBar);
    if (!s.complete()) paint += fmt::format(" fill-opacity=\"0.45\" stroke=\"{}\" stroke-dasharray=\"3 2\"", over ? kOverBar : kRunTick);
    out += rect_at(x, y, bar_width, bottom - y,
                   fmt::format("class=\"bar{}{}\" data-week=\"{}\" data-km=\"{}\" {}", over ? " over" : "",
                               s.complete() ? "" : " so-far", s.label, json_km(s.load.run_metres), paint));
    double label_y = y - 4;
    if (w.budget_metres) {
      const double by = y_km(*w.budget_metres);
      // Labels sit on the bar, or above the budget's step where it would cross them.
      out += line_at(centre(i) - slot * 0.45, by, centre(i) + slot * 0.45, by,
                     fmt::format("class=\"budget\" data-week=\"{}\" data-km=\"{}\" stroke=\"{}\" stroke-width=\"1.8\" "
                                 "stroke-dasharray=\"4 2.5\"",
                                 s.label, json_km(*w.budget_metres), kInk));
      const double needed = (values ? kSmallFont + 1 : 0) + (over ? kSmallFont + 1 : 0);
      if (by <= y + 2 && by >= label_y - needed) label_y = by - 4;
    }
    if (values && s.load.run_metres > 0) {
      figures += text_at(centre(i), label_y, fmt::format("{:.1f}", metres_to(s.load.run_metres, unit)),
                         fmt::format("class=\"value\" text-anchor=\"middle\" font-size=\"{}\" {}", num(kSmallFont), halo));
      label_y -= kSmallFont + 1;
    }
    if (over) {
      figures += text_at(centre(i), label_y, fmt::format("{:+.0f}%", (s.load.run_metres / *w.budget_metres - 1) * 100),
                         fmt::format("class=\"over-label\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"bold\" "
                                     "fill=\"{}\" {}",
                                     num(kSmallFont), kOverBar, halo));
    }
    if (i % label_every == 0 || i + 1 == count) {
      out += text_at(centre(i), bottom + 14, s.label.substr(5), "text-anchor=\"middle\"");
      out += text_at(centre(i), bottom + 26, day_month(s.start),
                     fmt::format("text-anchor=\"middle\" font-size=\"{}\" fill=\"{}\"", num(kSmallFont), kMuted));
    }
    if (!s.complete()) {
      out += text_at(centre(i), bottom + 37, "so far",
                     fmt::format("text-anchor=\"middle\" font-size=\"{}\" font-style=\"italic\" fill=\"{}\"", num(kSmallFont), kMuted));
    }
  }
  out += "</g>\n";

  // Pain: lines between weeks with a score, broken where a week has none.
  const auto pain_line = [&](bool mean) {
    std::string lines, marks;
    std::vector<std::string> points;
    const auto flush = [&] {
      if (points.size() > 1) {
        lines += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\"{}/>\n", join(points, " "),
                             kPainLine, mean ? "2" : "1.5", mean ? "" : " stroke-dasharray=\"1.5 2\"");
      }
      points.clear();
    };
    for (std::size_t i = 0; i < count; ++i) {
      const WeekSummary& s = weeks[i].summary;
      const std::optional<double> value = mean ? s.pain_mean : s.pain_max ? std::optional<double>(*s.pain_max) : std::nullopt;
      if (!value) {
        flush();
        continue;
      }
      points.push_back(fmt::format("{},{}", num(centre(i)), num(y_pain(*value))));
      marks += marker(mean ? Shape::circle : Shape::triangle, centre(i), y_pain(*value), mean ? 3.4 : 3.6, kPainLine,
                      fmt::format("class=\"{}\" data-week=\"{}\" data-pain=\"{}\"", mean ? "pain-mean" : "pain-max", s.label,
                                  mean ? fmt::format("{:.2f}", *value) : fmt::format("{}", *value)),
                      !mean);
    }
    flush();
    return lines + marks;
  };
  if (any_pain) out += "<g class=\"pain\">\n" + pain_line(false) + pain_line(true) + "</g>\n";
  out += "<g class=\"figures\">\n" + figures + "</g>\n";
  out += text_at(kLeft + plot_width / 2, total_height - 6,
                 fmt::format("Week: ISO week number and its first day{}", count > 16 && label_every > 1 ? " (every " + std::to_string(label_every) + " weeks)" : ""),
                 "text-anchor=\"middle\" font-weight=\"bold\"");
  out += "</svg>\n";
  return out;
}

std::string timeline_svg(const Report& report, std::size_t first, std::size_t count) {
  if (first >= report.days.size()) return {};
  count = std::min(count, report.days.size() - first);
  const std::span<const ReportDay> days = std::span<const ReportDay>(report.days).subspan(first, count);
  const DistanceUnit unit = report.settings.units;
  const std::string unit_label{unit_name(unit)};

  // Which marks this panel needs in its legend.
  bool red = false, nerve = false, serious = false, other = false;
  double most_run = 0;
  for (const ReportDay& d : report.days) most_run = std::max(most_run, d.run_metres);
  std::array<bool, 6> verdicts{};
  for (const ReportDay& d : days) {
    red = red || d.red_flag;
    nerve = nerve || d.nerve;
    serious = serious || d.serious_cause;
    other = other || std::any_of(d.sessions.begin(), d.sessions.end(), [](const Session& s) { return !counts_as_run(s); });
    verdicts[static_cast<std::size_t>(d.advice.verdict)] = true;
  }

  std::vector<LegendItem> items;
  for (std::size_t i = 0; i < report.locations.size(); ++i) {
    const std::string_view colour = location_colour(i);
    items.push_back({line_at(0, 5, 18, 5, fmt::format("stroke=\"{}\" stroke-width=\"1.5\"", colour)) +
                         marker(kShapes[i % kShapes.size()], 9, 5, 3.6, colour, ""),
                     fmt::format("Pain: {}", location_words(report.locations[i].where))});
  }
  const auto band = [](std::string_view colour, std::string_view letter) {
    return rect_at(4, 0, 10, 10, fmt::format("fill=\"{}\" fill-opacity=\"0.28\"", colour)) +
           text_at(9, 8.5, letter, fmt::format("text-anchor=\"middle\" font-size=\"9\" font-weight=\"bold\" fill=\"{}\"", colour));
  };
  if (red) items.push_back({band(kRedFlag, "!"), "Red-flag symptom (seek care now)"});
  if (serious) items.push_back({band(kSerious, "S"), "Sign of a serious cause (see a doctor)"});
  if (nerve) items.push_back({band(kNerve, "N"), "Nerve symptom (numbness, tingling...)"});
  items.push_back({rect_at(7, 0, 4, 10, fmt::format("fill=\"{}\"", kRunTick)), fmt::format("Run (height: the day's {})", unit_label)});
  if (other) items.push_back({marker(Shape::diamond, 9, 5, 3.4, kOther, ""), "Other training (walk, strength...)"});
  Legend key = legend(items, 6);
  std::vector<LegendItem> verdict_items;
  for (const Verdict v : {Verdict::go, Verdict::easy, Verdict::cross_train, Verdict::rest, Verdict::urgent, Verdict::unknown}) {
    if (verdicts[static_cast<std::size_t>(v)])
      verdict_items.push_back({rect_at(0, 0, 18, 10, fmt::format("fill=\"{}\"", verdict_colour(v))), verdict_words(v)});
  }
  const Legend advice_key = legend(verdict_items, key.bottom + 7, "Advice:");

  const double right = kWidth - 20;
  const double plot_width = right - kLeft;
  const double dw = plot_width / static_cast<double>(count);
  const double top = advice_key.bottom + 24;  // room for the flag letters above the plot
  const double pain_height = 170;
  const double pain_bottom = top + pain_height;
  const double runs_top = pain_bottom + 12;
  const double runs_height = 40;
  const double runs_bottom = runs_top + runs_height;
  const double other_y = runs_bottom + 11;
  const double advice_top = other_y + 9;
  const double advice_height = 12;
  const double axis_y = advice_top + advice_height;
  const double total_height = axis_y + 44;
  const auto x_of = [&](std::size_t i) { return kLeft + (static_cast<double>(i) + 0.5) * dw; };
  const auto y_pain = [&](double pain) { return pain_bottom - pain / 10.0 * pain_height; };
  const Axis run_axis = nice_axis(metres_to(most_run, unit), 2);

  const Date from = days.front().date, to = days.back().date;
  const std::string id = fmt::format("timeline-{}", first + 1);
  std::string out = svg_open(id, total_height,
                             fmt::format("Daily pain by location, runs and advice, {} to {}", long_day_label(from), long_day_label(to)),
                             "Each day's highest pain per location (0-10); bands mark days with red-flag, nerve or "
                             "serious-cause symptoms; ticks under the chart are runs, their height the day's distance; "
                             "the coloured strip is the advice for each day.");
  out += key.svg + advice_key.svg;

  // The grid: pain every 2 points, a line at each week's first day.
  out += "<g class=\"axis\" font-size=\"" + num(kSmallFont) + "\">\n";
  for (int p = 0; p <= 10; p += 2) {
    out += line_at(kLeft, y_pain(p), right, y_pain(p), fmt::format("stroke=\"{}\" stroke-width=\"{}\"", p == 0 ? kInk : kGrid, p == 0 ? 1 : 0.8));
    out += text_at(kLeft - 6, y_pain(p) + 3.5, fmt::format("{}", p), "text-anchor=\"end\"");
  }
  out += line_at(kLeft, top, kLeft, pain_bottom, fmt::format("stroke=\"{}\"", kInk));
  const std::size_t week_count = (count + 6) / 7;
  const std::size_t label_every = week_count > 14 ? 2 : 1;
  std::size_t week_index = 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (days[i].date.weekday() != report.settings.week_start) continue;
    const double x = kLeft + static_cast<double>(i) * dw;
    out += line_at(x, top, x, axis_y + 4, fmt::format("stroke=\"{}\" stroke-width=\"0.8\"", kGrid));
    out += line_at(x, axis_y, x, axis_y + 4, fmt::format("stroke=\"{}\"", kInk));
    if (week_index++ % label_every == 0) out += text_at(x, axis_y + 15, day_month(days[i].date), "text-anchor=\"middle\"");
  }
  out += "</g>\n";
  out += rotated_title(18, top + pain_height / 2, -90, "Pain (0-10)");

  // Flagged days: a band over the day, and its letter above the plot.
  out += "<g class=\"flags\">\n";
  for (std::size_t i = 0; i < count; ++i) {
    const ReportDay& d = days[i];
    struct Flag {
      bool on;
      std::string_view name, colour, letter;
    };
    const Flag flags[] = {{d.red_flag, "red-flag", kRedFlag, "!"}, {d.serious_cause, "serious-cause", kSerious, "S"},
                          {d.nerve, "nerve", kNerve, "N"}};
    double letter_y = top - 5;
    for (const Flag& f : flags) {
      if (!f.on) continue;
      const double width = std::max(dw, 3.0);
      out += rect_at(x_of(i) - width / 2, top, width, pain_height,
                     fmt::format("class=\"flag {}\" data-date=\"{}\" fill=\"{}\" fill-opacity=\"0.28\"", f.name, d.date.iso(), f.colour));
      out += text_at(x_of(i), letter_y, f.letter,
                     fmt::format("text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{}\"", f.colour));
      letter_y -= 10;
    }
  }
  out += "</g>\n";

  // Pain per location: points, joined when the days are at most 3 apart.
  out += "<g class=\"pain\">\n";
  for (std::size_t l = 0; l < report.locations.size(); ++l) {
    const std::optional<Location>& where = report.locations[l].where;
    const std::string_view colour = location_colour(l);
    std::string marks, lines;
    std::vector<std::string> points;
    std::optional<std::size_t> previous;
    const auto flush = [&] {
      if (points.size() > 1)
        lines += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" stroke-opacity=\"0.8\"/>\n",
                             join(points, " "), colour);
      points.clear();
    };
    for (std::size_t i = 0; i < count; ++i) {
      for (const LocationScore& s : days[i].pain_by_location) {
        if (s.where != where) continue;
        if (previous && i - *previous > 3) flush();
        previous = i;
        points.push_back(fmt::format("{},{}", num(x_of(i)), num(y_pain(s.score))));
        marks += marker(kShapes[l % kShapes.size()], x_of(i), y_pain(s.score), std::clamp(dw * 0.42, 2.2, 3.8), colour,
                        fmt::format("class=\"pain-point\" data-date=\"{}\" data-location=\"{}\" data-pain=\"{}\"",
                                    days[i].date.iso(), where ? to_string(*where) : "none", s.score));
      }
    }
    flush();
    out += lines + marks;
  }
  out += "</g>\n";

  // Runs under the chart, other training under them, then the advice strip.
  // The runs' scale: its top line, labelled at the right end.
  if (most_run > 0) {
    out += line_at(kLeft, runs_top, right, runs_top, fmt::format("stroke=\"#bbbbbb\" stroke-width=\"0.8\" stroke-dasharray=\"2 2\""));
    out += text_at(right, runs_top - 2.5, fmt::format("{} {}", num(run_axis.max), unit_label),
                   fmt::format("class=\"run-scale\" text-anchor=\"end\" font-size=\"{}\" fill=\"{}\"", num(kSmallFont), kMuted));
  }
  out += line_at(kLeft, runs_bottom, right, runs_bottom, fmt::format("stroke=\"{}\"", kInk));
  out += text_at(kLeft - 6, runs_top + runs_height / 2 + 4, "Runs", "text-anchor=\"end\" font-weight=\"bold\"");
  if (other) out += text_at(kLeft - 6, other_y + 3.5, "Other", fmt::format("text-anchor=\"end\" font-size=\"{}\"", num(kSmallFont)));
  out += text_at(kLeft - 6, advice_top + 9, "Advice", "text-anchor=\"end\" font-weight=\"bold\"");
  out += "<g class=\"days\">\n";
  for (std::size_t i = 0; i < count; ++i) {
    const ReportDay& d = days[i];
    if (d.run_metres > 0) {
      const double h = std::max(1.5, metres_to(d.run_metres, unit) / run_axis.max * runs_height);
      const double w = std::clamp(dw * 0.5, 1.2, 5.0);
      out += rect_at(x_of(i) - w / 2, runs_bottom - h, w, h,
                     fmt::format("class=\"run\" data-date=\"{}\" data-km=\"{}\" fill=\"{}\"", d.date.iso(), json_km(d.run_metres), kRunTick));
    }
    if (std::any_of(d.sessions.begin(), d.sessions.end(), [](const Session& s) { return !counts_as_run(s); })) {
      out += marker(Shape::diamond, x_of(i), other_y, std::clamp(dw * 0.35, 1.8, 3.2), kOther,
                    fmt::format("class=\"other\" data-date=\"{}\"", d.date.iso()));
    }
    out += rect_at(kLeft + static_cast<double>(i) * dw, advice_top, dw, advice_height,
                   fmt::format("class=\"advice\" data-date=\"{}\" data-verdict=\"{}\" fill=\"{}\" stroke=\"#ffffff\" "
                               "stroke-width=\"{}\"",
                               d.date.iso(), verdict_name(d.advice.verdict), verdict_colour(d.advice.verdict),
                               dw > 4 ? "0.6" : "0"));
  }
  out += "</g>\n";
  const std::string years = from.year() == to.year() ? fmt::format("{}", from.year()) : fmt::format("{}-{}", from.year(), to.year());
  std::string first_day{weekday_name(report.settings.week_start)};
  first_day[0] = static_cast<char>(first_day[0] - 'a' + 'A');
  out += text_at(kLeft + plot_width / 2, total_height - 8,
                 fmt::format("Day ({}; a line at the start of each week, {})", years, first_day),
                 "text-anchor=\"middle\" font-weight=\"bold\"");
  out += "</svg>\n";
  return out;
}

}  // namespace niggle
