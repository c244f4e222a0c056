#include "niggle/views/week_report.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>

#include "niggle/core/csv.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Weeks up to this many get a bar per week; more get sparklines, a year to a line.
constexpr std::size_t kMaxBarWeeks = 53;
constexpr std::size_t kSparklineWeeks = 52;
constexpr int kDistanceBarCells = 30;
constexpr int kPainBarCells = 10;  // one cell per point of pain

std::string day_label(Date day) {
  return fmt::format("{} {} {}", weekday_short_name(day.weekday()), day.day(), kMonths[day.month() - 1]);
}

// "Mon 16 Nov to Sun 22 Nov 2026"; the year twice when the week spans New Year.
std::string range_label(Date first, Date last) {
  if (first.year() == last.year()) return fmt::format("{} to {} {}", day_label(first), day_label(last), last.year());
  return fmt::format("{} {} to {} {}", day_label(first), first.year(), day_label(last), last.year());
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Whole percent with a sign, as people read a change: "+12%", "-70%", "0%".
// A change for a complete week ("+12%"); for a week under way, the share of the whole
// it is compared with ("20%"), since the rest of the week is still to come.
std::string change_or_share(double pct, const WeekSummary& week) {
  if (week.complete()) {
    const long rounded = std::lround(pct);
    return rounded == 0 ? "0%" : fmt::format("{:+}%", rounded);
  }
  return fmt::format("{}%", std::lround(100 + pct));
}

std::string percent_text(double pct) {
  const long rounded = std::lround(pct);
  if (rounded == 0) return "0%";
  return fmt::format("{:+}%", rounded);
}

double round_to(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// Distances in the machine formats: kilometres, to the millimetre, in the shortest form.
std::string km_text(double metres) { return fmt::format("{}", json_km(metres)); }

Json optional_number(const std::optional<double>& value, int decimals) {
  return value ? Json(round_to(*value, decimals)) : Json(nullptr);
}
std::string optional_text(const std::optional<double>& value, int decimals) {
  return value ? fmt::format("{}", round_to(*value, decimals)) : std::string{};
}

double other_metres(const TotalsByType& by_type) {
  double metres = 0;
  for (std::size_t t = 0; t < by_type.size(); ++t)
    if (static_cast<ActivityType>(t) != ActivityType::run) metres += by_type[t].metres;
  return metres;
}

int session_count(const TotalsByType& by_type) {
  int n = 0;
  for (const TypeTotals& type : by_type) n += type.sessions;
  return n;
}

std::int64_t seconds_of(const TotalsByType& by_type) {
  std::int64_t n = 0;
  for (const TypeTotals& type : by_type) n += type.seconds;
  return n;
}

bool day_elapsed(const WeekSummary& week, std::size_t index) { return static_cast<int>(index) < week.days_elapsed; }

std::vector<const Session*> sessions_on(std::span<const Session> sessions, Date day) {
  std::vector<const Session*> found;
  for (const Session& session : sessions)
    if (session.meta.date == day) found.push_back(&session);
  return found;
}

// --- Colour -------------------------------------------------------------------------------

enum class Tone { plain, bold, dim, green, yellow, red };

std::string paint(const Style& style, Tone tone, std::string_view text) {
  switch (tone) {
    case Tone::plain: return std::string{text};
    case Tone::bold: return style.bold(text);
    case Tone::dim: return style.dim(text);
    case Tone::green: return style.green(text);
    case Tone::yellow: return style.yellow(text);
    case Tone::red: return style.red(text);
  }
  return std::string{text};
}

Tone pain_tone(double score, const ReportStyle& style) {
  if (score <= style.mild_pain) return Tone::green;
  if (score <= style.moderate_pain) return Tone::yellow;
  return Tone::red;
}

// A table cell: its text, and the same text with colour (padding is measured on the text).
struct Cell {
  std::string text;
  std::string painted;
  Cell(std::string plain = {}) : text(plain), painted(std::move(plain)) {}  // NOLINT: implicit on purpose
  Cell(std::string plain, std::string coloured) : text(std::move(plain)), painted(std::move(coloured)) {}
};

Cell toned(const ReportStyle& style, Tone tone, std::string text) {
  std::string coloured = paint(style.style, tone, text);
  return Cell(std::move(text), std::move(coloured));
}

struct Column {
  std::string title;
  bool right = false;
};

// Columns two spaces apart; no trailing spaces; titles in bold.
std::string render_table(std::span<const Column> columns, const std::vector<std::vector<Cell>>& rows, const Style& style) {
  std::vector<std::size_t> widths(columns.size());
  for (std::size_t c = 0; c < columns.size(); ++c) widths[c] = display_width(columns[c].title);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c].text));
  const auto line = [&](const std::vector<Cell>& cells) {
    std::string out;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const Cell empty;
      const Cell& cell = c < cells.size() ? cells[c] : empty;
      const std::size_t gap = widths[c] - std::min(widths[c], display_width(cell.text));
      if (c > 0) out += "  ";
      if (columns[c].right) out.append(gap, ' ');
      out += cell.painted;
      if (!columns[c].right) out.append(gap, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + '\n';
  };
  std::vector<Cell> titles;
  for (const Column& column : columns) titles.emplace_back(column.title, style.bold(column.title));
  std::string out = line(titles);
  for (const auto& row : rows) out += line(row);
  return out;
}

// --- What a week says, in words (shared by the text and Markdown views) --------------------

std::string pain_phrase(const DayTotals& day) {
  if (!day.pain_max) return "not recorded";
  if (!day.pain_location.empty()) return fmt::format("{} {}", *day.pain_max, locations_label(day.pain_location));
  return fmt::format("{}", *day.pain_max);
}

Cell pain_cell(const DayTotals& day, bool elapsed, const ReportStyle& style) {
  if (!day.pain_max) return elapsed ? toned(style, Tone::dim, "not recorded") : Cell{};
  return toned(style, pain_tone(*day.pain_max, style), pain_phrase(day));
}

// "run long 16.00 km": a planned session in a few words.
std::string plan_phrase(const PlanOutcome& outcome, DistanceUnit unit) {
  std::string text{to_string(outcome.type)};
  if (outcome.intensity) text += fmt::format(" {}", to_string(*outcome.intensity));
  if (outcome.planned_metres) text += " " + format_distance(*outcome.planned_metres, unit);
  if (outcome.planned_seconds) text += " " + format_duration(*outcome.planned_seconds);
  if (outcome.plan_id != 0) text += fmt::format(" (#{})", outcome.plan_id);
  return text;
}

std::string sessions_phrase(const std::vector<const Session*>& sessions, DistanceUnit unit) {
  std::vector<std::string> phrases;
  for (const Session* session : sessions) phrases.push_back(session_phrase(*session, unit));
  return join(phrases, ", ");
}

Cell day_sessions_cell(const WeekSummary& week, std::size_t index, std::span<const Session> sessions,
                       const ReportStyle& style) {
  const DayTotals& day = week.days[index];
  const std::string done = sessions_phrase(sessions_on(sessions, day.date), style.unit);
  // Plans not carried out: skipped ones stand out; those to come are shown as planned.
  std::vector<std::string> skipped, to_come;
  for (const PlanOutcome& outcome : day.plans) {
    if (outcome.state == PlanState::skipped) skipped.push_back(plan_phrase(outcome, style.unit));
    if (outcome.state == PlanState::pending) to_come.push_back(plan_phrase(outcome, style.unit));
  }
  if (!skipped.empty() || !to_come.empty()) {
    std::vector<std::string> plain, painted;
    if (!done.empty()) { plain.push_back(done); painted.push_back(done); }
    if (!skipped.empty()) {
      const std::string text = "skipped: " + join(skipped, ", ");
      plain.push_back(text);
      painted.push_back(paint(style.style, Tone::yellow, text));
    }
    if (!to_come.empty()) {
      const std::string text = "planned: " + join(to_come, ", ");
      plain.push_back(text);
      painted.push_back(paint(style.style, Tone::dim, text));
    }
    return Cell(join(plain, "; "), join(painted, "; "));
  }
  if (!day_elapsed(week, index)) return done.empty() ? toned(style, Tone::dim, "to come") : Cell(done);
  if (!day.rest_day()) return Cell(done);
  // A day before the journal began is unknown, not a rest day.
  if (week.journal_start && day.date < *week.journal_start && done.empty()) {
    return toned(style, Tone::dim, "before the journal");
  }
  // A rest day stands out; what else happened on it (core, stretching, a walk) follows.
  if (done.empty()) return toned(style, Tone::green, "rest");
  return Cell("rest; " + done, paint(style.style, Tone::green, "rest") + "; " + done);
}

// Planned against done: "24.7 of 36.1 mi (68%); 5 planned sessions: 4 done, 1 skipped", then
// the skipped ones by day. Done is always said; skipped and to come only when there are some.
std::vector<std::string> plan_lines(const WeekSummary& week, DistanceUnit unit) {
  const PlanTally& plan = week.plan;
  if (plan.planned == 0) return {"nothing planned"};
  std::string line;
  if (plan.planned_metres > 0) {
    line = fmt::format("{} of {} planned", format_distance(plan.done_metres, unit), format_distance(plan.planned_metres, unit));
    if (const auto percent = plan.percent()) line += fmt::format(" ({:.0f}%)", *percent);
    line += "; ";
  }
  std::vector<std::string> states;
  states.push_back(fmt::format("{} done", plan.done));
  if (plan.skipped > 0) states.push_back(fmt::format("{} skipped", plan.skipped));
  if (plan.pending > 0) states.push_back(fmt::format("{} to come", plan.pending));
  line += fmt::format("{}: {}", plural(plan.planned, "planned session", "planned sessions"), join(states, ", "));
  std::vector<std::string> lines{line};
  for (const PlanOutcome& outcome : week.plans) {
    if (outcome.state != PlanState::skipped) continue;
    lines.push_back(fmt::format("skipped {} {}", weekday_short_name(outcome.date.weekday()), plan_phrase(outcome, unit)));
  }
  return lines;
}

struct TotalLine {
  std::string label;
  std::vector<std::string> lines;
};

std::vector<TotalLine> total_lines(const WeekSummary& week, const ReportStyle& style) {
  const DistanceUnit unit = style.unit;
  const std::string so_far = week.complete() ? "" : "so far ";
  std::vector<TotalLine> totals;

  std::string running;
  if (week.load.runs == 0) {
    running = week.complete() ? "no runs" : "no runs so far";
  } else {
    running = fmt::format("{}{} in {}, longest {}", so_far, format_distance(week.load.run_metres, unit),
                          plural(week.load.runs, "run", "runs"), format_distance(week.load.longest_run_metres, unit));
    if (week.load.hard_runs > 0) running += fmt::format(", {} hard (tempo, intervals, hills or race)", week.load.hard_runs);
  }
  // A run by time only is a run (a run day, no rest), whose distance is unknown.
  const int undistanced = week.load.runs_without_distance;
  if (undistanced > 0) {
    running += fmt::format("; {} logged by time only, without a distance", plural(undistanced, "run", "runs"));
  }
  totals.push_back({"Running", {running}});

  std::vector<std::string> others;
  for (std::size_t t = 0; t < week.by_type.size(); ++t) {
    const TypeTotals& type = week.by_type[t];
    if (static_cast<ActivityType>(t) == ActivityType::run || type.sessions == 0) continue;
    std::string text = fmt::format("{} {}", to_string(static_cast<ActivityType>(t)),
                                   plural(type.sessions, "session", "sessions"));
    if (type.metres > 0) text += " " + format_distance(type.metres, unit);
    if (type.seconds > 0) text += " " + format_duration(type.seconds);
    others.push_back(std::move(text));
  }
  totals.push_back({"Other", {others.empty() ? std::string{"none"} : join(others, "; ")}});

  const int timed = week.timed_sessions();
  const int untimed = week.sessions() - timed;
  std::string time;
  if (timed == 0) {
    time = week.sessions() == 0 ? "none" : "no session has a time";
  } else {
    time = fmt::format("{} over {}", format_duration(week.seconds()), plural(timed, "session", "sessions"));
    if (untimed > 0) time += fmt::format(" ({} without a time)", untimed);
  }
  totals.push_back({"Time", {time}});

  // As the week's load counts them: a day before the journal is unknown, not a rest day.
  std::vector<std::string> rest_names;
  int before_journal = 0;
  for (std::size_t d = 0; d < week.days.size(); ++d) {
    if (!day_elapsed(week, d) || !week.days[d].rest_day()) continue;
    if (week.journal_start && week.days[d].date < *week.journal_start) {
      ++before_journal;
      continue;
    }
    rest_names.emplace_back(weekday_short_name(week.days[d].date.weekday()));
  }
  std::string rest = rest_names.empty() ? std::string{"none"} : fmt::format("{} ({})", rest_names.size(), join(rest_names, ", "));
  if (before_journal > 0) rest += fmt::format("; {} before the journal", plural(before_journal, "day", "days"));
  if (!week.complete()) rest = fmt::format("{} of {} so far", rest, plural(week.days_elapsed, "day", "days"));
  totals.push_back({"Rest days", {rest}});

  totals.push_back({"Planned", plan_lines(week, unit)});

  std::string pain;
  if (week.pain_days == 0) {
    pain = week.complete() ? "not recorded this week" : "not recorded so far";
  } else {
    std::string where;
    if (!week.pain_max_location.empty()) where = fmt::format("{}, ", locations_label(week.pain_max_location));
    pain = fmt::format("highest {} ({}{}), mean {:.1f} of each day's highest, recorded on {} of {} days", *week.pain_max,
                       where, weekday_short_name(week.pain_max_date->weekday()), *week.pain_mean, week.pain_days,
                       week.days_elapsed);
  }
  totals.push_back({"Pain", {pain}});

  std::vector<std::string> change;
  const std::string whole = week.complete() ? "" : "whole ";
  if (week.change_vs_prev_pct) {
    // A week under way is a share of a whole one, never "-100%" on a Monday morning.
    change.push_back(fmt::format("{}{} {} the {}week before ({})", so_far, change_or_share(*week.change_vs_prev_pct, week),
                                 week.complete() ? "on" : "of", whole, format_distance(week.prev_run_metres, unit)));
  } else {
    change.push_back("no running the week before to compare with");
  }
  if (!week.complete()) {
    const std::string days = plural(week.days_elapsed, "day", "days");
    if (week.change_vs_prev_same_days_pct) {
      change.push_back(fmt::format("{} on the same {} of the week before ({})",
                                   percent_text(*week.change_vs_prev_same_days_pct), days,
                                   format_distance(week.prev_same_days_run_metres, unit)));
    } else {
      change.push_back(fmt::format("no running on the same {} of the week before", days));
    }
  }
  const int baseline_weeks = week.baseline.weeks;
  if (week.change_vs_baseline_pct) {
    std::string text = fmt::format("{}{} {} the {}-week mean ({})", so_far,
                                   change_or_share(*week.change_vs_baseline_pct, week), week.complete() ? "on" : "of",
                                   baseline_weeks, format_distance(week.baseline.mean_run_metres, unit));
    if (week.baseline.unknown_weeks > 0) {
      text += fmt::format("; {} before the journal, left out", plural(week.baseline.unknown_weeks, "week", "weeks"));
    }
    if (week.baseline.weeks_with_running < std::min(style.min_baseline_weeks, baseline_weeks)) {
      text += fmt::format("; only {} of those {} weeks had running", week.baseline.weeks_with_running, baseline_weeks);
    }
    change.push_back(std::move(text));
  } else {
    change.push_back(baseline_weeks == 0 && week.baseline.unknown_weeks > 0
                         ? std::string{"the weeks before are before the journal: nothing to compare with"}
                         : fmt::format("no running in the {} known weeks before to compare with", baseline_weeks));
  }
  totals.push_back({"Change", change});
  return totals;
}

std::string week_heading(const WeekSummary& week) {
  std::string heading = fmt::format("Week {}: {}", week.label, range_label(week.start, week.end));
  if (!week.complete()) heading += fmt::format(", so far ({} of 7 days)", week.days_elapsed);
  return heading;
}

// --- Many weeks -----------------------------------------------------------------------------

std::string change_cell_text(const std::optional<double>& pct) { return pct ? percent_text(*pct) : "-"; }

// Too few baseline weeks with running to trust the change (advise cannot judge with them):
// the number stays, in parentheses.
bool thin_baseline(const WeekSummary& week, const ReportStyle& style) {
  return week.change_vs_baseline_pct && week.baseline.weeks_with_running < std::min(style.min_baseline_weeks, week.baseline.weeks);
}

std::string baseline_cell_text(const WeekSummary& week, const ReportStyle& style) {
  const std::string text = change_cell_text(week.change_vs_baseline_pct);
  return thin_baseline(week, style) ? "(" + text + ")" : text;
}

std::string thin_baseline_text(std::span<const WeekSummary> weeks, const ReportStyle& style) {
  if (std::none_of(weeks.begin(), weeks.end(), [&](const WeekSummary& w) { return thin_baseline(w, style); })) return {};
  return fmt::format("(...): fewer than {} of the {} weeks before had running; too few to judge a change by.",
                     style.min_baseline_weeks, weeks.front().baseline.weeks + weeks.front().baseline.unknown_weeks);
}

std::vector<Column> week_columns(const std::string& running, const std::string& longest, const std::string& baseline) {
  return {{"Week", false},      {"Start", false},    {running, true},     {"Runs", true},
          {longest, true},      {"Rest days", true}, {"Mean pain", true}, {"Max pain", true},
          {"Pain days", true},  {"vs prev", true},   {baseline, true},    {"Plan", true}};
}

// The cells of a week's row that hold pain figures, coloured in the text view.
constexpr std::size_t kMeanPainCell = 6;
constexpr std::size_t kMaxPainCell = 7;
constexpr std::string_view kWeeksPainNote = "Pain: the mean of each day's highest score, on the days with a score; - none recorded.";

std::string weeks_heading(std::span<const WeekSummary> weeks) {
  const WeekSummary& first = weeks.front();
  const WeekSummary& last = weeks.back();
  if (weeks.size() == 1) return week_heading(first);
  return fmt::format("{} weeks, {} to {}: {}", weeks.size(), first.label, last.label, range_label(first.start, last.end));
}

std::string so_far_text(const WeekSummary& week) {
  std::string note = fmt::format("{} so far: {} of 7 days; its changes compare those days with whole weeks", week.label,
                                 week.days_elapsed);
  if (week.change_vs_prev_same_days_pct) {
    note += fmt::format(" (on the same days of the week before: {})", percent_text(*week.change_vs_prev_same_days_pct));
  }
  return note;
}

std::string bar_chart(std::span<const WeekSummary> weeks, const ReportStyle& style) {
  double most = 0;
  for (const WeekSummary& week : weeks) most = std::max(most, week.load.run_metres);
  const std::string unit{unit_name(style.unit)};
  const std::size_t label_width = 9;  // "2026-W48*"
  std::string out;
  const std::string left = fmt::format("Running per week ({})", unit);
  const std::size_t left_width = label_width + 1 + kDistanceBarCells + 1 + 7;
  out += style.style.bold(left) + pad("", left_width - display_width(left)) + "   " + style.style.bold("Mean pain (0-10)") + '\n';
  for (const WeekSummary& week : weeks) {
    std::string line = pad(week.label + (week.complete() ? "" : "*"), label_width);
    // A week before the journal began is unknown: no bar, which would read as a week of rest.
    if (week.before_journal) {
      out += line + ' ' + style.style.dim("before the journal") + '\n';
      continue;
    }
    line += ' ' + bar(week.load.run_metres, most, kDistanceBarCells, style.glyphs);
    line += ' ' + pad(fmt::format("{:.1f}", metres_to(week.load.run_metres, style.unit)), 7, true);
    line += "   ";
    if (week.pain_mean) {
      const Tone tone = pain_tone(*week.pain_mean, style);
      // Colour the bar, not the blank after it.
      std::string pain_bar = bar(*week.pain_mean, 10, kPainBarCells, style.glyphs);
      const std::size_t blank = kPainBarCells - display_width(trim(pain_bar));
      line += paint(style.style, tone, trim(pain_bar)) + std::string(blank, ' ');
      line += fmt::format(" {:.1f} (max {})", *week.pain_mean, *week.pain_max);
    } else {
      line += pad("", static_cast<std::size_t>(kPainBarCells)) + ' ' + style.style.dim("not recorded");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  return out;
}

std::string sparkline_chart(std::span<const WeekSummary> weeks, const ReportStyle& style) {
  double most = 0;
  for (const WeekSummary& week : weeks) most = std::max(most, week.load.run_metres);
  const std::string unit{unit_name(style.unit)};
  const bool unicode = style.glyphs == Glyphs::unicode;
  std::string out = style.style.bold(fmt::format("Running per week ({}; the tallest mark is {:.1f}) and mean pain (0-10)",
                                                 unit, metres_to(most, style.unit)));
  out += fmt::format(", {} weeks a line; {} no pain recorded, or before the journal\n", kSparklineWeeks,
                     unicode ? "·" : "?");
  for (std::size_t first = 0; first < weeks.size(); first += kSparklineWeeks) {
    const auto block = weeks.subspan(first, std::min(kSparklineWeeks, weeks.size() - first));
    std::vector<std::optional<double>> distance, pain;
    for (const WeekSummary& week : block) {
      // Unknown, not zero: a week before the journal gets the mark of a missing value.
      distance.push_back(week.before_journal ? std::nullopt : std::optional<double>{week.load.run_metres});
      pain.push_back(week.pain_mean);
    }
    std::string km_line = fmt::format("{:<9} {:<5} {}", block.front().label, unit, sparkline(distance, most, style.glyphs));
    while (!km_line.empty() && km_line.back() == ' ') km_line.pop_back();
    out += km_line + '\n';
    out += fmt::format("{:<9} {:<5} {}\n", "", "pain", sparkline(pain, 10, style.glyphs));
  }
  return out;
}

// --- Machine formats ------------------------------------------------------------------------

std::string delimited(const std::vector<std::vector<std::string>>& rows, Delimited format) {
  std::string out;
  for (const auto& row : rows) {
    if (format == Delimited::csv) {
      out += csv_record(row);
    } else {
      std::vector<std::string> fields;
      for (const auto& field : row) fields.push_back(tsv_field(field));
      out += join(fields, "\t") + '\n';
    }
  }
  return out;
}

std::string bool_text(bool value) { return value ? "true" : "false"; }

Json by_type_json(const TotalsByType& by_type) {
  Json json = Json::object();
  for (std::size_t t = 0; t < by_type.size(); ++t) {
    const TypeTotals& type = by_type[t];
    if (type.sessions == 0) continue;
    json[std::string{to_string(static_cast<ActivityType>(t))}] = {
        {"sessions", type.sessions}, {"km", json_km(type.metres)}, {"duration_s", type.seconds}, {"timed_sessions", type.timed}};
  }
  return json;
}

Json session_json(const Session& session) {
  Json json;
  json["id"] = session.meta.id;
  json["type"] = std::string{to_string(session.type)};
  json["intensity"] = session.intensity ? Json(std::string{to_string(*session.intensity)}) : Json(nullptr);
  json["distance_km"] = session.metres ? Json(json_km(*session.metres)) : Json(nullptr);
  json["duration_s"] = session.seconds ? Json(*session.seconds) : Json(nullptr);
  json["planned_km"] = session.planned_metres ? Json(json_km(*session.planned_metres)) : Json(nullptr);
  json["counts_as_run"] = counts_as_run(session);
  return json;
}

const char* state_name(PlanState state) {
  switch (state) {
    case PlanState::done: return "done";
    case PlanState::skipped: return "skipped";
    case PlanState::pending: return "pending";
  }
  return "pending";
}

Json plan_outcome_json(const PlanOutcome& outcome) {
  Json json;
  json["plan_id"] = outcome.plan_id == 0 ? Json(nullptr) : Json(outcome.plan_id);
  json["date"] = outcome.date.iso();
  json["type"] = std::string{to_string(outcome.type)};
  json["intensity"] = outcome.intensity ? Json(std::string{to_string(*outcome.intensity)}) : Json(nullptr);
  json["planned_km"] = outcome.planned_metres ? Json(json_km(*outcome.planned_metres)) : Json(nullptr);
  json["planned_duration_s"] = outcome.planned_seconds ? Json(*outcome.planned_seconds) : Json(nullptr);
  json["state"] = state_name(outcome.state);
  json["session_id"] = outcome.session_id ? Json(*outcome.session_id) : Json(nullptr);
  json["done_km"] = json_km(outcome.done_metres);
  return json;
}

Json plans_json(std::span<const PlanOutcome> outcomes) {
  Json list = Json::array();
  for (const PlanOutcome& outcome : outcomes) list.push_back(plan_outcome_json(outcome));
  return list;
}

Json day_json(const WeekSummary& week, std::size_t index, std::optional<std::span<const Session>> sessions) {
  const DayTotals& day = week.days[index];
  const bool elapsed = day_elapsed(week, index);
  Json json;
  json["date"] = day.date.iso();
  json["weekday"] = std::string{weekday_short_name(day.date.weekday())};
  json["elapsed"] = elapsed;
  json["rest_day"] = elapsed ? Json(day.rest_day()) : Json(nullptr);
  json["run_km"] = json_km(day.run_metres);
  json["runs"] = day.runs;
  json["longest_run_km"] = json_km(day.longest_run_metres);
  json["other_km"] = json_km(other_metres(day.by_type));
  json["session_count"] = session_count(day.by_type);
  json["duration_s"] = seconds_of(day.by_type);
  json["planned_km"] = json_km(day.planned_metres);
  json["planned_done_km"] = json_km(day.planned_done_metres);
  json["plans"] = plans_json(day.plans);
  json["pain_max"] = day.pain_max ? Json(*day.pain_max) : Json(nullptr);
  json["pain_location"] = day.pain_location.empty() ? Json(nullptr) : Json(locations_text(day.pain_location));
  json["pain_entries"] = day.pain_entries;
  if (sessions) {
    Json list = Json::array();
    for (const Session* session : sessions_on(*sessions, day.date)) list.push_back(session_json(*session));
    json["sessions"] = list;
  }
  return json;
}

Json week_object(const WeekSummary& week, std::optional<std::span<const Session>> sessions, Weekday week_start) {
  Json json;
  json["week"] = week.label;
  json["start"] = week.start.iso();
  json["end"] = week.end.iso();
  json["week_start"] = std::string{weekday_name(week_start)};
  json["complete"] = week.complete();
  json["before_journal"] = week.before_journal;
  json["days_elapsed"] = week.days_elapsed;
  json["run_km"] = json_km(week.load.run_metres);
  json["runs"] = week.load.runs;
  json["longest_run_km"] = json_km(week.load.longest_run_metres);
  json["hard_runs"] = week.load.hard_runs;
  json["rest_days"] = week.load.rest_days;
  json["other_km"] = json_km(other_metres(week.by_type));
  json["by_type"] = by_type_json(week.by_type);
  json["session_count"] = week.sessions();
  json["duration_s"] = week.seconds();
  json["timed_sessions"] = week.timed_sessions();
  json["planned_sessions"] = week.planned_sessions;
  json["planned_km"] = json_km(week.planned_metres);
  json["planned_done_km"] = json_km(week.planned_done_metres);
  json["planned_pct"] = optional_number(week.plan.percent(), 1);
  json["done_sessions"] = week.plan.done;
  json["skipped_sessions"] = week.plan.skipped;
  json["skipped_km"] = json_km(week.plan.skipped_metres);
  json["pending_sessions"] = week.plan.pending;
  json["plans"] = plans_json(week.plans);
  json["pain_days"] = week.pain_days;
  json["pain_mean"] = optional_number(week.pain_mean, 2);
  json["pain_max"] = week.pain_max ? Json(*week.pain_max) : Json(nullptr);
  json["pain_max_location"] = week.pain_max_location.empty() ? Json(nullptr) : Json(locations_text(week.pain_max_location));
  json["pain_max_date"] = week.pain_max_date ? Json(week.pain_max_date->iso()) : Json(nullptr);
  json["prev_run_km"] = json_km(week.prev_run_metres);
  json["change_vs_prev_pct"] = optional_number(week.change_vs_prev_pct, 1);
  json["prev_same_days_run_km"] = json_km(week.prev_same_days_run_metres);
  json["change_vs_prev_same_days_pct"] = optional_number(week.change_vs_prev_same_days_pct, 1);
  json["baseline_weeks"] = week.baseline.weeks;
  json["baseline_weeks_with_running"] = week.baseline.weeks_with_running;
  json["baseline_run_km"] = json_km(week.baseline.mean_run_metres);
  json["change_vs_4wk_pct"] = optional_number(week.change_vs_baseline_pct, 1);
  Json days = Json::array();
  for (std::size_t d = 0; d < week.days.size(); ++d) days.push_back(day_json(week, d, sessions));
  json["days"] = days;
  return json;
}

}  // namespace

// The weeks table's plan column: how much of the plan was done, and how many sessions were
// skipped; "-" for a week without a plan.
static std::string plan_cell_text(const WeekSummary& week) {
  if (week.plan.planned == 0) return "-";
  std::string text = week.plan.percent() ? fmt::format("{:.0f}%", *week.plan.percent())
                                         : fmt::format("{}/{}", week.plan.done, week.plan.planned);
  if (week.plan.skipped > 0) text += fmt::format(" ({} skipped)", week.plan.skipped);
  return text;
}

std::vector<std::string> week_row_cells(const WeekSummary& week, const ReportStyle& style) {
  if (week.before_journal) {
    return {week.label, week.start.iso(), "before the journal", "-", "-", "-", "-", "-", "-", "-", "-", plan_cell_text(week)};
  }
  return {week.label + (week.complete() ? "" : "*"),
          week.start.iso(),
          format_distance(week.load.run_metres, style.unit, false),
          fmt::format("{}", week.load.runs),
          format_distance(week.load.longest_run_metres, style.unit, false),
          fmt::format("{}", week.load.rest_days),
          week.pain_mean ? fmt::format("{:.1f}", *week.pain_mean) : "-",
          week.pain_max ? fmt::format("{}", *week.pain_max) : "-",
          fmt::format("{}/{}", week.pain_days, week.days_elapsed),
          change_cell_text(week.change_vs_prev_pct),
          baseline_cell_text(week, style),
          plan_cell_text(week)};
}

std::string weeks_so_far_note(const WeekSummary& week) { return so_far_text(week); }

std::string weeks_thin_baseline_note(std::span<const WeekSummary> weeks, const ReportStyle& style) {
  return thin_baseline_text(weeks, style);
}

namespace {
// Markdown reads a bare '*' as emphasis: the mark of a week so far is escaped.
std::vector<std::string> week_row_cells_markdown(const WeekSummary& week, const ReportStyle& style) {
  std::vector<std::string> cells = week_row_cells(week, style);
  if (!week.complete()) cells[0] = week.label + "\\*";
  return cells;
}
}  // namespace

std::string session_phrase(const Session& session, DistanceUnit unit) {
  std::string text{to_string(session.type)};
  if (session.intensity) text += fmt::format(" {}", to_string(*session.intensity));
  if (session.metres) text += " " + format_distance(*session.metres, unit);
  if (session.planned_metres) text += fmt::format(" ({} planned)", format_distance(*session.planned_metres, unit, false));
  if (session.seconds) text += " " + format_duration(*session.seconds);
  return text;
}

std::string week_text(const WeekSummary& week, std::span<const Session> sessions, const ReportStyle& style) {
  std::string out = style.style.bold(week_heading(week)) + "\n\n";
  static const Column kColumns[] = {{"Day", false}, {"Sessions", false}, {"Pain", false}};
  std::vector<std::vector<Cell>> rows;
  for (std::size_t d = 0; d < week.days.size(); ++d) {
    const DayTotals& day = week.days[d];
    rows.push_back({Cell(day_label(day.date)), day_sessions_cell(week, d, sessions, style),
                    pain_cell(day, day_elapsed(week, d), style)});
  }
  out += render_table(kColumns, rows, style.style);
  out += '\n';
  for (const TotalLine& total : total_lines(week, style)) {
    for (std::size_t i = 0; i < total.lines.size(); ++i) {
      out += i == 0 ? style.style.bold(total.label) + std::string(11 - std::min<std::size_t>(11, total.label.size()), ' ')
                    : std::string(11, ' ');
      out += ' ' + total.lines[i] + '\n';
    }
  }
  return out;
}

std::string weeks_text(std::span<const WeekSummary> weeks, const ReportStyle& style) {
  if (weeks.empty()) return {};
  const std::string unit{unit_name(style.unit)};
  std::string out = style.style.bold(weeks_heading(weeks)) + "\n\n";
  const auto columns = week_columns(fmt::format("Running ({})", unit), fmt::format("Longest ({})", unit),
                                    fmt::format("vs {}-wk", weeks.front().baseline.weeks + weeks.front().baseline.unknown_weeks));
  std::vector<std::vector<Cell>> rows;
  for (const WeekSummary& week : weeks) {
    std::vector<Cell> row;
    for (std::string& text : week_row_cells(week, style)) row.emplace_back(std::move(text));
    // Pain in the colour of the advice's thresholds; "-" (none recorded) dimmed.
    row[kMeanPainCell] = toned(style, week.pain_mean ? pain_tone(*week.pain_mean, style) : Tone::dim, row[kMeanPainCell].text);
    row[kMaxPainCell] = toned(style, week.pain_max ? pain_tone(*week.pain_max, style) : Tone::dim, row[kMaxPainCell].text);
    rows.push_back(std::move(row));
  }
  out += render_table(columns, rows, style.style);
  if (!weeks.back().complete()) out += "* " + weeks_so_far_note(weeks.back()) + '\n';
  if (const std::string note = weeks_thin_baseline_note(weeks, style); !note.empty()) out += note + '\n';
  out += std::string{kWeeksPainNote} + "\n\n";
  out += weeks.size() <= kMaxBarWeeks ? bar_chart(weeks, style) : sparkline_chart(weeks, style);
  return out;
}

std::string week_markdown(const WeekSummary& week, std::span<const Session> sessions, const ReportStyle& style) {
  ReportStyle plain = style;
  plain.style = Style(false);
  std::string out = fmt::format("## {}\n\n| Day | Sessions | Pain |\n| --- | --- | --- |\n", week_heading(week));
  for (std::size_t d = 0; d < week.days.size(); ++d) {
    const DayTotals& day = week.days[d];
    const Cell sessions_cell = day_sessions_cell(week, d, sessions, plain);
    const Cell pain = pain_cell(day, day_elapsed(week, d), plain);
    out += fmt::format("| {} | {} | {} |\n", day_label(day.date), sessions_cell.text, pain.text.empty() ? " " : pain.text);
  }
  out += '\n';
  for (const TotalLine& total : total_lines(week, plain)) {
    out += fmt::format("- **{}:** {}\n", total.label, join(total.lines, "; "));
  }
  return out;
}

std::string weeks_markdown(std::span<const WeekSummary> weeks, const ReportStyle& style) {
  if (weeks.empty()) return {};
  const std::string unit{unit_name(style.unit)};
  std::string out = fmt::format("## {}\n\n", weeks_heading(weeks));
  out += fmt::format("| Week | Start | Running ({0}) | Runs | Longest ({0}) | Rest days | Pain mean | Pain max | Pain days "
                     "| vs prev | vs {1}-wk mean | Plan |\n",
                     unit, weeks.front().baseline.weeks + weeks.front().baseline.unknown_weeks);
  out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n";
  for (const WeekSummary& week : weeks) out += "| " + join(week_row_cells_markdown(week, style), " | ") + " |\n";
  if (!weeks.back().complete()) out += "\n\\* " + weeks_so_far_note(weeks.back()) + ".\n";
  if (const std::string note = weeks_thin_baseline_note(weeks, style); !note.empty()) out += "\n" + note + '\n';
  out += "\n" + std::string{kWeeksPainNote} + "\n";
  return out;
}

Json week_json(const WeekSummary& week, std::optional<std::span<const Session>> sessions, Weekday week_start) {
  return week_object(week, sessions, week_start);
}

Json weeks_json(std::span<const WeekSummary> weeks, Weekday week_start) {
  Json json = Json::array();
  for (const WeekSummary& week : weeks) json.push_back(week_object(week, std::nullopt, week_start));
  return json;
}

std::string week_days_table(const WeekSummary& week, std::span<const Session> sessions, Delimited format) {
  std::vector<std::vector<std::string>> rows = {
      {"date", "weekday", "elapsed", "rest_day", "run_km", "runs", "longest_run_km", "other_km", "session_count",
       "duration_s", "planned_km", "planned_done_km", "pain_max", "pain_location", "pain_entries", "sessions"}};
  for (std::size_t d = 0; d < week.days.size(); ++d) {
    const DayTotals& day = week.days[d];
    const bool elapsed = day_elapsed(week, d);
    rows.push_back({day.date.iso(), std::string{weekday_short_name(day.date.weekday())}, bool_text(elapsed),
                    elapsed ? bool_text(day.rest_day()) : std::string{}, km_text(day.run_metres),
                    fmt::format("{}", day.runs), km_text(day.longest_run_metres), km_text(other_metres(day.by_type)),
                    fmt::format("{}", session_count(day.by_type)), fmt::format("{}", seconds_of(day.by_type)),
                    km_text(day.planned_metres), km_text(day.planned_done_metres),
                    day.pain_max ? fmt::format("{}", *day.pain_max) : std::string{},
                    locations_text(day.pain_location),
                    fmt::format("{}", day.pain_entries), sessions_phrase(sessions_on(sessions, day.date), DistanceUnit::km)});
  }
  return delimited(rows, format);
}

std::string weeks_table(std::span<const WeekSummary> weeks, Delimited format) {
  std::vector<std::vector<std::string>> rows = {
      {"week", "start", "end", "complete", "days_elapsed", "run_km", "runs", "longest_run_km", "hard_runs", "rest_days",
       "other_km", "session_count", "duration_s", "planned_km", "planned_done_km", "pain_days", "pain_mean", "pain_max",
       "pain_max_location", "prev_run_km", "change_vs_prev_pct", "change_vs_prev_same_days_pct", "baseline_run_km",
       "change_vs_4wk_pct"}};
  for (const WeekSummary& week : weeks) {
    rows.push_back({week.label, week.start.iso(), week.end.iso(), bool_text(week.complete()),
                    fmt::format("{}", week.days_elapsed), km_text(week.load.run_metres), fmt::format("{}", week.load.runs),
                    km_text(week.load.longest_run_metres), fmt::format("{}", week.load.hard_runs),
                    fmt::format("{}", week.load.rest_days), km_text(other_metres(week.by_type)),
                    fmt::format("{}", week.sessions()), fmt::format("{}", week.seconds()), km_text(week.planned_metres),
                    km_text(week.planned_done_metres), fmt::format("{}", week.pain_days), optional_text(week.pain_mean, 2),
                    week.pain_max ? fmt::format("{}", *week.pain_max) : std::string{},
                    locations_text(week.pain_max_location),
                    km_text(week.prev_run_metres), optional_text(week.change_vs_prev_pct, 1),
                    optional_text(week.change_vs_prev_same_days_pct, 1), km_text(week.baseline.mean_run_metres),
                    optional_text(week.change_vs_baseline_pct, 1)});
  }
  return delimited(rows, format);
}

}  // namespace niggle
