#pragma once
// Shared by the fuzz targets. Each target feeds bytes to one parser and checks what the
// parser promises: it either returns a value that keeps its invariants, or refuses the input
// with a niggle::Error (the one way niggle reports bad input). Anything else (another
// exception, a broken invariant, a sanitizer report) is a finding.
//
// The same sources build two ways:
//   - with clang and -fsanitize=fuzzer (NIGGLE_FUZZ=ON, preset "fuzz"): one libFuzzer
//     binary per target, fuzz_<name>;
//   - with any compiler (the normal test builds): one replay binary, niggle_fuzz_replay, that
//     runs every target over its seed corpus and its regression inputs, so that CI replays
//     every past finding under the test suite's sanitizers even without clang.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "niggle/core/error.hpp"

namespace niggle::fuzz {

using Target = int (*)(const std::uint8_t*, std::size_t);
bool register_target(const char* name, Target target);

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A broken promise: report it and abort, which libFuzzer records as a crash with its input.
[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", what, file, line);
  std::abort();
}

// Runs `parse`; a niggle::Error is a proper refusal, and any other exception escapes.
template <class Parse>
bool accepts(Parse&& parse) {
  try {
    parse();
    return true;
  } catch (const niggle::Error&) {
    return false;
  }
}

}  // namespace niggle::fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? void() : ::niggle::fuzz::fail(#condition, __FILE__, __LINE__))

#ifdef NIGGLE_FUZZ_REPLAY
#define NIGGLE_FUZZ_TARGET(name)                                                                       \
  static int fuzz_##name(const std::uint8_t* data, std::size_t size);                                  \
  [[maybe_unused]] static const bool fuzz_registered_##name = ::niggle::fuzz::register_target(#name, fuzz_##name); \
  static int fuzz_##name(const std::uint8_t* data, std::size_t size)
#else
#define NIGGLE_FUZZ_TARGET(name) extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
#endif
