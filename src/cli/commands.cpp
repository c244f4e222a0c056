#include "cli/commands.hpp"

namespace niggle::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"log", "record a run or another session", setup_log},
      {"pain", "record a pain score (0-10)", setup_pain},
      {"advise", "should you run today, and how far? with every reason", setup_advise},
      {"week", "summarise a week, or many weeks with a chart", setup_week},
      {"report", "write a page for a physio: charts of running and pain, the advice, the notes", setup_report},
      {"config", "show the settings in effect and where each came from", setup_config},
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
