// GPX 1.0 and 1.1: distance from the track points (great-circle, summed within each
// segment, never across the gap between segments or tracks); the start from the first
// point time; elapsed time as the sum over segments of first-to-last point time (a gap
// between segments or tracks is a pause, when the device was not recording), or moving
// time (the stretches faster than 1 km/h, a gap of over a minute between two points left
// out as a pause); the type from <type> where the file names one.
//
// Read as a stream with expat, not into a DOM: a track file can be hundreds of megabytes
// (a day-long ride at one point a second), and a DOM of it takes several times its size.
// Each point is folded into running figures as it is read, and only the figures, the
// previous point and the track's name and type are kept, so memory does not grow with the
// file. What is read from the document is what the DOM reader took: the first <name> and
// <type> of each <trk>, the first <time> of each <trkpt>, the first text (or CDATA) of each
// of those elements, <wpt> and <rte><rtept> only counted.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <expat.h>
#include <fmt/format.h>
#include <limits>
#include <map>

#include "activity_impl.hpp"
#include "niggle/core/error.hpp"
#include "niggle/core/text.hpp"

namespace niggle {
namespace {

// Below this speed a stretch between two points counts as standing still (as GPS tools
// commonly do: 1 km/h).
constexpr double kStoppedSpeed = 1000.0 / 3600.0;
// Devices record a point every few seconds while they move (smart recording: up to about
// ten). Minutes without a point inside one segment are a pause (an auto-pause, a phone
// that stopped recording), however far apart the points on either side: not moving time.
constexpr double kLongestStride = 60.0;
// The text kept of one element (a name, a type, a time): far more than a note holds, and a
// bound on what a hostile file can make the reader keep.
constexpr std::size_t kMaxTextBytes = 1024 * 1024;
// What expat is handed at once (its length is an int).
constexpr std::size_t kMaxFeedBytes = 16 * 1024 * 1024;

std::string_view local_name(std::string_view name) {
  if (const auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

std::optional<double> number(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

// Figures of a set of tracks taken as one activity, added up point by point in file order.
struct Figures {
  double metres = 0;
  std::size_t points = 0, timed = 0, written_times = 0;
  std::optional<UnixTime> first, last;
  double elapsed_seconds = 0;  // first to last point of each segment, summed
  double moving_seconds = 0;
};

struct Point {
  double lat = 0, lon = 0;
  std::optional<UnixTime> time;  // only a usable one
  bool had_time = false;         // a time was written, usable or not
};

// A track as far as a session needs it: its name, its type and (one session per track)
// its own figures.
struct Track {
  std::size_t number = 0;  // 1 for the file's first <trk>
  std::string name, type;
  Figures figures;
};

// The first text of an element, as a DOM's text() gives it: the first run of character
// data that is not only white space, or the first CDATA section, directly inside it.
class TextCapture {
 public:
  void start(int depth) {
    depth_ = depth;
    text_.clear();
    run_.clear();
    done_ = false;
    in_cdata_ = false;
  }
  bool active() const { return depth_ > 0; }
  int depth() const { return depth_; }
  void add(std::string_view data) {
    if (done_) return;
    if (run_.size() < kMaxTextBytes) run_.append(data.substr(0, kMaxTextBytes - run_.size()));
    any_ = true;
  }
  // A child element, a comment or an instruction, a CDATA boundary: the run ends there.
  void cut() {
    if (done_) {
      run_.clear();
      return;
    }
    const bool blank = std::all_of(run_.begin(), run_.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
    if ((in_cdata_ && any_) || (!run_.empty() && !blank)) {
      text_ = std::move(run_);
      done_ = true;
    }
    run_.clear();
    any_ = false;
  }
  void cdata(bool starts) {
    cut();
    in_cdata_ = starts;
    any_ = starts;  // an empty CDATA section is a text of its own, an empty one
  }
  std::string finish() {
    cut();
    depth_ = 0;
    return std::move(text_);
  }

 private:
  int depth_ = 0;
  std::string text_, run_;
  bool done_ = false, in_cdata_ = false, any_ = false;
};

// Windows-1252, which some programs declare: Latin-1 but for 0x80-0x9F.
int XMLCALL unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
  const std::string lower = ascii_lower(name ? name : "");
  if (lower != "windows-1252" && lower != "cp1252") return XML_STATUS_ERROR;
  static constexpr int kHigh[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  for (int i = 0; i < 256; ++i) info->map[i] = i >= 0x80 && i < 0xA0 ? kHigh[i - 0x80] : i;
  info->data = nullptr;
  info->convert = nullptr;
  info->release = nullptr;
  return XML_STATUS_OK;
}

std::string track_names(const std::vector<std::string>& first_names, std::size_t more) {
  std::vector<std::string> names = first_names;
  if (more > 0) names.push_back(fmt::format("and {} more", more));
  return join(names, ", ");
}

// One session from the figures of some tracks; nullopt (with a rejection) when it covers
// no distance, when its figures cannot be right, or when it is a strength session with no
// time. `type` is the first type the tracks name, `names` their names for the note, `key`
// the file's content key.
std::optional<Session> session_from(const Figures& f, const std::string& type_name, const std::string& names,
                                    const ActivityOptions& options, std::optional<UnixTime> file_time,
                                    const std::string& key, const std::string& key_kind, const std::string& where,
                                    ActivityFile& out) {
  if (f.points == 0) return std::nullopt;
  if (!(f.metres > 0)) {
    out.rejected.push_back({where, fmt::format("its {} track point{} no distance", f.points, f.points == 1 ? " covers" : "s cover")});
    return std::nullopt;
  }
  Session s;

  // The type: the first track that names one we know.
  s.type = options.fallback_type;
  if (!type_name.empty()) {
    if (auto type = activity_type_from_name(type_name)) {
      s.type = *type;
    } else {
      s.type = unknown_sport_type(options.type_option);
      out.warnings.push_back(fmt::format("{}: track type '{}' is not an activity niggle knows; recorded as {}", where,
                                         printable(type_name), to_string(s.type)));
    }
  }

  // Times: every point needs a believable one for a duration.
  if (f.written_times > f.timed) {
    out.warnings.push_back(fmt::format("{}: {} of {} point times are outside 1980-2100 and cannot be right; they are "
                                       "ignored",
                                       where, f.written_times - f.timed, f.points));
  }
  const bool all_timed = f.timed == f.points;
  double seconds = 0;
  if (f.timed > 0 && !all_timed) {
    out.warnings.push_back(fmt::format("{}: only {} of {} points have a usable time, so no duration is recorded", where,
                                       f.timed, f.points));
  } else if (all_timed && f.last && f.first && *f.last > *f.first) {
    seconds = options.moving_time ? f.moving_seconds : f.elapsed_seconds;
  } else if (all_timed) {
    out.warnings.push_back(fmt::format("{}: every point has the same time, so no duration is recorded", where));
  }

  // The figures as typed input would store them. A strength session has no distance (as in
  // typed input and TCX): only its time counts; stored with one, its own export and `undo`
  // would refuse it.
  if (all_timed && f.moving_seconds >= 1) {
    detail::WatchFigures watch;
    watch.moving_seconds = f.moving_seconds;
    detail::set_watch_figures(s, watch);
  }
  if (auto wrong = detail::set_figures(s, f.metres, seconds)) {
    out.rejected.push_back({where, *wrong});
    return std::nullopt;
  }
  if (!s.metres && !s.seconds) {
    out.rejected.push_back({where, has_distance(s.type)
                                       ? fmt::format("its {} track points cover less than a millimetre", f.points)
                                       : fmt::format("a {} session with no time and a distance it cannot hold",
                                                     to_string(s.type))});
    return std::nullopt;
  }

  // The day: the first usable point time; else the file's own time; else --date. Only a
  // fully timed track has a start time worth keeping and a start that can name it.
  if (f.first) {
    const LocalTime local = options.to_local(*f.first);
    s.meta.date = local.date;
    if (all_timed) {
      s.start_time = local.time;
      s.meta.source = fmt::format("{}:{}", key_kind, format_utc(*f.first));
    }
  } else if (file_time) {
    const LocalTime local = options.to_local(*file_time);
    s.meta.date = local.date;
    out.warnings.push_back(fmt::format("{}: no point has a usable time; dated {} by the file's own timestamp", where,
                                       local.date.iso()));
  } else if (options.date) {
    s.meta.date = *options.date;
    out.warnings.push_back(fmt::format("{}: no usable time in the file; dated {} as --date says", where,
                                       options.date->iso()));
  } else {
    throw FileError("has no usable time to date the activity by; give the day with --date");
  }
  if (!s.meta.source) s.meta.source = fmt::format("{}:content-{}{}", key_kind, key, where.empty() ? "" : "#" + where);

  s.meta.note = detail::clean_note(fmt::format("Imported from {}{}", options.file_name.empty() ? "a GPX file" : options.file_name,
                                               names.empty() ? "" : fmt::format(" ({})", names)));
  return s;
}

}  // namespace

struct GpxReader::State {
  explicit State(const ActivityOptions& o) : options(o) {}

  ActivityOptions options;
  XML_Parser parser = nullptr;
  std::string error;  // set by a handler that stops the parser
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // content_key of the bytes, as they come

  // Invalid UTF-8 in a document in UTF-8 is replaced byte by byte (U+FFFD) before expat
  // sees it, as the notes made from it would have had it replaced: a device that writes a
  // Latin-1 name without saying so should not cost the whole track. Decided from the
  // document's first bytes (a BOM, the XML declaration).
  std::string head;  // the first bytes, until the encoding is known
  bool encoding_known = false, repair_utf8 = false;
  std::string carry;  // the start of a UTF-8 sequence cut at the end of a chunk
  std::string repaired;
  bool ascii = false;  // the chunk being passed on is all ASCII (so valid UTF-8)

  int depth = 0;
  std::string root_name;
  bool is_gpx = false;
  bool seen_metadata = false, in_metadata = false, seen_metadata_time = false, seen_root_time = false;
  std::string metadata_time, root_time;
  TextCapture capture;
  enum class Capturing { none, metadata_time, root_time, track_name, track_type, point_time } capturing = Capturing::none;

  bool in_rte = false, in_trk = false, in_seg = false, in_point = false;
  std::size_t bad_points = 0, waypoints = 0, route_points = 0, tracks = 0, total_points = 0;

  // The track being read.
  Track track;
  bool track_has_name = false, track_has_type = false;
  std::size_t track_points = 0;
  // The segment being read.
  std::optional<Point> previous;
  bool segment_started = false;
  std::optional<UnixTime> segment_first_time;
  // The point being read.
  Point point;
  bool point_has_time = false;

  // Whole file (no --split): one set of figures, the first type named, the first three names.
  Figures whole;
  std::string first_type;
  bool type_found = false;
  std::vector<std::string> names;
  std::size_t more_names = 0;
  // --split: the tracks that have points.
  std::vector<Track> split_tracks;

  Figures& figures() { return options.split ? track.figures : whole; }

  void start_element(std::string_view name, const XML_Char** attributes) {
    ++depth;
    if (capture.active()) {
      capture.cut();
      return;  // inside an element whose text is read: its children are not GPX's
    }
    if (depth == 1) {
      root_name = name;
      is_gpx = local_name(name) == "gpx";
      return;
    }
    if (!is_gpx) return;
    const std::string_view local = local_name(name);
    if (depth == 2) {
      if (local == "metadata" && !seen_metadata) {
        seen_metadata = in_metadata = true;
      } else if (local == "time" && !seen_root_time) {
        seen_root_time = true;
        begin_capture(Capturing::root_time);
      } else if (local == "wpt") {
        ++waypoints;
      } else if (local == "rte") {
        in_rte = true;
      } else if (local == "trk") {
        begin_track();
      }
      return;
    }
    if (depth == 3) {
      if (in_metadata && local == "time" && !seen_metadata_time) {
        seen_metadata_time = true;
        begin_capture(Capturing::metadata_time);
      } else if (in_rte && local == "rtept") {
        ++route_points;
      } else if (in_trk && local == "name" && !track_has_name) {
        track_has_name = true;
        begin_capture(Capturing::track_name);
      } else if (in_trk && local == "type" && !track_has_type) {
        track_has_type = true;
        begin_capture(Capturing::track_type);
      } else if (in_trk && local == "trkseg") {
        in_seg = true;
        previous.reset();
        segment_started = false;
        segment_first_time.reset();
      }
      return;
    }
    if (depth == 4 && in_seg && local == "trkpt") {
      const char* lat_text = nullptr;
      const char* lon_text = nullptr;
      for (const XML_Char** a = attributes; *a; a += 2) {
        if (!lat_text && std::strcmp(a[0], "lat") == 0) lat_text = a[1];
        if (!lon_text && std::strcmp(a[0], "lon") == 0) lon_text = a[1];
      }
      const auto lat = number(lat_text ? lat_text : ""), lon = number(lon_text ? lon_text : "");
      if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180) {
        ++bad_points;
        return;
      }
      in_point = true;
      point = Point{*lat, *lon, std::nullopt, false};
      point_has_time = false;
      return;
    }
    if (depth == 5 && in_point && local == "time" && !point_has_time) {
      point_has_time = true;
      point.had_time = true;
      begin_capture(Capturing::point_time);
    }
  }

  void end_element() {
    const int ending = depth--;
    if (capture.active()) {
      if (ending > capture.depth()) {
        capture.cut();  // a child of the element whose text is read ends: a new run may follow
        return;
      }
      end_capture();
      return;
    }
    if (!is_gpx) return;
    if (ending == 2) {
      if (in_trk) end_track();
      in_metadata = in_rte = in_trk = false;
    } else if (ending == 3 && in_seg) {
      end_segment();
    } else if (ending == 4 && in_point) {
      add_point();
      in_point = false;
    }
  }

  void characters(std::string_view data) {
    if (capture.active() && depth == capture.depth()) capture.add(data);
  }
  void boundary() {  // a comment or a processing instruction splits the text around it
    if (capture.active() && depth == capture.depth()) capture.cut();
  }
  void cdata(bool starts) {
    if (capture.active() && depth == capture.depth()) capture.cdata(starts);
  }

  void begin_capture(Capturing what) {
    capturing = what;
    capture.start(depth);
  }
  void end_capture() {
    std::string text = capture.finish();
    switch (capturing) {
      case Capturing::metadata_time: metadata_time = std::move(text); break;
      case Capturing::root_time: root_time = std::move(text); break;
      case Capturing::track_name: track.name = std::string{trim(text)}; break;
      case Capturing::track_type: track.type = std::string{trim(text)}; break;
      case Capturing::point_time:
        if (auto t = parse_iso_timestamp(text); t && detail::usable_time(*t)) point.time = t;
        break;
      case Capturing::none: break;
    }
    capturing = Capturing::none;
  }

  void begin_track() {
    in_trk = true;
    track = Track{};
    track.number = ++tracks;
    track_has_name = track_has_type = false;
    track_points = 0;
  }
  void end_track() {
    if (!options.split) {
      // The type: the first track that names one, with points or not.
      if (!type_found && !track.type.empty()) {
        first_type = track.type;
        type_found = true;
      }
      if (!track.name.empty()) {
        if (names.size() < 3) {
          names.push_back(track.name);
        } else {
          ++more_names;
        }
      }
    } else if (track_points > 0) {
      split_tracks.push_back(std::move(track));
    }
    track = Track{};
  }
  void end_segment() {
    // A gap between segments or tracks is a pause: the device was not recording.
    if (segment_started && segment_first_time && previous && previous->time && *previous->time > *segment_first_time) {
      figures().elapsed_seconds += *previous->time - *segment_first_time;
    }
    in_seg = false;
    previous.reset();
  }
  void add_point() {
    Figures& f = figures();
    if (!segment_started) {
      segment_started = true;
      segment_first_time = point.time;
    }
    ++f.points;
    ++track_points;
    ++total_points;
    if (point.had_time) ++f.written_times;
    if (point.time) {
      ++f.timed;
      f.first = f.first ? std::min(*f.first, *point.time) : *point.time;
      f.last = f.last ? std::max(*f.last, *point.time) : *point.time;
    }
    if (previous) {
      const Point& q = *previous;
      const double d = great_circle_metres(q.lat, q.lon, point.lat, point.lon);
      f.metres += d;
      if (point.time && q.time && *point.time > *q.time && *point.time - *q.time <= kLongestStride &&
          d / (*point.time - *q.time) >= kStoppedSpeed) {
        f.moving_seconds += *point.time - *q.time;
      }
    }
    previous = point;
  }
};

namespace {

using State = GpxReader::State;

State& state_of(void* data) { return *static_cast<State*>(data); }

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  state_of(data).start_element(name, attributes);
}
void XMLCALL on_end(void* data, const XML_Char*) { state_of(data).end_element(); }
void XMLCALL on_characters(void* data, const XML_Char* text, int length) {
  state_of(data).characters(std::string_view(text, static_cast<std::size_t>(length)));
}
void XMLCALL on_comment(void* data, const XML_Char*) { state_of(data).boundary(); }
void XMLCALL on_instruction(void* data, const XML_Char*, const XML_Char*) { state_of(data).boundary(); }
void XMLCALL on_cdata_start(void* data) { state_of(data).cdata(true); }
void XMLCALL on_cdata_end(void* data) { state_of(data).cdata(false); }
// An entity declared in the document's DTD: GPX never needs one, and entities that expand
// into entities are how a few kilobytes of XML become gigabytes. Refused outright.
void XMLCALL on_entity(void* data, const XML_Char* name, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                       const XML_Char*, const XML_Char*) {
  State& s = state_of(data);
  if (s.error.empty()) {
    s.error = fmt::format("declares an XML entity ({}) in a DTD; GPX needs none, and entities can make a small file "
                          "expand without end, so it is refused",
                          printable(name ? name : ""));
  }
  XML_StopParser(s.parser, XML_FALSE);
}

// How far into a document its XML declaration is looked for.
constexpr std::size_t kEncodingHeadBytes = 256;

// Whether the document is in UTF-8, from its first bytes: no UTF-16 or UTF-32 mark, and an
// XML declaration naming no other encoding.
bool declares_utf8(std::string_view head) {
  head = head.substr(0, kEncodingHeadBytes);  // the same answer however the file is chunked
  if (head.substr(0, 3) == "\xEF\xBB\xBF") return true;
  if (head.size() >= 2 && ((head[0] == '\xFE' && head[1] == '\xFF') || (head[0] == '\xFF' && head[1] == '\xFE'))) return false;
  if (head.size() >= 2 && (head[0] == '\0' || head[1] == '\0')) return false;
  if (head.substr(0, 5) != "<?xml") return true;
  const std::string_view declaration = head.substr(0, head.find("?>"));
  const std::size_t at = declaration.find("encoding");
  if (at == std::string_view::npos) return true;
  std::string_view rest = declaration.substr(at + 8);
  const std::size_t quote = rest.find_first_of("\"'");
  if (quote == std::string_view::npos) return true;
  rest.remove_prefix(quote + 1);
  const std::string name = ascii_lower(rest.substr(0, rest.find_first_of("\"'")));
  return name == "utf-8" || name == "utf8";
}

// How many bytes the UTF-8 sequence led by `lead` has; 0 for a byte that cannot lead one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

GpxReader::GpxReader(const ActivityOptions& options) : state_(std::make_unique<State>(options)) {
  State& s = *state_;
  s.parser = XML_ParserCreate(nullptr);
  if (!s.parser) throw FileError("cannot be read: out of memory");
  XML_SetUserData(s.parser, &s);
  XML_SetElementHandler(s.parser, on_start, on_end);
  XML_SetCharacterDataHandler(s.parser, on_characters);
  XML_SetCommentHandler(s.parser, on_comment);
  XML_SetProcessingInstructionHandler(s.parser, on_instruction);
  XML_SetCdataSectionHandler(s.parser, on_cdata_start, on_cdata_end);
  XML_SetEntityDeclHandler(s.parser, on_entity);
  XML_SetUnknownEncodingHandler(s.parser, unknown_encoding, nullptr);
  // No external entity or DTD is ever loaded: no handler for them is set, and parameter
  // entities are not parsed.
  XML_SetParamEntityParsing(s.parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

GpxReader::~GpxReader() {
  if (state_ && state_->parser) XML_ParserFree(state_->parser);
}

void GpxReader::parse(std::string_view bytes, bool last) {
  State& s = *state_;
  do {
    const std::string_view piece = bytes.substr(0, kMaxFeedBytes);
    bytes.remove_prefix(piece.size());
    const bool final_piece = last && bytes.empty();
    if (XML_Parse(s.parser, piece.data(), static_cast<int>(piece.size()), final_piece ? XML_TRUE : XML_FALSE) !=
        XML_STATUS_OK) {
      if (!s.error.empty()) throw FileError(s.error);
      throw FileError(fmt::format("is not well-formed XML ({} at line {}, byte {})", XML_ErrorString(XML_GetErrorCode(s.parser)),
                                  XML_GetCurrentLineNumber(s.parser), XML_GetCurrentByteIndex(s.parser)));
    }
  } while (!bytes.empty());
}

void GpxReader::pass_on(std::string_view bytes, bool last) {
  State& s = *state_;
  const bool ascii = s.ascii;
  s.ascii = false;
  if (!s.repair_utf8) {
    parse(bytes, last);
    return;
  }
  // Most of a track file is ASCII, and most files are valid UTF-8: passed on as they are.
  if (s.carry.empty() && (ascii || !find_invalid_utf8(bytes))) {
    parse(bytes, last);
    return;
  }
  std::string& out = s.repaired;
  out.clear();
  std::string joined;
  if (!s.carry.empty()) {
    joined = s.carry;
    joined.append(bytes);
    bytes = joined;
    s.carry.clear();
  }
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto invalid = find_invalid_utf8(bytes.substr(i));
    if (!invalid) {
      out.append(bytes.substr(i));
      break;
    }
    out.append(bytes.substr(i, *invalid));
    i += *invalid;
    // A sequence that the chunk's end cuts short waits for the next chunk.
    const std::size_t need = sequence_length(static_cast<unsigned char>(bytes[i]));
    if (!last && need > bytes.size() - i &&
        std::all_of(bytes.begin() + static_cast<std::ptrdiff_t>(i) + 1, bytes.end(),
                    [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; })) {
      s.carry.assign(bytes.substr(i));
      break;
    }
    out += "\xEF\xBF\xBD";  // U+FFFD
    ++i;
  }
  parse(out, last);
}

void GpxReader::feed(std::string_view chunk) {
  State& s = *state_;
  unsigned char high = 0;  // the bytes OR-ed: ASCII when its top bit is clear
  for (const unsigned char c : chunk) {
    s.hash ^= c;
    s.hash *= 0x100000001b3ULL;
    high |= c;
  }
  if (!s.encoding_known) {
    s.head.append(chunk);
    // The declaration is short: the first bytes hold it, or it names no encoding.
    if (s.head.size() < kEncodingHeadBytes && s.head.find("?>") == std::string::npos) return;
    s.encoding_known = true;
    s.repair_utf8 = declares_utf8(s.head);
    const std::string head = std::move(s.head);
    s.head.clear();
    pass_on(head, false);
    return;
  }
  s.ascii = (high & 0x80) == 0;
  pass_on(chunk, false);
}

ActivityFile GpxReader::finish() {
  State& s = *state_;
  if (!s.encoding_known) {
    s.encoding_known = true;
    s.repair_utf8 = declares_utf8(s.head);
    const std::string head = std::move(s.head);
    s.head.clear();
    pass_on(head, true);
  } else {
    pass_on({}, true);
  }
  if (!s.is_gpx) throw FileError(fmt::format("is XML but not GPX (its root is <{}>)", printable(s.root_name)));

  ActivityFile out;
  out.format = ActivityFormat::gpx;

  // The file's own time: <metadata><time> in GPX 1.1, <time> under <gpx> in 1.0.
  std::optional<UnixTime> file_time;
  if (auto t = parse_iso_timestamp(s.metadata_time); t && detail::usable_time(*t)) {
    file_time = t;
  } else if (auto t0 = parse_iso_timestamp(s.root_time); t0 && detail::usable_time(*t0)) {
    file_time = t0;
  }
  if (s.bad_points > 0) {
    out.warnings.push_back(fmt::format("{} track point{} without a valid latitude and longitude were skipped", s.bad_points,
                                       s.bad_points == 1 ? "" : "s"));
  }
  if (s.total_points == 0) {
    std::string what = s.tracks == 0 ? "no track" : "tracks without points";
    if (s.waypoints > 0 || s.route_points > 0) {
      what += fmt::format(" (it holds {} waypoint{}{}, which record places, not a run)", s.waypoints,
                          s.waypoints == 1 ? "" : "s",
                          s.route_points > 0 ? fmt::format(" and a route of {} points", s.route_points) : "");
    }
    throw FileError(fmt::format("has {}; there is nothing to import", what));
  }
  const std::string key = fmt::format("{:016x}", s.hash);

  if (s.options.split) {
    // A session is known by its start: two tracks that start at the same moment are one
    // activity twice (a device's log and its saved copy), and only the first is taken.
    std::map<std::string, std::string> starts;
    for (const Track& t : s.split_tracks) {
      const std::string where = fmt::format("track {}", t.number);
      std::vector<std::string> names;
      if (!t.name.empty()) names.push_back(t.name);
      if (auto session = session_from(t.figures, t.type, track_names(names, 0), s.options, file_time, key,
                                             "gpx-track", where, out)) {
        if (auto [it, fresh] = starts.emplace(*session->meta.source, where); !fresh) {
          out.rejected.push_back({where, fmt::format("starts at the same moment as {}: the same activity twice?", it->second)});
          continue;
        }
        out.sessions.push_back(std::move(*session));
      }
    }
  } else if (auto session = session_from(s.whole, s.first_type, track_names(s.names, s.more_names), s.options,
                                                file_time, key, "gpx", "", out)) {
    out.sessions.push_back(std::move(*session));
  }
  if (out.sessions.empty()) {
    throw FileError(out.rejected.empty() ? "has nothing to import"
                                         : fmt::format("has nothing to import: {}", out.rejected.front().reason));
  }
  // Warnings without a place name read better without the leading ": ".
  for (auto& w : out.warnings)
    if (w.rfind(": ", 0) == 0) w.erase(0, 2);
  return out;
}

ActivityFile parse_gpx(std::string_view bytes, const ActivityOptions& options) {
  GpxReader reader(options);
  reader.feed(bytes);
  return reader.finish();
}

}  // namespace niggle
