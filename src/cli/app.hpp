#pragma once
#include <iosfwd>
#include <string>
#include <vector>

#include "niggle/store/paths.hpp"

namespace niggle::cli {

// Parses the command line, runs one command, and turns every failure into one line on
// stderr and a documented exit status. Returns the exit status.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const EnvLookup& env,
         bool out_is_terminal, bool err_is_terminal);
// The same, with standard input for confirmations (rm) and `import -`.
int run(const std::vector<std::string>& args, std::istream& in, bool in_is_terminal, std::ostream& out,
        std::ostream& err, const EnvLookup& env, bool out_is_terminal, bool err_is_terminal);
int run(int argc, char** argv);

}  // namespace niggle::cli
