// The report's SVG charts, read back as XML: bar heights follow the weekly distances, the
// budget steps sit at the budget on the axis, an over-budget week is marked, flagged days are
// banded, runs are ticks of the right height, and every day has its verdict.
#include <doctest/doctest.h>

#include <cmath>
#include <pugixml.hpp>
#include <string>

#include "niggle/views/report_chart.hpp"
#include "report_scenario.hpp"

using namespace niggle;
using namespace niggle::test;

namespace {

struct Svg {
  pugi::xml_document doc;
  explicit Svg(const std::string& text) {
    const pugi::xml_parse_result parsed = doc.load_string(text.c_str());
    INFO(parsed.description(), " at offset ", parsed.offset);
    REQUIRE(parsed);
  }
  pugi::xpath_node_set all(const char* xpath) const { return doc.select_nodes(xpath); }
  pugi::xml_node one(const std::string& xpath) const { return doc.select_node(xpath.c_str()).node(); }
};

double attr(const pugi::xml_node& node, const char* name) { return node.attribute(name).as_double(); }

}  // namespace

TEST_CASE("nice_axis") {
  CHECK(nice_axis(56.8).max == doctest::Approx(60));
  CHECK(nice_axis(56.8).step == doctest::Approx(20));
  CHECK(nice_axis(100).max == doctest::Approx(100));
  CHECK(nice_axis(101).max == doctest::Approx(150));
  CHECK(nice_axis(7.3, 4).step == doctest::Approx(2));
  CHECK(nice_axis(7.3, 4).max == doctest::Approx(8));
  CHECK(nice_axis(0.4).step == doctest::Approx(0.1));
  CHECK(nice_axis(0).max == doctest::Approx(10));  // nothing to show still gets an axis
  for (double v : {0.7, 3.0, 12.5, 44.09, 99.9, 250.0, 1234.5}) {
    const Axis a = nice_axis(v);
    CHECK(a.max >= v);
    CHECK(a.max / a.step <= 5 + 1e-9);
  }
}

TEST_CASE("split_panels") {
  using Panels = std::vector<std::pair<std::size_t, std::size_t>>;
  CHECK(split_panels(12, 26) == Panels{{0, 12}});
  CHECK(split_panels(26, 26) == Panels{{0, 26}});
  CHECK(split_panels(30, 26) == Panels{{0, 15}, {15, 15}});
  CHECK(split_panels(53, 26) == Panels{{0, 18}, {18, 18}, {36, 17}});
  CHECK(split_panels(0, 26).empty());
}

TEST_CASE("weekly_chart_svg") {
  Scenario s;
  const Report report = s.report(4);
  const Svg svg(weekly_chart_svg(report, 0, report.weeks.size()));

  SUBCASE("one bar per week, its height proportional to the week's distance") {
    const auto bars = svg.all("//rect[contains(@class,'bar')]");
    REQUIRE(bars.size() == 4);
    double per_km = 0;
    for (const auto& b : bars) {
      const pugi::xml_node bar = b.node();
      const std::string label = bar.attribute("data-week").value();
      const auto it = std::find_if(report.weeks.begin(), report.weeks.end(), [&](const ReportWeek& w) { return w.summary.label == label; });
      REQUIRE(it != report.weeks.end());
      CHECK(attr(bar, "data-km") == doctest::Approx(it->summary.load.run_metres / 1000));
      if (attr(bar, "data-km") == 0) {
        CHECK(attr(bar, "height") == doctest::Approx(0));
        continue;
      }
      const double ratio = attr(bar, "height") / attr(bar, "data-km");
      if (per_km == 0) per_km = ratio;
      CHECK(ratio == doctest::Approx(per_km).epsilon(0.001));
    }
    // W47 ran 30 km, W46 20 km: the bars are 3 to 2.
    const double w47 = attr(svg.one("//rect[@data-week='2026-W47']"), "height");
    const double w46 = attr(svg.one("//rect[@data-week='2026-W46']"), "height");
    CHECK(w47 / w46 == doctest::Approx(1.5).epsilon(0.001));
  }
  SUBCASE("the over-budget week is marked, in class and in words") {
    CHECK(std::string(svg.one("//rect[@data-week='2026-W47']").attribute("class").value()) == "bar over");
    CHECK(std::string(svg.one("//rect[@data-week='2026-W46']").attribute("class").value()) == "bar");
    CHECK(std::string(svg.one("//rect[@data-week='2026-W48']").attribute("class").value()) == "bar so-far");
    const auto over = svg.all("//text[@class='over-label']");
    REQUIRE(over.size() == 1);
    CHECK(std::string(over.first().node().child_value()) == "+15%");
  }
  SUBCASE("each budget step sits at 1.30 x the baseline on the bars' scale") {
    const pugi::xml_node bar = svg.one("//rect[@data-week='2026-W47']");
    const double bottom = attr(bar, "y") + attr(bar, "height");
    const double per_km = attr(bar, "height") / 30.0;
    const auto budgets = svg.all("//line[@class='budget']");
    REQUIRE(budgets.size() == 4);
    for (const auto& b : budgets) {
      const pugi::xml_node line = b.node();
      const std::string label = line.attribute("data-week").value();
      CAPTURE(label);
      // 1.30 x 20 km before W48, whose 4 weeks before include W47's 30 km: 1.30 x 22.5 km.
      const double expected = label == "2026-W48" ? 29.25 : 26;
      CHECK(attr(line, "data-km") == doctest::Approx(expected));
      CHECK((bottom - attr(line, "y1")) / per_km == doctest::Approx(expected).epsilon(0.001));
    }
  }
  SUBCASE("pain: a mean and a highest point per week with pain, on the 0-10 axis") {
    CHECK(svg.all("//*[@class='pain-mean']").size() == 3);  // W45 has no pain recorded: no point, a gap
    const pugi::xml_node w47 = svg.one("//*[@class='pain-max' and @data-week='2026-W47']");
    CHECK(attr(w47, "data-pain") == doctest::Approx(8));
  }
  SUBCASE("axes with units, a legend, a title") {
    const std::string text = weekly_chart_svg(report, 0, report.weeks.size());
    CHECK(text.find("Running per week (km)") != std::string::npos);
    CHECK(text.find("Pain (0-10)") != std::string::npos);
    CHECK(text.find("Budget: 1.30 x the mean of the 4 weeks before") != std::string::npos);
    CHECK(text.find("Week: ISO week number and its first day") != std::string::npos);
    CHECK(svg.one("/svg/title"));
  }
  SUBCASE("in miles, the axis says so") {
    Scenario m;
    m.settings.units = DistanceUnit::mi;
    const std::string text = weekly_chart_svg(m.report(4), 0, 4);
    CHECK(text.find("Running per week (mi)") != std::string::npos);
  }
}

TEST_CASE("timeline_svg") {
  Scenario s;
  const Report report = s.report(4);
  const Svg svg(timeline_svg(report, 0, report.days.size()));

  SUBCASE("flagged days are banded") {
    const auto red = svg.all("//rect[contains(@class,'red-flag')]");
    REQUIRE(red.size() == 1);
    CHECK(std::string(red.first().node().attribute("data-date").value()) == "2026-11-23");
    const auto nerve = svg.all("//rect[contains(@class,'nerve')]");
    REQUIRE(nerve.size() == 1);
    CHECK(std::string(nerve.first().node().attribute("data-date").value()) == "2026-11-19");
    CHECK(svg.all("//rect[contains(@class,'serious-cause')]").empty());
  }
  SUBCASE("a point per day and location with a score, at its height") {
    const pugi::xml_node severe = svg.one("//*[@class='pain-point' and @data-date='2026-11-21']");
    REQUIRE(severe);
    CHECK(std::string(severe.attribute("data-location").value()) == "lower-back");
    CHECK(attr(severe, "data-pain") == doctest::Approx(8));
    CHECK_FALSE(svg.one("//*[@class='pain-point' and @data-date='2026-11-20']"));  // nothing recorded
    CHECK(std::string(svg.one("//*[@class='pain-point' and @data-date='2026-11-23']").attribute("data-location").value()) ==
          "none");
  }
  SUBCASE("runs are ticks whose heights follow the day's distance") {
    const auto runs = svg.all("//rect[@class='run']");
    REQUIRE(runs.size() == 6);  // two a week in W45, W46 and W47; none so far in W48
    const double ten = attr(svg.one("//rect[@class='run' and @data-date='2026-11-17']"), "height");
    const double twenty = attr(svg.one("//rect[@class='run' and @data-date='2026-11-22']"), "height");
    CHECK(twenty / ten == doctest::Approx(2).epsilon(0.001));
    CHECK(svg.one("//*[@class='other' and @data-date='2026-11-24']"));  // the walk
  }
  SUBCASE("every day has its verdict") {
    const auto advice = svg.all("//rect[@class='advice']");
    CHECK(advice.size() == report.days.size());
    CHECK(std::string(svg.one("//rect[@class='advice' and @data-date='2026-11-23']").attribute("data-verdict").value()) ==
          "urgent");
  }
  SUBCASE("a legend names what each mark means") {
    const std::string text = timeline_svg(report, 0, report.days.size());
    for (const char* words : {"Pain: lower back", "Pain: hip", "Pain: location not given", "Red-flag symptom (seek care now)",
                              "Nerve symptom", "Run (height: the day&#39;s km)", "Advice:", "seek care now", "Pain (0-10)"}) {
      CAPTURE(words);
      CHECK(text.find(words) != std::string::npos);
    }
  }
}
