#pragma once
// Output helpers shared by commands.
#include "cli/context.hpp"
#include <optional>
#include <string>

#include "niggle/entry.hpp"

namespace niggle::cli {

// `--note -` reads the note from standard input (a long note, or one written in an
// editor); anything else is the note itself. One trailing newline is dropped.
void read_note_from_stdin_if_asked(std::optional<std::string>& note);

// The entry's note under its line, indented, control characters made harmless.
void print_note(Context& context, const EntryMeta& meta);

}  // namespace niggle::cli
