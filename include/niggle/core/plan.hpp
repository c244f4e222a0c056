#pragma once
// Plans against what happened: which session carried out which planned session, and the
// sums `week`, `summary`, the report and `advise` show. Pure: the day's plans and sessions
// come in, and today's date where it matters.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "niggle/core/entry.hpp"

namespace niggle {

enum class PlanState {
  done,     // a session of the plan's type on its day carried it out
  skipped,  // its day has passed without one
  pending,  // today or later, not carried out yet
};

// One planned session and what became of it. A session logged with --planned and no plan
// entry to match is a plan made on the day (plan_id 0), carried out by that session.
struct PlanOutcome {
  std::int64_t plan_id = 0;
  Date date;
  ActivityType type = ActivityType::run;
  std::optional<Intensity> intensity;
  std::optional<double> planned_metres;
  std::optional<std::int64_t> planned_seconds;
  std::optional<std::int64_t> session_id;  // the session that carried it out
  double done_metres = 0;                  // that session's distance
  PlanState state = PlanState::pending;
};

// Matches one day's plans to the same day's sessions. Plans go in the order they were made
// (by id); each takes the first session not yet taken whose type is the plan's (a planned
// run is carried out by a run, not by a walk), in the order the sessions were logged. A
// session's own --planned distance never adds to a plan entry it carried out: the plan
// entry's distance counts (the session's only when the plan has none). Every other session
// with --planned is a plan of its own, done. Unmatched plans are pending; `settle` decides.
std::vector<PlanOutcome> match_day(std::span<const Plan> plans, std::span<const Session> sessions);

// Pending plans of days before today become skipped.
void settle(std::span<PlanOutcome> outcomes, Date today);

struct PlanTally {
  int planned = 0, done = 0, skipped = 0, pending = 0;
  double planned_metres = 0;  // every plan's distance, done, skipped or pending
  double done_metres = 0;     // what the sessions that carried plans out covered
  double skipped_metres = 0;
  // done_metres against planned_metres; nullopt when no plan has a distance.
  std::optional<double> percent() const;
};
PlanTally tally(std::span<const PlanOutcome> outcomes);

}  // namespace niggle
