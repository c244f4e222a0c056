#pragma once
// pugixml helpers for the GPX and TCX parsers: names without namespace prefixes, so that
// <gpx:trkpt> and <trkpt> read alike, and one way to report XML that is not well formed.
#include <pugixml.hpp>
#include <string_view>
#include <vector>

namespace niggle::detail {

std::string_view local_name(const pugi::xml_node& node);
pugi::xml_node child(const pugi::xml_node& node, std::string_view name);
std::vector<pugi::xml_node> children(const pugi::xml_node& node, std::string_view name);
// Parses `bytes` (any encoding pugixml detects, a BOM is fine); FileError when not well formed.
void load_xml(pugi::xml_document& doc, std::string_view bytes);

}  // namespace niggle::detail
