// The bundle loader: never crashes; a bundle it accepts saves and loads back
// equal, and renders through every view as audited HTML.
#include <cstdint>
#include <cstdlib>
#include <iostream>

#include "bundle.hpp"
#include "engine.hpp"
#include "html_audit.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace buildlog;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto loaded = load_bundle(input);
  Engine engine;
  engine.load(input);
  if (!loaded.bundle) {
    if (loaded.problems.empty()) std::abort();  // refused without a reason
    if (const auto bad = test::audit_html(engine.render("#/").body.str()); !bad.empty()) std::abort();
    return 0;
  }
  const auto again = load_bundle(save_bundle(*loaded.bundle));
  if (!again.bundle || !(*again.bundle == *loaded.bundle)) std::abort();
  std::vector<std::string> hashes{"#/", "#/search?q=a"};
  for (const auto& p : loaded.bundle->posts) {
    hashes.push_back(to_hash(PostRoute{p.slug}));
    for (const auto& t : p.tags) hashes.push_back(to_hash(TagRoute{t}));
    if (hashes.size() > 50) break;
  }
  for (const auto& h : hashes)
    if (const auto bad = test::audit_html(engine.render(h).body.str()); !bad.empty()) {
      std::cerr << h << ": " << bad << "\n";
      std::abort();
    }
  return 0;
}
