// The HTML and Markdown pages of a report. Both are built from the same rows and sentences
// (the first half of this file), so the two formats never say different things; each then
// escapes and lays them out in its own way.
#include "niggle/views/report_render.hpp"

#include "niggle/core/advice_sources.hpp"
#include "niggle/core/load.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

#include "niggle/views/insights.hpp"
#include "niggle/views/markup.hpp"
#include "niggle/views/report_chart.hpp"
#include "niggle/core/text.hpp"
#include "niggle/core/units.hpp"
#include "niggle/version.hpp"
#include "niggle/views/week_report.hpp"

namespace niggle {
namespace {

constexpr std::string_view kDisclaimer =
    "A runner's own journal, summarised for a conversation with a physiotherapist or a doctor. niggle, the program "
    "that keeps the journal, is a journal's aid, not a diagnosis: the advice shown is what its rules say from the "
    "entries alone, and each rule names its sources.";

ReportStyle week_style(const Report& report) {
  ReportStyle style;
  style.unit = report.settings.units;
  style.week_start = report.settings.week_start;
  style.mild_pain = report.settings.advice.mild_pain;
  style.moderate_pain = report.settings.advice.easy_pain_max;
  style.min_baseline_weeks = report.settings.advice.min_baseline_weeks;
  return style;
}

std::string days_text(std::size_t n) { return fmt::format("{} {}", n, n == 1 ? "day" : "days"); }

// "Tue 24 Nov", with the year when the report spans more than one.
std::string day_text(const Report& report, Date day) {
  const std::string label = long_day_label(day);
  return report.first.year() == report.last.year() ? label.substr(0, label.rfind(' ')) : label;
}

std::string title(const Report& report) {
  return fmt::format("Running and pain: {} to {}", report.weeks.size() == 1 ? std::string{"1 week"} : fmt::format("{} weeks", report.weeks.size()),
                     long_day_label(report.last));
}

std::string period_line(const Report& report) {
  const WeekSummary& last = report.weeks.back().summary;
  std::string line = fmt::format("{} to {}: {} to {}", long_day_label(report.first), long_day_label(report.last),
                                 report.weeks.front().summary.label, last.label);
  if (!last.complete()) line += fmt::format(", the last week so far ({} of 7 days)", last.days_elapsed);
  return line + ".";
}

std::string made_line(const Report& report) {
  return fmt::format("Made on {} by niggle {}; distances in {}.", long_day_label(report.today), version,
                     report.settings.units == DistanceUnit::km ? "kilometres (km)" : "miles (mi)");
}

// --- The weeks table: `niggle week --weeks N`'s columns, then the budget --------------------

struct Table {
  std::vector<std::string> titles;
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> marked;  // rows to highlight: weeks over budget
};

Table weeks_table_rows(const Report& report) {
  const ReportStyle style = week_style(report);
  const std::string unit{unit_name(style.unit)};
  Table table;
  table.titles = {"Week",      "Start",     fmt::format("Running ({})", unit), "Runs",     fmt::format("Longest ({})", unit),
                  "Rest days", "Mean pain", "Max pain",                        "Pain days", "vs prev",
                  fmt::format("vs {}-wk", report.weeks.front().summary.baseline.weeks + report.weeks.front().summary.baseline.unknown_weeks),
                  "Plan", fmt::format("Budget ({})", unit), "Over budget"};
  table.numeric = {false, false, true, true, true, true, true, true, true, true, true, true, true, true};
  for (const ReportWeek& w : report.weeks) {
    std::vector<std::string> row = week_row_cells(w.summary, style);
    row.push_back(w.budget_metres ? format_distance(*w.budget_metres, style.unit, false) : "-");
    row.push_back(w.over_budget() ? fmt::format("{:+.0f}%", (w.summary.load.run_metres / *w.budget_metres - 1) * 100) : "");
    table.rows.push_back(std::move(row));
    table.marked.push_back(w.over_budget());
  }
  return table;
}

std::vector<std::string> weeks_table_notes(const Report& report) {
  const ReportStyle style = week_style(report);
  std::vector<std::string> notes;
  std::vector<WeekSummary> summaries;
  for (const ReportWeek& w : report.weeks) summaries.push_back(w.summary);
  if (!summaries.back().complete()) notes.push_back("* " + weeks_so_far_note(summaries.back()) + ".");
  if (const std::string note = weeks_thin_baseline_note(summaries, style); !note.empty()) notes.push_back(note);
  const AdviceThresholds& t = report.settings.advice;
  notes.push_back(fmt::format("Pain: the mean of each day's highest score, on the days with a score; - none recorded. "
                              "Budget: {:.2f} x the mean running of the {} complete weeks before (the advice's rule L1); "
                              "- where fewer than {} of them had running, too few to judge by.",
                              t.weekly_ratio, t.baseline_weeks, t.min_baseline_weeks));
  return notes;
}

Table where_table(const Report& report) {
  Table table;
  table.titles = {"Where", "Days with a score", "Mean", "Highest", "Highest on"};
  table.numeric = {false, true, true, true, false};
  for (const LocationTally& l : report.locations) {
    table.rows.push_back({location_words(l.where), fmt::format("{}", l.days), fmt::format("{:.1f}", l.mean),
                          fmt::format("{}/10", l.max), day_text(report, l.max_date)});
    table.marked.push_back(false);
  }
  return table;
}

std::string fired_text(const DayAdvice& advice) {
  std::vector<std::string> rules;
  for (const RuleRef& r : advice.fired) rules.push_back(fmt::format("{} {}", r.rule, r.name));
  return rules.empty() ? std::string{"none (a standing cap only)"} : join(rules, "; ");
}

std::string professional_text(const DayAdvice& advice) {
  if (!advice.professional_reason || advice.verdict == Verdict::urgent) return {};
  std::string text = *advice.professional_reason;
  text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text + ".";
}

std::string day_pain_text(const ReportDay& day) {
  std::vector<std::string> parts;
  for (const PainEntry& p : day.pain) parts.push_back(pain_phrase(p));
  return parts.empty() ? std::string{"not recorded"} : join(parts, "; ");
}

std::string visit_phrase(const Visit& visit) {
  switch (visit.kind) {
    case VisitKind::physio: return "visit: physiotherapist";
    case VisitKind::doctor: return "visit: doctor";
    case VisitKind::urgent_care: return "visit: urgent or emergency care";
    case VisitKind::other: return "visit: other professional";
  }
  return "visit";
}

// What the watch measured, after the session: "moving 48:20, HR 150 (max 171), +123 m, 168/min".
std::string watch_phrase(const Session& s) {
  std::vector<std::string> parts;
  if (s.moving_seconds && s.seconds && *s.moving_seconds < *s.seconds) parts.push_back("moving " + format_duration(*s.moving_seconds));
  if (s.avg_heart_rate && s.max_heart_rate) parts.push_back(fmt::format("HR {} (max {})", *s.avg_heart_rate, *s.max_heart_rate));
  else if (s.avg_heart_rate) parts.push_back(fmt::format("HR {}", *s.avg_heart_rate));
  else if (s.max_heart_rate) parts.push_back(fmt::format("max HR {}", *s.max_heart_rate));
  if (s.ascent_metres) parts.push_back(fmt::format("+{:.0f} m", *s.ascent_metres));
  if (s.avg_cadence) parts.push_back(fmt::format("{}/min", *s.avg_cadence));
  return parts.empty() ? std::string{} : " (" + join(parts, ", ") + ")";
}

// The day's sessions, and its visits (which are not training, so never make it a run day).
std::string day_sessions_text(const ReportDay& day, DistanceUnit unit) {
  std::vector<std::string> parts;
  for (const Session& s : day.sessions) parts.push_back(session_phrase(s, unit) + watch_phrase(s));
  if (parts.empty()) parts.emplace_back("rest");
  for (const Visit& v : day.visits) parts.push_back(visit_phrase(v));
  for (const PlanOutcome& plan : day.skipped_plans) {
    std::string text = fmt::format("skipped: planned {}", to_string(plan.type));
    if (plan.intensity) text += fmt::format(" {}", to_string(*plan.intensity));
    if (plan.planned_metres) text += " " + format_distance(*plan.planned_metres, unit);
    parts.push_back(std::move(text));
  }
  return join(parts, "; ");
}

// Beside the morning's advice: whether the day's running went past it.
std::string past_cap_text(const ReportDay& day) {
  if (!day.advice.ran_past_cap) return {};
  return day.advice.cap_metres && *day.advice.cap_metres > 0 ? "The day's running went past that cap."
                                                              : "The day's running went against that advice.";
}

bool has_entries(const ReportDay& day) {
  return !day.pain.empty() || !day.sessions.empty() || !day.visits.empty() || !day.skipped_plans.empty();
}

std::vector<std::string> reading_notes(const Report& report) {
  const AdviceThresholds& t = report.settings.advice;
  const std::string unit{unit_name(report.settings.units)};
  return {
      "Running is the distance of runs. Walks, rides, swims and strength sessions are shown as other training and do "
      "not count as running. A rest day is a day without a run.",
      fmt::format("Pain is a score from 0 (no pain) to 10 (the worst imaginable) that the runner recorded, with where "
                  "it hurt, on which side, whether standing and walking made it better or worse, and any symptoms. A "
                  "day's pain is its highest score; a week's mean pain is the mean of its days' highest scores. A day "
                  "without a score is not recorded, never 0."),
      fmt::format("The weekly budget is {:.2f} x the mean weekly running of the known complete weeks among the {} "
                  "before ({}: no more than 30% more every 3-4 weeks; Nielsen et al., JOSPT 2014; Fredette et al., J "
                  "Athl Train 2022: the evidence conflicts, so this is a cautious default). It needs {} known weeks "
                  "with running; weeks before the journal are unknown and left out. A week marked over budget ran "
                  "more than that.",
                  t.weekly_ratio, t.baseline_weeks, cite(Document::coach), t.min_baseline_weeks),
      fmt::format("Each run is capped at {:.2f} x the longest single run of the {} days before it, races left out "
                  "(Frandsen et al., BJSM 2025, Garmin-RUNSAFE), or {} after {} days without a run (niggle's own "
                  "figure).",
                  t.spike_ratio, t.spike_window_days, format_distance(t.return_to_run_km * 1000.0, report.settings.units),
                  t.spike_window_days),
      "The advice for a day is what niggle's rules said that morning: from everything recorded before the day, with "
      "its morning, before-run and untimed pain scores, but not its runs; beside it, whether the day's running went "
      "past it. It is not what the runner did, nor what a clinician would say.",
      fmt::format("A day stands out when it has a red-flag symptom, a sign of a serious cause or a nerve symptom; "
                  "severe pain ({}/10 or more); pain {} points and {:.0f}% or more above the previous day with a score "
                  "(at most {} days before; Farrar et al., Pain 2001, on a clinically important change); the start of a "
                  "flare-up (pain above {}/10, the first such day in {} days); running over the day's cap; or the day "
                  "a week's running passed its budget.",
                  t.severe_pain, kPainJumpPoints, kPainJumpShare * 100, kPainJumpDays, t.easy_pain_max,
                  kFlareQuietDays + 1),
      "Red-flag symptoms (bladder or bowel trouble, numbness in the saddle area, weakness in both legs) can mean "
      "cauda equina syndrome, an emergency (BASS/SBNS 2018; NICE CKS sciatica). Fever, unexplained weight loss, pain "
      "at night and pain after a fall or injury ask for a doctor soon (NICE NG59). Numbness, tingling, burning, pain "
      "down the leg and pain worse on coughing are nerve signs that ask for a physiotherapist or a doctor.",
      fmt::format("Rules L1 and L2 set a distance cap on every day they can judge; among the rules that fired they "
                  "count only on the days they stopped running (the week's budget used up, the day's cap run "
                  "already). Distances are in {}.",
                  unit),
  };
}

// --- HTML ------------------------------------------------------------------------------------

constexpr std::string_view kCss = R"css(
@page { size: A4; margin: 14mm 13mm 16mm; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: #f3f3f0; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; font-size: 10pt; line-height: 1.4;
       color: #1f1f1f; background: #ffffff; max-width: 200mm; margin: 0 auto; padding: 10mm 12mm 12mm; }
header { border-bottom: 2px solid #1f1f1f; padding-bottom: 3mm; margin-bottom: 4mm; }
h1 { font-size: 18pt; line-height: 1.2; margin: 0 0 1.5mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #bbbbbb; break-after: avoid; page-break-after: avoid; }
p { margin: 1.5mm 0; }
.meta { color: #444444; margin: 0.5mm 0; }
.meta code { font-size: 9pt; word-break: break-all; }
.disclaimer { margin-top: 3mm; padding: 2mm 3mm; background: #f1f1ec; border-left: 3px solid #8a8a80; font-size: 9.5pt; }
dl.glance { display: grid; grid-template-columns: 37mm 1fr; gap: 1mm 4mm; margin: 0; }
dl.glance dt { font-weight: bold; }
dl.glance dd { margin: 0; }
figure { margin: 2mm 0 1mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #444444; margin-top: 1mm; }
table { border-collapse: collapse; width: 100%; font-size: 8.6pt; margin: 1mm 0; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; vertical-align: bottom; border-bottom: 1.5px solid #1f1f1f; padding: 1mm 1.2mm; }
td { vertical-align: top; border-bottom: 1px solid #dddddd; padding: 0.8mm 1.2mm; }
th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.weeks { font-size: 8pt; }
table.weeks th, table.weeks td { padding: 0.7mm 0.9mm; }
table.weeks td { white-space: nowrap; }
table.weeks th.n { white-space: normal; }
td.date { white-space: nowrap; }
tr.over td { background: #fde9dc; }
tr.over td.overby { color: #b34700; font-weight: bold; }
.table-note { font-size: 8.6pt; color: #444444; margin: 0.5mm 0; }
.verdict { display: inline-block; padding: 0 1.6mm; border-radius: 1mm; font-weight: bold; white-space: nowrap; }
.v-go { background: #1a9641; color: #ffffff; }
.v-easy { background: #a6d96a; color: #1f1f1f; }
.v-unknown { background: #d0d0d0; color: #1f1f1f; }
.v-cross-train { background: #fdae61; color: #1f1f1f; }
.v-rest { background: #e8603c; color: #ffffff; }
.v-urgent { background: #a50026; color: #ffffff; }
dl.glance dd.alarm { color: #b2000f; font-weight: bold; }
tr.flagged td { background: #fbe3e4; }
.rules { color: #444444; font-size: 8.2pt; }
.why { margin: 0; padding-left: 4mm; }
.why li { margin: 0; }
.note-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.tag { display: inline-block; font-size: 8pt; background: #eeeeee; border-radius: 1mm; padding: 0 1mm; margin-right: 1mm; }
.source { color: #555555; font-size: 8pt; }
.swatch { display: inline-block; width: 2.6mm; height: 2.6mm; border-radius: 50%; margin-right: 1.2mm; vertical-align: -0.2mm; }
ul.reading li { margin-bottom: 1mm; }
footer { margin-top: 6mm; padding-top: 2mm; border-top: 1px solid #bbbbbb; font-size: 8.6pt; color: #444444; }
@media print {
  html { background: #ffffff; }
  body { max-width: none; padding: 0; }
  section#days, section#reading { break-before: page; page-break-before: always; }
}
)css";

std::string h(std::string_view text) { return html_escape(text); }

std::string verdict_badge(Verdict verdict) {
  return fmt::format("<span class=\"verdict v-{}\">{}</span>", verdict_name(verdict), h(verdict_words(verdict)));
}

std::string html_table(const Table& table, std::string_view attributes = {}) {
  std::string out = fmt::format("<table{}{}>\n<thead><tr>", attributes.empty() ? "" : " ", attributes);
  for (std::size_t c = 0; c < table.titles.size(); ++c)
    out += fmt::format("<th{}>{}</th>", table.numeric[c] ? " class=\"n\"" : "", h(table.titles[c]));
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    out += table.marked[r] ? "<tr class=\"over\">" : "<tr>";
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      std::string cls = table.numeric[c] ? "n" : "";
      if (table.marked[r] && c + 1 == table.rows[r].size()) cls += cls.empty() ? "overby" : " overby";
      out += fmt::format("<td{}>{}</td>", cls.empty() ? "" : fmt::format(" class=\"{}\"", cls), h(table.rows[r][c]));
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

std::string section_open(std::string_view id) {
  for (const ReportSection& s : kReportSections)
    if (s.id == id) return fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", s.id, h(s.heading));
  return "<section>\n";
}

std::string html_glance(const Report& report) {
  std::string out = section_open("glance") + "<dl class=\"glance\">\n";
  for (const GlanceLine& line : report.glance) {
    out += fmt::format("<dt>{}</dt><dd{}>{}</dd>\n", h(line.label), line.alarm ? " class=\"alarm\"" : "", h(line.text));
  }
  return out + "</dl>\n</section>\n";
}

std::string html_charts(const Report& report) {
  const AdviceThresholds& t = report.settings.advice;
  std::string out = section_open("weekly");
  for (const auto& [first, count] : split_panels(report.weeks.size(), kWeeksPerWeeklyChart)) {
    out += "<figure>\n" + weekly_chart_svg(report, first, count);
    out += fmt::format(
        "<figcaption>Bars: the distance run each week (left axis, {0}); an orange bar ran over its budget, by the "
        "percentage above it. Dashed steps: each week's budget, {1:.2f} x the mean of the {2} weeks before (none where "
        "too few of them had running). Lines: the mean and the highest of each day's pain in the week (right axis, "
        "0-10); a gap is a week without a score.</figcaption>\n</figure>\n",
        unit_name(report.settings.units), t.weekly_ratio, t.baseline_weeks);
  }
  out += "</section>\n" + section_open("daily");
  for (const auto& [first, count] : split_panels(report.weeks.size(), kWeeksPerTimeline)) {
    const std::size_t first_day = first * 7;
    if (first_day >= report.days.size()) break;
    out += "<figure>\n" + timeline_svg(report, first_day, std::min(count * 7, report.days.size() - first_day));
    out += "<figcaption>Points: the highest pain of each day at each location (0-10), joined when the days are at most "
           "3 apart; no point means no score that day. Bands mark days with a red-flag symptom (!), a sign of a "
           "serious cause (S) or a nerve symptom (N). Ticks under the chart are runs, their height the day's distance; "
           "diamonds are other training. The strip at the bottom is the advice for each day.</figcaption>\n</figure>\n";
  }
  return out + "</section>\n";
}

std::string html_weeks(const Report& report) {
  std::string out = section_open("weeks");
  out += "<p>The same figures as <code>niggle week --weeks N</code>, and each week's running budget.</p>\n";
  out += html_table(weeks_table_rows(report), "class=\"weeks\"");
  for (const std::string& note : weeks_table_notes(report)) out += fmt::format("<p class=\"table-note\">{}</p>\n", h(note));
  return out + "</section>\n";
}

std::string html_where(const Report& report) {
  std::string out = section_open("where");
  if (report.locations.empty()) return out + "<p>No pain score was recorded in this period.</p>\n</section>\n";
  Table table = where_table(report);
  out += "<table class=\"where\">\n<thead><tr>";
  for (std::size_t c = 0; c < table.titles.size(); ++c)
    out += fmt::format("<th{}>{}</th>", table.numeric[c] ? " class=\"n\"" : "", h(table.titles[c]));
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    out += "<tr>";
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      // The location's colour in the daily chart, beside its name.
      const std::string swatch = c == 0 ? fmt::format("<span class=\"swatch\" style=\"background: {}\"></span>", location_colour(r)) : "";
      out += fmt::format("<td{}>{}{}</td>", table.numeric[c] ? " class=\"n\"" : "", swatch, h(table.rows[r][c]));
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n<p class=\"table-note\">Mean and highest of each day's highest score at that location.</p>\n";
  return out + "</section>\n";
}

std::string html_notable(const Report& report) {
  std::string out = section_open("notable");
  const int count = report.notable_days();
  if (count == 0) {
    return out + "<p>No day stood out: no red-flag, serious-cause or nerve symptom, no severe pain, no jump in pain, "
                 "no flare-up and no run over a cap or a budget.</p>\n</section>\n";
  }
  out += fmt::format("<p>{} of {}. The advice is what the rules said that morning, before the day's runs.</p>\n",
                     count, days_text(report.days.size()));
  out += "<table class=\"notable\">\n<thead><tr><th>Day</th><th>What happened</th><th>Advice that day</th></tr></thead>\n<tbody>\n";
  for (const ReportDay& day : report.days) {
    if (day.notable.empty()) continue;
    out += fmt::format("<tr data-date=\"{}\"><td class=\"date\">{}</td><td><ul class=\"why\">", day.date.iso(), h(day_text(report, day.date)));
    for (const std::string& why : day.notable) out += fmt::format("<li>{}</li>", h(why));
    out += "</ul></td><td>" + verdict_badge(day.advice.verdict) + " " + h(day.advice.headline);
    if (const std::string pro = professional_text(day.advice); !pro.empty()) out += " " + h(pro);
    if (const std::string past = past_cap_text(day); !past.empty()) out += " <strong>" + h(past) + "</strong>";
    out += fmt::format("<br/><span class=\"rules\">Rules that fired: {}</span></td></tr>\n", h(fired_text(day.advice)));
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string html_rules(const Report& report) {
  std::string out = section_open("rules");
  if (report.rules.empty()) return out + "<p>No rule fired on any day.</p>\n</section>\n";
  out += fmt::format("<p>On how many of the {} each rule fired, and on how many it set the day's advice.</p>\n",
                     days_text(report.days.size()));
  out += "<table class=\"rules-fired\">\n<thead><tr><th>Rule</th><th>What it checks, and its sources</th>"
         "<th class=\"n\">Days it fired</th><th class=\"n\">Days it set the advice</th></tr></thead>\n<tbody>\n";
  for (const RuleTally& r : report.rules) {
    out += fmt::format("<tr><td>{} {}</td><td>{}<br/><span class=\"source\">{}</span></td><td class=\"n\">{}</td><td "
                       "class=\"n\">{}</td></tr>\n",
                       h(r.rule), h(r.name), h(rule_summary(r.rule, report.settings)), h(r.source), r.days, r.deciding_days);
  }
  out += "</tbody>\n</table>\n<p class=\"table-note\">The advice on each day:";
  for (const Verdict v : {Verdict::go, Verdict::easy, Verdict::cross_train, Verdict::rest, Verdict::urgent, Verdict::unknown}) {
    if (const int n = report.verdict_days[static_cast<std::size_t>(v)]; n > 0) out += fmt::format(" {} {}", verdict_badge(v), n);
  }
  return out + ".</p>\n</section>\n";
}

std::string html_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const std::string& tag : tags) out += fmt::format("<span class=\"tag\">{}</span>", h(tag));
  return out;
}

std::string html_notes(const Report& report) {
  std::string out = section_open("notes");
  if (report.notes.empty()) return out + "<p>No entry in this period has a note.</p>\n</section>\n";
  out += "<table class=\"notes\">\n<thead><tr><th>Day</th><th>Entry</th><th>Note</th></tr></thead>\n<tbody>\n";
  for (const ReportNote& note : report.notes) {
    out += fmt::format("<tr><td class=\"date\">{}</td><td>{}{}</td><td class=\"note-text\">{}</td></tr>\n",
                       h(day_text(report, note.date)), h(note.entry), note.tags.empty() ? "" : "<br/>" + html_tags(note.tags),
                       h(note.text));
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string html_days(const Report& report) {
  std::string out = section_open("days");
  const auto with_entries = std::count_if(report.days.begin(), report.days.end(), has_entries);
  out += fmt::format("<p>The {} with an entry, of {}; a day without any is left out.</p>\n",
                     days_text(static_cast<std::size_t>(with_entries)), report.days.size());
  out += "<table class=\"days\">\n<thead><tr><th>Day</th><th>Pain</th><th>Training</th><th>Advice</th></tr></thead>\n<tbody>\n";
  for (const ReportDay& day : report.days) {
    if (!has_entries(day)) continue;
    out += fmt::format("<tr data-date=\"{}\"{}><td class=\"date\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       day.date.iso(), day.red_flag ? " class=\"flagged\"" : "", h(day_text(report, day.date)),
                       h(day_pain_text(day)), h(day_sessions_text(day, report.settings.units)),
                       verdict_badge(day.advice.verdict));
  }
  return out + "</tbody>\n</table>\n</section>\n";
}

std::string html_reading(const Report& report) {
  std::string out = section_open("reading") + "<ul class=\"reading\">\n";
  for (const std::string& note : reading_notes(report)) out += fmt::format("<li>{}</li>\n", h(note));
  return out + "</ul>\n</section>\n";
}

// --- Markdown --------------------------------------------------------------------------------

std::string md(std::string_view text) { return markdown_escape(text); }
std::string md_cell(std::string_view text) { return markdown_escape(text, true); }

std::string md_table(const Table& table, bool escape_cells) {
  std::string out = "| " + join(table.titles, " | ") + " |\n|";
  for (bool numeric : table.numeric) out += numeric ? " ---: |" : " --- |";
  out += '\n';
  for (const auto& row : table.rows) {
    std::vector<std::string> cells;
    for (const std::string& cell : row) {
      std::string text = escape_cells ? md_cell(cell) : cell;
      cells.push_back(text.empty() ? " " : text);
    }
    out += "| " + join(cells, " | ") + " |\n";
  }
  return out;
}

std::string md_heading(std::string_view id) {
  for (const ReportSection& s : kReportSections)
    if (s.id == id) return fmt::format("\n## {}\n\n", s.heading);
  return "\n";
}

}  // namespace

std::string report_html(const Report& report) {
  if (report.weeks.empty() || report.days.empty()) return {};
  std::string out;
  out.reserve(256 * 1024);
  out += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n";
  out += fmt::format("<meta name=\"generator\" content=\"niggle {}\"/>\n", version);
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", h(title(report)), kCss);
  out += fmt::format("<header>\n<h1>{}</h1>\n", h(title(report)));
  out += fmt::format("<p class=\"meta\">{}</p>\n", h(period_line(report)));
  out += fmt::format("<p class=\"meta\">From the journal <code>{}</code>. {}</p>\n", h(report.journal), h(made_line(report)));
  out += fmt::format("<p class=\"disclaimer\">{}</p>\n</header>\n", h(kDisclaimer));
  out += html_glance(report);
  out += html_charts(report);
  out += html_weeks(report);
  out += html_where(report);
  out += html_notable(report);
  out += html_rules(report);
  out += section_open("insights") + insights_html(report.insights) + "</section>\n";
  out += html_notes(report);
  out += html_days(report);
  out += html_reading(report);
  out += fmt::format("<footer>{} {}</footer>\n</body>\n</html>\n", h(kDisclaimer), h(made_line(report)));
  return out;
}

std::string report_markdown(const Report& report) {
  if (report.weeks.empty() || report.days.empty()) return {};
  std::string out = fmt::format("# {}\n\n{}\n\nFrom the journal `{}`. {}\n\n> {}\n", md(title(report)), md(period_line(report)),
                                clean_text(report.journal), md(made_line(report)), md(kDisclaimer));
  // A path with a backtick would end the code span early: then it is written as text.
  if (report.journal.find('`') != std::string::npos) {
    out = fmt::format("# {}\n\n{}\n\nFrom the journal {}. {}\n\n> {}\n", md(title(report)), md(period_line(report)),
                      md(report.journal), md(made_line(report)), md(kDisclaimer));
  }

  out += md_heading("glance");
  for (const GlanceLine& line : report.glance) out += fmt::format("- **{}:** {}\n", md(line.label), md(line.text));

  out += md_heading("weeks");
  out += "The same figures as `niggle week --weeks N`, and each week's running budget. (The HTML report draws them "
         "as charts.)\n\n";
  Table weeks = weeks_table_rows(report);
  for (auto& row : weeks.rows)
    if (!row[0].empty() && row[0].back() == '*') row[0] = row[0].substr(0, row[0].size() - 1) + "\\*";
  out += md_table(weeks, false);
  out += '\n';
  for (const std::string& note : weeks_table_notes(report)) out += md(note) + "\n\n";

  out += md_heading("where");
  if (report.locations.empty()) {
    out += "No pain score was recorded in this period.\n";
  } else {
    out += md_table(where_table(report), true);
    out += "\nMean and highest of each day's highest score at that location.\n";
  }

  out += md_heading("notable");
  if (report.notable_days() == 0) {
    out += "No day stood out: no red-flag, serious-cause or nerve symptom, no severe pain, no jump in pain, no flare-up "
           "and no run over a cap or a budget.\n";
  } else {
    out += fmt::format("{} of {}. The advice is what the rules said that morning, before the day's runs.\n\n",
                       report.notable_days(), days_text(report.days.size()));
    for (const ReportDay& day : report.days) {
      if (day.notable.empty()) continue;
      out += fmt::format("- **{}**: {}.\n", md(day_text(report, day.date)), md(join(day.notable, "; ")));
      std::string advice = fmt::format("Advice: **{}**. {}", md(verdict_words(day.advice.verdict)), md(day.advice.headline));
      if (const std::string pro = professional_text(day.advice); !pro.empty()) advice += " " + md(pro);
      if (const std::string past = past_cap_text(day); !past.empty()) advice += " **" + md(past) + "**";
      out += fmt::format("  {}\\\n  Rules that fired: {}.\n", advice, md(fired_text(day.advice)));
    }
  }

  out += md_heading("rules");
  if (report.rules.empty()) {
    out += "No rule fired on any day.\n";
  } else {
    Table table;
    table.titles = {"Rule", "What it checks", "Days it fired", "Days it set the advice", "Sources"};
    table.numeric = {false, false, true, true, false};
    for (const RuleTally& r : report.rules) {
      table.rows.push_back({fmt::format("{} {}", r.rule, r.name), rule_summary(r.rule, report.settings),
                            fmt::format("{}", r.days), fmt::format("{}", r.deciding_days), r.source});
      table.marked.push_back(false);
    }
    out += fmt::format("On how many of the {} each rule fired, and on how many it set the day's advice.\n\n",
                       days_text(report.days.size()));
    out += md_table(table, true);
    std::vector<std::string> verdicts;
    for (const Verdict v : {Verdict::go, Verdict::easy, Verdict::cross_train, Verdict::rest, Verdict::urgent, Verdict::unknown}) {
      if (const int n = report.verdict_days[static_cast<std::size_t>(v)]; n > 0) verdicts.push_back(fmt::format("{} {}", verdict_words(v), n));
    }
    out += fmt::format("\nThe advice on each day: {}.\n", md(join(verdicts, ", ")));
  }

  out += md_heading("insights");
  out += "Over the whole journal, as `niggle insights` shows it.\n\n" + insights_markdown(report.insights);

  out += md_heading("notes");
  if (report.notes.empty()) {
    out += "No entry in this period has a note.\n";
  } else {
    for (const ReportNote& note : report.notes) {
      std::string tags;
      for (const std::string& tag : note.tags) tags += " #" + md(tag);
      out += fmt::format("- **{}**, {}{}:\\\n  {}\n", md(day_text(report, note.date)), md(note.entry),
                         tags.empty() ? "" : " (tags:" + tags + ")", md(note.text));
    }
  }

  out += md_heading("days");
  Table days;
  days.titles = {"Day", "Pain", "Training", "Advice"};
  days.numeric = {false, false, false, false};
  std::size_t with_entries = 0;
  for (const ReportDay& day : report.days) {
    if (!has_entries(day)) continue;
    with_entries += 1;
    days.rows.push_back({day_text(report, day.date), day_pain_text(day), day_sessions_text(day, report.settings.units),
                         verdict_words(day.advice.verdict)});
    days.marked.push_back(false);
  }
  out += fmt::format("The {} with an entry, of {}; a day without any is left out.\n\n", days_text(with_entries),
                     report.days.size());
  if (!days.rows.empty()) out += md_table(days, true);

  out += md_heading("reading");
  for (const std::string& note : reading_notes(report)) out += "- " + md(note) + "\n";
  // One blank line between blocks, however the sections ended.
  std::string tidy;
  for (char c : out) {
    if (c == '\n' && tidy.size() >= 2 && tidy[tidy.size() - 1] == '\n' && tidy[tidy.size() - 2] == '\n') continue;
    tidy += c;
  }
  return tidy;
}

}  // namespace niggle
