#include "cli/output.hpp"

#include <fmt/format.h>
#include <iostream>
#include <iterator>

#include "niggle/error.hpp"

namespace niggle::cli {

void read_note_from_stdin_if_asked(std::optional<std::string>& note) {
  if (!note || *note != "-") return;
  // Read a little past the largest note so the error can say how long it was, but never
  // let a runaway pipe fill the memory.
  constexpr std::size_t kReadLimit = 16 * 1024 * 1024;
  std::string text;
  char buffer[65536];
  while (text.size() <= kReadLimit && std::cin.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
  }
  if (text.size() > kReadLimit) throw ValueError("the note on standard input is over 16 MiB; the most a note can hold is 64 KiB");
  if (!text.empty() && text.back() == '\n') text.pop_back();
  note = std::move(text);
}

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
