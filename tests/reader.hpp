// The reader's engine over a bundle split in memory, rendering the way the
// page does: every part a view asks for is provided, round after round.
#pragma once

#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "bundle_writer.hpp"
#include "engine.hpp"
#include "render_with_parts.hpp"

namespace buildlog::test {

class Reader {
 public:
  explicit Reader(const Bundle& bundle) : split_(split_bundle(bundle)) {
    for (const Part& p : split_.parts) parts_[p.name] = p.bytes;
    problems_ = engine_.load(split_.entry);
  }

  Page render(std::string_view hash) {
    auto page = render_with_parts(engine_, parts_, hash, &fetched_);
    if (!page) FAIL("a view still needs parts after 8 rounds: " << hash);
    return page ? std::move(*page) : Page{};
  }

  Engine& engine() { return engine_; }
  const SplitBundle& split() const { return split_; }
  const Problems& problems() const { return problems_; }
  std::map<std::string, std::string>& parts() { return parts_; }  // what the "server" has
  const std::vector<std::string>& fetched() const { return fetched_; }
  void forget_fetched() { fetched_.clear(); }

 private:
  SplitBundle split_;
  std::map<std::string, std::string> parts_;
  Engine engine_;
  Problems problems_;
  std::vector<std::string> fetched_;
};

}  // namespace buildlog::test
