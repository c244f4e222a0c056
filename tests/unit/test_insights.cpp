#include <doctest/doctest.h>

#include <cmath>

#include "insights_journal.hpp"
#include "niggle/core/insights.hpp"

using namespace niggle;
using niggle::test::generate_journal;

namespace {

Date ymd(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }

const FactorResult& factor(const Insights& in, std::string_view id) {
  for (const FactorResult& f : in.factors)
    if (f.id == id) return f;
  FAIL("no factor " << id);
  throw 0;
}

Insights insights_of(const test::GeneratedJournal& j, const Settings& settings = {}) {
  return compute_insights(InsightsInput{j.sessions, j.pain, std::nullopt, j.today}, settings);
}

}  // namespace

TEST_CASE("incomplete beta against closed forms") {
  // I_x(1, b) = 1 - (1 - x)^b and I_x(a, 1) = x^a, by integrating the beta density by hand.
  CHECK(incomplete_beta(1, 3, 0.2) == doctest::Approx(1 - std::pow(0.8, 3)).epsilon(1e-12));
  CHECK(incomplete_beta(2.5, 1, 0.7) == doctest::Approx(std::pow(0.7, 2.5)).epsilon(1e-12));
  CHECK(incomplete_beta(4, 1, 0.999) == doctest::Approx(std::pow(0.999, 4)).epsilon(1e-12));
  // I_0.5(a, a) = 1/2 by symmetry.
  CHECK(incomplete_beta(7.3, 7.3, 0.5) == doctest::Approx(0.5).epsilon(1e-12));
  CHECK(incomplete_beta(2, 3, 0) == 0);
  CHECK(incomplete_beta(2, 3, 1) == 1);
}

TEST_CASE("t distribution against closed forms and tables") {
  // df = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t) / pi; its 97.5% point is tan(0.475 pi).
  CHECK(t_cdf(1.0, 1) == doctest::Approx(0.75).epsilon(1e-12));
  CHECK(t_cdf(-3.0, 1) == doctest::Approx(0.5 + std::atan(-3.0) / M_PI).epsilon(1e-12));
  CHECK(t_quantile(0.975, 1) == doctest::Approx(std::tan(0.475 * M_PI)).epsilon(1e-9));  // 12.7062047...
  // df = 2: F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so the p point is (2p - 1) / sqrt(2p(1 - p)):
  // for p = 0.975, 0.95 / sqrt(0.04875) = 4.3026527...
  CHECK(t_cdf(1.5, 2) == doctest::Approx(0.5 + 1.5 / (2 * std::sqrt(2 + 2.25))).epsilon(1e-12));
  CHECK(t_quantile(0.975, 2) == doctest::Approx(0.95 / std::sqrt(2 * 0.975 * 0.025)).epsilon(1e-9));
  CHECK(t_quantile(0.025, 2) == doctest::Approx(-0.95 / std::sqrt(2 * 0.975 * 0.025)).epsilon(1e-9));
  // Computed by tests/unit/welch_reference.py (Simpson's rule over the density), and as printed
  // in every t table: 2.228 (df 10), 2.042 (df 30).
  CHECK(t_quantile(0.975, 10) == doctest::Approx(2.22813885198628).epsilon(1e-8));
  CHECK(t_quantile(0.975, 30) == doctest::Approx(2.0422724563012347).epsilon(1e-8));
  CHECK(1 - t_cdf(2.5, 7) == doctest::Approx(0.020496109292876357).epsilon(1e-8));
  // A large df approaches the normal distribution's 1.959964.
  CHECK(t_quantile(0.975, 1e7) == doctest::Approx(1.959964).epsilon(1e-6));
  CHECK(t_quantile(0.5, 5) == 0);
  // Far in the tail, still right: the quantile and the distribution invert each other.
  CHECK(t_cdf(t_quantile(1 - 1e-7, 4.5), 4.5) == doctest::Approx(1 - 1e-7).epsilon(1e-12));
}

TEST_CASE("Welch's test against values computed independently") {
  // tests/unit/welch_reference.py: statistics.mean/variance, the Welch-Satterthwaite df, and
  // the tail probability and quantile by numerical integration of the t density.
  const std::vector<double> a{6, 5, 7, 6, 8, 5, 6, 7}, b{4, 3, 5, 4, 4, 3, 5, 2, 4, 3, 4, 5};
  const WelchResult r = welch_test(a, b);
  CHECK(r.difference == doctest::Approx(2.4166666666666665));
  CHECK(r.std_error == doctest::Approx(0.45514931029377015));
  CHECK(r.df == doctest::Approx(14.070922290648982));
  CHECK(r.t == doctest::Approx(5.309612938019967));
  CHECK(r.p_value == doctest::Approx(0.00010837190477217223).epsilon(1e-6));
  CHECK(r.ci_low == doctest::Approx(1.440929894757363).epsilon(1e-7));
  CHECK(r.ci_high == doctest::Approx(3.39240343857597).epsilon(1e-7));

  const std::vector<double> c{3, 4, 2, 5, 3}, d{3, 2, 4, 3, 3, 4, 2};
  const WelchResult s = welch_test(c, d);
  CHECK(s.difference == doctest::Approx(0.4));
  CHECK(s.df == doctest::Approx(6.854011092545989));
  CHECK(s.t == doctest::Approx(0.671120067329325));
  CHECK(s.p_value == doctest::Approx(0.5241082905903921).epsilon(1e-6));
  CHECK(s.ci_low < 0);
  CHECK(s.ci_high > 0);

  // Constant sides: no spread; equal means are no difference at all.
  const std::vector<double> same{4, 4, 4, 4, 4};
  CHECK(welch_test(same, same).p_value == 1);
  const std::vector<double> higher{6, 6, 6, 6, 6};
  CHECK(welch_test(higher, same).p_value == 0);
  CHECK(welch_test(higher, same).ci_low == 2);
}

TEST_CASE("Holm's adjustment") {
  // By hand: sorted 0.01, 0.02, 0.04, 0.30 times 4, 3, 2, 1 = 0.04, 0.06, 0.08, 0.30, each at
  // least the one before.
  const std::vector<double> p{0.04, 0.01, 0.30, 0.02};
  const std::vector<double> adjusted = holm_adjust(p);
  CHECK(adjusted[1] == doctest::Approx(0.04));
  CHECK(adjusted[3] == doctest::Approx(0.06));
  CHECK(adjusted[0] == doctest::Approx(0.08));
  CHECK(adjusted[2] == doctest::Approx(0.30));
  // Monotone: 0.001 x 3 = 0.003, then 0.0012 x 2 = 0.0024 is raised to 0.003; capped at 1.
  const std::vector<double> q{0.001, 0.0012, 0.9};
  const std::vector<double> adjusted_q = holm_adjust(q);
  CHECK(adjusted_q[1] == doctest::Approx(0.003));
  CHECK(adjusted_q[2] == doctest::Approx(0.9));
  CHECK(holm_adjust(std::vector<double>{0.6, 0.7})[0] == doctest::Approx(1.0));
  CHECK(holm_adjust(std::vector<double>{}).empty());
}

TEST_CASE("insights: long runs that really raise next-morning pain are found, with their interval") {
  const auto journal = generate_journal(7, 2.0);
  const Insights in = insights_of(journal);
  const FactorResult& longs = factor(in, "long-run");
  REQUIRE(longs.enough);
  CHECK(longs.significant);
  CHECK(longs.n_with >= 20);
  CHECK(longs.n_without > 100);
  CHECK(*longs.ci_low > 0.5);
  CHECK(*longs.ci_low < 2.0);
  CHECK(*longs.ci_high > 2.0);
  CHECK(*longs.difference == doctest::Approx(2.0).epsilon(0.35));
  CHECK(*longs.p_adjusted < 0.05);
  // The largest effect comes first, and says so in words.
  CHECK(in.factors.front().id == "long-run");
  CHECK(insight_sentence(longs).starts_with("After long runs"));
  CHECK(insight_sentence(longs).find("higher (") != std::string::npos);
  CHECK(in.tested >= 8);
}

TEST_CASE("insights: in noise, no finding, and the false-finding rate stays at the nominal level") {
  constexpr int kSeeds = 200;
  int journals_with_a_finding = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    const Insights in = insights_of(generate_journal(static_cast<std::uint64_t>(1000 + seed), 0.0));
    REQUIRE(in.tested >= 8);
    bool any = false;
    for (const FactorResult& f : in.factors) {
      if (f.significant) MESSAGE("seed " << seed << " " << f.id << " " << f.n_with << "/" << f.n_without << " d=" << *f.difference << " p=" << *f.p_value);
      any = any || f.significant;
    }
    journals_with_a_finding += any;
  }
  MESSAGE("noise journals with a false finding: " << journals_with_a_finding << " of " << kSeeds);
  // Holm keeps the chance of any false finding in a journal at or under alpha = 5%.
  CHECK(journals_with_a_finding <= kSeeds * 5 / 100);
}

TEST_CASE("insights: thresholds, unknown days and too few occasions") {
  Settings settings;
  std::vector<Session> sessions;
  std::vector<PainEntry> pain;
  std::int64_t id = 1;
  const Date start = ymd(2026, 9, 7);  // Monday
  const auto add_pain = [&](Date day, int score, std::optional<Timing> when = std::nullopt) {
    PainEntry p;
    p.meta.id = id++;
    p.meta.date = day;
    p.score = score;
    p.when = when;
    pain.push_back(p);
  };
  const auto add_run = [&](Date day, double km, std::optional<Intensity> kind = std::nullopt) {
    Session s;
    s.meta.id = id++;
    s.meta.date = day;
    s.metres = km * 1000;
    s.intensity = kind;
    sessions.push_back(s);
  };
  // Three weeks of 5 km runs every other day, then one 7.6 km run (1.52 x the median, over
  // 1.5) and one of 7.4 km (1.48 x, under).
  for (int i = 0; i < 21; i += 2) add_run(start.plus_days(i), 5);
  add_run(start.plus_days(22), 7.6);
  add_run(start.plus_days(24), 7.4);
  // A later entry of the next day, not marked morning, comes first: the first recorded wins
  // when no entry is marked morning; a morning entry wins over an earlier one.
  for (int i = 0; i < 26; ++i) add_pain(start.plus_days(i), 2);
  add_pain(start.plus_days(23), 9, Timing::morning);
  const Date today = start.plus_days(26);
  const Insights in = compute_insights(InsightsInput{sessions, pain, std::nullopt, today}, settings);
  const FactorResult& longs = factor(in, "long-run");
  // The 7.6 km run is long; 7.4 km is not; runs of the first days have no median (fewer
  // than 3 runs before them) and are left out.
  CHECK(longs.n_with == 1);
  CHECK(*longs.mean_with == 9);  // the morning entry of the next day, not its first entry
  CHECK(!longs.enough);
  CHECK(!longs.significant);
  CHECK(insight_sentence(longs).find("not enough occasions yet (1 against") != std::string::npos);
  // Days without a next-morning score are left out: 25 days have one (the last has none).
  CHECK(in.days == 25);
  // Two run days in a row never happened, and the day before the journal is unknown.
  CHECK(factor(in, "back-to-back").n_with == 0);
  // Strength: none recorded, and the first 6 days' week reaches before the journal: unknown.
  CHECK(factor(in, "strength-week").n_without == 25 - 6);
  // Week over the L1 budget: no baseline of 2 known weeks until the third week.
  CHECK(factor(in, "week-over-budget").n_with + factor(in, "week-over-budget").n_without == 25 - 14);

  // --since leaves out the days before it, but not their history.
  const Insights later = compute_insights(InsightsInput{sessions, pain, start.plus_days(22), today}, settings);
  CHECK(later.days == 3);
  CHECK(factor(later, "long-run").n_with == 1);

  // The ratio is a setting: at 1.45 both late runs are long.
  settings.advice.long_run_ratio = 1.45;
  CHECK(factor(compute_insights(InsightsInput{sessions, pain, std::nullopt, today}, settings), "long-run").n_with == 2);

  // An empty journal has nothing to say.
  const Insights none = compute_insights(InsightsInput{{}, {}, std::nullopt, today}, Settings{});
  CHECK(none.days == 0);
  CHECK(none.factors.empty());
}

TEST_CASE("insights: heavy deadlifts at least once a week") {
  const auto journal = generate_journal(3, 0.0);
  const Insights in = insights_of(journal);
  CHECK(in.deadlifts.weeks == 8);
  CHECK(in.deadlifts.sessions_with_lifts > 0);
  CHECK(in.deadlifts.weeks_with_heavy <= in.deadlifts.weeks);
  CHECK(in.deadlifts.last_heavy.has_value());
  // Reps over the heavy limit do not count.
  Settings settings;
  settings.advice.heavy_lift_reps = 4;
  CHECK(insights_of(journal, settings).deadlifts.weeks_with_heavy == 0);
}
