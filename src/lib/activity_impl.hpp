#pragma once
// Helpers shared by the GPX, TCX and Strava parsers.
#include <string>
#include <string_view>

#include "niggle/activity.hpp"
#include "niggle/input.hpp"

namespace niggle::detail {

inline constexpr std::size_t kNoteLimit = kMaxNoteBytes;

// A time from a file that can be believed: from 1980 (GPS time) to 2100.
bool usable_time(UnixTime time);
// Text from another program made fit for a note: invalid bytes replaced, control
// characters but newline and tab turned into spaces, cut at the note limit.
std::string clean_note(std::string_view text);

}  // namespace niggle::detail
