#pragma once
// CSV as RFC 4180 writes it, and as real exports bend it: quoted fields, doubled quotes,
// separators and newlines inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark.
// TSV output escapes tabs, newlines and backslashes instead of quoting.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace niggle {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text, char separator = ',');
  // The next record, or nullopt at the end. Throws ValueError naming the line for a
  // quote that never closes or text after a closing quote.
  std::optional<std::vector<std::string>> next();
  // The line on which the record last returned began (1-based).
  std::size_t line() const { return record_line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t current_line_ = 1, record_line_ = 0;
  char separator_;
};

// Every record of a document.
std::vector<std::vector<std::string>> parse_csv(std::string_view text, char separator = ',');

// One field, quoted when it holds a separator, a quote, or a line break.
std::string csv_field(std::string_view value, char separator = ',');
// One record with its line end ("\r\n" as RFC 4180 says, or "\n").
std::string csv_record(std::span<const std::string> fields, char separator = ',', std::string_view end = "\n");
// A cell a spreadsheet would run as a formula (it begins with =, +, -, @, a tab or a
// carriage return, and is not a plain number) gets a leading apostrophe, as OWASP's advice
// on CSV injection has it: the spreadsheet shows the text and runs nothing. A cell that is
// already such a cell behind apostrophes gets one more, so that from_spreadsheet_safe()
// gives back exactly what was written.
std::string spreadsheet_safe(std::string value);
// The inverse of spreadsheet_safe(): niggle's CSV import reads its own exports unchanged.
std::string from_spreadsheet_safe(std::string value);

// One TSV field: tab, newline, carriage return and backslash written as \t \n \r \\.
std::string tsv_field(std::string_view value);

}  // namespace niggle
