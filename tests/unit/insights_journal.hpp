#pragma once
// Generated journals for the insights tests: six months of running (four runs a week, a long
// run on Sundays, now and then tempo, hills or a double day), strength work, walks, tags and
// sleep, with a morning pain score each day. With `long_run_effect`, the morning after a
// long run is that much worse; otherwise pain is noise that no factor explains.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "niggle/core/entry.hpp"

namespace niggle::test {

// SplitMix64: a small, portable generator, so a seed gives the same journal everywhere.
class Random {
 public:
  // The seed is mixed first: SplitMix64's streams from consecutive raw seeds are the same
  // stream shifted by one step, which would make "200 seeds" nearly one journal.
  explicit Random(std::uint64_t seed) : state_(mix(mix(seed) ^ 0xD1B54A32D192ED03ull)) {}
  std::uint64_t next() { return mix(state_ += 0x9E3779B97F4A7C15ull); }
  double uniform() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  bool chance(double p) { return uniform() < p; }
  double normal() {  // Box-Muller
    const double u = std::max(uniform(), 1e-300), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
  }

 private:
  static std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

struct GeneratedJournal {
  std::vector<Session> sessions;
  std::vector<PainEntry> pain;
  Date today;
};

inline GeneratedJournal generate_journal(std::uint64_t seed, double long_run_effect, int days = 182) {
  Random random(seed);
  GeneratedJournal j;
  const Date start = *Date::from_ymd(2026, 5, 4);  // a Monday
  j.today = start.plus_days(days);
  std::int64_t id = 1;
  bool long_yesterday = false;
  for (int i = 0; i < days; ++i) {
    const Date day = start.plus_days(i);
    // The morning entry first, as a runner records it on waking.
    PainEntry morning;
    morning.meta.id = id++;
    morning.meta.date = day;
    morning.when = Timing::morning;
    const double base = 3 + 1.2 * random.normal() + (long_yesterday ? long_run_effect : 0);
    morning.score = static_cast<int>(std::clamp(std::lround(base), 0L, 10L));
    if (random.chance(0.6)) morning.sleep_hours = std::round((7.2 + random.normal()) * 4) / 4;
    if (random.chance(0.1)) morning.meta.tags = {"stress"};
    j.pain.push_back(morning);
    const Weekday weekday = day.weekday();
    long_yesterday = false;
    const auto run = [&](double km, std::optional<Intensity> kind) {
      Session s;
      s.meta.id = id++;
      s.meta.date = day;
      s.metres = km * 1000;
      s.intensity = kind;
      if (random.chance(0.15)) s.meta.tags = {"trail"};
      j.sessions.push_back(s);
    };
    if (weekday == Weekday::sunday && random.chance(0.9)) {
      run(16 + 3 * random.uniform(), Intensity::long_run);
      long_yesterday = true;
    } else if (weekday == Weekday::tuesday || weekday == Weekday::thursday ||
               (weekday == Weekday::saturday && random.chance(0.7))) {
      const double u = random.uniform();
      run(6 + 3 * random.uniform(), u < 0.2 ? std::optional{Intensity::tempo}
                                    : u < 0.35 ? std::optional{Intensity::hills}
                                    : std::optional{Intensity::easy});
    } else if (random.chance(0.08)) {
      run(5 + 2 * random.uniform(), Intensity::easy);
    }
    if ((weekday == Weekday::wednesday && random.chance(0.7)) || (weekday == Weekday::monday && random.chance(0.2))) {
      Session s;
      s.meta.id = id++;
      s.meta.date = day;
      s.type = ActivityType::strength;
      s.seconds = 2400;
      if (random.chance(0.6)) s.lifts.push_back(Lift{"deadlift", 3, 5, 60 + 10 * random.uniform(), "kg"});
      j.sessions.push_back(s);
    }
    if (random.chance(0.2)) {
      Session s;
      s.meta.id = id++;
      s.meta.date = day;
      s.type = ActivityType::walk;
      s.metres = 3000;
      j.sessions.push_back(s);
    }
  }
  return j;
}

}  // namespace niggle::test
