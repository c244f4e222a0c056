#pragma once
// The documents behind niggle's advice, named as a runner or a physio can find them: by
// title and kind (ADVICE-RULES.md, "The documents"), never by a file name or a number.
// Every piece of user-facing text that cites one of them goes through `cite`.
#include <span>
#include <string>
#include <string_view>

namespace niggle {

enum class Document {
  diary,       // "Ultra Training Diary: Running with Back Pain" (a runner's blog)
  coach,       // "Running with Back Pain: Do or Don't?" (a running coach's article)
  forum,       // "(mentally) dealing with back pain" (a cyclists' training forum thread)
  upper_back,  // an article on relieving upper back pain from running
  trainer,     // "How to Prevent Back Pain Flare Ups" (a trainer's post)
};

struct DocumentName {
  Document document;
  std::string_view title;  // empty for a document without a title of its own
  std::string_view kind;   // "a running coach's article"
};
std::span<const DocumentName> documents();

// "\"Running with Back Pain: Do or Don't?\" (a running coach's article)"; for the untitled
// one, "an article on relieving upper back pain from running".
std::string cite(Document document);
// The same, followed by what the document says, in brackets: cite(coach, "cut mileage").
std::string cite(Document document, std::string_view what);
// The same, for use inside parentheses (a suggestion's source): no brackets of its own,
// "\"Title\", a running coach's article".
std::string cite_inline(Document document);

}  // namespace niggle
