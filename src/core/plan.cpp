#include "niggle/core/plan.hpp"

#include <algorithm>

namespace niggle {

std::vector<PlanOutcome> match_day(std::span<const Plan> plans, std::span<const Session> sessions) {
  std::vector<const Plan*> ordered_plans;
  for (const Plan& plan : plans) ordered_plans.push_back(&plan);
  std::stable_sort(ordered_plans.begin(), ordered_plans.end(),
                   [](const Plan* a, const Plan* b) { return a->meta.id < b->meta.id; });
  std::vector<const Session*> ordered_sessions;
  for (const Session& session : sessions) ordered_sessions.push_back(&session);
  std::stable_sort(ordered_sessions.begin(), ordered_sessions.end(),
                   [](const Session* a, const Session* b) { return a->meta.id < b->meta.id; });
  std::vector<bool> taken(ordered_sessions.size(), false);

  std::vector<PlanOutcome> outcomes;
  for (const Plan* plan : ordered_plans) {
    PlanOutcome outcome;
    outcome.plan_id = plan->meta.id;
    outcome.date = plan->meta.date;
    outcome.type = plan->type;
    outcome.intensity = plan->intensity;
    outcome.planned_metres = plan->metres;
    outcome.planned_seconds = plan->seconds;
    for (std::size_t i = 0; i < ordered_sessions.size(); ++i) {
      const Session& session = *ordered_sessions[i];
      if (taken[i] || session.type != plan->type) continue;
      taken[i] = true;
      outcome.session_id = session.meta.id;
      outcome.done_metres = session.metres.value_or(0);
      if (!outcome.planned_metres) outcome.planned_metres = session.planned_metres;
      outcome.state = PlanState::done;
      break;
    }
    outcomes.push_back(outcome);
  }
  for (std::size_t i = 0; i < ordered_sessions.size(); ++i) {
    const Session& session = *ordered_sessions[i];
    if (taken[i] || !session.planned_metres) continue;
    PlanOutcome outcome;
    outcome.date = session.meta.date;
    outcome.type = session.type;
    outcome.intensity = session.intensity;
    outcome.planned_metres = session.planned_metres;
    outcome.session_id = session.meta.id;
    outcome.done_metres = session.metres.value_or(0);
    outcome.state = PlanState::done;
    outcomes.push_back(outcome);
  }
  return outcomes;
}

void settle(std::span<PlanOutcome> outcomes, Date today) {
  for (PlanOutcome& outcome : outcomes) {
    if (outcome.state == PlanState::pending && outcome.date < today) outcome.state = PlanState::skipped;
  }
}

std::optional<double> PlanTally::percent() const {
  if (planned_metres <= 0) return std::nullopt;
  return done_metres / planned_metres * 100.0;
}

PlanTally tally(std::span<const PlanOutcome> outcomes) {
  PlanTally sum;
  for (const PlanOutcome& outcome : outcomes) {
    sum.planned += 1;
    sum.planned_metres += outcome.planned_metres.value_or(0);
    switch (outcome.state) {
      case PlanState::done:
        sum.done += 1;
        sum.done_metres += outcome.done_metres;
        break;
      case PlanState::skipped:
        sum.skipped += 1;
        sum.skipped_metres += outcome.planned_metres.value_or(0);
        break;
      case PlanState::pending: sum.pending += 1; break;
    }
  }
  return sum;
}

}  // namespace niggle
