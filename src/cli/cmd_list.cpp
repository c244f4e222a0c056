// `niggle list` (alias `history`): entries newest first, filtered, as lines, JSON, CSV or TSV.
#include <fmt/format.h>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "niggle/core/csv.hpp"
#include "niggle/core/format.hpp"
#include "niggle/core/input.hpp"
#include "niggle/formats/record.hpp"
#include "niggle/core/text.hpp"

namespace niggle::cli {
namespace {

struct ListOptions {
  std::optional<std::string> since, until, type, grep;
  std::vector<std::string> tags;
  std::optional<int> limit;
  bool pain = false, runs = false, visits = false, json = false, csv = false, tsv = false;
};

EntryQuery make_query(const ListOptions& options, Date today) {
  EntryQuery query;
  if (options.since) query.since = parse_date(*options.since, today);
  if (options.until) query.until = parse_date(*options.until, today);
  if (query.since && query.until && *query.since > *query.until) {
    throw ValueError(fmt::format("--since {} is after --until {}; nothing could match", query.since->iso(),
                                 query.until->iso()));
  }
  if (options.pain && (options.runs || options.type)) {
    throw UsageError(fmt::format("--pain cannot go with {}: pain entries have no session type",
                                 options.runs ? "--runs" : "--type"));
  }
  if (options.visits && (options.pain || options.runs || options.type)) {
    throw UsageError(fmt::format("--visits cannot go with {}: choose one kind of entry",
                                 options.pain ? "--pain" : options.runs ? "--runs" : "--type"));
  }
  if (options.type) query.type = parse_name<ActivityType>(trim(*options.type));
  if (options.visits) query.kind = EntryKind::visit;
  if (options.pain) query.kind = EntryKind::pain;
  if (options.runs || options.type) query.kind = EntryKind::session;
  query.tags = parse_tags(options.tags);
  if (options.grep) {
    if (trim(*options.grep).empty()) throw ValueError("--grep needs some text to look for in the notes");
    query.note_contains = *options.grep;
  }
  if (options.limit) {
    if (*options.limit < 1) throw ValueError(fmt::format("--limit {} is below 1; give how many entries to show", *options.limit));
    query.limit = static_cast<std::size_t>(*options.limit);
  }
  return query;
}

}  // namespace

CommandRun setup_list(CLI::App& command, Context& context) {
  command.description(help_text(
      "Show entries, newest first: runs and other sessions, pain scores, and visits to a physio or doctor.",
      {"niggle list", "niggle list --since -2w --pain", "niggle list --visits", "niggle history --runs --type run --limit 10",
       "niggle list --tag treadmill --json | jq '.[].distance_km'", "niggle list --since 2026-11-01 --csv > november.csv",
       "niggle list --grep physio     (notes that mention the physio)"},
      "--since and --until take the same dates as --date (2026-11-01, \"2 weeks ago\", \"last mon\", \"nov 9\") and\n"
      "are inclusive. --grep finds text in the notes, ignoring the case of ASCII letters.\n"
      "--json prints an array of the records of `log --json`; --csv and --tsv print the columns of\n"
      "`niggle export --format csv` (docs/FORMATS.md)."));
  auto options = std::make_shared<ListOptions>();
  command.add_option("--since", options->since, "entries on or after this day");
  command.add_option("--until", options->until, "entries on or before this day");
  command.add_option("-t,--type", options->type, "sessions of this type: run, walk, hike, bike, swim, elliptical, strength, other");
  command.add_option("--tag", options->tags, "entries with this tag; repeat for entries with all of them")
      ->allow_extra_args(false)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->delimiter(',');
  command.add_option("-g,--grep", options->grep, "entries whose note holds this text, in any case");
  command.add_flag("--pain", options->pain, "pain entries only");
  command.add_flag("--runs", options->runs, "sessions only (runs and every other type)");
  command.add_flag("--visits", options->visits, "visits only (physio, doctor, urgent care)");
  command.add_option("-n,--limit", options->limit, "the newest N entries");
  command.add_flag("--json", options->json, "print a JSON array of records");
  command.add_flag("--csv", options->csv, "print CSV with a header");
  command.add_flag("--tsv", options->tsv, "print tab-separated values with a header");

  return [options, &context]() {
    if (int(options->json) + int(options->csv) + int(options->tsv) > 1) {
      throw UsageError("choose one of --json, --csv and --tsv");
    }
    const EntryQuery query = make_query(*options, context.today());
    const Settings& settings = context.config();
    const std::vector<Entry> entries = context.journal(Journal::Access::read).list(query);
    if (options->json) {
      Json array = Json::array();
      for (const Entry& entry : entries) array.push_back(to_json(entry));
      context.out << array.dump(2) << '\n';
    } else if (options->csv || options->tsv) {
      const std::vector<std::string> header(csv_columns().begin(), csv_columns().end());
      const auto row = [&](const std::vector<std::string>& fields) {
        if (options->csv) return csv_record(fields);
        std::vector<std::string> escaped;
        for (const std::string& field : fields) escaped.push_back(tsv_field(field));
        return join(escaped, "\t") + '\n';
      };
      context.out << row(header);
      for (const Entry& entry : entries) {
        // Spreadsheets open TSV as readily as CSV: both are neutralised as the export is.
        std::vector<std::string> fields = csv_fields(entry);
        for (std::string& field : fields) field = spreadsheet_safe(std::move(field));
        context.out << row(fields);
      }
    } else {
      if (entries.empty()) context.err << "niggle: no entries" << (context.journal(Journal::Access::read).empty() ? " yet" : " match") << '\n';
      for (const Entry& entry : entries) {
        context.out << describe(entry, settings.units) << '\n';
        print_note(context, meta_of(entry));
      }
    }
    return ExitCode::ok;
  };
}

}  // namespace niggle::cli
