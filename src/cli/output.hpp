#pragma once
// Output helpers shared by commands.
#include "cli/context.hpp"
#include "niggle/entry.hpp"

namespace niggle::cli {

// The entry's note under its line, indented, control characters made harmless.
void print_note(Context& context, const EntryMeta& meta);

}  // namespace niggle::cli
