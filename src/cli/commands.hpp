#pragma once
// The table of subcommands. Each lives in its own cmd_<name>.cpp and describes itself:
// its name, a one-line summary, and a setup function that adds its options to the parser
// and returns what to run once the command line has been parsed.
#include <CLI/CLI.hpp>
#include <functional>
#include <span>
#include <string_view>

#include "cli/context.hpp"
#include "niggle/core/error.hpp"

namespace niggle::cli {

using CommandRun = std::function<ExitCode()>;

struct Command {
  std::string_view name;
  std::string_view summary;
  CommandRun (*setup)(CLI::App& command, Context& context);
  std::string_view alias = {};  // another name that runs the same command
  bool hidden = false;           // for the completions only: not in the overview
};

std::span<const Command> commands();

CommandRun setup_log(CLI::App& command, Context& context);
CommandRun setup_pain(CLI::App& command, Context& context);
CommandRun setup_visit(CLI::App& command, Context& context);
CommandRun setup_plan(CLI::App& command, Context& context);
CommandRun setup_advise(CLI::App& command, Context& context);
CommandRun setup_config(CLI::App& command, Context& context);
CommandRun setup_week(CLI::App& command, Context& context);
CommandRun setup_summary(CLI::App& command, Context& context);
CommandRun setup_list(CLI::App& command, Context& context);
CommandRun setup_tags(CLI::App& command, Context& context);
CommandRun setup_complete(CLI::App& command, Context& context);
CommandRun setup_edit(CLI::App& command, Context& context);
CommandRun setup_rm(CLI::App& command, Context& context);
CommandRun setup_undo(CLI::App& command, Context& context);
CommandRun setup_redo(CLI::App& command, Context& context);
CommandRun setup_remind(CLI::App& command, Context& context);
CommandRun setup_export(CLI::App& command, Context& context);
CommandRun setup_import(CLI::App& command, Context& context);
CommandRun setup_backup(CLI::App& command, Context& context);
CommandRun setup_restore(CLI::App& command, Context& context);
CommandRun setup_report(CLI::App& command, Context& context);
CommandRun setup_insights(CLI::App& command, Context& context);
CommandRun setup_sync(CLI::App& command, Context& context);

// Help text that leads with examples: "summary\n\nExamples:\n  niggle ...".
std::string help_text(std::string_view summary, std::initializer_list<std::string_view> examples,
                      std::string_view details = {});

}  // namespace niggle::cli
