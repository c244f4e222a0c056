// The command line in-process: the single error path, exit codes, and nothing written
// when a command fails.
#include <doctest/doctest.h>
#include <map>
#include <sstream>

#include "cli/app.hpp"
#include "niggle/core/format.hpp"
#include "niggle/store/journal.hpp"
#include "temp_dir.hpp"

using namespace niggle;
using niggle::test::TempDir;

namespace {

struct Result {
  int status;
  std::string out, err;
};

struct Cli {
  TempDir home;
  std::map<std::string, std::string> env{{"NIGGLE_TODAY", "2026-11-24"}};
  Cli() { env["HOME"] = home.path().string(); }

  Result operator()(std::vector<std::string> args) {
    std::ostringstream out, err;
    const auto lookup = [this](const std::string& name) -> std::optional<std::string> {
      auto it = env.find(name);
      if (it == env.end() || it->second.empty()) return std::nullopt;
      return it->second;
    };
    const int status = cli::run(args, out, err, lookup, false, false);
    return {status, out.str(), err.str()};
  }
  std::filesystem::path journal() const { return home.path() / ".local/share/niggle/journal.db"; }
};

bool one_error_line(const std::string& err) {
  return err.rfind("niggle: error: ", 0) == 0 && err.find('\n') == err.size() - 1;
}

}  // namespace

TEST_CASE("log and pain store what they print") {
  Cli cli;
  const Result logged = cli({"log", "5k", "27:30", "--kind", "easy"});
  CHECK(logged.status == 0);
  CHECK(logged.out == "Logged #1 Tue 2026-11-24 run (easy): 5.00 km in 27:30, 5:30 /km\n");
  // The write that made the journal says so; the next one does not.
  CHECK(logged.err == "niggle: created a new journal at '" + cli.journal().string() + "'\n");
  const Result pain = cli({"pain", "3", "--where", "lower-back", "--walking", "better", "--json"});
  CHECK(pain.status == 0);
  CHECK(pain.err.empty());
  const Json json = Json::parse(pain.out);
  CHECK(json["id"] == 2);
  CHECK(json["score"] == 3);
  CHECK(json["walking"] == "better");
  CHECK(Journal::open(cli.journal(), Journal::Access::read).count_entries() == 2);
}

TEST_CASE("global options work before and after the command") {
  Cli cli;
  CHECK(cli({"--units", "mi", "log", "3.1mi"}).out.find("3.10 mi") != std::string::npos);
  CHECK(cli({"log", "3.1mi", "--units", "mi"}).out.find("3.10 mi") != std::string::npos);
  TempDir other;
  const auto db = (other.path() / "j.db").string();
  CHECK(cli({"log", "5k", "--db", db}).status == 0);
  CHECK(cli({"--db", db, "pain", "2"}).status == 0);
  CHECK(Journal::open(db, Journal::Access::read).count_entries() == 2);
}

TEST_CASE("bad input: one error line, a documented status, nothing written") {
  Cli cli;
  REQUIRE(cli({"log", "5k"}).status == 0);
  const auto entries = [&] { return Journal::open(cli.journal(), Journal::Access::read).count_entries(); };
  struct Case {
    std::vector<std::string> args;
    int status;
    std::string message;
  };
  const Case cases[] = {
      {{"pain", "11"}, 3, "pain score '11' is out of range"},
      {{"pain", "-1"}, 3, "pain score '-1' is out of range"},
      {{"pain", "abc"}, 3, "pain score 'abc' is not a number"},
      {{"pain"}, 2, "needs a score"},
      {{"log", "-5km"}, 3, "'-5km' is negative"},
      {{"log", "5", "parsecs"}, 3, "unknown unit 'parsecs'"},
      {{"log", "99:99"}, 3, "below 60"},
      {{"log", "5k", "45m"}, 3, "45min"},
      {{"log", "5k", "--date", "2026-02-30"}, 3, "does not exist"},
      {{"log", "5k", "--date", "2026-12-25"}, 3, "in the future"},
      {{"log", "5k", "--note", "bad \xff"}, 3, "not valid UTF-8"},
      {{"log", "5k", "--note", std::string(1024 * 1024, 'x')}, 3, "64 KiB"},
      {{"log", "5k", "--type", "jog"}, 3, "unknown --type 'jog'"},
      {{"lgo", "5k"}, 2, "did you mean 'log'"},
      {{"log", "5k", "--frobnicate"}, 2, "unknown option '--frobnicate'"},
      {{"pain", "3", "--wher", "knee"}, 2, "did you mean '--where'"},
      {{"log", "5k", "--date"}, 2, "--date"},
      {{"log", "5k", "--color", "purple"}, 2, "--color 'purple'"},
      {{"log", "5k", "--units", "furlongs"}, 3, "--units 'furlongs'"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.args.front());
    CAPTURE(c.message);
    const Result result = cli(c.args);
    CHECK(result.status == c.status);
    CHECK(one_error_line(result.err));
    CHECK(result.err.find(c.message) != std::string::npos);
    CHECK(result.out.empty());
  }
  CHECK(entries() == 1);
}

TEST_CASE("NIGGLE_TODAY pins the date and is checked") {
  Cli cli;
  cli.env["NIGGLE_TODAY"] = "2024-02-29";
  CHECK(cli({"log", "5k"}).out.find("Thu 2024-02-29") != std::string::npos);
  CHECK(cli({"log", "5k", "--date", "yesterday"}).out.find("2024-02-28") != std::string::npos);
  cli.env["NIGGLE_TODAY"] = "2024-02-30";
  const Result bad = cli({"log", "5k"});
  CHECK(bad.status == 3);
  CHECK(bad.err.find("NIGGLE_TODAY '2024-02-30'") != std::string::npos);
}

TEST_CASE("the config file is layered under flags and the environment") {
  Cli cli;
  const auto dir = cli.home.path() / ".config/niggle";
  std::filesystem::create_directories(dir);
  niggle::test::write_file(dir / "config.toml", "units = \"mi\"\n");
  CHECK(cli({"log", "5"}).out.find("5.00 mi") != std::string::npos);  // a bare number in the configured unit
  cli.env["NIGGLE_UNITS"] = "km";
  CHECK(cli({"log", "5"}).out.find("5.00 km") != std::string::npos);
  CHECK(cli({"log", "5", "--units", "mi"}).out.find("5.00 mi") != std::string::npos);
  const Result shown = cli({"config", "--json"});
  CHECK(Json::parse(shown.out)["settings"]["units"]["origin"] == "NIGGLE_UNITS");

  niggle::test::write_file(dir / "config.toml", "units = \n");
  const Result broken = cli({"log", "5k"});
  CHECK(broken.status == 4);
  CHECK(broken.err.find("config.toml:1:") != std::string::npos);
  cli.env["NIGGLE_CONFIG"] = (cli.home.path() / "absent.toml").string();
  CHECK(cli({"config"}).status == 4);
}

TEST_CASE("read-only commands do not create a journal") {
  Cli cli;
  CHECK(cli({"config"}).status == 0);
  CHECK_FALSE(std::filesystem::exists(cli.journal()));
}

TEST_CASE("--help leads with examples; --version") {
  Cli cli;
  const Result help = cli({"log", "--help"});
  CHECK(help.status == 0);
  CHECK(help.out.find("Examples:") < help.out.find("Options:"));
  const Result version = cli({"--version"});
  CHECK(version.status == 0);
  CHECK(version.out.rfind("niggle ", 0) == 0);
}
