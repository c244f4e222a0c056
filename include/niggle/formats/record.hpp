#pragma once
// Reading entries back from their record form: the JSON objects of to_json (format.hpp),
// and the CSV columns of `export --format csv` and `list --csv`. A record is checked with
// the same code as typed input (input.hpp), so a file can hold exactly what a user could
// have typed at the command line, plus the identity fields (uuid, times, source).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "niggle/core/entry.hpp"
#include "niggle/core/format.hpp"

namespace niggle {

// Builds an entry from a JSON record. `today` bounds dates as `--date` does. Derived
// fields (pace_s_per_km) are ignored; unknown fields, fields of the other kind, and
// values that `niggle log` or `niggle pain` would refuse throw ValueError. A missing uuid,
// created_at or modified_at is filled in when the entry is stored; `id` is a wish.
Entry entry_from_record(const Json& record, Date today);

// The CSV columns, in order: the JSON record's fields, sessions' then pain entries'.
std::span<const std::string_view> csv_columns();
// One entry as CSV fields (one per column; empty where a field does not apply). Lists
// (tags, symptoms) are comma-separated; numbers are written as JSON writes them.
std::vector<std::string> csv_fields(const Entry& entry);
// A CSV row under its header as a JSON record: empty cells are null, list cells arrays.
// Throws ValueError for a row with the wrong number of cells.
Json record_from_csv(std::span<const std::string> header, std::span<const std::string> row);

// "2026-11-24T18:03:12Z" with a real date and time.
bool is_utc_timestamp(std::string_view text);
// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower-case hex.
bool is_uuid(std::string_view text);

}  // namespace niggle
