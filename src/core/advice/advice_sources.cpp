#include "niggle/core/advice_sources.hpp"

#include <fmt/format.h>

namespace niggle {
namespace {

constexpr DocumentName kDocuments[] = {
    {Document::diary, "Ultra Training Diary: Running with Back Pain", "a runner's blog"},
    {Document::coach, "Running with Back Pain: Do or Don't?", "a running coach's article"},
    {Document::forum, "(mentally) dealing with back pain", "a cyclists' training forum thread"},
    {Document::upper_back, "", "an article on relieving upper back pain from running"},
    {Document::trainer, "How to Prevent Back Pain Flare Ups", "a trainer's post"},
};

}  // namespace

std::span<const DocumentName> documents() { return kDocuments; }

std::string cite(Document document) {
  for (const DocumentName& d : kDocuments) {
    if (d.document != document) continue;
    if (d.title.empty()) return std::string{d.kind};
    return fmt::format("\"{}\" ({})", d.title, d.kind);
  }
  return {};
}

std::string cite_inline(Document document) {
  for (const DocumentName& d : kDocuments) {
    if (d.document != document) continue;
    if (d.title.empty()) return std::string{d.kind};
    return fmt::format("\"{}\", {}", d.title, d.kind);
  }
  return {};
}

std::string cite(Document document, std::string_view what) {
  const DocumentName* found = nullptr;
  for (const DocumentName& d : kDocuments)
    if (d.document == document) found = &d;
  if (!found) return {};
  if (found->title.empty()) return fmt::format("{} ({})", found->kind, what);
  return fmt::format("\"{}\" ({}: {})", found->title, found->kind, what);
}

}  // namespace niggle
