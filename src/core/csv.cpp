#include "niggle/core/csv.hpp"

#include <fmt/format.h>

#include "niggle/core/error.hpp"

namespace niggle {

CsvReader::CsvReader(std::string_view text, char separator) : text_(text), separator_(separator) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // a byte-order mark is not data
}

std::optional<std::vector<std::string>> CsvReader::next() {
  if (pos_ >= text_.size()) return std::nullopt;
  record_line_ = current_line_;
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false, after_quote = false;
  while (pos_ < text_.size()) {
    const char c = text_[pos_++];
    if (quoted) {
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
        } else {
          quoted = false;
          after_quote = true;
        }
      } else {
        if (c == '\n') ++current_line_;
        field += c;
      }
      continue;
    }
    if (c == separator_) {
      fields.push_back(std::move(field));
      field.clear();
      after_quote = false;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++current_line_;
      fields.push_back(std::move(field));
      return fields;
    } else if (c == '"' && field.empty() && !after_quote) {
      quoted = true;
    } else if (after_quote) {
      throw ValueError(fmt::format("line {}: text after a closing quote; a quoted field must end at a '{}' or a line end",
                                   current_line_, separator_));
    } else {
      field += c;
    }
  }
  if (quoted) throw ValueError(fmt::format("line {}: a quoted field is never closed", record_line_));
  fields.push_back(std::move(field));
  return fields;
}

std::vector<std::vector<std::string>> parse_csv(std::string_view text, char separator) {
  CsvReader reader(text, separator);
  std::vector<std::vector<std::string>> records;
  while (auto record = reader.next()) records.push_back(std::move(*record));
  return records;
}

std::string csv_field(std::string_view value, char separator) {
  // A leading byte-order mark is quoted too: at the start of a file, unquoted, a reader
  // (this one included) takes it for the file's encoding mark and drops it.
  const bool leading_bom = value.substr(0, 3) == "\xEF\xBB\xBF";
  if (!leading_bom && value.find_first_of(std::string{'"', '\n', '\r', separator}) == std::string_view::npos) {
    return std::string{value};
  }
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string csv_record(std::span<const std::string> fields, char separator, std::string_view end) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += separator;
    out += csv_field(fields[i], separator);
  }
  out += end;
  return out;
}

std::string tsv_field(std::string_view value) {
  std::string out;
  for (char c : value) {
    switch (c) {
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\\': out += "\\\\"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

bool is_formula_start(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

// "-12", "+3.5": a number, which a spreadsheet reads as one and runs nothing.
bool is_plain_number(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  if (text.empty()) return false;
  bool digits = false, point = false;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      digits = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      return false;
    }
  }
  return digits;
}

// The cell begins, after any apostrophes, with a character that starts a formula.
bool needs_apostrophe(std::string_view value) {
  const std::size_t first = value.find_first_not_of('\'');
  return first != std::string_view::npos && is_formula_start(value[first]) && !is_plain_number(value);
}

}  // namespace

std::string spreadsheet_safe(std::string value) {
  if (needs_apostrophe(value)) value.insert(value.begin(), '\'');
  return value;
}

std::string from_spreadsheet_safe(std::string value) {
  if (!value.empty() && value.front() == '\'' && needs_apostrophe(std::string_view(value).substr(1))) value.erase(0, 1);
  return value;
}

}  // namespace niggle
