#include "cli/commands.hpp"

namespace niggle::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"log", "record a run or another session", setup_log},
      {"pain", "record a pain score (0-10)", setup_pain},
      {"visit", "record a visit to a physio, a doctor or urgent care", setup_visit},
      {"plan", "plan sessions and races ahead; list, change and remove them", setup_plan},
      {"advise", "should you run today, and how far? with every reason", setup_advise},
      {"week", "summarise a week, or many weeks with a chart", setup_week},
      {"summary", "months or years: running, rest days and pain per period", setup_summary},
      {"list", "show entries, newest first (alias: history)", setup_list, "history"},
      {"tags", "list the journal's tags, each with its number of entries", setup_tags},
      {"edit", "change an entry's values", setup_edit},
      {"rm", "remove entries", setup_rm},
      {"undo", "revert the last change (add, edit, remove or import), after showing it", setup_undo},
      {"redo", "re-apply what the last undo took back", setup_redo},
      {"remind", "remind when today's pain score (or a run) is missing; for cron", setup_remind},
      {"export", "write every entry to a JSON or CSV file", setup_export},
      {"import", "read exports, merge a journal, or take in GPX, TCX and Strava files", setup_import},
      {"backup", "write a consistent copy of the journal", setup_backup},
      {"insights", "what goes with a worse next morning, with how sure it is", setup_insights},
      {"sync", "share the journal with your other devices through a synced folder", setup_sync},
      {"restore", "put a backup back as the journal, checked, keeping the journal as it was", setup_restore},
      {"report", "write a page for a physio: charts of running and pain, the advice, the notes", setup_report},
      {"config", "show the settings in effect and where each came from; set or unset one", setup_config},
      {"help", "show a command's help, as in: niggle help log", nullptr},
      {"__complete", "entry ids and tags for the shell completions", setup_complete, {}, true},
  };
  return table;
}

std::string help_text(std::string_view summary, std::initializer_list<std::string_view> examples,
                      std::string_view details) {
  std::string text{summary};
  text += "\n\nExamples:\n";
  for (std::string_view example : examples) {
    text += "  ";
    text += example;
    text += '\n';
  }
  if (!details.empty()) {
    text += '\n';
    text += details;
    if (details.back() != '\n') text += '\n';
  }
  return text;
}

}  // namespace niggle::cli
