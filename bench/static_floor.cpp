// The physical floor of a read: a program linked with -static (bench/CMakeLists.txt), so
// that no dynamic loader runs and nothing is relocated, that opens a journal read-only with
// SQLite, answers one query and prints its rows. What any command that reads the journal
// cannot go below on this machine: exec, SQLite opening the file and reading its schema,
// one query over the pages it needs, and the writes to stdout.
//
//   niggle_static_floor JOURNAL [SQL]
//
// Only C interfaces are used (stdio, SQLite's C API): no iostream to initialise, no
// exceptions, no static constructors. SQLITE_OPEN_NOMUTEX: one thread, as in niggle.
#include <sqlite3.h>

#include <cstdio>

namespace {

// One week of days, each day's worst pain: the sort of question an everyday command asks.
// bench/bench.py passes its own query (the days of the week it pins).
constexpr const char* kDefaultQuery =
    "SELECT e.day, max(p.score), count(*) FROM entry e JOIN pain p ON p.entry_id = e.id "
    "WHERE e.kind = 'pain' AND e.day >= date((SELECT max(day) FROM entry), '-6 days') GROUP BY e.day";

int fail(sqlite3* db, const char* what) {
  std::fprintf(stderr, "niggle_static_floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "out of memory");
  sqlite3_close(db);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fputs("usage: niggle_static_floor JOURNAL [SQL]\n", stderr);
    return 2;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    return fail(db, "open");
  }
  sqlite3_stmt* query = nullptr;
  if (sqlite3_prepare_v2(db, argc == 3 ? argv[2] : kDefaultQuery, -1, &query, nullptr) != SQLITE_OK) {
    return fail(db, "prepare");
  }
  int status = 0;
  while ((status = sqlite3_step(query)) == SQLITE_ROW) {
    const int columns = sqlite3_column_count(query);
    for (int i = 0; i < columns; ++i) {
      const unsigned char* text = sqlite3_column_text(query, i);
      std::fputs(text ? reinterpret_cast<const char*>(text) : "", stdout);
      std::fputc(i + 1 < columns ? '|' : '\n', stdout);
    }
  }
  sqlite3_finalize(query);
  if (status != SQLITE_DONE) return fail(db, "step");
  sqlite3_close(db);
  return 0;
}
