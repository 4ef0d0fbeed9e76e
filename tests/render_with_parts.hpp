// Renders a view the way the page does: every part the view asks for is
// provided from `parts` (or failed as a 404 when missing), round after round.
// Shared by the unit tests and the fuzz targets.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine.hpp"

namespace buildlog::test {

// nullopt when the view still asks for parts after 8 rounds (a bug: no view
// needs more than a few). `fetched`, when given, records every part asked for.
inline std::optional<Page> render_with_parts(Engine& engine, const std::map<std::string, std::string>& parts, std::string_view hash,
                                             std::vector<std::string>* fetched = nullptr) {
  for (int round = 0; round < 8; ++round) {
    Page page = engine.render(hash);
    if (page.needs.empty()) return page;
    for (const auto& name : page.needs) {
      if (fetched != nullptr) fetched->push_back(name);
      if (const auto it = parts.find(name); it == parts.end()) engine.fail_part(name, "could not be fetched: HTTP 404 Not Found");
      else engine.provide(name, it->second);
    }
  }
  return std::nullopt;
}

}  // namespace buildlog::test
