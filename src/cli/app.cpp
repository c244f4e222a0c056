#include "cli/app.hpp"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>
#include <optional>
#include <sstream>
#include <string>

#include "cli/commands.hpp"
#include "niggle/core/error.hpp"
#include "niggle/store/journal.hpp"
#include "niggle/core/text.hpp"
#include "niggle/version.hpp"

namespace niggle::cli {
namespace {

// "niggle 0.1.0 (commit 4b2b3eb)" from a git checkout, "niggle 0.1.0" from a release tarball.
std::string version_line() {
  if (*niggle::commit == '\0') return fmt::format("niggle {}", niggle::version);
  return fmt::format("niggle {} (commit {})", niggle::version, niggle::commit);
}

constexpr std::string_view kGlobalOptionsNote =
    "Global options (before or after the command): --db PATH, --config PATH, --units km|mi, --color auto|always|never.\n"
    "Exit status: 0 ok, 2 usage, 3 invalid value, 4 config, 5 journal, 6 not found, 7 file, 8 cancelled;\n"
    "advise answers 10 don't run today, 11 get care now, 12 not enough data; remind 20 (see niggle(1)).";

// The option names a command accepts, for "did you mean --where?".
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* option : app.get_options()) {
    for (const auto& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

// The overview lists each command with its one-line summary from the command table; a
// command's own --help shows its whole description, examples first.
class SummaryFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    std::string summary = sub->get_description().substr(0, sub->get_description().find('\n'));
    for (const Command& command : commands())
      if (command.name == sub->get_name()) summary = std::string{command.summary};
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true), summary, column_width_);
    return out.str();
  }
};

const CLI::App* selected_command(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* s) { return s->parsed(); })) return sub;
  return nullptr;
}

std::string command_list() {
  std::vector<std::string_view> names;
  for (const Command& command : commands())
    if (!command.hidden) names.push_back(command.name);
  return join(names, ", ");
}

// Rewrites CLI11's messages into niggle's: what was wrong, and what would be right.
std::string explain_parse_error(const CLI::ParseError& error, const CLI::App& app) {
  const CLI::App* command = selected_command(app);
  const std::string help_hint = command ? fmt::format("see 'niggle {} --help'", command->get_name()) : "see 'niggle --help'";
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    // The first argument that nobody took (remaining() keeps the command line's order).
    const auto remaining = app.remaining(true);
    std::string extra = remaining.empty() ? std::string{} : remaining.front();
    if (!command && !extra.empty() && extra[0] != '-') {
      std::vector<std::string_view> names;
      for (const Command& c : commands()) {
        if (c.hidden) continue;
        names.push_back(c.name);
        if (!c.alias.empty()) names.push_back(c.alias);
      }
      std::string message = fmt::format("unknown command '{}'", printable(extra));
      if (auto guess = closest_match(extra, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
      return message + fmt::format("; commands: {}", command_list());
    }
    if (!extra.empty() && extra.rfind("--", 0) == 0) {
      std::vector<std::string> names = option_names(app);
      if (command) {
        const auto more = option_names(*command);
        names.insert(names.end(), more.begin(), more.end());
      }
      std::vector<std::string_view> views(names.begin(), names.end());
      const std::string flag = extra.substr(0, extra.find('='));
      std::string message = fmt::format("unknown option '{}'", printable(flag));
      if (auto guess = closest_match(flag, views)) message += fmt::format(" (did you mean '{}'?)", *guess);
      return message + "; " + help_hint;
    }
    return fmt::format("unexpected argument '{}'; {}", printable(extra), help_hint);
  }
  std::string what = error.what();
  if (!what.empty()) what[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(what[0])));
  return fmt::format("{}; {}", what, help_hint);
}

// The command a command line names exactly ("log", or the alias "history"), found as the
// first word that is neither an option nor the value of one of `app`'s own (global)
// options; nullopt when there is none, when it is not a command, or when help is asked of
// niggle itself.
std::optional<std::string_view> named_command(const std::vector<std::string>& args, const CLI::App& app) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--" || app.get_help_ptr()->check_name(std::string{arg})) return std::nullopt;
    if (arg.starts_with("-")) {
      const CLI::Option* option = app.get_option_no_throw(std::string{arg});
      if (option && option->get_items_expected_min() > 0) ++i;  // its value
      continue;
    }
    for (const Command& command : commands()) {
      if (arg == command.name || (!command.alias.empty() && arg == command.alias)) return arg;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// Where the command word stands: the first argument that is neither an option nor the
// value of a global option; args.size() when there is none.
std::size_t command_position(const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") return args.size();
    if (!arg.starts_with("-")) return i;
    const bool takes_value = arg == "--db" || arg == "--config" || arg == "--units" || arg == "--color" || arg == "--colour";
    if (takes_value) ++i;
  }
  return args.size();
}

// `niggle help log` is `niggle log --help`; `niggle help` is `niggle --help`. Nullopt when the
// command line does not start with help, a UsageError when it names no command.
std::optional<std::vector<std::string>> help_request(const std::vector<std::string>& args) {
  const std::size_t at = command_position(args);
  if (at == args.size() || args[at] != "help") return std::nullopt;
  std::vector<std::string> rewritten(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(at));
  if (at + 1 < args.size()) {
    const std::string& name = args[at + 1];
    std::vector<std::string_view> names;
    bool known = false;
    for (const Command& c : commands()) {
      if (c.name == "help" || c.hidden) continue;
      names.push_back(c.name);
      if (!c.alias.empty()) names.push_back(c.alias);
      known = known || name == c.name || name == c.alias;
    }
    if (!known) {
      std::string message = fmt::format("there is no command '{}'", printable(name));
      if (auto guess = closest_match(name, names)) message += fmt::format(" (did you mean '{}'?)", *guess);
      throw UsageError(message + fmt::format("; commands: {}", command_list()));
    }
    if (at + 2 < args.size()) {
      throw UsageError(fmt::format("help takes one command, as in: niggle help {}", printable(name)));
    }
    rewritten.push_back(name);
  }
  rewritten.push_back("--help");
  return rewritten;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const EnvLookup& env,
        bool out_is_terminal, bool err_is_terminal) {
  std::istringstream nothing;
  return run(args, nothing, false, out, err, env, out_is_terminal, err_is_terminal);
}

int run(const std::vector<std::string>& args, std::istream& in, bool in_is_terminal, std::ostream& out,
        std::ostream& err, const EnvLookup& env, bool out_is_terminal, bool err_is_terminal) {
  try {
    if (auto rewritten = help_request(args)) {
      return run(*rewritten, in, in_is_terminal, out, err, env, out_is_terminal, err_is_terminal);
    }
  } catch (const Error& e) {
    err << "niggle: error: " << e.what() << '\n';
    return to_int(e.code());
  }
  Context context(out, err, env, out_is_terminal, err_is_terminal);
  context.set_input(in, in_is_terminal);
  CLI::App app(help_text("niggle: a pain-and-mileage journal for runners.",
                         {"niggle log 5k 27:30 --kind easy", "niggle pain 3 --where lower-back --walking better",
                          "niggle advise", "niggle week", "niggle week --weeks 12", "niggle report -o report.html",
                          "niggle config", "niggle help log"},
                         kGlobalOptionsNote),
               "niggle");
  app.set_version_flag("-V,--version", version_line(),
                       "print the version, and the commit when built from a git checkout");
  app.add_option("--db", context.options.db, "the journal file (default: $XDG_DATA_HOME/niggle/journal.db; env NIGGLE_DB)");
  app.add_option("--config", context.options.config,
                 "the config file (default: $XDG_CONFIG_HOME/niggle/config.toml; env NIGGLE_CONFIG)");
  app.add_option("--units", context.options.units, "show distances in km or mi (env NIGGLE_UNITS)");
  app.add_option("--color,--colour", context.options.color, "colour: auto (on a terminal), always, never");
  app.fallthrough();
  auto formatter = std::make_shared<SummaryFormatter>();
  formatter->column_width(34);
  app.formatter(formatter);

  std::vector<std::pair<CLI::App*, CommandRun>> runs;
  const std::optional<std::string_view> named = named_command(args, app);
  for (const Command& command : commands()) {
    // Only the named command's options are built when the command line names one exactly:
    // building all of them is a third of the start-up of an everyday command. Help, typos
    // and a missing command get the whole table, for the list and the suggestions.
    if (named && command.name != *named && command.alias != *named) continue;
    if (command.name == "help") {
      // Listed in the overview; `niggle help CMD` itself is answered before parsing.
      static std::string described;
      app.add_subcommand("help", std::string{command.summary})->add_option("command", described, "the command to describe");
      continue;
    }
    CLI::App* sub = app.add_subcommand(std::string{command.name}, std::string{command.summary});
    if (!command.alias.empty()) sub->alias(std::string{command.alias});
    if (command.hidden) sub->group("");
    sub->footer(std::string{kGlobalOptionsNote});
    runs.emplace_back(sub, command.setup(*sub, context));
  }

  std::vector<const char*> argv;
  argv.push_back("niggle");
  for (const auto& arg : args) argv.push_back(arg.c_str());
  try {
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::Success&) {
      throw;  // --help and --version: printed below with status 0
    } catch (const CLI::ParseError& e) {
      throw UsageError(explain_parse_error(e, app));
    }
    if (!parse_color_mode(context.options.color)) {
      throw UsageError(fmt::format("--color '{}' is not understood; accepted: auto, always, never",
                                   printable(context.options.color)));
    }
    for (auto& [sub, command_run] : runs) {
      if (sub->parsed()) return to_int(command_run());
    }
    out << app.help();
    return to_int(ExitCode::ok);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive here as "errors" with status 0.
    return app.exit(e, out, err);
  } catch (const Error& e) {
    // Values are quoted with printable(); this catches any that a message took in whole.
    err << context.err_style().red("niggle: error:") << ' ' << without_hidden_controls(e.what()) << '\n';
    return to_int(e.code());
  } catch (const std::exception& e) {
    err << "niggle: error: internal error: " << without_hidden_controls(e.what()) << " (this is a bug in niggle; please report it)\n";
    return to_int(ExitCode::failure);
  }
}

int run(int argc, char** argv) {
  report_file_size_limit();  // ulimit -f: a clear journal error, not death by SIGXFSZ
  std::vector<std::string> args(argv + 1, argv + argc);
  const int status = run(args, std::cin, ::isatty(STDIN_FILENO) == 1, std::cout, std::cerr, process_environment(),
                         ::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1);
  std::cout.flush();
  if (!std::cout) {
    // stdout closed or full (a pipe to `head`, a full disk): say so rather than exit 0. A
    // command that failed has said why in its one line already (an export stops at the
    // first write that fails, saying so).
    if (status != 0) return status;
    std::cerr << "niggle: error: cannot write the output\n";
    return to_int(ExitCode::file);
  }
  return status;
}

}  // namespace niggle::cli
