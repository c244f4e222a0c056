#include "cli/output.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <iostream>
#include <iterator>
#include <filesystem>
#include <istream>
#include <algorithm>

#include "niggle/core/error.hpp"
#include "niggle/core/gear.hpp"
#include "niggle/core/text.hpp"
#include "niggle/core/units.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {

void read_note_from_stdin_if_asked(std::optional<std::string>& note) {
  if (!note || *note != "-") return;
  // On a terminal the wait for input looks like a hang: say how to end the note.
  if (::isatty(STDIN_FILENO) == 1) {
    std::cerr << "Type the note, then press Ctrl-D on a line of its own to end it (Ctrl-C cancels).\n";
  }
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
  for (char c : without_hidden_controls(*meta.note)) {
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

namespace niggle::cli {
namespace {

std::string symptom_names(const PainEntry& pain, SymptomClass wanted) {
  std::vector<std::string> names;
  for (Symptom symptom : pain.symptoms)
    if (classify(symptom) == wanted) names.emplace_back(to_string(symptom));
  return join(names, ", ");
}

}  // namespace

// On stderr so that scripts reading stdout still get their data, and a person at a
// terminal sees it.
void warn_about_symptoms(Context& context, const PainEntry& pain) {
  const Style style = context.err_style();
  if (has_red_flag(pain)) {
    std::vector<std::string> flags;
    for (Symptom symptom : pain.symptoms)
      if (classify(symptom) == SymptomClass::red_flag) flags.emplace_back(to_string(symptom));
    if (std::count(pain.symptoms.begin(), pain.symptoms.end(), Symptom::weakness) && pain.side == Side::both)
      flags.emplace_back("weakness in both legs");
    context.err << style.red("niggle: URGENT:") << ' '
                << fmt::format("{} can mean pressure on the nerves at the base of the spine (cauda equina "
                               "syndrome), a medical emergency. Seek emergency care now: go to an emergency "
                               "department or call your local emergency number. Do not run, and do not wait "
                               "for a physio appointment.\n",
                               join(flags, ", "));
  }
  if (has_serious_cause_flag(pain)) {
    context.err << style.yellow("niggle: warning:") << ' '
                << fmt::format("{} with back pain should be checked by a doctor soon, within a day or two, to "
                               "rule out infection, fracture or another serious cause. Rest until then.\n",
                               symptom_names(pain, SymptomClass::serious_cause));
  }
  if (has_nerve_symptom(pain)) {
    std::string message = fmt::format(
        "{} can mean an irritated nerve. See a physiotherapist or doctor, and cross-train instead of running "
        "while it lasts.",
        symptom_names(pain, SymptomClass::nerve));
    if (std::count(pain.symptoms.begin(), pain.symptoms.end(), Symptom::weakness)) {
      message += " If the weakness is in both legs or getting worse, seek emergency care now.";
    }
    context.err << style.yellow("niggle: warning:") << ' ' << message << '\n';
  }
}

std::int64_t parse_entry_id(std::string_view original) {
  std::string_view text = trim(original);
  if (!text.empty() && text[0] == '#') text.remove_prefix(1);
  const bool digits = !text.empty() && text.size() <= 15 &&
                      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits || std::stoll(std::string{text}) == 0) {
    throw ValueError(fmt::format("'{}' is not an entry id; ids are the numbers `niggle list` shows, such as 12 or #12",
                                 printable(original)));
  }
  return std::stoll(std::string{text});
}

Journal& existing_journal(Context& context, std::string_view what_is_missing) {
  const ResolvedPath location = context.journal_location();
  std::error_code ec;
  if (!std::filesystem::exists(location.path, ec)) {
    throw NotFoundError(fmt::format("{}: the journal '{}' does not exist yet", what_is_missing,
                                    printable(location.path.string(), 200)));
  }
  return context.journal(Journal::Access::write);
}

bool confirm(Context& context, std::string_view question) {
  context.err << question << " [y/N] " << std::flush;
  std::string answer;
  if (!std::getline(context.in(), answer)) {
    context.err << '\n';
    return false;
  }
  const std::string lower = ascii_lower(trim(answer));
  return lower == "y" || lower == "yes";
}

ProgressBar::ProgressBar(Context& context, std::string label, bool enabled)
    : context_(context), label_(std::move(label)), enabled_(enabled && context.err_is_terminal()) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(std::size_t done, std::size_t total) {
  if (!enabled_ || total == 0) return;
  const int percent = static_cast<int>(done * 100 / total);
  if (percent == last_percent_) return;
  last_percent_ = percent;
  constexpr int kWidth = 30;
  const int filled = percent * kWidth / 100;
  context_.err << '\r' << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
               << std::string(static_cast<std::size_t>(kWidth - filled), '.') << "] " << done << '/' << total << std::flush;
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  context_.err << "\r\x1b[K" << std::flush;  // erase the bar: what follows is the report
  drawn_ = false;
}

void choose_gear(const Journal& journal, Session& session, const std::optional<std::string>& given, bool use_default) {
  if (given && trim(*given).empty()) {
    session.gear.reset();
    return;
  }
  if (!given && !use_default) return;
  const std::vector<GearItem> items = journal.exists() ? journal.gear() : std::vector<GearItem>{};
  if (given) {
    session.gear = require_gear(items, parse_gear_name(*given)).name;
  } else if (const GearItem* item = default_gear(items, session.type)) {
    session.gear = item->name;
  }
}

double gear_metres(const Journal& journal, std::string_view name) {
  double metres = 0;
  for (const GearNameTotals& totals : journal.gear_totals())
    if (same_gear_name(totals.name, name)) metres += totals.usage.metres;
  return metres;
}

void warn_about_retirement(Context& context, const Journal& journal, const Session& stored, double metres_before) {
  if (!stored.gear) return;
  const std::vector<GearItem> items = journal.gear();
  const GearItem* item = find_gear(items, *stored.gear);
  if (!item || !item->retire_at_metres || item->retired_on) return;
  const double now = gear_metres(journal, item->name);
  if (now < *item->retire_at_metres) return;
  const Settings& settings = context.config();
  const Style style = context.err_style();
  const std::string name = without_hidden_controls(item->name);
  if (metres_before < *item->retire_at_metres) {
    context.err << style.yellow("niggle: warning:") << ' '
                << fmt::format("'{}' reaches its retirement distance with this session: {} of {}; `niggle gear "
                               "retire \"{}\"` when it is replaced\n",
                               name, format_distance(now, settings.units), format_distance(*item->retire_at_metres, settings.units),
                               name);
  } else {
    context.err << style.yellow("niggle: warning:") << ' '
                << fmt::format("'{}' is past its retirement distance: {} of {}\n", name, format_distance(now, settings.units),
                               format_distance(*item->retire_at_metres, settings.units));
  }
}

}  // namespace niggle::cli
