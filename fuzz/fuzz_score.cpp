// Whole numbers in a range: the pain score ("3", "6/10") and the RPE.
#include "fuzz.hpp"
#include "niggle/core/input.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(score) {
  const std::string_view text = fuzz::as_text(data, size);
  int score = -1;
  if (fuzz::accepts([&] { score = parse_pain_score(text); })) FUZZ_CHECK(score >= 0 && score <= 10);
  int rpe = -1;
  if (fuzz::accepts([&] { rpe = parse_rpe(text); })) FUZZ_CHECK(rpe >= 1 && rpe <= 10);
  return 0;
}
