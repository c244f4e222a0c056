#include <fmt/format.h>

#include "niggle/core/error.hpp"
#include "xml_impl.hpp"

namespace niggle::detail {

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  if (const auto colon = name.find(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
  return name;
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (const pugi::xml_node c : node.children())
    if (local_name(c) == name) return c;
  return {};
}

std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name) {
  std::vector<pugi::xml_node> out;
  for (const pugi::xml_node c : node.children())
    if (local_name(c) == name) out.push_back(c);
  return out;
}

void load_xml(pugi::xml_document& doc, std::string_view bytes) {
  const pugi::xml_parse_result result = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, pugi::encoding_auto);
  if (!result) {
    throw FileError(fmt::format("is not well-formed XML ({} at byte {})", result.description(), result.offset));
  }
}

}  // namespace niggle::detail
