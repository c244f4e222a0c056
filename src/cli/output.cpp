#include "cli/output.hpp"

#include <ostream>

namespace niggle::cli {

void print_note(Context& context, const EntryMeta& meta) {
  if (!meta.note) return;
  context.out << "  note: ";
  for (char c : *meta.note) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      context.out << "\n        ";
    } else if ((u < 0x20 && c != '\t') || u == 0x7F) {
      context.out << '?';  // never pass terminal escape sequences through
    } else {
      context.out << c;
    }
  }
  context.out << '\n';
}

}  // namespace niggle::cli
