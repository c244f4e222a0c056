// GPX tracks from any device or program (the first byte picks the import options). The
// file is read whole, and again as a stream in chunks whose sizes the bytes pick: both
// must give the same sessions, warnings and rejections, or the same error. Malformed XML
// is refused either way, but which fault expat names first can depend on where a chunk
// ends (after the root element, "junk after document element" or "invalid token"), so
// there only the refusal must agree.
#include <fmt/format.h>

#include "import_checks.hpp"

using namespace niggle;

namespace {

std::string outcome(const std::function<ActivityFile()>& parse) {
  try {
    const ActivityFile file = parse();
    std::string text;
    for (const Session& s : file.sessions) {
      text += fmt::format("session {} {} {} {} {} {} {}\n", s.meta.date.iso(), s.start_time.value_or("-"),
                          s.metres.value_or(-1), s.seconds.value_or(-1), s.moving_seconds.value_or(-1),
                          s.meta.source.value_or("-"), s.meta.note.value_or("-"));
    }
    for (const std::string& w : file.warnings) text += "warning " + w + "\n";
    for (const Rejection& r : file.rejected) text += "rejected " + r.where + ": " + r.reason + "\n";
    return text;
  } catch (const FileError& e) {
    return std::string("error ") + e.what();
  }
}

}  // namespace

NIGGLE_FUZZ_TARGET(gpx) {
  fuzz::check_activity_parser(data, size, ActivityFormat::gpx, "GPX", parse_gpx);
  if (size < 2) return 0;
  const ActivityOptions options = fuzz::activity_options(data[0]);
  const std::string_view bytes = fuzz::as_text(data + 1, size - 1);
  const std::size_t chunk = 1 + data[size - 1] % 13;  // 1 to 13 bytes, every boundary tried over the runs
  const std::string whole = outcome([&] { return parse_gpx(bytes, options); });
  const std::string streamed = outcome([&] {
    GpxReader reader(options);
    for (std::size_t at = 0; at < bytes.size(); at += chunk) reader.feed(bytes.substr(at, chunk));
    return reader.finish();
  });
  constexpr std::string_view kMalformed = "error is not well-formed XML (";
  const bool both_malformed = whole.rfind(kMalformed, 0) == 0 && streamed.rfind(kMalformed, 0) == 0;
  if (whole != streamed && !both_malformed) {
    std::fprintf(stderr, "whole:\n%s\nin chunks of %zu:\n%s\n", whole.c_str(), chunk, streamed.c_str());
    fuzz::fail("a GPX read in chunks gives what it gives read whole", __FILE__, __LINE__);
  }
  return 0;
}
