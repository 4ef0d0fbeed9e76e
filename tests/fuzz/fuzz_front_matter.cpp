// The author's post reader: never crashes; every post it accepts is valid and
// makes a bundle (entry and parts) the reader's engine accepts too.
#include <cstdint>
#include <cstdlib>

#include "bundle.hpp"
#include "bundle_writer.hpp"
#include "front_matter.hpp"
#include "markdown.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  const auto read = read_post_file("2026-01-02-fuzz.md", std::string_view(reinterpret_cast<const char*>(data), size));
  if (!read.post) {
    if (read.problems.empty()) std::abort();
    for (const auto& p : read.problems)
      if (!p.where.starts_with("2026-01-02-fuzz.md:")) std::abort();  // every problem says path:line
    return 0;
  }
  SourcePost p = *read.post;
  p.entities = markdown_entities(p.body);  // as reading a content folder does (content.cpp)
  if (!is_valid_slug(p.slug) || p.progress < 0 || p.progress > 100) std::abort();
  if (p.status != Status::published && !p.body.empty()) std::abort();
  Bundle b;
  b.posts.push_back(p);
  // The author tool must never write what the page refuses.
  const SplitBundle split = split_bundle(b);
  if (!load_entry(split.entry).entry) std::abort();
  for (const Part& part : split.parts) {
    Problems problems;
    const auto name = PartName::parse(part.name);
    if (!name) std::abort();
    bool ok = true;
    switch (name->kind) {
      case PartKind::post: ok = load_post_part(part.bytes, problems).has_value(); break;
      case PartKind::listing_page: ok = load_listing_page(part.bytes, problems).has_value(); break;
      case PartKind::upcoming_page: ok = load_upcoming_page(part.bytes, problems).has_value(); break;
      case PartKind::directory: ok = load_directory(part.bytes, problems).has_value(); break;
      case PartKind::slug_shard: ok = load_slug_shard(part.bytes, problems).has_value(); break;
      default: break;  // binary search parts: the search fuzzer's
    }
    if (!ok) std::abort();
  }
  return 0;
}
