#pragma once
// Helpers shared by the GPX, TCX and Strava parsers.
#include <optional>
#include <string>
#include <string_view>

#include "niggle/formats/activity.hpp"
#include "niggle/core/input.hpp"

namespace niggle::detail {

inline constexpr std::size_t kNoteLimit = kMaxNoteBytes;

// A time from a file that can be believed: from 1980 (GPS time) to 2100.
bool usable_time(UnixTime time);
// Text from another program made fit for a note: invalid bytes replaced, control
// characters but newline and tab turned into spaces, cut at the note limit.
std::string clean_note(std::string_view text);
// Gives a session (its type already set) the distance and time a file states, as typed
// input would store them: the distance to the millimetre, and none when it rounds to
// nothing or the type has no distance; the time to the second, and none under a second.
// Returns why the figures cannot be right (more than 1000 km, or more than 100 hours: what
// `niggle log` refuses too), leaving the session as it was; else nullopt.
std::optional<std::string> set_figures(Session& session, double metres, double seconds);

// What a device measured, as a file states it; nullopt or a value out of its range is not
// kept (a heart rate of 0 or 255 is a sensor's way of saying it had none).
struct WatchFigures {
  std::optional<double> moving_seconds, avg_heart_rate, max_heart_rate, ascent_metres, avg_cadence;
};
void set_watch_figures(Session& session, const WatchFigures& figures);

}  // namespace niggle::detail
