// `niggle report`: a page to show a physio. Reads the weeks and the history once, builds the
// figures (report.hpp), renders HTML or Markdown, and writes the file whole or not at all.
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <ostream>
#include <thread>

#include "cli/commands.hpp"
#include "niggle/core/input.hpp"
#include "niggle/store/files.hpp"
#include "niggle/views/report.hpp"
#include "niggle/views/report_render.hpp"
#include "niggle/core/text.hpp"

extern char** environ;

namespace niggle::cli {
namespace {

constexpr int kDefaultWeeks = 12;

struct ReportOptions {
  std::optional<std::string> weeks, since, output, format;
  std::vector<std::string> tags;
  bool open = false;
  bool force = false;
};

enum class PageFormat { html, markdown };

int parse_report_weeks(std::string_view text) {
  const std::string_view digits = trim(text);
  const auto fail = [&] {
    return ValueError(fmt::format("--weeks '{}' is not understood; give a whole number of weeks from 1 to {}, such as 12",
                                  printable(text), kMaxReportWeeks));
  };
  if (digits.empty() || digits.size() > 6) throw fail();
  int value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') throw fail();
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > kMaxReportWeeks) throw fail();
  return value;
}

PageFormat chosen_format(const ReportOptions& options) {
  if (options.format) {
    const std::string name = ascii_lower(trim(*options.format));
    if (name == "html") return PageFormat::html;
    if (name == "markdown" || name == "md") return PageFormat::markdown;
    throw ValueError(fmt::format("--format '{}' is not understood; accepted: html, markdown (or md)", printable(*options.format)));
  }
  // Without --format, a file named *.md is Markdown; anything else is a page.
  if (options.output) {
    const std::string extension = ascii_lower(std::filesystem::path(*options.output).extension().string());
    if (extension == ".pdf") {
      throw ValueError(fmt::format("-o '{}': niggle writes HTML or Markdown, not PDF; write a .html file and print it from "
                                   "a browser (the page is laid out for A4)",
                                   printable(*options.output)));
    }
    if (extension == ".md" || extension == ".markdown") return PageFormat::markdown;
  }
  return PageFormat::html;
}

std::string size_text(std::size_t bytes) {
  if (bytes < 1024) return fmt::format("{} bytes", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} KB", (bytes + 512) / 1024);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

// The program `name` in the directories of PATH, if one is executable.
std::optional<std::string> find_on_path(const EnvLookup& env, std::string_view name) {
  const std::optional<std::string> path = env("PATH");
  if (!path) return std::nullopt;
  std::size_t start = 0;
  while (start <= path->size()) {
    std::size_t end = path->find(':', start);
    if (end == std::string::npos) end = path->size();
    const std::string dir = end > start ? path->substr(start, end - start) : std::string{"."};
    const std::string candidate = fmt::format("{}/{}", dir, name);
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return std::nullopt;
}

// Hands the file to the desktop's opener. xdg-open returns once a viewer has it; a viewer
// that it runs in the foreground keeps it going, so it is given a moment to fail and then
// left to run.
void open_in_viewer(Context& context, const std::string& opener, const std::filesystem::path& file) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  std::string name = "xdg-open";
  std::string target = file.string();
  char* argv[] = {name.data(), target.data(), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, opener.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    context.warn(fmt::format("could not run {}: {}; the report is at {}", opener, std::strerror(spawned), file.string()));
    return;
  }
  for (int i = 0; i < 30; ++i) {
    int status = 0;
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        context.warn(fmt::format("xdg-open could not open the report (exit status {}); it is at {}",
                                 WIFEXITED(status) ? WEXITSTATUS(status) : -1, file.string()));
      } else {
        context.out << fmt::format("Opened it with xdg-open.\n");
      }
      return;
    }
    if (done < 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  context.out << "Opening it with xdg-open.\n";
}

}  // namespace

CommandRun setup_report(CLI::App& command, Context& context) {
  command.description(help_text(
      "Write a report of the last weeks to show a physiotherapist or a doctor: one self-contained HTML page\n"
      "(charts of running and pain per week and per day, the weeks in figures, the days that stand out and\n"
      "what the advice said, the rules that fired most, and the notes), or the same in Markdown without charts.",
      {"niggle report -o report.html", "niggle report --weeks 26 -o half-year.html --open",
       "niggle report --since 2026-09-01 -o since-september.html", "niggle report -o notes.md",
       "niggle report --format markdown -o - | less", "niggle report --tag knee -o knee.html",
       "NIGGLE_TODAY=2026-10-31 niggle report -o october.html"},
      "The period is whole weeks (week_start), ending with the week holding today: --weeks N of them (12 by\n"
      "default, at most 520), or from the week holding --since DAY. The weekly figures are those of\n"
      "`niggle week --weeks N`; the advice for each day is what `niggle advise --date DAY` says.\n"
      "The page uses no script and fetches nothing: it opens offline and prints on A4. The file is written\n"
      "whole or not at all, readable by you alone (0600); -o - writes to standard output. Without -o it is\n"
      "niggle-report-DAY.html (or .md) in the current directory. An existing file is kept (exit 7) unless\n"
      "--force. The page names the journal by its file name only.\n"
      "With --tag, only the entries that carry the tag count, as in `niggle week --tag`: sessions, visits and\n"
      "pain entries alike, so a pain entry counts only if it carries the tag itself. The page says so under\n"
      "its title, with what it leaves out (how many pain entries, their highest score, any red flag); the\n"
      "advice for each day is still what `advise` said from every entry. niggle is a journal's aid, not a\n"
      "diagnosis."));
  auto options = std::make_shared<ReportOptions>();
  auto* weeks = command.add_option("--weeks", options->weeks, fmt::format("the last N weeks (default {}, at most {})", kDefaultWeeks, kMaxReportWeeks));
  auto* since = command.add_option("--since", options->since, "from the week holding this day to this week");
  weeks->excludes(since);
  command.add_option("-o,--output", options->output, "the file to write ('-': standard output)");
  command.add_option("--format", options->format, "html (default; a file named *.md gives markdown) or markdown");
  command.add_option("--tag", options->tags, "only entries with this tag; repeat for entries with all of them")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_flag("--open", options->open, "open the page with xdg-open when there is a display");
  command.add_flag("-f,--force", options->force, "replace the file if it exists");

  return [options, &context]() {
    const Settings& settings = context.config();
    const Date today = context.today();
    const PageFormat format = chosen_format(*options);
    if (options->open && options->output && *options->output == "-") {
      throw UsageError("--open needs a file to open; it cannot be used with -o - (standard output)");
    }

    ReportRequest request;
    request.today = today;
    request.tags = parse_tags(options->tags);
    const Date this_week = week_start(today, settings.week_start);
    if (options->since) {
      const Date since_day = parse_date(*options->since, today);
      if (since_day > today) {
        throw ValueError(fmt::format("--since {} is after today ({}); a report covers what has happened", since_day.iso(), today.iso()));
      }
      request.first_week = week_start(since_day, settings.week_start);
      const auto count = request.first_week.days_until(this_week) / 7 + 1;
      if (count > kMaxReportWeeks) {
        throw ValueError(fmt::format("--since {} makes {} weeks; a report covers at most {} (give a later day, or --weeks)",
                                     since_day.iso(), count, kMaxReportWeeks));
      }
      request.weeks = static_cast<int>(count);
    } else {
      request.weeks = options->weeks ? parse_report_weeks(*options->weeks) : kDefaultWeeks;
      request.first_week = report_first_week(today, request.weeks, settings.week_start);
    }

    const ResolvedPath journal_path = context.journal_location();
    std::error_code ec;
    // The page goes to a physio: the file's name says which journal, its folders say
    // nothing they need to know.
    request.journal = journal_path.path.filename().string();
    const Journal& journal = context.journal(Journal::Access::read);
    const Report report = load_report(journal, request, settings);
    const std::string page = format == PageFormat::html ? report_html(report) : report_markdown(report);

    const bool empty = std::none_of(report.days.begin(), report.days.end(),
                                    [](const ReportDay& d) { return !d.pain.empty() || !d.sessions.empty(); });
    if (empty) {
      context.warn(fmt::format("the journal {} has no entries{} from {} to {}; the report says only that",
                               journal_path.path.string(), request.tags.empty() ? "" : " " + tags_words(request.tags),
                               report.first.iso(), report.last.iso()));
    }

    if (options->output && *options->output == "-") {
      context.out << page;
      return ExitCode::ok;
    }
    const std::filesystem::path target =
        options->output ? std::filesystem::path(*options->output)
                        : std::filesystem::path(fmt::format("niggle-report-{}.{}", today.iso(), format == PageFormat::html ? "html" : "md"));
    if (is_journal_file(target, journal_path.path)) {
      throw FileError(fmt::format("'{}' is the journal or one of its side files; write the report to another file",
                                  printable(target.string(), 200)));
    }
    if (!options->force && std::filesystem::exists(std::filesystem::symlink_status(target, ec))) {
      throw FileError(fmt::format("'{}' exists; nothing was written. Add --force to replace it, or give another -o FILE",
                                  printable(target.string(), 200)));
    }
    write_file_atomically(target, page);
    const std::filesystem::path shown = std::filesystem::absolute(target, ec);
    const std::string where = (ec ? target : shown).string();
    context.out << fmt::format("Wrote the report of {} {}, {} to {} ({} to {}), to {} ({}, {}).\n", report.weeks.size(),
                               report.weeks.size() == 1 ? "week" : "weeks",
                               long_day_label(report.first), long_day_label(report.last),
                               report.weeks.front().summary.label, report.weeks.back().summary.label, where,
                               format == PageFormat::html ? "HTML" : "Markdown", size_text(page.size()));
    if (const int n = report.notable_days(); n > 0) {
      const auto red = std::count_if(report.days.begin(), report.days.end(), [](const ReportDay& d) { return d.red_flag; });
      context.out << fmt::format("{} {} out{}.\n", n, n == 1 ? "day stands" : "days stand",
                                 red > 0 ? fmt::format(", {} with a red-flag symptom", red) : std::string{});
    }

    if (options->open) {
      const bool display = context.env("DISPLAY").has_value() || context.env("WAYLAND_DISPLAY").has_value();
      const std::optional<std::string> opener = find_on_path(context.env, "xdg-open");
      if (!display) {
        context.out << fmt::format("Not opened: there is no display (DISPLAY and WAYLAND_DISPLAY are not set). Open {} in a "
                                   "browser.\n",
                                   where);
      } else if (!opener) {
        context.out << fmt::format("Not opened: xdg-open is not installed (Debian package xdg-utils). Open {} in a browser.\n",
                                   where);
      } else {
        open_in_viewer(context, *opener, (ec ? target : shown));
      }
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
