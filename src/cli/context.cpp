#include "cli/context.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <istream>
#include <ostream>
#include <sstream>

#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {

Context::Context(std::ostream& o, std::ostream& e, EnvLookup environment, bool out_is_terminal, bool err_is_terminal)
    : out(o), err(e), env(std::move(environment)), out_is_terminal_(out_is_terminal), err_is_terminal_(err_is_terminal) {}

Context::~Context() = default;

Date Context::today() {
  if (today_) return *today_;
  if (auto pinned = env("NIGGLE_TODAY")) {
    const auto date = try_parse_iso_date(trim(*pinned));
    if (!date) {
      throw ValueError(fmt::format("NIGGLE_TODAY '{}' is not a date; it takes YYYY-MM-DD, such as 2026-11-24",
                                   printable(*pinned)));
    }
    today_ = *date;
  } else {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    today_ = Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                            static_cast<unsigned>(local.tm_mday));
  }
  return *today_;
}

ResolvedPath Context::journal_location() { return journal_path(options.db, env); }

std::optional<ResolvedPath> Context::config_location() { return config_path(options.config, env); }

const LoadedSettings& Context::settings() {
  if (!settings_) {
    SettingsSources sources;
    if (auto location = config_location()) {
      sources.config_file = location->path;
      sources.config_file_required = location->named_by_user;
    }
    sources.env_units = env("NIGGLE_UNITS");
    sources.flag_units = options.units;
    settings_ = load_settings(sources);
    for (const auto& warning : settings_->warnings) warn(warning);
  }
  return *settings_;
}

Journal& Context::journal(Journal::Access access, bool missing_reads_empty) {
  if (journal_) return *journal_;
  const ResolvedPath location = journal_location();
  std::error_code missing;
  if (access == Journal::Access::read && !missing_reads_empty &&
      !std::filesystem::exists(std::filesystem::symlink_status(location.path, missing))) {
    throw JournalError(fmt::format("no journal at '{}' (niggle log or niggle pain creates it)",
                                   printable(location.path.string(), 200)));
  }
  if (location.origin == "HOME") {
    // niggle makes its own directories under the home directory, never the home directory
    // itself: a missing one is a mistyped HOME or a home that is not mounted, and a journal
    // written there would be lost or hidden.
    const std::string home = env("HOME").value_or("");
    std::error_code ec;
    if (!std::filesystem::is_directory(home, ec)) {
      throw JournalError(fmt::format("the home directory '{}' (HOME) does not exist, so the journal cannot be kept "
                                     "there; set HOME, or give the journal with --db PATH or NIGGLE_DB",
                                     printable(home, 200)));
    }
  }
  std::optional<CheckMemo> memo;
  if (auto file = check_memo_path(env)) memo.emplace(*file);
  journal_ = std::make_unique<Journal>(Journal::open(location.path, access, memo));
  if (journal_->created()) err << fmt::format("niggle: created a new journal at '{}'\n", printable(location.path.string(), 200));
  return *journal_;
}

// An invalid --color is reported by the caller before any output; until then, no colour.
ColorMode Context::color_mode() { return parse_color_mode(options.color).value_or(ColorMode::never); }

std::size_t Context::width() const {
  if (const auto columns = env("COLUMNS")) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(columns->data(), columns->data() + columns->size(), value);
    if (ec == std::errc() && end == columns->data() + columns->size() && value >= 20) return std::min<std::size_t>(value, 1000);
  }
  winsize size{};
  if (out_is_terminal_ && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col >= 20) return size.ws_col;
  return 80;
}

Style Context::out_style() { return Style(use_colour(color_mode(), out_is_terminal_, env)); }
Style Context::err_style() { return Style(use_colour(color_mode(), err_is_terminal_, env)); }

void Context::set_input(std::istream& input, bool is_terminal) {
  in_ = &input;
  in_is_terminal_ = is_terminal;
}

std::istream& Context::in() {
  static std::istringstream nothing;
  return in_ ? *in_ : nothing;
}

void Context::warn(std::string_view message) {
  err << err_style().yellow("niggle: warning:") << ' ' << without_hidden_controls(message) << '\n';
}

}  // namespace niggle::cli
