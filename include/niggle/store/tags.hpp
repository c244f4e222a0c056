#pragma once
// The journal's tags and how many entries carry each, for `niggle tags` and completions.
#include <cstdint>
#include <string>
#include <vector>

#include "niggle/store/journal.hpp"

namespace niggle {

struct TagCount {
  std::string name;
  std::int64_t entries = 0;
};

// Every tag, the most used first, then by name. One query over the tag index.
std::vector<TagCount> tag_counts(const Journal& journal);

}  // namespace niggle
