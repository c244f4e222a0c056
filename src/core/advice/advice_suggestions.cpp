// Suggestions: exercises and habits from the source documents, picked by where it hurts and
// by the verdict. None is a rule: they never change the verdict or a cap.
#include <fmt/format.h>

#include "niggle/core/advice_rules.hpp"
#include "niggle/core/advice_sources.hpp"

namespace niggle::rules {
namespace {

bool is_lower(Location where) {
  return where == Location::lower_back || where == Location::glute || where == Location::hip ||
         where == Location::hamstring || where == Location::leg;
}

bool is_upper(Location where) { return where == Location::upper_back || where == Location::neck; }

struct Areas {
  bool lower = false, upper = false;
};

// Where it hurts: the locations of the latest day with pain entries, or, when none of them
// says, the latest entry of the two weeks before that does. Nerve symptoms point to the
// lower back (sciatica).
Areas areas_of(const Facts& facts) {
  Areas areas;
  const auto& latest = facts.figures.latest_pain;
  if (!latest) return areas;
  const Date latest_day = latest->meta.date;
  bool found = false;
  for (const PainEntry& entry : facts.pain) {
    if (entry.meta.date != latest_day) continue;
    // Each of an entry's locations counts: lower back and neck in one entry ask for both.
    for (Location where : entry.where) {
      found = true;
      areas.lower = areas.lower || is_lower(where);
      areas.upper = areas.upper || is_upper(where);
    }
    for (Symptom symptom : entry.symptoms) areas.lower = areas.lower || classify(symptom) == SymptomClass::nerve;
  }
  if (!found) {
    for (auto it = facts.pain.rbegin(); it != facts.pain.rend(); ++it) {
      if (it->meta.date < latest_day.minus_days(14)) break;
      if (it->where.empty()) continue;
      for (Location where : it->where) {
        areas.lower = areas.lower || is_lower(where);
        areas.upper = areas.upper || is_upper(where);
      }
      break;
    }
  }
  return areas;
}

}  // namespace

Suggestions suggestions_for(const Facts& facts, Verdict verdict, std::string_view deciding_rule, bool serious_cause) {
  Suggestions out;
  // A red flag gets one message only: get care now.
  if (verdict == Verdict::urgent) return out;
  // After a fall or with another serious-cause flag, no exercise: a doctor first.
  if (serious_cause) {
    out.always.emplace_back(
        "See a doctor before any exercise: a fall, fever, unexplained weight loss or night pain needs a check first "
        "(NICE NG59).");
    return out;
  }
  const AdviceFigures& f = facts.figures;
  const AdviceThresholds& t = facts.settings.advice;
  const Areas areas = areas_of(facts);
  const bool run_day = may_run(verdict);
  const bool walking_worse = f.pain_fresh && f.latest_walking == Walking::worse;
  const bool lifting_ok = f.pain_fresh && f.latest_pain && f.latest_pain->score <= t.mild_pain;
  const std::string coach = cite_inline(Document::coach);
  const std::string upper = cite_inline(Document::upper_back);

  if (!f.pain_fresh) {
    out.always.push_back(fmt::format(
        "Record a pain score every day, 0-10, with how walking changes it: niggle pain 3 --where lower-back "
        "--walking better ({}: a daily pain journal).",
        cite_inline(Document::forum)));
  }
  if (verdict == Verdict::cross_train) {
    out.always.push_back(fmt::format("Instead of running: {} ({}).",
                                     walking_worse ? "the elliptical, swimming or easy spinning"
                                                   : "walking, the elliptical, swimming or easy spinning",
                                     coach));
  }
  if (verdict == Verdict::rest && deciding_rule == "L3") {
    out.always.push_back(fmt::format("A rest day can still hold core work, stretching or an easy walk ({}; {}).",
                                     cite_inline(Document::diary), coach));
  }
  // v2: with mild pain and no strength session for a week, one is due (at least once a week).
  const bool strength_due = !f.last_strength || *f.last_strength < facts.day.minus_days(t.strength_gap_days - 1);
  if (lifting_ok && strength_due && verdict != Verdict::rest) {
    out.always.push_back(fmt::format(
        "No strength session {}: pain is {}/10, so this is a good week for one; deadlifts once lifting is pain-free "
        "({}; Berglund et al., JSCR 2015). Log it: niggle log 40min --type strength.",
        f.last_strength ? fmt::format("since {}", f.last_strength->iso())
                        : fmt::format("in the last {} days", t.strength_gap_days),
        f.latest_pain->score, cite_inline(Document::trainer) + ": at least once a week"));
  }
  if (areas.lower) {
    out.pool.push_back(fmt::format("For the lower back: child's pose, the seated piriformis stretch and a standing "
                                   "hamstring stretch ({}).",
                                   coach));
    out.pool.push_back(fmt::format("Heat helps, and so does changing position every 30-45 minutes ({}).", coach));
    if (!walking_worse) {
      out.pool.push_back(fmt::format(
          "Keep walking through the day rather than staying still ({}; Pocovi et al., Lancet 2024, WalkBack: a "
          "progressive walking programme cut recurrences of low back pain, HR 0.72).",
          cite_inline(Document::forum)));
    }
    if (verdict != Verdict::rest) out.pool.push_back(fmt::format("Plank and superman for the core ({}).", upper));
    if (run_day && lifting_ok) {
      out.pool.push_back(fmt::format(
          "Once lifting is pain-free, heavy deadlifts build resilience against flare-ups ({}; Berglund et al., JSCR "
          "2015: those with less pain and disability benefited).",
          cite_inline(Document::trainer)));
    }
  }
  if (areas.upper) {
    out.pool.push_back(fmt::format("For the upper back: cat-cow, child's pose and a thoracic extension stretch ({}).", upper));
    if (verdict != Verdict::rest) out.pool.push_back(fmt::format("Rows, superman and plank strengthen the upper back ({}).", upper));
    if (run_day) {
      out.pool.push_back(fmt::format(
          "Run with your head up and shoulders relaxed, with a cadence 5-10% above your own rather than a fixed 180 "
          "({}; Heiderscheit et al., MSSE 2011).",
          upper));
    }
  }
  if (run_day) {
    out.pool.push_back(
        fmt::format("Warm up with dynamic stretches and air squats, and walk 2-3 minutes after the run ({}).", coach));
    out.pool.push_back(fmt::format("Sleep 7-9 hours ({}), and don't sit for more than 30 minutes at a time ({}).", upper, coach));
  }
  return out;
}

std::vector<std::string> pick_suggestions(const Suggestions& suggestions, Date day, std::size_t count) {
  std::vector<std::string> out = suggestions.always;
  const std::size_t n = suggestions.pool.size();
  // The day's pick is `count` in all, so that what advise shows and what --json holds agree;
  // what always applies comes first and is never left out.
  const std::size_t from_pool = out.size() >= count ? 0 : count - out.size();
  if (n == 0 || from_pool == 0) return out;
  // A start that moves with the date: consecutive days begin one further along the pool.
  const auto epoch_day = day.days_since_epoch();
  const auto start = static_cast<std::size_t>(((epoch_day % static_cast<std::int64_t>(n)) + static_cast<std::int64_t>(n)) %
                                              static_cast<std::int64_t>(n));
  for (std::size_t i = 0; i < std::min(from_pool, n); ++i) out.push_back(suggestions.pool[(start + i) % n]);
  return out;
}

}  // namespace niggle::rules
