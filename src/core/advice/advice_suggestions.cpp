// Suggestions: exercises and habits from the source documents, picked by where it hurts and
// by the verdict. None is a rule: they never change the verdict or a cap.
#include <fmt/format.h>

#include "niggle/core/advice_rules.hpp"

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
    if (entry.where) {
      found = true;
      areas.lower = areas.lower || is_lower(*entry.where);
      areas.upper = areas.upper || is_upper(*entry.where);
    }
    for (Symptom symptom : entry.symptoms) areas.lower = areas.lower || classify(symptom) == SymptomClass::nerve;
  }
  if (!found) {
    for (auto it = facts.pain.rbegin(); it != facts.pain.rend(); ++it) {
      if (it->meta.date < latest_day.minus_days(14)) break;
      if (!it->where) continue;
      areas.lower = areas.lower || is_lower(*it->where);
      areas.upper = areas.upper || is_upper(*it->where);
      break;
    }
  }
  return areas;
}

}  // namespace

std::vector<std::string> suggestions_for(const Facts& facts, Verdict verdict, std::string_view deciding_rule) {
  // A red flag gets one message only: get care now.
  if (verdict == Verdict::urgent) return {};
  std::vector<std::string> out;
  const AdviceFigures& f = facts.figures;
  const Areas areas = areas_of(facts);
  const bool run_day = may_run(verdict);
  const bool walking_worse = f.pain_fresh && f.latest_walking == Walking::worse;
  const bool lifting_ok = f.pain_fresh && f.latest_pain && f.latest_pain->score <= facts.settings.advice.mild_pain;

  if (!f.pain_fresh) {
    out.emplace_back(
        "Record a pain score every day, 0-10, with how walking changes it: niggle pain 3 --where lower-back "
        "--walking better (seed 002: a daily pain journal).");
  }
  if (verdict == Verdict::cross_train) {
    out.push_back(fmt::format("Instead of running: {} (seed 001).",
                              walking_worse ? "the elliptical, swimming or easy spinning"
                                            : "walking, the elliptical, swimming or easy spinning"));
  }
  if (verdict == Verdict::rest && deciding_rule == "L3") {
    out.emplace_back("A rest day can still hold core work, stretching or an easy walk (seed 000; seed 001).");
  }
  if (areas.lower) {
    out.emplace_back("For the lower back: child's pose, the seated piriformis stretch and a standing hamstring stretch (seed 001).");
    out.emplace_back("Heat helps, and so does changing position every 30-45 minutes (seed 001).");
    if (!walking_worse) out.emplace_back("Keep mobile: walk and move through the day rather than staying still (seed 002).");
    if (verdict != Verdict::rest) out.emplace_back("Plank and superman for the core (seed 003).");
    if (run_day && lifting_ok) {
      out.emplace_back("Once lifting is pain-free, heavy deadlifts build resilience against flare-ups (seed 004).");
    }
  }
  if (areas.upper) {
    out.emplace_back("For the upper back: cat-cow, child's pose and a thoracic extension stretch (seed 003).");
    if (verdict != Verdict::rest) out.emplace_back("Rows, superman and plank strengthen the upper back (seed 003).");
    if (run_day) {
      out.emplace_back("Run with your head up and shoulders relaxed, with shorter, quicker steps near 180 a minute (seed 003).");
    }
  }
  if (run_day) {
    out.emplace_back("Warm up with dynamic stretches and air squats, and walk 2-3 minutes after the run (seed 001).");
    out.emplace_back("Sleep 7-9 hours (seed 003), and don't sit for more than 30 minutes at a time (seed 001).");
  }
  return out;
}

}  // namespace niggle::rules
