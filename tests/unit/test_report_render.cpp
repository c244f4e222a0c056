// The report's pages: the HTML is well-formed XML with every section, fetches nothing and
// runs nothing, escapes the journal's text; the Markdown says the same without charts.
#include <doctest/doctest.h>

#include <algorithm>
#include <fmt/format.h>
#include <pugixml.hpp>
#include <string>

#include "niggle/views/markup.hpp"
#include "niggle/views/report_render.hpp"
#include "niggle/core/text.hpp"
#include "niggle/views/week_report.hpp"
#include "report_scenario.hpp"

using namespace niggle;
using namespace niggle::test;

namespace {

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("report_html") {
  Scenario s;
  const Report report = s.report(4);
  const std::string html = report_html(report);

  SUBCASE("well-formed, with every section in order") {
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_string(html.c_str());
    INFO(parsed.description(), " at offset ", parsed.offset);
    REQUIRE(parsed);
    std::vector<std::string> ids;
    for (const auto& node : doc.select_nodes("//section")) ids.emplace_back(node.node().attribute("id").value());
    std::vector<std::string> expected;
    for (const ReportSection& section : kReportSections) expected.emplace_back(section.id);
    CHECK(ids == expected);
    CHECK(doc.select_nodes("//figure/svg").size() == 2);
    CHECK(std::string(doc.select_node("/html/head/title").node().child_value()) == "Running and pain: 4 weeks to Tue 24 Nov 2026");
  }
  SUBCASE("self-contained: no script, nothing fetched") {
    const std::string lower = ascii_lower(html);
    CHECK_FALSE(contains(lower, "<script"));
    CHECK_FALSE(contains(lower, "<link"));
    CHECK_FALSE(contains(lower, "<img"));
    CHECK_FALSE(contains(lower, "src="));
    CHECK_FALSE(contains(lower, "url("));
    CHECK_FALSE(contains(lower, "@import"));
    // The only addresses are the XML namespaces, which are names, not fetched.
    std::size_t at = 0, addresses = 0;
    while ((at = lower.find("http", at)) != std::string::npos) {
      const bool name = lower.compare(at, 28, "http://www.w3.org/1999/xhtml") == 0 ||
                        lower.compare(at, 26, "http://www.w3.org/2000/svg") == 0;
      CHECK(name);
      ++addresses, ++at;
    }
    CHECK(addresses == 3);  // the page's namespace and the two charts'
    CHECK(contains(html, "@page { size: A4;"));
  }
  SUBCASE("the journal's text is escaped, never markup") {
    CHECK(contains(html, "long run &lt;script&gt;alert(1)&lt;/script&gt;"));
    CHECK(contains(html, "tempo felt &lt;b&gt;easy&lt;/b&gt;"));
    CHECK_FALSE(contains(html, "<b>easy"));
  }
  SUBCASE("says what it is: the period, the journal, not a diagnosis") {
    CHECK(contains(html, "Mon 2 Nov 2026 to Tue 24 Nov 2026: 2026-W45 to 2026-W48"));
    CHECK(contains(html, html_escape((s.dir / "journal.db").string())));
    CHECK(contains(html, "a journal&#39;s aid, not a diagnosis"));
  }
  SUBCASE("the weeks table holds `week --weeks N`'s cells, then the budget") {
    const ReportStyle style;
    for (const ReportWeek& week : report.weeks) {
      const WeekSummary& w = week.summary;
      CAPTURE(w.label);
      // The cells appear in order in one row (each preceded by its <td ...>).
      std::size_t at = html.find("<td>" + w.label);
      REQUIRE(at != std::string::npos);
      for (const std::string& cell : week_row_cells(w, style)) {
        at = html.find(">" + html_escape(cell) + "</td>", at);
        CHECK(at != std::string::npos);
      }
    }
    CHECK(contains(html, "<tr class=\"over\"><td>2026-W47</td>"));
    CHECK(contains(html, "<td class=\"n overby\">+15%</td>"));
  }
  SUBCASE("the notable days carry the advice of that day") {
    CHECK(contains(html, "<tr data-date=\"2026-11-23\"><td class=\"date\">Mon 23 Nov</td>"));
    CHECK(contains(html, "<span class=\"verdict v-urgent\">seek care now</span> Seek emergency care now"));
    CHECK(contains(html, "Rules that fired: P1 red flags"));
  }
}

TEST_CASE("report_markdown") {
  Scenario s;
  const Report report = s.report(4);
  const std::string md = report_markdown(report);
  CHECK(md.rfind("# Running and pain: 4 weeks to Tue 24 Nov 2026\n", 0) == 0);
  for (const ReportSection& section : kReportSections) {
    if (section.id == "weekly" || section.id == "daily") continue;  // the charts
    CAPTURE(section.heading);
    CHECK(contains(md, fmt::format("\n## {}\n", section.heading)));
  }
  CHECK_FALSE(contains(md, "<svg"));
  // Every '<' in the page comes from a note, and is escaped.
  for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1)) {
    REQUIRE(at > 0);
    CHECK(md[at - 1] == '\\');
  }
  CHECK(contains(md, "long run \\<script\\>alert(1)\\</script\\>"));
  CHECK(contains(md, "- **Red-flag symptoms:** 1 day: Mon 23 Nov (bladder trouble)."));
  CHECK(contains(md, "| 2026-W47 | 2026-11-16 | 30.00 | 2 | 20.00 | 5 |"));
  CHECK(contains(md, "| 2026-W48\\* | 2026-11-23 |"));
  CHECK(contains(md, "- **Mon 23 Nov**: red-flag symptom: bladder trouble."));
  CHECK(contains(md, "(tags: #physio)"));
}
