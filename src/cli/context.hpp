#pragma once
// What every command needs, resolved lazily and once: global options, the environment,
// today's date, the settings and the journal. Commands write to `out` (data) and `err`
// (messages) so that tests can capture both.
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "niggle/store/config.hpp"
#include "niggle/core/date.hpp"
#include "niggle/store/journal.hpp"
#include "niggle/store/paths.hpp"
#include "niggle/views/terminal.hpp"

namespace niggle::cli {

struct GlobalOptions {
  std::optional<std::string> db;      // --db
  std::optional<std::string> config;  // --config
  std::optional<std::string> units;   // --units
  std::string color = "auto";         // --color
};

class Context {
 public:
  Context(std::ostream& out, std::ostream& err, EnvLookup env, bool out_is_terminal, bool err_is_terminal);
  ~Context();

  GlobalOptions options;
  std::ostream& out;
  std::ostream& err;
  const EnvLookup env;

  // NIGGLE_TODAY=YYYY-MM-DD if set, else the local date from the system clock.
  Date today();
  const LoadedSettings& settings();
  const Settings& config() { return settings().settings; }
  ResolvedPath journal_location();
  std::optional<ResolvedPath> config_location();
  // Opens the journal on first use. A command that only reads asks for Access::read, so a
  // missing journal is not created behind the user's back: it is an error (exit 5), since
  // a mistyped --db or a cron job without NIGGLE_DB would otherwise read "no entries" and
  // pass unnoticed, unless `missing_reads_empty` (a dry run of an import into a new
  // journal). The write that creates a journal says so on stderr.
  Journal& journal(Journal::Access access, bool missing_reads_empty = false);

  Style out_style();
  Style err_style();
  void warn(std::string_view message);  // "niggle: warning: ..." on stderr
  // Columns to wrap text to: COLUMNS if set, else the terminal's width, else 80.
  std::size_t width() const;

  // Standard input, for confirmations and `import -`: empty and not a terminal unless set.
  void set_input(std::istream& in, bool is_terminal);
  std::istream& in();
  bool in_is_terminal() const { return in_is_terminal_; }
  bool err_is_terminal() const { return err_is_terminal_; }

 private:
  ColorMode color_mode();
  bool out_is_terminal_, err_is_terminal_;
  std::istream* in_ = nullptr;
  bool in_is_terminal_ = false;
  std::optional<Date> today_;
  std::optional<LoadedSettings> settings_;
  std::unique_ptr<Journal> journal_;
};

}  // namespace niggle::cli
