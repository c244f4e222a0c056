// Replays inputs through the fuzz targets without libFuzzer, for builds without clang:
//   niggle_fuzz_replay --all CORPUS_ROOT...   every target over ROOT/<target>/ of each root
//   niggle_fuzz_replay TARGET FILE_OR_DIR...  one target over files
// Exits non-zero when a target has no seed corpus; a finding aborts, as under libFuzzer.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "fuzz.hpp"

namespace fs = std::filesystem;

namespace niggle::fuzz {

std::map<std::string, Target>& targets() {
  static std::map<std::string, Target> registry;
  return registry;
}

bool register_target(const char* name, Target target) {
  targets()[name] = target;
  return true;
}

}  // namespace niggle::fuzz

namespace {

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  if (fs::is_regular_file(root)) files.push_back(root);
  if (fs::is_directory(root)) {
    for (const auto& entry : fs::recursive_directory_iterator(root))
      if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::size_t replay(niggle::fuzz::Target target, const std::vector<fs::path>& files) {
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), {});
    std::fprintf(stderr, "%s\n", file.c_str());  // shows which input, should one abort
    target(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  return files.size();
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 2 && args[0] == "--all") {
    int status = 0;
    for (const auto& [name, target] : niggle::fuzz::targets()) {
      std::size_t seeds = 0, total = 0;
      for (std::size_t i = 1; i < args.size(); ++i) {
        const std::size_t count = replay(target, files_under(fs::path(args[i]) / name));
        total += count;
        if (i == 1) seeds = count;
      }
      std::printf("%-10s %zu inputs replayed\n", name.c_str(), total);
      if (seeds == 0) {
        std::printf("%-10s has no seed corpus in %s/%s\n", name.c_str(), args[1].c_str(), name.c_str());
        status = 1;
      }
    }
    return status;
  }
  if (args.size() >= 2 && niggle::fuzz::targets().count(args[0])) {
    std::size_t total = 0;
    for (std::size_t i = 1; i < args.size(); ++i) total += replay(niggle::fuzz::targets()[args[0]], files_under(args[i]));
    std::printf("%s: %zu inputs replayed\n", args[0].c_str(), total);
    return 0;
  }
  std::fprintf(stderr, "usage: niggle_fuzz_replay --all CORPUS_ROOT... | TARGET FILE_OR_DIR...\n");
  return 2;
}
