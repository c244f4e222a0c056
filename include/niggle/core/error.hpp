#pragma once
// One error type for everything niggle reports to its user. Low-level code throws it with
// the exit code that fits; the single top-level handler in the CLI prints
// "niggle: error: <message>" on stderr and exits with that code.
#include <stdexcept>
#include <string>

namespace niggle {

// Exit statuses are part of niggle's interface (documented in README.md and niggle(1)).
// Codes below 10 mean "something went wrong"; 10 and above are answers that commands such
// as `advise` and `remind` give on purpose, so scripts can branch on them without parsing.
enum class ExitCode : int {
  ok = 0,
  failure = 1,        // an unexpected internal error (a bug): please report it
  usage = 2,          // the command line is wrong: unknown command or option, missing argument
  invalid_value = 3,  // a value niggle cannot accept: pain 11, 2026-02-30, "5 parsecs"
  config = 4,         // the config file cannot be read or is invalid
  journal = 5,        // the journal cannot be opened, created or written, or is not a niggle journal
  not_found = 6,      // no entry has the given id
  file = 7,           // a file other than the journal (import, export, backup) cannot be used
  cancelled = 8,      // the user declined a confirmation

  // Answers, not errors.
  advise_no_run = 10,   // advise: rest or cross-train today (go and easy are 0)
  advise_urgent = 11,   // advise: seek medical care now
  advise_unknown = 12,  // advise: not enough data to judge
  reminder_due = 20,    // remind: something is not recorded yet
};

inline int to_int(ExitCode code) { return static_cast<int>(code); }

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Shorthands for the kinds thrown most often.
struct UsageError : Error {
  explicit UsageError(const std::string& m) : Error(ExitCode::usage, m) {}
};
struct ValueError : Error {
  explicit ValueError(const std::string& m) : Error(ExitCode::invalid_value, m) {}
};
struct ConfigError : Error {
  explicit ConfigError(const std::string& m) : Error(ExitCode::config, m) {}
};
struct JournalError : Error {
  explicit JournalError(const std::string& m) : Error(ExitCode::journal, m) {}
};
struct NotFoundError : Error {
  explicit NotFoundError(const std::string& m) : Error(ExitCode::not_found, m) {}
};
struct FileError : Error {
  explicit FileError(const std::string& m) : Error(ExitCode::file, m) {}
};

}  // namespace niggle
