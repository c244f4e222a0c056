// `niggle visit`: record a consultation (a physiotherapist, a doctor, urgent or emergency
// care). Not training: the advice reads it as the assessment its rules ask for.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"

namespace niggle::cli {
namespace {

struct VisitOptions {
  VisitInput input;
  std::optional<std::string> kind;
  bool json = false;
};

}  // namespace

CommandRun setup_visit(CLI::App& command, Context& context) {
  command.description(help_text(
      "Record a visit to a physiotherapist, a doctor, urgent or emergency care, or someone else.",
      {"niggle visit physio", "niggle visit doctor --date yesterday --note \"MRI booked\"",
       "niggle visit urgent-care --note \"cauda equina ruled out\"", "niggle visit other --note \"osteopath\" --json"},
      "A visit is not training. For `niggle advise`, a doctor's or urgent-care visit assesses the red flags\n"
      "recorded before it (they no longer make the advice urgent), and any visit answers the reasons to see a\n"
      "professional recorded before it (\"seen on DATE\"), until the pain gets worse. A physio visit does not\n"
      "assess a red flag: those need a doctor or emergency care."));
  auto options = std::make_shared<VisitOptions>();
  VisitInput& in = options->input;
  command.add_option("kind", options->kind, "physio, doctor, urgent-care, other");
  command.add_option("-d,--date", in.date, "the day (default today)");
  command.add_option("-n,--note", in.note, "a note, up to 64 KiB of text; - reads it from standard input");
  command.add_option("--tag", in.tags, "a tag; repeat or separate with commas")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_flag("--json", options->json, "print the stored entry as JSON");

  return [options, &context]() {
    if (!options->kind) {
      throw UsageError("niggle visit needs a kind: physio, doctor, urgent-care or other, as in: niggle visit doctor");
    }
    options->input.kind = *options->kind;
    read_note_from_stdin_if_asked(options->input.note);
    const Visit visit = make_visit(options->input, context.today());
    const Visit stored = context.journal(Journal::Access::write).add(visit);
    if (options->json) {
      context.out << to_json(stored).dump(2) << '\n';
    } else {
      context.out << "Recorded " << describe(stored) << '\n';
      print_note(context, stored.meta);
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
