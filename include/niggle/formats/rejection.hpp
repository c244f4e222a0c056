#pragma once
// A record that an import turned away, and why: shared by every reader of outside files.
#include <string>

namespace niggle {

struct Rejection {
  std::string where;   // "line 12", "record 3", "track 2", "entry #12"
  std::string reason;
};

}  // namespace niggle
