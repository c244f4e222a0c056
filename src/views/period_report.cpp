#include "niggle/views/period_report.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "niggle/core/csv.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

constexpr int kBarWidth = 20;

std::string plural(int count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string_view period_word(Period period) { return period == Period::month ? "Month" : "Year"; }

const TypeTotals& runs_of(const PeriodSummary& p) { return p.by_type[static_cast<std::size_t>(ActivityType::run)]; }

// The sessions other than runs: "walk 3 (12.0 km), strength 2 (1:20:00)".
std::string others_text(const PeriodSummary& p, DistanceUnit unit) {
  std::vector<std::string> parts;
  for (std::size_t t = 0; t < kActivityTypeCount; ++t) {
    const auto type = static_cast<ActivityType>(t);
    const TypeTotals& totals = p.by_type[t];
    if (type == ActivityType::run || totals.sessions == 0) continue;
    std::string part = fmt::format("{} {}", to_string(type), totals.sessions);
    if (totals.metres > 0) part += fmt::format(" ({})", format_distance(totals.metres, unit));
    else if (totals.seconds > 0) part += fmt::format(" ({})", format_duration(totals.seconds));
    parts.push_back(part);
  }
  return join(parts, ", ");
}

std::string mean_text(const std::optional<double>& mean) { return mean ? fmt::format("{:.1f}", *mean) : "-"; }

}  // namespace

std::string periods_text(std::span<const PeriodSummary> periods, Period period, const ReportStyle& style) {
  double most = 0;
  for (const PeriodSummary& p : periods) most = std::max(most, p.run_metres);
  std::string text = style.style.bold(fmt::format("{:<8} {:<{}} {:>10} {:>5} {:>9} {:>8} {:>5} {:>9} {:>9}  {}",
                                                  period_word(period), "Running", kBarWidth, "", "Runs", "Time",
                                                  "Run days", "Rest", "Pain days", "Mean pain", "Other"));
  // Bold wraps the whole header, so trailing spaces would be invisible anyway.
  text += '\n';
  for (const PeriodSummary& p : periods) {
    const TypeTotals& runs = runs_of(p);
    const std::string time = runs.seconds > 0 ? format_duration(runs.seconds) : "-";
    std::string row = fmt::format("{:<8} {} {:>10} {:>5} {:>9} {:>8} {:>5} {:>9} {:>9}", p.label,
                                  bar(p.run_metres, most, kBarWidth, style.glyphs),
                                  format_distance(p.run_metres, style.unit), runs.sessions, time, p.running_days,
                                  p.rest_days, p.pain_days, mean_text(p.pain_mean));
    const std::string others = others_text(p, style.unit);
    if (!others.empty()) row += "  " + others;
    text += row + '\n';
  }
  const auto unfinished = std::find_if(periods.begin(), periods.end(), [](const PeriodSummary& p) {
    return p.days_elapsed > 0 && p.days_elapsed + p.days_before_journal < p.first.days_until(p.last) + 1;
  });
  const auto begun = std::find_if(periods.begin(), periods.end(),
                                  [](const PeriodSummary& p) { return p.days_before_journal > 0; });
  if (begun != periods.end() && begun->days_elapsed > 0) {
    text += style.style.dim(fmt::format("{}: the journal begins on {}; the {} before are unknown, not rest days.",
                                        begun->label, begun->first.plus_days(begun->days_before_journal).iso(),
                                        plural(begun->days_before_journal, "day", "days"))) +
            '\n';
  }
  if (unfinished != periods.end()) {
    text += style.style.dim(fmt::format("{} so far: {} of its {} days; rest days count the days that have been.",
                                        unfinished->label, plural(unfinished->days_elapsed, "day", "days"),
                                        unfinished->first.days_until(unfinished->last) + 1)) +
            '\n';
  }
  return text;
}

std::string periods_markdown(std::span<const PeriodSummary> periods, Period period, const ReportStyle& style) {
  std::string text = fmt::format("| {} | Running | Runs | Time | Run days | Rest days | Pain days | Mean pain | Other |\n",
                                 period_word(period));
  text += "|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
  for (const PeriodSummary& p : periods) {
    const TypeTotals& runs = runs_of(p);
    text += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", p.label,
                        format_distance(p.run_metres, style.unit), runs.sessions,
                        runs.seconds > 0 ? format_duration(runs.seconds) : "-", p.running_days, p.rest_days,
                        p.pain_days, mean_text(p.pain_mean), others_text(p, style.unit));
  }
  return text;
}

namespace {
double km(double metres) { return std::round(metres) / 1000.0; }
}  // namespace

Json periods_json(std::span<const PeriodSummary> periods, Period period) {
  Json json = Json::object();
  json["by"] = period == Period::month ? "month" : "year";
  Json rows = Json::array();
  for (const PeriodSummary& p : periods) {
    Json row;
    row["period"] = p.label;
    row["first_day"] = p.first.iso();
    row["last_day"] = p.last.iso();
    row["days_elapsed"] = p.days_elapsed;
    row["days_before_journal"] = p.days_before_journal;
    row["run_km"] = km(p.run_metres);
    row["running_days"] = p.running_days;
    row["rest_days"] = p.rest_days;
    row["pain_days"] = p.pain_days;
    row["pain_mean"] = p.pain_mean ? Json(std::round(*p.pain_mean * 100) / 100) : Json(nullptr);
    Json types = Json::object();
    for (std::size_t t = 0; t < kActivityTypeCount; ++t) {
      const TypeTotals& totals = p.by_type[t];
      if (totals.sessions == 0) continue;
      types[std::string{to_string(static_cast<ActivityType>(t))}] = {
          {"sessions", totals.sessions}, {"km", km(totals.metres)}, {"seconds", totals.seconds}};
    }
    row["by_type"] = types;
    rows.push_back(row);
  }
  json["periods"] = rows;
  return json;
}

std::string periods_table(std::span<const PeriodSummary> periods, Period period, Delimited format) {
  const char separator = format == Delimited::csv ? ',' : '\t';
  std::vector<std::string> header = {period == Period::month ? "month" : "year", "first_day", "last_day",
                                     "days_elapsed", "run_km", "running_days", "rest_days", "pain_days", "pain_mean"};
  for (std::size_t t = 0; t < kActivityTypeCount; ++t) {
    const std::string name{to_string(static_cast<ActivityType>(t))};
    for (const char* field : {"_sessions", "_km", "_seconds"}) header.push_back(name + field);
  }
  std::string text = csv_record(header, separator);
  for (const PeriodSummary& p : periods) {
    std::vector<std::string> row = {p.label,
                                    p.first.iso(),
                                    p.last.iso(),
                                    std::to_string(p.days_elapsed),
                                    fmt::format("{:.3f}", km(p.run_metres)),
                                    std::to_string(p.running_days),
                                    std::to_string(p.rest_days),
                                    std::to_string(p.pain_days),
                                    p.pain_mean ? fmt::format("{:.2f}", *p.pain_mean) : std::string{}};
    for (const TypeTotals& totals : p.by_type) {
      row.push_back(std::to_string(totals.sessions));
      row.push_back(fmt::format("{:.3f}", km(totals.metres)));
      row.push_back(std::to_string(totals.seconds));
    }
    text += csv_record(row, separator);
  }
  return text;
}

}  // namespace niggle
