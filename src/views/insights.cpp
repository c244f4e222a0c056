#include "niggle/views/insights.hpp"

#include <cmath>
#include <fmt/format.h>

#include "niggle/views/markup.hpp"

namespace niggle {
namespace {

std::string one_decimal(double value) {
  std::string text = fmt::format("{:.1f}", value);
  return text == "-0.0" ? "0.0" : text;
}

std::string mark_of(const FactorResult& f) {
  if (!f.enough) return "not enough occasions yet";
  return f.significant ? "clear finding" : "could be chance";
}

std::string p_text(double p) { return p < 0.001 ? "<0.001" : fmt::format("{:.3f}", p); }

}  // namespace

JournalEntries read_all_entries(const Journal& journal, Date today) {
  JournalEntries entries;
  // The earliest day a journal can hold (try_parse_iso_date accepts years from 1900).
  const Date first = *Date::from_ymd(1900, 1, 1);
  entries.sessions = journal.sessions_between(first, today);
  entries.pain = journal.pain_between(first, today);
  return entries;
}

std::string deadlift_sentence(const Insights& in) {
  const DeadliftCheck& d = in.deadlifts;
  if (d.sessions_with_lifts == 0) {
    return "Heavy deadlifts: no strength session records its exercises yet; log them with --lift, as in "
           "niggle log 40min --type strength --lift deadlift:3x5@60kg.";
  }
  if (d.weeks == 0) return "Heavy deadlifts: no complete week of the journal to look at yet.";
  std::string text = fmt::format("Heavy deadlifts (a load, at most the configured reps a set) came in {} of the last {} "
                                 "complete weeks",
                                 d.weeks_with_heavy, d.weeks);
  text += d.last_heavy ? fmt::format(", the latest on {}", d.last_heavy->iso()) : std::string{", none yet"};
  text += d.weeks_with_heavy == d.weeks
              ? ": at least once a week, as the trainer's post \"How to Prevent Back Pain Flare Ups\" suggests."
              : ". The trainer's post \"How to Prevent Back Pain Flare Ups\" suggests at least once a week, once "
                "lifting is pain-free.";
  return text;
}

std::string insights_footnote(const Insights& in) {
  return fmt::format(
      "Next-morning pain: the first entry marked --when morning of the day after, or else that day's first "
      "entry. Each factor compares days with it against days without it ({} occasions needed on each side). "
      "Method: {}: {} factor{} tested, so a finding must pass p < {:g} after the adjustment. {}",
      in.min_occasions, kInsightsMethod, in.tested, in.tested == 1 ? "" : "s", in.alpha, kInsightsCaution);
}

std::string insights_text(const Insights& in) {
  std::string out;
  if (in.days == 0) {
    out += "No day yet has a next-morning pain score to compare: record pain each morning with\n"
           "'niggle pain 3 --when morning' and your sessions with 'niggle log'.\n";
    return out;
  }
  out += fmt::format("Next-morning pain after {} days, {} to {}:\n\n", in.days, in.first_day->iso(), in.last_day->iso());
  for (const FactorResult& f : in.factors) {
    out += fmt::format("  {} {}\n", f.significant ? "*" : f.enough ? "-" : " ", insight_sentence(f));
    if (f.enough) {
      out += fmt::format("      {}; p = {}, adjusted {}\n", mark_of(f), p_text(*f.p_value), p_text(*f.p_adjusted));
    }
  }
  out += "\n  * a clear finding (Holm-adjusted p < " + fmt::format("{:g}", in.alpha) + ")   - could be chance\n\n";
  out += deadlift_sentence(in) + "\n\n" + insights_footnote(in) + "\n";
  return out;
}

std::string insights_markdown(const Insights& in) {
  std::string out;
  if (in.days == 0) return out + "No day yet has a next-morning pain score to compare.\n";
  out += fmt::format("Next-morning pain after {} days, {} to {}.\n\n", in.days, in.first_day->iso(), in.last_day->iso());
  out += "| factor | occasions | without | difference | 95% interval | p (adjusted) | reading |\n";
  out += "|---|---:|---:|---:|---|---:|---|\n";
  for (const FactorResult& f : in.factors) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", markdown_escape(f.label, true), f.n_with, f.n_without,
                       f.enough ? one_decimal(*f.difference) : "", f.enough ? one_decimal(*f.ci_low) + " to " + one_decimal(*f.ci_high) : "",
                       f.enough ? p_text(*f.p_adjusted) : "", mark_of(f));
  }
  out += "\n" + markdown_escape(deadlift_sentence(in)) + "\n\n" + markdown_escape(insights_footnote(in)) + "\n";
  return out;
}

std::string insights_html(const Insights& in) {
  std::string out;
  if (in.days == 0) return out + "<p>No day yet has a next-morning pain score to compare.</p>\n";
  out += fmt::format("<p>Next-morning pain after {} days, {} to {}.</p>\n", in.days, in.first_day->iso(), in.last_day->iso());
  out += "<table class=\"insights\">\n<thead><tr><th>factor</th><th>occasions</th><th>without</th><th>difference</th>"
         "<th>95% interval</th><th>p (adjusted)</th><th>reading</th></tr></thead>\n<tbody>\n";
  for (const FactorResult& f : in.factors) {
    out += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                       f.significant ? " class=\"finding\"" : "", html_escape(f.label), f.n_with, f.n_without,
                       f.enough ? one_decimal(*f.difference) : "",
                       f.enough ? one_decimal(*f.ci_low) + " to " + one_decimal(*f.ci_high) : "",
                       f.enough ? html_escape(p_text(*f.p_adjusted)) : "", mark_of(f));
  }
  out += "</tbody>\n</table>\n";
  out += "<p>" + html_escape(deadlift_sentence(in)) + "</p>\n";
  out += "<p class=\"table-note\">" + html_escape(insights_footnote(in)) + "</p>\n";
  return out;
}

Json insights_json(const Insights& in) {
  const auto number = [](const std::optional<double>& v) {
    return v ? Json(std::round(*v * 1000) / 1000) : Json(nullptr);
  };
  const auto date = [](const std::optional<Date>& d) { return d ? Json(d->iso()) : Json(nullptr); };
  Json json = json_object(12);
  json["method"] = "welch-t";
  json["interval"] = "95% Welch t interval";
  json["adjustment"] = "holm";
  json["alpha"] = in.alpha;
  json["min_occasions"] = in.min_occasions;
  json["outcome"] = "next-morning pain: the first --when morning entry of the day after, else its first entry";
  json["journal_start"] = date(in.journal_start);
  json["first_day"] = date(in.first_day);
  json["last_day"] = date(in.last_day);
  json["days"] = in.days;
  json["tested"] = in.tested;
  Json factors = Json::array();
  for (const FactorResult& f : in.factors) {
    Json item = json_object(16);
    item["factor"] = f.id;
    item["label"] = f.label;
    item["n_with"] = f.n_with;
    item["n_without"] = f.n_without;
    item["mean_with"] = number(f.mean_with);
    item["mean_without"] = number(f.mean_without);
    item["difference"] = number(f.difference);
    item["ci_low"] = number(f.ci_low);
    item["ci_high"] = number(f.ci_high);
    item["adjusted_ci_low"] = number(f.adjusted_ci_low);
    item["adjusted_ci_high"] = number(f.adjusted_ci_high);
    item["df"] = number(f.df);
    item["p_value"] = f.p_value ? Json(*f.p_value) : Json(nullptr);
    item["p_adjusted"] = f.p_adjusted ? Json(*f.p_adjusted) : Json(nullptr);
    item["enough_occasions"] = f.enough;
    item["significant"] = f.significant;
    factors.push_back(std::move(item));
  }
  json["factors"] = std::move(factors);
  Json dead = json_object(5);
  dead["weeks"] = in.deadlifts.weeks;
  dead["weeks_with_heavy"] = in.deadlifts.weeks_with_heavy;
  dead["at_least_weekly"] = in.deadlifts.weeks > 0 && in.deadlifts.weeks_with_heavy == in.deadlifts.weeks;
  dead["last_heavy"] = date(in.deadlifts.last_heavy);
  dead["sessions_with_lifts"] = in.deadlifts.sessions_with_lifts;
  json["heavy_deadlifts"] = std::move(dead);
  json["caution"] = std::string{kInsightsCaution};
  return json;
}

}  // namespace niggle
