// The bundle readers: posts.json and every kind of part. Input byte 0 picks
// what the rest is: the entry, or the bytes of one part of a known-good blog
// (a listing page, a post, a slug shard, a search bucket or postings). Never
// crashes; a refused entry has a reason; every view of whatever loads passes
// the HTML audit, including the error views a bad part leads to.
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <map>

#include "bundle_writer.hpp"
#include "engine.hpp"
#include "fixtures.hpp"
#include "html_audit.hpp"
#include "render_with_parts.hpp"

namespace {

using namespace buildlog;

void audit_views(Engine& engine, const std::map<std::string, std::string>& parts, std::vector<std::string> hashes) {
  for (const auto& h : hashes) {
    const auto page = test::render_with_parts(engine, parts, h);
    if (!page) std::abort();  // a view that keeps asking for parts it was given
    if (const auto bad = test::audit_html(page->body.str()); !bad.empty()) {
      std::cerr << h << ": " << bad << "\n";
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const SplitBundle good = split_bundle(test::hostile_bundle());
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  std::map<std::string, std::string> parts;
  for (const Part& p : good.parts) parts[p.name] = p.bytes;
  const std::vector<std::string> hashes{"./", "page/2/", "search/?q=pwned", "search/?q=scr", "search/?q=tag:aws", "search/?q=%22a%20b%22",
                                        "tag/aws/", "post/nope/", "#/post/" + test::hostile_bundle().posts.front().slug};
  Engine engine;
  if (data[0] % 2 == 0) {  // the entry
    const auto loaded = load_entry(input);
    const bool accepted = engine.load(input).empty();
    if (accepted != loaded.entry.has_value()) std::abort();
    if (!accepted && loaded.problems.empty()) std::abort();  // refused without a reason
    audit_views(engine, parts, hashes);
    return 0;
  }
  if (!engine.load(good.entry).empty()) std::abort();
  auto it = parts.begin();
  std::advance(it, (data[0] / 2) % parts.size());
  it->second = std::string(input);
  audit_views(engine, parts, hashes);
  return 0;
}
