#pragma once
// Text from the journal made safe for the page formats of `niggle report`. A note can hold
// anything a person typed or an import brought in: markup, control characters, bytes that
// are not UTF-8. On a page it must read as the words it is and never act as markup.
#include <string>
#include <string_view>

namespace niggle {

// `text` with every byte sequence that is not valid UTF-8, and every control character but
// tab and newline (C0, DEL, C1), replaced by U+FFFD; a carriage return before a newline is
// dropped. The result is valid UTF-8 and valid XML 1.0 character data.
std::string clean_text(std::string_view text);

// For HTML and XML text and attribute values: clean_text, then & < > " ' as references, so
// that the text is inert in any context of a well-formed page (`<script>` stays visible).
std::string html_escape(std::string_view text);

// For Markdown inline text (a list item, a table cell): clean_text, then a backslash before
// every punctuation mark that CommonMark could read as markup (emphasis, links, code, raw
// HTML, tables, entities), and before a line start that would open a heading, a list, a
// quote or a rule. Newlines become hard line breaks ("\" at the end of a line) so that a
// note of several lines stays one item; in a table cell (`table_cell`) they become " / ".
std::string markdown_escape(std::string_view text, bool table_cell = false);

}  // namespace niggle
