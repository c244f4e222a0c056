#pragma once
// A journal for the report's tests: eight weeks of 20 km, then a week of 30 km with a spike,
// pain that rises to a flare-up, a nerve symptom, severe pain and a red flag, and notes that
// hold markup. Today is Tue 2026-11-24, as in the end-to-end tests.
#include "niggle/views/report.hpp"
#include "niggle/core/units.hpp"
#include "temp_dir.hpp"

namespace niggle::test {

inline Date day(int y, unsigned m, unsigned d) { return *Date::from_ymd(y, m, d); }
inline const Date kToday = day(2026, 11, 24);  // a Tuesday, in 2026-W48

inline Session run(Date date, double km, std::optional<std::string> note = std::nullopt) {
  Session s;
  s.meta.date = date;
  s.metres = km * 1000;
  s.meta.note = std::move(note);
  return s;
}

inline PainEntry pain(Date date, int score, std::optional<Location> where = Location::lower_back, std::vector<Symptom> symptoms = {},
               std::optional<Walking> walking = std::nullopt) {
  PainEntry p;
  p.meta.date = date;
  p.score = score;
  if (where) p.where = {*where};
  p.symptoms = std::move(symptoms);
  p.walking = walking;
  return p;
}

// Eight weeks of 20 km (8 km on Tuesday, 12 km on Saturday), W39 to W46; then W47 with 30 km
// (10 km Tuesday, 20 km Sunday: a spike over 1.1 x 12 km, and the week over its 26 km budget),
// and a week of pain that rises, with a nerve symptom and then a red flag.
struct Scenario {
  TempDir dir;
  Journal journal = Journal::open(dir / "journal.db", Journal::Access::write);
  Settings settings;

  Scenario() {
    for (Date monday = day(2026, 9, 21); monday < day(2026, 11, 16); monday = monday.plus_days(7)) {
      journal.add(run(monday.plus_days(1), 8));
      journal.add(run(monday.plus_days(5), 12));
    }
    for (Date d = day(2026, 11, 9); d <= day(2026, 11, 17); d = d.plus_days(1)) journal.add(pain(d, 2));
    journal.add(run(day(2026, 11, 17), 10, "tempo felt <b>easy</b>"));
    journal.add(pain(day(2026, 11, 18), 6, Location::lower_back, {}, Walking::same));
    journal.add(pain(day(2026, 11, 19), 4, Location::hip, {Symptom::tingling}));
    journal.add(pain(day(2026, 11, 21), 8, Location::lower_back, {}, Walking::worse));
    journal.add(run(day(2026, 11, 22), 20, "long run <script>alert(1)</script>"));
    PainEntry flag = pain(day(2026, 11, 23), 3, std::nullopt, {Symptom::bladder});
    flag.meta.note = "had to stop";
    flag.meta.tags = {"physio"};
    journal.add(flag);
    Session walk;
    walk.meta.date = day(2026, 11, 24);
    walk.type = ActivityType::walk;
    walk.metres = 3000;
    journal.add(walk);
  }

  Report report(int weeks = 4) const {
    ReportRequest request;
    request.today = kToday;
    request.weeks = weeks;
    request.first_week = report_first_week(kToday, weeks, settings.week_start);
    request.journal = (dir / "journal.db").string();
    return load_report(journal, request, settings);
  }
};

}  // namespace niggle::test
