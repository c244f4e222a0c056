#pragma once
// Output helpers shared by commands.
#include "cli/context.hpp"
#include <cstdint>
#include <optional>
#include <string>

#include "niggle/core/entry.hpp"

namespace niggle::cli {

// `--note -` reads the note from standard input (a long note, or one written in an
// editor); anything else is the note itself. One trailing newline is dropped.
void read_note_from_stdin_if_asked(std::optional<std::string>& note);

// The entry's note under its line, indented, control characters made harmless.
void print_note(Context& context, const EntryMeta& meta);

// ADVICE-RULES.md P1, P2, P8: on stderr, the moment a worrying symptom is recorded.
void warn_about_symptoms(Context& context, const PainEntry& pain);

// "12" or "#12": an entry's number. Throws ValueError.
std::int64_t parse_entry_id(std::string_view text);

// The journal for a command that changes existing entries: a journal that does not exist
// yet is reported (NotFoundError, `what_is_missing`) rather than created empty.
Journal& existing_journal(Context& context, std::string_view what_is_missing);

// Asks `question [y/N] ` on stderr and reads the answer from standard input.
bool confirm(Context& context, std::string_view question);

// A one-line progress bar on stderr, redrawn in place: only on a terminal, so that logs,
// pipes and cron mail never fill with carriage returns.
class ProgressBar {
 public:
  ProgressBar(Context& context, std::string label, bool enabled);
  ~ProgressBar();
  void update(std::size_t done, std::size_t total);
  void finish();  // clears the line

 private:
  Context& context_;
  std::string label_;
  bool enabled_, drawn_ = false;
  int last_percent_ = -1;
};

// Gives `session` its gear: the item `given` names (matched without regard to case; "" for
// none), or when nothing is given and `use_default`, its type's default item. Throws
// NotFoundError, with "did you mean", for a name the journal does not have.
void choose_gear(const Journal& journal, Session& session, const std::optional<std::string>& given, bool use_default);
// A warning on stderr when the stored session's gear is at or past its retirement distance:
// `metres_before` is the item's distance without this session (what it was before the write).
void warn_about_retirement(Context& context, const Journal& journal, const Session& stored, double metres_before);
// The distance an item has gone, over every session naming it.
double gear_metres(const Journal& journal, std::string_view name);

}  // namespace niggle::cli
