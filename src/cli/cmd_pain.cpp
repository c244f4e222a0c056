// `niggle pain`: record a pain score, and say at once when a symptom needs care.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct PainOptions {
  PainInput input;
  std::optional<std::string> score;
  bool json = false;
};

// The symptoms with what each means and asks for, red flags marked, for --help.
std::string symptom_help() {
  std::string text = "Symptoms (--symptom), each with what it asks for:\n";
  for (std::size_t i = 0; i < names_of<Symptom>().size(); ++i) {
    const auto symptom = static_cast<Symptom>(i);
    text += fmt::format("  {:<16} {} [{}]\n", names_of<Symptom>()[i], symptom_meaning(symptom), symptom_urgency(symptom));
  }
  text += "Red-flag symptoms are warned about at once: they need emergency care, not a physio booking.";
  return text;
}

}  // namespace

CommandRun setup_pain(CLI::App& command, Context& context) {
  command.description(help_text(
      "Record a pain score from 0 (none) to 10 (the worst imaginable). Several entries a day are normal.",
      {"niggle pain 3", "niggle pain 6 --where lower-back --side left --walking worse --when morning",
       "niggle pain 5 --where lower-back --where hip     (one score, felt in both places)",
       "niggle pain 4 --where lower-back --symptom tingling --symptom leg-pain",
       "niggle pain 2 --date yesterday --when evening --note \"after the long run\"",
       "niggle pain 4 --when morning --sleep 6.5"},
      symptom_help() +
          "\n--sleep records the hours slept the night before (7, 6.5 or 6:30; 0 to 24), best on the morning\n"
          "entry: `niggle insights` compares mornings after short nights with the rest."));
  auto options = std::make_shared<PainOptions>();
  PainInput& in = options->input;
  command.add_option("score", options->score, "pain now, 0-10 (a whole number)");
  command.add_option("-w,--where", in.where,
                     "lower-back, upper-back, neck, hip, glute, hamstring, knee, calf, shin, ankle, foot, leg, other; "
                     "repeat or separate with commas where it hurts in several places")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_option("--side", in.side, "left, right, both");
  command.add_option("--walking", in.walking, "how standing and walking change it: better, same, worse");
  command.add_option("--when", in.when, "morning, before, during, after (a run), evening");
  command.add_option("--symptom", in.symptoms,
                     "numbness, tingling, burning, leg-pain, cough-worse, weakness, bladder, bowel, "
                     "saddle-numbness, fever, weight-loss, night-pain, trauma; repeat or separate with commas")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_option("--sleep", in.sleep, "hours slept the night before: 7, 6.5 or 6:30");
  command.add_option("-d,--date", in.date, "the day (default today)");
  command.add_option("-n,--note", in.note, "a note, up to 64 KiB of text; - reads it from standard input");
  command.add_option("--tag", in.tags, "a tag; repeat or separate with commas")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_flag("--json", options->json, "print the stored entry as JSON");

  return [options, &context]() {
    if (!options->score) {
      throw UsageError("niggle pain needs a score from 0 (no pain) to 10, as in: niggle pain 3 --where lower-back");
    }
    options->input.score = *options->score;
    read_note_from_stdin_if_asked(options->input.note);
    const PainEntry pain = make_pain(options->input, context.today());
    const PainEntry stored = context.journal(Journal::Access::write).add(pain);
    if (options->json) {
      context.out << to_json(stored).dump(2) << '\n';
    } else {
      context.out << "Recorded " << describe(stored) << '\n';
      print_note(context, stored.meta);
    }
    warn_about_symptoms(context, stored);
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
