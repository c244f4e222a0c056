// The config file, TOML: what a user (or a broken editor) leaves in config.toml.
#include <string>

#include "fuzz.hpp"
#include "niggle/store/config.hpp"

using namespace niggle;

NIGGLE_FUZZ_TARGET(config) {
  const std::string_view text = fuzz::as_text(data, size);
  LoadedSettings loaded;
  if (!fuzz::accepts([&] { apply_config_text(text, "config.toml", loaded); })) return 0;
  // Whatever was accepted lies within each threshold's documented range.
  for (const ThresholdKey& key : threshold_keys()) {
    const double value = key.int_field ? loaded.settings.advice.*(key.int_field) : loaded.settings.advice.*(key.double_field);
    FUZZ_CHECK(value >= key.min && value <= key.max);
  }
  FUZZ_CHECK(loaded.settings.advice.mild_pain < loaded.settings.advice.severe_pain);
  for (const std::string& warning : loaded.warnings) FUZZ_CHECK(warning.find('\n') == std::string::npos);
  return 0;
}
