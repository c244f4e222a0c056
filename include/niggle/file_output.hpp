#pragma once
// Files niggle writes for people (reports): never half-written, and private. The text goes to
// a temporary file in the same directory, is flushed to the disk, and is renamed over the
// target in one step, so a reader (a browser, a sync client) sees the old file or the new
// one and a crash leaves no torn file behind. The file is created readable by its owner
// alone (0600): a report is health data.
#include <filesystem>
#include <string_view>

namespace niggle {

// Throws FileError naming the path and the reason (no such directory, a directory in the
// way, no permission, a full disk). On failure the target is untouched and the temporary
// file removed.
void write_file_atomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace niggle
