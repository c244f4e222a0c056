// Gear: matching names, summing distances, retirement; and gear in a journal on disk.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "niggle/core/error.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/store/journal.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::TempDir;

namespace {

const Date kDay = *Date::from_ymd(2026, 11, 24);

GearItem item(std::string name, std::optional<double> retire_at = std::nullopt, bool is_default = false,
              ActivityType type = ActivityType::run) {
  GearItem g;
  g.name = std::move(name);
  g.type = type;
  g.retire_at_metres = retire_at;
  g.is_default = is_default;
  return g;
}

Session run(double metres, Date day, std::optional<std::string> gear) {
  Session s;
  s.metres = metres;
  s.seconds = 1800;
  s.meta.date = day;
  s.gear = std::move(gear);
  return s;
}

void raw_sql(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  const std::string error = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, error);
}

std::string thrown(auto&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

}  // namespace

TEST_CASE("gear names are matched without regard to case, and an unknown one gets a did-you-mean") {
  const std::vector<GearItem> items{item("Pegasus 40"), item("Canyon Endurace")};
  CHECK(find_gear(items, "pegasus 40") == &items[0]);
  CHECK(find_gear(items, "PEGASUS 40") == &items[0]);
  CHECK(find_gear(items, "Pegasus 4") == nullptr);
  CHECK(require_gear(items, "canyon endurace").name == "Canyon Endurace");
  CHECK(thrown([&] { require_gear(items, "pegasus 41"); }) == "no gear is named 'pegasus 41' (did you mean 'Pegasus 40'?)");
  CHECK(thrown([&] { require_gear(items, "zzzzzzzz"); }) ==
        "no gear is named 'zzzzzzzz'; the journal has: Pegasus 40, Canyon Endurace");
  try {
    require_gear(items, "x");
    FAIL("no throw");
  } catch (const Error& e) {
    CHECK(e.code() == ExitCode::not_found);
  }
  CHECK(thrown([] { require_gear({}, "x"); }).find("has none yet") != std::string::npos);
}

TEST_CASE("gear names: trimmed, 1-60 bytes, no control characters") {
  CHECK(parse_gear_name("  Pegasus 40 ") == "Pegasus 40");
  CHECK(parse_gear_name(std::string(60, 'a')) == std::string(60, 'a'));
  CHECK_THROWS_AS(parse_gear_name(std::string(61, 'a')), ValueError);
  CHECK_THROWS_AS(parse_gear_name("   "), ValueError);
  CHECK_THROWS_AS(parse_gear_name("a\tb"), ValueError);
  CHECK_THROWS_AS(parse_gear_name("a\xff"), ValueError);
  CHECK_THROWS_AS(parse_gear_name("a\u202eb"), ValueError);
}

TEST_CASE("gear usage sums each item's sessions, their count, first and last use") {
  const std::vector<GearItem> items{item("Pegasus 40"), item("Spare"), item("Canyon")};
  const std::vector<Session> sessions{run(10'000, kDay, "pegasus 40"), run(5'500, kDay.minus_days(9), "Pegasus 40"),
                                      run(7'000, kDay.minus_days(3), "Canyon"), run(3'000, kDay, std::nullopt),
                                      run(4'000, kDay.minus_days(1), "unknown item")};
  const auto usage = gear_usage(items, sessions);
  REQUIRE(usage.size() == 3);
  CHECK(usage[0].metres == doctest::Approx(15'500));
  CHECK(usage[0].sessions == 2);
  CHECK(usage[0].first_use == kDay.minus_days(9));
  CHECK(usage[0].last_use == kDay);
  CHECK(usage[1].sessions == 0);
  CHECK(usage[1].metres == 0);
  CHECK_FALSE(usage[1].first_use);
  CHECK(usage[2].metres == doctest::Approx(7'000));
  // A session without a distance counts as a session, adding no distance.
  Session strength = run(1, kDay, "Spare");
  strength.metres.reset();
  const auto with_strength = gear_usage(items, std::vector<Session>{strength});
  CHECK(with_strength[1].sessions == 1);
  CHECK(with_strength[1].metres == 0);
}

TEST_CASE("retirement: crossing it, and the notices within 50 km of it") {
  const GearItem shoe = item("Pegasus 40", 800'000);
  CHECK(crosses_retirement(shoe, 795'000, 5'000));     // exactly at it
  CHECK(crosses_retirement(shoe, 795'000, 10'000));    // past it
  CHECK_FALSE(crosses_retirement(shoe, 789'000, 10'999));  // 1 m short
  CHECK_FALSE(crosses_retirement(shoe, 800'000, 5'000));   // already past: not crossing again
  CHECK_FALSE(crosses_retirement(item("No limit"), 0, 1e9));

  std::vector<GearItem> items{item("A", 800'000), item("B", 800'000), item("C", 800'000), item("D"), item("E", 800'000)};
  items[4].retired_on = kDay;
  std::vector<GearUsage> usage(5);
  usage[0].metres = 750'000;  // exactly 50 km left: mentioned
  usage[1].metres = 749'999;  // 50.001 km left: not
  usage[2].metres = 812'000;  // past it: mentioned
  usage[3].metres = 5'000'000;  // no retirement distance
  usage[4].metres = 799'000;  // retired: not
  const auto notices = gear_near_retirement(items, usage);
  REQUIRE(notices.size() == 2);
  CHECK(notices[0].item.name == "A");
  CHECK(notices[0].metres_left == doctest::Approx(50'000));
  CHECK(notices[1].item.name == "C");
  CHECK(notices[1].metres_left == doctest::Approx(-12'000));
  CHECK(describe(notices[0], DistanceUnit::km) == "Gear: 'A' has 50.00 km left before its retirement at 800.00 km.");
  CHECK(describe(notices[1], DistanceUnit::km).find("has gone 812.00 km, past its retirement at 800.00 km") !=
        std::string::npos);
}

TEST_CASE("the default gear of a type is never a retired item") {
  std::vector<GearItem> items{item("Bike", std::nullopt, true, ActivityType::bike), item("Shoe", std::nullopt, true)};
  CHECK(default_gear(items, ActivityType::run)->name == "Shoe");
  CHECK(default_gear(items, ActivityType::bike)->name == "Bike");
  CHECK(default_gear(items, ActivityType::walk) == nullptr);
  items[1].retired_on = kDay;
  CHECK(default_gear(items, ActivityType::run) == nullptr);
}

TEST_CASE("a gear record round-trips, and a bad one is refused") {
  GearItem g = item("Pegasus 40", 800'000, true);
  g.retired_on = kDay;
  g.created_at = "2026-11-01T10:00:00Z";
  g.modified_at = "2026-11-02T10:00:00Z";
  CHECK(gear_from_json(gear_to_json(g)) == g);
  CHECK_THROWS_AS(gear_from_json(Json{{"name", "x"}, {"colour", "red"}}), ValueError);
  CHECK_THROWS_AS(gear_from_json(Json{{"name", "x"}, {"retire_at_km", -1}}), ValueError);
  CHECK_THROWS_AS(gear_from_json(Json{{"name", "x"}, {"type", "boat"}}), ValueError);
  CHECK_THROWS_AS(gear_from_json(Json{{"type", "run"}}), ValueError);
}

TEST_CASE("journal: gear items, renames that follow the sessions, removals, and undo of each") {
  TempDir dir;
  Journal journal = Journal::open(dir / "j.db", Journal::Access::write);
  const GearItem added = journal.add_gear(item("Pegasus 40", 800'000, true));
  CHECK_FALSE(added.created_at.empty());
  CHECK_THROWS_AS(journal.add_gear(item("PEGASUS 40")), ValueError);
  journal.add(run(10'000, kDay, "Pegasus 40"));
  journal.add(run(6'000, kDay, std::nullopt));
  CHECK(journal.sessions_with_gear().size() == 1);

  // A second default of the same type takes the first one's place.
  journal.add_gear(item("Pegasus 41", std::nullopt, true));
  auto items = journal.gear();
  REQUIRE(items.size() == 2);
  CHECK_FALSE(items[0].is_default);
  CHECK(items[1].is_default);
  REQUIRE(journal.undo());
  CHECK(journal.gear().size() == 1);
  CHECK(journal.gear()[0].is_default);

  GearItem renamed = journal.gear()[0];
  renamed.name = "Pegasus 40 (blue)";
  REQUIRE(journal.update_gear("pegasus 40", renamed));
  CHECK(journal.gear()[0].name == "Pegasus 40 (blue)");
  CHECK(journal.gear()[0].is_default);  // a default renamed stays the default
  CHECK(*journal.sessions_with_gear()[0].gear == "Pegasus 40 (blue)");
  const auto undone = journal.undo();
  REQUIRE(undone);
  CHECK(undone->gear_steps.size() == 1);
  CHECK(undone->steps.size() == 1);  // the session's edit
  CHECK(journal.gear()[0].name == "Pegasus 40");
  CHECK(*journal.sessions_with_gear()[0].gear == "Pegasus 40");

  CHECK_THROWS_AS(journal.remove_gear("Pegasus 40", false), ValueError);
  CHECK(journal.gear().size() == 1);
  const auto [gone, cleared] = journal.remove_gear("pegasus 40", true);
  CHECK(gone.name == "Pegasus 40");
  CHECK(cleared == 1);
  CHECK(journal.gear().empty());
  CHECK(journal.sessions_with_gear().empty());
  REQUIRE(journal.undo());
  CHECK(journal.gear().size() == 1);
  CHECK(journal.sessions_with_gear().size() == 1);
  CHECK_THROWS_AS(journal.update_gear("nothing", item("x")), NotFoundError);
}

TEST_CASE("journal: merges join items of one name from two journals and create gear that sessions name") {
  TempDir dir;
  Journal one = Journal::open(dir / "one.db", Journal::Access::write);
  Journal two = Journal::open(dir / "two.db", Journal::Access::write);
  one.add_gear(item("Pegasus 40", 800'000));
  two.add_gear(item("pegasus 40"));
  two.add(run(12'000, kDay, "pegasus 40"));
  const std::vector<Entry> entries = two.all_entries();
  const std::vector<GearItem> items = two.gear();
  const auto counts = one.merge(std::vector<MergeSource>{{entries, {}, items}}, "two").at(0);
  CHECK(counts.gear_added == 0);
  REQUIRE(one.gear().size() == 1);  // one item, not two
  const auto usage = gear_usage(one.gear(), one.sessions_with_gear());
  CHECK(usage[0].metres == doctest::Approx(12'000));

  // A session naming gear this journal lacks brings the item with it.
  Journal three = Journal::open(dir / "three.db", Journal::Access::write);
  const auto created = three.merge(std::vector<MergeSource>{{entries, {}}}, "two").at(0);
  CHECK(created.gear_added == 1);
  REQUIRE(three.gear().size() == 1);
  CHECK(three.gear()[0].name == "pegasus 40");
  REQUIRE(three.undo());
  CHECK(three.gear().empty());
}

TEST_CASE("journal: gear_totals sums in SQL what gear_usage sums from the sessions, names of any case together") {
  TempDir dir;
  Journal journal = Journal::open(dir / "j.db", Journal::Access::write);
  journal.add_gear(item("Pegasus 40", 800'000));
  journal.add_gear(item("Trail"));
  journal.add(run(12'000, kDay.minus_days(9), "Pegasus 40"));
  journal.add(run(8'500, kDay, "pegasus 40"));  // stored as typed before the item was renamed, say
  journal.add(run(21'100, kDay.minus_days(3), "Trail"));
  journal.add(run(5'000, kDay.minus_days(1), std::nullopt));
  const std::vector<GearItem> items = journal.gear();
  const std::vector<GearNameTotals> totals = journal.gear_totals();
  CHECK(totals.size() == 3);  // per stored name; the case is joined by gear_usage
  const std::vector<GearUsage> summed = gear_usage(items, totals);
  const std::vector<GearUsage> counted = gear_usage(items, journal.sessions_with_gear());
  REQUIRE(summed.size() == 2);
  for (std::size_t i = 0; i < summed.size(); ++i) {
    CHECK(summed[i].metres == doctest::Approx(counted[i].metres));
    CHECK(summed[i].sessions == counted[i].sessions);
    CHECK(summed[i].first_use == counted[i].first_use);
    CHECK(summed[i].last_use == counted[i].last_use);
  }
  const auto pegasus = items[0].name == "Pegasus 40" ? 0 : 1;
  CHECK(summed[pegasus].metres == doctest::Approx(20'500));
  CHECK(summed[pegasus].sessions == 2);
  CHECK(summed[pegasus].first_use == kDay.minus_days(9));
  CHECK(summed[pegasus].last_use == kDay);
  CHECK(watches_retirement(items));
  CHECK_FALSE(watches_retirement(std::vector<GearItem>{items[1 - pegasus]}));
}

TEST_CASE("migration 8: a schema-7 journal gains gear, and a change logged before it is still undone") {
  TempDir dir;
  const auto path = dir / "j.db";
  {
    Journal journal = Journal::open(path, Journal::Access::write);
    journal.add(run(5'000, kDay, std::nullopt));
  }
  // Back to schema 7 as it was: no gear tables or column, and a change log whose records
  // were written without the gear field.
  raw_sql(path, R"sql(
    DROP TABLE gear_change; DROP TABLE gear; DROP INDEX session_by_gear;
    ALTER TABLE session DROP COLUMN gear;
    UPDATE change SET after = json_remove(after, '$.gear');
    PRAGMA user_version = 7;
  )sql");
  Journal journal = Journal::open(path, Journal::Access::write);
  CHECK(journal.schema_version() == Journal::kSchemaVersion);
  CHECK(journal.gear().empty());
  CHECK(journal.sessions_with_gear().empty());
  journal.add_gear(item("Pegasus 40"));
  REQUIRE(journal.undo());  // the item
  const auto undone = journal.undo();  // the session logged under schema 7
  REQUIRE(undone);
  CHECK(undone->steps.size() == 1);
  CHECK(journal.count_entries() == 0);
}
